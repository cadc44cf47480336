//! `trellis summary`: build the growth summary, render it, write it privately.

use trellis_core::summary::{self, SummaryOptions};
use trellis_core::{Error, Journal, Result, files};

use super::today;
use crate::cli::{ImpactArgs, SummaryArgs, SummaryFormat};
use crate::output::Out;

pub fn run(j: &mut Journal, a: SummaryArgs, out: Out) -> Result<()> {
    let m = j.mentee(&a.mentee)?;
    let s = summary::build(
        j,
        &m.id,
        &SummaryOptions {
            since: a.since,
            until: a.until,
            exclude: vec![],
        },
        today(),
    )?;
    let format = chosen_format(out, a.format, a.out.is_some())?;
    let bytes = trellis_pdf::export(format, &s).map_err(Error::Storage)?;
    if !s.left_out.is_empty() {
        eprintln!(
            "trellis: note: {} private entr{} of the period left out",
            s.left_out.len(),
            if s.left_out.len() == 1 { "y" } else { "ies" }
        );
    }
    deliver(a.out, &bytes)
}

/// `trellis impact`: the lead's own report, across mentees.
pub fn impact(j: &mut Journal, a: ImpactArgs, out: Out) -> Result<()> {
    let format = chosen_format(out, a.format, a.out.is_some())?;
    let report = summary::impact::build(
        j,
        &SummaryOptions {
            since: a.since,
            until: a.until,
            exclude: vec![],
        },
        today(),
    )?;
    let bytes = trellis_pdf::export_impact(format, &report).map_err(Error::Storage)?;
    deliver(a.out, &bytes)
}

fn chosen_format(out: Out, asked: SummaryFormat, to_file: bool) -> Result<summary::Format> {
    let format = match (out.json, asked) {
        (true, _) | (_, SummaryFormat::Json) => summary::Format::Json,
        (_, SummaryFormat::Md) => summary::Format::Md,
        (_, SummaryFormat::Html) => summary::Format::Html,
        (_, SummaryFormat::Pdf) => summary::Format::Pdf,
    };
    if format == summary::Format::Pdf && !to_file {
        return Err(Error::invalid(
            "format",
            "a PDF is written to a file: add --out FILE.pdf",
        ));
    }
    Ok(format)
}

/// Writes to the file (atomically, 0600) and prints its path, or prints the document.
fn deliver(path: Option<std::path::PathBuf>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(path) => {
            files::write_private_atomic(&path, bytes)?;
            println!("{}", path.display());
        }
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(bytes)
                .map_err(|source| Error::Io {
                    context: "cannot write to standard output".into(),
                    source,
                })?;
        }
    }
    Ok(())
}

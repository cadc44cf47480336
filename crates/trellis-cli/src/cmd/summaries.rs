//! `trellis summary` and `trellis impact` (the app's commands/summaries.rs): build (the
//! core decides what may leave), render and write privately (trellis-export), or print.

use trellis_core::files::Target;
use trellis_core::summary::{self, SummaryOptions};
use trellis_core::{Error, Journal, Named, Result};

use super::today;
use crate::cli::{ImpactArgs, OutArgs, PeriodArgs, SummaryArgs, SummaryFormat};
use crate::output::Out;

fn options(p: &PeriodArgs) -> SummaryOptions {
    SummaryOptions {
        since: p.since,
        until: p.until,
        months: Some(p.months),
        exclude: vec![],
    }
}

pub fn run(j: &mut Journal, a: SummaryArgs, out: Out) -> Result<()> {
    let m = j.resolve(Named::Mentee, &a.mentee)?;
    let a = a.document;
    let preview = summary::build(j, &m, &options(&a.period), today())?;
    let format = chosen_format(out, a.format, a.target.out.is_some())?;
    let left_out = preview.withheld.private.len();
    match &a.target.out {
        Some(path) => {
            trellis_export::export_summary(&preview.summary, format, &target(j, path, &a.target))?;
            println!("{}", path.display());
        }
        None => print(&trellis_export::render(format, &preview.summary)?)?,
    }
    if left_out > 0 {
        eprintln!(
            "trellis: note: {left_out} private item{} of the period left out",
            if left_out == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

/// `trellis impact`: the lead's own report, across mentees.
pub fn impact(j: &mut Journal, a: ImpactArgs, out: Out) -> Result<()> {
    let a = a.document;
    let format = chosen_format(out, a.format, a.target.out.is_some())?;
    let report = summary::impact::build(j, &options(&a.period), today())?;
    match &a.target.out {
        Some(path) => {
            trellis_export::export_impact(&report, format, &target(j, path, &a.target))?;
            println!("{}", path.display());
        }
        None => print(&trellis_export::render_impact(format, &report)?)?,
    }
    Ok(())
}

fn target<'a>(j: &'a Journal, path: &'a std::path::Path, o: &OutArgs) -> Target<'a> {
    Target {
        path,
        journal: j.path(),
        replace: o.force,
    }
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

fn print(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    std::io::stdout()
        .write_all(bytes)
        .map_err(|source| Error::Io {
            context: "cannot write to standard output".into(),
            source,
        })
}

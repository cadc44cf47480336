//! `trellis summary`: build the growth summary, render it, write it privately.

use trellis_core::summary::{self, SummaryOptions};
use trellis_core::{Journal, Result, files};

use super::today;
use crate::cli::{SummaryArgs, SummaryFormat};
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
    let format = if out.json {
        SummaryFormat::Json
    } else {
        a.format
    };
    let text = match format {
        SummaryFormat::Md => summary::to_markdown(&s),
        SummaryFormat::Html => summary::to_html(&s),
        SummaryFormat::Json => summary::to_json(&s),
    };
    if !s.left_out.is_empty() {
        eprintln!(
            "trellis: note: {} private entr{} of the period left out",
            s.left_out.len(),
            if s.left_out.len() == 1 { "y" } else { "ies" }
        );
    }
    match a.out {
        Some(path) => {
            files::write_private_atomic(&path, text.as_bytes())?;
            println!("{}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}

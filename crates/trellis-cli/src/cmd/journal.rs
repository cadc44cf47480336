//! `trellis init`, `trellis demo`, `trellis export`, `trellis import` (the app's
//! commands/journal.rs): the journal as a whole.

use std::path::{Path, PathBuf};
use std::time::Instant;

use trellis_core::archive::{self, ImportMode};
use trellis_core::demo::{self, DemoOptions};
use trellis_core::files::{Target, write_export};
use trellis_core::{Journal, Result};

use super::today;
use crate::cli::DemoArgs;
use crate::output::Out;

pub fn init(path: &Path, out: Out) -> Result<()> {
    let existed = path.exists();
    let journal = Journal::create(path)?;
    let info = serde_json::json!({
        "journal": path,
        "created": !existed,
        "schema_version": journal.schema_version()?,
    });
    out.print(&info, |_| {
        if existed {
            println!("Journal already exists at {}", path.display());
        } else {
            println!("Created journal at {}", path.display());
        }
    })
}

pub fn demo(path: &Path, args: DemoArgs, out: Out) -> Result<()> {
    let opts = DemoOptions {
        mentees: args.mentees,
        years: args.years,
        seed: args.seed,
        end: args.end.unwrap_or_else(today),
    };
    let started = Instant::now();
    let (_, report) = demo::create_journal(path, &opts).map_err(|e| match e {
        trellis_core::Error::Conflict(why) => {
            trellis_core::Error::Conflict(format!("{why}: `trellis --journal NEW.db demo`"))
        }
        e => e,
    })?;
    let seconds = started.elapsed().as_secs_f64();
    let summary = serde_json::json!({
        "journal": path,
        "report": report,
        "seconds": seconds,
        "entries_per_second": report.entries as f64 / seconds.max(1e-9),
    });
    out.print(&summary, |_| {
        println!(
            "Demo journal at {}: {} mentees, {} entries, {} goals ({} check-ins), {} assessments, {} action items in {:.2} s ({:.0} entries/s)",
            path.display(),
            report.mentees,
            report.entries,
            report.goals,
            report.check_ins,
            report.assessments,
            report.action_items,
            seconds,
            report.entries as f64 / seconds.max(1e-9)
        );
    })
}

pub fn export(
    j: &Journal,
    file: Option<PathBuf>,
    force: bool,
    vault: Option<PathBuf>,
    out: Out,
) -> Result<()> {
    let archive = j.archive()?;
    if let Some(dir) = vault {
        let n = archive::write_vault(&archive, &dir)?;
        return out.print(&serde_json::json!({ "vault": dir, "files": n }), |_| {
            println!("{} ({n} files)", dir.display());
        });
    }
    let file = file.unwrap_or_default();
    write_export(
        &Target {
            path: &file,
            journal: j.path(),
            replace: force,
        },
        archive.to_json().as_bytes(),
    )?;
    out.print(&serde_json::json!({ "archive": file }), |_| {
        println!("{}", file.display());
    })
}

pub fn import(j: &mut Journal, file: PathBuf, replace: bool, out: Out) -> Result<()> {
    let bytes = archive::read_file(&file)?;
    let mode = if replace {
        ImportMode::Replace
    } else {
        ImportMode::Merge
    };
    let report = j.import_archive(&bytes, mode)?;
    out.print(&report, |r| {
        println!(
            "Imported {} from {}: {} added, {} unchanged, {} replaced",
            r.added + r.replaced.len(),
            file.display(),
            r.added,
            r.unchanged,
            r.replaced.len()
        );
        for c in &r.replaced {
            println!("  replaced {} ({})", c.path, c.what.join(", "));
        }
    })
}

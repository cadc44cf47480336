//! `trellis backup`, `trellis restore`, `trellis check` (the app's commands/backups.rs).

use std::path::{Path, PathBuf};

use trellis_core::{Journal, RestoreFrom, Result};

use crate::output::Out;

pub fn backup(j: &Journal, file: Option<PathBuf>, out: Out) -> Result<()> {
    let written = j.backup(file.as_deref())?;
    out.print(&serde_json::json!({ "backup": written }), |_| {
        println!("{}", written.display());
    })
}

pub fn restore(j: &mut Journal, file: PathBuf, from_other_journal: bool, out: Out) -> Result<()> {
    let mode = if from_other_journal {
        RestoreFrom::AnyFile
    } else {
        RestoreFrom::OwnBackup
    };
    let aside = j.restore(&file, mode)?;
    out.print(
        &serde_json::json!({ "restored_from": file, "previous_journal": aside }),
        |_| {
            println!(
                "Restored {}; the journal as it was is kept at {}",
                file.display(),
                aside.display()
            );
        },
    )
}

/// Runs the integrity check (a damaged journal is moved aside) and lists the backups.
pub fn check(path: &Path, out: Out) -> Result<()> {
    // Checking a mistyped path must not create a journal there.
    if !path.exists() {
        return Err(trellis_core::Error::NoJournal {
            path: path.to_path_buf(),
        });
    }
    let journal = Journal::create_checked(path)?;
    let backups = journal.backups()?;
    let info = serde_json::json!({
        "journal": path,
        "integrity": "ok",
        "backups": backups.iter().map(|b| b.path.clone()).collect::<Vec<_>>(),
    });
    out.print(&info, |_| {
        println!("{}: integrity ok", path.display());
        match backups.first() {
            Some(b) => println!(
                "{} backups; newest {} ({})",
                backups.len(),
                b.path.display(),
                b.made
            ),
            None => println!("no backups yet; make one with `trellis backup`"),
        }
    })
}

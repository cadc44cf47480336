//! `trellis backup`, `trellis restore`, `trellis check` (the app's commands/backups.rs).

use std::path::{Path, PathBuf};

use trellis_core::{Journal, RestoreFrom, Result};

use crate::output::Out;

pub fn backup(j: &mut Journal, file: Option<PathBuf>, out: Out) -> Result<()> {
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
    let aside = match j.restore(&file, mode) {
        // An encrypted copy sealed with another key (made before encryption was turned off
        // and on again, or another journal's): its own passphrase opens it.
        Err(trellis_core::Error::Locked { path }) if path == file => {
            super::encryption::unlock_copy(&file)?;
            j.restore(&file, mode)?
        }
        other => other?,
    };
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
pub fn check(path: &Path, repair_index: bool, out: Out) -> Result<()> {
    // Checking a mistyped path must not create a journal there.
    if !path.exists() {
        return Err(trellis_core::Error::NoJournal {
            path: path.to_path_buf(),
        });
    }
    let mut journal = Journal::create_checked(path)?;
    let repaired = if repair_index {
        Some(journal.rebuild_search_index()?)
    } else {
        None
    };
    let index = journal.check_search_index()?;
    let backups = journal.backups()?;
    let unreadable = journal.unreadable_settings()?;
    let info = serde_json::json!({
        "unreadable_settings": unreadable.iter().map(|(k, v)| serde_json::json!({"setting": k, "value": v})).collect::<Vec<_>>(),
        "journal": path,
        "integrity": "ok",
        "search_index": index,
        "search_index_ok": index.ok(),
        "repaired": repaired,
        "backups": backups.iter().map(|b| b.path.clone()).collect::<Vec<_>>(),
    });
    out.print(&info, |_| {
        println!("{}: integrity ok", path.display());
        if let Some(n) = repaired {
            println!("search index rebuilt ({n} records)");
        }
        if index.ok() {
            println!("search index: ok ({} records)", index.records);
        } else {
            println!(
                "search index: disagrees with the journal ({} missing, {} out of date, {} left over); repair it with `trellis check --repair-index`",
                index.missing, index.stale, index.orphaned
            );
        }
        for (k, v) in &unreadable {
            println!("setting not understood, the default applies: {k} = {v:?}");
        }
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

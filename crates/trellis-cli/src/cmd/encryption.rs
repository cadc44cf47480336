//! `trellis encrypt`, `decrypt`, `passphrase change`, `recover`, and unlocking an
//! encrypted journal before any other command. Secrets come from a terminal prompt
//! without echo, or from the files named by `TRELLIS_PASSPHRASE_FILE` /
//! `TRELLIS_NEW_PASSPHRASE_FILE` (for scripts); never from an argument, which any user
//! of the machine could read in the process list.

use std::io::IsTerminal;
use std::path::Path;

use trellis_core::keys::{KdfParams, Passphrase, RecoveryKey, Unlock};
use trellis_core::{Error, Journal, Result};
use zeroize::Zeroizing;

use crate::output::Out;

/// Names a file holding the journal's passphrase.
pub const PASSPHRASE_FILE: &str = "TRELLIS_PASSPHRASE_FILE";
/// Names a file holding the new passphrase for `passphrase change` and `recover`.
pub const NEW_PASSPHRASE_FILE: &str = "TRELLIS_NEW_PASSPHRASE_FILE";
/// Prompts for the current passphrase before giving up.
const TRIES: u32 = 3;

fn env_file(var: &str) -> Option<std::path::PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
}

fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn no_terminal(var: &str) -> Error {
    Error::invalid(
        "passphrase",
        format!(
            "the journal is encrypted and there is no terminal to ask for its passphrase: set {var} to a file that holds it"
        ),
    )
}

fn prompt(text: &str) -> Result<Zeroizing<String>> {
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|source| Error::Io {
            context: "cannot read the passphrase from the terminal".to_string(),
            source,
        })
}

/// A new passphrase: from the file `var` names, else asked twice on the terminal.
fn new_passphrase(var: &str) -> Result<Passphrase> {
    if let Some(file) = env_file(var) {
        return Passphrase::new(Passphrase::read_file(&file)?.to_string());
    }
    if !can_prompt() {
        return Err(Error::invalid(
            "passphrase",
            format!(
                "there is no terminal to ask for the new passphrase: set {var} to a file that holds it"
            ),
        ));
    }
    loop {
        let first = prompt("New passphrase (at least 8 characters): ")?;
        let chosen = match Passphrase::new(first.to_string()) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("trellis: {e}");
                continue;
            }
        };
        let again = prompt("The same passphrase again: ")?;
        if *again == *first {
            return Ok(chosen);
        }
        eprintln!("trellis: the two passphrases differ; once more");
    }
}

/// The current passphrase, proven: it unlocks the journal for this process. From
/// `TRELLIS_PASSPHRASE_FILE` (one try), or asked on the terminal (three tries).
fn current(path: &Path) -> Result<Unlock> {
    if let Some(file) = env_file(PASSPHRASE_FILE) {
        let u = Unlock::Passphrase(Passphrase::to_unlock(
            Passphrase::read_file(&file)?.to_string(),
        )?);
        Journal::unlock(path, &u)?;
        return Ok(u);
    }
    if !can_prompt() {
        return Err(no_terminal(PASSPHRASE_FILE));
    }
    let mut last = None;
    for _ in 0..TRIES {
        let typed = prompt(&format!("Passphrase for {}: ", path.display()))?;
        let u = Unlock::Passphrase(Passphrase::to_unlock(typed.to_string())?);
        match Journal::unlock(path, &u) {
            Ok(()) => return Ok(u),
            Err(e @ Error::WrongKey { .. }) => {
                eprintln!("trellis: {e}");
                last = Some(e);
            }
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or(Error::WrongKey { what: "passphrase" }))
}

/// Unlocks an encrypted copy (a backup) sealed with a key of its own: the passphrase from
/// `TRELLIS_PASSPHRASE_FILE` is tried first (often the same), then asked on the terminal.
pub fn unlock_copy(copy: &Path) -> Result<()> {
    if let Some(file) = env_file(PASSPHRASE_FILE) {
        let u = Unlock::Passphrase(Passphrase::to_unlock(
            Passphrase::read_file(&file)?.to_string(),
        )?);
        match Journal::unlock_copy(copy, &u) {
            Ok(()) => return Ok(()),
            Err(Error::WrongKey { .. }) if can_prompt() => {}
            Err(e) => return Err(e),
        }
    }
    if !can_prompt() {
        return Err(Error::Locked {
            path: copy.to_path_buf(),
        });
    }
    let typed = prompt(&format!("Passphrase of the copy {}: ", copy.display()))?;
    Journal::unlock_copy(
        copy,
        &Unlock::Passphrase(Passphrase::to_unlock(typed.to_string())?),
    )
}

/// Unlocks the journal for this process when it is encrypted.
pub fn unlock_if_locked(path: &Path) -> Result<()> {
    if Journal::is_locked(path)? {
        current(path)?;
    }
    Ok(())
}

pub fn encrypt(path: &Path, recovery_file: Option<&Path>, out: Out) -> Result<()> {
    if Journal::is_encrypted(path)? {
        return Err(Error::Conflict(format!(
            "{} is encrypted already; to change its passphrase use `trellis passphrase change`",
            path.display()
        )));
    }
    if let Some(f) = recovery_file
        && f.exists()
    {
        return Err(Error::Conflict(format!(
            "{} exists already; name a new file for the recovery key",
            f.display()
        )));
    }
    let passphrase = new_passphrase(PASSPHRASE_FILE)?;
    let done = Journal::encrypt(path, &passphrase, KdfParams::DEFAULT)?;
    let shown = done.recovery.display();
    let mut written = None;
    if let Some(f) = recovery_file {
        match trellis_core::files::write_private_new(f, done.recovery.file_text(path).as_bytes()) {
            Ok(()) => written = Some(f.to_path_buf()),
            Err(e) => eprintln!(
                "trellis: the journal is encrypted, but the recovery key could not be written to {}: {e}; copy it from below",
                f.display()
            ),
        }
    }
    out.print(
        &serde_json::json!({
            "journal": path,
            "encrypted": true,
            "recovery_key": shown.as_str(),
            "recovery_key_file": written,
            "converted_copies": done.converted.copies,
            "left_as_they_were": done.converted.left,
        }),
        |_| {
            println!("{} is encrypted.", path.display());
            println!();
            println!(
                "Recovery key (shown once; it opens the journal if the passphrase is forgotten):"
            );
            println!();
            println!("    {}", shown.as_str());
            println!();
            if let Some(f) = &written {
                println!(
                    "It was also written to {}. Keep it away from this laptop.",
                    f.display()
                );
            } else {
                println!("Write it down or keep it in a password manager, away from this laptop.");
            }
            println!(
                "{} backups and copies were encrypted too.",
                done.converted.copies.len()
            );
            for l in &done.converted.left {
                println!(
                    "Left as it was (not readable as a journal; still plain): {}",
                    l.display()
                );
            }
        },
    )
}

pub fn decrypt(path: &Path, out: Out) -> Result<()> {
    require_encrypted(path)?;
    let done = Journal::decrypt(path, &current(path)?)?;
    out.print(
        &serde_json::json!({
            "journal": path,
            "encrypted": false,
            "converted_copies": done.copies,
            "left_as_they_were": done.left,
        }),
        |_| {
            println!(
                "{} is no longer encrypted ({} backups and copies converted too).",
                path.display(),
                done.copies.len()
            );
            for l in &done.left {
                println!(
                    "Left encrypted (another key, or not readable): {}",
                    l.display()
                );
            }
        },
    )
}

fn require_encrypted(path: &Path) -> Result<()> {
    if !path.exists() {
        return Err(Error::NoJournal {
            path: path.to_path_buf(),
        });
    }
    if !Journal::is_encrypted(path)? {
        // Not plain SQLite and no key file: say that, rather than "not encrypted".
        drop(Journal::open(path)?);
        return Err(Error::Conflict(format!(
            "{} is not encrypted; `trellis encrypt` turns encryption on",
            path.display()
        )));
    }
    Ok(())
}

pub fn change(path: &Path, out: Out) -> Result<()> {
    require_encrypted(path)?;
    // The current passphrase is proven before the new one is asked.
    let unlock = current(path)?;
    let new = new_passphrase(NEW_PASSPHRASE_FILE)?;
    Journal::change_passphrase(path, &unlock, &new)?;
    out.print(
        &serde_json::json!({ "journal": path, "passphrase_changed": true }),
        |_| {
            println!("The passphrase of {} is changed.", path.display());
        },
    )
}

pub fn recover(path: &Path, file: Option<&Path>, out: Out) -> Result<()> {
    require_encrypted(path)?;
    let key = match file {
        Some(f) => RecoveryKey::from_file(f)?,
        None if can_prompt() => RecoveryKey::parse(&prompt("Recovery key: ")?)?,
        None => {
            return Err(Error::invalid(
                "recovery key",
                "there is no terminal to ask for the recovery key: name the file that holds it with --recovery-key-file",
            ));
        }
    };
    let unlock = Unlock::Recovery(key);
    Journal::unlock(path, &unlock)?;
    let new = new_passphrase(NEW_PASSPHRASE_FILE)?;
    Journal::change_passphrase(path, &unlock, &new)?;
    out.print(
        &serde_json::json!({ "journal": path, "passphrase_changed": true }),
        |_| {
            println!(
                "{} opens with the new passphrase; the recovery key still works.",
                path.display()
            );
        },
    )
}

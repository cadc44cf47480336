//! One app per journal: the first instance holds a lock beside the journal and listens on
//! a local socket; a second launch on the same journal asks the first to come to the
//! front, then exits. (Two windows writing one journal is safe for SQLite, but confusing.)

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Held for the app's lifetime: dropping it releases the journal.
pub struct Claim {
    _lock: File,
    #[cfg(unix)]
    pub socket: PathBuf,
}

fn side_file(journal: &Path, suffix: &str) -> PathBuf {
    let name = journal
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    journal.with_file_name(format!(".{name}.{suffix}"))
}

/// Claims the journal for this instance, or returns `None` if another instance has it
/// (after asking that one to show itself).
pub fn claim(journal: &Path) -> std::io::Result<Option<Claim>> {
    if let Some(dir) = journal.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let lock = open_lock(&side_file(journal, "lock"))?;
    // An instance that is just quitting lets go within a moment.
    let deadline = Instant::now() + Duration::from_millis(1500);
    loop {
        match lock.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                ask_to_focus(journal);
                return Ok(None);
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
    }
    #[cfg(unix)]
    {
        let socket = side_file(journal, "sock");
        let _ = std::fs::remove_file(&socket); // stale: we hold the lock
        Ok(Some(Claim {
            _lock: lock,
            socket,
        }))
    }
    #[cfg(not(unix))]
    Ok(Some(Claim { _lock: lock }))
}

/// Opens (or creates) the lock file: private, never through a symlink (a planted link
/// must not make the app open or truncate another file), never truncated.
fn open_lock(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

#[cfg(unix)]
fn ask_to_focus(journal: &Path) {
    use std::io::Write;
    if let Ok(mut s) = std::os::unix::net::UnixStream::connect(side_file(journal, "sock")) {
        let _ = s.write_all(b"focus\n");
    }
}

#[cfg(not(unix))]
fn ask_to_focus(_: &Path) {}

/// Listens for "focus" requests from later launches and runs `focus` for each.
#[cfg(unix)]
pub fn listen(claim: &Claim, focus: impl Fn() + Send + 'static) {
    use std::io::Read;
    let Ok(listener) = std::os::unix::net::UnixListener::bind(&claim.socket) else {
        return;
    };
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 16];
            if stream
                .read(&mut buf)
                .is_ok_and(|n| buf[..n].starts_with(b"focus"))
            {
                focus();
            }
        }
    });
}

#[cfg(not(unix))]
pub fn listen(_: &Claim, _: impl Fn() + Send + 'static) {}

#[cfg(test)]
mod tests {
    use super::claim;

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_never_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = dir.path().join("journal.db");
        let precious = dir.path().join("precious.txt");
        std::fs::write(&precious, "keep me").expect("write");
        std::os::unix::fs::symlink(&precious, dir.path().join(".journal.db.lock"))
            .expect("plant a link");
        assert!(claim(&journal).is_err(), "the link is refused");
        assert_eq!(
            std::fs::read_to_string(&precious).expect("read"),
            "keep me",
            "and what it points at is untouched"
        );
    }

    #[test]
    fn a_journal_has_one_app_at_a_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = dir.path().join("journal.db");
        let first = claim(&journal)
            .expect("claim")
            .expect("the first launch owns the journal");
        assert!(
            claim(&journal).expect("claim").is_none(),
            "a second launch defers to the first"
        );
        let other = claim(&dir.path().join("other.db")).expect("claim");
        assert!(other.is_some(), "another journal may have its own window");
        drop(first);
        assert!(
            claim(&journal).expect("claim").is_some(),
            "after the first quits, a launch owns it again"
        );
    }
}

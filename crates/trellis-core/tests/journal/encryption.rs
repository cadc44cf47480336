//! Encryption at rest: turning it on and off, locking, the passphrase and the recovery
//! key, and every copy of an encrypted journal encrypted too.

use std::path::{Path, PathBuf};

use trellis_core::keys::{KdfParams, Passphrase, RecoveryKey, Unlock, key_file_path};
use trellis_core::{EntryDetails, Error, Journal, NewMentee, Note, NoteKind, RestoreFrom};

use super::entries::new_entry;

const SECRET: &str = "Zanzibar-quarterly-secret";

fn pass(s: &str) -> Passphrase {
    Passphrase::new(s.to_string()).expect("a good passphrase")
}

fn by_pass(s: &str) -> Unlock {
    Unlock::Passphrase(pass(s))
}

/// A plain journal with one mentee and one entry whose body holds `SECRET`.
fn plain_journal(dir: &Path) -> PathBuf {
    let path = dir.join("journal.db");
    let mut j = Journal::create(&path).expect("created");
    let m = j
        .add_mentee(NewMentee {
            name: "Mei Tanaka".into(),
            ..Default::default()
        })
        .expect("mentee");
    let mut e = new_entry(
        &m,
        "2026-11-02",
        EntryDetails::Note(Note {
            subkind: NoteKind::OneOnOne,
        }),
    );
    e.body = format!("Talked about {SECRET} in depth.");
    j.add_entry(e).expect("entry");
    j.backup(None).expect("a plain backup before encryption");
    path
}

/// Everything a file holds on disk: it and its `-wal`.
fn bytes_of(path: &Path) -> Vec<u8> {
    let mut b = std::fs::read(path).expect("file");
    if let Ok(w) = std::fs::read(format!("{}-wal", path.display())) {
        b.extend(w);
    }
    b
}

/// The file is unreadable without its key: no SQLite header, no secret in the bytes, and
/// plain SQLite (what `sqlite3` would do) cannot read it.
fn assert_sealed(path: &Path) {
    let bytes = bytes_of(path);
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "{} has a plain SQLite header",
        path.display()
    );
    assert!(
        !bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()),
        "{} shows the secret in its bytes",
        path.display()
    );
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("sqlite opens any file lazily");
    assert!(
        c.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r
            .get::<_, i64>(0))
            .is_err(),
        "{} reads without its key",
        path.display()
    );
    assert!(
        key_file_path(path).exists(),
        "{} has no key file",
        path.display()
    );
}

fn entry_bodies(path: &Path) -> Vec<String> {
    let j = Journal::open(path).expect("opens");
    let m = j.mentees(false).expect("mentees");
    j.timeline(&m[0].id, None, None)
        .expect("timeline")
        .into_iter()
        .map(|e| e.entry.body)
        .collect()
}

fn hash(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

#[test]
fn on_use_lock_unlock_change_recover_off() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = plain_journal(dir.path());
    let on = Journal::encrypt(&path, &pass("first passphrase"), KdfParams::FOR_TESTS)
        .expect("encrypted");
    assert!(Journal::is_encrypted(&path).expect("checked"));
    assert_sealed(&path);
    assert_eq!(
        on.converted.copies.len(),
        1,
        "the plain backup was converted: {:?}",
        on.converted
    );
    assert_sealed(&on.converted.copies[0]);
    assert!(
        entry_bodies(&path)[0].contains(SECRET),
        "the notes are all there"
    );

    // Use: a write lands encrypted too.
    {
        let mut j = Journal::open(&path).expect("opens while unlocked");
        assert!(j.encrypted());
        let m = j.mentees(false).expect("mentees")[0].clone();
        j.add_entry(new_entry(
            &m,
            "2026-11-09",
            EntryDetails::Note(Note {
                subkind: NoteKind::OneOnOne,
            }),
        ))
        .expect("saved");
    }
    assert_sealed(&path);

    // Lock: nothing opens it.
    Journal::lock(&path);
    assert!(Journal::is_locked(&path).expect("checked"));
    let err = Journal::open(&path).expect_err("a locked journal must not open");
    assert!(matches!(err, Error::Locked { .. }), "{err}");

    // A wrong passphrase changes nothing.
    let (before, before_key) = (hash(&path), hash(&key_file_path(&path)));
    let err = Journal::unlock(&path, &by_pass("not the passphrase")).expect_err("refused");
    assert!(matches!(err, Error::WrongKey { .. }), "{err}");
    let err = Journal::change_passphrase(
        &path,
        &by_pass("not the passphrase"),
        &pass("whatever it is"),
    )
    .expect_err("refused");
    assert!(matches!(err, Error::WrongKey { .. }), "{err}");
    let err = Journal::decrypt(&path, &by_pass("not the passphrase")).expect_err("refused");
    assert!(matches!(err, Error::WrongKey { .. }), "{err}");
    assert_eq!(hash(&path), before, "the journal is unchanged");
    assert_eq!(
        hash(&key_file_path(&path)),
        before_key,
        "the key file is unchanged"
    );
    assert!(Journal::is_locked(&path).expect("checked"));

    // Unlock.
    Journal::unlock(&path, &by_pass("first passphrase")).expect("unlocked");
    assert_eq!(entry_bodies(&path).len(), 2);

    // Change the passphrase: nothing re-encrypted, the old one no longer opens it.
    Journal::change_passphrase(
        &path,
        &by_pass("first passphrase"),
        &pass("second passphrase"),
    )
    .expect("changed");
    assert_eq!(
        hash(&path),
        hash(&path),
        "the journal itself is not rewritten"
    );
    Journal::lock(&path);
    assert!(matches!(
        Journal::unlock(&path, &by_pass("first passphrase")),
        Err(Error::WrongKey { .. })
    ));
    Journal::unlock(&path, &by_pass("second passphrase")).expect("the new one opens it");
    // The backup's key file was resealed too: the new passphrase opens it alone.
    let copy = &on.converted.copies[0];
    let copy_key = trellis_core::keys::KeyFile::read(&key_file_path(copy)).expect("key file");
    copy_key
        .open(&by_pass("second passphrase"))
        .expect("the copy opens with the new passphrase");
    Journal::lock(&path);

    // Forgot it: the recovery key sets a new one.
    let shown = on.recovery.display();
    let typed = RecoveryKey::parse(&shown).expect("parses");
    Journal::change_passphrase(&path, &Unlock::Recovery(typed), &pass("third passphrase"))
        .expect("recovered");
    Journal::lock(&path);
    Journal::unlock(&path, &by_pass("third passphrase")).expect("opens");

    // Off: plain again, the key files gone, every note there.
    let off = Journal::decrypt(&path, &by_pass("third passphrase")).expect("decrypted");
    assert!(!Journal::is_encrypted(&path).expect("checked"));
    assert!(
        std::fs::read(&path)
            .expect("file")
            .starts_with(b"SQLite format 3\0")
    );
    assert!(!key_file_path(&path).exists());
    assert_eq!(off.copies.len(), 1);
    assert!(
        std::fs::read(&off.copies[0])
            .expect("copy")
            .starts_with(b"SQLite format 3\0")
    );
    assert!(!key_file_path(&off.copies[0]).exists());
    let bodies = entry_bodies(&path);
    assert_eq!(bodies.len(), 2);
    assert!(bodies.iter().any(|b| b.contains(SECRET)));
    assert_eq!(
        Journal::open(&path)
            .expect("opens")
            .integrity_check()
            .expect("check"),
        "ok"
    );
}

#[test]
fn every_kind_of_copy_is_encrypted_and_restores() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = plain_journal(dir.path());
    Journal::encrypt(&path, &pass("copy passphrase"), KdfParams::FOR_TESTS).expect("on");
    let mut j = Journal::open(&path).expect("opens");
    let automatic = j.backup(None).expect("automatic backup");
    let chosen = dir.path().join("elsewhere.db");
    j.backup(Some(&chosen)).expect("trellis backup --to");
    let aside = j
        .restore(&automatic, RestoreFrom::OwnBackup)
        .expect("restored");
    drop(j);
    for copy in [&automatic, &chosen, &aside] {
        assert_sealed(copy);
        trellis_core::verify(copy).expect("checks with the key");
    }
    assert!(
        entry_bodies(&path)[0].contains(SECRET),
        "the restore brought the notes back"
    );

    // Restoring a plain file into an encrypted journal keeps the journal encrypted.
    let plain_dir = tempfile::tempdir().expect("temp dir");
    let plain = plain_journal(plain_dir.path());
    let mut j = Journal::open(&path).expect("opens");
    j.restore(&plain, RestoreFrom::AnyFile)
        .expect("restored from a plain file");
    drop(j);
    assert_sealed(&path);
    assert!(entry_bodies(&path)[0].contains(SECRET));

    // Locked, none of them can be read, even to check.
    Journal::lock(&path);
    for copy in [&automatic, &chosen, &aside] {
        let err = trellis_core::verify(copy).expect_err("a locked copy must not be read");
        assert!(
            matches!(err, Error::Locked { .. } | Error::NotAJournal { .. }),
            "{err}"
        );
    }
}

#[test]
fn a_damaged_encrypted_journal_is_set_aside_encrypted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = plain_journal(dir.path());
    Journal::encrypt(&path, &pass("damage passphrase"), KdfParams::FOR_TESTS).expect("on");
    // Wreck a page past the first: the key still opens the header, the check fails.
    let mut bytes = std::fs::read(&path).expect("file");
    assert!(bytes.len() > 3 * 4096, "more than two pages");
    for b in &mut bytes[2 * 4096 + 100..2 * 4096 + 400] {
        *b ^= 0x5a;
    }
    std::fs::write(&path, &bytes).expect("wrecked");
    let err = Journal::create_checked(&path).expect_err("damage must be reported");
    let Error::Damaged { moved_to, .. } = err else {
        panic!("expected Damaged, got {err}");
    };
    assert_sealed(&moved_to);
    assert!(
        Journal::is_encrypted(&path).expect("checked"),
        "the new journal is encrypted too"
    );
    Journal::open(&path).expect("the new journal opens with the same key");
}

#[test]
fn a_journal_in_use_elsewhere_is_not_converted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = plain_journal(dir.path());
    let other = Journal::open(&path).expect("another process has it open");
    let before = hash(&path);
    let err = Journal::encrypt(&path, &pass("busy passphrase"), KdfParams::FOR_TESTS)
        .expect_err("refused while open elsewhere");
    assert!(err.to_string().contains("close it"), "{err}");
    assert_eq!(hash(&path), before);
    assert!(!key_file_path(&path).exists());
    drop(other);
}

#[test]
fn an_encrypted_file_without_its_key_file_is_no_journal_and_is_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = plain_journal(dir.path());
    Journal::encrypt(&path, &pass("lost key file"), KdfParams::FOR_TESTS).expect("on");
    let kf = key_file_path(&path);
    std::fs::rename(&kf, dir.path().join("elsewhere.key")).expect("moved away");
    let before = hash(&path);
    let err = Journal::create_checked(&path).expect_err("refused");
    assert!(
        !matches!(err, Error::Damaged { .. }),
        "an encrypted journal is never taken for a damaged one: {err}"
    );
    assert_eq!(hash(&path), before);
    assert!(path.exists());
}

#[test]
fn the_pre_migration_backup_of_an_old_journal_is_encrypted_with_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal-v5.db"),
        &path,
    )
    .expect("fixture copied");
    let on = Journal::encrypt(&path, &pass("old journal pass"), KdfParams::FOR_TESTS)
        .expect("migrated, then encrypted");
    let pre = on
        .converted
        .copies
        .iter()
        .find(|p| p.to_string_lossy().contains("-pre-schema-5"))
        .expect("the pre-migration backup was converted");
    let bytes = std::fs::read(pre).expect("file");
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(key_file_path(pre).exists());
    trellis_core::verify(pre).expect("reads with the key");
    assert!(on.converted.left.is_empty(), "{:?}", on.converted.left);
}

#[test]
fn an_interrupted_encryption_is_finished_at_the_next_unlock_and_other_journals_are_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = plain_journal(dir.path());
    // Another journal in the same folder, with a backup of its own.
    let other = dir.path().join("work.db");
    let theirs = Journal::create(&other)
        .expect("other journal")
        .backup(None)
        .expect("its backup");
    // A plain backup of this journal, kept aside as an interrupted `encrypt` would leave it.
    let early = Journal::open(&path)
        .expect("open")
        .backup(None)
        .expect("backup");
    let kept = dir.path().join("kept.db");
    std::fs::copy(&early, &kept).expect("kept");
    Journal::encrypt(&path, &pass("resume passphrase"), KdfParams::FOR_TESTS).expect("on");
    assert!(
        std::fs::read(&theirs)
            .expect("file")
            .starts_with(b"SQLite format 3\0"),
        "another journal's backup is not converted"
    );
    assert!(!key_file_path(&theirs).exists());
    // The process died before this copy was converted.
    let left = early.with_file_name("journal-20200101-000000.db");
    std::fs::copy(&kept, &left).expect("a plain copy left behind");
    std::fs::write(dir.path().join("backups/.journal-x.db.converting"), SECRET).expect("leftover");
    Journal::lock(&path);
    Journal::unlock(&path, &by_pass("resume passphrase")).expect("unlocked");
    assert_sealed(&left);
    trellis_core::verify(&left).expect("the finished copy checks with the key");
    assert!(
        std::fs::read(&theirs)
            .expect("file")
            .starts_with(b"SQLite format 3\0"),
        "still not converted"
    );
}

#[cfg(unix)]
#[test]
fn a_key_file_that_is_not_a_regular_file_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("journal.db.key");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let started = std::time::Instant::now();
    let err = trellis_core::keys::KeyFile::read(&fifo).expect_err("a FIFO must be refused");
    assert!(err.to_string().contains("not a regular file"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn a_key_file_without_its_journal_is_said_as_such() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = plain_journal(dir.path());
    Journal::encrypt(&path, &pass("orphan passphrase"), KdfParams::FOR_TESTS).expect("on");
    Journal::lock(&path);
    std::fs::rename(&path, dir.path().join("moved.db")).expect("journal moved away");
    let err = Journal::create(&path).expect_err("refused");
    assert!(err.to_string().contains("move the key file away"), "{err}");
}

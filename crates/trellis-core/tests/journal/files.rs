//! Journals on disk: old schemas migrate, foreign and newer files are refused untouched.

use std::path::{Path, PathBuf};

use trellis_core::{Error, Journal, SCHEMA_VERSION};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of a fixture in a temp dir, so tests never change the checked-in file.
fn copy_of(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::copy(fixture(name), &path).expect("fixture copied");
    (dir, path)
}

#[test]
fn a_journal_made_by_schema_1_opens_under_the_latest() {
    // journal-v1.db was written by the first release's `trellis` (schema 1) and is
    // never regenerated: it stands for the journals users already have.
    let (_dir, path) = copy_of("journal-v1.db");
    let j = Journal::open(&path).expect("an old journal opens");
    assert_eq!(j.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(j.integrity_check().expect("check"), "ok");
    let m = j
        .mentee("ada")
        .expect("the fixture's mentee survives migration");
    assert_eq!(m.name, "Ada Okafor");
    let timeline = j.timeline(&m.id, None, None).expect("timeline");
    assert_eq!(
        timeline.len(),
        3,
        "note, session and track conversation survive"
    );
    assert_eq!(
        timeline[1].follow_ups.len(),
        1,
        "the session's follow-up is still linked"
    );
    assert_eq!(j.goals(&m.id).expect("goals")[0].check_ins.len(), 1);

    // The journal was backed up, as it was, before the migration.
    let backups = trellis_core::list_backups(&trellis_core::backup_dir(&path)).expect("backups");
    let pre = backups
        .iter()
        .find(|b| b.path.to_string_lossy().contains("-pre-schema-1"))
        .expect("a backup named by the old schema version");
    trellis_core::verify(&pre.path).expect("the backup passes its check");
    let c = rusqlite::Connection::open(&pre.path).expect("open backup");
    let version: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, 1, "the backup is of the old schema");
    let entries: i64 = c
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .expect("count");
    assert_eq!(entries, 3, "with every row");
}

#[test]
fn a_journal_made_by_schema_2_opens_with_its_trash() {
    // journal-v2.db was written by the release that introduced the trash (schema 2).
    let (_dir, path) = copy_of("journal-v2.db");
    let j = Journal::open(&path).expect("a schema-2 journal opens");
    assert_eq!(j.integrity_check().expect("check"), "ok");
    let m = j.mentee("ada").expect("the fixture's mentee");
    assert_eq!(j.timeline(&m.id, None, None).expect("timeline").len(), 2);
    // Its trash table reads (the trashed note itself ages out after 30 days by design,
    // so the test does not depend on today's date).
    j.trash().expect("the trash of a schema-2 journal reads");
}

#[test]
fn a_journal_from_a_newer_schema_is_refused_unchanged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("future.db");
    drop(Journal::create(&path).expect("created"));
    {
        let c = rusqlite::Connection::open(&path).expect("open");
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("bump version");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Journal::open(&path).expect_err("this input must be refused");
    assert!(matches!(err, Error::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("upgrade Trellis"), "{err}");
    assert_eq!(
        before,
        std::fs::read(&path).expect("read"),
        "byte-for-byte unchanged"
    );
}

#[test]
fn a_text_file_is_not_a_journal_and_stays_as_it_was() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "my notes, not a database\n").expect("write");
    for result in [Journal::open(&path), Journal::create(&path)] {
        assert!(matches!(
            result.expect_err("this input must be refused"),
            Error::NotAJournal { .. }
        ));
    }
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "my notes, not a database\n"
    );
}

#[test]
fn a_journal_whose_folder_cannot_be_made_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("plain-file");
    std::fs::write(&file, "x").expect("write");
    let err =
        Journal::create(&file.join("sub/journal.db")).expect_err("this input must be refused");
    assert!(matches!(err, Error::CannotCreate { .. }), "{err}");
    assert!(
        err.to_string().starts_with("cannot create the journal at"),
        "{err}"
    );
}

#[test]
fn two_handles_on_one_file_see_each_others_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("shared.db");
    let mut a = Journal::create(&path).expect("first handle");
    let mut b = Journal::open(&path).expect("second handle");
    let m = a
        .add_mentee(trellis_core::NewMentee {
            name: "Kenji".into(),
            ..Default::default()
        })
        .expect("written by a");
    assert_eq!(b.mentee("kenji").expect("seen by b").id, m.id);
    b.archive_mentee("kenji", true).expect("written by b");
    assert!(a.mentee("kenji").expect("seen by a").archived);
}

#[test]
fn every_journal_gets_its_own_identity_also_an_old_one() {
    let (_a, one) = copy_of("journal-v2.db");
    let (_b, two) = copy_of("journal-v2.db");
    let one = Journal::open(&one)
        .expect("opens")
        .identity()
        .expect("identity");
    let two = Journal::open(&two)
        .expect("opens")
        .identity()
        .expect("identity");
    assert_ne!(
        one.id, two.id,
        "two copies of one old file become two journals with their own backups"
    );
    assert!(!one.demo, "an old journal is not taken for the demo");
    let mut demo = Journal::open_in_memory().expect("memory");
    trellis_core::demo::populate(
        &mut demo,
        &trellis_core::demo::DemoOptions {
            mentees: 1,
            years: 1,
            seed: 1,
            end: trellis_core::parse_date("2026-06-30").expect("date"),
        },
    )
    .expect("demo");
    assert!(
        demo.identity().expect("identity").demo,
        "the demo says so in the file"
    );
}

#[test]
fn a_damaged_journal_is_offered_only_its_own_backups() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let mut j = Journal::create(&path).expect("created");
    j.add_mentee(trellis_core::NewMentee {
        name: "Priya Raman".into(),
        ..Default::default()
    })
    .expect("a mentee");
    let own = j.backup(None).expect("backup");
    let id = j.identity().expect("identity").id;
    drop(j);
    // The demo beside it backs up later, into the same folder: its backup is newer.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let mut demo = Journal::create(&dir.path().join("demo.db")).expect("demo");
    trellis_core::demo::populate(
        &mut demo,
        &trellis_core::demo::DemoOptions {
            mentees: 2,
            years: 1,
            seed: 3,
            end: trellis_core::parse_date("2026-06-30").expect("date"),
        },
    )
    .expect("demo");
    let theirs = demo.backup(None).expect("demo backup");
    assert_eq!(
        theirs.parent(),
        own.parent(),
        "both in the same backups folder"
    );

    let mut bytes = std::fs::read(&path).expect("read");
    let len = bytes.len();
    for b in &mut bytes[len / 2..] {
        *b = !*b;
    }
    std::fs::write(&path, &bytes).expect("damage it");
    match Journal::create_checked(&path) {
        Err(Error::Damaged { backup, .. }) => assert_eq!(
            backup.as_deref(),
            Some(own.as_path()),
            "the newest of *this* journal's backups, never the demo's"
        ),
        other => panic!("the damage must be reported, got {other:?}"),
    }
    let mut fresh = Journal::open(&path).expect("a fresh journal is in its place");
    assert_eq!(
        fresh.identity().expect("identity").id,
        id,
        "it keeps the journal's identity"
    );
    let listed: Vec<PathBuf> = fresh
        .backups()
        .expect("backups")
        .into_iter()
        .map(|b| b.path)
        .collect();
    assert_eq!(
        listed,
        std::slice::from_ref(&own),
        "the demo's backup is not listed"
    );
    fresh
        .restore(&own, trellis_core::RestoreFrom::OwnBackup)
        .expect("its own backup restores");
    assert_eq!(fresh.mentees(true).expect("mentees").len(), 1);
    let err = fresh
        .restore(&theirs, trellis_core::RestoreFrom::OwnBackup)
        .expect_err("another journal's backup is refused");
    assert!(matches!(err, Error::OtherJournal { .. }), "{err}");
    assert_eq!(
        fresh.mentees(true).expect("mentees").len(),
        1,
        "and nothing changed"
    );
}

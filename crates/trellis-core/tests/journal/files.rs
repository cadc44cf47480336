//! Journals on disk: old schemas migrate, foreign and newer files are refused untouched.

use std::path::{Path, PathBuf};

use trellis_core::{Error, Journal, SCHEMA_VERSION};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A demo journal of `mentees` people over a year, as `demo.db` in `dir`.
fn demo_beside(dir: &Path, mentees: u32, seed: u64) -> Journal {
    let mut demo = Journal::create(&dir.join("demo.db")).expect("demo");
    trellis_core::demo::populate(
        &mut demo,
        &trellis_core::demo::DemoOptions {
            mentees,
            years: 1,
            seed,
            end: trellis_core::parse_date("2026-06-30").expect("date"),
        },
    )
    .expect("demo");
    demo
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
    let m = super::find(&j, "ada").expect("the fixture's mentee survives migration");
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
fn a_journal_made_by_schema_5_carries_its_framework_and_assessments_onto_a_ladder() {
    // journal-v5.db was written by the last build with one framework (schema 5): Ada has
    // a shareable session tagged system-design, cited by a System design assessment,
    // and a Communication assessment; Ben has a Delivery assessment.
    let (_dir, path) = copy_of("journal-v5.db");
    let mut j = Journal::open(&path).expect("a schema-5 journal opens");
    assert_eq!(j.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(j.integrity_check().expect("check"), "ok");
    let ladders = j.frameworks().expect("ladders");
    assert_eq!(ladders.len(), 1, "one framework became one ladder");
    let f = &ladders[0].framework;
    assert!(f.is_default);
    assert_eq!(
        f.ladder,
        trellis_core::Framework::default_ladder(),
        "word for word"
    );
    assert_eq!(ladders[0].assessments, 3);
    let ada = super::find(&j, "ada").expect("Ada");
    let skills = j.skills(&ada.id).expect("skills");
    let sd = skills
        .iter()
        .find(|s| s.dimension == "system-design")
        .expect("as set up");
    let latest = sd.latest.as_ref().expect("assessed");
    assert_eq!(latest.level_name, "Developing");
    assert_eq!(latest.assessment.framework_id, f.id);
    assert_eq!(
        latest.assessment.evidence.len(),
        1,
        "its evidence came along"
    );
    let comm = skills
        .iter()
        .find(|s| s.dimension == "communication")
        .expect("as set up");
    assert_eq!(comm.latest.as_ref().expect("as set up").rank, 3);
    // The index names the assessment by its dimension and level, as before.
    let hits = j
        .search("billing", &trellis_core::search::SearchOptions::default())
        .expect("search");
    assert!(
        hits.iter().any(|h| h.title == "System design: Developing"),
        "{hits:?}"
    );
    assert!(j.check_search_index().expect("check").ok());
    // A pre-migration backup of schema 5 was made.
    let backups = trellis_core::list_backups(&trellis_core::backup_dir(&path)).expect("backups");
    assert!(
        backups
            .iter()
            .any(|b| b.path.to_string_lossy().contains("-pre-schema-5")),
        "{backups:?}"
    );
    // And the migrated journal works: a mentee goes to the trash and comes back whole.
    let ben = super::find(&j, "ben").expect("Ben");
    let trashed = j.delete_mentee(&ben.id).expect("trashed");
    j.restore_from_trash(&trashed).expect("restored");
    assert_eq!(
        j.skills(&ben.id)
            .expect("skills")
            .iter()
            .filter(|s| s.latest.is_some())
            .count(),
        1
    );
}

#[test]
fn a_journal_made_by_schema_2_opens_with_its_trash() {
    // journal-v2.db was written by the release that introduced the trash (schema 2).
    let (_dir, path) = copy_of("journal-v2.db");
    let j = Journal::open(&path).expect("a schema-2 journal opens");
    assert_eq!(j.integrity_check().expect("check"), "ok");
    let m = super::find(&j, "ada").expect("the fixture's mentee");
    assert_eq!(j.timeline(&m.id, None, None).expect("timeline").len(), 2);
    // Its trash table reads (the trashed note itself ages out after 30 days by design,
    // so the test does not depend on today's date).
    j.trash().expect("the trash of a schema-2 journal reads");
}

#[test]
fn a_journal_made_by_schema_4_keeps_a_deleted_private_sessions_privacy() {
    // journal-v4.db was written by the release that added tombstones and check-in
    // evidence (schema 4): a shared session cited by a check-in and an assessment, a
    // private note, and a private session with a follow-up, deleted afterwards.
    let (_dir, path) = copy_of("journal-v4.db");
    let j = Journal::open(&path).expect("a schema-4 journal opens");
    assert_eq!(j.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(j.integrity_check().expect("check"), "ok");
    let m = super::find(&j, "ada").expect("the fixture's mentee");
    let timeline = j.timeline(&m.id, None, None).expect("timeline");
    assert_eq!(
        timeline.len(),
        2,
        "the deleted session is not on the timeline"
    );
    let goal = &j.goals(&m.id).expect("goals")[0];
    assert_eq!(
        goal.check_ins[0].evidence,
        vec![timeline[0].entry.id],
        "the check-in's own evidence survives"
    );

    // Whatever the date (the trashed session ages out after 30 days), what came from the
    // deleted private session stays private: its tombstone says so.
    let options = trellis_core::summary::SummaryOptions {
        since: Some(super::date("2025-01-01")),
        until: Some(super::date("2025-12-31")),
        months: None,
        exclude: vec![],
    };
    let p = trellis_core::summary::build(&j, &m.id, &options, super::date("2025-12-31"))
        .expect("summary");
    let json = trellis_core::summary::to_json(&p.summary);
    assert!(
        !json.contains("CANARY"),
        "nothing private is in the summary: {json}"
    );
    assert!(
        json.contains("Paging through the ledger API") && json.contains("Write the ADR"),
        "what is shareable is: {json}"
    );
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
        // Not SQLite, no key file: it may be an encrypted journal without its key file,
        // and the message says so.
        let err = result.expect_err("this input must be refused");
        assert!(matches!(err, Error::NoKeyFile { .. }), "{err}");
        assert!(err.to_string().contains("key file"), "{err}");
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
    assert_eq!(super::find(&b, "kenji").expect("seen by b").id, m.id);
    b.archive_mentee(&m.id, true).expect("written by b");
    assert!(super::find(&a, "kenji").expect("seen by a").archived);
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
    let mut demo = demo_beside(dir.path(), 2, 3);
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

/// The bytes of a file and its companions (`-wal`, `-shm`, `-journal`): what "untouched"
/// means for a database.
fn bytes_of(path: &Path) -> Vec<Option<Vec<u8>>> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|s| std::fs::read(format!("{}{s}", path.display())).ok())
        .collect()
}

#[test]
fn a_foreign_database_with_a_live_wal_is_refused_without_a_checkpoint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let live = dir.path().join("live.db");
    let c = rusqlite::Connection::open(&live).expect("open");
    let _: String = c
        .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
        .expect("wal");
    c.pragma_update(None, "wal_autocheckpoint", 0)
        .expect("no checkpoint");
    c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES ('someone else''s data');")
        .expect("setup");
    // A copy taken while it is open: the data is in the -wal, not yet in the file.
    let path = dir.path().join("other.db");
    std::fs::copy(&live, &path).expect("copy");
    std::fs::copy(
        dir.path().join("live.db-wal"),
        dir.path().join("other.db-wal"),
    )
    .expect("copy wal");
    drop(c);
    let before = bytes_of(&path);
    for err in [
        Journal::open(&path).expect_err("refused"),
        Journal::create(&path).expect_err("refused"),
        Journal::create_checked(&path).expect_err("refused"),
    ] {
        assert!(matches!(err, Error::NotAJournal { .. }), "{err}");
    }
    assert_eq!(
        bytes_of(&path),
        before,
        "the file and its WAL are exactly as they were: no checkpoint, nothing deleted or created"
    );
}

#[test]
fn a_foreign_database_with_a_hot_journal_is_not_rolled_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let live = dir.path().join("live.db");
    let c = rusqlite::Connection::open(&live).expect("open");
    c.execute_batch("PRAGMA cache_size = 1; CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("setup");
    c.execute_batch("BEGIN; INSERT INTO t SELECT randomblob(4000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n);")
        .expect("a big write in progress");
    let path = dir.path().join("other.db");
    std::fs::copy(&live, &path).expect("copy");
    std::fs::copy(
        dir.path().join("live.db-journal"),
        dir.path().join("other.db-journal"),
    )
    .expect("a hot journal");
    c.execute_batch("ROLLBACK").expect("rollback");
    let before = bytes_of(&path);
    let err = Journal::open(&path).expect_err("refused");
    assert!(matches!(err, Error::NotAJournal { .. }), "{err}");
    assert_eq!(
        bytes_of(&path),
        before,
        "the hot journal was not rolled back"
    );
}

#[test]
fn a_planted_trigger_is_refused_in_a_journal_and_in_a_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let mut j = Journal::create(&path).expect("journal");
    j.add_mentee(trellis_core::NewMentee {
        name: "Priya Raman".into(),
        ..Default::default()
    })
    .expect("mentee");
    let clean = j.backup(None).expect("backup");
    drop(j);
    // Someone edits the file: new private notes would become shareable.
    let planted = dir.path().join("planted.db");
    std::fs::copy(&clean, &planted).expect("copy");
    {
        let c = rusqlite::Connection::open(&planted).expect("open");
        c.execute_batch(
            "CREATE TRIGGER publish AFTER INSERT ON entries BEGIN
                 UPDATE entries SET visibility = 'shareable' WHERE id = new.id;
             END;",
        )
        .expect("plant");
    }
    let before = bytes_of(&planted);
    let err = Journal::open(&planted).expect_err("a planted trigger is refused");
    assert!(
        matches!(&err, Error::Tampered { objects, .. } if objects.contains("trigger publish")),
        "{err}"
    );
    assert_eq!(bytes_of(&planted), before, "and the file is left as it was");

    let mut j = Journal::open(&path).expect("the real journal");
    let err = j
        .restore(&planted, trellis_core::RestoreFrom::AnyFile)
        .expect_err("a backup with a planted trigger is not restored");
    assert!(matches!(err, Error::Tampered { .. }), "{err}");
    assert_eq!(
        j.mentees(true).expect("mentees").len(),
        1,
        "nothing changed"
    );
}

#[cfg(unix)]
#[test]
fn an_empty_file_becomes_a_private_journal_only_if_it_is_the_users() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    std::fs::write(&path, b"").expect("an empty file");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).expect("chmod");
    let j = Journal::create(&path).expect("adopted");
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "made private before it became the journal");
    assert_eq!(j.loose_permissions(), None);
    drop(j);

    // A journal made readable by others later is reported (not silently changed).
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let j = Journal::open(&path).expect("opens");
    assert!(
        j.loose_permissions()
            .is_some_and(|w| w.contains("other users") && w.contains("644")),
        "{:?}",
        j.loose_permissions()
    );

    // Someone else's empty file is not adopted (checkable only where we may chown).
    let theirs = dir.path().join("theirs.db");
    std::fs::write(&theirs, b"").expect("an empty file");
    if std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).is_ok() {
        let err = Journal::create(&theirs).expect_err("not ours");
        assert!(err.to_string().contains("belongs to another user"), "{err}");
        assert_eq!(std::fs::read(&theirs).expect("read"), b"", "left as it was");
    }
}

#[test]
fn only_a_corrupt_trellis_journal_is_ever_moved_aside() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Not a database at all: refused, never renamed.
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "my notes, not a database").expect("write");
    let err = Journal::create_checked(&text).expect_err("refused");
    assert!(matches!(err, Error::NoKeyFile { .. }), "{err}");
    assert!(text.exists(), "a file that is not ours is never renamed");

    // A foreign SQLite file that SQLite cannot read: not ours, so never "damaged".
    let foreign = dir.path().join("foreign.db");
    {
        let c = rusqlite::Connection::open(&foreign).expect("open");
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (zeroblob(20000));")
            .expect("setup");
    }
    let mut bytes = std::fs::read(&foreign).expect("read");
    for b in &mut bytes[4096..] {
        *b = 0xAA;
    }
    std::fs::write(&foreign, &bytes).expect("wreck it");
    let err = Journal::create_checked(&foreign).expect_err("refused");
    assert!(matches!(err, Error::NotAJournal { .. }), "{err}");
    assert_eq!(
        std::fs::read(&foreign).expect("read"),
        bytes,
        "and never renamed or changed"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains(".damaged-")),
        "nothing was moved aside: {names:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_backup_is_private_from_its_first_byte_and_a_killed_one_is_cleaned_up() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let mut j = Journal::create(&path).expect("journal");
    trellis_core::demo::populate(
        &mut j,
        &trellis_core::demo::DemoOptions {
            mentees: 8,
            years: 2,
            seed: 5,
            end: trellis_core::parse_date("2026-06-30").expect("date"),
        },
    )
    .expect("a journal worth a few milliseconds of VACUUM");
    let backups = trellis_core::backup_dir(&path);
    std::fs::create_dir_all(&backups).expect("folder");
    // What a backup killed an hour ago left behind.
    let stale = backups.join(".journal-20200101-000000.db.partial");
    std::fs::write(&stale, b"half a backup").expect("write");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| f.set_modified(hour_ago))
        .expect("age it");

    // Watch the folder while backups are written: every partial file seen is 0600.
    let watching = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let seen = std::thread::spawn({
        let (watching, backups) = (watching.clone(), backups);
        move || {
            let mut modes = vec![];
            while watching.load(std::sync::atomic::Ordering::Relaxed) {
                for e in std::fs::read_dir(&backups).into_iter().flatten().flatten() {
                    let name = e.file_name().to_string_lossy().to_string();
                    if name.ends_with(".partial")
                        && !name.contains("20200101")
                        && let Ok(m) = e.metadata()
                    {
                        modes.push(m.permissions().mode() & 0o777);
                    }
                }
            }
            modes
        }
    });
    for _ in 0..5 {
        j.backup(None).expect("backup");
    }
    watching.store(false, std::sync::atomic::Ordering::Relaxed);
    let modes = seen.join().expect("watcher");
    assert!(
        !modes.is_empty(),
        "the watcher saw a backup being written (else this test proves nothing)"
    );
    assert!(
        modes.iter().all(|m| *m == 0o600),
        "a backup being written is readable by its owner only: {modes:?}"
    );
    assert!(
        !stale.exists(),
        "a partial left by a killed backup is removed"
    );
}

#[test]
fn a_backup_removes_only_its_own_stale_partials() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let mut j = Journal::create(&path).expect("journal");
    let out = dir.path().join("downloads");
    std::fs::create_dir_all(&out).expect("folder");
    let theirs = out.join(".movie.mkv.partial");
    std::fs::write(&theirs, b"someone else's download").expect("write");
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&theirs)
        .and_then(|f| f.set_modified(hour_ago))
        .expect("age it");
    j.backup(Some(&out.join("b.db"))).expect("backup");
    j.backup(None).expect("backup");
    assert!(theirs.exists(), "a file that is not ours is never removed");
}

#[test]
fn a_backup_whose_identity_was_removed_is_nobodys() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let mut j = Journal::create(&path).expect("journal");
    let mut demo = demo_beside(dir.path(), 1, 1);
    let theirs = demo.backup(None).expect("backup");
    let stripped = dir.path().join("stripped.db");
    std::fs::copy(&theirs, &stripped).expect("copy");
    rusqlite::Connection::open(&stripped)
        .expect("open")
        .execute_batch("DELETE FROM journal;")
        .expect("strip");
    let err = j
        .restore(&stripped, trellis_core::RestoreFrom::OwnBackup)
        .expect_err("not this journal's backup");
    assert!(matches!(err, Error::OtherJournal { .. }), "{err}");
}

#[test]
fn damage_found_after_launch_is_reported_with_the_newest_good_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let mut j = Journal::create(&path).expect("journal");
    let m = j
        .add_mentee(trellis_core::NewMentee {
            name: "Priya Raman".into(),
            ..Default::default()
        })
        .expect("mentee");
    // Enough pages that damage in the last third lands in data, not in the schema.
    for i in 0..600 {
        j.add_entry(trellis_core::NewEntry {
            mentee_id: m.id,
            date: trellis_core::parse_date("2026-03-01").expect("date"),
            title: None,
            body: format!("note {i} {}", "words of a long note ".repeat(40)),
            visibility: None,
            starred: false,
            tags: vec![],
            skills: vec![],
            details: trellis_core::EntryDetails::Note(trellis_core::Note {
                subkind: trellis_core::NoteKind::Other,
            }),
            follow_ups: vec![],
        })
        .expect("note");
    }
    let good = j.backup(None).expect("backup");
    drop(j);
    assert_eq!(Journal::damage_report(&path).expect("check runs"), None);

    // Damage deep in the file: the journal still opens (the launch does not read it all)…
    let mut bytes = std::fs::read(&path).expect("read");
    let len = bytes.len();
    let at = (len * 3 / 4) / 4096 * 4096;
    for b in &mut bytes[at..at + 8192] {
        *b = !*b;
    }
    std::fs::write(&path, &bytes).expect("damage it");
    let j = Journal::create_recovering(&path).expect("opens without reading everything");
    // … and the background check finds it, without touching the file.
    let report = Journal::damage_report(&path)
        .expect("check runs")
        .expect("damage found");
    assert!(
        !report.problems.is_empty() && report.problems != "ok",
        "{report:?}"
    );
    assert_eq!(report.backup.as_deref(), Some(good.as_path()));
    drop(j);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "nothing was changed or moved"
    );
}

#[test]
fn a_journal_made_by_schema_6_opens_with_cadences_and_outcomes() {
    // journal-v6.db was written by the last build before schema 7 (cadences, settings,
    // experiment outcomes): Ada on the FT ladder with a session, a one-on-one note and a
    // track conversation with one experiment; Ben with a goal and an action item.
    let (_dir, path) = copy_of("journal-v6.db");
    let mut j = Journal::open(&path).expect("a schema-6 journal opens");
    assert_eq!(j.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(j.integrity_check().expect("check"), "ok");
    let ada = super::find(&j, "ada").expect("Ada");
    let today = super::date("2026-11-23");
    let a = j.agenda(&ada.id, today).expect("agenda");
    assert_eq!(
        a.next.cadence,
        trellis_core::Cadence::Biweekly,
        "the default"
    );
    assert!(a.next.last.is_some(), "the session counts as a 1:1");
    let experiment = a
        .items
        .iter()
        .find(|i| i.kind == trellis_core::AgendaKind::Experiment)
        .expect("the experiment comes along");
    j.close_experiment(&experiment.source_id, "1", "Went well", today)
        .expect("an outcome can be recorded");
    assert!(
        j.agenda(&ada.id, today)
            .expect("agenda")
            .items
            .iter()
            .any(|i| i.detail.contains("Went well"))
    );
    let backups = trellis_core::list_backups(&trellis_core::backup_dir(&path)).expect("backups");
    assert!(
        backups
            .iter()
            .any(|b| b.path.to_string_lossy().contains("pre-schema-6")),
        "the journal was backed up as it was before the migration"
    );
}

#[test]
fn a_journal_made_by_schema_7_opens_with_the_default_templates() {
    // journal-v7.db was written by the last build before schema 8 (templates): Ada, weekly,
    // with a session, a track conversation whose experiment has an outcome, a note; the
    // default cadence set to monthly.
    let (_dir, path) = copy_of("journal-v7.db");
    let j = Journal::open(&path).expect("a schema-7 journal opens");
    assert_eq!(j.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(j.integrity_check().expect("check"), "ok");
    let names: Vec<String> = j
        .templates(None)
        .expect("templates")
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(
        names,
        [
            "1:1",
            "Code review",
            "SBI feedback",
            "Post-pairing reflection",
            "Career conversation"
        ]
    );
    let ada = super::find(&j, "ada").expect("Ada");
    let a = j
        .agenda(&ada.id, super::date("2026-11-23"))
        .expect("agenda");
    assert_eq!(a.next.cadence, trellis_core::Cadence::Weekly, "kept");
    assert_eq!(
        j.default_cadence().expect("default"),
        trellis_core::Cadence::Monthly,
        "kept"
    );
    assert!(
        a.items.iter().any(|i| i.detail.contains("Ran it well")),
        "the outcome is kept: {:?}",
        a.items
    );
}

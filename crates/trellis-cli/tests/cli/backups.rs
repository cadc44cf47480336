//! Backups and recovery through the CLI: every backup restores to a journal that passes
//! integrity_check with equal row counts; a damaged journal is set aside, never repaired.

use super::Trellis;

fn counts(t: &Trellis) -> (usize, usize) {
    let mentees = t.json(&["mentee", "list", "--all"]);
    let first = mentees[0]["id"].as_str().expect("id").to_string();
    let timeline = t.json(&["timeline", &first]);
    (
        mentees.as_array().map_or(0, Vec::len),
        timeline.as_array().map_or(0, Vec::len),
    )
}

#[test]
fn a_backup_restores_exactly_and_the_current_journal_is_kept() {
    let t = Trellis::new();
    t.json(&[
        "demo",
        "--mentees",
        "3",
        "--years",
        "1",
        "--seed",
        "5",
        "--end",
        "2026-06-30",
    ]);
    let before = counts(&t);
    let backup = t.ok(&["backup"]).trim().to_string();
    assert!(
        backup.contains("/backups/journal-"),
        "into backups/ beside the journal: {backup}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "a backup is as private as the journal");
    }
    // Change the journal, then restore.
    let first = t.json(&["mentee", "list", "--all"])[0]["id"]
        .as_str()
        .expect("id")
        .to_string();
    t.id(&["note", "add", &first, "--text", "written after the backup"]);
    assert_ne!(counts(&t), before);
    let restored = t.json(&["restore", &backup]);
    assert_eq!(counts(&t), before, "the backup's rows, exactly");
    let aside = restored["previous_journal"]
        .as_str()
        .expect("path")
        .to_string();
    assert!(
        std::path::Path::new(&aside).exists(),
        "the journal as it was is kept"
    );
    let check = t.json(&["check"]);
    assert_eq!(check["integrity"], "ok");
    assert_eq!(check["backups"].as_array().map(Vec::len), Some(1));
}

#[test]
fn restoring_something_that_is_not_a_backup_changes_nothing() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Priya Raman"]);
    let junk = t.dir.path().join("junk.db");
    std::fs::write(
        &junk,
        "not a database at all, just text that is long enough",
    )
    .expect("write");
    let before = super::snapshot(&t.journal);
    let err = t.fails(&["restore", junk.to_str().expect("utf-8")]);
    assert!(
        err.contains("not a Trellis journal") || err.contains("not a SQLite database"),
        "{err}"
    );
    assert!(
        before == super::snapshot(&t.journal),
        "the journal is untouched"
    );
}

#[test]
fn a_damaged_journal_is_moved_aside_and_the_backup_named() {
    let t = Trellis::new();
    t.json(&[
        "demo",
        "--mentees",
        "2",
        "--years",
        "1",
        "--seed",
        "9",
        "--end",
        "2026-06-30",
    ]);
    let backup = t.ok(&["backup"]).trim().to_string();
    // Flip bytes in the middle of the file, where table pages live.
    let mut bytes = std::fs::read(&t.journal).expect("read");
    let len = bytes.len();
    for b in &mut bytes[len / 2..len / 2 + 4096] {
        *b = !*b;
    }
    std::fs::write(&t.journal, &bytes).expect("corrupt it");
    let err = t.fails(&["check"]);
    assert!(err.contains("is damaged"), "{err}");
    assert!(
        err.contains(&backup),
        "the newest good backup is named: {err}"
    );
    let moved: Vec<_> = std::fs::read_dir(t.dir.path())
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(moved.len(), 1, "the damaged file is set aside");
    assert_eq!(
        std::fs::read(moved[0].path()).expect("read"),
        bytes,
        "and left exactly as it was"
    );
    // A new, empty journal with the same identity is in its place, so the backup named
    // in the message restores into it as this journal's own.
    assert!(
        t.json(&["mentee", "list", "--all"])
            .as_array()
            .is_some_and(Vec::is_empty),
        "the journal in its place is empty"
    );
    t.ok(&["restore", &backup]);
    assert_eq!(
        t.json(&["mentee", "list", "--all"])
            .as_array()
            .map(Vec::len),
        Some(2),
        "the backup's mentees are back"
    );
}

#[test]
fn another_journals_backup_is_refused_unless_asked_for() {
    // The demo journal beside the real one makes its own backups; they are not the real
    // journal's, and restoring one over it must be a deliberate choice.
    let t = Trellis::init();
    t.id(&["mentee", "add", "Priya Raman"]);
    let mine = t.ok(&["backup"]).trim().to_string();
    let demo = t.dir.path().join("demo.db");
    t.ok_on(
        &demo,
        &[
            "demo",
            "--mentees",
            "3",
            "--years",
            "1",
            "--seed",
            "2",
            "--end",
            "2026-06-30",
        ],
    );
    let theirs = t.ok_on(&demo, &["backup"]).trim().to_string();
    assert!(
        theirs.contains("/backups/demo-"),
        "a backup is named after its journal: {theirs}"
    );
    let listed = t.json(&["check"]);
    let listed: Vec<&str> = listed["backups"]
        .as_array()
        .expect("backups")
        .iter()
        .filter_map(|b| b.as_str())
        .collect();
    assert_eq!(
        listed,
        [mine.as_str()],
        "the demo's backup is not listed as this journal's"
    );

    let before = std::fs::read(&t.journal).expect("read");
    let err = t.fails(&["restore", &theirs]);
    assert!(
        err.contains("another journal") && err.contains("the demo journal: 3 mentees"),
        "the refusal says whose backup it is and what it holds: {err}"
    );
    assert!(
        err.contains("--from-other-journal"),
        "and how to do it anyway: {err}"
    );
    assert_eq!(
        std::fs::read(&t.journal).expect("read"),
        before,
        "nothing changed"
    );

    t.ok(&["restore", "--from-other-journal", &theirs]);
    assert_eq!(
        t.json(&["mentee", "list", "--all"])
            .as_array()
            .map(Vec::len),
        Some(3),
        "asked for explicitly, it is restored"
    );
    // The journal keeps its own identity: its own backups are still listed as its own.
    let listed = t.json(&["check"]);
    assert!(
        listed["backups"]
            .as_array()
            .expect("backups")
            .iter()
            .any(|b| b.as_str() == Some(mine.as_str())),
        "the journal's own backups are still its own after the restore: {listed}"
    );
}

#[test]
fn delete_goes_to_the_trash_and_comes_back() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Priya Raman"]);
    let e = t.id(&["note", "add", "priya", "--text", "keep me"]);
    t.ok(&["delete", "mentee", "priya"]);
    assert!(
        t.json(&["mentee", "list", "--all"])
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    let trash = t.json(&["trash", "list"]);
    let id = trash[0]["id"].as_str().expect("id").to_string();
    t.ok(&["trash", "restore", &id[..13]]);
    let timeline = t.json(&["timeline", "priya"]);
    assert_eq!(
        timeline[0]["id"],
        e.as_str(),
        "the mentee came back with their note"
    );
    let out = t.json(&["delete", "entry", &e[..13]]);
    assert_eq!(
        out["trashed"],
        e.as_str(),
        "the whole id of what was deleted: {out}"
    );
    let listed = t.json(&["trash", "list"]);
    assert_eq!(
        out["trash_id"], listed[0]["id"],
        "and the id that restores it: {out}"
    );
    assert_eq!(t.json(&["trash", "empty"])["emptied"], 1);
    let err = t.fails(&["trash", "restore", &id[..13]]);
    assert!(err.contains("no trash item matches"), "{err}");
}

#[test]
fn restoring_from_a_file_never_changes_that_file() {
    // A copy of another journal, with data still in its WAL.
    let other = Trellis::init();
    other.id(&["mentee", "add", "Mateo Silva"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("copy.db");
    {
        let live = rusqlite::Connection::open(&other.journal).expect("open");
        live.pragma_update(None, "wal_autocheckpoint", 0)
            .expect("no checkpoint");
        live.execute_batch("UPDATE mentees SET team = 'Payments'")
            .expect("a write in the WAL");
        std::fs::copy(&other.journal, &copy).expect("copy");
        std::fs::copy(
            format!("{}-wal", other.journal.display()),
            format!("{}-wal", copy.display()),
        )
        .expect("copy wal");
    }
    let files = |d: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .expect("list")
            .flatten()
            .map(|e| {
                (
                    e.file_name().to_string_lossy().to_string(),
                    std::fs::read(e.path()).expect("read"),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = files(dir.path());
    let t = Trellis::init();
    t.ok(&[
        "restore",
        "--from-other-journal",
        copy.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        files(dir.path()),
        before,
        "the chosen file and its WAL are exactly as they were"
    );
    let mentees = t.json(&["mentee", "list", "--all"]);
    assert_eq!(
        mentees[0]["team"], "Payments",
        "the data still in the WAL was restored too"
    );
}

#[test]
fn a_backup_with_a_planted_view_is_refused_at_once() {
    let t = Trellis::init();
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("view99.db");
    {
        let c = rusqlite::Connection::open(&bad).expect("open");
        c.execute_batch(
            "PRAGMA application_id = 1414679635; PRAGMA user_version = 99;
             CREATE VIEW entries AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n;",
        )
        .expect("plant");
    }
    let started = std::time::Instant::now();
    let err = t.fails(&[
        "restore",
        "--from-other-journal",
        bad.to_str().expect("utf-8"),
    ]);
    assert!(err.contains("newer Trellis"), "{err}");
    assert!(
        started.elapsed().as_secs() < 10,
        "refused without running the view"
    );
}

#[test]
fn checking_a_mistyped_path_creates_nothing() {
    let t = Trellis::new();
    let err = t.fails(&["check"]);
    assert!(err.contains("no journal at"), "{err}");
    assert!(!t.journal.exists(), "no journal was made by a check");
}

#[test]
fn an_export_never_overwrites_another_databases_wal() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Alice"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let g = dir.path().join("g.db");
    let c = rusqlite::Connection::open(&g).expect("open");
    let _: String = c
        .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
        .expect("wal");
    c.pragma_update(None, "wal_autocheckpoint", 0)
        .expect("no checkpoint");
    c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("setup");
    let wal = format!("{}-wal", g.display());
    let before = std::fs::read(&wal).expect("read");
    let err = t.fails(&["summary", "alice", "--out", &wal, "--force"]);
    assert!(err.contains("is a database"), "{err}");
    assert_eq!(
        std::fs::read(&wal).expect("read"),
        before,
        "the WAL is untouched"
    );
    drop(c);
}

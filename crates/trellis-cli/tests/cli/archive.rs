//! The open archive through the CLI: lossless round trips, merging without duplicates,
//! and hostile or broken files refused with a path, the journal unchanged.

use super::{Trellis, snapshot};

fn without_timestamp(json: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(json).expect("an archive is JSON");
    v["exported_at"] = serde_json::Value::Null;
    v
}

#[test]
fn export_import_export_is_identical_and_merging_adds_no_duplicates() {
    let a = Trellis::new();
    a.json(&[
        "demo",
        "--mentees",
        "4",
        "--years",
        "2",
        "--seed",
        "11",
        "--end",
        "2026-06-30",
    ]);
    let first = a.dir.path().join("first.json");
    a.ok(&["export", "--out", first.to_str().expect("utf-8")]);

    let b = Trellis::init();
    b.ok(&["import", first.to_str().expect("utf-8")]);
    let second = b.dir.path().join("second.json");
    b.ok(&["export", "--out", second.to_str().expect("utf-8")]);
    let (one, two) = (
        std::fs::read_to_string(&first).expect("read"),
        std::fs::read_to_string(&second).expect("read"),
    );
    assert!(
        without_timestamp(&one) == without_timestamp(&two),
        "export → import into an empty journal → export is identical apart from exported_at"
    );
    // Importing again merges by id: nothing doubles.
    b.ok(&["import", first.to_str().expect("utf-8")]);
    let third = b.dir.path().join("third.json");
    b.ok(&["export", "--out", third.to_str().expect("utf-8")]);
    assert!(
        without_timestamp(&one)
            == without_timestamp(&std::fs::read_to_string(&third).expect("read"))
    );
}

#[test]
fn broken_and_hostile_archives_are_refused_with_a_path_and_change_nothing() {
    let a = Trellis::new();
    a.json(&[
        "demo",
        "--mentees",
        "2",
        "--years",
        "1",
        "--seed",
        "2",
        "--end",
        "2026-06-30",
    ]);
    let good = a.dir.path().join("good.json");
    a.ok(&["export", "--out", good.to_str().expect("utf-8")]);
    let text = std::fs::read_to_string(&good).expect("read");
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");

    let mutate = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut x = v.clone();
        f(&mut x);
        serde_json::to_string(&x).expect("json")
    };
    let cases: Vec<(String, &str)> = vec![
        ("{ this is not json".to_string(), "not valid JSON"),
        (text[..text.len() / 2].to_string(), "not valid JSON"),
        (
            mutate(&|x| x["format"] = "something-else".into()),
            "not a Trellis archive",
        ),
        (mutate(&|x| x["version"] = 99.into()), "newer Trellis"),
        (
            mutate(&|x| x["entries"][0]["date"] = 12.into()),
            "entries[0].date",
        ),
        (
            mutate(&|x| x["entries"][0]["date"] = "2026-02-30".into()),
            "entries[0].date",
        ),
        (
            mutate(&|x| x["entries"][1]["independence"] = 9.into()),
            "entries[1]",
        ),
        (
            mutate(&|x| x["mentees"][0]["name"] = "   ".into()),
            "mentees[0].name",
        ),
        (
            mutate(&|x| x["entries"][0]["body"] = "x".repeat(300 * 1024).into()),
            "256 KiB",
        ),
        (
            mutate(&|x| x["entries"][0]["surprise"] = true.into()),
            "entries[0].surprise: unknown field",
        ),
        (mutate(&|x| x["extra"] = 1.into()), "extra: unknown field"),
        (
            mutate(&|x| x["assessments"][0]["note"] = "x".repeat(30_000).into()),
            "assessments[0].note",
        ),
        (
            mutate(&|x| {
                let dup = x["entries"][0].clone();
                x["entries"].as_array_mut().expect("array").push(dup);
            }),
            "appears twice",
        ),
        (
            mutate(&|x| {
                x["entries"][0]["mentee_id"] = "01a201c6-0b66-73ac-bb8b-c70480ecb169".into();
            }),
            "entries[0].mentee_id",
        ),
    ];
    let b = Trellis::init();
    b.id(&["mentee", "add", "Existing Person"]);
    for (i, (content, expected)) in cases.iter().enumerate() {
        let file = b.dir.path().join(format!("bad-{i}.json"));
        std::fs::write(&file, content).expect("write");
        let before = snapshot(&b.journal);
        let err = b.fails(&["import", file.to_str().expect("utf-8")]);
        assert!(
            err.contains(expected),
            "case {i}: expected “{expected}” in: {err}"
        );
        assert!(
            before == snapshot(&b.journal),
            "case {i} changed the journal"
        );
    }
}

#[test]
fn a_markdown_vault_has_a_folder_per_mentee_and_a_file_per_entry() {
    let a = Trellis::new();
    a.json(&[
        "demo",
        "--mentees",
        "2",
        "--years",
        "1",
        "--seed",
        "6",
        "--end",
        "2026-06-30",
    ]);
    let vault = a.dir.path().join("vault");
    let report = a.json(&["export", "--vault", vault.to_str().expect("utf-8")]);
    let folders: Vec<_> = std::fs::read_dir(&vault)
        .expect("vault")
        .flatten()
        .collect();
    assert_eq!(folders.len(), 2, "a folder per mentee");
    let mut entries = 0;
    for f in &folders {
        for file in std::fs::read_dir(f.path()).expect("folder").flatten() {
            let text = std::fs::read_to_string(file.path()).expect("markdown");
            assert!(
                text.starts_with("---\nid: \""),
                "front matter first: {text}"
            );
            if !file.file_name().to_string_lossy().starts_with('_') {
                entries += 1;
                assert!(text.contains("\nvisibility: \""), "visibility is marked");
            }
        }
    }
    let total = report["files"].as_u64().expect("count") as usize;
    assert_eq!(
        entries + 2,
        total,
        "one file per entry plus a profile per mentee"
    );
    let err = a.fails(&["export", "--vault", vault.to_str().expect("utf-8")]);
    assert!(
        err.contains("is not empty"),
        "never writes into a used folder: {err}"
    );
}

#[test]
fn entries_made_in_the_same_minute_get_a_vault_file_each() {
    // UUID v7 ids made within a minute share their first 8 hex digits: the vault used to
    // name files by them, and wrote 3 files for 6 entries.
    let a = Trellis::init();
    a.id(&["mentee", "add", "Priya Raman"]);
    for i in 0..6 {
        a.id(&[
            "note",
            "add",
            "priya",
            "--date",
            "2026-03-01",
            "--title",
            "Same",
            "--text",
            &format!("note {i}"),
        ]);
    }
    let vault = a.dir.path().join("vault");
    let report = a.json(&["export", "--vault", vault.to_str().expect("utf-8")]);
    assert_eq!(report["files"], 7, "six notes and a profile");
    let folder = std::fs::read_dir(&vault)
        .expect("vault")
        .flatten()
        .next()
        .expect("a folder")
        .path();
    let mut bodies: Vec<String> = std::fs::read_dir(&folder)
        .expect("folder")
        .flatten()
        .filter(|f| !f.file_name().to_string_lossy().starts_with('_'))
        .map(|f| std::fs::read_to_string(f.path()).expect("read"))
        .collect();
    bodies.sort();
    assert_eq!(bodies.len(), 6, "six files on disk, none overwritten");
    for (i, b) in bodies.iter().enumerate() {
        assert!(
            b.contains(&format!("note {i}")),
            "each note kept its own file"
        );
    }
}

#[test]
fn an_import_never_changes_a_record_silently() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Priya Raman"]);
    let private = t.id(&[
        "note",
        "add",
        "priya",
        "--title",
        "Candid",
        "--text",
        "PRIVATE-CANARY",
    ]);
    let file = t.dir.path().join("archive.json");
    t.ok(&["export", "--out", file.to_str().expect("utf-8")]);
    // Someone edits the archive: the private note becomes shareable.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    v["entries"][0]["visibility"] = "shareable".into();
    std::fs::write(&file, serde_json::to_string(&v).expect("json")).expect("write");

    let before = snapshot(&t.journal);
    let err = t.fails(&["import", file.to_str().expect("utf-8")]);
    assert!(
        err.contains("entries[0] (visibility private → shareable)") && err.contains("--replace"),
        "the change is named, with how to accept it: {err}"
    );
    assert!(before == snapshot(&t.journal), "nothing was imported");

    let report = t.json(&["import", "--replace", file.to_str().expect("utf-8")]);
    assert_eq!(
        report["replaced"][0]["what"][0],
        "visibility private → shareable"
    );
    let note = t.json(&["timeline", "priya"]);
    assert_eq!(note[0]["visibility"], "shareable", "replaced on request");
    // The earlier version is kept in the entry's history: the app's History shows it,
    // and the trash's revisions table holds it.
    let c = rusqlite_count(&t.journal, &private);
    assert_eq!(c, 1, "a revision of the replaced entry is kept");
}

#[test]
fn an_archive_larger_than_the_limit_is_not_read_into_memory() {
    let t = Trellis::init();
    // /dev/zero never ends: the import must stop reading at the limit, not eat memory.
    let err = t.fails(&["import", "/dev/zero"]);
    assert!(err.contains("is larger than"), "{err}");
}

fn rusqlite_count(journal: &std::path::Path, entry: &str) -> i64 {
    let c =
        rusqlite::Connection::open_with_flags(journal, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open");
    c.query_row(
        "SELECT count(*) FROM revisions WHERE entry_id = ?1",
        [entry],
        |r| r.get(0),
    )
    .expect("count")
}

#[test]
fn a_deleted_private_entry_never_comes_back_shareable_through_an_import() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Alice"]);
    let e = t.id(&[
        "note",
        "add",
        "alice",
        "--shareable",
        "--title",
        "Salary talk",
        "--text",
        "BODY",
    ]);
    let old = t.dir.path().join("old.json");
    t.ok(&["export", "--out", old.to_str().expect("utf-8")]);
    // Later the note became private, and then it was deleted.
    let private = t.dir.path().join("private.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&old).expect("read")).expect("json");
    v["entries"][0]["visibility"] = "private".into();
    std::fs::write(&private, v.to_string()).expect("write");
    t.ok(&["import", "--replace", private.to_str().expect("utf-8")]);
    t.ok(&["delete", "entry", &e]);
    let err = t.fails(&["import", old.to_str().expect("utf-8")]);
    assert!(
        err.contains("deleted in this journal") && err.contains("visibility private → shareable"),
        "the old archive does not silently bring it back: {err}"
    );
    t.ok(&["trash", "empty"]);
    let err = t.fails(&["import", old.to_str().expect("utf-8")]);
    assert!(
        err.contains("deleted in this journal"),
        "nor after the trash is emptied: {err}"
    );
    let summary = t.ok(&["summary", "alice"]);
    assert!(!summary.contains("Salary talk"), "{summary}");
}

#[test]
fn an_archive_with_a_check_in_id_twice_is_refused_with_its_path() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Alice"]);
    let g = t.id(&["goal", "add", "alice", "Lead a review"]);
    t.ok(&["goal", "check-in", &g, "--progress", "10"]);
    t.ok(&["goal", "check-in", &g, "--progress", "20"]);
    let file = t.dir.path().join("a.json");
    t.ok(&["export", "--out", file.to_str().expect("utf-8")]);
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    v["goals"][0]["check_ins"][1]["id"] = v["goals"][0]["check_ins"][0]["id"].clone();
    std::fs::write(&file, v.to_string()).expect("write");
    let b = Trellis::init();
    let err = b.fails(&["import", file.to_str().expect("utf-8")]);
    assert!(
        err.contains("goals[0].check_ins[1].id") && err.contains("appears twice"),
        "{err}"
    );
}

#[test]
fn evidence_must_be_the_mentees_own() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Alice"]);
    t.id(&["mentee", "add", "Bob"]);
    let bobs = t.id(&["note", "add", "bob", "--shareable", "--text", "Bob's work"]);
    let g = t.id(&["goal", "add", "alice", "Lead a review"]);
    let err = t.fails(&[
        "goal",
        "check-in",
        &g,
        "--progress",
        "10",
        "--evidence",
        &bobs,
    ]);
    assert!(err.contains("another mentee"), "{err}");
    let err = t.fails(&[
        "assess",
        "alice",
        "--dimension",
        "system-design",
        "--level",
        "2",
        "--evidence",
        &bobs,
    ]);
    assert!(err.contains("another mentee"), "{err}");
}

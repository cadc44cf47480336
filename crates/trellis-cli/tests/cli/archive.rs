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

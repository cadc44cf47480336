//! `trellis search` and `trellis check --repair-index` through the real binary.

use super::Trellis;

#[test]
fn search_finds_marks_filters_and_prints_json() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "José Pérez"]);
    t.id(&["mentee", "add", "Priya Raman"]);
    let note = t.id(&[
        "note",
        "add",
        "jose",
        "--text",
        "A **naïve** retry loop in the ledger",
    ]);
    let session = t.id(&[
        "session",
        "add",
        "priya",
        "--minutes",
        "60",
        "--topic",
        "Ledger paging",
        "--date",
        "2026-01-05",
    ]);

    let text = t.ok(&["search", "naive", "ledger"]);
    assert!(text.contains(&note) && !text.contains(&session), "{text}");
    assert!(
        text.contains("[naïve]") && text.contains("[ledger]"),
        "marks, no markup: {text}"
    );
    assert!(!text.contains("**"), "{text}");
    assert!(
        text.contains("[private]"),
        "a private note is the lead's own, and says so: {text}"
    );

    let hits = t.json(&["search", "ledger"]);
    let ids: Vec<&str> = hits
        .as_array()
        .expect("array")
        .iter()
        .map(|h| h["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, [note.as_str(), session.as_str()], "newest first");
    assert_eq!(hits[0]["mentee_name"], "José Pérez");
    assert_eq!(hits[0]["kind"], "note");
    assert!(
        hits[0]["snippet"]
            .as_array()
            .expect("fragments")
            .iter()
            .any(|f| f["mark"] == true)
    );

    let only = t.json(&[
        "search",
        "ledger",
        "--mentee",
        "priya",
        "--shareable",
        "--kind",
        "session",
    ]);
    assert_eq!(only.as_array().expect("array").len(), 1);
    assert_eq!(
        t.json(&[
            "search",
            "ledger",
            "--since",
            "2026-02-01",
            "--kind",
            "session"
        ]),
        serde_json::json!([])
    );
    assert_eq!(
        t.json(&["search", "perez", "--kind", "mentee"])[0]["title"],
        "José Pérez"
    );
    assert_eq!(t.ok(&["search", "kubernetes"]).trim(), "Nothing matches.");

    assert_eq!(
        t.json(&["search", "ledger -naive"])
            .as_array()
            .expect("array")
            .len(),
        1,
        "-word inside quotes leaves records out"
    );
    let err = t.fails(&["search", "--", "-ledger"]);
    assert!(err.contains("type a word"), "{err}");
    let err = t.fails(&["search", "x", "--kind", "meeting"]);
    assert!(err.contains("'meeting' is not one of"), "{err}");
    let err = t.fails(&["search", "x", "--private", "--shareable"]);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn check_reports_the_index_and_repairs_it() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Priya Raman"]);
    t.id(&["note", "add", "priya", "--text", "kept in the index"]);
    let out = t.json(&["check"]);
    assert_eq!(out["search_index_ok"], true, "{out}");
    assert_eq!(out["search_index"]["records"], 2);
    {
        let c = rusqlite::Connection::open(&t.journal).expect("open");
        c.execute("DELETE FROM search_docs", [])
            .expect("damage the index");
    }
    let text = t.ok(&["check"]);
    assert!(
        text.contains("repair it with `trellis check --repair-index`"),
        "{text}"
    );
    let out = t.json(&["check", "--repair-index"]);
    assert_eq!(
        (out["repaired"].clone(), out["search_index_ok"].clone()),
        (serde_json::json!(2), serde_json::json!(true)),
        "{out}"
    );
    assert_eq!(
        t.json(&["search", "kept"]).as_array().expect("array").len(),
        1
    );
}

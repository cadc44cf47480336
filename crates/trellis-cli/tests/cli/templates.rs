//! `trellis template …` and `--template` on `note|session|track add`, through the real
//! binary: the defaults, a lead's own template, what it fills and what it leaves alone,
//! and the mistakes a person makes.

use super::Trellis;

#[test]
fn a_lead_logs_from_templates_and_keeps_their_own() {
    let t = Trellis::init();
    t.ok(&["mentee", "add", "Ada Okafor"]);

    // The defaults are there in a new journal.
    let list = t.json(&["template", "list"]);
    let names: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|x| x["name"].as_str().expect("name"))
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

    // A note from "SBI feedback": its body and its subkind, the date as given.
    let note = t.json(&[
        "note",
        "add",
        "ada",
        "--template",
        "sbi feedback",
        "--date",
        "2026-11-20",
    ]);
    assert_eq!(note["subkind"], "feedback");
    assert!(
        note["body"]
            .as_str()
            .expect("body")
            .starts_with("## Situation"),
        "{note}"
    );
    // Text given wins over the template's body; a kind given wins over its subkind.
    let note = t.json(&[
        "note",
        "add",
        "ada",
        "--template",
        "SBI feedback",
        "--kind",
        "observation",
        "--text",
        "Own words",
    ]);
    assert_eq!(
        (note["subkind"].as_str(), note["body"].as_str()),
        (Some("observation"), Some("Own words"))
    );

    // A lead's own session template with a topic and a tag: --topic can be left out.
    t.id(&[
        "template",
        "add",
        "Debugging session",
        "--kind",
        "session",
        "--topic",
        "Debugging",
        "--to-improve",
        "Form a hypothesis first",
        "--tag",
        "Debugging",
        "--text",
        "## Symptom\n\n## Hypothesis\n",
    ]);
    let s = t.json(&[
        "session",
        "add",
        "ada",
        "--minutes",
        "90",
        "--template",
        "debugging session",
        "--tag",
        "payments",
    ]);
    assert_eq!(s["topic"], "Debugging");
    assert_eq!(s["to_improve"], "Form a hypothesis first");
    assert_eq!(s["tags"], serde_json::json!(["debugging", "payments"]));

    // Edit: only what is given changes; rename; delete.
    t.ok(&[
        "template",
        "edit",
        "debugging session",
        "--rename",
        "Debugging pairing",
        "--topic",
        "Debugging a flaky test",
    ]);
    let shown = t.json(&["template", "show", "debugging pairing"]);
    assert_eq!(shown["fields"]["topic"], "Debugging a flaky test");
    assert_eq!(shown["fields"]["to_improve"], "Form a hypothesis first");
    assert!(
        shown["body"]
            .as_str()
            .expect("body")
            .contains("## Hypothesis")
    );
    t.ok(&["template", "delete", "Debugging pairing"]);
    assert!(
        t.fails(&["template", "show", "Debugging pairing"])
            .contains("no template")
    );
}

#[test]
fn template_mistakes_are_one_clear_line_and_change_nothing() {
    let t = Trellis::init();
    t.ok(&["mentee", "add", "Ada Okafor"]);
    let before = t.json(&["template", "list"]);

    // A note template on a session; a name that is taken; a field of another kind.
    let err = t.fails(&[
        "session",
        "add",
        "ada",
        "--minutes",
        "30",
        "--template",
        "1:1",
    ]);
    assert!(
        err.contains("'1:1' is a note template") || err.contains("no template"),
        "{err}"
    );
    let err = t.fails(&[
        "template",
        "add",
        "sbi FEEDBACK",
        "--kind",
        "note",
        "--text",
        "x",
    ]);
    assert!(err.contains("exists already"), "{err}");
    let err = t.fails(&[
        "template",
        "add",
        "Odd",
        "--kind",
        "note",
        "--topic",
        "Debugging",
        "--text",
        "x",
    ]);
    assert!(err.contains("topic"), "{err}");
    let err = t.fails(&["session", "add", "ada", "--minutes", "30"]);
    assert!(err.contains("--topic"), "{err}");
    let err = t.fails(&["note", "add", "ada", "--template", "nope"]);
    assert!(err.contains("no template"), "{err}");
    assert_eq!(t.json(&["template", "list"]), before, "nothing changed");
    assert_eq!(
        t.json(&["timeline", "ada"]).as_array().map(Vec::len),
        Some(0),
        "no entry was made"
    );
}

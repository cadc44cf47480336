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

#[test]
fn completions_and_the_man_page_come_from_the_grammar_and_need_no_journal() {
    let t = Trellis::new();
    let bash = t.ok(&["completions", "bash"]);
    assert!(
        bash.contains("_trellis()") && bash.contains("template"),
        "bash completions"
    );
    let zsh = t.ok(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef trellis"), "zsh completions");
    let fish = t.ok(&["completions", "fish"]);
    assert!(fish.contains("complete -c trellis"), "fish completions");
    let man = t.ok(&["manpage"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH trellis"),
        "roff"
    );
    for section in [
        "TRELLIS TEMPLATE ADD",
        "TRELLIS AGENDA",
        "TRELLIS REMIND",
        "TRELLIS ENCRYPT",
    ] {
        assert!(
            man.contains(&format!(".SH \"{section}\"")),
            "{section} is in the man page"
        );
    }
    assert!(
        man.contains("\\fB--template <TEMPLATE>\\fR"),
        "options are listed"
    );
    assert!(!t.journal.exists(), "no journal was made");
    let err = t.fails(&["completions", "tcsh"]);
    assert!(err.contains("tcsh"), "{err}");
}

#[test]
fn the_deb_takes_what_scripts_package_makes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let conf: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tauri.conf.json")).expect("tauri.conf.json"),
    )
    .expect("JSON");
    let script = std::fs::read_to_string(root.join("scripts/package")).expect("scripts/package");
    let files = conf["bundle"]["linux"]["deb"]["files"]
        .as_object()
        .expect("deb files");
    assert!(
        files.contains_key("/usr/bin/trellis"),
        "the CLI is in the .deb"
    );
    for (dest, source) in files {
        let source = source.as_str().expect("a path");
        let name = source.trim_start_matches("target-package/");
        assert!(
            script.contains(&format!("$OUT/{name}")),
            "scripts/package makes {source} (for {dest})"
        );
    }
}

#[test]
fn template_names_compare_as_people_read_them() {
    let t = Trellis::init();
    t.id(&["template", "add", "Été", "--kind", "note", "--text", "x"]);
    for taken in ["éTÉ", "ete", " ÉTÉ "] {
        let err = t.fails(&["template", "add", taken, "--kind", "note", "--text", "y"]);
        assert!(err.contains("exists already"), "{taken}: {err}");
    }
    let err = t.fails(&[
        "template",
        "add",
        "A\u{202e}B",
        "--kind",
        "note",
        "--text",
        "y",
    ]);
    assert!(err.contains("invisible"), "{err}");
    assert_eq!(t.json(&["template", "show", "ÉTÉ"])["name"], "Été");
    // Its own archive imports into a new journal, and into itself.
    let file = t.dir.path().join("a.json");
    t.ok(&["export", "--out", file.to_str().expect("path")]);
    t.ok(&["import", file.to_str().expect("path")]);
    let other = t.dir.path().join("other.db");
    t.ok_on(&other, &["init"]);
    t.ok_on(&other, &["import", file.to_str().expect("path")]);

    // A session from a note template: said plainly.
    t.ok(&["mentee", "add", "Ada"]);
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
        err.contains("'1:1' is a note template, not a session one"),
        "{err}"
    );
    let err = t.fails(&[
        "session",
        "add",
        "ada",
        "--minutes",
        "30",
        "--template",
        "post-pairing reflection",
    ]);
    assert!(err.contains("gives none"), "{err}");
}

#[test]
fn an_edited_default_template_imports_into_a_new_journal_without_asking() {
    let t = Trellis::init();
    t.ok(&["template", "edit", "code review", "--text", "## Mine"]);
    let file = t.dir.path().join("a.json");
    t.ok(&["export", "--out", file.to_str().expect("path")]);
    let other = t.dir.path().join("other.db");
    t.ok_on(&other, &["init"]);
    t.ok_on(&other, &["import", file.to_str().expect("path")]);
    let shown: serde_json::Value =
        serde_json::from_str(&t.ok_on(&other, &["template", "show", "code review", "--json"]))
            .expect("json");
    assert_eq!(shown["body"], "## Mine");
}

//! `trellis agenda`, `trellis remind`, `trellis settings`, `--cadence`, and
//! `trellis track outcome`, through the real binary.

use super::Trellis;

#[test]
fn a_lead_prepares_the_next_one_on_one() {
    let t = Trellis::init();
    t.ok(&["mentee", "add", "Ada Okafor", "--cadence", "weekly"]);
    t.ok(&[
        "session",
        "add",
        "ada",
        "--minutes",
        "45",
        "--topic",
        "Retry design",
        "--date",
        "2026-11-10",
        "--shareable",
        "--to-improve",
        "Name the failure modes first",
        "--follow-up",
        "Write the ADR",
    ]);
    let track = t.id(&[
        "track",
        "add",
        "ada",
        "--leaning",
        "1",
        "--experiment",
        "Run the incident review",
        "--date",
        "2026-11-12",
        "--private",
    ]);
    t.ok(&[
        "note",
        "add",
        "ada",
        "--text",
        "Ask about the budget",
        "--tag",
        "agenda",
        "--private",
    ]);
    t.ok(&[
        "action",
        "add",
        "ada",
        "Book the design review",
        "--owner",
        "lead",
        "--due",
        "+1w",
    ]);
    t.ok(&[
        "track",
        "outcome",
        &track,
        "1",
        "--outcome",
        "Led it calmly",
    ]);

    let a = t.json(&["agenda", "ada"]);
    assert_eq!(a["next"]["cadence"], "weekly");
    assert_eq!(a["next"]["last"], "2026-11-10");
    let items = a["items"].as_array().expect("items");
    assert!(items.iter().any(|i| {
        i["detail"]
            .as_str()
            .is_some_and(|d| d.contains("Led it calmly"))
    }));
    assert!(
        items
            .iter()
            .any(|i| i["kind"] == "reminder" && i["private"] == true)
    );

    // The copy for a shared doc leaves private items out, and says so only on stderr.
    let out = t.run(&["agenda", "ada", "--format", "md"]);
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(md.starts_with("# Next 1:1 with Ada Okafor"), "{md}");
    assert!(
        md.contains("- [ ] Write the ADR") && md.contains("Book the design review"),
        "{md}"
    );
    assert!(!md.contains("budget") && !md.contains("incident"), "{md}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 private item(s) left out"));
    let all = t.ok(&["agenda", "ada", "--format", "md", "--include-private"]);
    assert!(
        all.lines()
            .any(|l| l.starts_with("- Ask about the budget") && l.ends_with("_(private)_")),
        "{all}"
    );

    // Reminders: the 1:1 is overdue by the weekly cadence.
    let r = t.json(&["remind"]);
    assert_eq!(r[0]["kind"], "one_on_one", "{r}");
    let text = t.ok(&["remind"]);
    assert!(text.contains("Ada Okafor · 1:1"), "{text}");

    // Settings and cadence errors change nothing.
    assert_eq!(t.json(&["settings", "show"])["default_cadence"], "biweekly");
    t.ok(&["settings", "set", "default-cadence", "monthly"]);
    assert_eq!(t.json(&["settings", "show"])["default_cadence"], "monthly");
    let err = t.fails(&["mentee", "edit", "ada", "--cadence", "fortnightly"]);
    assert!(
        err.contains("weekly, biweekly, monthly, none, default"),
        "{err}"
    );
    let err = t.fails(&["settings", "set", "colour", "blue"]);
    assert!(err.contains("default-cadence"), "{err}");
    let err = t.fails(&["track", "outcome", &track, "7", "--outcome", "x"]);
    assert!(err.contains("Run the incident review"), "{err}");
    let err = t.fails(&["action", "add", "ada", "x", "--due", "someday"]);
    assert!(err.contains("+1w"), "{err}");
    t.ok(&["mentee", "edit", "ada", "--cadence", "default"]);
    assert_eq!(t.json(&["agenda", "ada"])["next"]["cadence"], "monthly");
}

#[test]
fn remind_never_prints_a_private_1_1s_date_or_a_control_character() {
    let t = Trellis::init();
    t.ok(&["mentee", "add", "Alice", "--cadence", "weekly"]);
    t.ok(&[
        "note",
        "add",
        "alice",
        "--kind",
        "one-on-one",
        "--shareable",
        "--date",
        "2026-01-05",
        "--text",
        "pub",
    ]);
    t.ok(&[
        "note",
        "add",
        "alice",
        "--kind",
        "one-on-one",
        "--private",
        "--date",
        "2026-01-20",
        "--text",
        "secret",
    ]);
    t.ok(&[
        "action",
        "add",
        "alice",
        "a\u{1b}]0;pwned\u{7}b",
        "--due",
        "2026-01-02",
    ]);
    let text = t.ok(&["remind"]);
    assert!(
        !text.contains("2026-01-27") && !text.contains("2026-01-20"),
        "{text}"
    );
    assert!(text.contains("1:1 with Alice (weekly) (overdue)"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{1b}"), "shown escaped: {text}");
    let shown = t.ok(&["remind", "--show-private"]);
    assert!(shown.contains("overdue since 2026-01-27"), "{shown}");
    let md = t.ok(&["agenda", "alice", "--format", "md"]);
    assert!(
        !md.contains("2026-01-27") && !md.contains("2026-01-20"),
        "{md}"
    );
    assert!(!md.contains('\u{1b}'), "{md:?}");
}

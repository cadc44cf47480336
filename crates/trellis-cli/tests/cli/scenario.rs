use serde_json::Value;

use super::Trellis;

#[test]
fn a_leads_first_weeks_end_to_end() {
    let t = Trellis::init();
    let mentee = t.id(&[
        "mentee",
        "add",
        "Priya Raman",
        "--role",
        "Backend Engineer",
        "--level",
        "L3",
        "--team",
        "Payments",
        "--started",
        "2026-01-05",
        "--tag",
        "backend",
    ]);

    let private = t.id(&[
        "note",
        "add",
        "priya",
        "--kind",
        "one-on-one",
        "--date",
        "2026-01-12",
        "--title",
        "First 1:1",
        "--text",
        "Feels *stretched* by support work.",
        "--private",
    ]);
    let shareable = t.id(&[
        "note",
        "add",
        "Priya Raman",
        "--kind",
        "feedback",
        "--date",
        "2026-01-20",
        "--shareable",
        "--star",
        "--tag",
        "win",
        "--text",
        "PM praised the design doc.",
    ]);
    let session = t.id(&[
        "session",
        "add",
        &mentee[..8],
        "--minutes",
        "90",
        "--topic",
        "Flaky integration test",
        "--date",
        "2026-01-15",
        "--driver",
        "mentee",
        "--independence",
        "3",
        "--skill",
        "testing",
        "--went-well",
        "Formed a hypothesis first",
        "--to-improve",
        "Reach for the profiler earlier",
        "--follow-up",
        "Write up the root cause",
        "--follow-up",
        "Add the regression test",
        "--link",
        "https://git.example.com/pr/42",
        "--text",
        "We paired on the flaky test.",
    ]);
    let track = t.id(&[
        "track",
        "add",
        "priya",
        "--leaning",
        "-1",
        "--aspiration",
        "staff",
        "--energizers",
        "Deep debugging",
        "--drainers",
        "Status meetings",
        "--experiment",
        "Run the next incident review",
        "--date",
        "2026-01-25",
    ]);
    let goal = t.id(&[
        "goal",
        "add",
        "priya",
        "Lead a design review",
        "--why",
        "Design is the gap",
        "--target",
        "2026-06-30",
        "--skill",
        "system-design",
    ]);
    t.ok(&[
        "goal",
        "check-in",
        &goal,
        "--progress",
        "20",
        "--date",
        "2026-02-01",
        "--evidence",
        &session,
    ]);
    let g = t.json(&[
        "goal",
        "check-in",
        &goal,
        "--progress",
        "45",
        "--date",
        "2026-03-01",
        "--note",
        "Drafted the doc",
    ]);
    assert_eq!(g["progress"], 45, "progress follows the latest check-in");
    assert_eq!(g["check_ins"].as_array().map(Vec::len), Some(2));
    assert_eq!(g["evidence"][0], session.as_str());

    let open = t.json(&["action", "list", "priya", "--open"]);
    let follow_up = open
        .as_array()
        .and_then(|a| a.iter().find(|a| a["text"] == "Write up the root cause"))
        .expect("the follow-up is an open action item")["id"]
        .as_str()
        .expect("id")
        .to_string();
    t.ok(&["action", "done", &follow_up]);
    let open = t.json(&["action", "list", "priya", "--open"]);
    assert_eq!(
        open.as_array().map(Vec::len),
        Some(1),
        "one follow-up left open"
    );

    let timeline = t.json(&["timeline", "priya"]);
    let entries = timeline.as_array().expect("an array of entries");
    let ids: Vec<&str> = entries
        .iter()
        .map(|e| e["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        ids,
        [
            private.as_str(),
            session.as_str(),
            shareable.as_str(),
            track.as_str()
        ],
        "entries in date order"
    );
    let note = &entries[0];
    assert_eq!(note["kind"], "note");
    assert_eq!(note["subkind"], "one-on-one");
    assert_eq!(note["visibility"], "private");
    assert_eq!(note["title"], "First 1:1");
    assert_eq!(note["body"], "Feels *stretched* by support work.");
    assert_eq!(note["mentee_id"], mentee.as_str());
    assert_eq!(note["date"], "2026-01-12");

    let s = &entries[1];
    let expect = [
        ("kind", Value::from("session")),
        ("minutes", Value::from(90)),
        ("topic", Value::from("Flaky integration test")),
        ("driver", Value::from("mentee")),
        ("independence", Value::from(3)),
        ("went_well", Value::from("Formed a hypothesis first")),
        ("to_improve", Value::from("Reach for the profiler earlier")),
        ("visibility", Value::from("shareable")),
        ("starred", Value::from(false)),
        ("body", Value::from("We paired on the flaky test.")),
    ];
    for (field, value) in expect {
        assert_eq!(s[field], value, "session field {field}");
    }
    assert_eq!(s["links"][0], "https://git.example.com/pr/42");
    assert_eq!(s["skills"][0], "testing");
    let follow_ups = s["follow_ups"].as_array().expect("follow-ups listed");
    assert_eq!(follow_ups.len(), 2);
    assert!(
        follow_ups.iter().any(|a| a["done_at"].is_string()),
        "one is done"
    );
    assert!(follow_ups.iter().all(|a| a["entry_id"] == session.as_str()));

    let f = &entries[2];
    assert_eq!(
        (f["starred"].as_bool(), f["visibility"].as_str()),
        (Some(true), Some("shareable"))
    );
    assert_eq!(f["tags"][0], "win");

    let tc = &entries[3];
    assert_eq!(tc["kind"], "track");
    assert_eq!(tc["leaning"], -1);
    assert_eq!(tc["aspiration"], "staff");
    assert_eq!(tc["energizers"], "Deep debugging");
    assert_eq!(tc["drainers"], "Status meetings");
    assert_eq!(tc["experiments"][0], "Run the next incident review");
    assert_eq!(
        tc["visibility"], "private",
        "track conversations default to private"
    );
    for e in entries {
        for field in ["created_at", "updated_at"] {
            assert!(
                e[field].as_str().is_some_and(|s| s.ends_with('Z')),
                "{field} is UTC"
            );
        }
    }

    let since = t.json(&[
        "timeline",
        "priya",
        "--since",
        "2026-01-15",
        "--until",
        "2026-01-20",
    ]);
    assert_eq!(
        since.as_array().map(Vec::len),
        Some(2),
        "period filter is inclusive"
    );

    let show = t.json(&["mentee", "show", "priya"]);
    assert_eq!(show["entries"]["sessions"], 1);
    assert_eq!(show["entries"]["session_minutes"], 90);
    assert_eq!(show["latest_leaning"], -1);
    assert_eq!(show["goals"][0]["title"], "Lead a design review");

    let a = t.id(&[
        "assess",
        "priya",
        "--dimension",
        "system-design",
        "--level",
        "developing",
        "--date",
        "2026-03-01",
        "--evidence",
        &session,
    ]);
    let skills = t.json(&["skills", "priya"]);
    let sd = skills
        .as_array()
        .and_then(|s| s.iter().find(|d| d["dimension"] == "system-design"))
        .expect("dimension listed");
    assert_eq!(sd["latest"]["id"], a.as_str());
    assert_eq!(sd["latest"]["rank"], 2);

    let human = t.ok(&["timeline", "priya"]);
    assert!(
        human.contains("Flaky integration test") && human.contains("→ Add the regression test"),
        "{human}"
    );
}

#[test]
fn mentees_list_edit_and_archive() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Mateo Silva", "--team", "Search"]);
    let m = t.id(&["mentee", "add", "Aisha Okafor", "--track", "management"]);
    let edited = t.json(&[
        "mentee", "edit", "aisha", "--team", "Identity", "--level", "L4",
    ]);
    assert_eq!(edited["team"], "Identity");
    assert_eq!(edited["track"], "management", "untouched fields stay");
    t.ok(&["mentee", "archive", &m]);
    let names = |v: Value| -> Vec<String> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|m| m["name"].as_str().expect("name").to_string())
            .collect()
    };
    assert_eq!(names(t.json(&["mentee", "list"])), ["Mateo Silva"]);
    assert_eq!(
        names(t.json(&["mentee", "list", "--all"])),
        ["Aisha Okafor", "Mateo Silva"]
    );
    t.ok(&["mentee", "edit", "aisha", "--unarchive"]);
    assert_eq!(names(t.json(&["mentee", "list"])).len(), 2);
}

#[test]
fn the_body_can_come_from_standard_input() {
    use std::io::Write;
    let t = Trellis::init();
    t.id(&["mentee", "add", "Jonas Berg"]);
    let mut child = t
        .command(&["note", "add", "jonas", "--kind", "observation"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"# Incident\n\nKept a clear timeline.\n")
        .expect("write");
    assert!(child.wait_with_output().expect("wait").status.success());
    let timeline = t.json(&["timeline", "jonas"]);
    assert_eq!(timeline[0]["body"], "# Incident\n\nKept a clear timeline.");
}

#[test]
fn the_journal_comes_from_the_environment_when_no_flag_is_given() {
    let t = Trellis::new();
    let path = t.dir.path().join("from-env.db");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_trellis"))
        .arg("init")
        .env("TRELLIS_JOURNAL", &path)
        .env("XDG_DATA_HOME", t.dir.path().join("xdg"))
        .output()
        .expect("runs")
        .status;
    assert!(status.success());
    assert!(path.exists(), "TRELLIS_JOURNAL names the journal");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_trellis"))
        .arg("init")
        .env_remove("TRELLIS_JOURNAL")
        .env("XDG_DATA_HOME", t.dir.path().join("xdg"))
        .output()
        .expect("runs")
        .status;
    assert!(status.success());
    assert!(
        t.dir.path().join("xdg/trellis/journal.db").exists(),
        "the default journal lives in $XDG_DATA_HOME/trellis"
    );
    // An empty TRELLIS_JOURNAL means "not set", as it does for the desktop app.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(["mentee", "list", "--json"])
        .env("TRELLIS_JOURNAL", "")
        .env("XDG_DATA_HOME", t.dir.path().join("xdg"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

//! Every error a user can cause: one clear line on stderr, a non-zero exit, and the
//! journal byte-for-byte as it was.

use super::{Trellis, snapshot};

/// A journal with two mentees (one pair of twins would be added per test), a goal and
/// an action item, so bad input has something to damage.
fn populated() -> (Trellis, String, String) {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Priya Raman"]);
    t.id(&["mentee", "add", "Sam Lee", "--team", "Search"]);
    t.id(&["mentee", "add", "sam lee", "--team", "Growth"]);
    let goal = t.id(&["goal", "add", "priya", "Lead a design review"]);
    let action = t.id(&["action", "add", "priya", "Read the SRE chapter"]);
    (t, goal, action)
}

/// Runs each bad command and checks the message and that nothing changed.
fn refuse(t: &Trellis, cases: &[(&[&str], &str)]) {
    for (args, expected) in cases {
        let before = snapshot(&t.journal);
        let err = t.fails(args);
        assert!(
            err.contains(expected),
            "`trellis {}` should say '{expected}', said: {err}",
            args.join(" ")
        );
        assert!(
            before == snapshot(&t.journal),
            "`trellis {}` changed the journal",
            args.join(" ")
        );
    }
}

#[test]
fn unknown_and_ambiguous_mentees() {
    let (t, _, _) = populated();
    refuse(
        &t,
        &[
            (
                &["note", "add", "bob", "--text", "x"],
                "no mentee matches 'bob'",
            ),
            (&["mentee", "show", "nobody"], "no mentee matches 'nobody'"),
            (&["timeline", "zed"], "no mentee matches 'zed'"),
            (
                &["note", "add", "sam lee", "--text", "x"],
                "matches more than one mentee",
            ),
            (
                &["session", "add", "Sam", "--minutes", "30", "--topic", "x"],
                "Search",
            ),
            (&["mentee", "archive", "sam lee"], "Growth"),
        ],
    );
}

#[test]
fn invalid_dates() {
    let (t, goal, _) = populated();
    refuse(
        &t,
        &[
            (
                &[
                    "note",
                    "add",
                    "priya",
                    "--date",
                    "2026-02-30",
                    "--text",
                    "x",
                ],
                "not a real calendar date",
            ),
            (
                &[
                    "note",
                    "add",
                    "priya",
                    "--date",
                    "2025-02-29",
                    "--text",
                    "x",
                ],
                "not a real calendar date",
            ),
            (
                &[
                    "note",
                    "add",
                    "priya",
                    "--date",
                    "2026/01/05",
                    "--text",
                    "x",
                ],
                "YYYY-MM-DD",
            ),
            (
                &["note", "add", "priya", "--date", "yesterday", "--text", "x"],
                "YYYY-MM-DD",
            ),
            (
                &["goal", "add", "priya", "Ship it", "--target", "2026-13-01"],
                "not a real calendar date",
            ),
            (
                &[
                    "goal",
                    "check-in",
                    &goal,
                    "--progress",
                    "10",
                    "--date",
                    "2026-04-31",
                ],
                "not a real calendar date",
            ),
            (
                &["action", "add", "priya", "Do it", "--due", "31-01-2026"],
                "YYYY-MM-DD",
            ),
            (
                &["timeline", "priya", "--since", "2026-00-10"],
                "not a real calendar date",
            ),
            (
                &["mentee", "add", "New Person", "--started", "2026-02-29"],
                "not a real calendar date",
            ),
        ],
    );
}

#[test]
fn out_of_range_numbers_and_unknown_spellings() {
    let (t, goal, _) = populated();
    refuse(
        &t,
        &[
            (
                &[
                    "session",
                    "add",
                    "priya",
                    "--minutes",
                    "60",
                    "--topic",
                    "x",
                    "--independence",
                    "6",
                ],
                "use 1..5",
            ),
            (
                &[
                    "session",
                    "add",
                    "priya",
                    "--minutes",
                    "60",
                    "--topic",
                    "x",
                    "--independence",
                    "0",
                ],
                "use 1..5",
            ),
            (
                &["session", "add", "priya", "--minutes", "0", "--topic", "x"],
                "minutes",
            ),
            (
                &[
                    "session",
                    "add",
                    "priya",
                    "--minutes",
                    "sixty",
                    "--topic",
                    "x",
                ],
                "not a whole number",
            ),
            (
                &[
                    "session",
                    "add",
                    "priya",
                    "--minutes",
                    "30",
                    "--topic",
                    "x",
                    "--driver",
                    "boss",
                ],
                "mentee, lead, both",
            ),
            (&["track", "add", "priya", "--leaning", "3"], "use -2..2"),
            (&["track", "add", "priya", "--leaning", "-3"], "use -2..2"),
            (
                &[
                    "track",
                    "add",
                    "priya",
                    "--leaning",
                    "1",
                    "--aspiration",
                    "ceo",
                ],
                "staff",
            ),
            (
                &["goal", "check-in", &goal, "--progress", "101"],
                "use 0..100",
            ),
            (
                &["goal", "check-in", &goal, "--progress", "-1"],
                "use 0..100",
            ),
            (
                &["goal", "set", &goal, "--status", "done"],
                "proposed, active, achieved, dropped",
            ),
            (
                &["note", "add", "priya", "--kind", "meeting", "--text", "x"],
                "one-on-one",
            ),
            (
                &["mentee", "add", "X", "--track", "both"],
                "undecided, ic, management",
            ),
            (
                &["action", "add", "priya", "x", "--owner", "team"],
                "mentee, lead",
            ),
            (
                &["assess", "priya", "--dimension", "juggling", "--level", "1"],
                "no dimension matches",
            ),
            (
                &[
                    "assess",
                    "priya",
                    "--dimension",
                    "delivery",
                    "--level",
                    "wizard",
                ],
                "its levels are",
            ),
        ],
    );
}

#[test]
fn empty_names_and_texts() {
    let (t, _, _) = populated();
    refuse(
        &t,
        &[
            (&["mentee", "add", ""], "invalid name: must not be empty"),
            (&["mentee", "add", "   "], "invalid name: must not be empty"),
            (
                &["mentee", "edit", "priya", "--name", " "],
                "invalid name: must not be empty",
            ),
            (&["mentee", "edit", "priya"], "nothing to change"),
            (
                &["session", "add", "priya", "--minutes", "30", "--topic", " "],
                "topic",
            ),
            (&["goal", "add", "priya", "  "], "invalid title"),
            (&["action", "add", "priya", ""], "action item"),
            (&["session", "add", "priya", "--minutes", "30"], "--topic"),
        ],
    );
}

#[test]
fn unknown_goals_actions_and_evidence() {
    let (t, goal, _) = populated();
    refuse(
        &t,
        &[
            (
                &["goal", "check-in", "0000aaaa", "--progress", "10"],
                "no goal matches",
            ),
            (
                &["goal", "set", "nope", "--status", "active"],
                "no goal matches",
            ),
            (&["action", "done", "ffff0000"], "no action item matches"),
            (
                &[
                    "goal",
                    "check-in",
                    &goal,
                    "--progress",
                    "10",
                    "--evidence",
                    "abcd1234",
                ],
                "no entry matches",
            ),
        ],
    );
}

/// Pipes `input` into `trellis note add priya`; returns stderr if it failed.
fn note_from_stdin(t: &Trellis, input: &[u8]) -> Option<String> {
    use std::io::Write;
    let mut child = t
        .command(&["note", "add", "priya"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let _ = stdin.write_all(input);
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    (!out.status.success()).then(|| String::from_utf8_lossy(&out.stderr).to_string())
}

#[test]
fn an_oversized_body_is_refused_not_truncated() {
    let (t, _, _) = populated();
    let limit = 256 * 1024;
    let before = snapshot(&t.journal);
    let err = note_from_stdin(&t, &vec![b'a'; 300 * 1024]).expect("refused");
    assert!(err.contains("the limit is 256 KiB"), "{err}");
    // Exactly at the limit, then white space, then more text: a reader that stopped at
    // the limit and trimmed would save a cut-off note.
    let mut tricky = vec![b'a'; limit];
    tricky.extend_from_slice(b"\nthe rest of the note");
    let err = note_from_stdin(&t, &tricky).expect("refused");
    assert!(err.contains("the limit is 256 KiB"), "{err}");
    // A multi-byte character across the limit is a size error, not an encoding one.
    let mut utf8 = vec![b'a'; limit - 1];
    utf8.extend_from_slice("é and more".as_bytes());
    let err = note_from_stdin(&t, &utf8).expect("refused");
    assert!(err.contains("the limit is 256 KiB"), "{err}");
    let err = note_from_stdin(&t, &[0xff, 0xfe, b'a']).expect("refused");
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(before == snapshot(&t.journal), "nothing was saved");
}

#[test]
fn journals_that_cannot_be_used() {
    let mut t = Trellis::new();
    // A path whose parent is a file cannot be created.
    let file = t.dir.path().join("plain");
    std::fs::write(&file, "x").expect("write");
    let default_journal = std::mem::replace(&mut t.journal, file.join("sub/journal.db"));
    let err = t.fails(&["init"]);
    assert!(err.contains("cannot create the journal"), "{err}");
    assert!(!t.journal.exists());
    t.journal = default_journal;

    // A missing journal is not created by other commands.
    let err = t.fails(&["mentee", "list"]);
    assert!(err.contains("trellis init"), "{err}");
    assert!(!t.journal.exists(), "only init and demo create a journal");

    // A text file is refused and left alone.
    let text = t.dir.path().join("notes.md");
    std::fs::write(&text, "# my notes\n").expect("write");
    t.journal = text.clone();
    for args in [
        &["init"][..],
        &["mentee", "list"],
        &["mentee", "add", "A"],
        &["demo"],
    ] {
        let err = t.fails(args);
        assert!(err.contains("is not a Trellis journal"), "{err}");
    }
    assert_eq!(
        std::fs::read_to_string(&text).expect("read"),
        "# my notes\n"
    );

    // Another program's SQLite database is refused and left alone.
    let other = t.dir.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&other).expect("open");
        c.execute_batch("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');")
            .expect("setup");
    }
    let before = snapshot(&other);
    t.journal = other.clone();
    for args in [&["init"][..], &["mentee", "add", "A"], &["demo"]] {
        assert!(t.fails(args).contains("is not a Trellis journal"));
    }
    assert!(
        before == snapshot(&other),
        "a foreign database is never changed"
    );
}

#[test]
fn a_journal_from_a_newer_trellis_is_refused_unchanged() {
    let (t, _, _) = populated();
    {
        let c = rusqlite::Connection::open(&t.journal).expect("open");
        c.pragma_update(None, "user_version", 99).expect("bump");
    }
    refuse(
        &t,
        &[
            (&["mentee", "list"], "newer Trellis (schema 99"),
            (&["mentee", "add", "Someone"], "upgrade Trellis"),
            (&["init"], "upgrade Trellis"),
        ],
    );
}

#[test]
fn a_demo_never_overwrites_a_journal_with_data() {
    let (t, _, _) = populated();
    refuse(&t, &[(&["demo", "--mentees", "2"], "already has mentees")]);
}

#[test]
fn a_hostile_ladder_file_is_refused_and_its_escapes_never_reach_the_terminal() {
    let (t, _, _) = populated();
    let dir = t.journal.parent().expect("dir").to_path_buf();
    let esc = dir.join("esc.json");
    std::fs::write(
        &esc,
        "{\"format\":\"trellis-framework\",\"version\":1,\"key\":\"x\",\"name\":\"X\",\"levels\":[],\"dimensions\":[],\"\\u001b]0;PWNED\\u0007\":1}",
    )
    .expect("written");
    let js = dir.join("ladder.js");
    std::fs::write(&js, "module.exports = { levels: [] };").expect("written");
    let junk = dir.join("junk.yml");
    std::fs::write(&junk, "hello: world\n").expect("written");
    let (esc, js, junk) = (
        esc.to_string_lossy().to_string(),
        js.to_string_lossy().to_string(),
        junk.to_string_lossy().to_string(),
    );
    refuse(
        &t,
        &[
            (&["framework", "import", &esc], "unknown field"),
            (&["framework", "import", &js], "never runs code"),
            (
                &["framework", "import", &junk],
                "Trellis reads its own framework JSON",
            ),
            (
                &["framework", "import", &junk, "--key", "trellis"],
                "Trellis reads",
            ),
            (&["framework", "remove", "trellis"], "the default ladder"),
            (&["framework", "use", "priya", "nope"], "no ladder matches"),
        ],
    );
    let err = t.fails(&["framework", "import", &esc]);
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{7}'),
        "no raw escape on stderr: {err:?}"
    );
    assert!(err.contains("\\u{1b}"), "shown escaped: {err}");
}

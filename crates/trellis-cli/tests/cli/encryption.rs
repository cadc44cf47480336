//! `trellis encrypt`, `decrypt`, `passphrase change`, `recover`, and every other command
//! on an encrypted journal, driven the way a script drives them (passphrase files).

use std::path::{Path, PathBuf};
use std::process::Output;

use super::{Trellis, snapshot};

const SECRET: &str = "Quokka-promotion-secret";

fn secret_file(t: &Trellis, name: &str, text: &str) -> PathBuf {
    let p = t.dir.path().join(name);
    std::fs::write(&p, text).expect("written");
    p
}

/// Runs `trellis` with the passphrase files given (`None`: the variable is unset).
fn with_keys(t: &Trellis, pass: Option<&Path>, new: Option<&Path>, args: &[&str]) -> Output {
    let mut c = t.command(args);
    c.env_remove("TRELLIS_PASSPHRASE_FILE")
        .env_remove("TRELLIS_NEW_PASSPHRASE_FILE");
    if let Some(p) = pass {
        c.env("TRELLIS_PASSPHRASE_FILE", p);
    }
    if let Some(n) = new {
        c.env("TRELLIS_NEW_PASSPHRASE_FILE", n);
    }
    c.output().expect("trellis runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

/// A failure: one line on stderr, nothing on stdout; returns the line.
fn refused(out: &Output) -> String {
    assert!(!out.status.success(), "should have failed");
    assert!(out.stdout.is_empty(), "a failure prints nothing on stdout");
    let err = String::from_utf8(out.stderr.clone()).expect("utf-8");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

fn key_file(t: &Trellis) -> PathBuf {
    PathBuf::from(format!("{}.key", t.journal.display()))
}

fn assert_unreadable_without_key(path: &Path) {
    let bytes = std::fs::read(path).expect("file");
    assert!(!bytes.starts_with(b"SQLite format 3"), "{}", path.display());
    assert!(!bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()));
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("opens lazily");
    assert!(
        c.query_row("SELECT count(*) FROM entries", [], |r| r.get::<_, i64>(0))
            .is_err(),
        "{} reads without its key",
        path.display()
    );
}

/// A journal with Mei and a note holding `SECRET`.
fn mei_with_a_secret() -> Trellis {
    let t = Trellis::init();
    t.ok(&["mentee", "add", "Mei Tanaka"]);
    t.ok(&[
        "note",
        "add",
        "Mei",
        "--text",
        &format!("Discussed {SECRET}."),
    ]);
    t
}

#[test]
fn a_script_turns_encryption_on_uses_it_changes_recovers_and_turns_it_off() {
    let t = mei_with_a_secret();
    t.ok(&["backup"]);
    let first = secret_file(&t, "first", "first passphrase\n");
    let second = secret_file(&t, "second", "second passphrase\n");
    let third = secret_file(&t, "third", "third passphrase\n");
    let rk_file = t.dir.path().join("recovery.txt");

    let out = with_keys(
        &t,
        Some(&first),
        None,
        &[
            "encrypt",
            "--recovery-key-file",
            rk_file.to_str().expect("utf-8"),
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&ok(&out)).expect("json");
    let shown = v["recovery_key"].as_str().expect("the key is shown once");
    assert_eq!(shown.len(), 64);
    let written = std::fs::read_to_string(&rk_file).expect("recovery file");
    assert!(written.contains(shown));
    assert_eq!(v["converted_copies"].as_array().expect("copies").len(), 1);
    assert_unreadable_without_key(&t.journal);
    assert_unreadable_without_key(Path::new(
        v["converted_copies"][0].as_str().expect("a path"),
    ));

    // Without a passphrase and no terminal: one clear line, nothing changed.
    let before = (
        snapshot(&t.journal),
        std::fs::read(key_file(&t)).expect("key"),
    );
    let err = refused(&with_keys(&t, None, None, &["mentee", "list"]));
    assert!(err.contains("TRELLIS_PASSPHRASE_FILE"), "{err}");
    let err = refused(&with_keys(
        &t,
        Some(&second),
        None,
        &["note", "add", "Mei", "--text", "x"],
    ));
    assert!(err.contains("does not unlock"), "{err}");
    assert!(err.contains("trellis recover"), "{err}");
    assert_eq!(
        before,
        (
            snapshot(&t.journal),
            std::fs::read(key_file(&t)).expect("key")
        ),
        "a wrong passphrase changed nothing"
    );

    // Use it.
    let list = ok(&with_keys(&t, Some(&first), None, &["mentee", "list"]));
    assert!(list.contains("Mei Tanaka"));
    ok(&with_keys(
        &t,
        Some(&first),
        None,
        &["note", "add", "Mei", "--text", "Encrypted note"],
    ));
    let backup = ok(&with_keys(&t, Some(&first), None, &["backup"]));
    assert_unreadable_without_key(Path::new(backup.trim()));
    ok(&with_keys(&t, Some(&first), None, &["check"]));

    // Change the passphrase; the old one stops working.
    ok(&with_keys(
        &t,
        Some(&first),
        Some(&second),
        &["passphrase", "change"],
    ));
    refused(&with_keys(&t, Some(&first), None, &["mentee", "list"]));
    ok(&with_keys(&t, Some(&second), None, &["mentee", "list"]));

    // Forgotten: the recovery key file sets a new one.
    ok(&with_keys(
        &t,
        None,
        Some(&third),
        &[
            "recover",
            "--recovery-key-file",
            rk_file.to_str().expect("utf-8"),
        ],
    ));
    refused(&with_keys(&t, Some(&second), None, &["mentee", "list"]));

    // Restore the backup made while encrypted.
    ok(&with_keys(
        &t,
        Some(&third),
        None,
        &["restore", backup.trim()],
    ));
    assert_unreadable_without_key(&t.journal);

    // Off.
    ok(&with_keys(&t, Some(&third), None, &["decrypt"]));
    assert!(!key_file(&t).exists());
    assert!(
        std::fs::read(&t.journal)
            .expect("file")
            .starts_with(b"SQLite format 3\0")
    );
    let timeline = t.ok(&["timeline", "Mei"]);
    assert!(timeline.contains("Encrypted note"), "{timeline}");
}

#[test]
fn bad_secrets_are_one_clear_line_and_change_nothing() {
    let t = Trellis::init();
    t.ok(&["mentee", "add", "Ada"]);
    let before = snapshot(&t.journal);
    let short = secret_file(&t, "short", "short\n");
    let err = refused(&with_keys(&t, Some(&short), None, &["encrypt"]));
    assert!(err.contains("at least 8 characters"), "{err}");
    let two = secret_file(&t, "two", "one line\nanother line\n");
    let err = refused(&with_keys(&t, Some(&two), None, &["encrypt"]));
    assert!(err.contains("more than one line"), "{err}");
    let err = refused(&with_keys(&t, None, None, &["encrypt"]));
    assert!(err.contains("TRELLIS_PASSPHRASE_FILE"), "{err}");
    let err = refused(&with_keys(&t, None, None, &["decrypt"]));
    assert!(err.contains("not encrypted"), "{err}");
    assert_eq!(snapshot(&t.journal), before);
    assert!(!key_file(&t).exists());

    let good = secret_file(&t, "good", "good passphrase\n");
    ok(&with_keys(&t, Some(&good), None, &["encrypt"]));
    let err = refused(&with_keys(&t, Some(&good), None, &["encrypt"]));
    assert!(err.contains("encrypted already"), "{err}");
    let before = (
        snapshot(&t.journal),
        std::fs::read(key_file(&t)).expect("key"),
    );
    let recover_from = |text: &str| {
        let file = secret_file(&t, "recovery", text);
        refused(&with_keys(
            &t,
            None,
            Some(&good),
            &[
                "recover",
                "--recovery-key-file",
                file.to_str().expect("utf-8"),
            ],
        ))
    };
    let err = recover_from("not a recovery key at all\n");
    assert!(err.contains("no recovery key"), "{err}");
    let err = recover_from("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA\n");
    assert!(err.contains("recovery key does not unlock"), "{err}");
    let short_new = secret_file(&t, "short-new", "tiny\n");
    let err = refused(&with_keys(
        &t,
        Some(&good),
        Some(&short_new),
        &["passphrase", "change"],
    ));
    assert!(err.contains("at least 8"), "{err}");
    assert_eq!(
        before,
        (
            snapshot(&t.journal),
            std::fs::read(key_file(&t)).expect("key")
        )
    );
}

#[test]
fn a_copy_sealed_with_an_earlier_key_restores_with_its_passphrase() {
    let t = mei_with_a_secret();
    let pass = secret_file(&t, "pass", "copy passphrase\n");
    ok(&with_keys(&t, Some(&pass), None, &["encrypt"]));
    let copy = t.dir.path().join("copy.db");
    ok(&with_keys(
        &t,
        Some(&pass),
        None,
        &["backup", "--out", copy.to_str().expect("utf-8")],
    ));
    // Encryption off and on again: a new key; the copy keeps the old one.
    ok(&with_keys(&t, Some(&pass), None, &["decrypt"]));
    t.ok(&["note", "add", "Mei", "--text", "after the copy"]);
    ok(&with_keys(&t, Some(&pass), None, &["encrypt"]));
    // Without a passphrase for it, one clear line naming what to do.
    let err = refused(&with_keys(
        &t,
        None,
        None,
        &["restore", copy.to_str().expect("utf-8")],
    ));
    assert!(err.contains("TRELLIS_PASSPHRASE_FILE"), "{err}");
    let out = with_keys(
        &t,
        Some(&pass),
        None,
        &["restore", copy.to_str().expect("utf-8"), "--json"],
    );
    ok(&out);
    let timeline = ok(&with_keys(&t, Some(&pass), None, &["timeline", "Mei"]));
    assert!(timeline.contains(SECRET), "{timeline}");
    assert!(
        !timeline.contains("after the copy"),
        "the copy's contents replaced the journal's"
    );
    assert_unreadable_without_key(&t.journal);
}

#[test]
fn a_plain_journal_beside_a_key_file_is_used_with_a_warning() {
    let t = Trellis::init();
    t.ok(&["mentee", "add", "Ada"]);
    let plain_copy = t.dir.path().join("plain-copy.db");
    t.ok(&["backup", "--out", plain_copy.to_str().expect("utf-8")]);
    let pass = secret_file(&t, "pass", "stray passphrase\n");
    ok(&with_keys(&t, Some(&pass), None, &["encrypt"]));
    // An old plain copy put back in the journal's place, the key file still beside it.
    std::fs::copy(&plain_copy, &t.journal).expect("copied back");
    let out = with_keys(&t, None, None, &["mentee", "list"]);
    ok(&out);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not encrypted"), "{err}");
    // That key file may be the only key of the encrypted journal moved away: `encrypt`
    // never writes over it.
    let key = std::fs::read(key_file(&t)).expect("key file");
    let err = refused(&with_keys(&t, Some(&pass), None, &["encrypt"]));
    assert!(err.contains("moved away"), "{err}");
    assert_eq!(
        std::fs::read(key_file(&t)).expect("key file"),
        key,
        "unchanged"
    );
}

#[test]
fn a_key_file_without_its_journal_is_one_clear_line() {
    let t = Trellis::init();
    let pass = secret_file(&t, "pass", "orphan passphrase\n");
    ok(&with_keys(&t, Some(&pass), None, &["encrypt"]));
    std::fs::rename(&t.journal, t.dir.path().join("elsewhere.db")).expect("moved");
    let err = refused(&with_keys(&t, None, None, &["init"]));
    assert!(err.contains("move the key file away"), "{err}");
    assert!(!t.journal.exists(), "no empty journal is left behind");
}

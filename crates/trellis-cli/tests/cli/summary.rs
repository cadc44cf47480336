use super::Trellis;

#[test]
fn a_summary_is_written_privately_and_atomically() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Priya Raman"]);
    t.id(&[
        "session",
        "add",
        "priya",
        "--minutes",
        "60",
        "--topic",
        "Flaky test",
        "--date",
        "2026-03-01",
    ]);
    t.id(&[
        "note",
        "add",
        "priya",
        "--date",
        "2026-03-02",
        "--text",
        "SECRET-NOTE",
    ]);
    let out = t.dir.path().join("priya.html");
    let printed = t.ok(&[
        "summary",
        "priya",
        "--since",
        "2026-01-01",
        "--until",
        "2026-06-30",
        "--format",
        "html",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        printed.trim(),
        out.display().to_string(),
        "prints where it wrote"
    );
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Flaky test"));
    assert!(!html.contains("SECRET-NOTE"), "private notes never leave");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "a summary is readable by its owner only");
    }
    let md = t.ok(&[
        "summary",
        "priya",
        "--since",
        "2026-01-01",
        "--until",
        "2026-06-30",
    ]);
    assert!(
        md.starts_with("# Growth summary: Priya Raman"),
        "Markdown on stdout by default"
    );
    let json = t.json(&[
        "summary",
        "priya",
        "--since",
        "2026-01-01",
        "--until",
        "2026-06-30",
    ]);
    assert_eq!(json["overview"]["sessions"], 1);
    assert!(
        json.get("left_out").is_none() && json.get("withheld").is_none(),
        "the exported model has no private list at all: {json}"
    );
}

#[test]
fn an_export_never_overwrites_the_journal_or_an_existing_file() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Priya Raman"]);
    let journal = t.journal.to_string_lossy().to_string();
    let before = std::fs::read(&t.journal).expect("read");
    for args in [
        vec!["summary", "priya", "--out", &journal],
        vec!["summary", "priya", "--out", &journal, "--force"],
        vec!["export", "--out", &journal, "--force"],
        vec!["impact", "--out", &journal, "--force"],
    ] {
        let err = t.fails(&args);
        assert!(err.contains("is the journal itself"), "{args:?}: {err}");
    }
    assert_eq!(
        std::fs::read(&t.journal).expect("read"),
        before,
        "the journal is untouched"
    );

    let out = t.dir.path().join("priya.md");
    std::fs::write(&out, "my own notes").expect("write");
    let path = out.to_string_lossy().to_string();
    let err = t.fails(&["summary", "priya", "--out", &path]);
    assert!(err.contains("exists already"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "my own notes");
    t.ok(&["summary", "priya", "--out", &path, "--force"]);
    assert!(
        std::fs::read_to_string(&out)
            .expect("read")
            .starts_with("# Growth summary"),
        "--force replaces it"
    );
}

#[test]
fn bad_summary_requests_change_nothing() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Priya Raman"]);
    let err = t.fails(&[
        "summary",
        "priya",
        "--since",
        "2026-06-01",
        "--until",
        "2026-01-01",
    ]);
    assert!(err.contains("starts (2026-06-01) after it ends"), "{err}");
    let err = t.fails(&["summary", "priya", "--format", "docx"]);
    assert!(err.contains("md, html, pdf, json"), "{err}");
    let err = t.fails(&["summary", "priya", "--format", "pdf"]);
    assert!(
        err.contains("add --out FILE.pdf"),
        "a PDF never goes to a terminal: {err}"
    );
    let err = t.fails(&["summary", "nobody"]);
    assert!(err.contains("no mentee matches"), "{err}");
    let blocked = t.dir.path().join("no-such-folder/x.md");
    let err = t.fails(&[
        "summary",
        "priya",
        "--out",
        blocked.to_str().expect("utf-8"),
    ]);
    assert!(err.contains("cannot write"), "{err}");
}

#[test]
fn the_impact_report_covers_every_mentee() {
    let t = Trellis::new();
    t.json(&[
        "demo",
        "--mentees",
        "5",
        "--years",
        "2",
        "--seed",
        "3",
        "--end",
        "2026-06-30",
    ]);
    let r = t.json(&["impact", "--since", "2026-01-01", "--until", "2026-06-30"]);
    let mentees = r["mentees"].as_array().expect("mentees");
    assert!(!mentees.is_empty(), "the demo mentees appear: {r}");
    let sum: u64 = mentees
        .iter()
        .map(|m| m["sessions"].as_u64().expect("sessions"))
        .sum();
    assert_eq!(r["totals"]["sessions"].as_u64(), Some(sum), "totals add up");
    let pdf = t.dir.path().join("impact.pdf");
    t.ok(&[
        "impact",
        "--format",
        "pdf",
        "--out",
        pdf.to_str().expect("utf-8"),
    ]);
    assert!(std::fs::read(&pdf).expect("written").starts_with(b"%PDF-"));
    let md = t.ok(&["impact", "--since", "2026-01-01", "--until", "2026-06-30"]);
    assert!(md.starts_with("# Mentoring impact"), "{md}");
}

//! The PDF export, checked with poppler's tools as a reader would open it: it opens,
//! its fonts are embedded, its text holds the mentee and every section, and private
//! entries never reach it. (scripts/test installs poppler-utils.)

use std::path::Path;
use std::process::Command;

use trellis_core::demo::{self, DemoOptions};
use trellis_core::summary::{self, Format, SummaryOptions};
use trellis_core::{
    EntryDetails, Journal, NewEntry, NewMentee, Note, NoteKind, Visibility, parse_date,
};

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{name} is needed to check PDFs (apt-get install poppler-utils): {e}")
        });
    assert!(
        out.status.success(),
        "{name} could not read the PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn write(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("summary.pdf");
    std::fs::write(&path, bytes).expect("written");
    (dir, path)
}

#[test]
fn the_demo_summary_is_a_readable_pdf_with_embedded_fonts() {
    let mut j = Journal::open_in_memory().expect("journal");
    let end = parse_date("2026-06-30").expect("date");
    demo::populate(
        &mut j,
        &DemoOptions {
            mentees: 6,
            years: 2,
            seed: 7,
            end,
        },
    )
    .expect("demo");
    let m = j
        .mentees(true)
        .expect("mentees")
        .into_iter()
        .next()
        .expect("a mentee");
    let s = summary::build(&j, &m.id, &SummaryOptions::default(), end).expect("summary");
    let bytes = trellis_pdf::export(Format::Pdf, &s).expect("typeset");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let (_dir, path) = write(&bytes);

    let info = tool("pdfinfo", &[], &path);
    assert!(
        info.contains(&format!("Title:           Growth summary: {}", m.name)),
        "{info}"
    );
    assert!(info.contains("A4"), "{info}");
    let fonts = tool("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "the text uses fonts: {fonts}");
    assert!(
        rows.iter().all(|r| r.contains(" yes yes ")),
        "every font is embedded and subset: {fonts}"
    );

    let text = tool("pdftotext", &["-layout"], &path);
    assert!(text.contains(&m.name), "the mentee's name is in the text");
    for section in [
        "Overview",
        "Goals",
        "Skills",
        "Pairing",
        "Career direction",
        "Highlights",
        "Next steps",
    ] {
        assert!(text.contains(section), "section {section} is in the PDF");
    }
    assert!(text.contains("[E-"), "claims cite their entries");
}

#[test]
fn private_entries_never_reach_the_pdf() {
    let mut j = Journal::open_in_memory().expect("journal");
    let m = j
        .add_mentee(NewMentee {
            name: "Mei Chen".into(),
            ..Default::default()
        })
        .expect("mentee");
    for (visibility, text) in [
        (Visibility::Private, "PRIVATE-CANARY"),
        (Visibility::Shareable, "Shared feedback"),
    ] {
        j.add_entry(NewEntry {
            mentee_id: m.id,
            date: parse_date("2026-03-01").expect("date"),
            title: Some(text.into()),
            body: format!("{text} body"),
            visibility: Some(visibility),
            starred: true,
            tags: vec![],
            skills: vec![],
            details: EntryDetails::Note(Note {
                subkind: NoteKind::Feedback,
            }),
            follow_ups: vec![],
        })
        .expect("saved");
    }
    let options = SummaryOptions {
        since: Some(parse_date("2026-01-01").expect("date")),
        until: Some(parse_date("2026-06-30").expect("date")),
        exclude: vec![],
    };
    let s = summary::build(&j, &m.id, &options, parse_date("2026-06-30").expect("date"))
        .expect("summary");
    let (_dir, path) = write(&trellis_pdf::export(Format::Pdf, &s).expect("typeset"));
    let text = tool("pdftotext", &[], &path);
    assert!(
        text.contains("Shared feedback"),
        "the shareable note is there"
    );
    assert!(!text.contains("CANARY"), "the private note is not: {text}");
}

//! The PDF export, checked with poppler's tools as a reader would open it: it opens,
//! it is tagged (structure in reading order, charts with alternative text) and declared
//! PDF/A-2a, its fonts are embedded, its text holds the mentee, every section and the sources,
//! private entries never reach it; a heading stays with its chart, and a huge unbroken
//! word is typeset in linear time. (scripts/test installs poppler-utils.)

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
    let s = summary::build(&j, &m.id, &SummaryOptions::default(), end)
        .expect("summary")
        .summary;
    let bytes = trellis_export::render(Format::Pdf, &s).expect("typeset");
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

    // Tagged and archival: a screen reader follows the structure, an HR archive keeps it.
    assert!(info.contains("Tagged:          yes"), "{info}");
    let meta = tool("pdfinfo", &["-meta"], &path);
    assert!(
        meta.contains("<pdfaid:part>2</pdfaid:part>")
            && meta.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "PDF/A-2a is declared: {meta}"
    );
    let structure = tool("pdfinfo", &["-struct-text"], &path);
    for tag in ["H1", "H2", "H3", "P", "L", "LI", "Figure"] {
        assert!(
            structure.lines().any(|l| l.trim_start().starts_with(tag)),
            "the structure has {tag}: {structure}"
        );
    }
    let order: Vec<&str> = ["Overview", "Goals", "Career direction", "Sources"]
        .into_iter()
        .collect();
    let at = |w: &str| structure.find(&format!("\"{w}")).unwrap_or(usize::MAX);
    assert!(
        order.windows(2).all(|p| at(p[0]) < at(p[1])),
        "the headings come in reading order: {structure}"
    );
    let raw = String::from_utf8_lossy(&bytes);
    let figures = raw.matches("/S/Figure").count();
    assert!(figures > 0, "charts and bars are figures");
    assert_eq!(
        raw.matches("/S/Figure").count(),
        raw.matches("/Alt(").count() + raw.matches("/Alt<").count(),
        "every figure has alternative text"
    );
    // "Line chart", as a text string (UTF-16 when the description is not plain ASCII).
    assert!(
        raw.contains("/Alt(Line chart")
            || raw.contains("/Alt<FEFF004C0069006E0065002000630068006100720074"),
        "a chart reads as its values"
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
        "Sources",
    ] {
        assert!(text.contains(section), "section {section} is in the PDF");
    }
    assert!(text.contains("[S1, "), "claims cite their entries");
    let last = &s.sources.last().expect("sources").reference;
    assert!(
        text.lines()
            .any(|l| l.trim_start().starts_with(&format!("{last} "))),
        "the sources list resolves the last reference {last}"
    );
}

/// On every page, a figure's heading is followed by its chart on the same page.
#[test]
fn a_heading_is_never_parted_from_its_chart() {
    use trellis_core::summary::outline::{Block, Chart, Outline};
    use trellis_export::Op;
    let chart = Chart {
        title: "Independence over time".into(),
        points: vec![
            (parse_date("2026-01-01").expect("date"), 1.0),
            (parse_date("2026-03-01").expect("date"), 4.0),
        ],
        lo: 1.0,
        hi: 5.0,
        grid: vec![(1.0, "1".into()), (5.0, "5".into())],
        unit: String::new(),
    };
    // Push the figure down the page a line at a time; wherever the page breaks, the
    // heading must land on the page that holds the chart's line.
    for filler in 30..60 {
        let mut blocks = vec![];
        for i in 0..filler {
            blocks.push(Block::Muted(format!("line {i}")));
        }
        blocks.push(Block::Figure {
            heading: "FIGURE-HEADING".into(),
            chart: chart.clone(),
        });
        let o = Outline {
            date: parse_date("2026-06-30").expect("date"),
            title: "t".into(),
            running: "r".into(),
            blocks,
        };
        let pages = trellis_export::pages(&o).expect("laid out");
        let heading_page = pages
            .iter()
            .position(|p| {
                p.iter()
                    .any(|op| matches!(op, Op::Text { text, .. } if text == "FIGURE-HEADING"))
            })
            .expect("the heading is printed");
        let chart_page = pages
            .iter()
            .position(|p| {
                p.iter()
                    .any(|op| matches!(op, Op::Line { width, .. } if *width > 1.0))
            })
            .expect("the chart is drawn");
        assert_eq!(heading_page, chart_page, "with {filler} lines before it");
    }
}

#[test]
fn a_huge_unbroken_word_is_typeset_in_linear_time() {
    use trellis_core::summary::outline::{Block, Outline, Span};
    // 262,144 characters without a space (the largest body an entry may have): the old
    // layout re-measured the growing prefix for every character and took minutes.
    let word = "x".repeat(256 * 1024);
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let o = Outline {
            date: parse_date("2026-06-30").expect("date"),
            title: "t".into(),
            running: "r".into(),
            blocks: vec![Block::Para(vec![Span::Text(word)])],
        };
        let _ = done.send(trellis_export::pages(&o).map(|p| p.len()));
    });
    let pages = wait
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("laid out in well under a minute (quadratic layout takes far longer)")
        .expect("laid out");
    assert!(pages > 1, "the word runs over several pages");
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
        months: None,
        exclude: vec![],
    };
    let s = summary::build(&j, &m.id, &options, parse_date("2026-06-30").expect("date"))
        .expect("summary")
        .summary;
    let (_dir, path) = write(&trellis_export::render(Format::Pdf, &s).expect("typeset"));
    let text = tool("pdftotext", &[], &path);
    assert!(
        text.contains("Shared feedback"),
        "the shareable note is there"
    );
    assert!(!text.contains("CANARY"), "the private note is not: {text}");
}

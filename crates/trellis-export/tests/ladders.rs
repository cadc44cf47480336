//! A mentee on the Financial Times ladder's IC branch and another on its People Manager
//! branch: every summary format says each one's level with its branch, reads the next
//! level along that branch only, and never mixes the two. (The FT file is the published
//! one, copied unchanged into trellis-core's test fixtures.)

use std::path::Path;
use std::process::Command;

use trellis_core::summary::{self, Format, SummaryOptions};
use trellis_core::{
    Driver, EntryDetails, Id, Independence, Journal, Leaning, Minutes, NewAssessment, NewEntry,
    NewMentee, PairingSession, TrackConversation, Visibility, ladders, parse_date,
};

fn day(s: &str) -> chrono::NaiveDate {
    parse_date(s).expect("date")
}

fn entry(m: Id, date: &str, details: EntryDetails, skills: &[&str]) -> NewEntry {
    NewEntry {
        mentee_id: m,
        date: day(date),
        title: None,
        body: String::new(),
        visibility: Some(Visibility::Shareable),
        starred: false,
        tags: vec![],
        skills: skills.iter().map(|s| s.to_string()).collect(),
        details,
        follow_ups: vec![],
    }
}

/// A mentee at `level` of the FT ladder, assessed there on Technical with a session as
/// evidence, a later session naming Technical, and a track conversation.
fn on_branch(j: &mut Journal, name: &str, level: &str, leaning: i64) -> Id {
    let m = j
        .add_mentee(NewMentee {
            name: name.into(),
            ..Default::default()
        })
        .expect("mentee")
        .id;
    j.place_mentee(&m, "ft-engineering", Some(level))
        .expect("placed");
    let session = |topic: &str| {
        EntryDetails::Session(PairingSession {
            minutes: Minutes::new(60).expect("minutes"),
            topic: topic.into(),
            driver: Some(Driver::Mentee),
            independence: Some(Independence::new(4).expect("1..5")),
            links: vec![],
            went_well: None,
            to_improve: None,
        })
    };
    let first = j
        .add_entry(entry(
            m,
            "2026-02-10",
            session("Designing the cache layer"),
            &["technical"],
        ))
        .expect("entry")
        .0;
    j.assess(
        &m,
        NewAssessment {
            dimension: "technical".into(),
            level: level.into(),
            date: day("2026-02-20"),
            note: None,
            evidence: vec![first.id],
        },
    )
    .expect("assessed");
    j.add_entry(entry(
        m,
        "2026-04-02",
        session("Profiling the search API"),
        &["technical"],
    ))
    .expect("entry");
    j.add_entry(entry(
        m,
        "2026-04-10",
        EntryDetails::Track(TrackConversation {
            leaning: Leaning::new(leaning).expect("-2..2"),
            aspiration: None,
            energizers: None,
            drainers: None,
            experiments: vec![],
        }),
        &[],
    ))
    .expect("entry");
    m
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.pdf");
    std::fs::write(&path, bytes).expect("written");
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is needed (apt-get install poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every format's words, with white space (line wrapping) made single spaces.
fn all_formats(j: &Journal, m: &Id) -> Vec<(Format, String)> {
    let s = summary::build(
        j,
        m,
        &SummaryOptions {
            since: Some(day("2026-01-01")),
            until: Some(day("2026-06-30")),
            months: None,
            exclude: vec![],
        },
        day("2026-06-30"),
    )
    .expect("summary")
    .summary;
    [Format::Md, Format::Html, Format::Json, Format::Pdf]
        .into_iter()
        .map(|f| {
            let bytes = trellis_export::render(f, &s).expect("rendered");
            let text = match f {
                Format::Pdf => pdf_text(&bytes),
                _ => String::from_utf8(bytes).expect("utf-8"),
            };
            (f, text.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect()
}

#[test]
fn ic_and_people_manager_mentees_read_their_own_branch_in_every_format() {
    let mut j = Journal::open_in_memory().expect("journal");
    let ft = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../trellis-core/tests/fixtures/frameworks/ft/engineering.yml");
    let file = ladders::read_file(&ft).expect("the FT ladder reads");
    j.import_ladder(file.ladder, None).expect("imported");
    let ivy = on_branch(&mut j, "Ivy Chen", "senior-2-ic", 1);
    let max = on_branch(&mut j, "Max Osei", "senior-2-pm", 2);

    for (who, own, other, next, not_next, branch) in [
        (
            ivy,
            "Senior Engineer 2 (Individual Contributor)",
            "Senior Engineer 2 (People Manager)",
            "Principal Engineer (Individual Contributor)",
            "Principal Engineer (People Manager)",
            "IC",
        ),
        (
            max,
            "Senior Engineer 2 (People Manager)",
            "Senior Engineer 2 (Individual Contributor)",
            "Principal Engineer (People Manager)",
            "Principal Engineer (Individual Contributor)",
            "People Manager",
        ),
    ] {
        for (format, text) in all_formats(&j, &who) {
            let f = format!("{format:?} for {own}");
            assert!(text.contains(own), "{f}: the level with its branch");
            assert!(!text.contains(other), "{f}: never the other branch's level");
            assert!(text.contains(next), "{f}: the next level along the branch");
            assert!(
                !text.contains(not_next),
                "{f}: not the other branch's next level"
            );
            if format != Format::Json {
                assert!(
                    text.contains(&format!("on its {branch} branch")),
                    "{f}: the ladder line names the branch"
                );
                assert!(text.contains("What the next level needs"), "{f}");
            } else {
                let ic = branch == "IC";
                assert!(
                    text.contains(if ic {
                        "\"branch\": \"ic\""
                    } else {
                        "\"branch\": \"manager\""
                    }),
                    "{f}"
                );
            }
        }
    }
    // Ivy (IC) leans towards management in her latest conversation: said against the
    // branch; Max (People Manager) leaning +2 is not.
    let ivy_md = &all_formats(&j, &ivy)[0].1;
    assert!(
        ivy_md.contains("points away from the IC branch"),
        "{ivy_md}"
    );
    let max_md = &all_formats(&j, &max)[0].1;
    assert!(!max_md.contains("points away"), "{max_md}");
}

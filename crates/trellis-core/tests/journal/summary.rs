//! Growth summaries: privacy (canaries in private entries of every kind never leave, not
//! even as a count), drop-before-export, HTML that makes no external reference and keeps
//! payloads inert, and golden files for a fixed demo journal.

use std::path::Path;

use trellis_core::demo::{self, DemoOptions};
use trellis_core::summary::{self, Summary, SummaryOptions};
use trellis_core::{
    Aspiration, Driver, EntryDetails, Independence, Journal, Leaning, Mentee, Minutes,
    NewActionItem, NewAssessment, NewCheckIn, NewEntry, NewGoal, Note, NoteKind, PairingSession,
    Progress, TrackConversation, Visibility,
};

use super::{date, with_mentee};

const CANARY: &str = "CANARY";

fn entry(
    m: &Mentee,
    day: &str,
    visibility: Visibility,
    details: EntryDetails,
    text: &str,
) -> NewEntry {
    NewEntry {
        mentee_id: m.id,
        date: date(day),
        title: Some(format!("{text} title")),
        body: format!("{text} body <script>alert('{text}')</script>"),
        visibility: Some(visibility),
        starred: true,
        tags: vec![format!("{text}-tag")],
        skills: vec![format!("{text}-skill")],
        details,
        follow_ups: vec![NewActionItem {
            text: format!("{text} follow-up"),
            owner: None,
            due: None,
        }],
    }
}

fn session(text: &str, minutes: i64, independence: i64, driver: Driver) -> EntryDetails {
    EntryDetails::Session(PairingSession {
        minutes: Minutes::new(minutes).expect("in range"),
        topic: format!("{text} topic"),
        driver: Some(driver),
        independence: Some(Independence::new(independence).expect("in range")),
        links: vec![format!("https://example.com/{text}")],
        went_well: Some(format!("{text} went well")),
        to_improve: Some(format!("{text} to improve")),
    })
}

fn track(text: &str, leaning: i64) -> EntryDetails {
    EntryDetails::Track(TrackConversation {
        leaning: Leaning::new(leaning).expect("in range"),
        aspiration: Some(Aspiration::Staff),
        energizers: Some(format!("{text} energizers")),
        drainers: Some(format!("{text} drainers")),
        experiments: vec![format!("{text} experiment")],
    })
}

fn note(kind: NoteKind) -> EntryDetails {
    EntryDetails::Note(Note { subkind: kind })
}

/// A journal where every kind of entry exists shareable and private, the private ones
/// full of canaries, linked from goals, assessments and action items.
fn journal_with_canaries() -> (Journal, Mentee, Summary) {
    let (mut j, m) = with_mentee();
    let mut private_ids = vec![];
    let shared = [
        ("2026-02-01", session("Shared", 60, 2, Driver::Both)),
        ("2026-03-01", session("Shared", 30, 4, Driver::Mentee)),
        ("2026-03-10", track("Shared", -1)),
        ("2026-03-15", note(NoteKind::Feedback)),
    ];
    for (day, d) in shared {
        j.add_entry(entry(&m, day, Visibility::Shareable, d, "Shared"))
            .expect("saved");
    }
    let private = [
        ("2026-02-10", session(CANARY, 999, 5, Driver::Lead)),
        ("2026-03-05", track(CANARY, 2)),
        ("2026-03-20", note(NoteKind::OneOnOne)),
        ("2026-03-21", note(NoteKind::Observation)),
    ];
    for (day, d) in private {
        let (e, _) = j
            .add_entry(entry(&m, day, Visibility::Private, d, CANARY))
            .expect("saved");
        private_ids.push(e.id);
    }
    let g = j
        .add_goal(
            &m.id,
            NewGoal {
                title: "Lead a design review".into(),
                target: Some(date("2026-09-01")),
                ..Default::default()
            },
        )
        .expect("goal");
    j.check_in(
        &g.id,
        NewCheckIn {
            date: date("2026-03-02"),
            progress: Progress::new(40).expect("in range"),
            note: Some("Drafted the doc".into()),
            evidence: private_ids.clone(),
        },
    )
    .expect("check-in");
    j.assess(
        &m.id,
        NewAssessment {
            dimension: "system-design".into(),
            level: "2".into(),
            date: date("2026-03-03"),
            note: Some(format!("{CANARY} assessment note")),
            evidence: private_ids.clone(),
        },
    )
    .expect("assessed");
    let options = SummaryOptions {
        since: Some(date("2026-01-01")),
        until: Some(date("2026-06-30")),
        months: None,
        exclude: vec![],
    };
    let p = summary::build(&j, &m.id, &options, date("2026-06-30")).expect("summary");
    assert_eq!(
        p.withheld
            .private
            .iter()
            .filter(|x| matches!(
                x.what,
                summary::PrivateWhat::Note
                    | summary::PrivateWhat::Session
                    | summary::PrivateWhat::Track
            ))
            .count(),
        4,
        "the preview lists the private entries left out"
    );
    (j, m, p.summary)
}

#[test]
fn private_entries_never_leave_in_any_format() {
    let (_, _, s) = journal_with_canaries();
    for (format, text) in [
        ("markdown", summary::to_markdown(&s)),
        ("html", summary::to_html(&s)),
        ("json", summary::to_json(&s)),
    ] {
        assert!(
            !text.contains(CANARY),
            "a private entry leaked into the {format}:\n{text}"
        );
        assert!(
            text.contains("Shared topic"),
            "the {format} holds the shareable session"
        );
    }
}

#[test]
fn private_entries_add_nothing_to_counts() {
    let (_, _, s) = journal_with_canaries();
    let o = &s.overview;
    assert_eq!(
        (o.sessions, o.session_minutes),
        (2, 90),
        "the private 999-minute session is not counted"
    );
    assert_eq!(o.track_conversations, 1);
    assert_eq!(o.notes, 1);
    assert_eq!(
        s.pairing.independence.len(),
        2,
        "no independence point from a private session"
    );
    let d = &s.pairing.driver_share;
    assert_eq!(
        (d.mentee, d.both, d.lead),
        (1, 1, 0),
        "the private session's driver is not counted"
    );
    assert_eq!(
        s.career.leaning.len(),
        1,
        "no leaning from a private track conversation"
    );
    assert_eq!(
        s.highlights.len(),
        4,
        "every starred shareable entry, none of the private ones"
    );
    assert!(
        s.goals.is_empty(),
        "its only check-in in the period cites private entries: the goal was not worked on, as far as the document can say"
    );
    let g = &s.next_steps.goals_due[0];
    assert_eq!(
        (g.title.as_str(), g.progress),
        ("Lead a design review", 0),
        "the goal still appears among the next steps, without the private check-in's progress"
    );
    assert!(
        s.skills.is_empty(),
        "an assessment that cites only private entries is not a level the summary can claim"
    );
    assert!(
        s.next_steps
            .open_actions
            .iter()
            .all(|a| !a.text.contains(CANARY)),
        "follow-ups of private entries are left out"
    );
}

#[test]
fn a_dropped_item_disappears_everywhere() {
    let (j, m, s) = journal_with_canaries();
    let dropped = s.pairing.topics[0].last.id;
    let options = SummaryOptions {
        since: Some(date("2026-01-01")),
        until: Some(date("2026-06-30")),
        months: None,
        exclude: vec![dropped],
    };
    let again = summary::build(&j, &m.id, &options, date("2026-06-30"))
        .expect("summary")
        .summary;
    assert_eq!(again.overview.sessions, s.overview.sessions - 1);
    let json = summary::to_json(&again);
    assert!(
        !json.contains(&dropped.to_string()),
        "the dropped entry is nowhere in the export"
    );
}

/// The tags of real HTML elements: user text has its `<` escaped, so every literal `<`
/// starts markup we wrote.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
        .collect()
}

#[test]
fn the_html_makes_no_external_reference_and_payloads_stay_inert() {
    let (mut j, m) = with_mentee();
    let hostile = "<script>alert(1)</script>\n\n<img src=https://tracker.example/p.png onerror=alert(2)>\n\n[x](javascript:alert(3)) ![pixel](https://tracker.example/q.png) <a href=\"https://ok.example\" onclick=\"alert(4)\">a</a>";
    let mut input = entry(
        &m,
        "2026-03-01",
        Visibility::Shareable,
        session("Hostile", 60, 3, Driver::Mentee),
        "Hostile",
    );
    input.body = hostile.to_string();
    input.title = Some("</title><script>alert(5)</script>".into());
    j.add_entry(input).expect("saved");
    let options = SummaryOptions {
        since: Some(date("2026-01-01")),
        until: Some(date("2026-06-30")),
        months: None,
        exclude: vec![],
    };
    let s = summary::build(&j, &m.id, &options, date("2026-06-30"))
        .expect("summary")
        .summary;
    let html = summary::to_html(&s);
    for tag in tags(&html) {
        let t = tag.to_ascii_lowercase();
        let name = t.split_whitespace().next().unwrap_or("");
        assert!(
            !matches!(
                name,
                "script" | "img" | "iframe" | "link" | "object" | "embed" | "base" | "form"
            ),
            "no <{name}> in the export: <{tag}>"
        );
        assert!(!t.contains(" on"), "no event-handler attribute: <{tag}>");
        assert!(!t.contains(" src="), "nothing is loaded: <{tag}>");
        if let Some(href) = t.split(" href=\"").nth(1) {
            assert!(
                href.starts_with("https://")
                    || href.starts_with("http://")
                    || href.starts_with("mailto:")
                    || href.starts_with('#')
                    || href.starts_with('"'),
                "only plain links (or links to the sources), no javascript: <{tag}>"
            );
        }
    }
    assert!(!html.contains("url("), "no CSS url()");
    assert!(!html.contains("@import"), "no CSS import");
    assert!(
        html.contains("&lt;script&gt;"),
        "the payload is shown as text"
    );
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("golden written");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs from the reviewed golden file; if the change is intended, look at it and run UPDATE_GOLDEN=1 cargo test -p trellis-core --test journal summary"
    );
}

#[test]
fn golden_summary_of_the_demo_journal() {
    let mut j = Journal::open_in_memory().expect("journal");
    let end = date("2026-06-30");
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
    golden("summary.md", &summary::to_markdown(&s));
    golden("summary.html", &summary::to_html(&s));
    golden("summary.json", &summary::to_json(&s));
}

#[test]
fn the_impact_report_keeps_the_same_privacy_rule() {
    let (j, _, s) = journal_with_canaries();
    let options = SummaryOptions {
        since: Some(date("2026-01-01")),
        until: Some(date("2026-06-30")),
        months: None,
        exclude: vec![],
    };
    let r = summary::impact::build(&j, &options, date("2026-06-30")).expect("report");
    assert_eq!(r.totals.mentees, 1);
    assert_eq!(
        r.totals.level_changes, 0,
        "an assessment that cites only private entries is no level change"
    );
    assert_eq!(
        r.totals.sessions, s.overview.sessions,
        "the same counts as the summary"
    );
    assert_eq!(
        r.totals.session_minutes, 90,
        "the private session adds nothing"
    );
    let m = &r.mentees[0];
    assert_eq!(
        (m.independence_from, m.independence_to),
        (Some(3.0), Some(3.0))
    );
    assert_eq!(
        m.track.as_deref(),
        Some("leaning -1, aspires to staff"),
        "from the shared conversation only"
    );
    for text in [
        summary::impact::to_markdown(&r),
        summary::impact::to_html(&r),
        summary::impact::to_json(&r),
    ] {
        assert!(
            !text.contains(CANARY),
            "nothing private in the impact report:\n{text}"
        );
    }
}

fn period() -> SummaryOptions {
    SummaryOptions {
        since: Some(date("2026-01-01")),
        until: Some(date("2026-06-30")),
        months: None,
        exclude: vec![],
    }
}

#[test]
fn deleting_a_private_session_never_publishes_its_follow_ups() {
    let (mut j, m) = with_mentee();
    let (private, follow_ups) = j
        .add_entry(entry(
            &m,
            "2026-03-01",
            Visibility::Private,
            session(CANARY, 60, 3, Driver::Mentee),
            CANARY,
        ))
        .expect("saved");
    assert_eq!(follow_ups.len(), 1);
    let before = summary::to_markdown(
        &summary::build(&j, &m.id, &period(), date("2026-06-30"))
            .expect("summary")
            .summary,
    );
    j.delete_entry(&private.id).expect("to the trash");
    let trashed = summary::to_markdown(
        &summary::build(&j, &m.id, &period(), date("2026-06-30"))
            .expect("summary")
            .summary,
    );
    j.empty_trash().expect("emptied");
    let gone = summary::build(&j, &m.id, &period(), date("2026-06-30"))
        .expect("summary")
        .summary;
    let after = summary::to_markdown(&gone);
    assert!(
        !after.contains(CANARY),
        "the follow-up stays private: {after}"
    );
    assert_eq!(
        before, trashed,
        "trashing the session changes nothing in the summary"
    );
    assert_eq!(before, after, "nor does emptying the trash");
    // The follow-up itself is still the lead's to do, in the app.
    assert_eq!(j.action_items(Some(&m.id), true).expect("actions").len(), 1);
}

#[test]
fn references_are_unique_even_for_entries_made_in_the_same_second() {
    let (mut j, m) = with_mentee();
    for i in 0..6 {
        j.add_entry(entry(
            &m,
            "2026-03-01",
            Visibility::Shareable,
            note(NoteKind::Feedback),
            &format!("Same day {i}"),
        ))
        .expect("saved");
    }
    let s = summary::build(&j, &m.id, &period(), date("2026-06-30"))
        .expect("summary")
        .summary;
    let refs: std::collections::HashSet<&str> =
        s.sources.iter().map(|r| r.reference.as_str()).collect();
    assert_eq!(
        refs.len(),
        s.sources.len(),
        "no two sources share a reference"
    );
    let md = summary::to_markdown(&s);
    for r in &s.sources {
        assert!(
            md.contains(&format!("**{}** · {}", r.reference, r.date)),
            "{} is resolved in the sources list",
            r.reference
        );
    }
}

#[test]
fn exported_markdown_and_html_keep_links_as_safe_as_the_app() {
    let (mut j, m) = with_mentee();
    let mut input = entry(
        &m,
        "2026-03-01",
        Visibility::Shareable,
        note(NoteKind::Feedback),
        "Links",
    );
    input.body = "[x](javascript:alert(1)) [d](data:text/html,x) [f](file:///etc/passwd) [r][ref] ![p](https://tracker.example/p.png)\n\n[ref]: javascript:alert(2)\n\n[ok](https://example.com/fine)\n\n<script>alert(3)</script>".into();
    j.add_entry(input).expect("saved");
    let s = summary::build(&j, &m.id, &period(), date("2026-06-30"))
        .expect("summary")
        .summary;
    let md = summary::to_markdown(&s);
    let mut viewer = String::new();
    pulldown_cmark::html::push_html(&mut viewer, pulldown_cmark::Parser::new(&md));
    for bad in [
        "javascript:",
        "data:text",
        "file:",
        "tracker.example",
        "<script",
    ] {
        assert!(
            !viewer.to_lowercase().contains(bad),
            "{bad} survives in the Markdown as a viewer renders it:\n{md}"
        );
    }
    assert!(
        viewer.contains("href=\"https://example.com/fine\""),
        "web links stay:\n{md}\n{viewer}"
    );
    let html = summary::to_html(&s);
    assert!(
        html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
        "the exported HTML forbids every load and script itself"
    );
}

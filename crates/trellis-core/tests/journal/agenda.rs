//! The next 1:1: its date from the cadence and the last 1:1, what comes to its agenda, the
//! private items a copy leaves out, experiment outcomes, and reminders across mentees.

use trellis_core::{
    AgendaKind, Cadence, EntryDetails, Journal, NewActionItem, NewGoal, NewMentee, Note, NoteKind,
    Owner, TrackConversation, Visibility,
};

use super::entries::{new_entry, session};
use super::{date, journal};

fn ada(j: &mut Journal) -> trellis_core::Mentee {
    j.add_mentee(NewMentee {
        name: "Ada Okafor".into(),
        ..Default::default()
    })
    .expect("mentee")
}

#[test]
fn the_next_one_on_one_follows_the_cadence_from_the_last_one() {
    let mut j = journal();
    let m = ada(&mut j);
    let today = date("2026-11-23");
    let a = j.agenda(&m.id, today).expect("agenda");
    assert_eq!(a.next.cadence, Cadence::Biweekly, "the default");
    assert!(a.next.cadence_is_default);
    assert_eq!(a.next.last, None);
    assert_eq!(a.next.next, Some(today), "none yet: today");
    assert!(a.next.due);

    // A one-on-one note counts; an observation does not.
    let mut obs = new_entry(
        &m,
        "2026-11-20",
        EntryDetails::Note(Note {
            subkind: NoteKind::Observation,
        }),
    );
    obs.body = "Quiet in standup".into();
    j.add_entry(obs).expect("observation");
    j.add_entry(new_entry(
        &m,
        "2026-11-16",
        EntryDetails::Note(Note {
            subkind: NoteKind::OneOnOne,
        }),
    ))
    .expect("1:1");
    let a = j.agenda(&m.id, today).expect("agenda");
    assert_eq!(a.next.last, Some(date("2026-11-16")));
    assert_eq!(a.next.next, Some(date("2026-11-30")));
    assert!(!a.next.due);

    j.set_cadence(&m.id, Some(Cadence::Weekly)).expect("weekly");
    let a = j.agenda(&m.id, today).expect("agenda");
    assert_eq!(a.next.next, Some(date("2026-11-23")));
    assert!(a.next.due, "a week later is today: due");
    assert!(!a.next.cadence_is_default);

    j.set_cadence(&m.id, Some(Cadence::None)).expect("none");
    let a = j.agenda(&m.id, today).expect("agenda");
    assert_eq!(a.next.next, None);
    assert!(!a.next.due);

    j.set_cadence(&m.id, None).expect("back to the default");
    j.set_default_cadence(Cadence::Monthly).expect("monthly");
    let a = j.agenda(&m.id, today).expect("agenda");
    assert_eq!(a.next.next, Some(date("2026-12-16")));
    assert!(a.next.cadence_is_default);
}

#[test]
fn the_agenda_brings_what_is_open_and_a_copy_leaves_private_items_out() {
    let mut j = journal();
    let m = ada(&mut j);
    let today = date("2026-11-23");
    // The last 1:1: a shareable session with a "to improve" and a follow-up for Ada.
    let mut s = new_entry(&m, "2026-11-10", session(45));
    s.visibility = Some(Visibility::Shareable);
    if let EntryDetails::Session(p) = &mut s.details {
        p.to_improve = Some("Name the failure modes first".into());
    }
    s.follow_ups = vec![NewActionItem {
        text: "Write the retry ADR".into(),
        owner: Some(Owner::Mentee),
        due: Some(date("2026-11-20")),
    }];
    j.add_entry(s).expect("session");
    // A private track conversation with two experiments.
    let mut t = new_entry(
        &m,
        "2026-11-12",
        EntryDetails::Track(TrackConversation {
            leaning: trellis_core::Leaning::new(1).expect("leaning"),
            aspiration: None,
            energizers: None,
            drainers: None,
            experiments: vec![
                "Run the next incident review".into(),
                "Shadow planning".into(),
            ],
        }),
    );
    t.visibility = Some(Visibility::Private);
    let (track, _) = j.add_entry(t).expect("track");
    j.close_experiment(&track.id, "1", "Led it calmly", date("2026-11-21"))
        .expect("outcome by number");
    // A private reminder, tagged agenda.
    let mut r = new_entry(
        &m,
        "2026-11-15",
        EntryDetails::Note(Note {
            subkind: NoteKind::Other,
        }),
    );
    r.body = "Ask about the conference budget\nand the visa".into();
    r.tags = vec!["agenda".into()];
    j.add_entry(r).expect("reminder");
    // A goal due within two weeks, and one done (not on the agenda).
    j.add_goal(
        &m.id,
        NewGoal {
            title: "Own the payments on-call".into(),
            target: Some(date("2026-11-30")),
            ..Default::default()
        },
    )
    .expect("goal");

    let a = j.agenda(&m.id, today).expect("agenda");
    let kinds: Vec<AgendaKind> = a.items.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        vec![
            AgendaKind::Action,
            AgendaKind::Goal,
            AgendaKind::Experiment,
            AgendaKind::Experiment,
            AgendaKind::FollowUp,
            AgendaKind::Reminder,
        ],
        "{:#?}",
        a.items
    );
    let action = &a.items[0];
    assert!(action.overdue && !action.private);
    assert!(action.detail.contains("Ada Okafor"), "{}", action.detail);
    assert!(
        a.items[2].detail.contains("Led it calmly"),
        "the outcome is there"
    );
    assert!(a.items[3].detail.contains("no outcome"));
    assert!(
        a.items[2].private && a.items[5].private,
        "from private entries"
    );
    assert_eq!(a.items[5].text, "Ask about the conference budget");
    assert!(a.items[4].detail.contains("Name the failure modes first"));

    let shared = a.to_markdown(false);
    assert!(shared.contains("- [ ] Write the retry ADR"), "{shared}");
    assert!(
        !shared.contains("incident review"),
        "private items stay out: {shared}"
    );
    assert!(!shared.contains("conference"), "{shared}");
    assert!(
        !shared.to_lowercase().contains("private"),
        "not even a count: {shared}"
    );
    let mine = a.to_markdown(true);
    assert!(
        mine.contains("Run the next incident review") && mine.contains("_(private)_"),
        "{mine}"
    );
    assert_eq!(a.private_count(), 3);

    let err = j
        .close_experiment(&track.id, "Something else", "x", today)
        .expect_err("not one of them");
    assert!(
        err.to_string().contains("Run the next incident review"),
        "{err}"
    );
}

#[test]
fn reminders_name_what_is_due_across_mentees() {
    let mut j = journal();
    let m = ada(&mut j);
    let ben = j
        .add_mentee(NewMentee {
            name: "Ben Cho".into(),
            ..Default::default()
        })
        .expect("Ben");
    j.set_cadence(&ben.id, Some(Cadence::None))
        .expect("no rhythm");
    j.add_entry(new_entry(&m, "2026-11-01", session(30)))
        .expect("1:1");
    j.add_action_item(
        &ben.id,
        NewActionItem {
            text: "Read the SRE chapter".into(),
            owner: Some(Owner::Mentee),
            due: Some(date("2026-11-23")),
        },
    )
    .expect("due today");
    let r = j.reminders(date("2026-11-23")).expect("reminders");
    let what: Vec<(&str, &str, bool)> = r
        .iter()
        .map(|x| (x.kind.as_str(), x.mentee_name.as_str(), x.overdue))
        .collect();
    assert_eq!(
        what,
        vec![
            ("one_on_one", "Ada Okafor", true),
            ("action", "Ben Cho", false)
        ],
        "{r:#?}"
    );
}

#[test]
fn the_markdown_copy_reads_user_text_as_text() {
    let mut j = journal();
    let m = ada(&mut j);
    j.add_action_item(
        &m.id,
        NewActionItem {
            text: "# Heading [link](javascript:alert(1)) <b>bold</b> *em*".into(),
            owner: None,
            due: None,
        },
    )
    .expect("action");
    let md = j
        .agenda(&m.id, date("2026-11-23"))
        .expect("agenda")
        .to_markdown(false);
    let line = md
        .lines()
        .find(|l| l.starts_with("- [ ]"))
        .expect("the item");
    assert!(line.contains(r"\# Heading \[link\]"), "{line}");
    assert!(
        line.contains("&lt;b&gt;") && line.contains(r"\*em\*"),
        "{line}"
    );
}

#[test]
fn an_unreadable_cadence_falls_back_to_the_default_and_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    let ada_id = {
        let mut j = Journal::create(&path).expect("created");
        ada(&mut j).id
    };
    {
        let c = rusqlite::Connection::open(&path).expect("open");
        c.execute(
            "INSERT INTO settings (key, value) VALUES ('default_cadence', 'fortnightly-ish')",
            [],
        )
        .expect("planted default");
        // A mentee's own cadence cannot be planted: the table checks it.
        assert!(
            c.execute(
                "INSERT INTO mentee_cadence (mentee_id, cadence) VALUES (?1, 'hourly')",
                [ada_id.to_string()],
            )
            .is_err()
        );
    }
    let j = Journal::open(&path).expect("opens");
    assert_eq!(j.default_cadence().expect("default"), Cadence::DEFAULT);
    let a = j.agenda(&ada_id, date("2026-11-23")).expect("agenda");
    assert_eq!(a.next.cadence, Cadence::DEFAULT);
    assert!(a.next.cadence_is_default);
    j.reminders(date("2026-11-23"))
        .expect("reminders still work");
    let bad = j.unreadable_settings().expect("named");
    assert_eq!(
        bad,
        vec![("default_cadence".to_string(), "fortnightly-ish".to_string())]
    );
    drop(j);
    {
        let c = rusqlite::Connection::open(&path).expect("open");
        c.execute(
            "INSERT INTO settings (key, value) VALUES ('note_visibility', 'secret'), ('theme_of_2030', 'x')",
            [],
        )
        .expect("planted");
    }
    let mut j = Journal::open(&path).expect("opens");
    assert_eq!(
        j.settings().expect("settings").note_visibility,
        Visibility::Private,
        "the default applies"
    );
    let (e, _) = j
        .add_entry(new_entry(
            &j.mentee(&ada_id).expect("Ada"),
            "2026-11-20",
            EntryDetails::Note(Note {
                subkind: NoteKind::Other,
            }),
        ))
        .expect("a note");
    assert_eq!(
        e.visibility,
        Visibility::Private,
        "never shareable by accident"
    );
    assert_eq!(j.unreadable_settings().expect("named").len(), 3);
}

#[test]
fn a_private_last_one_on_one_keeps_its_date_out_of_a_copy_and_a_reminder() {
    let mut j = journal();
    let m = ada(&mut j);
    let mut shared = new_entry(&m, "2026-11-02", session(30));
    shared.visibility = Some(Visibility::Shareable);
    j.add_entry(shared).expect("shared 1:1");
    let mut private = new_entry(&m, "2026-11-06", session(30));
    private.visibility = Some(Visibility::Private);
    j.add_entry(private).expect("private 1:1");
    let a = j.agenda(&m.id, date("2026-11-23")).expect("agenda");
    assert_eq!(a.next.last, Some(date("2026-11-06")));
    assert!(a.next.last_private);
    let shared = a.to_markdown(false);
    assert!(!shared.contains("2026-11-06"), "{shared}");
    // Nor the next date counted from it (a week or two on tells the private date).
    assert!(!shared.contains("2026-11-20"), "{shared}");
    assert!(
        shared.starts_with("# Next 1:1 with Ada Okafor\n"),
        "{shared}"
    );
    assert!(a.to_markdown(true).contains("last 1:1 2026-11-06"));
    let r = j.reminders(date("2026-11-23")).expect("reminders");
    assert!(r.iter().all(|x| !x.text.contains("2026-11-06")), "{r:#?}");
    assert!(
        r.iter().any(|x| x.kind == "one_on_one" && x.private),
        "the reminder is marked, so its date is not printed: {r:#?}"
    );

    // A shareable 1:1 the same day makes the day shareable.
    let mut same_day = new_entry(&m, "2026-11-06", session(20));
    same_day.visibility = Some(Visibility::Shareable);
    j.add_entry(same_day).expect("shared the same day");
    let a = j.agenda(&m.id, date("2026-11-23")).expect("agenda");
    assert!(!a.next.last_private);
    assert!(a.to_markdown(false).contains("last 1:1 2026-11-06"));
}

#[test]
fn the_default_visibility_per_kind_is_a_setting() {
    let mut j = journal();
    let m = ada(&mut j);
    let s = j.settings().expect("settings");
    assert_eq!(
        (s.note_visibility, s.session_visibility, s.track_visibility),
        (
            Visibility::Private,
            Visibility::Shareable,
            Visibility::Private
        ),
        "PRODUCT.md's defaults"
    );
    let (e, _) = j
        .add_entry(new_entry(&m, "2026-11-20", session(30)))
        .expect("session");
    assert_eq!(e.visibility, Visibility::Shareable);

    let now = j
        .update_settings(&trellis_core::JournalSettings {
            session_visibility: Some(Visibility::Private),
            ..Default::default()
        })
        .expect("set");
    assert_eq!(now.session_visibility, Visibility::Private);
    assert_eq!(now.default_cadence, Cadence::DEFAULT, "the rest unchanged");
    let (e, _) = j
        .add_entry(new_entry(&m, "2026-11-21", session(30)))
        .expect("session");
    assert_eq!(e.visibility, Visibility::Private, "the setting applies");
    let mut given = new_entry(&m, "2026-11-22", session(30));
    given.visibility = Some(Visibility::Shareable);
    let (e, _) = j.add_entry(given).expect("session");
    assert_eq!(
        e.visibility,
        Visibility::Shareable,
        "a visibility given wins"
    );

    // It travels with the archive, and a different one is a conflict.
    let json = j.archive().expect("export").to_json();
    let mut other = journal();
    other
        .import_archive(json.as_bytes(), trellis_core::archive::ImportMode::Merge)
        .expect("import");
    assert_eq!(
        other.settings().expect("settings").session_visibility,
        Visibility::Private
    );
    other
        .update_settings(&trellis_core::JournalSettings {
            session_visibility: Some(Visibility::Shareable),
            ..Default::default()
        })
        .expect("set");
    let err = other
        .import_archive(json.as_bytes(), trellis_core::archive::ImportMode::Merge)
        .expect_err("a conflict");
    assert!(
        err.to_string()
            .contains("session visibility shareable → private"),
        "{err}"
    );
}

#[test]
fn outcomes_reach_the_timeline_and_a_shareable_conversations_summary_only() {
    let mut j = journal();
    let m = ada(&mut j);
    let track = |day: &str, x: &str, v: Visibility| {
        let mut e = new_entry(
            &m,
            day,
            EntryDetails::Track(TrackConversation {
                leaning: trellis_core::Leaning::new(1).expect("leaning"),
                aspiration: None,
                energizers: None,
                drainers: None,
                experiments: vec![x.into()],
            }),
        );
        e.visibility = Some(v);
        e
    };
    let (shared, _) = j
        .add_entry(track(
            "2026-03-01",
            "Lead the incident review",
            Visibility::Shareable,
        ))
        .expect("shared");
    let (private, _) = j
        .add_entry(track(
            "2026-03-02",
            "PRIVATE-CANARY shadow a manager",
            Visibility::Private,
        ))
        .expect("private");
    j.close_experiment(&shared.id, "1", "Ran it calmly", date("2026-03-20"))
        .expect("outcome");
    j.close_experiment(
        &private.id,
        "1",
        "PRIVATE-CANARY liked it",
        date("2026-03-21"),
    )
    .expect("outcome");
    let err = j
        .close_experiment(&shared.id, "1", "Too early", date("2026-02-01"))
        .expect_err("before the conversation");
    assert!(err.to_string().contains("before the conversation"), "{err}");

    let timeline = j.timeline(&m.id, None, None).expect("timeline");
    let shown = timeline
        .iter()
        .find(|t| t.entry.id == shared.id)
        .expect("shared");
    assert_eq!(shown.outcomes.len(), 1);
    assert_eq!(shown.outcomes[0].outcome, "Ran it calmly");

    let options = trellis_core::summary::SummaryOptions {
        since: Some(date("2026-01-01")),
        until: Some(date("2026-06-30")),
        months: None,
        exclude: vec![],
    };
    let p = trellis_core::summary::build(&j, &m.id, &options, date("2026-06-30")).expect("summary");
    let x = &p.summary.career.experiments;
    assert_eq!(x.len(), 1, "{x:?}");
    assert_eq!(x[0].outcome.as_deref(), Some("Ran it calmly"));
    let md = trellis_core::summary::to_markdown(&p.summary);
    assert!(md.contains("outcome (2026-03-20): Ran it calmly"), "{md}");
    assert!(!md.contains("PRIVATE-CANARY"), "{md}");
}

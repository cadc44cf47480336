use trellis_core::{
    Driver, Entry, EntryDetails, Error, Independence, Journal, Leaning, Mentee, Minutes,
    NewActionItem, NewEntry, Note, NoteKind, PairingSession, TrackConversation, Visibility, new_id,
};

use super::{date, with_mentee};

pub fn new_entry(m: &Mentee, day: &str, details: EntryDetails) -> NewEntry {
    NewEntry {
        mentee_id: m.id,
        date: date(day),
        title: None,
        body: String::new(),
        visibility: None,
        starred: false,
        tags: vec![],
        skills: vec![],
        details,
        follow_ups: vec![],
    }
}

pub fn session(minutes: i64) -> EntryDetails {
    EntryDetails::Session(PairingSession {
        minutes: Minutes::new(minutes).expect("in range"),
        topic: "Debugging".into(),
        driver: Some(Driver::Mentee),
        independence: Some(Independence::new(3).expect("in range")),
        links: vec![],
        went_well: None,
        to_improve: None,
    })
}

pub fn add_session(j: &mut Journal, m: &Mentee, day: &str, minutes: i64) -> Entry {
    j.add_entry(new_entry(m, day, session(minutes)))
        .expect("saved")
        .0
}

pub fn add_track(j: &mut Journal, m: &Mentee, day: &str, leaning: i64) -> Entry {
    let details = EntryDetails::Track(TrackConversation {
        leaning: Leaning::new(leaning).expect("in range"),
        aspiration: None,
        energizers: None,
        drainers: None,
        experiments: vec!["Run the next incident review".into()],
    });
    j.add_entry(new_entry(m, day, details)).expect("saved").0
}

#[test]
fn a_session_with_follow_ups_saves_them_as_linked_action_items() {
    let (mut j, m) = with_mentee();
    let mut input = new_entry(&m, "2026-03-02", session(60));
    input.follow_ups = vec![
        NewActionItem {
            text: "Write the ADR".into(),
            owner: None,
            due: Some(date("2026-03-09")),
        },
        NewActionItem {
            text: "Book the design review".into(),
            owner: Some(trellis_core::Owner::Lead),
            due: None,
        },
    ];
    let (entry, follow_ups) = j.add_entry(input).expect("saved");
    assert_eq!(
        entry.visibility,
        Visibility::Shareable,
        "sessions default to shareable"
    );
    let timeline = j.timeline(&m.id, None, None).expect("timeline");
    assert_eq!(timeline.len(), 1);
    assert_eq!(
        timeline[0].follow_ups, follow_ups,
        "follow-ups come back with their entry"
    );
    let open = j.action_items(Some(&m.id), true).expect("open items");
    assert_eq!(open.len(), 2);
    assert!(open.iter().all(|a| a.entry_id == Some(entry.id)));
    assert_eq!(open[0].text, "Write the ADR", "dated items come first");
}

#[test]
fn notes_and_track_conversations_default_to_private() {
    let (mut j, m) = with_mentee();
    let note = EntryDetails::Note(Note {
        subkind: NoteKind::Feedback,
    });
    let (n, _) = j
        .add_entry(new_entry(&m, "2026-01-01", note))
        .expect("saved");
    assert_eq!(n.visibility, Visibility::Private);
    let t = add_track(&mut j, &m, "2026-01-02", 0);
    assert_eq!(t.visibility, Visibility::Private);
}

#[test]
fn the_timeline_is_in_date_order_and_filters_by_period() {
    let (mut j, m) = with_mentee();
    let c = add_session(&mut j, &m, "2026-03-01", 30);
    let a = add_session(&mut j, &m, "2026-01-01", 30);
    let b = add_track(&mut j, &m, "2026-02-01", 1);
    let all: Vec<_> = j
        .timeline(&m.id, None, None)
        .expect("timeline")
        .into_iter()
        .map(|t| t.entry.id)
        .collect();
    assert_eq!(
        all,
        [a.id, b.id, c.id],
        "oldest first, whatever the insert order"
    );
    let feb: Vec<_> = j
        .timeline(&m.id, Some(date("2026-02-01")), Some(date("2026-02-28")))
        .expect("timeline")
        .into_iter()
        .map(|t| t.entry.id)
        .collect();
    assert_eq!(feb, [b.id], "since and until are inclusive");
}

#[test]
fn an_entry_for_an_unknown_mentee_is_refused() {
    let (mut j, m) = with_mentee();
    let mut input = new_entry(&m, "2026-01-01", session(30));
    input.mentee_id = new_id();
    let err = j.add_entry(input).expect_err("this input must be refused");
    assert!(
        matches!(err, Error::NotFound { what: "mentee", .. }),
        "{err}"
    );
    assert!(j.timeline(&m.id, None, None).expect("timeline").is_empty());
}

#[test]
fn an_oversized_body_is_refused_with_the_limit() {
    let (mut j, m) = with_mentee();
    let mut input = new_entry(&m, "2026-01-01", session(30));
    input.body = "a".repeat(trellis_core::MAX_BODY_BYTES + 10);
    let err = j
        .add_entry(input)
        .expect_err("this input must be refused")
        .to_string();
    assert!(
        err.contains("256 KiB"),
        "the message names the limit: {err}"
    );
}

#[test]
fn an_entry_is_found_by_id_prefix() {
    let (mut j, m) = with_mentee();
    let e = add_session(&mut j, &m, "2026-01-01", 30);
    let id = j
        .resolve(trellis_core::Named::Entry, &e.id.to_string()[..20])
        .expect("by prefix");
    assert_eq!(j.entry(&id).expect("entry"), e);
    assert!(matches!(
        j.resolve(trellis_core::Named::Entry, "zzzz")
            .expect_err("this input must be refused"),
        Error::NotFound { .. }
    ));
}

#[test]
fn a_timeline_pages_newest_first_without_gaps_or_repeats() {
    use trellis_core::{EntryKind, TimelineQuery};
    let (mut j, m) = with_mentee();
    let mut all = Vec::new();
    for i in 0..23 {
        // Several entries share a day: the order within it is the order of arrival.
        let day = format!("2026-03-{:02}", 1 + i / 3);
        let e = if i % 4 == 0 {
            add_track(&mut j, &m, &day, 0)
        } else {
            add_session(&mut j, &m, &day, 30)
        };
        all.push(e.id);
    }
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = j
            .timeline_page(
                &m.id,
                &TimelineQuery {
                    after: after.clone(),
                    limit: Some(5),
                    ..Default::default()
                },
            )
            .expect("page");
        assert_eq!(page.total, 23);
        seen.extend(page.entries.iter().map(|t| t.entry.id));
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    let newest_first: Vec<_> = all.iter().rev().copied().collect();
    assert_eq!(seen, newest_first, "every entry once, newest first");

    let tracks = j
        .timeline_page(
            &m.id,
            &TimelineQuery {
                kinds: vec![EntryKind::Track],
                ..Default::default()
            },
        )
        .expect("tracks");
    assert_eq!((tracks.total, tracks.entries.len()), (6, 6));
    assert!(tracks.next.is_none());

    // A search hit deep in the timeline: the first page reaches down to it.
    let deep = all[2];
    let page = j
        .timeline_page(
            &m.id,
            &TimelineQuery {
                limit: Some(5),
                through: Some(deep),
                ..Default::default()
            },
        )
        .expect("page");
    assert_eq!(page.entries.last().map(|t| t.entry.id), Some(deep));
    assert_eq!(page.entries.len(), 21);
    assert!(page.next.is_some(), "and the older ones are a page away");

    let other = j
        .add_mentee(trellis_core::NewMentee {
            name: "Mateo Silva".into(),
            ..Default::default()
        })
        .expect("mentee");
    let foreign = j
        .timeline_page(
            &other.id,
            &TimelineQuery {
                through: Some(deep),
                ..Default::default()
            },
        )
        .expect("someone else's entry is simply not on this timeline");
    assert!(foreign.entries.is_empty());
}

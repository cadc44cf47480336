//! What is saved is what is read: arbitrary valid input, through the store and back.

use proptest::prelude::*;
use trellis_core::{
    Aspiration, Driver, EntryDetails, GoalStatus, Independence, Leaning, Minutes, NewActionItem,
    NewCheckIn, NewEntry, NewGoal, NewMentee, Note, NoteKind, Owner, PairingSession, Progress,
    TrackConversation, TrackInterest, Visibility,
};

fn line() -> impl Strategy<Value = String> {
    // Any printable text, including non-ASCII, quotes and SQL-ish characters.
    "[\\PC&&[^\\p{Cc}]]{1,30}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn opt_line() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(line())
}

fn day() -> impl Strategy<Value = chrono::NaiveDate> {
    (0i64..40_000).prop_map(|d| {
        chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch") + chrono::Duration::days(d)
    })
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn details() -> impl Strategy<Value = EntryDetails> {
    prop_oneof![
        pick(NoteKind::ALL).prop_map(|subkind| EntryDetails::Note(Note { subkind })),
        (
            1i64..=1440,
            line(),
            proptest::option::of(pick(Driver::ALL)),
            proptest::option::of(1i64..=5),
            proptest::collection::vec(line(), 0..4),
            opt_line(),
            opt_line(),
        )
            .prop_map(|(m, topic, driver, ind, links, ww, ti)| {
                EntryDetails::Session(PairingSession {
                    minutes: Minutes::new(m).expect("in range"),
                    topic,
                    driver,
                    independence: ind.map(|i| Independence::new(i).expect("in range")),
                    links,
                    went_well: ww,
                    to_improve: ti,
                })
            }),
        (
            -2i64..=2,
            proptest::option::of(pick(Aspiration::ALL)),
            opt_line(),
            opt_line(),
            proptest::collection::vec(line(), 0..4),
        )
            .prop_map(|(l, aspiration, energizers, drainers, experiments)| {
                EntryDetails::Track(TrackConversation {
                    leaning: Leaning::new(l).expect("in range"),
                    aspiration,
                    energizers,
                    drainers,
                    experiments,
                })
            }),
    ]
}

fn labels() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[a-zA-Z][a-zA-Z0-9 -]{0,15}", 0..5)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn entries_round_trip(
        date in day(),
        title in opt_line(),
        body in "\\PC{0,200}",
        visibility in proptest::option::of(pick(Visibility::ALL)),
        starred in any::<bool>(),
        tags in labels(),
        skills in labels(),
        details in details(),
        follow_ups in proptest::collection::vec((line(), proptest::option::of(pick(Owner::ALL)), proptest::option::of(day())), 0..3),
    ) {
        let (mut j, m) = super::with_mentee();
        let (saved, items) = j.add_entry(NewEntry {
            mentee_id: m.id,
            date,
            title,
            body,
            visibility,
            starred,
            tags,
            skills,
            details,
            follow_ups: follow_ups.into_iter().map(|(text, owner, due)| NewActionItem { text, owner, due }).collect(),
        })?;
        prop_assert_eq!(&j.entry(&saved.id)?, &saved);
        let timeline = j.timeline(&m.id, None, None)?;
        prop_assert_eq!(timeline.len(), 1);
        prop_assert_eq!(&timeline[0].entry, &saved);
        prop_assert_eq!(&timeline[0].follow_ups, &items);
    }

    #[test]
    fn mentees_round_trip(
        name in line(),
        role in opt_line(),
        level in opt_line(),
        team in opt_line(),
        started in proptest::option::of(day()),
        track in proptest::option::of(pick(TrackInterest::ALL)),
        tags in labels(),
    ) {
        let mut j = super::journal();
        let saved = j.add_mentee(NewMentee { name, role, level, team, started, track, tags })?;
        prop_assert_eq!(&j.mentee(&saved.id)?, &saved);
        prop_assert_eq!(j.mentees(true)?, vec![saved]);
    }

    #[test]
    fn goals_round_trip(
        title in line(),
        why in opt_line(),
        target in proptest::option::of(day()),
        status in proptest::option::of(pick(GoalStatus::ALL)),
        check_ins in proptest::collection::vec((day(), 0i64..=100, opt_line()), 0..4),
    ) {
        let (mut j, m) = super::with_mentee();
        let mut goal = j.add_goal(&m.id, NewGoal { title, why, skills: vec![], target, status })?;
        for (date, p, note) in check_ins {
            goal = j.check_in(&goal.id, NewCheckIn {
                date,
                progress: Progress::new(p)?,
                note,
                evidence: vec![],
            })?;
        }
        prop_assert_eq!(&j.goal(&goal.id)?, &goal);
        if let Some(latest) = goal.check_ins.iter().max_by_key(|c| (c.date, c.created_at, c.id)) {
            prop_assert_eq!(goal.progress, latest.progress);
        }
    }
}

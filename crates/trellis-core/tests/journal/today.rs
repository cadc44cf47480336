//! Today: who needs attention. A mentee added a moment ago is new, not a 1:1 overdue; the
//! others are due by their cadence.

use chrono::{Duration, Local};
use trellis_core::{Cadence, EntryDetails, NewEntry, NewMentee, Note, NoteKind};

use super::journal;

#[test]
fn a_new_mentee_is_just_added_then_due_by_cadence() {
    let mut j = journal();
    let ana = j
        .add_mentee(NewMentee {
            name: "Ana Lima".into(),
            ..Default::default()
        })
        .expect("mentee");
    let today = Local::now().date_naive();
    let t = j.today(today).expect("today");
    assert!(
        t.one_on_ones_due.is_empty(),
        "added a moment ago: {:?}",
        t.one_on_ones_due
    );
    assert_eq!(t.new_mentees.len(), 1, "she is listed as just added");
    assert_eq!(t.new_mentees[0].last_entry, None);

    // Weeks on with nothing logged, her first 1:1 is due.
    let later = today + Duration::days(25);
    let t = j.today(later).expect("today");
    assert!(t.new_mentees.is_empty());
    assert_eq!(t.one_on_ones_due.len(), 1);
    assert_eq!(t.one_on_ones_due[0].last, None);
    assert_eq!(t.one_on_ones_due[0].next, later);

    // A 1:1 logged: due again after her cadence (every two weeks by default), and the
    // days overdue count from then.
    j.add_entry(NewEntry {
        mentee_id: ana.id,
        date: later,
        title: None,
        body: "hello".into(),
        visibility: None,
        starred: false,
        tags: vec![],
        skills: vec![],
        details: EntryDetails::Note(Note {
            subkind: NoteKind::OneOnOne,
        }),
        follow_ups: vec![],
    })
    .expect("entry");
    let t = j.today(later).expect("today");
    assert!(
        t.new_mentees.is_empty() && t.one_on_ones_due.is_empty(),
        "{t:?}"
    );
    let t = j.today(later + Duration::days(13)).expect("today");
    assert!(t.one_on_ones_due.is_empty(), "not yet: {t:?}");
    let t = j.today(later + Duration::days(17)).expect("today");
    assert_eq!(t.one_on_ones_due[0].days_overdue, 3);
    assert_eq!(t.one_on_ones_due[0].last, Some(later));

    // Weekly makes it due sooner; no cadence takes her off the list.
    j.set_cadence(&ana.id, Some(Cadence::Weekly))
        .expect("weekly");
    let t = j.today(later + Duration::days(7)).expect("today");
    assert_eq!(t.one_on_ones_due.len(), 1);
    j.set_cadence(&ana.id, Some(Cadence::None)).expect("none");
    let t = j.today(later + Duration::days(90)).expect("today");
    assert!(t.one_on_ones_due.is_empty());
}

#[test]
fn a_large_team_sees_the_most_urgent_and_the_counts() {
    let mut j = journal();
    let mut archived = None;
    for i in 0..60 {
        let m = j
            .add_mentee(NewMentee {
                name: format!("Person {i}"),
                ..Default::default()
            })
            .expect("mentee");
        for k in 0..4 {
            j.add_action_item(
                &m.id,
                trellis_core::NewActionItem {
                    text: format!("Follow-up {k} for person {i}"),
                    owner: None,
                    due: Some(super::date("2026-01-01") + Duration::days(i64::from(i * 4 + k))),
                },
            )
            .expect("action");
        }
        archived = Some(m.id);
    }
    // Goals: many targets long missed, one due soon.
    let first = j.mentees(false).expect("mentees")[0].id;
    let soon = Local::now().date_naive() + Duration::days(70);
    for k in 0..60 {
        j.add_goal(
            &first,
            trellis_core::NewGoal {
                title: format!("Missed goal {k}"),
                target: Some(super::date("2025-01-01") + Duration::days(k)),
                ..Default::default()
            },
        )
        .expect("goal");
    }
    j.add_goal(
        &first,
        trellis_core::NewGoal {
            title: "Due soon".into(),
            target: Some(soon),
            ..Default::default()
        },
    )
    .expect("goal");
    // An archived mentee's follow-ups are not on Today, not even in the count.
    j.archive_mentee(&archived.expect("a mentee"), true)
        .expect("archived");
    // Two months on, nobody has had a 1:1: every current mentee's first one is due.
    let t = j
        .today(Local::now().date_naive() + Duration::days(60))
        .expect("today");
    assert_eq!(t.follow_ups_total, 236);
    assert_eq!(t.follow_ups.len(), trellis_core::TODAY_FOLLOW_UPS);
    assert_eq!(
        t.follow_ups[0].action.due,
        Some(super::date("2026-01-01")),
        "the most urgent first"
    );
    assert_eq!(
        (t.one_on_ones_due_total, t.one_on_ones_due.len()),
        (59, trellis_core::TODAY_ONE_ON_ONES)
    );
    assert_eq!(t.goals_due_total, 61);
    assert_eq!(
        t.goals_due.len(),
        51,
        "every goal due soon, the 50 latest missed"
    );
    assert_eq!(
        t.goals_due.last().map(|g| g.title.as_str()),
        Some("Due soon")
    );
    assert_eq!(
        t.goals_due[0].title, "Missed goal 10",
        "oldest first among those shown"
    );
}

/// What screen-share mode blurs must be known where it shows: a follow-up of a private
/// entry is private on Today, on the mentee's page and in the trash; the latest leaning
/// says whether its track conversation is private.
#[test]
fn follow_ups_and_trash_labels_of_private_entries_say_they_are_private() {
    use trellis_core::{NewActionItem, Visibility};
    let (mut j, m) = super::with_mentee();
    let follow = |text: &str| NewActionItem {
        text: text.into(),
        owner: None,
        due: None,
    };
    let mut private = super::entries::new_entry(
        &m,
        "2026-03-01",
        EntryDetails::Note(Note {
            subkind: NoteKind::OneOnOne,
        }),
    );
    private.visibility = Some(Visibility::Private);
    private.follow_ups = vec![follow("Talk to HR about the offer")];
    let (entry, _) = j.add_entry(private).expect("private entry");
    let mut shared = super::entries::new_entry(
        &m,
        "2026-03-02",
        EntryDetails::Note(Note {
            subkind: NoteKind::OneOnOne,
        }),
    );
    shared.visibility = Some(Visibility::Shareable);
    shared.follow_ups = vec![follow("Share the design doc")];
    j.add_entry(shared).expect("shared entry");

    let t = j.today(super::date("2026-03-03")).expect("today");
    let by_text = |text: &str| {
        t.follow_ups
            .iter()
            .find(|f| f.action.text == text)
            .expect("listed")
            .private
    };
    assert!(by_text("Talk to HR about the offer"));
    assert!(!by_text("Share the design doc"));
    let o = j.mentee_overview(&m.id).expect("overview");
    let hr = o
        .open_actions
        .iter()
        .find(|a| a.text.contains("HR"))
        .expect("open");
    assert_eq!(o.private_actions, vec![hr.id]);

    // Deleted: the entry's trash label is private, and so is its follow-up's afterwards.
    j.delete_entry(&entry.id).expect("deleted");
    assert_eq!(
        j.mentee_overview(&m.id).expect("overview").private_actions,
        vec![hr.id],
        "a follow-up of a deleted private entry stays private"
    );
    j.delete_action_item(&hr.id).expect("deleted");
    let trash = j.trash().expect("trash");
    assert!(trash.iter().all(|i| i.private), "{trash:?}");
}

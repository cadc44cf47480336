//! Today: who needs attention. A mentee added a moment ago is new, not "unseen for weeks".

use chrono::{Duration, Local};
use trellis_core::{EntryDetails, NewEntry, NewMentee, Note, NoteKind};

use super::journal;

#[test]
fn a_new_mentee_is_just_added_not_unseen() {
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
        t.not_seen.is_empty(),
        "added a moment ago: {:?}",
        t.not_seen
    );
    assert_eq!(t.new_mentees.len(), 1, "she is listed as just added");
    assert_eq!(t.new_mentees[0].last_entry, None);

    // Three weeks on with nothing logged, she is unseen, counted from the day she was added.
    let later = today + Duration::days(25);
    let t = j.today(later).expect("today");
    assert!(t.new_mentees.is_empty());
    assert_eq!(t.not_seen.len(), 1);
    assert!(
        t.not_seen[0].days >= 24,
        "days since she was added: {}",
        t.not_seen[0].days
    );

    // Once something is logged she is neither.
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
    assert!(t.new_mentees.is_empty() && t.not_seen.is_empty(), "{t:?}");
}

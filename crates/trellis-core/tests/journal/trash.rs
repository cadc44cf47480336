//! Trash and revisions: what is deleted comes back exactly; an old version of an entry
//! can be made current again with identical content.

use trellis_core::archive::Archive;
use trellis_core::{EntryEdit, Journal, NewCheckIn, NewGoal, Progress};

use super::{date, entries, with_mentee};

fn snapshot(j: &Journal) -> Archive {
    let a = j.archive().expect("archive");
    Archive {
        exported_at: chrono::DateTime::UNIX_EPOCH,
        ..a
    }
}

#[test]
fn a_deleted_entry_comes_back_exactly_with_its_links() {
    let (mut j, m) = with_mentee();
    let mut input = entries::new_entry(&m, "2026-03-01", entries::session(60));
    input.follow_ups = vec![trellis_core::NewActionItem {
        text: "Write the ADR".into(),
        owner: None,
        due: None,
    }];
    let (e, _) = j.add_entry(input).expect("saved");
    let g = j
        .add_goal(
            &m.id,
            NewGoal {
                title: "Design".into(),
                ..Default::default()
            },
        )
        .expect("goal");
    j.check_in(
        &g.id,
        NewCheckIn {
            date: date("2026-03-02"),
            progress: Progress::new(10).expect("ok"),
            note: None,
            evidence: vec![e.id],
        },
    )
    .expect("check-in");
    let before = snapshot(&j);

    j.delete_entry(&e.id).expect("deleted");
    assert!(j.entry(&e.id).is_err(), "gone from the journal");
    let trash = j.trash().expect("trash");
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].kind, "entry");

    j.restore_from_trash(&trash[0].id).expect("restored");
    assert_eq!(
        snapshot(&j),
        before,
        "entry, follow-up link and goal evidence are back, byte for byte"
    );
    assert!(j.trash().expect("trash").is_empty());
}

#[test]
fn a_deleted_mentee_takes_everything_into_the_trash_and_back() {
    let (mut j, m) = with_mentee();
    entries::add_session(&mut j, &m, "2026-01-01", 30);
    entries::add_track(&mut j, &m, "2026-01-02", 1);
    j.add_goal(
        &m.id,
        NewGoal {
            title: "Own on-call".into(),
            ..Default::default()
        },
    )
    .expect("goal");
    // On a ladder of their own, at a level, assessed there.
    let mut l = trellis_core::Framework::default_ladder();
    l.key = "own".into();
    j.import_ladder(l, None).expect("ladder");
    j.place_mentee(&m.id, "own", Some("developing"))
        .expect("placed");
    j.assess(
        &m.id,
        trellis_core::NewAssessment {
            dimension: "delivery".into(),
            level: "developing".into(),
            date: date("2026-01-03"),
            note: None,
            evidence: vec![],
        },
    )
    .expect("assessed");
    let before = snapshot(&j);
    j.delete_mentee(&super::id_of(&j, "priya").expect("priya"))
        .expect("deleted");
    let gone = snapshot(&j);
    assert!(
        gone.mentees.is_empty() && gone.entries.is_empty() && gone.goals.is_empty(),
        "everything of theirs left"
    );
    let item = j.trash().expect("trash").remove(0);
    assert_eq!(
        (item.kind.as_str(), item.label.as_str()),
        ("mentee", "Priya Raman")
    );
    j.restore_from_trash(&item.id).expect("restored");
    assert_eq!(
        snapshot(&j),
        before,
        "the mentee and all their records are back exactly"
    );
}

#[test]
fn emptying_the_trash_is_final() {
    let (mut j, m) = with_mentee();
    let e = entries::add_session(&mut j, &m, "2026-01-01", 30);
    j.delete_entry(&e.id).expect("deleted");
    assert_eq!(j.empty_trash().expect("emptied"), 1);
    assert!(j.trash().expect("trash").is_empty());
}

#[test]
fn an_old_version_can_be_made_current_again() {
    let (mut j, m) = with_mentee();
    let original = entries::add_session(&mut j, &m, "2026-01-01", 30);
    let edit = |body: &str| EntryEdit {
        date: original.date,
        title: Some("Renamed".into()),
        body: body.into(),
        visibility: trellis_core::Visibility::Private,
        starred: true,
        tags: vec!["later".into()],
        skills: vec![],
        details: original.details.clone(),
    };
    j.edit_entry(&original.id, edit("second")).expect("edited");
    j.edit_entry(&original.id, edit("third")).expect("edited");
    let history = j.revisions(&original.id).expect("revisions");
    assert_eq!(history.len(), 2, "each edit keeps the version before it");
    assert_eq!(
        history[1].entry, original,
        "the oldest revision is the original, exactly"
    );
    let back = j.restore_revision(&history[1].id).expect("restored");
    assert_eq!(
        trellis_core::Entry {
            updated_at: original.updated_at,
            ..back
        },
        original,
        "the content is the original's, byte for byte"
    );
    assert_eq!(
        j.revisions(&original.id).expect("revisions").len(),
        3,
        "and the replaced version is kept too"
    );
}

#[test]
fn a_mentee_trashed_before_ladders_existed_comes_back_on_the_default_ladder() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("j.db");
    let mut j = Journal::create(&path).expect("journal");
    let m = j
        .add_mentee(trellis_core::NewMentee {
            name: "Old Trash".into(),
            ..Default::default()
        })
        .expect("mentee");
    j.assess(
        &m.id,
        trellis_core::NewAssessment {
            dimension: "delivery".into(),
            level: "2".into(),
            date: date("2026-01-03"),
            note: None,
            evidence: vec![],
        },
    )
    .expect("assessed");
    let trashed = j.delete_mentee(&m.id).expect("trashed");
    drop(j);
    // Rewrite the snapshot as schema 5 wrote it: no ladder, assessments without one.
    let c = rusqlite::Connection::open(&path).expect("open");
    let payload: String = c
        .query_row("SELECT payload FROM trash", [], |r| r.get(0))
        .expect("payload");
    let mut v: serde_json::Value = serde_json::from_str(&payload).expect("json");
    v.as_object_mut().expect("as set up").remove("ladder");
    for a in v["assessments"].as_array_mut().expect("as set up") {
        a.as_object_mut().expect("as set up").remove("framework_id");
    }
    c.execute("UPDATE trash SET payload = ?1", [v.to_string()])
        .expect("rewritten");
    drop(c);
    let mut j = Journal::open(&path).expect("reopen");
    j.restore_from_trash(&trashed)
        .expect("an old snapshot restores");
    let skills = j.skills(&m.id).expect("skills");
    let d = skills
        .iter()
        .find(|s| s.dimension == "delivery")
        .expect("as set up");
    assert_eq!(
        d.latest
            .as_ref()
            .expect("as set up")
            .assessment
            .framework_id,
        j.framework(None).expect("as set up").id
    );
}

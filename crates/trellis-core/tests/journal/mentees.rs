use trellis_core::{Error, MenteePatch, NewMentee, TrackInterest};

use super::{journal, with_mentee};

#[test]
fn a_mentee_is_found_by_name_prefix_and_id() {
    let (j, m) = with_mentee();
    assert_eq!(super::find(&j, "priya raman").expect("exact name").id, m.id);
    assert_eq!(super::find(&j, "PRIYA").expect("name prefix").id, m.id);
    assert_eq!(j.mentee(&m.id).expect("full id").id, m.id);
    assert_eq!(
        super::find(&j, &m.id.to_string()[..13])
            .expect("id prefix")
            .id,
        m.id
    );
    let err = super::find(&j, "bob").expect_err("this input must be refused");
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
}

#[test]
fn a_shared_name_is_ambiguous_and_lists_candidates() {
    let (mut j, m) = with_mentee();
    let twin = j
        .add_mentee(NewMentee {
            name: "priya raman".into(),
            ..Default::default()
        })
        .expect("twins are allowed");
    let err = super::find(&j, "Priya Raman").expect_err("this input must be refused");
    let Error::Ambiguous { candidates, .. } = &err else {
        panic!("expected ambiguity, got {err}")
    };
    assert_eq!(candidates.len(), 2);
    let text = err.to_string();
    assert!(
        text.contains(&m.id.to_string()) && text.contains(&twin.id.to_string()),
        "{text}"
    );
    assert_eq!(j.mentee(&twin.id).expect("by id").id, twin.id);
}

#[test]
fn an_archived_namesake_never_blocks_the_current_one() {
    let (mut j, old) = with_mentee();
    j.archive_mentee(&old.id, true).expect("archived");
    let new = j
        .add_mentee(NewMentee {
            name: "Priya Raman".into(),
            ..Default::default()
        })
        .expect("a new Priya");
    assert_eq!(
        super::find(&j, "priya raman").expect("the current one").id,
        new.id
    );
    assert_eq!(
        super::find(&j, "priya").expect("by leading word").id,
        new.id
    );
    // Alone, the archived one is still found by name.
    j.archive_mentee(&new.id, true).expect("archived too");
    let err = super::find(&j, "priya raman").expect_err("two archived: ambiguous");
    assert!(matches!(err, Error::Ambiguous { .. }), "{err}");
}

#[test]
fn an_id_of_another_kind_is_named_for_what_it_is() {
    let (j, m) = with_mentee();
    let err = j
        .resolve(trellis_core::Named::Entry, &m.id.to_string())
        .expect_err("a mentee's id is not an entry's");
    assert_eq!(
        err.to_string(),
        format!(
            "no entry matches '{}': it is the id of a mentee, not of an entry",
            m.id
        )
    );
    let err = j
        .resolve(trellis_core::Named::ActionItem, "zz")
        .expect_err("not an id");
    assert!(
        err.to_string().contains("name an action item by its id"),
        "{err}"
    );
}

#[test]
fn a_short_name_matches_whole_leading_words_only() {
    let mut j = journal();
    for name in [
        "Sam",
        "Sam Lee",
        "Sam Ortiz",
        "Samira Haddad",
        "Élodie Martin",
    ] {
        j.add_mentee(NewMentee {
            name: name.into(),
            ..Default::default()
        })
        .expect("added");
    }
    assert_eq!(super::find(&j, "sam").expect("exact name wins").name, "Sam");
    assert_eq!(
        super::find(&j, "SAMIRA").expect("first word").name,
        "Samira Haddad"
    );
    assert_eq!(
        super::find(&j, "élodie").expect("Unicode case").name,
        "Élodie Martin"
    );
    let err = super::find(&j, "sa").expect_err("not a whole word");
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    j.edit_mentee(
        &super::id_of(&j, "sam").expect("sam"),
        MenteePatch {
            name: Some("Samuel".into()),
            ..Default::default()
        },
    )
    .expect("renamed");
    let err = super::find(&j, "sam").expect_err("two people are called Sam");
    let text = err.to_string();
    assert!(
        text.contains("Sam Lee") && text.contains("Sam Ortiz"),
        "{text}"
    );
    assert!(
        !text.contains("Samira"),
        "a longer first name is not a candidate: {text}"
    );
}

#[test]
fn editing_and_archiving() {
    let (mut j, m) = with_mentee();
    let edited = j
        .edit_mentee(
            &m.id,
            MenteePatch {
                role: Some("Staff Engineer".into()),
                track: Some(TrackInterest::Ic),
                tags: Some(vec!["Backend".into(), "remote".into()]),
                ..Default::default()
            },
        )
        .expect("edited");
    assert_eq!(edited.role.as_deref(), Some("Staff Engineer"));
    assert_eq!(edited.tags, ["backend", "remote"]);
    assert_eq!(
        super::find(&j, "priya").expect("read back"),
        edited,
        "edit is stored"
    );

    j.archive_mentee(&m.id, true).expect("archived");
    assert!(
        j.mentees(false).expect("list").is_empty(),
        "archived mentees are hidden"
    );
    let all = j.mentees(true).expect("list all");
    assert_eq!(all.len(), 1);
    assert!(all[0].archived);
    assert_eq!(super::find(&j, "priya").expect("still findable").id, m.id);
}

#[test]
fn an_invalid_edit_changes_nothing() {
    let (mut j, m) = with_mentee();
    let err = j
        .edit_mentee(
            &m.id,
            MenteePatch {
                name: Some("   ".into()),
                ..Default::default()
            },
        )
        .expect_err("this input must be refused");
    assert!(matches!(err, Error::Invalid { field: "name", .. }), "{err}");
    assert_eq!(super::find(&j, "priya").expect("unchanged"), m);
}

#[test]
fn the_overview_counts_entries_and_finds_the_latest_leaning() {
    let (mut j, m) = with_mentee();
    super::entries::add_track(&mut j, &m, "2026-01-01", -2);
    super::entries::add_track(&mut j, &m, "2026-03-01", 1);
    super::entries::add_session(&mut j, &m, "2026-02-01", 90);
    let o = j.mentee_overview(&m.id).expect("overview");
    assert_eq!(o.entries.tracks, 2);
    assert_eq!(o.entries.sessions, 1);
    assert_eq!(o.entries.session_minutes, 90);
    assert_eq!(
        o.latest_leaning.map(|l| l.get()),
        Some(1),
        "the latest by date wins"
    );
    assert_eq!(o.last_entry, Some(super::date("2026-03-01")));
}

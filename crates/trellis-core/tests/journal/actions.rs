use trellis_core::{Error, NewActionItem, Owner};

use super::{date, with_mentee};

#[test]
fn done_items_leave_the_open_list_and_keep_their_first_date() {
    let (mut j, m) = with_mentee();
    let later = j
        .add_action_item(
            &m.id,
            NewActionItem {
                text: "Read the SRE book chapter".into(),
                owner: None,
                due: Some(date("2026-05-01")),
            },
        )
        .expect("added");
    let sooner = j
        .add_action_item(
            &m.id,
            NewActionItem {
                text: "Send feedback to the PM".into(),
                owner: Some(Owner::Lead),
                due: Some(date("2026-04-01")),
            },
        )
        .expect("added");
    let open = j.action_items(Some(&m.id), true).expect("open");
    assert_eq!(
        open.iter().map(|a| a.id).collect::<Vec<_>>(),
        [sooner.id, later.id],
        "open items by due date"
    );
    let done = j.complete_action_item(&sooner.id).expect("done");
    assert!(!done.is_open());
    let again = j.complete_action_item(&sooner.id).expect("done twice");
    assert_eq!(
        again.done_at, done.done_at,
        "done twice keeps the first date"
    );
    assert_eq!(j.action_items(Some(&m.id), true).expect("open").len(), 1);
    assert_eq!(j.action_items(None, false).expect("all").len(), 2);
}

#[test]
fn blank_text_and_unknown_ids_are_refused() {
    let (mut j, m) = with_mentee();
    let err = j
        .add_action_item(
            &m.id,
            NewActionItem {
                text: "  ".into(),
                owner: None,
                due: None,
            },
        )
        .expect_err("this input must be refused");
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
    let err = j
        .resolve(trellis_core::Named::ActionItem, "0000")
        .expect_err("this input must be refused");
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
}

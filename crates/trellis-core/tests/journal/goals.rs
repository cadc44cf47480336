use trellis_core::{Error, GoalStatus, NewCheckIn, NewGoal, Progress};

use super::{date, with_mentee};

fn check_in(day: &str, progress: i64) -> NewCheckIn {
    NewCheckIn {
        date: date(day),
        progress: Progress::new(progress).expect("in range"),
        note: Some("steady".into()),
        evidence: vec![],
    }
}

#[test]
fn progress_follows_the_latest_check_in_by_date() {
    let (mut j, m) = with_mentee();
    let g = j
        .add_goal(
            &m.id,
            NewGoal {
                title: "Lead a design review".into(),
                target: Some(date("2026-09-01")),
                skills: vec!["System-Design".into()],
                ..Default::default()
            },
        )
        .expect("goal added");
    assert_eq!(
        g.status,
        GoalStatus::Active,
        "a new goal is active by default"
    );
    assert_eq!(g.skills, ["system-design"]);
    let id = g.id;
    j.check_in(&id, check_in("2026-04-01", 40))
        .expect("check-in");
    // A check-in recorded later but dated earlier does not roll progress back.
    let g = j
        .check_in(&id, check_in("2026-03-01", 20))
        .expect("check-in");
    assert_eq!(g.progress.get(), 40);
    assert_eq!(g.check_ins.len(), 2);
    assert!(
        g.check_ins[0].date < g.check_ins[1].date,
        "check-ins oldest first"
    );
    let by_prefix = j
        .resolve(trellis_core::Named::Goal, &id.to_string()[..12])
        .expect("by prefix");
    assert_eq!(j.goal(&by_prefix).expect("goal"), g);
}

#[test]
fn status_changes_and_evidence_links() {
    let (mut j, m) = with_mentee();
    let e = super::entries::add_session(&mut j, &m, "2026-02-01", 45);
    let g = j
        .add_goal(
            &m.id,
            NewGoal {
                title: "Own on-call".into(),
                ..Default::default()
            },
        )
        .expect("goal");
    let mut c = check_in("2026-02-02", 100);
    c.evidence = vec![e.id, e.id];
    let g2 = j.check_in(&g.id, c).expect("check-in");
    assert_eq!(g2.evidence, [e.id], "evidence is a set");
    let g3 = j
        .set_goal_status(&g.id, GoalStatus::Achieved)
        .expect("status set");
    assert_eq!(g3.status, GoalStatus::Achieved);
    assert_eq!(j.goals(&m.id).expect("goals"), [g3]);
}

#[test]
fn a_check_in_with_unknown_evidence_changes_nothing() {
    let (mut j, m) = with_mentee();
    let g = j
        .add_goal(
            &m.id,
            NewGoal {
                title: "Speak up in design reviews".into(),
                ..Default::default()
            },
        )
        .expect("goal");
    let mut c = check_in("2026-02-02", 50);
    c.evidence = vec![trellis_core::new_id()];
    let err = j
        .check_in(&g.id, c)
        .expect_err("this input must be refused");
    assert!(
        matches!(err, Error::NotFound { what: "entry", .. }),
        "{err}"
    );
    assert_eq!(j.goal(&g.id).expect("goal"), g, "no half-written check-in");
}

#[test]
fn an_empty_goal_title_is_refused() {
    let (mut j, m) = with_mentee();
    let err = j
        .add_goal(&m.id, NewGoal::default())
        .expect_err("this input must be refused");
    assert_eq!(err.to_string(), "invalid title: must not be empty");
}

use trellis_core::{Error, Framework, NewAssessment};

use super::{date, with_mentee};

fn assessment(dimension: &str, level: &str, day: &str) -> NewAssessment {
    NewAssessment {
        dimension: dimension.into(),
        level: level.into(),
        date: date(day),
        note: None,
        evidence: vec![],
    }
}

#[test]
fn a_new_journal_holds_the_default_framework() {
    let (j, _) = with_mentee();
    let f = j.framework(None).expect("framework");
    assert_eq!(f.ladder, Framework::default_ladder());
    assert!(f.is_default);
    assert_eq!(j.frameworks().expect("list").len(), 1);
}

#[test]
fn standings_show_the_latest_level_and_the_history() {
    let (mut j, m) = with_mentee();
    let e = super::entries::add_session(&mut j, &m, "2026-01-10", 60);
    let mut first = assessment("system-design", "foundation", "2026-01-15");
    first.evidence = vec![e.id];
    j.assess(&m.id, first).expect("assessed");
    j.assess(&m.id, assessment("System design", "3", "2026-06-01"))
        .expect("by name and position");
    let skills = j.skills(&m.id).expect("skills");
    assert_eq!(skills.len(), Framework::default_ladder().dimensions.len());
    let sd = skills
        .iter()
        .find(|s| s.dimension == "system-design")
        .expect("dimension listed");
    assert_eq!(sd.history.len(), 2);
    assert_eq!(sd.history[0].assessment.evidence, [e.id]);
    let latest = sd.latest.as_ref().expect("assessed");
    assert_eq!((latest.rank, latest.level_name.as_str()), (3, "Proficient"));
    assert!(
        skills.iter().filter(|s| s.latest.is_none()).count() >= 6,
        "other dimensions are not assessed"
    );
}

#[test]
fn unknown_dimensions_and_levels_list_the_choices() {
    let (mut j, m) = with_mentee();
    let err = j
        .assess(&m.id, assessment("juggling", "1", "2026-01-01"))
        .expect_err("this input must be refused");
    assert!(matches!(
        err,
        Error::NotFound {
            what: "dimension",
            ..
        }
    ));
    assert!(err.to_string().contains("system-design"), "{err}");
    let err = j
        .assess(&m.id, assessment("delivery", "9", "2026-01-01"))
        .expect_err("this input must be refused");
    assert!(err.to_string().contains("its levels are"), "{err}");
}

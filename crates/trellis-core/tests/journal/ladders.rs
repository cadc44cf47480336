//! Ladders: importing the published ladders in `tests/fixtures/frameworks/` (copied
//! unchanged, with their licenses, from the workplace's shared fixtures) and checking
//! the result against the source read independently; export → import round trips;
//! re-imports that keep assessments valid; branches; editing and undo.

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::Value;
use trellis_core::{Branch, Error, Journal, Ladder, NewAssessment, ladders};

use super::{date, with_mentee};

fn fixture(rel: &str) -> (Vec<u8>, String) {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/frameworks")
        .join(rel);
    let name = p
        .file_name()
        .expect("as set up")
        .to_string_lossy()
        .to_string();
    (std::fs::read(&p).expect("fixture"), name)
}

/// The source as plain data, read by the YAML parser alone (no Trellis mapping).
fn raw_yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("fixture is YAML")
}

fn monzo_front(text: &str) -> Value {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    raw_yaml(&rest[..end])
}

fn import(j: &mut Journal, rel: &str) -> trellis_core::LadderPlan {
    let (bytes, name) = fixture(rel);
    let file = ladders::read(&bytes, &name).expect("readable");
    let source = file.source(&name);
    j.import_ladder(file.ladder, Some(source))
        .expect("imported")
}

fn assess(dimension: &str, level: &str, day: &str) -> NewAssessment {
    NewAssessment {
        dimension: dimension.into(),
        level: level.into(),
        date: date(day),
        note: Some(format!("{dimension} at {level}")),
        evidence: vec![],
    }
}

#[test]
fn the_ft_ladder_imports_with_its_levels_themes_and_fork() {
    let (mut j, _) = with_mentee();
    let p = import(&mut j, "ft/engineering.yml");
    let (bytes, _) = fixture("ft/engineering.yml");
    let src = raw_yaml(std::str::from_utf8(&bytes).expect("as set up"));
    let f = j
        .framework(Some(&p.ladder.key))
        .expect("stored under its key");
    let l = &f.ladder;
    assert_eq!(l.name, src["name"]);
    let src_levels = src["levels"].as_array().expect("as set up");
    assert_eq!(l.levels.len(), src_levels.len());
    for (a, b) in l.levels.iter().zip(src_levels) {
        assert_eq!(a.key, b["id"], "level order and ids");
        assert_eq!(a.name, b["name"], "level names kept as written");
    }
    let src_themes = src["themes"].as_array().expect("as set up");
    assert_eq!(l.dimensions.len(), src_themes.len());
    for (d, t) in l.dimensions.iter().zip(src_themes) {
        assert_eq!(d.key, t["id"]);
        assert_eq!(d.name, t["name"]);
        let per_theme = src["competencies"]
            .as_array()
            .expect("as set up")
            .iter()
            .filter(|c| c["theme"] == t["id"])
            .count();
        assert_eq!(d.expectations.len(), per_theme, "{}: one per level", d.key);
        for c in src["competencies"]
            .as_array()
            .expect("as set up")
            .iter()
            .filter(|c| c["theme"] == t["id"])
        {
            let text = d
                .expectation(c["level"].as_str().expect("as set up"))
                .expect("as set up");
            assert!(
                text.starts_with(c["summary"].as_str().expect("as set up").trim()),
                "the competency text is kept: {text}"
            );
            assert!(text.contains(c["proficiency"].as_str().expect("as set up")));
        }
    }
    // The fork: Senior 2 is where IC and people manager part; Tech Director joins them.
    let fork = l.branch_point().expect("forks");
    assert_eq!(fork.key, "senior-2-ic");
    let branches: Vec<(String, Option<Branch>, usize)> = l
        .levels
        .iter()
        .map(|x| (x.key.clone(), x.branch, l.rank(&x.key).expect("as set up")))
        .collect();
    assert_eq!(
        branches,
        vec![
            ("junior".into(), None, 1),
            ("engineer".into(), None, 2),
            ("senior-1".into(), None, 3),
            ("senior-2-ic".into(), Some(Branch::Ic), 4),
            ("senior-2-pm".into(), Some(Branch::Manager), 4),
            ("principal-ic".into(), Some(Branch::Ic), 5),
            ("principal-pm".into(), Some(Branch::Manager), 5),
            ("tech-director".into(), None, 6),
        ]
    );
    assert!(
        f.source
            .as_deref()
            .expect("as set up")
            .contains("engineering.yml"),
        "{:?}",
        f.source
    );
}

#[test]
fn every_monzo_ladder_imports_faithfully_with_its_missing_levels() {
    for file in ["monzo/backend.md", "monzo/mobile.md", "monzo/web.md"] {
        let (mut j, _) = with_mentee();
        let p = import(&mut j, file);
        let (bytes, _) = fixture(file);
        let src = monzo_front(std::str::from_utf8(&bytes).expect("as set up"));
        let l = j.framework(Some(&p.ladder.key)).expect("stored").ladder;
        assert_eq!(l.name, src["title"], "{file}: emoji in the title kept");
        assert_eq!(
            l.levels.len() as u64,
            src["levels"].as_u64().expect("as set up")
        );
        let topics = src["topics"].as_array().expect("as set up");
        assert_eq!(l.dimensions.len(), topics.len(), "{file}");
        let mut partial = 0;
        for (d, t) in l.dimensions.iter().zip(topics) {
            assert_eq!(d.key, t["name"], "{file}: order and keys");
            assert_eq!(
                d.name,
                t["title"].as_str().unwrap_or(""),
                "empty titles stay empty"
            );
            let described: Vec<String> = t["content"]
                .as_array()
                .expect("as set up")
                .iter()
                .map(|c| c["level"].as_u64().expect("as set up").to_string())
                .collect();
            let ours: Vec<String> = d.expectations.iter().map(|e| e.level.clone()).collect();
            assert_eq!(
                ours, described,
                "{file} {}: exactly the levels described",
                d.key
            );
            if described.len() < l.levels.len() {
                partial += 1;
            }
            for c in t["content"].as_array().expect("as set up") {
                let text = d
                    .expectation(&c["level"].as_u64().expect("as set up").to_string())
                    .expect("as set up");
                for crit in c["criteria"].as_array().into_iter().flatten() {
                    assert!(
                        text.contains(crit.as_str().expect("as set up").trim()),
                        "{file}: criteria kept"
                    );
                }
                for ex in c["exampleCriteria"].as_array().into_iter().flatten() {
                    assert!(text.contains(ex["criteria"].as_str().expect("as set up").trim()));
                }
            }
        }
        assert!(
            partial >= 1,
            "{file}: a topic that starts late or stops early"
        );
        assert!(
            l.branch_point().is_none(),
            "{file}: Monzo's engineering ladders do not fork"
        );
    }
}

#[test]
fn a_topic_that_starts_late_is_not_assessed_below_its_start_and_points_at_it() {
    let (mut j, m) = with_mentee();
    let p = import(&mut j, "monzo/backend.md");
    j.place_mentee(&m.id, &p.ladder.key, Some("2"))
        .expect("placed");
    let err = j
        .assess(&m.id, assess("leadership", "2", "2026-03-01"))
        .expect_err("leadership starts at level 3");
    assert!(
        err.to_string().contains("no expectation") && err.to_string().contains("Level 3"),
        "{err}"
    );
    j.assess(&m.id, assess("leadership", "3", "2026-03-01"))
        .expect("described there");
    let skills = j.skills(&m.id).expect("skills");
    let comm = skills
        .iter()
        .find(|s| s.dimension == "communication")
        .expect("as set up");
    assert_eq!(comm.next[0].level, "3", "from level 2, the next level");
    assert_eq!(
        comm.dimension_name, "communication",
        "an empty title shows its key"
    );
}

#[test]
fn export_then_import_is_lossless_and_a_second_import_changes_nothing() {
    for file in ["ft/engineering.yml", "monzo/web.md", "monzo/mobile.md"] {
        let (mut j, _) = with_mentee();
        let first = import(&mut j, file);
        assert!(first.updates.is_none() && !first.unchanged);
        let again = import(&mut j, file);
        assert!(again.unchanged, "{file}: the same file twice adds nothing");
        assert_eq!(
            j.frameworks().expect("as set up").len(),
            2,
            "{file}: no duplicate"
        );
        let stored = j
            .framework(Some(&first.ladder.key))
            .expect("as set up")
            .ladder;
        let json = ladders::to_json(&stored);
        let back = ladders::read(json.as_bytes(), "x.json").expect("own JSON reads");
        assert_eq!(back.ladder, stored, "{file}: round trip");
        // Into another journal: the same ladder.
        let (mut other, _) = with_mentee();
        other.import_ladder(back.ladder, None).expect("as set up");
        assert_eq!(
            other
                .framework(Some(&stored.key))
                .expect("as set up")
                .ladder,
            stored
        );
    }
}

#[test]
fn a_changed_ladder_keeps_every_assessment_valid_and_retires_what_it_dropped() {
    let (mut j, m) = with_mentee();
    let p = import(&mut j, "ft/engineering.yml");
    j.place_mentee(&m.id, "ft-engineering", Some("senior-2-pm"))
        .expect("as set up");
    j.assess(&m.id, assess("technical", "senior-2-pm", "2026-02-01"))
        .expect("as set up");
    j.assess(&m.id, assess("communication", "engineer", "2026-02-01"))
        .expect("as set up");
    // The company drops the manager branch of Senior 2 and the Communication theme,
    // and renames a level.
    let mut next: Ladder = p.ladder.clone();
    next.levels
        .retain(|l| l.key != "senior-2-pm" && l.key != "principal-pm");
    next.levels[0].name = "Associate Engineer".into();
    next.dimensions.retain(|d| d.key != "communication");
    for d in &mut next.dimensions {
        d.expectations
            .retain(|e| e.level != "senior-2-pm" && e.level != "principal-pm");
    }
    let plan = j.plan_ladder(next.clone(), None).expect("preview");
    assert_eq!(plan.retired_levels, vec!["senior-2-pm".to_string()]);
    assert_eq!(plan.removed_levels, vec!["principal-pm".to_string()]);
    assert_eq!(plan.retired_dimensions, vec!["communication".to_string()]);
    let before = j.frameworks().expect("as set up");
    assert_eq!(
        before.iter().map(|u| u.revisions).sum::<usize>(),
        0,
        "a preview writes nothing"
    );
    j.import_ladder(next, None).expect("re-imported");
    let stored = j
        .framework(Some("ft-engineering"))
        .expect("as set up")
        .ladder;
    let kept = stored.level("senior-2-pm").expect("kept");
    assert!(kept.retired);
    assert!(stored.level("principal-pm").is_none(), "unused: removed");
    assert_eq!(stored.levels[0].name, "Associate Engineer");
    let skills = j.skills(&m.id).expect("as set up");
    let tech = skills
        .iter()
        .find(|s| s.dimension == "technical")
        .expect("as set up");
    assert_eq!(
        tech.latest.as_ref().expect("as set up").level_name,
        "Senior Engineer 2 (People Manager)",
        "the old assessment still reads as it did"
    );
    assert!(
        skills
            .iter()
            .any(|s| s.dimension == "communication" && s.retired),
        "a retired dimension with history still shows"
    );
    let err = j
        .assess(&m.id, assess("technical", "senior-2-pm", "2026-03-01"))
        .expect_err("retired levels take no new assessments");
    assert!(err.to_string().contains("retired"), "{err}");
    // Undo puts the version before back.
    let id = j.framework(Some("ft-engineering")).expect("as set up").id;
    let undone = j.undo_ladder_change(&id).expect("as set up");
    assert_eq!(undone.ladder, p.ladder);
}

#[test]
fn a_mentee_on_a_branch_reads_it_everywhere_and_the_fork_offers_both_sides() {
    let (mut j, m) = with_mentee();
    import(&mut j, "ft/engineering.yml");
    let ladder = j
        .place_mentee(&m.id, "Engineering", Some("senior-1"))
        .expect("placed by name");
    assert_eq!(ladder.label.as_deref(), Some("Senior Engineer 1"));
    assert_eq!(ladder.branch, None);
    assert_eq!(ladder.fork.as_deref(), Some("Senior Engineer 2"));
    let skills = j.skills(&m.id).expect("as set up");
    let next: Vec<&str> = skills[0].next.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        next,
        vec![
            "Senior Engineer 2 (Individual Contributor)",
            "Senior Engineer 2 (People Manager)"
        ],
        "before the fork, both sides are the next step"
    );
    let ladder = j
        .place_mentee(&m.id, "ft-engineering", Some("senior-2-ic"))
        .expect("as set up");
    assert_eq!(ladder.branch, Some(Branch::Ic));
    let skills = j.skills(&m.id).expect("as set up");
    let next: Vec<&str> = skills[0].next.iter().map(|n| n.level.as_str()).collect();
    assert_eq!(next, vec!["principal-ic"], "on a branch, its own next step");
    assert!(
        j.place_mentee(&m.id, "nope", None).is_err(),
        "an unknown ladder is refused"
    );
}

#[test]
fn skills_count_evidence_since_the_last_assessment() {
    let (mut j, m) = with_mentee();
    let tagged = |j: &mut Journal, day: &str| {
        let mut e = super::entries::new_entry(&m, day, super::entries::session(60));
        e.skills = vec!["System design".into()];
        j.add_entry(e).expect("saved").0
    };
    let _early = tagged(&mut j, "2026-01-05");
    let late = tagged(&mut j, "2026-03-05");
    super::entries::add_session(&mut j, &m, "2026-03-06", 30);
    j.assess(&m.id, assess("system-design", "developing", "2026-02-01"))
        .expect("as set up");
    let s = j.skills(&m.id).expect("as set up");
    let sd = s
        .iter()
        .find(|s| s.dimension == "system-design")
        .expect("as set up");
    let ids: Vec<_> = sd.evidence.iter().map(|e| e.entry_id).collect();
    assert_eq!(ids, vec![late.id], "only what came after the assessment");
    assert_eq!(sd.next[0].level, "proficient");
    assert!(sd.next[0].expectation.is_some());
}

#[test]
fn ladders_in_use_cannot_be_removed_and_the_default_moves_cleanly() {
    let (mut j, m) = with_mentee();
    let p = import(&mut j, "monzo/web.md");
    let id = p.framework_id.expect("as set up");
    j.place_mentee(&m.id, &p.ladder.key, None)
        .expect("as set up");
    assert!(matches!(j.delete_framework(&id), Err(Error::Conflict(_))));
    j.place_mentee(&m.id, "trellis", None).expect("as set up");
    j.set_default_framework(&id).expect("as set up");
    assert!(j.framework(None).expect("as set up").id == id);
    let default_trellis = j.framework(Some("trellis")).expect("as set up");
    assert!(!default_trellis.is_default);
    assert_eq!(
        j.mentee_ladder(&m.id)
            .expect("as set up")
            .framework
            .ladder
            .key,
        "trellis",
        "a mentee keeps their ladder when the default changes"
    );
    assert!(j.delete_framework(&default_trellis.id).is_err(), "in use");
    let unused = import(&mut j, "monzo/mobile.md")
        .framework_id
        .expect("as set up");
    j.delete_framework(&unused).expect("unused ladders go");
    let keys: HashSet<String> = j
        .frameworks()
        .expect("as set up")
        .into_iter()
        .map(|u| u.framework.ladder.key)
        .collect();
    assert_eq!(keys.len(), 2);
}

#[test]
fn hostile_ladders_are_refused_whole() {
    let (mut j, _) = with_mentee();
    let before = j.frameworks().expect("as set up");
    let mut l = trellis_core::Framework::default_ladder();
    l.key = "evil".into();
    l.levels[1].key = l.levels[0].key.clone();
    assert!(
        j.import_ladder(l.clone(), None).is_err(),
        "duplicate level keys"
    );
    let mut l = trellis_core::Framework::default_ladder();
    l.key = "evil".into();
    l.dimensions[0].expectations[0].level = "nowhere".into();
    assert!(
        j.import_ladder(l, None).is_err(),
        "an expectation of no level"
    );
    let mut l = trellis_core::Framework::default_ladder();
    l.key = "evil".into();
    l.levels[0].name = "x".repeat(250_000);
    assert!(j.import_ladder(l, None).is_err(), "a 250 KB level name");
    let mut l = trellis_core::Framework::default_ladder();
    l.key = "evil".into();
    l.levels.clear();
    assert!(j.import_ladder(l, None).is_err(), "no levels");
    assert_eq!(
        j.frameworks().expect("as set up"),
        before,
        "nothing changed"
    );
    // Long descriptions with lists, emoji, non-numeric level ids, empty names: kept.
    let mut l = trellis_core::Framework::default_ladder();
    l.key = "odd".into();
    l.name = "🚀 Rocket ladder".into();
    l.levels[0].key = "l-α".into();
    l.levels[0].name = String::new();
    for d in &mut l.dimensions {
        d.expectations[0].level = "l-α".into();
    }
    l.dimensions[0].expectations[0].description = "1. one\n2. two\n\n- a\n- b".into();
    let plan = j.import_ladder(l.clone(), None).expect("odd but valid");
    assert_eq!(
        j.framework(Some("odd")).expect("as set up").ladder,
        plan.ladder
    );
    assert_eq!(
        plan.ladder.levels[0].label(),
        "l-α",
        "an empty name shows its key"
    );
}

#[test]
fn the_framework_json_schema_matches_the_types() {
    // docs/framework.schema.json: the Ladder type plus the file's format and version.
    // To update after changing a type: UPDATE_SCHEMA=1 cargo test -p trellis-core --test journal ladders
    let mut schema = serde_json::to_value(schemars::schema_for!(Ladder)).expect("schema");
    schema["title"] = "Trellis framework".into();
    schema["properties"]["format"] = serde_json::json!({ "const": ladders::FORMAT });
    schema["properties"]["version"] = serde_json::json!({ "const": ladders::VERSION });
    schema["required"]
        .as_array_mut()
        .expect("required list")
        .extend(["format".into(), "version".into()]);
    let text = serde_json::to_string_pretty(&schema).expect("text") + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/framework.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &text).expect("written");
    }
    assert!(
        std::fs::read_to_string(&path).unwrap_or_default() == text,
        "docs/framework.schema.json drifted; run UPDATE_SCHEMA=1 cargo test -p trellis-core --test journal ladders"
    );
    // What export writes is valid against it (the fields it names, and nothing else).
    let (mut j, _) = with_mentee();
    let p = import(&mut j, "ft/engineering.yml");
    let out: Value = serde_json::from_str(&ladders::to_json(&p.ladder)).expect("json");
    let props = schema["properties"].as_object().expect("as set up");
    for k in out.as_object().expect("as set up").keys() {
        assert!(props.contains_key(k), "{k} is in the schema");
    }
    for r in schema["required"].as_array().expect("as set up") {
        assert!(
            out.get(r.as_str().expect("as set up")).is_some(),
            "{r} is written"
        );
    }
}

/// A session naming `skill`, shareable or private.
fn tagged(
    j: &mut Journal,
    m: &trellis_core::Mentee,
    day: &str,
    skill: &str,
    private: bool,
) -> trellis_core::Entry {
    let mut e = super::entries::new_entry(m, day, super::entries::session(45));
    e.skills = vec![skill.into()];
    e.title = Some(format!("{skill} on {day}"));
    e.visibility = Some(if private {
        trellis_core::Visibility::Private
    } else {
        trellis_core::Visibility::Shareable
    });
    j.add_entry(e).expect("saved").0
}

fn next_level_section(j: &Journal, m: &trellis_core::Mentee, until: &str) -> String {
    let p = trellis_core::summary::build(
        j,
        &m.id,
        &trellis_core::summary::SummaryOptions {
            since: Some(date("2026-05-01")),
            until: Some(date(until)),
            months: None,
            exclude: vec![],
        },
        date("2026-12-31"),
    )
    .expect("summary");
    let md = trellis_core::summary::to_markdown(&p.summary);
    let start = md
        .find("## What the next level needs")
        .expect("the section");
    let end = md[start..]
        .find("\n## Pairing")
        .map_or(md.len(), |e| start + e);
    md[start..end].to_string()
}

#[test]
fn a_withheld_assessment_changes_nothing_in_what_the_next_level_needs() {
    let (mut j, m) = with_mentee();
    let first = tagged(&mut j, &m, "2026-06-01", "system-design", false);
    let mut a = assess("system-design", "developing", "2026-06-02");
    a.evidence = vec![first.id];
    j.assess(&m.id, a).expect("assessed");
    tagged(&mut j, &m, "2026-07-15", "system-design", false);
    tagged(&mut j, &m, "2026-10-01", "system-design", false);
    let before = next_level_section(&j, &m, "2026-12-31");
    assert!(
        before.contains("2026-07-15") && before.contains("2026-10-01"),
        "{before}"
    );

    // A private note and an assessment that cites only it: private by the rules.
    let secret = tagged(&mut j, &m, "2026-09-01", "team-work", true);
    let mut b = assess("system-design", "proficient", "2026-09-02");
    b.evidence = vec![secret.id];
    j.assess(&m.id, b).expect("assessed");
    let after = next_level_section(&j, &m, "2026-12-31");
    assert_eq!(
        after, before,
        "nothing in the section moves for a private assessment"
    );

    // A period that ends before the later assessment counts what came before its end.
    let early = next_level_section(&j, &m, "2026-08-01");
    assert!(early.contains("2026-07-15"), "{early}");
}

#[test]
fn what_the_next_level_needs_cites_only_entries_of_the_period() {
    let (mut j, m) = with_mentee();
    j.assess(&m.id, assess("system-design", "developing", "2026-01-02"))
        .expect("assessed");
    tagged(&mut j, &m, "2026-03-01", "system-design", false);
    tagged(&mut j, &m, "2026-06-10", "system-design", false);
    // The period starts 2026-05-01: the March entry is not in the document (the lead
    // could not untick it there), the June one is.
    let section = next_level_section(&j, &m, "2026-12-31");
    assert!(!section.contains("2026-03-01"), "{section}");
    assert!(section.contains("2026-06-10"), "{section}");
    assert!(section.contains("since 2026-05-01"), "{section}");
}

#[test]
fn a_trashed_mentee_keeps_their_ladder_and_level_and_comes_back_whole() {
    let (mut j, _) = with_mentee();
    let fay = j
        .add_mentee(trellis_core::NewMentee {
            name: "Fay Ito".into(),
            ..Default::default()
        })
        .expect("mentee");
    let p = import(&mut j, "ft/engineering.yml");
    j.place_mentee(&fay.id, "ft-engineering", Some("senior-1"))
        .expect("placed");
    j.assess(&fay.id, assess("technical", "senior-2-ic", "2026-03-01"))
        .expect("assessed");
    let trashed = j.delete_mentee(&fay.id).expect("trashed");
    let id = p.framework_id.expect("stored");
    assert!(
        matches!(j.delete_framework(&id), Err(Error::Conflict(_))),
        "the trash still cites it"
    );
    // A new version without the cited level and the cited dimension retires them.
    let mut next = p.ladder;
    next.levels
        .retain(|l| l.key != "senior-2-ic" && l.key != "senior-1");
    next.dimensions.retain(|d| d.key != "technical");
    for d in &mut next.dimensions {
        d.expectations
            .retain(|e| e.level != "senior-2-ic" && e.level != "senior-1");
    }
    let plan = j.import_ladder(next, None).expect("re-imported");
    assert_eq!(plan.retired_levels, vec!["senior-1", "senior-2-ic"]);
    assert_eq!(plan.retired_dimensions, vec!["technical"]);
    j.restore_from_trash(&trashed).expect("restored");
    let place = j.mentee_ladder(&fay.id).expect("place");
    assert_eq!(place.level.map(|l| l.key).as_deref(), Some("senior-1"));
    let skills = j.skills(&fay.id).expect("skills");
    let t = skills
        .iter()
        .find(|s| s.dimension == "technical")
        .expect("its history shows");
    assert_eq!(
        t.latest.as_ref().expect("assessed").assessment.level,
        "senior-2-ic"
    );
}

/// The archive as a build of archive version 2 wrote it: one `framework` with
/// per-dimension levels, assessments without a ladder.
fn as_version_2(a: &trellis_core::archive::Archive) -> String {
    let mut v: Value = serde_json::from_str(&a.to_json()).expect("json");
    let o = v.as_object_mut().expect("object");
    let ladder = &a
        .frameworks
        .iter()
        .find(|f| f.is_default)
        .expect("default")
        .ladder;
    o.insert(
        "framework".into(),
        serde_json::to_value(trellis_core::LegacyFramework::from_ladder(ladder)).expect("legacy"),
    );
    o.remove("frameworks");
    o.remove("ladders");
    o.insert("version".into(), 2.into());
    for x in o["assessments"].as_array_mut().expect("list") {
        x.as_object_mut().expect("object").remove("framework_id");
    }
    v.to_string()
}

#[test]
fn a_version_2_archive_imports_twice_as_once_onto_the_trellis_ladder() {
    let (mut j, m) = with_mentee();
    j.assess(&m.id, assess("system-design", "developing", "2026-03-01"))
        .expect("assessed");
    let old = as_version_2(&j.archive().expect("archive"));
    let (mut other, _) = with_mentee();
    import(&mut other, "ft/engineering.yml");
    let ft = other.framework(Some("ft-engineering")).expect("ft").id;
    other.set_default_framework(&ft).expect("default");
    for round in 0..2 {
        other
            .import_archive(old.as_bytes(), trellis_core::archive::ImportMode::Merge)
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
    }
    let trellis = other.framework(Some("trellis")).expect("trellis ladder");
    assert_eq!(
        trellis.ladder,
        trellis_core::Framework::default_ladder(),
        "word for word"
    );
    let ported = other.mentee_ladder(&m.id).expect("place");
    assert_eq!(
        ported.framework.id, trellis.id,
        "on the archive's ladder, not this journal's default"
    );
    let skills = other.skills(&m.id).expect("skills");
    assert!(
        skills.iter().any(|s| s.latest.is_some()),
        "the assessment shows"
    );
    // A third import changes nothing at all, the ladder's time included.
    let before = other.archive().expect("archive");
    other
        .import_archive(old.as_bytes(), trellis_core::archive::ImportMode::Merge)
        .expect("again");
    let after = other.archive().expect("archive");
    assert_eq!(
        trellis_core::archive::Archive {
            exported_at: before.exported_at,
            ..after
        },
        before
    );
}

#[test]
fn a_merge_refuses_to_change_a_ladder_or_move_a_mentee_silently() {
    let (mut j, m) = with_mentee();
    import(&mut j, "monzo/web.md");
    let archive = j.archive().expect("archive");
    // Here, after the export: the mentee moves, and the ladder is edited.
    j.place_mentee(&m.id, "monzo-engineering-web", Some("2"))
        .expect("moved");
    let f = j.framework(Some("monzo-engineering-web")).expect("ladder");
    let mut edited = f.ladder.clone();
    edited.levels[0].name = "Uno".into();
    j.save_ladder(&f.id, edited, Some(f.updated_at))
        .expect("saved");
    let err = j
        .import_archive(
            archive.to_json().as_bytes(),
            trellis_core::archive::ImportMode::Merge,
        )
        .expect_err("both changes are reported, nothing is written");
    let text = err.to_string();
    assert!(
        text.contains("frameworks[") && text.contains("(ladder)"),
        "{text}"
    );
    assert_eq!(
        j.framework(Some("monzo-engineering-web"))
            .expect("ladder")
            .ladder
            .levels[0]
            .name,
        "Uno"
    );
    // Replace takes the archive's version.
    j.import_archive(
        archive.to_json().as_bytes(),
        trellis_core::archive::ImportMode::Replace,
    )
    .expect("replaced");
    assert_eq!(
        j.mentee_ladder(&m.id).expect("place").framework.ladder.key,
        "trellis"
    );
}

#[test]
fn an_archive_into_an_empty_journal_keeps_its_default_ladder() {
    let (mut j, m) = with_mentee();
    import(&mut j, "ft/engineering.yml");
    let ft = j.framework(Some("ft-engineering")).expect("ft").id;
    j.set_default_framework(&ft).expect("default");
    j.place_mentee(&m.id, "ft-engineering", None)
        .expect("on the default");
    let first = j.archive().expect("archive");
    let mut fresh = Journal::open_in_memory().expect("journal");
    fresh
        .import_archive(
            first.to_json().as_bytes(),
            trellis_core::archive::ImportMode::Merge,
        )
        .expect("imported");
    assert_eq!(
        fresh.framework(None).expect("default").ladder.key,
        "ft-engineering"
    );
    let second = fresh.archive().expect("archive");
    assert_eq!(
        trellis_core::archive::Archive {
            exported_at: first.exported_at,
            ..second
        },
        first,
        "lossless, the default included"
    );
}

#[test]
fn an_archive_merge_that_renames_the_default_ladder_keeps_the_trash_restorable() {
    let (mut j, _) = with_mentee();
    let gus = j
        .add_mentee(trellis_core::NewMentee {
            name: "Gus Lund".into(),
            ..Default::default()
        })
        .expect("mentee");
    j.assess(&gus.id, assess("delivery", "developing", "2026-03-01"))
        .expect("assessed");
    let trashed = j.delete_mentee(&gus.id).expect("trashed");
    // Another journal's archive: its `trellis` ladder has another id, which wins.
    let (theirs, _) = with_mentee();
    let a = theirs.archive().expect("archive");
    j.import_archive(
        a.to_json().as_bytes(),
        trellis_core::archive::ImportMode::Merge,
    )
    .expect("merged");
    assert_eq!(
        j.framework(Some("trellis")).expect("trellis").id,
        a.frameworks[0].id
    );
    j.restore_from_trash(&trashed).expect("still restorable");
    assert!(
        j.skills(&gus.id)
            .expect("skills")
            .iter()
            .any(|s| s.latest.is_some())
    );
}

#[test]
fn moving_to_another_ladder_keeps_earlier_assessments_readable_in_their_own_words() {
    let (mut j, m) = with_mentee();
    j.assess(&m.id, assess("system-design", "proficient", "2026-01-10"))
        .expect("assessed on the default ladder");
    import(&mut j, "monzo/web.md");
    j.place_mentee(&m.id, "monzo-engineering-web", Some("3"))
        .expect("moved");
    let skills = j.skills(&m.id).expect("skills");
    assert!(
        skills.iter().all(|s| s.latest.is_none()),
        "nothing assessed on the new ladder yet"
    );
    let earlier = j.earlier_assessments(&m.id).expect("earlier");
    assert_eq!(earlier.len(), 1);
    assert_eq!(
        (
            earlier[0].framework_name.as_str(),
            earlier[0].dimension_name.as_str(),
            earlier[0].level_name.as_str()
        ),
        (
            "Trellis engineering growth framework",
            "System design",
            "Proficient"
        )
    );
    j.place_mentee(&m.id, "trellis", None).expect("back");
    assert!(j.earlier_assessments(&m.id).expect("earlier").is_empty());
}

#[test]
fn a_removed_ladder_waits_in_the_trash_and_comes_back_whole() {
    let (mut j, _) = with_mentee();
    let p = import(&mut j, "monzo/mobile.md");
    let id = p.framework_id.expect("stored");
    let before = j.framework(Some(&p.ladder.key)).expect("ladder");
    let trashed = j.delete_framework(&id).expect("to the trash");
    assert!(
        j.framework(Some(&p.ladder.key)).is_err(),
        "gone from the list"
    );
    let item = j
        .trash()
        .expect("trash")
        .into_iter()
        .find(|t| t.id == trashed)
        .expect("listed");
    assert_eq!(item.kind, "framework");
    assert_eq!(item.label, p.ladder.name);
    // Another ladder takes the key meanwhile: the restore says so and changes nothing.
    let mut squatter = trellis_core::Framework::default_ladder();
    squatter.key = p.ladder.key.clone();
    j.import_ladder(squatter, None).expect("imported");
    let err = j.restore_from_trash(&trashed).expect_err("key taken");
    assert!(err.to_string().contains("key"), "{err}");
    let squat = j.framework(Some(&p.ladder.key)).expect("squatter").id;
    j.delete_framework(&squat).expect("squatter removed");
    j.restore_from_trash(&trashed).expect("restored");
    let back = j.framework(Some(&p.ladder.key)).expect("back");
    assert_eq!((back.id, back.ladder), (before.id, before.ladder));
}

//! The privacy rule, searched for counterexamples. Random journals (proptest): entries of
//! every kind with random visibility, private ones full of unique canaries; follow-ups,
//! check-ins, assessments and goal evidence that cite them. Every format of the growth
//! summary and of the impact report (the PDF as the pages it typesets, and as bytes) must
//!
//! (a) contain no canary, no id of a private entry, check-in or assessment; and
//! (b) be byte-for-byte the same as the documents of the same journal without every
//!     private entry and everything private by the rules — built without them, and
//!     reached by deleting them (to the trash, then emptied).
//!
//! The rules are written here again, independently of the core: an entry is private as
//! planned; a follow-up as its entry; a check-in or an assessment when it cites something
//! and all of it is private. Cases: `TRELLIS_PRIVACY_CASES` (default 40). A failure
//! prints its seed; `TRELLIS_PRIVACY_SEED=<hex>` replays it.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use trellis_core::summary::outline::of_summary;
use trellis_core::summary::{self, Format, Summary, SummaryOptions, impact};
use trellis_core::{
    ActionItem, Assessment, Batch, CheckIn, Driver, Entry, EntryDetails, Framework, Goal,
    GoalStatus, Id, Independence, Journal, Leaning, Mentee, Minutes, Note, NoteKind, Owner,
    PairingSession, Progress, TrackConversation, TrackInterest, Visibility,
};

const START: &str = "2026-01-01";
const UNTIL: &str = "2026-06-30";

fn day(offset: i64) -> NaiveDate {
    trellis_core::parse_date(START).expect("date") + Duration::days(offset)
}

#[derive(Debug, Clone)]
struct PlannedEntry {
    kind: u8,
    private: bool,
    day: i64,
    starred: bool,
    follow_ups: u8,
    independence: Option<i64>,
    leaning: i64,
}

#[derive(Debug, Clone)]
struct PlannedCheckIn {
    day: i64,
    progress: i64,
    evidence: Vec<usize>,
}

#[derive(Debug, Clone)]
struct PlannedGoal {
    target: Option<i64>,
    status: u8,
    check_ins: Vec<PlannedCheckIn>,
    evidence: Vec<usize>,
}

#[derive(Debug, Clone)]
struct PlannedAssessment {
    dimension: usize,
    level: usize,
    day: i64,
    evidence: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Plan {
    entries: Vec<PlannedEntry>,
    goals: Vec<PlannedGoal>,
    assessments: Vec<PlannedAssessment>,
    manual_actions: u8,
}

fn plan() -> impl Strategy<Value = Plan> {
    let entry = (
        0u8..3,
        any::<bool>(),
        -60i64..240,
        any::<bool>(),
        0u8..3,
        proptest::option::of(1i64..=5),
        -2i64..=2,
    )
        .prop_map(
            |(kind, private, day, starred, follow_ups, independence, leaning)| PlannedEntry {
                kind,
                private,
                day,
                starred,
                follow_ups,
                independence,
                leaning,
            },
        );
    let refs = || proptest::collection::vec(0usize..16, 0..4);
    let check_in =
        (-60i64..240, 0i64..=100, refs()).prop_map(|(day, progress, evidence)| PlannedCheckIn {
            day,
            progress,
            evidence,
        });
    let goal = (
        proptest::option::of(-30i64..300),
        0u8..4,
        proptest::collection::vec(check_in, 0..4),
        refs(),
    )
        .prop_map(|(target, status, check_ins, evidence)| PlannedGoal {
            target,
            status,
            check_ins,
            evidence,
        });
    let assessment = (0usize..8, 0usize..5, -200i64..240, refs()).prop_map(
        |(dimension, level, day, evidence)| PlannedAssessment {
            dimension,
            level,
            day,
            evidence,
        },
    );
    (
        proptest::collection::vec(entry, 1..16),
        proptest::collection::vec(goal, 0..3),
        proptest::collection::vec(assessment, 0..6),
        0u8..3,
    )
        .prop_map(|(entries, goals, assessments, manual_actions)| Plan {
            entries,
            goals,
            assessments,
            manual_actions,
        })
}

/// A journal's records, ids fixed, built from a plan; `without_private` leaves out every
/// private entry and everything private by the rules (and private entries' links).
struct Built {
    batch: Batch,
    private_entries: Vec<Id>,
    private_ids: Vec<Id>,
    canaries: Vec<String>,
}

fn build(p: &Plan, ids: &[Id], without_private: bool) -> Built {
    let at = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .expect("time");
    let mentee = Mentee {
        id: ids[0],
        name: "Ana Lima".into(),
        role: Some("Backend Engineer".into()),
        level: None,
        team: None,
        started: None,
        track: TrackInterest::Undecided,
        tags: vec![],
        archived: false,
        created_at: at,
        updated_at: at,
    };
    let mut id = 1;
    let mut next = || {
        id += 1;
        ids[id]
    };
    let mut b = Batch {
        mentees: vec![mentee],
        ..Default::default()
    };
    let mut private_entries = vec![];
    let mut private_ids = vec![];
    let mut canaries = vec![];
    let entry_ids: Vec<Id> = p.entries.iter().map(|_| next()).collect();
    // Entries name a dimension of the ladder as a skill: the evidence of "what the next
    // level needs" must follow the same rule as every other citation.
    let framework = Framework::default_ladder();
    let private = |i: usize| p.entries[i % p.entries.len()].private;
    let eid = |i: usize| entry_ids[i % p.entries.len()];
    for (n, e) in p.entries.iter().enumerate() {
        let text = if e.private {
            format!("CANARY{n}X")
        } else {
            format!("shared {n}")
        };
        if e.private {
            canaries.push(text.clone());
            private_entries.push(entry_ids[n]);
            private_ids.push(entry_ids[n]);
        }
        let follow_ups: Vec<Id> = (0..e.follow_ups).map(|_| next()).collect();
        if e.private && without_private {
            continue;
        }
        let details = match e.kind {
            0 => EntryDetails::Note(Note {
                subkind: NoteKind::Observation,
            }),
            1 => EntryDetails::Session(PairingSession {
                minutes: Minutes::new(30 + n as i64).expect("minutes"),
                topic: format!("{text} topic"),
                driver: Some(Driver::Mentee),
                independence: e.independence.map(|i| Independence::new(i).expect("1..5")),
                links: vec![format!("https://example.com/{}", text.replace(' ', "-"))],
                went_well: Some(format!("{text} went well")),
                to_improve: Some(format!("{text} to improve")),
            }),
            _ => EntryDetails::Track(TrackConversation {
                leaning: Leaning::new(e.leaning).expect("-2..2"),
                aspiration: None,
                energizers: Some(format!("{text} energizers")),
                drainers: None,
                experiments: vec![format!("{text} experiment")],
            }),
        };
        let created = at + Duration::minutes(n as i64);
        b.entries.push(Entry {
            id: entry_ids[n],
            mentee_id: ids[0],
            date: day(e.day),
            title: Some(format!("{text} title")),
            body: format!("{text} **body** [link](https://example.com/{n})"),
            visibility: if e.private {
                Visibility::Private
            } else {
                Visibility::Shareable
            },
            starred: e.starred,
            tags: vec![],
            skills: vec![
                framework.dimensions[n % framework.dimensions.len()]
                    .key
                    .clone(),
            ],
            details,
            created_at: created,
            updated_at: created,
        });
        for (k, fid) in follow_ups.into_iter().enumerate() {
            if e.private {
                private_ids.push(fid);
            }
            b.action_items.push(ActionItem {
                id: fid,
                mentee_id: ids[0],
                entry_id: Some(entry_ids[n]),
                text: format!("{text} follow-up {k}"),
                owner: Owner::Mentee,
                due: Some(day(e.day + 14)),
                done_at: None,
                created_at: created,
            });
        }
    }
    for k in 0..p.manual_actions {
        b.action_items.push(ActionItem {
            id: next(),
            mentee_id: ids[0],
            entry_id: None,
            text: format!("manual action {k}"),
            owner: Owner::Lead,
            due: None,
            done_at: None,
            created_at: at,
        });
    }
    // Cited entries that exist in this journal.
    let keep = |refs: &[usize]| -> Vec<Id> {
        let mut out: Vec<Id> = refs
            .iter()
            .filter(|i| !(without_private && private(**i)))
            .map(|i| eid(*i))
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let all_private = |refs: &[usize]| !refs.is_empty() && refs.iter().all(|i| private(*i));
    for (g_n, g) in p.goals.iter().enumerate() {
        let gid = next();
        let mut check_ins = vec![];
        for (c_n, c) in g.check_ins.iter().enumerate() {
            let cid = next();
            let secret = all_private(&c.evidence);
            if secret {
                let canary = format!("CANARY{g_n}C{c_n}X");
                canaries.push(canary.clone());
                private_ids.push(cid);
                if without_private {
                    continue;
                }
            }
            check_ins.push(CheckIn {
                id: cid,
                goal_id: gid,
                date: day(c.day),
                progress: Progress::new(c.progress).expect("0..100"),
                note: Some(if secret {
                    format!("CANARY{g_n}C{c_n}X note")
                } else {
                    format!("check-in {g_n}.{c_n}")
                }),
                evidence: keep(&c.evidence),
                created_at: at + Duration::minutes(c_n as i64),
            });
        }
        check_ins.sort_by_key(|c| (c.date, c.created_at, c.id));
        b.goals.push(Goal {
            id: gid,
            mentee_id: ids[0],
            title: format!("goal {g_n}"),
            why: None,
            skills: vec![],
            target: g.target.map(day),
            status: [
                GoalStatus::Proposed,
                GoalStatus::Active,
                GoalStatus::Achieved,
                GoalStatus::Dropped,
            ][g.status as usize],
            progress: Progress::new(0).expect("0"),
            check_ins,
            evidence: keep(&g.evidence),
            created_at: at,
            updated_at: at,
        });
    }
    for (a_n, a) in p.assessments.iter().enumerate() {
        let aid = next();
        let secret = all_private(&a.evidence);
        if secret {
            canaries.push(format!("CANARY{a_n}AX"));
            private_ids.push(aid);
            if without_private {
                continue;
            }
        }
        let d = &framework.dimensions[a.dimension % framework.dimensions.len()];
        b.assessments.push(Assessment {
            id: aid,
            mentee_id: ids[0],
            framework_id: Id::nil(),
            dimension: d.key.clone(),
            level: d.expectations[a.level % d.expectations.len()].level.clone(),
            date: day(a.day),
            note: Some(if secret {
                format!("CANARY{a_n}AX note")
            } else {
                format!("assessment {a_n}")
            }),
            evidence: keep(&a.evidence),
            created_at: at + Duration::minutes(a_n as i64),
        });
    }
    Built {
        batch: b,
        private_entries,
        private_ids,
        canaries,
    }
}

/// Every document a lead can export from this journal: the summary and the impact report
/// in every format, the PDFs both as bytes and as the text of their pages.
fn documents(j: &Journal, mentee: &Id) -> Vec<(String, Vec<u8>)> {
    let options = SummaryOptions {
        since: Some(trellis_core::parse_date(START).expect("date")),
        until: Some(trellis_core::parse_date(UNTIL).expect("date")),
        months: None,
        exclude: vec![],
    };
    let today = trellis_core::parse_date(UNTIL).expect("date");
    let s: Summary = summary::build(j, mentee, &options, today)
        .expect("summary")
        .summary;
    let r = impact::build(j, &options, today).expect("impact");
    let mut out = vec![];
    for f in [Format::Md, Format::Html, Format::Json, Format::Pdf] {
        out.push((
            format!("summary {f:?}"),
            trellis_export::render(f, &s).expect("render"),
        ));
        out.push((
            format!("impact {f:?}"),
            trellis_export::render_impact(f, &r).expect("render"),
        ));
    }
    let text: String = trellis_export::pages(&of_summary(&s))
        .expect("pages")
        .iter()
        .flatten()
        .filter_map(|op| match op {
            trellis_export::Op::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n");
    out.push(("summary PDF text".into(), text.into_bytes()));
    out
}

fn journal_of(batch: &Batch) -> Journal {
    let mut j = Journal::open_in_memory().expect("journal");
    j.insert_batch(batch, true)
        .expect("the plan is a valid journal");
    j
}

fn check(p: &Plan) -> Result<(), TestCaseError> {
    // Enough fixed ids for any plan, the same for every journal built from it.
    let ids: Vec<Id> = (0..400).map(|_| trellis_core::new_id()).collect();
    let full = build(p, &ids, false);
    let bare = build(p, &ids, true);
    let a = journal_of(&full.batch);
    let docs = documents(&a, &ids[0]);

    // (a) Nothing private anywhere.
    for (name, bytes) in &docs {
        let text = String::from_utf8_lossy(bytes);
        for c in &full.canaries {
            prop_assert!(!text.contains(c.as_str()), "{c} reached the {name}");
        }
        for id in &full.private_ids {
            prop_assert!(
                !text.contains(&id.to_string()),
                "private id {id} reached the {name}"
            );
        }
    }

    // (b) The same documents as the journal without anything private…
    let b = journal_of(&bare.batch);
    for ((name, x), (_, y)) in docs.iter().zip(documents(&b, &ids[0])) {
        prop_assert!(
            *x == y,
            "the {name} differs once the private entries and what is private by the rules are gone:\n--- with ---\n{}\n--- without ---\n{}",
            String::from_utf8_lossy(x),
            String::from_utf8_lossy(&y)
        );
    }
    // …and as the same journal after deleting its private entries (trash, then emptied):
    // what cited them stays, and stays private.
    let mut c = journal_of(&full.batch);
    for e in &full.private_entries {
        c.delete_entry(e).expect("delete");
    }
    c.empty_trash().expect("empty");
    for ((name, x), (_, y)) in docs.iter().zip(documents(&c, &ids[0])) {
        prop_assert!(
            *x == y,
            "the {name} changed when the private entries were deleted:\n--- before ---\n{}\n--- after ---\n{}",
            String::from_utf8_lossy(x),
            String::from_utf8_lossy(&y)
        );
    }
    Ok(())
}

#[test]
fn no_private_fact_reaches_any_export() {
    let cases: u32 = std::env::var("TRELLIS_PRIVACY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let seed: [u8; 32] = match std::env::var("TRELLIS_PRIVACY_SEED") {
        Ok(hex) => {
            let mut s = [0u8; 32];
            for (i, b) in s.iter_mut().enumerate() {
                *b = u8::from_str_radix(hex.get(i * 2..i * 2 + 2).unwrap_or("00"), 16).unwrap_or(0);
            }
            s
        }
        Err(_) => {
            // A fresh seed each run (two UUID v7s: time and randomness).
            let mut s = [0u8; 32];
            s[..16].copy_from_slice(trellis_core::new_id().as_bytes());
            s[16..].copy_from_slice(trellis_core::new_id().as_bytes());
            s
        }
    };
    let hex: String = seed.iter().map(|b| format!("{b:02x}")).collect();
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
    );
    if let Err(e) = runner.run(&plan(), |p| check(&p)) {
        panic!(
            "a private fact can reach an export (seed {hex}; replay with TRELLIS_PRIVACY_SEED={hex}):\n{e}"
        );
    }
}

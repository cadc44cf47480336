//! A deterministic demo journal: realistic mentees, pairing sessions, notes, track
//! conversations whose leaning drifts, goals with check-ins, assessments and action
//! items. The same seed, size and end date always give the same records, ids included,
//! so screenshots, golden files and benchmarks can rely on it.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::prelude::*;
use rand_chacha::ChaCha8Rng;

use crate::store::Batch;
use crate::{
    ActionItem, Aspiration, Assessment, CheckIn, Driver, Entry, EntryDetails, Framework, Goal,
    GoalStatus, Id, Independence, Journal, Leaning, Mentee, Minutes, Note, NoteKind, Owner,
    PairingSession, Progress, Result, TrackConversation, TrackInterest, Visibility,
};

/// The largest demo: 5,000 mentees over 10 years is about two million entries.
pub const MAX_MENTEES: u32 = 5000;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub mentees: u32,
    pub years: u32,
    pub seed: u64,
    /// The last day of the demo history (usually today).
    pub end: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DemoReport {
    pub mentees: usize,
    pub entries: usize,
    pub action_items: usize,
    pub goals: usize,
    pub check_ins: usize,
    pub assessments: usize,
}

/// Builds the demo records without writing them.
pub fn generate(opts: &DemoOptions) -> Result<Batch> {
    if opts.mentees == 0 || opts.mentees > MAX_MENTEES {
        return Err(crate::Error::invalid(
            "mentees",
            format!("{} is out of range; use 1..{MAX_MENTEES}", opts.mentees),
        ));
    }
    if opts.years == 0 || opts.years > 30 {
        return Err(crate::Error::invalid(
            "years",
            format!("{} is out of range; use 1..30", opts.years),
        ));
    }
    let mut g = Generator {
        rng: ChaCha8Rng::seed_from_u64(opts.seed),
        framework: Framework::default_ladder(),
        batch: Batch {
            demo: true,
            ..Batch::default()
        },
    };
    let names = g.names(opts.mentees as usize);
    for name in names {
        g.mentee(name, opts);
    }
    Ok(g.batch)
}

/// Creates (or opens) the journal at `path` and writes the demo into it, refusing a
/// journal that already has mentees: `trellis demo`.
pub fn create_journal(path: &std::path::Path, opts: &DemoOptions) -> Result<(Journal, DemoReport)> {
    let mut journal = Journal::create(path)?;
    let report = populate(&mut journal, opts)?;
    Ok((journal, report))
}

/// Opens the demo journal at `path`, filling it on first use: the app's "Explore a demo
/// journal".
pub fn open_demo_journal(path: &std::path::Path, opts: &DemoOptions) -> Result<Journal> {
    let mut journal = Journal::create(path)?;
    if journal.is_empty()? {
        match populate(&mut journal, opts) {
            // Filled meanwhile by another process (or a second click): it is the same demo.
            Ok(_) | Err(crate::Error::Conflict(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(journal)
}

/// Generates the demo and writes it, in one transaction, into an empty journal.
pub fn populate(journal: &mut Journal, opts: &DemoOptions) -> Result<DemoReport> {
    let batch = generate(opts)?;
    journal.insert_batch(&batch, true)?;
    Ok(DemoReport {
        mentees: batch.mentees.len(),
        entries: batch.entries.len(),
        action_items: batch.action_items.len(),
        goals: batch.goals.len(),
        check_ins: batch.goals.iter().map(|g| g.check_ins.len()).sum(),
        assessments: batch.assessments.len(),
    })
}

const FIRST: &[&str] = &[
    "Priya", "Mateo", "Aisha", "Jonas", "Mei", "Tomás", "Zanele", "Oskar", "Leila", "Kenji",
    "Amara", "Ravi", "Sofia", "Dmitri", "Chloé", "Kwame", "Ingrid", "Hamza", "Yuki", "Elena",
    "Tariq", "Freya", "Nikhil", "Camila", "Bogdan", "Nia", "Lars", "Farah", "Diego", "Hana",
];
const LAST: &[&str] = &[
    "Raman",
    "Silva",
    "Okafor",
    "Lindqvist",
    "Chen",
    "García",
    "Dlamini",
    "Nowak",
    "Haddad",
    "Tanaka",
    "Mensah",
    "Iyer",
    "Rossi",
    "Volkov",
    "Martin",
    "Asante",
    "Berg",
    "Qureshi",
    "Sato",
    "Petrova",
    "Aziz",
    "Nielsen",
    "Kapoor",
    "Torres",
    "Ionescu",
    "Adeyemi",
    "Olsen",
    "Rahman",
    "Herrera",
    "Kim",
];
const ROLES: &[&str] = &[
    "Software Engineer",
    "Backend Engineer",
    "Frontend Engineer",
    "Site Reliability Engineer",
    "Data Engineer",
    "Mobile Engineer",
    "Platform Engineer",
];
const LEVELS: &[&str] = &["L2", "L3", "L3", "L4"];
const TEAMS: &[&str] = &[
    "Payments",
    "Search",
    "Identity",
    "Growth",
    "Infrastructure",
    "Mobile",
    "Data Platform",
    "Checkout",
];
/// Pairing topics with the skills they exercise (the default ladder's dimension keys
/// among them, so "what the next level needs" has evidence to count).
const TOPICS: &[(&str, &[&str])] = &[
    (
        "Debugging a flaky integration test",
        &["technical-craft", "debugging"],
    ),
    (
        "Designing the retry policy for the webhook sender",
        &["system-design", "reliability"],
    ),
    (
        "Refactoring the billing module behind an interface",
        &["technical-craft", "refactoring"],
    ),
    ("Writing the first property-based tests", &["testing"]),
    ("Profiling a slow search query", &["performance", "sql"]),
    ("Adding tracing to the checkout flow", &["observability"]),
    ("Reviewing a large pull request together", &["code-review"]),
    (
        "Planning the database migration for user settings",
        &["sql", "delivery"],
    ),
    (
        "Building the rate limiter",
        &["system-design", "concurrency"],
    ),
    (
        "Untangling a deadlock in the job queue",
        &["concurrency", "debugging"],
    ),
    (
        "Writing the design doc for the export service",
        &["communication", "system-design"],
    ),
    (
        "Incident follow-up: cache stampede",
        &["operations", "observability"],
    ),
    ("Splitting a feature into shippable slices", &["delivery"]),
    (
        "Hardening input validation in the public API",
        &["security"],
    ),
    (
        "Pairing on the on-call runbook",
        &["operations", "communication"],
    ),
    (
        "Migrating the frontend form to typed state",
        &["frontend", "refactoring"],
    ),
];
const WENT_WELL: &[&str] = &[
    "Formed a hypothesis before touching the code and tested it quickly.",
    "Asked sharp questions about the failure mode before writing any code.",
    "Kept the change small and the commits readable.",
    "Explained the trade-offs of both options clearly.",
    "Wrote the failing test first and let it drive the fix.",
    "Used the debugger and logs together instead of guessing.",
    "Noticed the missing edge case on their own.",
];
const TO_IMPROVE: &[&str] = &[
    "Reach for the profiler earlier instead of reading code for clues.",
    "State the plan out loud before starting, so we can agree on it.",
    "Check the error paths, not only the happy path.",
    "Time-box the investigation and ask for help after 30 minutes.",
    "Write down the decision and its reasons in the PR description.",
    "Run the whole test suite before declaring victory.",
];
const FOLLOW_UPS: &[&str] = &[
    "Write up the root cause in the incident doc",
    "Open a ticket for the missing metric",
    "Add the regression test to CI",
    "Share the design doc with the team for review",
    "Read the chapter on transactions we discussed",
    "Pair with the on-call engineer next rotation",
    "Split the remaining work into three tickets",
    "Send me the draft of the RFC",
];
const NOTE_LINES: &[(NoteKind, &str, &str)] = &[
    (
        NoteKind::OneOnOne,
        "1:1 — priorities and energy",
        "Talked through the quarter's priorities. {name} feels stretched between support rotations and the roadmap work.\n\n- Agreed to protect two focus mornings a week\n- Wants more ownership of the next design",
    ),
    (
        NoteKind::OneOnOne,
        "1:1 — career check-in",
        "{name} asked what the next level looks like in practice. We walked through the framework together and picked one dimension to focus on.",
    ),
    (
        NoteKind::CodeReview,
        "Review of the pagination change",
        "Solid change. The cursor encoding is clean; the tests miss the empty-page case. **Good instinct** to keep the API backwards compatible.",
    ),
    (
        NoteKind::CodeReview,
        "Review: error handling in the importer",
        "{name} replaced the panics with typed errors. Suggested one error enum per module and messages that say what to do next.",
    ),
    (
        NoteKind::Observation,
        "Handled the incident calmly",
        "During the outage {name} kept a clear timeline in the channel and handed over cleanly at the end of the shift.",
    ),
    (
        NoteKind::Observation,
        "Quiet in the design review",
        "{name} had a good point about the data model but only raised it afterwards. Encourage speaking up in the room.",
    ),
    (
        NoteKind::Feedback,
        "Feedback from the product manager",
        "The PM praised {name}'s write-up of the trade-offs: *\"the first doc I understood end to end\"*.",
    ),
    (
        NoteKind::Feedback,
        "Peer feedback",
        "A teammate said {name}'s reviews are thorough and kind, sometimes slow to arrive.",
    ),
    (
        NoteKind::Other,
        "Conference talk idea",
        "{name} is thinking about a lightning talk on what we learned from the cache stampede.",
    ),
];
const ENERGIZERS: &[&str] = &[
    "Deep debugging sessions and clean designs",
    "Helping teammates get unstuck",
    "Shipping things users notice",
    "Running the planning meeting",
    "Writing and explaining ideas",
];
const DRAINERS: &[&str] = &[
    "Context switching between tickets",
    "Long status meetings",
    "Unclear ownership",
    "On-call noise",
    "Negotiating scope with other teams",
];
const EXPERIMENTS: &[&str] = &[
    "Run the next incident review",
    "Own a design review end to end",
    "Facilitate the sprint retro",
    "Mentor the new intern for a month",
    "Lead the quarterly planning for the team",
    "Write an RFC for the queue redesign",
    "Interview two candidates as the second interviewer",
];
const GOALS: &[(&str, &str, &[&str])] = &[
    (
        "Lead a design review for a new service",
        "Design is the gap between this level and the next.",
        &["system-design", "writing"],
    ),
    (
        "Take the on-call rotation without shadowing",
        "Owning production builds confidence and context.",
        &["reliability"],
    ),
    (
        "Raise test coverage of the billing module to 80%",
        "Fewer regressions, faster reviews.",
        &["testing"],
    ),
    (
        "Give a tech talk to the engineering org",
        "Practice explaining ideas to a wide audience.",
        &["communication"],
    ),
    (
        "Mentor the new hire through their first quarter",
        "Try out leading people before choosing a track.",
        &["mentoring"],
    ),
    (
        "Ship the search relevance project",
        "A visible, end-to-end delivery.",
        &["delivery"],
    ),
];

/// The parts of an entry that differ by kind; `Generator::entry` adds the rest.
struct Draft {
    title: Option<String>,
    body: String,
    visibility: Visibility,
    skills: Vec<String>,
    details: EntryDetails,
}

struct Generator {
    rng: ChaCha8Rng,
    framework: crate::Ladder,
    batch: Batch,
}

impl Generator {
    /// A deterministic id whose time part is `at`, like a UUID v7 made at that moment.
    fn id(&mut self, at: DateTime<Utc>) -> Id {
        let mut bytes = [0u8; 10];
        self.rng.fill_bytes(&mut bytes);
        uuid::Builder::from_unix_timestamp_millis(at.timestamp_millis().max(0) as u64, &bytes)
            .into_uuid()
    }

    /// An evening moment on `d`, when a lead writes notes up.
    fn moment(&mut self, d: NaiveDate) -> DateTime<Utc> {
        let secs = self.rng.random_range(15 * 3600..20 * 3600);
        d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()
            + Duration::seconds(secs)
            + Duration::microseconds(self.rng.random_range(0..1_000_000))
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        items.choose(&mut self.rng).expect("non-empty list")
    }

    fn names(&mut self, n: usize) -> Vec<String> {
        let mut pairs: Vec<(usize, usize)> = (0..FIRST.len())
            .flat_map(|f| (0..LAST.len()).map(move |l| (f, l)))
            .collect();
        pairs.shuffle(&mut self.rng);
        let mut used_first = std::collections::HashSet::new();
        let mut out = vec![];
        // Distinct first names while they last, so "priya" finds one mentee.
        for &(f, l) in &pairs {
            if out.len() == n {
                break;
            }
            if used_first.len() < FIRST.len() && !used_first.insert(f) {
                continue;
            }
            out.push(format!("{} {}", FIRST[f], LAST[l]));
        }
        // A large demo (a benchmark's) runs out of pairs: middle initials tell people apart.
        'initials: for initial in 'A'..='Z' {
            for &(f, l) in &pairs {
                if out.len() >= n {
                    break 'initials;
                }
                out.push(format!("{} {initial}. {}", FIRST[f], LAST[l]));
            }
        }
        out
    }

    fn mentee(&mut self, name: String, opts: &DemoOptions) {
        let span_days = i64::from(opts.years) * 365;
        let history_start = opts.end - Duration::days(span_days);
        let start = history_start + Duration::days(self.rng.random_range(0..=span_days * 2 / 5));
        // Some mentoring relationships have ended; those mentees are archived.
        let archived = self.rng.random_bool(0.15) && (opts.end - start).num_days() > 400;
        let last = if archived {
            opts.end
                - Duration::days(
                    self.rng
                        .random_range(30..=(opts.end - start).num_days() / 3),
                )
        } else {
            opts.end
        };
        let created = self.moment(start);
        let id = self.id(created);
        // The direction this person's track leaning drifts in, and where it starts.
        let drift: f64 = self.rng.random_range(-1.0..1.0);
        let mut leaning: f64 = self.rng.random_range(-1.0..1.0);
        let first = name.split(' ').next().unwrap_or(&name).to_string();
        let mut tags = vec![
            self.pick(&["backend", "frontend", "infra", "data", "mobile"])
                .to_string(),
        ];
        if self.rng.random_bool(0.3) {
            tags.push("remote".into());
        }
        let role = self.pick(ROLES).to_string();
        let level = self.pick(LEVELS).to_string();
        let team = self.pick(TEAMS).to_string();

        let total_days = (last - start).num_days().max(1) as f64;
        let mut entries_of_mentee: Vec<usize> = vec![];
        let mut day = start;
        let mut weeks_since_track = 0;
        while day <= last {
            let growth = (day - start).num_days() as f64 / total_days;
            if self.rng.random_bool(0.55) {
                let d = day + Duration::days(self.rng.random_range(0..5));
                if d <= last {
                    let i = self.session(id, d, growth, opts.end);
                    entries_of_mentee.push(i);
                }
            }
            if self.rng.random_bool(0.35) {
                let d = day + Duration::days(self.rng.random_range(0..5));
                if d <= last {
                    let i = self.note(id, d, &first);
                    entries_of_mentee.push(i);
                }
            }
            weeks_since_track += 1;
            if weeks_since_track >= 6 && self.rng.random_bool(0.2) {
                weeks_since_track = 0;
                leaning =
                    (leaning + drift * 0.35 + self.rng.random_range(-0.4..0.4)).clamp(-2.0, 2.0);
                let i = self.track(id, day, leaning);
                entries_of_mentee.push(i);
            }
            day += Duration::days(7);
        }
        let track = match leaning.round() as i64 {
            i64::MIN..=-1 => TrackInterest::Ic,
            1..=i64::MAX => TrackInterest::Management,
            _ => TrackInterest::Undecided,
        };
        self.goals(id, start, last, opts.end, &entries_of_mentee);
        self.assessments(id, start, last, &entries_of_mentee);
        for _ in 0..self.rng.random_range(0..3) {
            let due = last - Duration::days(self.rng.random_range(-21..30));
            let created_at = self.moment(due - Duration::days(14));
            let done = due < opts.end - Duration::days(30) || self.rng.random_bool(0.3);
            let action = ActionItem {
                id: self.id(created_at),
                mentee_id: id,
                entry_id: None,
                text: self.pick(FOLLOW_UPS).to_string(),
                owner: if self.rng.random_bool(0.5) {
                    Owner::Lead
                } else {
                    Owner::Mentee
                },
                due: Some(due),
                done_at: done.then(|| created_at + Duration::days(10)),
                created_at,
            };
            self.batch.action_items.push(action);
        }
        self.batch.mentees.push(Mentee {
            id,
            name,
            role: Some(role),
            level: Some(level),
            team: Some(team),
            started: Some(start),
            track,
            tags: crate::normalize_labels("tag", tags).unwrap_or_default(),
            archived,
            created_at: created,
            updated_at: created,
        });
    }

    fn entry(&mut self, mentee: Id, date: NaiveDate, draft: Draft) -> usize {
        let Draft {
            title,
            body,
            visibility,
            skills,
            details,
        } = draft;
        let at = self.moment(date);
        let starred = visibility == Visibility::Shareable && self.rng.random_bool(0.08);
        let mut tags = vec![];
        if self.rng.random_bool(0.2) {
            tags.push(
                self.pick(&["win", "blocker", "learning", "promo-evidence"])
                    .to_string(),
            );
        }
        let id = self.id(at);
        self.batch.entries.push(Entry {
            id,
            mentee_id: mentee,
            date,
            title,
            body,
            visibility,
            starred,
            tags,
            skills: crate::normalize_labels("skill", skills).unwrap_or_default(),
            details,
            created_at: at,
            updated_at: at,
        });
        self.batch.entries.len() - 1
    }

    fn session(&mut self, mentee: Id, date: NaiveDate, growth: f64, end: NaiveDate) -> usize {
        let &(topic, skills) = self.pick(TOPICS);
        let level = (1.2 + 3.3 * growth + self.rng.random_range(-0.9..0.9)).round() as i64;
        let independence = Independence::new(level.clamp(1, 5)).ok();
        let driver = match level {
            ..=1 => Driver::Lead,
            2 | 3 => *self.pick(&[Driver::Mentee, Driver::Both]),
            _ => Driver::Mentee,
        };
        let minutes = Minutes::new(*self.pick(&[30, 45, 60, 60, 90, 120])).ok();
        let mut links = vec![];
        if self.rng.random_bool(0.4) {
            links.push(format!(
                "https://git.example.com/acme/monorepo/pull/{}",
                self.rng.random_range(1000..9999)
            ));
        }
        let went_well = self.pick(WENT_WELL).to_string();
        let to_improve = self.pick(TO_IMPROVE).to_string();
        let body = format!(
            "We worked on **{}**.\n\n{}\n\nNext time: {}",
            topic.to_lowercase(),
            went_well,
            to_improve.to_lowercase()
        );
        // A few sessions hold something the lead keeps to themselves.
        let visibility = if self.rng.random_bool(0.1) {
            Visibility::Private
        } else {
            Visibility::Shareable
        };
        let Some(minutes) = minutes else {
            unreachable!("demo minutes are in range")
        };
        let i = self.entry(
            mentee,
            date,
            Draft {
                title: Some(topic.to_string()),
                body,
                visibility,
                skills: skills.iter().map(|s| s.to_string()).collect(),
                details: EntryDetails::Session(PairingSession {
                    minutes,
                    topic: topic.to_string(),
                    driver: Some(driver),
                    independence,
                    links,
                    went_well: Some(went_well),
                    to_improve: Some(to_improve),
                }),
            },
        );
        if self.rng.random_bool(0.3) {
            let entry = &self.batch.entries[i];
            let (entry_id, created_at) = (entry.id, entry.created_at);
            let due = date + Duration::days(self.rng.random_range(3..21));
            let age = (end - due).num_days();
            // A lead closes old follow-ups; only recent ones are still open.
            let done = age > 90 || (age > 14 && self.rng.random_bool(0.8));
            let action = ActionItem {
                id: self.id(created_at),
                mentee_id: mentee,
                entry_id: Some(entry_id),
                text: self.pick(FOLLOW_UPS).to_string(),
                owner: if self.rng.random_bool(0.25) {
                    Owner::Lead
                } else {
                    Owner::Mentee
                },
                due: Some(due),
                done_at: done.then(|| created_at + Duration::days(self.rng.random_range(1..14))),
                created_at,
            };
            self.batch.action_items.push(action);
        }
        i
    }

    fn note(&mut self, mentee: Id, date: NaiveDate, first: &str) -> usize {
        let &(subkind, title, body) = self.pick(NOTE_LINES);
        let shareable = matches!(subkind, NoteKind::Feedback | NoteKind::Observation)
            && self.rng.random_bool(0.5);
        self.entry(
            mentee,
            date,
            Draft {
                title: Some(title.to_string()),
                body: body.replace("{name}", first),
                visibility: if shareable {
                    Visibility::Shareable
                } else {
                    Visibility::Private
                },
                skills: vec![],
                details: EntryDetails::Note(Note { subkind }),
            },
        )
    }

    fn track(&mut self, mentee: Id, date: NaiveDate, leaning: f64) -> usize {
        let lean =
            Leaning::new(leaning.round() as i64).unwrap_or(Leaning::new(0).expect("0 is in range"));
        let aspiration = match lean.get() {
            ..=-2 => *self.pick(&[Aspiration::Staff, Aspiration::Principal]),
            -1 => *self.pick(&[Aspiration::Senior, Aspiration::Staff]),
            0 => *self.pick(&[Aspiration::Undecided, Aspiration::TechLead]),
            1 => *self.pick(&[Aspiration::TechLead, Aspiration::Em]),
            _ => *self.pick(&[Aspiration::Em, Aspiration::Director]),
        };
        let experiments: Vec<String> = (0..self.rng.random_range(0..3))
            .map(|_| self.pick(EXPERIMENTS).to_string())
            .collect();
        let visibility = if self.rng.random_bool(0.3) {
            Visibility::Shareable
        } else {
            Visibility::Private
        };
        let body = format!(
            "Career conversation. Leaning {} on the IC–management scale; aspiration: {}.",
            lean.get(),
            aspiration
        );
        let energizers = self.pick(ENERGIZERS).to_string();
        let drainers = self.pick(DRAINERS).to_string();
        self.entry(
            mentee,
            date,
            Draft {
                title: Some("Track conversation".to_string()),
                body,
                visibility,
                skills: vec![],
                details: EntryDetails::Track(TrackConversation {
                    leaning: lean,
                    aspiration: Some(aspiration),
                    energizers: Some(energizers),
                    drainers: Some(drainers),
                    experiments,
                }),
            },
        )
    }

    fn goals(
        &mut self,
        mentee: Id,
        start: NaiveDate,
        last: NaiveDate,
        end: NaiveDate,
        entries: &[usize],
    ) {
        let mut from = start;
        while from < last {
            let &(title, why, skills) = self.pick(GOALS);
            let target = from + Duration::days(self.rng.random_range(90..240));
            let created_at = self.moment(from);
            let id = self.id(created_at);
            let mut check_ins = vec![];
            let mut progress = 0i64;
            let mut d = from + Duration::days(self.rng.random_range(21..45));
            let stalls = self.rng.random_bool(0.15);
            while d <= target.min(last) {
                progress =
                    (progress + self.rng.random_range(5..30)).min(if stalls { 40 } else { 100 });
                let at = self.moment(d);
                check_ins.push(CheckIn {
                    id: self.id(at),
                    goal_id: id,
                    date: d,
                    progress: Progress::new(progress).expect("clamped to 0..100"),
                    note: Some(
                        self.pick(&[
                            "Steady progress.",
                            "Blocked on review capacity for a week.",
                            "Big step this month.",
                            "Re-scoped with the team.",
                        ])
                        .to_string(),
                    ),
                    evidence: vec![],
                    created_at: at,
                });
                d += Duration::days(self.rng.random_range(21..45));
            }
            let finished = target < end - Duration::days(60) && target <= last;
            if finished && !stalls && progress < 100 {
                // Reached by the target date: the last check-in says so.
                let at = self.moment(target);
                check_ins.push(CheckIn {
                    id: self.id(at),
                    goal_id: id,
                    date: target,
                    progress: Progress::new(100).expect("in range"),
                    note: Some("Done.".to_string()),
                    evidence: vec![],
                    created_at: at,
                });
                progress = 100;
            }
            let status = if progress >= 100 {
                GoalStatus::Achieved
            } else if stalls && target < end {
                GoalStatus::Dropped
            } else if self.rng.random_bool(0.15) {
                GoalStatus::Proposed
            } else {
                GoalStatus::Active
            };
            let window: Vec<Id> = entries
                .iter()
                .map(|&i| &self.batch.entries[i])
                .filter(|e| {
                    e.date >= from && e.date <= target && e.visibility == Visibility::Shareable
                })
                .map(|e| e.id)
                .collect();
            let mut evidence: Vec<Id> = window.sample(&mut self.rng, 3).copied().collect();
            evidence.sort();
            let updated_at = check_ins
                .last()
                .map_or(created_at, |c: &CheckIn| c.created_at);
            self.batch.goals.push(Goal {
                id,
                mentee_id: mentee,
                title: title.to_string(),
                why: Some(why.to_string()),
                skills: skills.iter().map(|s| s.to_string()).collect(),
                target: Some(target),
                status,
                progress: crate::latest_progress(&check_ins)
                    .unwrap_or(Progress::new(0).expect("0 is in range")),
                check_ins,
                evidence,
                created_at,
                updated_at,
            });
            from += Duration::days(self.rng.random_range(120..200));
        }
    }

    fn assessments(&mut self, mentee: Id, start: NaiveDate, last: NaiveDate, entries: &[usize]) {
        let dims: Vec<(String, Vec<String>)> = self
            .framework
            .dimensions
            .iter()
            .map(|d| {
                (
                    d.key.clone(),
                    d.expectations.iter().map(|e| e.level.clone()).collect(),
                )
            })
            .collect();
        for (dim, levels) in dims {
            let mut rank = self.rng.random_range(0..2usize);
            let mut d = start + Duration::days(self.rng.random_range(14..60));
            while d <= last {
                let at = self.moment(d);
                let window: Vec<Id> = entries
                    .iter()
                    .map(|&i| &self.batch.entries[i])
                    .filter(|e| e.date <= d && (d - e.date).num_days() < 120)
                    .map(|e| e.id)
                    .collect();
                let mut evidence: Vec<Id> = window.sample(&mut self.rng, 2).copied().collect();
                evidence.sort();
                let id = self.id(at);
                self.batch.assessments.push(Assessment {
                    id,
                    mentee_id: mentee,
                    framework_id: Id::nil(),
                    dimension: dim.clone(),
                    level: levels[rank.min(levels.len() - 1)].clone(),
                    date: d,
                    note: d
                        .month()
                        .is_multiple_of(3)
                        .then(|| "Discussed in the review cycle.".to_string()),
                    evidence,
                    created_at: at,
                });
                if self.rng.random_bool(0.45) {
                    rank = (rank + 1).min(levels.len() - 1);
                }
                d += Duration::days(self.rng.random_range(150..270));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(seed: u64) -> DemoOptions {
        DemoOptions {
            mentees: 5,
            years: 3,
            seed,
            end: crate::parse_date("2026-06-30").expect("date"),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_journal() {
        let a = generate(&opts(7)).expect("demo");
        let b = generate(&opts(7)).expect("demo");
        assert_eq!(
            a.mentees, b.mentees,
            "mentees, ids included, are reproducible"
        );
        assert_eq!(a.entries, b.entries, "entries are reproducible");
        assert_eq!(a.goals, b.goals);
        let c = generate(&opts(8)).expect("demo");
        assert_ne!(a.entries, c.entries, "another seed gives other data");
    }

    #[test]
    fn the_demo_is_varied_and_valid() {
        let mut j = Journal::open_in_memory().expect("journal");
        let report = populate(&mut j, &opts(1)).expect("demo writes");
        assert_eq!(report.mentees, 5);
        assert!(report.entries > 300, "3 years of 5 mentees: {report:?}");
        let b = generate(&opts(1)).expect("demo");
        let kinds: std::collections::HashSet<_> = b.entries.iter().map(|e| e.kind()).collect();
        assert_eq!(kinds.len(), 3, "notes, sessions and track conversations");
        assert!(
            b.entries
                .iter()
                .any(|e| e.visibility == Visibility::Private)
        );
        assert!(
            b.entries
                .iter()
                .any(|e| e.visibility == Visibility::Shareable)
        );
        assert!(b.action_items.iter().any(|a| a.is_open()));
        assert!(b.action_items.iter().any(|a| !a.is_open()));
        assert!(b.goals.iter().any(|g| !g.check_ins.is_empty()));
        let leanings: std::collections::HashSet<i8> = b
            .entries
            .iter()
            .filter_map(|e| match &e.details {
                EntryDetails::Track(t) => Some(t.leaning.get()),
                _ => None,
            })
            .collect();
        assert!(
            leanings.len() >= 2,
            "leaning drifts over time: {leanings:?}"
        );
        assert!(
            b.entries.iter().all(|e| e.date <= opts(1).end),
            "no future entries"
        );
    }

    #[test]
    fn a_demo_never_lands_in_a_journal_with_data() {
        let mut j = Journal::open_in_memory().expect("journal");
        populate(&mut j, &opts(1)).expect("first demo");
        let err = populate(&mut j, &opts(2)).expect_err("this input must be refused");
        assert!(matches!(err, crate::Error::Conflict(_)), "{err}");
    }
}

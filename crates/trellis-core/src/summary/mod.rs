//! The growth summary: what a lead hands to a promotion committee about one mentee for a
//! period. Privacy is decided here, once, and carried by types: `build` returns a
//! `Preview` — the `Summary` that may leave the app, and beside it the `Withheld` list
//! (what was left out as private, and what the lead can untick) that no renderer accepts.
//! A `Summary` holds only shareable facts; renderers take nothing else.
//!
//! Every claim cites the dated entry behind it by a reference unique within the document
//! (`S1`, `S2`, … in date order over the shareable sources), the same in every format; the
//! document ends with the list of those sources. One outline (`outline.rs`) holds the
//! document's words; Markdown, HTML and PDF render that outline, so they cannot drift.

mod html;
pub mod impact;
mod markdown;
pub mod outline;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub use html::{STYLE, STYLE_HASH, to_html};
pub use markdown::{hours, percent, to_markdown};

use crate::{
    Driver, Entry, EntryDetails, EntryKind, GoalStatus, Id, Journal, Owner, Result, Visibility,
};

/// How many months a summary covers when no start is given.
pub const DEFAULT_MONTHS: u32 = 6;

/// What to summarize. Items in `exclude` are dropped as if they were private.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SummaryOptions {
    /// Default: `months` calendar months before `until`.
    pub since: Option<NaiveDate>,
    /// Default: today.
    pub until: Option<NaiveDate>,
    /// The period's length when `since` is not given (default 6).
    #[serde(default)]
    pub months: Option<u32>,
    /// Entries, goals and action items (by id) the lead dropped before export.
    #[serde(default)]
    pub exclude: Vec<Id>,
}

impl SummaryOptions {
    /// The period these options mean on `today`: the same for the app and the CLI.
    pub fn period(&self, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
        let until = self.until.unwrap_or(today);
        let since = match self.since {
            Some(s) => s,
            None => {
                let months = self.months.unwrap_or(DEFAULT_MONTHS);
                until
                    .checked_sub_months(Months::new(months))
                    .ok_or_else(|| crate::Error::invalid("period", "it starts too long ago"))?
            }
        };
        if since > until {
            return Err(crate::Error::invalid(
                "period",
                format!("it starts ({since}) after it ends ({until})"),
            ));
        }
        Ok((since, until))
    }
}

/// A dated reference to the shareable entry behind a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryRef {
    pub id: Id,
    /// Unique within the document, the same in every format: `S1`, `S2`, … in date order.
    pub reference: String,
    pub date: NaiveDate,
    pub kind: EntryKind,
    pub title: String,
}

/// The document that may leave the app. Nothing private is in it, not even a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    pub mentee: SummaryMentee,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub overview: Overview,
    pub goals: Vec<GoalSummary>,
    pub skills: Vec<SkillChange>,
    /// The ladder the mentee is on and the level they hold.
    pub ladder: LadderLine,
    /// Per dimension of the ladder: where they stand, what the next level asks, and the
    /// shareable entries naming the dimension since its latest shown assessment.
    pub next_level: Vec<NextLevel>,
    pub pairing: Pairing,
    pub career: Career,
    pub highlights: Vec<Highlight>,
    pub next_steps: NextSteps,
    /// Every shareable entry the summary draws on or cites, oldest first, numbered.
    pub sources: Vec<EntryRef>,
}

/// A summary as the lead sees it before export: the document, and beside it what was
/// withheld. Only `summary` is ever rendered or written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Preview {
    pub summary: Summary,
    pub withheld: Withheld,
}

/// For the lead's eyes only: never part of a `Summary`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Withheld {
    /// Private entries of the period, and check-ins and assessments whose evidence is all
    /// private: left out of the document.
    pub private: Vec<PrivateItem>,
    /// Everything the lead can untick, in a stable order, with whether it is unticked.
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrivateItem {
    /// The entry's id (for "make shareable"); for a check-in or assessment, its own.
    pub id: Id,
    pub what: PrivateWhat,
    pub date: NaiveDate,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum PrivateWhat {
    Note,
    Session,
    Track,
    /// A goal check-in that cites only private entries.
    CheckIn,
    /// An assessment that cites only private entries.
    Assessment,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Choice {
    pub id: Id,
    pub what: ChoiceWhat,
    pub date: Option<NaiveDate>,
    pub label: String,
    /// Unticked by the lead: left out of the document.
    pub dropped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ChoiceWhat {
    Entry,
    Goal,
    Action,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SummaryMentee {
    pub id: Id,
    pub name: String,
    pub role: Option<String>,
    pub level: Option<String>,
    pub team: Option<String>,
    pub started: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Overview {
    pub sessions: u32,
    pub session_minutes: u32,
    pub notes: u32,
    pub track_conversations: u32,
    pub goals_achieved: u32,
    pub goals_active: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalSummary {
    pub id: Id,
    pub title: String,
    pub why: Option<String>,
    pub status: GoalStatus,
    /// From the latest check-in shown (0 before any).
    pub progress: u8,
    pub target: Option<NaiveDate>,
    pub check_ins: Vec<CheckInLine>,
    /// Shareable entries only.
    pub evidence: Vec<EntryRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckInLine {
    pub date: NaiveDate,
    pub progress: u8,
    pub note: Option<String>,
    /// The shareable entries it cites.
    pub evidence: Vec<EntryRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkillChange {
    pub dimension: String,
    pub dimension_name: String,
    pub levels: u32,
    /// The level before the period (or its first assessment), if any: from what is shown.
    pub from: Option<LevelAt>,
    pub to: LevelAt,
    /// Shareable entries only.
    pub evidence: Vec<EntryRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LadderLine {
    pub name: String,
    /// The level held, as read: "Senior Engineer 2 (IC)".
    pub level: Option<String>,
    pub branch: Option<crate::Branch>,
    /// Where the ladder forks into IC and people manager, if it does.
    pub fork: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NextLevel {
    pub dimension: String,
    pub dimension_name: String,
    /// The latest shown assessment up to the period's end.
    pub current: Option<LevelAt>,
    /// One step up; both sides where the ladder forks and no side is chosen.
    pub next: Vec<crate::NextStep>,
    /// The first day evidence is counted from: the day after `current`, or the period's
    /// start if that is later (only the period's entries are in the document, and each
    /// of them can be unticked).
    pub counted_from: NaiveDate,
    /// Shareable entries naming this dimension from `counted_from` to the period's end.
    pub evidence: Vec<EntryRef>,
    /// Fewer than two such entries: the case for the next level is thin here.
    pub thin: bool,
}

/// Entries an argument for a level should rest on, at least.
pub const THIN_EVIDENCE: usize = 2;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LevelAt {
    pub level: String,
    pub level_name: String,
    pub rank: u32,
    pub date: NaiveDate,
    /// Recorded without any evidence: shown, and marked, so the lead sees weak claims.
    pub uncited: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pairing {
    /// Most frequent first.
    pub topics: Vec<TopicCount>,
    /// Oldest first.
    pub independence: Vec<IndependencePoint>,
    pub driver_share: DriverShare,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TopicCount {
    pub topic: String,
    pub sessions: u32,
    pub minutes: u32,
    pub last: EntryRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndependencePoint {
    pub value: u8,
    pub entry: EntryRef,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DriverShare {
    pub mentee: u32,
    pub lead: u32,
    pub both: u32,
    pub unrecorded: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Career {
    /// Oldest first.
    pub leaning: Vec<LeaningPoint>,
    pub experiments: Vec<Experiment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LeaningPoint {
    pub leaning: i8,
    pub aspiration: Option<crate::Aspiration>,
    pub entry: EntryRef,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Experiment {
    pub text: String,
    pub entry: EntryRef,
    /// How it went, when the lead recorded it (`track outcome`, the agenda).
    pub outcome: Option<String>,
    pub closed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Highlight {
    pub entry: EntryRef,
    /// The entry's Markdown body.
    pub body: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NextSteps {
    pub open_actions: Vec<ActionLine>,
    /// Active or proposed goals with a target after the period ends, soonest first.
    pub goals_due: Vec<GoalDueLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionLine {
    pub id: Id,
    pub text: String,
    pub owner: Owner,
    pub due: Option<NaiveDate>,
    pub from: Option<EntryRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalDueLine {
    pub id: Id,
    pub title: String,
    pub target: NaiveDate,
    pub progress: u8,
}

/// The title a claim shows for an entry: the session's topic, else its title, else its kind.
pub fn entry_title(e: &Entry) -> String {
    match &e.details {
        EntryDetails::Session(s) => s.topic.clone(),
        _ => e.title.clone().unwrap_or_else(|| match e.kind() {
            EntryKind::Note => "Note".to_string(),
            EntryKind::Session => "Pairing session".to_string(),
            EntryKind::Track => "Track conversation".to_string(),
        }),
    }
}

/// The one place that decides what may appear. An entry is *usable* — citable — when it
/// exists, is shareable, and the lead did not drop it. An entry is *withheld* when it is
/// private (also after it was deleted: its tombstone remembers), was dropped, or is
/// unknown. A derived item (check-in, assessment) that cites only withheld entries is
/// private; a follow-up of a withheld entry is too. Every usable entry the document uses
/// gets a reference, in date order.
struct Ledger {
    usable: BTreeMap<Id, Entry>,
    withheld: HashSet<Id>,
    /// Which usable entries the document cites or draws on.
    used: HashSet<Id>,
    excluded: HashSet<Id>,
}

impl Ledger {
    fn usable(&self, id: &Id) -> bool {
        self.usable.contains_key(id)
    }

    fn withheld(&self, id: &Id) -> bool {
        self.withheld.contains(id) || self.excluded.contains(id)
    }

    fn keeps(&self, id: &Id) -> bool {
        !self.excluded.contains(id)
    }

    /// Marks the usable ones among `ids` as cited; returns them.
    fn cite(&mut self, ids: &[Id]) -> Vec<Id> {
        let out: Vec<Id> = ids.iter().filter(|id| self.usable(id)).copied().collect();
        self.used.extend(out.iter().copied());
        out
    }

    /// Whether an item that cites `ids` is private: it cites something, and all of it is
    /// withheld. (An item with no evidence at all is shown, marked as such.)
    fn all_withheld(&self, ids: &[Id]) -> bool {
        !ids.is_empty() && ids.iter().all(|id| self.withheld(id))
    }
}

/// Builds the summary of one mentee (by id) for a period, with what was withheld beside it.
pub fn build(
    journal: &Journal,
    mentee: &Id,
    options: &SummaryOptions,
    today: NaiveDate,
) -> Result<Preview> {
    let (since, until) = options.period(today)?;
    let m = journal.mentee(mentee)?;
    let excluded: HashSet<Id> = options.exclude.iter().copied().collect();
    let timeline = journal.timeline(mentee, Some(since), Some(until))?;
    let in_period: Vec<Entry> = timeline.into_iter().map(|t| t.entry).collect();

    let mut withheld = Withheld::default();
    let mut ledger = Ledger {
        usable: BTreeMap::new(),
        withheld: HashSet::new(),
        used: HashSet::new(),
        excluded: excluded.clone(),
    };
    for e in &in_period {
        if e.visibility == Visibility::Private {
            ledger.withheld.insert(e.id);
            withheld.private.push(PrivateItem {
                id: e.id,
                what: match e.kind() {
                    EntryKind::Note => PrivateWhat::Note,
                    EntryKind::Session => PrivateWhat::Session,
                    EntryKind::Track => PrivateWhat::Track,
                },
                date: e.date,
                title: entry_title(e),
            });
            continue;
        }
        withheld.choices.push(Choice {
            id: e.id,
            what: ChoiceWhat::Entry,
            date: Some(e.date),
            label: format!("{} · {}", kind_word(e.kind()), entry_title(e)),
            dropped: excluded.contains(&e.id),
        });
        if !excluded.contains(&e.id) {
            ledger.usable.insert(e.id, e.clone());
            ledger.used.insert(e.id);
        }
    }
    // Everything the summary may cite outside the period — evidence, the sources of
    // follow-ups — is classified by its visibility, deleted entries by their tombstones.
    let goals = journal.goals(mentee)?;
    let skills = journal.skills(mentee)?;
    let place = journal.mentee_ladder(mentee)?;
    // Entries naming a skill, all of them: which count as evidence for the next level is
    // decided below from the assessments the document may show, never from one it
    // withholds (the store's own cut-off is its latest assessment, private or not).
    let skill_entries = journal.skill_entries(mentee)?;
    let actions = journal.action_items(Some(mentee), true)?;
    let outside: Vec<Id> = goals
        .iter()
        .flat_map(|g| {
            g.evidence
                .iter()
                .chain(g.check_ins.iter().flat_map(|c| c.evidence.iter()))
        })
        .chain(
            skills
                .iter()
                .flat_map(|s| s.history.iter().flat_map(|h| h.assessment.evidence.iter())),
        )
        .chain(skill_entries.iter().map(|(_, e)| &e.entry_id))
        .chain(actions.iter().filter_map(|a| a.entry_id.as_ref()))
        .filter(|id| !in_period.iter().any(|e| e.id == **id))
        .copied()
        .collect::<HashSet<Id>>()
        .into_iter()
        .collect();
    let visibility = journal.visibility_of(&outside)?;
    for id in &outside {
        if visibility.get(id) != Some(&Visibility::Shareable) {
            ledger.withheld.insert(*id);
        }
    }
    for e in journal.entries_with_ids(&outside)? {
        if e.mentee_id == *mentee && e.visibility == Visibility::Shareable && ledger.keeps(&e.id) {
            ledger.usable.insert(e.id, e);
        }
    }

    let mut overview = Overview::default();
    let mut pairing = Pairing::default();
    let mut career = Career::default();
    let mut topics: BTreeMap<String, (String, u32, u32, Id)> = BTreeMap::new();
    let mut independence = vec![];
    let mut leaning = vec![];
    let mut experiments = vec![];
    let mut highlights = vec![];
    for e in in_period.iter().filter(|e| ledger.usable(&e.id)) {
        match &e.details {
            EntryDetails::Note(_) => overview.notes += 1,
            EntryDetails::Session(s) => {
                overview.sessions += 1;
                overview.session_minutes += s.minutes.get();
                let t = topics
                    .entry(s.topic.to_lowercase())
                    .or_insert_with(|| (s.topic.clone(), 0, 0, e.id));
                t.1 += 1;
                t.2 += s.minutes.get();
                t.3 = e.id;
                if let Some(i) = s.independence {
                    independence.push((i.get(), e.id));
                }
                let share = &mut pairing.driver_share;
                match s.driver {
                    Some(Driver::Mentee) => share.mentee += 1,
                    Some(Driver::Lead) => share.lead += 1,
                    Some(Driver::Both) => share.both += 1,
                    None => share.unrecorded += 1,
                }
            }
            EntryDetails::Track(t) => {
                overview.track_conversations += 1;
                leaning.push((t.leaning.get(), t.aspiration, e.id));
                experiments.extend(t.experiments.iter().map(|x| (x.clone(), e.id)));
            }
        }
        if e.starred {
            highlights.push((e.id, e.body.clone()));
        }
    }

    // Goals (agreed with the mentee) appear; a check-in only if it cites something usable
    // or nothing at all; evidence only through usable entries.
    let mut goal_lines = vec![];
    let mut goals_due = vec![];
    for g in goals {
        // A check-in that cites only withheld entries is private: it neither shows nor
        // makes its goal count as worked on in the period.
        let mut visible = vec![];
        for c in g.check_ins.iter().filter(|c| c.date <= until) {
            if ledger.all_withheld(&c.evidence) {
                if c.date >= since {
                    withheld.private.push(PrivateItem {
                        id: c.id,
                        what: PrivateWhat::CheckIn,
                        date: c.date,
                        title: format!("Check-in on “{}” ({}%)", g.title, c.progress.get()),
                    });
                }
                continue;
            }
            visible.push(c);
        }
        let touched = visible.iter().any(|c| c.date >= since)
            || g.created_at.date_naive() <= until
                && matches!(g.status, GoalStatus::Active | GoalStatus::Proposed)
            || g.target.is_some_and(|t| t >= since && t <= until);
        let shown = touched || g.target.is_some_and(|t| t > until);
        if shown {
            withheld.choices.push(Choice {
                id: g.id,
                what: ChoiceWhat::Goal,
                date: g.target,
                label: format!("Goal · {}", g.title),
                dropped: excluded.contains(&g.id),
            });
        }
        if !ledger.keeps(&g.id) {
            continue;
        }
        let mut check_ins = vec![];
        for c in visible {
            check_ins.push((
                c.date,
                c.progress.get(),
                c.note.clone(),
                ledger.cite(&c.evidence),
            ));
        }
        let progress = check_ins.last().map_or(0, |c| c.1);
        if let Some(target) = g
            .target
            .filter(|t| *t > until && matches!(g.status, GoalStatus::Active | GoalStatus::Proposed))
        {
            goals_due.push(GoalDueLine {
                id: g.id,
                title: g.title.clone(),
                target,
                progress,
            });
        }
        if !touched {
            continue;
        }
        match g.status {
            GoalStatus::Achieved => overview.goals_achieved += 1,
            GoalStatus::Active => overview.goals_active += 1,
            _ => {}
        }
        let evidence = ledger.cite(&g.evidence);
        goal_lines.push((g, progress, check_ins, evidence));
    }
    goals_due.sort_by_key(|g| g.target);

    // Assessments: one that cites only withheld entries is private, and so is not a level
    // the document can claim; from/to are computed from the assessments that remain.
    let mut skill_lines = vec![];
    let mut next_lines = vec![];
    for s in skills {
        let mut shown = vec![];
        for h in &s.history {
            if ledger.all_withheld(&h.assessment.evidence) {
                if h.assessment.date >= since && h.assessment.date <= until {
                    withheld.private.push(PrivateItem {
                        id: h.assessment.id,
                        what: PrivateWhat::Assessment,
                        date: h.assessment.date,
                        title: format!("{}: {}", s.dimension_name, h.level_name),
                    });
                }
                continue;
            }
            shown.push(h);
        }
        if !s.retired {
            // Where they stand at the period's end, from what the document may show.
            let current = shown.iter().rfind(|h| h.assessment.date <= until).copied();
            let ladder = &place.framework.ladder;
            if let Ok(d) = ladder.dimension(&s.dimension) {
                let from = current
                    .map(|h| h.assessment.level.clone())
                    .or_else(|| place.level.as_ref().map(|l| l.key.clone()));
                let next = ladder.next_steps(d, from.as_deref(), place.branch);
                let counted_from = current
                    .and_then(|h| h.assessment.date.succ_opt())
                    .map_or(since, |d| d.max(since));
                // Oldest first, like every other list of citations.
                let mut seen = HashSet::new();
                let ids: Vec<Id> = skill_entries
                    .iter()
                    .rev()
                    .filter(|(skill, e)| {
                        d.is_named_by(skill)
                            && e.date >= counted_from
                            && e.date <= until
                            && seen.insert(e.entry_id)
                    })
                    .map(|(_, e)| e.entry_id)
                    .collect();
                let evidence = ledger.cite(&ids);
                next_lines.push((
                    s.dimension.clone(),
                    s.dimension_name.clone(),
                    current.cloned(),
                    next,
                    counted_from,
                    evidence,
                ));
            }
        }
        let before = shown.iter().rfind(|h| h.assessment.date < since).copied();
        let during: Vec<_> = shown
            .iter()
            .filter(|h| h.assessment.date >= since && h.assessment.date <= until)
            .copied()
            .collect();
        let Some(last) = during.last().copied() else {
            continue;
        };
        let from = before.or(if during.len() > 1 {
            during.first().copied()
        } else {
            None
        });
        let evidence: Vec<Id> = during
            .iter()
            .flat_map(|h| h.assessment.evidence.clone())
            .collect();
        let evidence = ledger.cite(&evidence);
        skill_lines.push((
            s.dimension,
            if s.retired {
                format!("{} (retired)", s.dimension_name)
            } else {
                s.dimension_name
            },
            s.levels,
            from.cloned(),
            last.clone(),
            evidence,
        ));
    }

    // Open action items: a follow-up of a withheld entry is withheld too (dropped with it,
    // or private with it, also after the entry was deleted).
    let mut open_actions = vec![];
    for a in actions {
        let source_private = a.entry_id.is_some_and(|e| ledger.withheld.contains(&e));
        if source_private {
            continue;
        }
        let source_dropped = a.entry_id.is_some_and(|e| excluded.contains(&e));
        withheld.choices.push(Choice {
            id: a.id,
            what: ChoiceWhat::Action,
            date: a.due,
            label: format!("Action item · {}", a.text),
            dropped: excluded.contains(&a.id) || source_dropped,
        });
        if !ledger.keeps(&a.id) || source_dropped {
            continue;
        }
        if let Some(e) = a.entry_id.filter(|e| ledger.usable(e)) {
            ledger.used.insert(e);
        }
        open_actions.push(a);
    }

    // References: every used entry, in date order, numbered.
    let mut used: Vec<&Entry> = ledger
        .usable
        .values()
        .filter(|e| ledger.used.contains(&e.id))
        .collect();
    used.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.created_at.cmp(&b.created_at))
            .then(a.id.cmp(&b.id))
    });
    let refs: HashMap<Id, EntryRef> = used
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                e.id,
                EntryRef {
                    id: e.id,
                    reference: format!("S{}", i + 1),
                    date: e.date,
                    kind: e.kind(),
                    title: entry_title(e),
                },
            )
        })
        .collect();
    let r = |id: &Id| refs.get(id).cloned();
    let rs = |ids: &[Id]| {
        ids.iter()
            .filter_map(|id| refs.get(id).cloned())
            .collect::<Vec<_>>()
    };

    let mut topics: Vec<TopicCount> = topics
        .into_values()
        .filter_map(|(topic, sessions, minutes, last)| {
            Some(TopicCount {
                topic,
                sessions,
                minutes,
                last: r(&last)?,
            })
        })
        .collect();
    topics.sort_by(|a, b| {
        b.sessions
            .cmp(&a.sessions)
            .then(b.minutes.cmp(&a.minutes))
            .then(a.topic.cmp(&b.topic))
    });
    pairing.topics = topics;
    pairing.independence = independence
        .into_iter()
        .filter_map(|(value, id)| {
            Some(IndependencePoint {
                value,
                entry: r(&id)?,
            })
        })
        .collect();
    career.leaning = leaning
        .into_iter()
        .filter_map(|(leaning, aspiration, id)| {
            Some(LeaningPoint {
                leaning,
                aspiration,
                entry: r(&id)?,
            })
        })
        .collect();
    // An outcome belongs to its conversation: it is here only when the conversation is.
    let mut outcomes = journal.experiment_outcomes(mentee)?;
    career.experiments = experiments
        .into_iter()
        .filter_map(|(text, id)| {
            let closed = outcomes.get_mut(&id).and_then(|list| {
                list.iter()
                    .position(|o| o.experiment == text)
                    .map(|i| list.remove(i))
            });
            Some(Experiment {
                entry: r(&id)?,
                outcome: closed.as_ref().map(|o| o.outcome.clone()),
                closed_on: closed.map(|o| o.closed_on),
                text,
            })
        })
        .collect();

    let level_at = |h: &crate::RankedAssessment| LevelAt {
        level: h.assessment.level.clone(),
        level_name: h.level_name.clone(),
        rank: h.rank as u32,
        date: h.assessment.date,
        uncited: h.assessment.evidence.is_empty(),
    };
    let summary = Summary {
        mentee: SummaryMentee {
            id: m.id,
            name: m.name,
            role: m.role,
            level: m.level,
            team: m.team,
            started: m.started,
        },
        since,
        until,
        overview,
        goals: goal_lines
            .into_iter()
            .map(|(g, progress, check_ins, evidence)| GoalSummary {
                id: g.id,
                title: g.title,
                why: g.why,
                status: g.status,
                progress,
                target: g.target,
                check_ins: check_ins
                    .into_iter()
                    .map(|(date, progress, note, evidence)| CheckInLine {
                        date,
                        progress,
                        note,
                        evidence: rs(&evidence),
                    })
                    .collect(),
                evidence: rs(&evidence),
            })
            .collect(),
        skills: skill_lines
            .into_iter()
            .map(
                |(dimension, dimension_name, levels, from, to, evidence)| SkillChange {
                    dimension,
                    dimension_name,
                    levels: levels as u32,
                    from: from.as_ref().map(level_at),
                    to: level_at(&to),
                    evidence: rs(&evidence),
                },
            )
            .collect(),
        ladder: LadderLine {
            name: place.framework.ladder.name.clone(),
            level: place.label.clone(),
            branch: place.branch,
            fork: place.fork,
        },
        next_level: next_lines
            .into_iter()
            .map(
                |(dimension, dimension_name, current, next, counted_from, evidence)| {
                    let evidence = rs(&evidence);
                    NextLevel {
                        dimension,
                        dimension_name,
                        current: current.as_ref().map(level_at),
                        next,
                        counted_from,
                        thin: evidence.len() < THIN_EVIDENCE,
                        evidence,
                    }
                },
            )
            .collect(),
        pairing,
        career,
        highlights: highlights
            .into_iter()
            .filter_map(|(id, body)| {
                Some(Highlight {
                    entry: r(&id)?,
                    body,
                })
            })
            .collect(),
        next_steps: NextSteps {
            open_actions: open_actions
                .into_iter()
                .map(|a| ActionLine {
                    id: a.id,
                    from: a.entry_id.and_then(|e| r(&e)),
                    text: a.text,
                    owner: a.owner,
                    due: a.due,
                })
                .collect(),
            goals_due,
        },
        sources: used.iter().filter_map(|e| r(&e.id)).collect(),
    };
    Ok(Preview { summary, withheld })
}

/// "Pairing session", "Note", "Track conversation".
pub fn kind_word(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Note => "Note",
        EntryKind::Session => "Pairing session",
        EntryKind::Track => "Track conversation",
    }
}

/// The formats a summary can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Md,
    Html,
    Json,
    /// Typeset by the `trellis-export` crate.
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Pdf => "pdf",
        }
    }
}

/// The model as JSON, as exported (`--format json`).
pub fn to_json(summary: &Summary) -> String {
    serde_json::to_string_pretty(summary).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_months_is_six_calendar_months_for_every_face() {
        let day = |s: &str| crate::parse_date(s).expect("a date");
        let o = SummaryOptions::default();
        assert_eq!(
            o.period(day("2026-08-31")).expect("period"),
            (day("2026-02-28"), day("2026-08-31")),
            "the end of a short month, not a day that does not exist"
        );
        let twelve = SummaryOptions {
            months: Some(12),
            ..Default::default()
        };
        assert_eq!(
            twelve.period(day("2026-11-23")).expect("period").0,
            day("2025-11-23")
        );
        let backwards = SummaryOptions {
            since: Some(day("2026-06-01")),
            until: Some(day("2026-01-01")),
            ..Default::default()
        };
        assert!(backwards.period(day("2026-11-23")).is_err());
    }
}

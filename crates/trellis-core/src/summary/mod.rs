//! The growth summary: what a lead hands to a promotion committee about one mentee for a
//! period. Built from the journal's verbs, with the privacy rule enforced in one place
//! (`Visible`): only shareable entries, and what derives from them, make it in — a
//! private entry adds nothing, not even to a count. Every claim carries its date and the
//! entry behind it. Renderers (Markdown, HTML, JSON) only ever see the finished model.

mod html;
pub mod impact;
mod markdown;
pub mod phrases;

/// Wording shared by every format, so the documents say the same things.
pub mod words {
    pub const NO_GOALS: &str = "No goals in this period.";
    pub const NO_ASSESSMENTS: &str = "No assessments in this period.";
    pub const NO_SESSIONS: &str = "No pairing sessions in this period.";
    pub const NO_TRACKS: &str = "No shared track conversations in this period.";
    pub const NO_HIGHLIGHTS: &str = "No starred entries in this period.";
    pub const NOTHING_OPEN: &str = "Nothing open.";
}

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

pub use html::to_html;
pub use markdown::{hours, percent, to_markdown};

use crate::{
    ActionItem, Driver, Entry, EntryDetails, EntryKind, GoalStatus, Id, Journal, Owner, Result,
    TimelineEntry, Visibility,
};

/// What to summarize. Items in `exclude` are dropped as if they were private.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SummaryOptions {
    /// Default: six months before `until`.
    pub since: Option<NaiveDate>,
    /// Default: today.
    pub until: Option<NaiveDate>,
    /// Entries, goals and action items (by id) the lead dropped before export.
    #[serde(default)]
    pub exclude: Vec<Id>,
}

/// A dated reference to the entry behind a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryRef {
    pub id: Id,
    /// Short, stable label for citations: `E-` and the first 8 hex digits of the id.
    pub label: String,
    pub date: NaiveDate,
    pub kind: EntryKind,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Summary {
    pub mentee: SummaryMentee,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub overview: Overview,
    pub goals: Vec<GoalSummary>,
    pub skills: Vec<SkillChange>,
    pub pairing: Pairing,
    pub career: Career,
    pub highlights: Vec<Highlight>,
    pub next_steps: NextSteps,
    /// Every shareable entry of the period the summary draws on, oldest first.
    pub sources: Vec<EntryRef>,
    /// For the lead's preview only: private entries of the period, left out. Never
    /// rendered into an exported document.
    pub left_out: Vec<EntryRef>,
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SkillChange {
    pub dimension: String,
    pub dimension_name: String,
    pub levels: u32,
    /// The level before the period (or its first assessment), if any.
    pub from: Option<LevelAt>,
    pub to: LevelAt,
    /// Shareable entries only.
    pub evidence: Vec<EntryRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LevelAt {
    pub level: String,
    pub level_name: String,
    pub rank: u32,
    pub date: NaiveDate,
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

/// The one place that decides what may appear: shareable entries of the period that the
/// lead did not drop.
struct Visible {
    entries: BTreeMap<Id, EntryRef>,
    excluded: HashSet<Id>,
}

impl Visible {
    fn entry(&self, id: &Id) -> Option<&EntryRef> {
        self.entries.get(id)
    }

    fn refs(&self, ids: &[Id]) -> Vec<EntryRef> {
        ids.iter()
            .filter_map(|id| self.entry(id).cloned())
            .collect()
    }

    fn keeps(&self, id: &Id) -> bool {
        !self.excluded.contains(id)
    }
}

pub fn entry_ref(e: &Entry) -> EntryRef {
    let title = match &e.details {
        EntryDetails::Session(s) => s.topic.clone(),
        _ => e.title.clone().unwrap_or_else(|| match e.kind() {
            EntryKind::Note => "Note".to_string(),
            EntryKind::Session => "Pairing session".to_string(),
            EntryKind::Track => "Track conversation".to_string(),
        }),
    };
    EntryRef {
        id: e.id,
        label: format!("E-{}", &e.id.simple().to_string()[..8]),
        date: e.date,
        kind: e.kind(),
        title,
    }
}

/// Builds the summary of one mentee (by id) for a period.
pub fn build(
    journal: &Journal,
    mentee: &Id,
    options: &SummaryOptions,
    today: NaiveDate,
) -> Result<Summary> {
    let until = options.until.unwrap_or(today);
    let since = options.since.unwrap_or_else(|| until - Duration::days(182));
    if since > until {
        return Err(crate::Error::invalid(
            "period",
            format!("it starts ({since}) after it ends ({until})"),
        ));
    }
    let m = journal.mentee(&mentee.to_string())?;
    let excluded: HashSet<Id> = options.exclude.iter().copied().collect();
    let timeline = journal.timeline(mentee, Some(since), Some(until))?;
    let (shared, private): (Vec<&TimelineEntry>, Vec<&TimelineEntry>) = timeline
        .iter()
        .filter(|t| !excluded.contains(&t.entry.id))
        .partition(|t| t.entry.visibility == Visibility::Shareable);
    let visible = Visible {
        entries: shared
            .iter()
            .map(|t| (t.entry.id, entry_ref(&t.entry)))
            .collect(),
        excluded,
    };
    let shared: Vec<&Entry> = shared.iter().map(|t| &t.entry).collect();

    let mut overview = Overview::default();
    let mut pairing = Pairing::default();
    let mut career = Career::default();
    let mut topics: BTreeMap<String, TopicCount> = BTreeMap::new();
    for e in &shared {
        let r = entry_ref(e);
        match &e.details {
            EntryDetails::Note(_) => overview.notes += 1,
            EntryDetails::Session(s) => {
                overview.sessions += 1;
                overview.session_minutes += s.minutes.get();
                let t = topics
                    .entry(s.topic.to_lowercase())
                    .or_insert_with(|| TopicCount {
                        topic: s.topic.clone(),
                        sessions: 0,
                        minutes: 0,
                        last: r.clone(),
                    });
                t.sessions += 1;
                t.minutes += s.minutes.get();
                t.last = r.clone();
                if let Some(i) = s.independence {
                    pairing.independence.push(IndependencePoint {
                        value: i.get(),
                        entry: r.clone(),
                    });
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
                career.leaning.push(LeaningPoint {
                    leaning: t.leaning.get(),
                    aspiration: t.aspiration,
                    entry: r.clone(),
                });
                career
                    .experiments
                    .extend(t.experiments.iter().map(|x| Experiment {
                        text: x.clone(),
                        entry: r.clone(),
                    }));
            }
        }
    }
    let mut topics: Vec<TopicCount> = topics.into_values().collect();
    topics.sort_by(|a, b| {
        b.sessions
            .cmp(&a.sessions)
            .then(b.minutes.cmp(&a.minutes))
            .then(a.topic.cmp(&b.topic))
    });
    pairing.topics = topics;

    // Goals and their check-ins appear; their evidence only through shareable entries.
    let mut goals = vec![];
    let mut goals_due = vec![];
    for g in journal.goals(mentee)? {
        if !visible.keeps(&g.id) {
            continue;
        }
        let touched = g
            .check_ins
            .iter()
            .any(|c| c.date >= since && c.date <= until)
            || g.created_at.date_naive() <= until
                && matches!(g.status, GoalStatus::Active | GoalStatus::Proposed)
            || g.target.is_some_and(|t| t >= since && t <= until);
        if let Some(target) = g
            .target
            .filter(|t| *t > until && matches!(g.status, GoalStatus::Active | GoalStatus::Proposed))
        {
            goals_due.push(GoalDueLine {
                id: g.id,
                title: g.title.clone(),
                target,
                progress: g.progress.get(),
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
        goals.push(GoalSummary {
            id: g.id,
            title: g.title,
            why: g.why,
            status: g.status,
            progress: g.progress.get(),
            target: g.target,
            check_ins: g
                .check_ins
                .iter()
                .filter(|c| c.date <= until)
                .map(|c| CheckInLine {
                    date: c.date,
                    progress: c.progress.get(),
                    note: c.note.clone(),
                })
                .collect(),
            evidence: visible.refs(&g.evidence),
        });
    }
    goals_due.sort_by_key(|g| g.target);

    let mut skills = vec![];
    for s in journal.skills(mentee)? {
        let before = s.history.iter().rfind(|h| h.assessment.date < since);
        let during: Vec<_> = s
            .history
            .iter()
            .filter(|h| h.assessment.date >= since && h.assessment.date <= until)
            .collect();
        let Some(last) = during.last() else { continue };
        let from = before.or(if during.len() > 1 {
            during.first().copied()
        } else {
            None
        });
        let level_at = |h: &crate::RankedAssessment| LevelAt {
            level: h.assessment.level.clone(),
            level_name: h.level_name.clone(),
            rank: h.rank as u32,
            date: h.assessment.date,
        };
        let evidence: Vec<Id> = during
            .iter()
            .flat_map(|h| h.assessment.evidence.clone())
            .collect();
        skills.push(SkillChange {
            dimension: s.dimension,
            dimension_name: s.dimension_name,
            levels: s.levels as u32,
            from: from.map(level_at),
            to: level_at(last),
            evidence: visible.refs(&evidence),
        });
    }

    let highlights = shared
        .iter()
        .filter(|e| e.starred)
        .map(|e| Highlight {
            entry: entry_ref(e),
            body: e.body.clone(),
        })
        .collect();

    let open_actions = journal
        .action_items(Some(mentee), true)?
        .into_iter()
        .filter(|a| visible.keeps(&a.id))
        .filter_map(|a: ActionItem| {
            // An action item that came from an entry shows only if that entry does.
            let from = match a.entry_id {
                Some(e) => Some(visible.entry(&e)?.clone()),
                None => None,
            };
            Some(ActionLine {
                id: a.id,
                text: a.text,
                owner: a.owner,
                due: a.due,
                from,
            })
        })
        .collect();

    Ok(Summary {
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
        goals,
        skills,
        pairing,
        career,
        highlights,
        next_steps: NextSteps {
            open_actions,
            goals_due,
        },
        sources: shared.iter().map(|e| entry_ref(e)).collect(),
        left_out: private.iter().map(|t| entry_ref(&t.entry)).collect(),
    })
}

/// The summary as it leaves the app: the private list is removed.
pub fn for_export(summary: &Summary) -> Summary {
    Summary {
        left_out: vec![],
        ..summary.clone()
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
    /// Typeset by the `trellis-pdf` crate.
    Pdf,
}

impl Format {
    /// The document in this format as it leaves the app, for the text formats; `None`
    /// for PDF, which `trellis_pdf::export` typesets.
    pub fn render_text(self, summary: &Summary) -> Option<String> {
        match self {
            Format::Md => Some(to_markdown(summary)),
            Format::Html => Some(to_html(summary)),
            Format::Json => Some(to_json(summary)),
            Format::Pdf => None,
        }
    }

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
    serde_json::to_string_pretty(&for_export(summary)).unwrap_or_default()
}

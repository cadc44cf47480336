//! The lead's own mentoring-impact report: every mentee's summary for one period, rolled
//! up. It is built from the per-mentee summaries, so the privacy rule is the same one:
//! private entries add nothing here either.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Summary, SummaryOptions};
use crate::{Journal, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImpactReport {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub totals: ImpactTotals,
    /// Mentees with something shareable in the period, by name.
    pub mentees: Vec<MenteeImpact>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImpactTotals {
    pub mentees: u32,
    pub sessions: u32,
    pub session_minutes: u32,
    pub goals_achieved: u32,
    pub level_changes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MenteeImpact {
    pub name: String,
    pub sessions: u32,
    pub session_minutes: u32,
    pub goals_achieved: u32,
    /// Average independence of the first and the last three sessions of the period.
    pub independence_from: Option<f32>,
    pub independence_to: Option<f32>,
    /// "System design: Developing → Proficient".
    pub level_changes: Vec<String>,
    /// The latest shared track conversation: leaning and aspiration.
    pub track: Option<String>,
}

fn average(values: &[u8]) -> Option<f32> {
    (!values.is_empty())
        .then(|| values.iter().map(|v| f32::from(*v)).sum::<f32>() / values.len() as f32)
}

fn impact_of(s: &Summary) -> MenteeImpact {
    let ind: Vec<u8> = s.pairing.independence.iter().map(|i| i.value).collect();
    let k = ind.len().min(3);
    MenteeImpact {
        name: s.mentee.name.clone(),
        sessions: s.overview.sessions,
        session_minutes: s.overview.session_minutes,
        goals_achieved: s.overview.goals_achieved,
        independence_from: average(&ind[..k]),
        independence_to: average(&ind[ind.len() - k..]),
        level_changes: s
            .skills
            .iter()
            .filter_map(|c| {
                let from = c.from.as_ref()?;
                (from.rank != c.to.rank).then(|| {
                    format!(
                        "{}: {} → {}",
                        c.dimension_name, from.level_name, c.to.level_name
                    )
                })
            })
            .collect(),
        track: s.career.leaning.last().map(|l| match l.aspiration {
            Some(a) => format!("leaning {:+}, aspires to {a}", l.leaning),
            None => format!("leaning {:+}", l.leaning),
        }),
    }
}

/// Builds the report over every mentee (archived ones too: they were mentored then).
pub fn build(
    journal: &Journal,
    options: &SummaryOptions,
    today: NaiveDate,
) -> Result<ImpactReport> {
    let (since, until) = options.period(today)?;
    let period = SummaryOptions {
        since: Some(since),
        until: Some(until),
        months: None,
        exclude: options.exclude.clone(),
    };
    let mut mentees = vec![];
    for m in journal.mentees(true)? {
        let s = super::build(journal, &m.id, &period, today)?.summary;
        if s.sources.is_empty() && s.goals.is_empty() && s.skills.is_empty() {
            continue;
        }
        mentees.push(impact_of(&s));
    }
    let totals = ImpactTotals {
        mentees: mentees.len() as u32,
        sessions: mentees.iter().map(|m| m.sessions).sum(),
        session_minutes: mentees.iter().map(|m| m.session_minutes).sum(),
        goals_achieved: mentees.iter().map(|m| m.goals_achieved).sum(),
        level_changes: mentees.iter().map(|m| m.level_changes.len() as u32).sum(),
    };
    Ok(ImpactReport {
        since,
        until,
        totals,
        mentees,
    })
}

/// The report as Markdown.
pub fn to_markdown(r: &ImpactReport) -> String {
    super::markdown::render(&super::outline::of_impact(r))
}

/// The report as self-contained HTML.
pub fn to_html(r: &ImpactReport) -> String {
    super::html::render(&super::outline::of_impact(r))
}

pub fn to_json(r: &ImpactReport) -> String {
    serde_json::to_string_pretty(r).unwrap_or_default()
}

//! The lead's own mentoring-impact report: every mentee's summary for one period, rolled
//! up. It is built from the per-mentee summaries, so the privacy rule is the same one:
//! private entries add nothing here either.

use std::fmt::Write;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Summary, SummaryOptions, hours, words};
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
    let until = options.until.unwrap_or(today);
    let since = options.since.unwrap_or_else(|| until - Duration::days(182));
    let period = SummaryOptions {
        since: Some(since),
        until: Some(until),
        exclude: options.exclude.clone(),
    };
    let mut mentees = vec![];
    for m in journal.mentees(true)? {
        let s = super::build(journal, &m.id, &period, today)?;
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

fn independence(m: &MenteeImpact) -> String {
    match (m.independence_from, m.independence_to) {
        (Some(a), Some(b)) => format!("{a:.1} → {b:.1}"),
        _ => "—".to_string(),
    }
}

pub fn to_markdown(r: &ImpactReport) -> String {
    let esc = super::markdown::esc;
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Mentoring impact\n\nPeriod: {} to {}\n",
        r.since, r.until
    );
    let t = &r.totals;
    let _ = writeln!(
        o,
        "- Mentees: {}\n- Pairing sessions: {} ({})\n- Goals achieved: {}\n- Level changes: {}\n",
        t.mentees,
        t.sessions,
        hours(t.session_minutes),
        t.goals_achieved,
        t.level_changes
    );
    o.push_str("## By mentee\n\n");
    if r.mentees.is_empty() {
        let _ = writeln!(o, "{}\n", words::NO_SESSIONS);
    }
    for m in &r.mentees {
        let _ = writeln!(o, "### {}\n", esc(&m.name));
        let _ = writeln!(
            o,
            "- Sessions: {} ({}); goals achieved: {}",
            m.sessions,
            hours(m.session_minutes),
            m.goals_achieved
        );
        let _ = writeln!(
            o,
            "- Independence (first three → last three sessions): {}",
            independence(m)
        );
        if !m.level_changes.is_empty() {
            let _ = writeln!(
                o,
                "- Level changes: {}",
                m.level_changes
                    .iter()
                    .map(|c| esc(c))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
        if let Some(track) = &m.track {
            let _ = writeln!(o, "- Career direction: {track}");
        }
        o.push('\n');
    }
    o.push_str("---\n\nBuilt from shareable entries only; private notes are not included.\n");
    o
}

pub fn to_html(r: &ImpactReport) -> String {
    let esc = super::html::esc;
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Mentoring impact {} to {}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>Mentoring impact</h1>\n<p class=\"muted\">Period: {} to {}</p>\n",
        r.since,
        r.until,
        super::html::STYLE,
        r.since,
        r.until
    );
    let t = &r.totals;
    let _ = writeln!(
        o,
        "<div class=\"stats\"><div class=\"stat\"><b>{}</b>mentees</div><div class=\"stat\"><b>{}</b>pairing sessions ({})</div><div class=\"stat\"><b>{}</b>goals achieved</div><div class=\"stat\"><b>{}</b>level changes</div></div>",
        t.mentees,
        t.sessions,
        hours(t.session_minutes),
        t.goals_achieved,
        t.level_changes
    );
    o.push_str("<h2>By mentee</h2>\n<table><thead><tr><th>Mentee</th><th>Sessions</th><th>Goals achieved</th><th>Independence</th><th>Level changes</th><th>Career direction</th></tr></thead><tbody>\n");
    for m in &r.mentees {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&m.name),
            m.sessions,
            hours(m.session_minutes),
            m.goals_achieved,
            independence(m),
            if m.level_changes.is_empty() {
                "—".to_string()
            } else {
                m.level_changes
                    .iter()
                    .map(|c| esc(c))
                    .collect::<Vec<_>>()
                    .join("<br>")
            },
            m.track
                .as_deref()
                .map(esc)
                .unwrap_or_else(|| "—".to_string())
        );
    }
    o.push_str("</tbody></table>\n<footer>Built from shareable entries only; private notes are not included. Made with Trellis.</footer>\n</body>\n</html>\n");
    o
}

pub fn to_json(r: &ImpactReport) -> String {
    serde_json::to_string_pretty(r).unwrap_or_default()
}

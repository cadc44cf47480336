//! The document, written once: a summary (or the impact report) becomes an outline of
//! blocks — headings, paragraphs, lists, figures, tables, quotes, the sources — whose text
//! is made of plain spans and citations. Markdown, HTML and PDF each render this outline,
//! so the three formats say the same words in the same order and cannot drift.

use chrono::NaiveDate;

use super::impact::ImpactReport;
use super::{EntryRef, Summary, hours, kind_word, percent};

/// A piece of running text.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text(String),
    /// A citation: `[S3, 2026-03-21]`, resolvable in the sources at the end.
    Cite(Cite),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cite {
    pub reference: String,
    pub date: NaiveDate,
    /// The cited entry's title (a tooltip in HTML).
    pub title: String,
}

/// Running text: spans in order.
pub type Text = Vec<Span>;

/// A line chart of dated values, with labelled gridlines. Only made with two points or
/// more; a single point is said in a sentence instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What it shows, for screen readers and the figure's heading.
    pub title: String,
    pub points: Vec<(NaiveDate, f64)>,
    pub lo: f64,
    pub hi: f64,
    pub grid: Vec<(f64, String)>,
    /// Written after a value in text: "%" for progress.
    pub unit: String,
}

/// One entry of the sources list.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    pub reference: String,
    pub date: NaiveDate,
    pub kind: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Muted lines under the title (who, period).
    Meta(Vec<String>),
    /// A section heading.
    Section(String),
    /// A heading inside a section.
    Sub(Text),
    Para(Text),
    /// Quieter text: empty-section notes, dates, targets.
    Muted(String),
    List(Vec<Text>),
    /// Headline figures: (value, label).
    Stats(Vec<(String, String)>),
    /// A progress bar, 0..=100.
    Progress(u8),
    /// A heading and its chart, kept together on a page.
    Figure {
        heading: String,
        chart: Chart,
    },
    Table {
        head: Vec<String>,
        rows: Vec<Vec<Text>>,
    },
    /// An entry's own Markdown body: each format renders it safely in its own way.
    Quote(String),
    /// The sources every citation points to.
    Sources(Vec<SourceLine>),
    /// The closing remark.
    Closing(String),
}

/// "On the Engineering ladder at Senior Engineer 2 (IC), on its IC branch."
fn ladder_sentence(l: &super::LadderLine) -> String {
    let at = match (&l.level, l.branch) {
        (Some(level), Some(b)) => format!(" at {level}, on its {} branch", b.label()),
        (Some(level), None) => format!(" at {level}"),
        (None, _) => " (no level set)".to_string(),
    };
    let fork = match (&l.fork, l.branch) {
        (Some(f), None) => format!(" It forks at {f} into an IC and a People Manager branch."),
        _ => String::new(),
    };
    format!("Ladder: {}{at}.{fork}", l.name)
}

/// The latest track leaning read against the ladder branch the mentee is on: said only
/// when they point different ways.
fn leaning_against_branch(s: &Summary) -> Option<String> {
    let last = s.career.leaning.last()?;
    let branch = s.ladder.branch?;
    let away = match branch {
        crate::Branch::Ic => last.leaning >= 1,
        crate::Branch::Manager => last.leaning <= -1,
    };
    away.then(|| {
        format!(
            "Read against the ladder: the latest leaning ({:+}, {}) points away from the {} branch they are on.",
            last.leaning,
            last.entry.date,
            branch.label()
        )
    })
}

/// "What the next level needs": per dimension, where they stand, what the next level
/// asks (in the ladder's own words), and the shareable evidence since.
fn next_level(b: &mut Vec<Block>, s: &Summary) {
    b.push(Block::Section("What the next level needs".into()));
    if s.next_level.is_empty() {
        b.push(Block::Muted("The ladder has no dimensions.".into()));
        return;
    }
    let thin: Vec<&str> = s
        .next_level
        .iter()
        .filter(|n| n.thin)
        .map(|n| n.dimension_name.as_str())
        .collect();
    if !thin.is_empty() {
        b.push(Block::Para(vec![t(format!(
            "Evidence is thin (fewer than {} shareable entries in this period since the latest assessment) for: {}.",
            super::THIN_EVIDENCE,
            thin.join(", ")
        ))]));
    }
    for n in &s.next_level {
        b.push(Block::Sub(vec![t(n.dimension_name.clone())]));
        b.push(Block::Muted(match &n.current {
            Some(c) => format!("Now: {} (assessed {})", c.level_name, c.date),
            None => "Not assessed yet".to_string(),
        }));
        if n.next.is_empty() {
            b.push(Block::Muted("No level above on this path.".into()));
        }
        for step in &n.next {
            match &step.expectation {
                Some(text) => {
                    b.push(Block::Para(vec![t(format!("{} asks:", step.label))]));
                    b.push(Block::Quote(text.clone()));
                }
                None => b.push(Block::Muted(format!(
                    "{}: the ladder describes nothing for this dimension there.",
                    step.label
                ))),
            }
        }
        // Counted from the day after the assessment (said as "since" its date), or from
        // the period's start when that is later.
        let shown = match &n.current {
            Some(c) if c.date.succ_opt() == Some(n.counted_from) => c.date,
            _ => n.counted_from,
        };
        let since = format!(" since {shown}");
        if n.evidence.is_empty() {
            b.push(Block::Muted(format!(
                "No shareable entry names this dimension{since}."
            )));
        } else {
            let mut line = vec![t(format!("Evidence{since}: "))];
            for (i, r) in n.evidence.iter().enumerate() {
                if i > 0 {
                    line.push(t(" "));
                }
                line.push(cite(r));
            }
            b.push(Block::Para(line));
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// The document's title (also the HTML `<title>`).
    pub title: String,
    /// The running footer of PDF pages.
    pub running: String,
    /// The day the document speaks as of (the period's end): its date in an archive, so
    /// the same summary is the same file.
    pub date: NaiveDate,
    pub blocks: Vec<Block>,
}

fn t(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

/// Text safe to lay out in any document: no control characters (but line breaks and
/// tabs) and no bidirectional overrides or isolates, which could reorder a citation or
/// another person's name in a reader's eyes.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
                && (!c.is_control() || matches!(c, '\n' | '\t'))
        })
        .collect()
}

/// The same outline with every piece of text cleaned (see `clean`).
fn cleaned(mut o: Outline) -> Outline {
    let text = |t: &mut Text| {
        for s in t.iter_mut() {
            match s {
                Span::Text(x) => *x = clean(x),
                Span::Cite(c) => c.title = clean(&c.title),
            }
        }
    };
    o.title = clean(&o.title);
    o.running = clean(&o.running);
    for b in &mut o.blocks {
        match b {
            Block::Meta(lines) => lines.iter_mut().for_each(|l| *l = clean(l)),
            Block::Section(x) | Block::Muted(x) | Block::Quote(x) | Block::Closing(x) => {
                *x = clean(x);
            }
            Block::Sub(t) | Block::Para(t) => text(t),
            Block::List(items) => items.iter_mut().for_each(text),
            Block::Stats(stats) => stats.iter_mut().for_each(|(a, b)| {
                *a = clean(a);
                *b = clean(b);
            }),
            Block::Progress(_) => {}
            Block::Figure { heading, chart } => {
                *heading = clean(heading);
                chart.title = clean(&chart.title);
            }
            Block::Table { head, rows } => {
                head.iter_mut().for_each(|h| *h = clean(h));
                rows.iter_mut().flatten().for_each(text);
            }
            Block::Sources(lines) => lines.iter_mut().for_each(|l| l.title = clean(&l.title)),
        }
    }
    o
}

fn cite(r: &EntryRef) -> Span {
    Span::Cite(Cite {
        reference: r.reference.clone(),
        date: r.date,
        title: r.title.clone(),
    })
}

/// "title [S3, date]; title [S4, date]".
fn cited_titles(refs: &[EntryRef]) -> Text {
    let mut out = vec![];
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            out.push(t("; "));
        }
        out.push(t(format!("{} ", r.title)));
        out.push(cite(r));
    }
    out
}

fn noun<'a>(n: u32, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", noun(n, one, many))
}

const NO_GOALS: &str = "No goals in this period.";
const NO_ASSESSMENTS: &str = "No assessments in this period.";
const NO_SESSIONS: &str = "No pairing sessions in this period.";
const NO_TRACKS: &str = "No shared track conversations in this period.";
const NO_HIGHLIGHTS: &str = "No starred entries in this period.";
const NOTHING_OPEN: &str = "Nothing open.";
const CLOSING: &str = "Every claim cites the dated journal entry behind it; the sources are listed above. Private notes are not included. Made with Trellis.";

/// The growth summary as an outline.
pub fn of_summary(s: &Summary) -> Outline {
    let m = &s.mentee;
    let mut b = vec![];
    let mut who: Vec<String> = [&m.role, &m.level, &m.team]
        .iter()
        .filter_map(|x| (*x).clone())
        .collect::<Vec<_>>();
    let mut meta = vec![];
    if let Some(d) = m.started {
        who.push(format!("mentored since {d}"));
    }
    if !who.is_empty() {
        meta.push(who.join(" · "));
    }
    meta.push(format!("Period: {} to {}", s.since, s.until));
    b.push(Block::Meta(meta));

    let v = &s.overview;
    b.push(Block::Section("Overview".into()));
    b.push(Block::Stats(vec![
        (
            v.sessions.to_string(),
            format!(
                "{} ({})",
                noun(v.sessions, "pairing session", "pairing sessions"),
                hours(v.session_minutes)
            ),
        ),
        (v.notes.to_string(), noun(v.notes, "note", "notes").into()),
        (
            v.track_conversations.to_string(),
            noun(
                v.track_conversations,
                "track conversation",
                "track conversations",
            )
            .into(),
        ),
        (
            format!("{} / {}", v.goals_achieved, v.goals_active),
            "goals achieved / active".into(),
        ),
    ]));

    b.push(Block::Section("Goals".into()));
    if s.goals.is_empty() {
        b.push(Block::Muted(NO_GOALS.into()));
    }
    for g in &s.goals {
        b.push(Block::Sub(vec![t(format!(
            "{} — {}, {}%",
            g.title, g.status, g.progress
        ))]));
        b.push(Block::Progress(g.progress));
        if let Some(target) = g.target {
            b.push(Block::Muted(format!("Target: {target}")));
        }
        if let Some(why) = &g.why {
            b.push(Block::Para(vec![t(format!("Why: {why}"))]));
        }
        if g.check_ins.len() > 1 {
            b.push(Block::Figure {
                heading: format!("Progress of “{}”", g.title),
                chart: Chart {
                    title: format!("Progress of {} over time", g.title),
                    points: g
                        .check_ins
                        .iter()
                        .map(|c| (c.date, f64::from(c.progress)))
                        .collect(),
                    lo: 0.0,
                    hi: 100.0,
                    grid: vec![
                        (0.0, "0%".into()),
                        (50.0, "50%".into()),
                        (100.0, "100%".into()),
                    ],
                    unit: "%".into(),
                },
            });
        }
        if !g.check_ins.is_empty() {
            b.push(Block::List(
                g.check_ins
                    .iter()
                    .map(|c| {
                        let mut line = vec![t(format!(
                            "{} — {}%{}",
                            c.date,
                            c.progress,
                            c.note
                                .as_deref()
                                .map(|n| format!(": {n}"))
                                .unwrap_or_default()
                        ))];
                        for r in &c.evidence {
                            line.push(t(" "));
                            line.push(cite(r));
                        }
                        line
                    })
                    .collect(),
            ));
        }
        if !g.evidence.is_empty() {
            let mut line = vec![t("Evidence: ")];
            line.extend(cited_titles(&g.evidence));
            b.push(Block::Para(line));
        }
    }

    b.push(Block::Section("Skills".into()));
    b.push(Block::Para(vec![t(ladder_sentence(&s.ladder))]));
    if s.skills.is_empty() {
        b.push(Block::Muted(NO_ASSESSMENTS.into()));
    } else {
        let level = |l: &super::LevelAt, levels: u32| {
            format!(
                "{} ({}/{levels}, {}){}",
                l.level_name,
                l.rank,
                l.date,
                if l.uncited { ", no cited evidence" } else { "" }
            )
        };
        b.push(Block::Table {
            head: vec![
                "Dimension".into(),
                "From".into(),
                "To".into(),
                "Evidence".into(),
            ],
            rows: s
                .skills
                .iter()
                .map(|k| {
                    let mut evidence: Text = vec![];
                    for (i, r) in k.evidence.iter().enumerate() {
                        if i > 0 {
                            evidence.push(t(" "));
                        }
                        evidence.push(cite(r));
                    }
                    if evidence.is_empty() {
                        evidence.push(t("no cited evidence"));
                    }
                    vec![
                        vec![t(k.dimension_name.clone())],
                        vec![t(k
                            .from
                            .as_ref()
                            .map_or("—".to_string(), |f| level(f, k.levels)))],
                        vec![t(level(&k.to, k.levels))],
                        evidence,
                    ]
                })
                .collect(),
        });
    }

    next_level(&mut b, s);

    let p = &s.pairing;
    b.push(Block::Section("Pairing".into()));
    if p.topics.is_empty() {
        b.push(Block::Muted(NO_SESSIONS.into()));
    } else {
        b.push(Block::List(
            p.topics
                .iter()
                .map(|x| {
                    vec![
                        t(format!(
                            "{} — {}, {} (last ",
                            x.topic,
                            plural(x.sessions, "session", "sessions"),
                            hours(x.minutes)
                        )),
                        cite(&x.last),
                        t(")"),
                    ]
                })
                .collect(),
        ));
        match p.independence.as_slice() {
            [] => {}
            [one] => b.push(Block::Para(vec![
                t(format!(
                    "Independence (1 the lead drove … 5 the mentee led): {} in the one session that recorded it ",
                    one.value
                )),
                cite(&one.entry),
                t("."),
            ])),
            many => b.push(Block::Figure {
                heading: "Independence (1 the lead drove … 5 the mentee led)".into(),
                chart: Chart {
                    title: "Independence over time".into(),
                    points: many
                        .iter()
                        .map(|i| (i.entry.date, f64::from(i.value)))
                        .collect(),
                    lo: 1.0,
                    hi: 5.0,
                    grid: vec![(1.0, "1 lead".into()), (3.0, "3".into()), (5.0, "5 mentee".into())],
                    unit: String::new(),
                },
            }),
        }
        let d = &p.driver_share;
        let total = d.mentee + d.lead + d.both + d.unrecorded;
        let unrecorded = if d.unrecorded > 0 {
            format!(", not recorded {}%", percent(d.unrecorded, total))
        } else {
            String::new()
        };
        b.push(Block::Para(vec![t(format!(
            "Who drove: mentee {}%, both {}%, lead {}%{unrecorded}",
            percent(d.mentee, total),
            percent(d.both, total),
            percent(d.lead, total)
        ))]));
    }

    let c = &s.career;
    b.push(Block::Section("Career direction".into()));
    if c.leaning.is_empty() {
        b.push(Block::Muted(NO_TRACKS.into()));
    } else {
        if c.leaning.len() > 1 {
            b.push(Block::Figure {
                heading: "Track leaning (−2 strongly IC … +2 strongly management)".into(),
                chart: Chart {
                    title: "Track leaning over time".into(),
                    points: c
                        .leaning
                        .iter()
                        .map(|l| (l.entry.date, f64::from(l.leaning)))
                        .collect(),
                    lo: -2.0,
                    hi: 2.0,
                    grid: vec![
                        (-2.0, "−2 IC".into()),
                        (0.0, "0".into()),
                        (2.0, "+2 mgmt".into()),
                    ],
                    unit: String::new(),
                },
            });
        } else {
            b.push(Block::Para(vec![t(
                "Track leaning (−2 strongly IC … +2 strongly management), from one conversation:",
            )]));
        }
        b.push(Block::List(
            c.leaning
                .iter()
                .map(|l| {
                    vec![
                        t(format!(
                            "{} {:+}{} ",
                            l.entry.date,
                            l.leaning,
                            l.aspiration
                                .map(|a| format!(", aspires to {a}"))
                                .unwrap_or_default()
                        )),
                        cite(&l.entry),
                    ]
                })
                .collect(),
        ));
        if let Some(line) = leaning_against_branch(s) {
            b.push(Block::Para(vec![t(line)]));
        }
        if !c.experiments.is_empty() {
            b.push(Block::Sub(vec![t("Experiments agreed")]));
            b.push(Block::List(
                c.experiments
                    .iter()
                    .map(|x| {
                        let mut line = vec![t(format!("{} ", x.text)), cite(&x.entry)];
                        if let (Some(outcome), Some(on)) = (&x.outcome, x.closed_on) {
                            line.push(t(format!(" — outcome ({on}): {outcome}")));
                        }
                        line
                    })
                    .collect(),
            ));
        }
    }

    b.push(Block::Section("Highlights".into()));
    if s.highlights.is_empty() {
        b.push(Block::Muted(NO_HIGHLIGHTS.into()));
    }
    for h in &s.highlights {
        b.push(Block::Sub(vec![
            t(format!("{} — {} ", h.entry.date, h.entry.title)),
            cite(&h.entry),
        ]));
        b.push(Block::Quote(h.body.clone()));
    }

    b.push(Block::Section("Next steps".into()));
    let n = &s.next_steps;
    if n.open_actions.is_empty() && n.goals_due.is_empty() {
        b.push(Block::Muted(NOTHING_OPEN.into()));
    } else {
        let mut items: Vec<Text> = n
            .open_actions
            .iter()
            .map(|a| {
                let mut line = vec![t(format!(
                    "{} (owner: {}{})",
                    a.text,
                    a.owner,
                    a.due.map(|d| format!(", due {d}")).unwrap_or_default()
                ))];
                if let Some(r) = &a.from {
                    line.push(t(" — from "));
                    line.push(cite(r));
                }
                line
            })
            .collect();
        items.extend(n.goals_due.iter().map(|g| {
            vec![t(format!(
                "Goal: {} — {}% by {}",
                g.title, g.progress, g.target
            ))]
        }));
        b.push(Block::List(items));
    }

    b.push(Block::Section("Sources".into()));
    if s.sources.is_empty() {
        b.push(Block::Muted("No journal entries are cited.".into()));
    } else {
        b.push(Block::Sources(
            s.sources
                .iter()
                .map(|r| SourceLine {
                    reference: r.reference.clone(),
                    date: r.date,
                    kind: kind_word(r.kind).to_string(),
                    title: r.title.clone(),
                })
                .collect(),
        ));
    }
    b.push(Block::Closing(CLOSING.into()));

    cleaned(Outline {
        title: format!("Growth summary: {}", m.name),
        running: format!("Growth summary: {} · {} to {}", m.name, s.since, s.until),
        date: s.until,
        blocks: b,
    })
}

/// The lead's mentoring-impact report as an outline.
pub fn of_impact(r: &ImpactReport) -> Outline {
    let mut b = vec![Block::Meta(vec![format!(
        "Period: {} to {}",
        r.since, r.until
    )])];
    let x = &r.totals;
    b.push(Block::Section("Overview".into()));
    b.push(Block::Stats(vec![
        (
            x.mentees.to_string(),
            noun(x.mentees, "mentee", "mentees").into(),
        ),
        (
            x.sessions.to_string(),
            format!(
                "{} ({})",
                noun(x.sessions, "pairing session", "pairing sessions"),
                hours(x.session_minutes)
            ),
        ),
        (x.goals_achieved.to_string(), "goals achieved".into()),
        (x.level_changes.to_string(), "level changes".into()),
    ]));
    b.push(Block::Section("By mentee".into()));
    if r.mentees.is_empty() {
        b.push(Block::Muted(NO_SESSIONS.into()));
    }
    for m in &r.mentees {
        b.push(Block::Sub(vec![t(m.name.clone())]));
        let mut items = vec![vec![t(format!(
            "Sessions: {} ({}); goals achieved: {}",
            m.sessions,
            hours(m.session_minutes),
            m.goals_achieved
        ))]];
        if let (Some(a), Some(z)) = (m.independence_from, m.independence_to) {
            items.push(vec![t(format!(
                "Independence (first three → last three sessions): {a:.1} → {z:.1}"
            ))]);
        }
        items.extend(
            m.level_changes
                .iter()
                .map(|c| vec![t(format!("Level change: {c}"))]),
        );
        if let Some(track) = &m.track {
            items.push(vec![t(format!("Career direction: {track}"))]);
        }
        b.push(Block::List(items));
    }
    b.push(Block::Closing(
        "Built from shareable entries only; private notes are not included. Made with Trellis."
            .into(),
    ));
    cleaned(Outline {
        title: "Mentoring impact".into(),
        running: format!("Mentoring impact · {} to {}", r.since, r.until),
        date: r.until,
        blocks: b,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::{IndependencePoint, LeaningPoint, Pairing, SummaryMentee};
    use crate::{EntryKind, new_id};

    fn day(s: &str) -> NaiveDate {
        crate::parse_date(s).expect("a date")
    }

    fn summary_with(points: usize) -> Summary {
        let refs: Vec<EntryRef> = (0..points)
            .map(|i| EntryRef {
                id: new_id(),
                reference: format!("S{}", i + 1),
                date: day("2026-03-01") + chrono::Duration::days(i as i64 * 10),
                kind: EntryKind::Session,
                title: format!("Session {i}"),
            })
            .collect();
        Summary {
            mentee: SummaryMentee {
                id: new_id(),
                name: "Ana".into(),
                role: None,
                level: None,
                team: None,
                started: None,
            },
            since: day("2026-01-01"),
            until: day("2026-06-30"),
            overview: Default::default(),
            goals: vec![],
            skills: vec![],
            ladder: super::super::LadderLine {
                name: "Trellis".into(),
                level: None,
                branch: None,
                fork: None,
            },
            next_level: vec![],
            pairing: Pairing {
                topics: vec![],
                independence: refs
                    .iter()
                    .map(|r| IndependencePoint {
                        value: 3,
                        entry: r.clone(),
                    })
                    .collect(),
                driver_share: Default::default(),
            },
            career: super::super::Career {
                leaning: refs
                    .iter()
                    .map(|r| LeaningPoint {
                        leaning: 1,
                        aspiration: None,
                        entry: r.clone(),
                    })
                    .collect(),
                experiments: vec![],
            },
            highlights: vec![],
            next_steps: Default::default(),
            sources: refs,
        }
    }

    fn figures(o: &Outline) -> usize {
        o.blocks
            .iter()
            .filter(|b| matches!(b, Block::Figure { .. }))
            .count()
    }

    #[test]
    fn one_point_is_a_sentence_two_are_a_chart() {
        let mut one = summary_with(1);
        one.pairing.topics = vec![];
        assert_eq!(figures(&of_summary(&one)), 0, "no chart of a single point");
        let md = super::super::to_markdown(&one);
        assert!(md.contains("from one conversation"), "{md}");
        let two = summary_with(2);
        assert_eq!(figures(&of_summary(&two)), 1, "the leaning chart");
    }

    #[test]
    fn every_citation_resolves_in_the_sources() {
        let s = summary_with(3);
        let o = of_summary(&s);
        let sources: Vec<String> = o
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Sources(l) => {
                    Some(l.iter().map(|x| x.reference.clone()).collect::<Vec<_>>())
                }
                _ => None,
            })
            .flatten()
            .collect();
        let mut cited = vec![];
        for b in &o.blocks {
            let spans: Vec<&Span> = match b {
                Block::Para(t) | Block::Sub(t) => t.iter().collect(),
                Block::List(items) => items.iter().flatten().collect(),
                Block::Table { rows, .. } => rows.iter().flatten().flatten().collect(),
                _ => vec![],
            };
            for s in spans {
                if let Span::Cite(c) = s {
                    cited.push(c.reference.clone());
                }
            }
        }
        assert!(!cited.is_empty(), "the test cites something");
        for c in cited {
            assert!(
                sources.contains(&c),
                "{c} is listed in the sources {sources:?}"
            );
        }
    }
}

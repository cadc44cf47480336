//! The summary as Markdown. User text is escaped so it reads as text in any Markdown
//! viewer; highlight bodies keep their Markdown but lose any raw HTML.

use std::fmt::Write;

use super::phrases::Phrases;
use super::{EntryRef, Summary, words};

/// Escapes characters that Markdown would treat as syntax (or HTML) in running text.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn cite(r: &EntryRef) -> String {
    format!("[{}, {}]", r.label, r.date)
}

fn cite_titled(r: &EntryRef) -> String {
    format!("{} {}", esc(&r.title), cite(r))
}

/// "1 h 30 min".
pub fn hours(minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// `part` of `whole`, rounded; 0 of nothing is 0%.
pub fn percent(part: u32, whole: u32) -> u32 {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0)
}

/// Renders the summary as it leaves the app (the private list is never included).
pub fn to_markdown(s: &Summary) -> String {
    let say = Phrases {
        esc: &esc,
        cite: &cite,
    };
    let mut o = String::new();
    let m = &s.mentee;
    let _ = writeln!(o, "# Growth summary: {}\n", esc(&m.name));
    let who: Vec<String> = [&m.role, &m.level, &m.team]
        .iter()
        .filter_map(|x| x.as_deref().map(esc))
        .collect();
    if !who.is_empty() {
        let _ = write!(o, "{}", who.join(" · "));
        if let Some(started) = m.started {
            let _ = write!(o, " — mentored since {started}");
        }
        o.push_str("  \n");
    }
    let _ = writeln!(o, "Period: {} to {}\n", s.since, s.until);

    let v = &s.overview;
    o.push_str("## Overview\n\n");
    let _ = writeln!(
        o,
        "- Pairing sessions: {} ({})",
        v.sessions,
        hours(v.session_minutes)
    );
    let _ = writeln!(
        o,
        "- Notes: {}; track conversations: {}",
        v.notes, v.track_conversations
    );
    let _ = writeln!(
        o,
        "- Goals: {} achieved, {} active\n",
        v.goals_achieved, v.goals_active
    );

    o.push_str("## Goals\n\n");
    if s.goals.is_empty() {
        let _ = writeln!(o, "{}\n", words::NO_GOALS);
    }
    for g in &s.goals {
        let _ = writeln!(o, "### {} — {}, {}%\n", esc(&g.title), g.status, g.progress);
        if let Some(why) = &g.why {
            let _ = writeln!(o, "Why: {}  ", esc(why));
        }
        if let Some(t) = g.target {
            let _ = writeln!(o, "Target: {t}  ");
        }
        if !g.check_ins.is_empty() {
            let steps: Vec<String> = g
                .check_ins
                .iter()
                .map(|c| match &c.note {
                    Some(n) => format!("{} {}% ({})", c.date, c.progress, esc(n)),
                    None => format!("{} {}%", c.date, c.progress),
                })
                .collect();
            let _ = writeln!(o, "Progress: {}  ", steps.join(" → "));
        }
        if !g.evidence.is_empty() {
            let ev: Vec<String> = g.evidence.iter().map(cite_titled).collect();
            let _ = writeln!(o, "Evidence: {}", ev.join("; "));
        }
        o.push('\n');
    }

    o.push_str("## Skills\n\n");
    if s.skills.is_empty() {
        let _ = writeln!(o, "{}\n", words::NO_ASSESSMENTS);
    } else {
        o.push_str("| Dimension | From | To | Evidence |\n|---|---|---|---|\n");
        for k in &s.skills {
            let from = k.from.as_ref().map_or("—".to_string(), |f| {
                format!(
                    "{} ({}/{}, {})",
                    esc(&f.level_name),
                    f.rank,
                    k.levels,
                    f.date
                )
            });
            let to = format!(
                "{} ({}/{}, {})",
                esc(&k.to.level_name),
                k.to.rank,
                k.levels,
                k.to.date
            );
            let ev: Vec<String> = k.evidence.iter().map(cite).collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} |",
                esc(&k.dimension_name),
                from,
                to,
                if ev.is_empty() {
                    "—".into()
                } else {
                    ev.join(" ")
                }
            );
        }
        o.push('\n');
    }

    let p = &s.pairing;
    o.push_str("## Pairing\n\n");
    if p.topics.is_empty() {
        let _ = writeln!(o, "{}\n", words::NO_SESSIONS);
    } else {
        o.push_str("Topics:\n\n");
        for t in &p.topics {
            let _ = writeln!(o, "- {}", say.topic(t));
        }
        o.push('\n');
        if !p.independence.is_empty() {
            let pts: Vec<String> = p
                .independence
                .iter()
                .map(|i| format!("{} {}", i.value, cite(&i.entry)))
                .collect();
            let _ = writeln!(
                o,
                "Independence (1 the lead drove … 5 the mentee led): {}\n",
                pts.join(" → ")
            );
        }
        let _ = writeln!(o, "{}\n", say.driver_share(&p.driver_share));
    }

    let c = &s.career;
    o.push_str("## Career direction\n\n");
    if c.leaning.is_empty() {
        let _ = writeln!(o, "{}\n", words::NO_TRACKS);
    } else {
        o.push_str("Leaning (−2 strongly IC … +2 strongly management):\n\n");
        for l in &c.leaning {
            let _ = writeln!(o, "- {}", say.leaning(l));
        }
        o.push('\n');
        if !c.experiments.is_empty() {
            o.push_str("Experiments agreed:\n\n");
            for x in &c.experiments {
                let _ = writeln!(o, "- {} {}", esc(&x.text), cite(&x.entry));
            }
            o.push('\n');
        }
    }

    o.push_str("## Highlights\n\n");
    if s.highlights.is_empty() {
        let _ = writeln!(o, "{}\n", words::NO_HIGHLIGHTS);
    }
    for h in &s.highlights {
        let _ = writeln!(
            o,
            "### {} — {} {}\n",
            h.entry.date,
            esc(&h.entry.title),
            cite(&h.entry)
        );
        for line in h.body.lines() {
            let _ = writeln!(o, "> {}", line.replace('<', "&lt;").replace('>', "&gt;"));
        }
        o.push('\n');
    }

    o.push_str("## Next steps\n\n");
    let n = &s.next_steps;
    if n.open_actions.is_empty() && n.goals_due.is_empty() {
        let _ = writeln!(o, "{}\n", words::NOTHING_OPEN);
    }
    for a in &n.open_actions {
        let _ = writeln!(o, "- [ ] {}", say.action(a));
    }
    for g in &n.goals_due {
        let _ = writeln!(o, "- {}", say.goal_due(g));
    }
    o.push_str("\n---\n\nEvery claim cites the dated journal entry behind it (E-…). Private notes are not included.\n");
    o
}

//! The summary as one self-contained HTML file: inline CSS (with a print stylesheet),
//! inline SVG charts, no script and no external request of any kind. Every piece of user
//! text is escaped; highlight bodies go through the core's safe Markdown renderer.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::markdown::hours;
use super::phrases::Phrases;
use super::{EntryRef, Summary, words};
use crate::markdown::to_safe_html;

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn cite(r: &EntryRef) -> String {
    format!(
        "<span class=\"cite\" title=\"{}\">[{}, {}]</span>",
        esc(&r.title),
        esc(&r.label),
        r.date
    )
}

pub(crate) const STYLE: &str = "
:root{color-scheme:light;--ink:#1d2521;--muted:#5b6660;--line:#dfe4e0;--accent:#2f6b4f;--soft:#e3f0e8}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Cantarell,Ubuntu,sans-serif;color:var(--ink);max-width:52rem;margin:2rem auto;padding:0 1.25rem}
h1{font-size:1.7rem;margin:0 0 .25rem}h2{font-size:1.2rem;border-bottom:2px solid var(--soft);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
.muted,.cite{color:var(--muted)}.cite{font-size:.85em;white-space:nowrap}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:.35rem .4rem;text-align:left;vertical-align:top}
.stats{display:flex;gap:1rem;flex-wrap:wrap}.stat{border:1px solid var(--line);border-radius:8px;padding:.5rem .8rem;min-width:9rem}
.stat b{display:block;font-size:1.4rem}
.bar{height:8px;background:var(--line);border-radius:4px;overflow:hidden;width:10rem;display:inline-block;vertical-align:middle}
.bar i{display:block;height:100%;background:var(--accent)}
svg{width:100%;height:auto;max-width:40rem}svg text{font:10px sans-serif;fill:#5b6660}
blockquote{margin:.3rem 0 1rem;padding:.1rem 1rem;border-left:3px solid var(--soft)}
footer{margin-top:2.5rem;font-size:.85rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.5rem}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}section,.goal,tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
";

/// A line chart of dated values between `lo` and `hi`, with labelled gridlines.
fn chart(
    title: &str,
    points: &[(NaiveDate, f64)],
    lo: f64,
    hi: f64,
    grid: &[(f64, &str)],
) -> String {
    if points.is_empty() {
        return String::new();
    }
    let (w, h, left, pad) = (640.0, 160.0, 70.0, 14.0);
    let t0 = points.first().map_or(0, |p| p.0.num_days_from_ce());
    let t1 = points.last().map_or(0, |p| p.0.num_days_from_ce());
    let span = f64::from((t1 - t0).max(1));
    let x = |d: NaiveDate| left + f64::from(d.num_days_from_ce() - t0) / span * (w - left - pad);
    let y = |v: f64| pad + (hi - v) / (hi - lo) * (h - 2.0 * pad);
    let mut s = format!(
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(title)
    );
    for (v, label) in grid {
        let _ = write!(
            s,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#dfe4e0\"/><text x=\"2\" y=\"{:.1}\">{}</text>",
            w - pad,
            y(*v) + 3.0,
            esc(label),
            y = y(*v)
        );
    }
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (d, v))| {
            format!(
                "{}{:.1},{:.1}",
                if i == 0 { 'M' } else { 'L' },
                x(*d),
                y(*v)
            )
        })
        .collect();
    let _ = write!(
        s,
        "<path d=\"{}\" fill=\"none\" stroke=\"#2f6b4f\" stroke-width=\"2\"/>",
        path.join(" ")
    );
    for (d, v) in points {
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#2f6b4f\"><title>{d}: {v}</title></circle>",
            x(*d),
            y(*v)
        );
    }
    if let (Some(a), Some(b)) = (points.first(), points.last()) {
        let _ = write!(
            s,
            "<text x=\"{left}\" y=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            h - 1.0,
            a.0,
            w - pad,
            h - 1.0,
            b.0
        );
    }
    s.push_str("</svg>");
    s
}

/// Renders the summary as it leaves the app (the private list is never included).
pub fn to_html(s: &Summary) -> String {
    let say = Phrases {
        esc: &esc,
        cite: &cite,
    };
    let m = &s.mentee;
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Growth summary: {name}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>Growth summary: {name}</h1>\n",
        name = esc(&m.name)
    );
    let who: Vec<String> = [&m.role, &m.level, &m.team]
        .iter()
        .filter_map(|x| x.as_deref().map(esc))
        .collect();
    let _ = writeln!(
        o,
        "<p class=\"muted\">{}{}<br>Period: {} to {}</p>\n</header>",
        who.join(" · "),
        m.started
            .map(|d| format!(" — mentored since {d}"))
            .unwrap_or_default(),
        s.since,
        s.until
    );

    let v = &s.overview;
    let _ = writeln!(
        o,
        "<section>\n<h2>Overview</h2>\n<div class=\"stats\"><div class=\"stat\"><b>{}</b>pairing sessions ({})</div><div class=\"stat\"><b>{}</b>notes</div><div class=\"stat\"><b>{}</b>track conversations</div><div class=\"stat\"><b>{} / {}</b>goals achieved / active</div></div>\n</section>",
        v.sessions,
        hours(v.session_minutes),
        v.notes,
        v.track_conversations,
        v.goals_achieved,
        v.goals_active
    );

    o.push_str("<section>\n<h2>Goals</h2>\n");
    if s.goals.is_empty() {
        let _ = writeln!(o, "<p class=\"muted\">{}</p>", words::NO_GOALS);
    }
    for g in &s.goals {
        let _ = writeln!(
            o,
            "<div class=\"goal\"><h3>{} <span class=\"muted\">— {}, {}%</span></h3><span class=\"bar\"><i style=\"width:{}%\"></i></span>{}",
            esc(&g.title),
            g.status,
            g.progress,
            g.progress,
            g.target
                .map(|t| format!(" <span class=\"muted\">target {t}</span>"))
                .unwrap_or_default()
        );
        if let Some(why) = &g.why {
            let _ = writeln!(o, "<p>Why: {}</p>", esc(why));
        }
        if g.check_ins.len() > 1 {
            let pts: Vec<(NaiveDate, f64)> = g
                .check_ins
                .iter()
                .map(|c| (c.date, f64::from(c.progress)))
                .collect();
            o.push_str(&chart(
                &format!("Progress of {}", g.title),
                &pts,
                0.0,
                100.0,
                &[(0.0, "0%"), (50.0, "50%"), (100.0, "100%")],
            ));
        }
        if !g.check_ins.is_empty() {
            o.push_str("<ul>");
            for c in &g.check_ins {
                let _ = write!(
                    o,
                    "<li>{} — {}%{}</li>",
                    c.date,
                    c.progress,
                    c.note
                        .as_deref()
                        .map(|n| format!(": {}", esc(n)))
                        .unwrap_or_default()
                );
            }
            o.push_str("</ul>\n");
        }
        if !g.evidence.is_empty() {
            let ev: Vec<String> = g
                .evidence
                .iter()
                .map(|r| format!("{} {}", esc(&r.title), cite(r)))
                .collect();
            let _ = writeln!(o, "<p>Evidence: {}</p>", ev.join("; "));
        }
        o.push_str("</div>\n");
    }
    o.push_str("</section>\n");

    o.push_str("<section>\n<h2>Skills</h2>\n");
    if s.skills.is_empty() {
        let _ = writeln!(o, "<p class=\"muted\">{}</p>", words::NO_ASSESSMENTS);
    } else {
        o.push_str("<table><thead><tr><th>Dimension</th><th>From</th><th>To</th><th>Evidence</th></tr></thead><tbody>\n");
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
            let ev: Vec<String> = k.evidence.iter().map(cite).collect();
            let _ = writeln!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{} ({}/{}, {})</td><td>{}</td></tr>",
                esc(&k.dimension_name),
                from,
                esc(&k.to.level_name),
                k.to.rank,
                k.levels,
                k.to.date,
                if ev.is_empty() {
                    "—".to_string()
                } else {
                    ev.join(" ")
                }
            );
        }
        o.push_str("</tbody></table>\n");
    }
    o.push_str("</section>\n");

    let p = &s.pairing;
    o.push_str("<section>\n<h2>Pairing</h2>\n");
    if p.topics.is_empty() {
        let _ = writeln!(o, "<p class=\"muted\">{}</p>", words::NO_SESSIONS);
    } else {
        o.push_str("<ul>");
        for t in &p.topics {
            let _ = write!(o, "<li>{}</li>", say.topic(t));
        }
        o.push_str("</ul>\n");
        if !p.independence.is_empty() {
            o.push_str("<h3>Independence (1 the lead drove … 5 the mentee led)</h3>\n");
            let pts: Vec<(NaiveDate, f64)> = p
                .independence
                .iter()
                .map(|i| (i.entry.date, f64::from(i.value)))
                .collect();
            o.push_str(&chart(
                "Independence trend",
                &pts,
                1.0,
                5.0,
                &[(1.0, "1 lead"), (3.0, "3"), (5.0, "5 mentee")],
            ));
        }
        let _ = writeln!(o, "<p>{}</p>", say.driver_share(&p.driver_share));
    }
    o.push_str("</section>\n");

    let c = &s.career;
    o.push_str("<section>\n<h2>Career direction</h2>\n");
    if c.leaning.is_empty() {
        let _ = writeln!(o, "<p class=\"muted\">{}</p>", words::NO_TRACKS);
    } else {
        let pts: Vec<(NaiveDate, f64)> = c
            .leaning
            .iter()
            .map(|l| (l.entry.date, f64::from(l.leaning)))
            .collect();
        o.push_str(&chart(
            "Track leaning over time",
            &pts,
            -2.0,
            2.0,
            &[(-2.0, "−2 IC"), (0.0, "0"), (2.0, "+2 mgmt")],
        ));
        o.push_str("<ul>");
        for l in &c.leaning {
            let _ = write!(o, "<li>{}</li>", say.leaning(l));
        }
        o.push_str("</ul>\n");
        if !c.experiments.is_empty() {
            o.push_str("<h3>Experiments agreed</h3><ul>");
            for x in &c.experiments {
                let _ = write!(o, "<li>{} {}</li>", esc(&x.text), cite(&x.entry));
            }
            o.push_str("</ul>\n");
        }
    }
    o.push_str("</section>\n");

    o.push_str("<section>\n<h2>Highlights</h2>\n");
    if s.highlights.is_empty() {
        let _ = writeln!(o, "<p class=\"muted\">{}</p>", words::NO_HIGHLIGHTS);
    }
    for h in &s.highlights {
        let _ = writeln!(
            o,
            "<h3>{} — {} {}</h3>\n<blockquote>{}</blockquote>",
            h.entry.date,
            esc(&h.entry.title),
            cite(&h.entry),
            to_safe_html(&h.body)
        );
    }
    o.push_str("</section>\n");

    let n = &s.next_steps;
    o.push_str("<section>\n<h2>Next steps</h2>\n");
    if n.open_actions.is_empty() && n.goals_due.is_empty() {
        let _ = writeln!(o, "<p class=\"muted\">{}</p>", words::NOTHING_OPEN);
    } else {
        o.push_str("<ul>");
        for a in &n.open_actions {
            let _ = write!(o, "<li>{}</li>", say.action(a));
        }
        for g in &n.goals_due {
            let _ = write!(o, "<li>{}</li>", say.goal_due(g));
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n<footer>Every claim cites the dated journal entry behind it ([E-…, date]). Private notes are not included. Made with Trellis.</footer>\n</body>\n</html>\n");
    o
}

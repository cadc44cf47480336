//! The outline as Markdown. Every piece of user text is escaped so it reads as text in any
//! Markdown viewer; an entry's own Markdown (a highlight) goes through the same safety
//! policy as the HTML (web links only, no images, no raw HTML, no reference definitions).

use std::fmt::Write;

use super::outline::{Block, Outline, Span, Text};
use crate::markdown::{escape_markdown as esc, to_safe_markdown};

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

fn text(spans: &Text) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => esc(t),
            Span::Cite(c) => format!("\\[{}, {}\\]", c.reference, c.date),
        })
        .collect()
}

/// Renders an outline as Markdown.
pub fn render(o: &Outline) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", esc(&o.title));
    for block in &o.blocks {
        match block {
            Block::Meta(lines) => {
                let lines: Vec<String> = lines.iter().map(|l| esc(l)).collect();
                let _ = writeln!(out, "{}\n", lines.join("  \n"));
            }
            Block::Section(title) => {
                let _ = writeln!(out, "## {}\n", esc(title));
            }
            Block::Sub(t) => {
                let _ = writeln!(out, "### {}\n", text(t));
            }
            Block::Para(t) => {
                let _ = writeln!(out, "{}\n", text(t));
            }
            Block::Muted(s) => {
                let _ = writeln!(out, "{}\n", esc(s));
            }
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(out, "- {}", text(i));
                }
                out.push('\n');
            }
            Block::Stats(stats) => {
                for (value, label) in stats {
                    let _ = writeln!(out, "- **{}** {}", esc(value), esc(label));
                }
                out.push('\n');
            }
            // A bar says nothing the heading's percentage does not.
            Block::Progress(_) => {}
            Block::Figure { heading, chart } => {
                let points: Vec<String> = chart
                    .points
                    .iter()
                    .map(|(d, v)| format!("{d} {v}{}", chart.unit))
                    .collect();
                let _ = writeln!(out, "{}: {}\n", esc(heading), esc(&points.join(" → ")));
            }
            Block::Table { head, rows } => {
                let head: Vec<String> = head.iter().map(|h| esc(h)).collect();
                let _ = writeln!(out, "| {} |", head.join(" | "));
                let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
                for r in rows {
                    let cells: Vec<String> = r.iter().map(text).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
            Block::Quote(body) => {
                for line in to_safe_markdown(body).lines() {
                    if line.is_empty() {
                        out.push_str(">\n");
                    } else {
                        let _ = writeln!(out, "> {line}");
                    }
                }
                out.push('\n');
            }
            Block::Sources(sources) => {
                for s in sources {
                    let _ = writeln!(
                        out,
                        "- **{}** · {} · {} · {}",
                        s.reference,
                        s.date,
                        esc(&s.kind),
                        esc(&s.title)
                    );
                }
                out.push('\n');
            }
            Block::Closing(s) => {
                let _ = writeln!(out, "---\n\n{}", esc(s));
            }
        }
    }
    out
}

/// The growth summary as Markdown.
pub fn to_markdown(s: &super::Summary) -> String {
    render(&super::outline::of_summary(s))
}

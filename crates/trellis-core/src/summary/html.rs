//! The outline as one self-contained HTML file: inline CSS (with a print stylesheet),
//! inline SVG charts and bars, no script and no external request of any kind, and a CSP
//! `<meta>` that forbids them anyway. Every piece of user text is escaped; an entry's own
//! Markdown goes through the core's safe renderer. Citations link to the sources list.
//! The document has no `style` attributes, so the one `<style>` element is allowed by its
//! hash — in the exported file and in the app's preview alike.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::outline::{Block, Chart, Outline, Span, Text};
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

/// The document's only stylesheet.
pub const STYLE: &str = "
:root{color-scheme:light;--ink:#1d2521;--muted:#5b6660;--line:#dfe4e0;--accent:#2f6b4f;--soft:#e3f0e8}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Cantarell,Ubuntu,sans-serif;color:var(--ink);background:#fff;max-width:52rem;margin:2rem auto;padding:0 1.25rem}
h1{font-size:1.7rem;margin:0 0 .25rem}h2{font-size:1.2rem;border-bottom:2px solid var(--soft);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1rem;margin:1rem 0 .3rem}
.muted,.cite{color:var(--muted)}.cite{font-size:.85em;white-space:nowrap;text-decoration:none}.cite:hover{text-decoration:underline}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:.35rem .4rem;text-align:left;vertical-align:top}
.stats{display:flex;gap:1rem;flex-wrap:wrap}.stat{border:1px solid var(--line);border-radius:8px;padding:.5rem .8rem;min-width:9rem}
.stat b{display:block;font-size:1.4rem}
svg.bar{width:10rem;height:8px;display:block;margin:.2rem 0}
figure{margin:.5rem 0 1rem;break-inside:avoid}figure h3{margin-top:.5rem}
svg.chart{width:100%;height:auto;max-width:40rem}svg text{font:10px sans-serif;fill:#5b6660}
blockquote{margin:.3rem 0 1rem;padding:.1rem 1rem;border-left:3px solid var(--soft)}
ol.sources{padding-left:0;list-style:none}ol.sources li{padding:.15rem 0}ol.sources b{display:inline-block;min-width:3rem}
ol.sources li:target{background:var(--soft)}
footer{margin-top:2.5rem;font-size:.85rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.5rem}
@media print{body{margin:0;max-width:none;font-size:11pt}h2,h3{break-after:avoid}section,.goal,tr,figure{break-inside:avoid}a{color:inherit;text-decoration:none}}
";

/// `'sha256-…'` of `STYLE`: the CSP source that allows exactly this stylesheet. A test
/// recomputes it, and another checks the app's CSP carries it (for the preview).
pub const STYLE_HASH: &str = "sha256-EsGVBpJC7WaAG80LYkfxYOd60+CaUTbejYHALZEcbhE=";

/// The CSP of an exported document: nothing may load or run; only our stylesheet applies.
fn csp() -> String {
    format!(
        "default-src 'none'; style-src '{STYLE_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

fn text(spans: &Text) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => esc(t),
            Span::Cite(c) => format!(
                "<a class=\"cite\" href=\"#{}\" title=\"{}\">[{}, {}]</a>",
                esc(&c.reference),
                esc(&c.title),
                esc(&c.reference),
                c.date
            ),
        })
        .collect()
}

/// A progress bar as SVG (no style attribute needed).
fn bar(value: u8) -> String {
    let v = value.min(100);
    format!(
        "<svg class=\"bar\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{v}% done\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"100\" height=\"8\" rx=\"4\" fill=\"#dfe4e0\"/><rect width=\"{v}\" height=\"8\" rx=\"4\" fill=\"#2f6b4f\"/></svg>"
    )
}

/// A line chart of dated values between `lo` and `hi`, with labelled gridlines.
fn chart(c: &Chart) -> String {
    let points = &c.points;
    let (w, h, left, pad) = (640.0, 160.0, 70.0, 14.0);
    let t0 = points.first().map_or(0, |p| p.0.num_days_from_ce());
    let t1 = points.last().map_or(0, |p| p.0.num_days_from_ce());
    let span = f64::from((t1 - t0).max(1));
    let x = |d: NaiveDate| left + f64::from(d.num_days_from_ce() - t0) / span * (w - left - pad);
    let y = |v: f64| pad + (c.hi - v) / (c.hi - c.lo) * (h - 2.0 * pad);
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(&c.title)
    );
    for (v, label) in &c.grid {
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

/// Renders an outline as a self-contained HTML document.
pub fn render(o: &Outline) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n",
        csp(),
        title = esc(&o.title)
    );
    let mut in_section = false;
    for block in &o.blocks {
        match block {
            Block::Meta(lines) => {
                let lines: Vec<String> = lines.iter().map(|l| esc(l)).collect();
                let _ = writeln!(
                    out,
                    "<p class=\"muted\">{}</p>\n</header>",
                    lines.join("<br>")
                );
            }
            Block::Section(title) => {
                if in_section {
                    out.push_str("</section>\n");
                }
                in_section = true;
                let _ = writeln!(out, "<section>\n<h2>{}</h2>", esc(title));
            }
            Block::Sub(t) => {
                let _ = writeln!(out, "<h3>{}</h3>", text(t));
            }
            Block::Para(t) => {
                let _ = writeln!(out, "<p>{}</p>", text(t));
            }
            Block::Muted(s) => {
                let _ = writeln!(out, "<p class=\"muted\">{}</p>", esc(s));
            }
            Block::List(items) => {
                out.push_str("<ul>");
                for i in items {
                    let _ = write!(out, "<li>{}</li>", text(i));
                }
                out.push_str("</ul>\n");
            }
            Block::Stats(stats) => {
                out.push_str("<div class=\"stats\">");
                for (value, label) in stats {
                    let _ = write!(
                        out,
                        "<div class=\"stat\"><b>{}</b>{}</div>",
                        esc(value),
                        esc(label)
                    );
                }
                out.push_str("</div>\n");
            }
            Block::Progress(v) => {
                out.push_str(&bar(*v));
                out.push('\n');
            }
            Block::Figure { heading, chart: c } => {
                let _ = writeln!(
                    out,
                    "<figure>\n<h3>{}</h3>\n{}\n</figure>",
                    esc(heading),
                    chart(c)
                );
            }
            Block::Table { head, rows } => {
                out.push_str("<table><thead><tr>");
                for h in head {
                    let _ = write!(out, "<th>{}</th>", esc(h));
                }
                out.push_str("</tr></thead><tbody>\n");
                for r in rows {
                    out.push_str("<tr>");
                    for cell in r {
                        let _ = write!(out, "<td>{}</td>", text(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody></table>\n");
            }
            Block::Quote(body) => {
                let _ = writeln!(out, "<blockquote>{}</blockquote>", to_safe_html(body));
            }
            Block::Sources(sources) => {
                out.push_str("<ol class=\"sources\">\n");
                for s in sources {
                    let _ = writeln!(
                        out,
                        "<li id=\"{r}\"><b>{r}</b> {} · {} · {}</li>",
                        s.date,
                        esc(&s.kind),
                        esc(&s.title),
                        r = esc(&s.reference)
                    );
                }
                out.push_str("</ol>\n");
            }
            Block::Closing(s) => {
                if in_section {
                    out.push_str("</section>\n");
                    in_section = false;
                }
                let _ = writeln!(out, "<footer>{}</footer>", esc(s));
            }
        }
    }
    if in_section {
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The growth summary as HTML.
pub fn to_html(s: &super::Summary) -> String {
    render(&super::outline::of_summary(s))
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use sha2::Digest;

    #[test]
    fn the_style_hash_is_the_hash_of_the_style() {
        let digest = sha2::Sha256::digest(super::STYLE.as_bytes());
        let hash = format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(digest)
        );
        assert_eq!(
            super::STYLE_HASH,
            hash,
            "STYLE changed: put the new hash in STYLE_HASH and in tauri.conf.json's CSP"
        );
    }
}

//! Pass one: the summary as pages of drawing operations on A4, measured with the same
//! fonts that are embedded, wrapped greedily at word boundaries.

use chrono::NaiveDate;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};
use trellis_core::summary::impact::ImpactReport;
use trellis_core::summary::phrases::Phrases;
use trellis_core::summary::{EntryRef, Summary, hours, words};

pub const PAGE_W: f32 = 595.0;
pub const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BOTTOM: f32 = PAGE_H - MARGIN;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

const INK: u32 = 0x1d2521;
const MUTED: u32 = 0x5b6660;
const ACCENT: u32 = 0x2f6b4f;
const LINE: u32 = 0xdfe4e0;
const SOFT: u32 = 0xe3f0e8;

/// One drawing operation; y grows downwards from the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Text {
        x: f32,
        /// Baseline.
        y: f32,
        size: f32,
        bold: bool,
        color: u32,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: u32,
    },
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        color: u32,
    },
}

struct Measure {
    font: FontRef<'static>,
    metrics: GlyphMetrics<'static>,
}

impl Measure {
    fn new(data: &'static [u8]) -> Result<Measure, String> {
        let font = FontRef::new(data).map_err(|e| format!("font: {e}"))?;
        // At size 1, advances come out in ems.
        let metrics = font.glyph_metrics(Size::new(1.0), LocationRef::default());
        Ok(Measure { font, metrics })
    }

    /// Width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let ems: f32 = text
            .chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| self.metrics.advance_width(g))
                    .unwrap_or(0.6)
            })
            .sum();
        ems * size
    }
}

pub struct Fonts {
    regular: Measure,
    bold: Measure,
}

impl Fonts {
    pub fn load() -> Result<Fonts, String> {
        Ok(Fonts {
            regular: Measure::new(dejavu::sans::regular())?,
            bold: Measure::new(dejavu::sans::bold())?,
        })
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        if bold {
            self.bold.width(text, size)
        } else {
            self.regular.width(text, size)
        }
    }
}

struct Writer<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'f> Writer<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Writer {
            fonts,
            pages: vec![vec![]],
            y: MARGIN,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(vec![]);
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page if `h` points do not fit on this one.
    fn need(&mut self, h: f32) {
        if self.y + h > BOTTOM {
            self.pages.push(vec![]);
            self.y = MARGIN;
        }
    }

    fn space(&mut self, h: f32) {
        self.y += h;
    }

    /// Breaks `text` into lines no wider than `width`.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = vec![];
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.fonts.width(&candidate, size, bold) <= width || line.is_empty() {
                line = candidate;
                // A single word wider than the line is cut where it overflows.
                while self.fonts.width(&line, size, bold) > width && line.chars().count() > 1 {
                    let mut cut = String::new();
                    for c in line.chars() {
                        if self.fonts.width(&format!("{cut}{c}"), size, bold) > width {
                            break;
                        }
                        cut.push(c);
                    }
                    if cut.is_empty() {
                        break;
                    }
                    line = line[cut.len()..].to_string();
                    lines.push(cut);
                }
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// A wrapped paragraph at `x` (relative to the margin).
    fn para(&mut self, text: &str, size: f32, bold: bool, color: u32, indent: f32) {
        let lead = size * 1.4;
        for line in self.wrap(text, size, bold, WIDTH - indent) {
            self.need(lead);
            let y = self.y + size;
            self.ops().push(Op::Text {
                x: MARGIN + indent,
                y,
                size,
                bold,
                color,
                text: line,
            });
            self.y += lead;
        }
    }

    fn title(&mut self, text: &str) {
        self.para(text, 20.0, true, INK, 0.0);
        self.space(2.0);
    }

    fn heading(&mut self, text: &str) {
        self.need(60.0);
        self.space(10.0);
        self.para(text, 14.0, true, INK, 0.0);
        let y = self.y;
        self.ops().push(Op::Rect {
            x: MARGIN,
            y,
            w: WIDTH,
            h: 1.5,
            color: SOFT,
        });
        self.space(8.0);
    }

    fn subheading(&mut self, text: &str) {
        self.need(40.0);
        self.space(4.0);
        self.para(text, 11.5, true, INK, 0.0);
    }

    fn text(&mut self, text: &str) {
        self.para(text, 10.5, false, INK, 0.0);
    }

    fn muted(&mut self, text: &str) {
        self.para(text, 10.0, false, MUTED, 0.0);
    }

    fn bullet(&mut self, text: &str) {
        self.need(15.0);
        let y = self.y + 10.5;
        self.ops().push(Op::Text {
            x: MARGIN + 4.0,
            y,
            size: 10.5,
            bold: false,
            color: ACCENT,
            text: "•".to_string(),
        });
        self.para(text, 10.5, false, INK, 16.0);
    }

    fn bar(&mut self, value: u8) {
        self.need(12.0);
        let y = self.y + 2.0;
        let w = 160.0;
        self.ops().push(Op::Rect {
            x: MARGIN,
            y,
            w,
            h: 6.0,
            color: LINE,
        });
        self.ops().push(Op::Rect {
            x: MARGIN,
            y,
            w: w * f32::from(value.min(100)) / 100.0,
            h: 6.0,
            color: ACCENT,
        });
        self.space(12.0);
    }

    /// A line chart of dated values between `lo` and `hi`, with labelled gridlines.
    fn chart(&mut self, points: &[(NaiveDate, f32)], lo: f32, hi: f32, grid: &[(f32, &str)]) {
        if points.is_empty() {
            return;
        }
        let h = 110.0;
        self.need(h + 20.0);
        let (top, left) = (self.y + 6.0, MARGIN + 52.0);
        let (w, ch) = (WIDTH - 60.0, h - 24.0);
        let day = |d: NaiveDate| d.signed_duration_since(points[0].0).num_days() as f32;
        let span = points.last().map_or(1.0, |p| day(p.0)).max(1.0);
        let x = |d: NaiveDate| left + day(d) / span * w;
        let y = |v: f32| top + (hi - v) / (hi - lo) * ch;
        for (v, label) in grid {
            self.ops().push(Op::Line {
                points: vec![(left, y(*v)), (left + w, y(*v))],
                width: 0.6,
                color: LINE,
            });
            self.ops().push(Op::Text {
                x: MARGIN,
                y: y(*v) + 3.0,
                size: 7.5,
                bold: false,
                color: MUTED,
                text: (*label).to_string(),
            });
        }
        let line: Vec<(f32, f32)> = points.iter().map(|(d, v)| (x(*d), y(*v))).collect();
        for (px, py) in &line {
            self.ops().push(Op::Rect {
                x: px - 2.0,
                y: py - 2.0,
                w: 4.0,
                h: 4.0,
                color: ACCENT,
            });
        }
        self.ops().push(Op::Line {
            points: line,
            width: 1.6,
            color: ACCENT,
        });
        let base = top + ch + 14.0;
        let first = points[0].0.to_string();
        let last = points.last().map_or(String::new(), |p| p.0.to_string());
        let last_w = self.fonts.width(&last, 7.5, false);
        for (tx, text) in [(left, first), (left + w - last_w, last)] {
            self.ops().push(Op::Text {
                x: tx,
                y: base,
                size: 7.5,
                bold: false,
                color: MUTED,
                text,
            });
        }
        self.y = base + 8.0;
    }

    /// A table with wrapped cells; `widths` are column widths in points.
    fn table(&mut self, header: &[&str], rows: &[Vec<String>], widths: &[f32]) {
        let size = 9.5;
        let lead = size * 1.35;
        let draw_row = |w: &mut Self, cells: &[String], bold: bool| {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(widths)
                .map(|(c, cw)| w.wrap(c, size, bold, cw - 6.0))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let h = lines as f32 * lead + 6.0;
            w.need(h);
            let top = w.y;
            let mut x = MARGIN;
            for (col, cw) in wrapped.iter().zip(widths) {
                for (i, line) in col.iter().enumerate() {
                    w.ops().push(Op::Text {
                        x,
                        y: top + 3.0 + size + i as f32 * lead,
                        size,
                        bold,
                        color: INK,
                        text: line.clone(),
                    });
                }
                x += cw;
            }
            w.y = top + h;
            let y = w.y;
            w.ops().push(Op::Rect {
                x: MARGIN,
                y,
                w: WIDTH,
                h: 0.6,
                color: LINE,
            });
        };
        let head: Vec<String> = header.iter().map(|h| (*h).to_string()).collect();
        draw_row(self, &head, true);
        for r in rows {
            draw_row(self, r, false);
        }
        self.space(6.0);
    }
}

fn cite(r: &EntryRef) -> String {
    format!("[{}, {}]", r.label, r.date)
}

/// Markdown to readable plain text lines (for highlight bodies).
fn plain(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .map(|l| {
            l.trim_start_matches('#')
                .replace("**", "")
                .replace("__", "")
                .replace('`', "")
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

pub fn lay_out(s: &Summary, fonts: &Fonts) -> Vec<Vec<Op>> {
    // PDF text is drawn as given: nothing to escape.
    let plain_text = |t: &str| t.to_string();
    let say = Phrases {
        esc: &plain_text,
        cite: &cite,
    };
    let mut w = Writer::new(fonts);
    let m = &s.mentee;
    w.title(&format!("Growth summary: {}", m.name));
    let who: Vec<&str> = [&m.role, &m.level, &m.team]
        .iter()
        .filter_map(|x| x.as_deref())
        .collect();
    let mut line = who.join(" · ");
    if let Some(d) = m.started {
        line.push_str(&format!(" — mentored since {d}"));
    }
    if !line.is_empty() {
        w.muted(&line);
    }
    w.muted(&format!("Period: {} to {}", s.since, s.until));

    let v = &s.overview;
    w.heading("Overview");
    w.bullet(&format!(
        "Pairing sessions: {} ({})",
        v.sessions,
        hours(v.session_minutes)
    ));
    w.bullet(&format!(
        "Notes: {}; track conversations: {}",
        v.notes, v.track_conversations
    ));
    w.bullet(&format!(
        "Goals: {} achieved, {} active",
        v.goals_achieved, v.goals_active
    ));

    w.heading("Goals");
    if s.goals.is_empty() {
        w.muted(words::NO_GOALS);
    }
    for g in &s.goals {
        w.subheading(&format!("{} — {}, {}%", g.title, g.status, g.progress));
        w.bar(g.progress);
        if let Some(t) = g.target {
            w.muted(&format!("Target: {t}"));
        }
        if let Some(why) = &g.why {
            w.text(&format!("Why: {why}"));
        }
        if g.check_ins.len() > 1 {
            let pts: Vec<(NaiveDate, f32)> = g
                .check_ins
                .iter()
                .map(|c| (c.date, f32::from(c.progress)))
                .collect();
            w.chart(
                &pts,
                0.0,
                100.0,
                &[(0.0, "0%"), (50.0, "50%"), (100.0, "100%")],
            );
        }
        for c in &g.check_ins {
            match &c.note {
                Some(n) => w.bullet(&format!("{} — {}%: {n}", c.date, c.progress)),
                None => w.bullet(&format!("{} — {}%", c.date, c.progress)),
            }
        }
        if !g.evidence.is_empty() {
            let ev: Vec<String> = g
                .evidence
                .iter()
                .map(|r| format!("{} {}", r.title, cite(r)))
                .collect();
            w.text(&format!("Evidence: {}", ev.join("; ")));
        }
    }

    w.heading("Skills");
    if s.skills.is_empty() {
        w.muted(words::NO_ASSESSMENTS);
    } else {
        let rows: Vec<Vec<String>> = s
            .skills
            .iter()
            .map(|k| {
                vec![
                    k.dimension_name.clone(),
                    k.from.as_ref().map_or("—".to_string(), |f| {
                        format!("{} ({}/{}, {})", f.level_name, f.rank, k.levels, f.date)
                    }),
                    format!(
                        "{} ({}/{}, {})",
                        k.to.level_name, k.to.rank, k.levels, k.to.date
                    ),
                    if k.evidence.is_empty() {
                        "—".to_string()
                    } else {
                        k.evidence.iter().map(cite).collect::<Vec<_>>().join(" ")
                    },
                ]
            })
            .collect();
        w.table(
            &["Dimension", "From", "To", "Evidence"],
            &rows,
            &[120.0, 115.0, 115.0, WIDTH - 350.0],
        );
    }

    let p = &s.pairing;
    w.heading("Pairing");
    if p.topics.is_empty() {
        w.muted(words::NO_SESSIONS);
    } else {
        for t in &p.topics {
            w.bullet(&say.topic(t));
        }
        if !p.independence.is_empty() {
            w.need(160.0); // keep the heading with its chart
            w.subheading("Independence (1 the lead drove … 5 the mentee led)");
            let pts: Vec<(NaiveDate, f32)> = p
                .independence
                .iter()
                .map(|i| (i.entry.date, f32::from(i.value)))
                .collect();
            w.chart(
                &pts,
                1.0,
                5.0,
                &[(1.0, "1 lead"), (3.0, "3"), (5.0, "5 mentee")],
            );
        }
        w.text(&say.driver_share(&p.driver_share));
    }

    let c = &s.career;
    w.heading("Career direction");
    if c.leaning.is_empty() {
        w.muted(words::NO_TRACKS);
    } else {
        let pts: Vec<(NaiveDate, f32)> = c
            .leaning
            .iter()
            .map(|l| (l.entry.date, f32::from(l.leaning)))
            .collect();
        w.chart(
            &pts,
            -2.0,
            2.0,
            &[(-2.0, "−2 IC"), (0.0, "0"), (2.0, "+2 mgmt")],
        );
        for l in &c.leaning {
            w.bullet(&say.leaning(l));
        }
        if !c.experiments.is_empty() {
            w.subheading("Experiments agreed");
            for x in &c.experiments {
                w.bullet(&format!("{} {}", x.text, cite(&x.entry)));
            }
        }
    }

    w.heading("Highlights");
    if s.highlights.is_empty() {
        w.muted(words::NO_HIGHLIGHTS);
    }
    for h in &s.highlights {
        w.subheading(&format!(
            "{} — {} {}",
            h.entry.date,
            h.entry.title,
            cite(&h.entry)
        ));
        for line in plain(&h.body) {
            w.para(&line, 10.0, false, INK, 10.0);
        }
    }

    w.heading("Next steps");
    let n = &s.next_steps;
    if n.open_actions.is_empty() && n.goals_due.is_empty() {
        w.muted(words::NOTHING_OPEN);
    }
    for a in &n.open_actions {
        w.bullet(&say.action(a));
    }
    for g in &n.goals_due {
        w.bullet(&say.goal_due(g));
    }
    w.space(14.0);
    w.muted("Every claim cites the dated journal entry behind it [E-…, date]. Private notes are not included.");

    footers(
        w,
        fonts,
        &format!("Growth summary: {} · {} to {}", m.name, s.since, s.until),
    )
}

/// Adds who-and-which-page footers and hands the pages over.
fn footers(mut w: Writer<'_>, fonts: &Fonts, name: &str) -> Vec<Vec<Op>> {
    let total = w.pages.len();
    for (i, page) in w.pages.iter_mut().enumerate() {
        let label = format!("Page {} of {}", i + 1, total);
        let label_w = fonts.width(&label, 8.0, false);
        page.push(Op::Text {
            x: MARGIN,
            y: PAGE_H - 28.0,
            size: 8.0,
            bold: false,
            color: MUTED,
            text: name.to_string(),
        });
        page.push(Op::Text {
            x: PAGE_W - MARGIN - label_w,
            y: PAGE_H - 28.0,
            size: 8.0,
            bold: false,
            color: MUTED,
            text: label,
        });
    }
    w.pages
}

pub fn lay_out_impact(r: &ImpactReport, fonts: &Fonts) -> Vec<Vec<Op>> {
    let mut w = Writer::new(fonts);
    w.title("Mentoring impact");
    w.muted(&format!("Period: {} to {}", r.since, r.until));
    let t = &r.totals;
    w.heading("Overview");
    w.bullet(&format!("Mentees: {}", t.mentees));
    w.bullet(&format!(
        "Pairing sessions: {} ({})",
        t.sessions,
        hours(t.session_minutes)
    ));
    w.bullet(&format!("Goals achieved: {}", t.goals_achieved));
    w.bullet(&format!("Level changes: {}", t.level_changes));
    w.heading("By mentee");
    if r.mentees.is_empty() {
        w.muted(words::NO_SESSIONS);
    }
    for m in &r.mentees {
        w.subheading(&m.name);
        w.bullet(&format!(
            "Sessions: {} ({}); goals achieved: {}",
            m.sessions,
            hours(m.session_minutes),
            m.goals_achieved
        ));
        if let (Some(a), Some(b)) = (m.independence_from, m.independence_to) {
            w.bullet(&format!(
                "Independence (first three → last three sessions): {a:.1} → {b:.1}"
            ));
        }
        for c in &m.level_changes {
            w.bullet(c);
        }
        if let Some(track) = &m.track {
            w.bullet(&format!("Career direction: {track}"));
        }
    }
    w.space(14.0);
    w.muted("Built from shareable entries only; private notes are not included.");
    footers(
        w,
        fonts,
        &format!("Mentoring impact · {} to {}", r.since, r.until),
    )
}

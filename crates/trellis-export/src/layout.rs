//! Pass one: an outline as pages of drawing operations on A4, measured with the same
//! fonts that are embedded, wrapped greedily at word boundaries in linear time (a word
//! wider than the line is cut where it overflows, measured one character at a time).

use std::collections::HashMap;

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};
use trellis_core::markdown::to_plain_lines;
use trellis_core::summary::outline::{Block, Chart, Outline, Span, Text};

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

    /// Advance of one character, in ems.
    fn em(&self, c: char) -> f32 {
        self.font
            .charmap()
            .map(c)
            .and_then(|g| self.metrics.advance_width(g))
            .unwrap_or(0.6)
    }

    /// Width of `text` at `size` points (advances add up: no kerning is applied).
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.em(c)).sum::<f32>() * size
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

/// What a drawing operation is in the document's logical structure (the tagged PDF's
/// reading order): the number is the block it belongs to, in reading order, so a
/// paragraph's lines (also across pages) form one element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title(u32),
    /// A heading of the given level (1 for sections, 2 below them).
    Heading(u32, u8),
    Para(u32),
    /// An item of a bulleted list.
    Item(u32),
    /// A chart or a progress bar; its description is in `Tagged::alt`.
    Figure(u32),
    /// Decoration and page furniture (rules, bullets' marks, footers): not read out.
    Artifact,
}

/// Pages of operations with the role of each, and the description of each figure.
pub struct Tagged {
    pub pages: Vec<Vec<(Op, Role)>>,
    pub alt: HashMap<u32, String>,
}

struct Writer<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<(Op, Role)>>,
    y: f32,
    /// The role of what is drawn now, and the number of the next block.
    role: Role,
    next: u32,
    alt: HashMap<u32, String>,
}

impl<'f> Writer<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Writer {
            fonts,
            pages: vec![vec![]],
            y: MARGIN,
            role: Role::Artifact,
            next: 0,
            alt: HashMap::new(),
        }
    }

    /// Draws `op` as part of the current block.
    fn push(&mut self, op: Op) {
        if self.pages.is_empty() {
            self.pages.push(vec![]);
        }
        let role = self.role;
        let last = self.pages.len() - 1;
        self.pages[last].push((op, role));
    }

    /// Draws `op` as decoration.
    fn push_artifact(&mut self, op: Op) {
        let role = std::mem::replace(&mut self.role, Role::Artifact);
        self.push(op);
        self.role = role;
    }

    /// Starts a new block with the role `make` gives its number.
    fn block(&mut self, make: impl FnOnce(u32) -> Role) {
        self.role = make(self.next);
        self.next += 1;
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

    /// Breaks `text` into lines no wider than `width`, in one pass: each character is
    /// measured once. A word wider than a line is cut where it overflows.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let font = if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        };
        let mut cache: HashMap<char, f32> = HashMap::new();
        let mut w = |c: char| *cache.entry(c).or_insert_with(|| font.em(c) * size);
        let space = w(' ');
        let mut lines = vec![];
        let mut line = String::new();
        let mut line_w = 0.0f32;
        for word in text.split_whitespace() {
            let word_w: f32 = word.chars().map(&mut w).sum();
            let sep = if line.is_empty() { 0.0 } else { space };
            if line_w + sep + word_w <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += sep + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            if word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            // Too wide for any line: cut it, one character at a time.
            for c in word.chars() {
                let cw = w(c);
                if line_w + cw > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += cw;
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
            self.push(Op::Text {
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
        self.block(Role::Title);
        self.para(text, 20.0, true, INK, 0.0);
        self.space(2.0);
    }

    fn heading(&mut self, text: &str) {
        self.need(60.0);
        self.space(10.0);
        self.block(|n| Role::Heading(n, 1));
        self.para(text, 14.0, true, INK, 0.0);
        let y = self.y;
        self.push_artifact(Op::Rect {
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
        self.block(|n| Role::Heading(n, 2));
        self.para(text, 11.5, true, INK, 0.0);
    }

    fn text(&mut self, text: &str) {
        self.block(Role::Para);
        self.para(text, 10.5, false, INK, 0.0);
    }

    fn muted(&mut self, text: &str) {
        self.block(Role::Para);
        self.para(text, 10.0, false, MUTED, 0.0);
    }

    fn bullet(&mut self, text: &str) {
        self.need(15.0);
        self.block(Role::Item);
        let y = self.y + 10.5;
        self.push_artifact(Op::Text {
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
        let n = self.next;
        self.block(Role::Figure);
        self.alt
            .insert(n, format!("Progress bar: {}%", value.min(100)));
        let y = self.y + 2.0;
        let w = 160.0;
        self.push(Op::Rect {
            x: MARGIN,
            y,
            w,
            h: 6.0,
            color: LINE,
        });
        self.push(Op::Rect {
            x: MARGIN,
            y,
            w: w * f32::from(value.min(100)) / 100.0,
            h: 6.0,
            color: ACCENT,
        });
        self.space(12.0);
    }

    /// A line chart of dated values between `lo` and `hi`, with labelled gridlines. The
    /// caller has made sure it fits on the page (with its heading).
    fn chart(&mut self, c: &Chart, heading: &str) {
        let points: Vec<(chrono::NaiveDate, f32)> =
            c.points.iter().map(|(d, v)| (*d, *v as f32)).collect();
        let (lo, hi) = (c.lo as f32, c.hi as f32);
        if points.is_empty() {
            return;
        }
        // Read out, the chart is its values in order.
        let n = self.next;
        self.block(Role::Figure);
        let values: Vec<String> = c.points.iter().map(|(d, v)| format!("{d}: {v}")).collect();
        self.alt.insert(
            n,
            format!(
                "Line chart, {heading}, from {} to {}: {}",
                c.lo,
                c.hi,
                values.join("; ")
            ),
        );
        let h = CHART_H;
        self.need(h + 20.0);
        let (top, left) = (self.y + 6.0, MARGIN + 52.0);
        let (w, ch) = (WIDTH - 60.0, h - 24.0);
        let day = |d: chrono::NaiveDate| d.signed_duration_since(points[0].0).num_days() as f32;
        let span = points.last().map_or(1.0, |p| day(p.0)).max(1.0);
        let x = |d: chrono::NaiveDate| left + day(d) / span * w;
        let y = |v: f32| top + (hi - v) / (hi - lo) * ch;
        for (v, label) in &c.grid {
            let v = &(*v as f32);
            self.push(Op::Line {
                points: vec![(left, y(*v)), (left + w, y(*v))],
                width: 0.6,
                color: LINE,
            });
            self.push(Op::Text {
                x: MARGIN,
                y: y(*v) + 3.0,
                size: 7.5,
                bold: false,
                color: MUTED,
                text: label.clone(),
            });
        }
        let line: Vec<(f32, f32)> = points.iter().map(|(d, v)| (x(*d), y(*v))).collect();
        for (px, py) in &line {
            self.push(Op::Rect {
                x: px - 2.0,
                y: py - 2.0,
                w: 4.0,
                h: 4.0,
                color: ACCENT,
            });
        }
        self.push(Op::Line {
            points: line,
            width: 1.6,
            color: ACCENT,
        });
        let base = top + ch + 14.0;
        let first = points[0].0.to_string();
        let last = points.last().map_or(String::new(), |p| p.0.to_string());
        let last_w = self.fonts.width(&last, 7.5, false);
        for (tx, text) in [(left, first), (left + w - last_w, last)] {
            self.push(Op::Text {
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
            // Each row reads as one paragraph, cell after cell.
            w.block(Role::Para);
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
                    w.push(Op::Text {
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
            w.push_artifact(Op::Rect {
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

const CHART_H: f32 = 110.0;

/// Running text as it is printed: citations as `[S3, 2026-03-21]`.
fn plain(t: &Text) -> String {
    t.iter()
        .map(|s| match s {
            Span::Text(x) => x.clone(),
            Span::Cite(c) => format!("[{}, {}]", c.reference, c.date),
        })
        .collect()
}

/// The outline as pages, each operation with its place in the logical structure.
pub fn lay_out(o: &Outline, fonts: &Fonts) -> Tagged {
    let mut w = Writer::new(fonts);
    w.title(&o.title);
    for block in &o.blocks {
        match block {
            Block::Meta(lines) => {
                for l in lines {
                    w.muted(l);
                }
            }
            Block::Section(title) => w.heading(title),
            Block::Sub(t) => w.subheading(&plain(t)),
            Block::Para(t) => w.text(&plain(t)),
            Block::Muted(s) => w.muted(s),
            Block::List(items) => {
                for i in items {
                    w.bullet(&plain(i));
                }
            }
            Block::Stats(stats) => {
                for (value, label) in stats {
                    w.bullet(&format!("{value} {label}"));
                }
            }
            Block::Progress(v) => w.bar(*v),
            Block::Figure { heading, chart } => {
                // The heading never stays behind at the foot of a page without its chart.
                w.need(40.0 + CHART_H + 20.0);
                w.subheading(heading);
                w.chart(chart, heading);
            }
            Block::Table { head, rows } => {
                let head: Vec<&str> = head.iter().map(String::as_str).collect();
                let rows: Vec<Vec<String>> =
                    rows.iter().map(|r| r.iter().map(plain).collect()).collect();
                let widths = match head.len() {
                    4 => vec![120.0, 115.0, 115.0, WIDTH - 350.0],
                    n => vec![WIDTH / n.max(1) as f32; n],
                };
                w.table(&head, &rows, &widths);
            }
            Block::Quote(body) => {
                w.block(Role::Para);
                for line in to_plain_lines(body) {
                    w.para(&line, 10.0, false, INK, 10.0);
                }
            }
            Block::Sources(sources) => {
                for s in sources {
                    w.block(Role::Para);
                    w.para(
                        &format!("{}  {} · {} · {}", s.reference, s.date, s.kind, s.title),
                        9.5,
                        false,
                        INK,
                        0.0,
                    );
                }
            }
            Block::Closing(s) => {
                w.space(14.0);
                w.muted(s);
            }
        }
    }
    footers(w, fonts, &o.running)
}

/// Adds who-and-which-page footers and hands the pages over.
fn footers(mut w: Writer<'_>, fonts: &Fonts, name: &str) -> Tagged {
    let total = w.pages.len();
    for (i, page) in w.pages.iter_mut().enumerate() {
        let label = format!("Page {} of {}", i + 1, total);
        let label_w = fonts.width(&label, 8.0, false);
        page.push((
            Op::Text {
                x: MARGIN,
                y: PAGE_H - 28.0,
                size: 8.0,
                bold: false,
                color: MUTED,
                text: name.to_string(),
            },
            Role::Artifact,
        ));
        page.push((
            Op::Text {
                x: PAGE_W - MARGIN - label_w,
                y: PAGE_H - 28.0,
                size: 8.0,
                bold: false,
                color: MUTED,
                text: label,
            },
            Role::Artifact,
        ));
    }
    Tagged {
        pages: w.pages,
        alt: w.alt,
    }
}

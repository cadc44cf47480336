//! Growth summaries as PDF: typeset offline with krilla, DejaVu Sans embedded (subset),
//! charts drawn as vector paths. Layout is two-pass: the summary becomes pages of simple
//! drawing operations (text runs, lines, rectangles, polylines), which are then painted.
//! This crate is separate so the core's build stays fast.

mod layout;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use trellis_core::summary::impact::ImpactReport;
use trellis_core::summary::{Format, Summary};

pub use layout::{Op, PAGE_H, PAGE_W};

/// The summary as a file's bytes in any export format (text formats from the core,
/// PDF typeset here). Always the export view: the private list is never included.
pub fn export(format: Format, summary: &Summary) -> Result<Vec<u8>, String> {
    let summary = trellis_core::summary::for_export(summary);
    match format.render_text(&summary) {
        Some(text) => Ok(text.into_bytes()),
        None => to_pdf(&summary),
    }
}

/// Renders the summary (as it leaves the app) to PDF bytes.
pub fn to_pdf(summary: &Summary) -> Result<Vec<u8>, String> {
    let fonts = layout::Fonts::load()?;
    let pages = layout::lay_out(summary, &fonts);
    paint(&pages, format!("Growth summary: {}", summary.mentee.name))
}

/// Renders the lead's mentoring-impact report to PDF bytes.
pub fn impact_to_pdf(report: &ImpactReport) -> Result<Vec<u8>, String> {
    let fonts = layout::Fonts::load()?;
    let pages = layout::lay_out_impact(report, &fonts);
    paint(
        &pages,
        format!("Mentoring impact {} to {}", report.since, report.until),
    )
}

/// The impact report in any export format.
pub fn export_impact(format: Format, report: &ImpactReport) -> Result<Vec<u8>, String> {
    use trellis_core::summary::impact;
    Ok(match format {
        Format::Md => impact::to_markdown(report).into_bytes(),
        Format::Html => impact::to_html(report).into_bytes(),
        Format::Json => impact::to_json(report).into_bytes(),
        Format::Pdf => impact_to_pdf(report)?,
    })
}

/// Pass two: paints pages of operations into a PDF.
fn paint(pages: &[Vec<Op>], title: String) -> Result<Vec<u8>, String> {
    let regular = Font::new(dejavu::sans::regular().to_vec().into(), 0)
        .ok_or("the embedded regular font could not be read")?;
    let bold = Font::new(dejavu::sans::bold().to_vec().into(), 0)
        .ok_or("the embedded bold font could not be read")?;
    let mut document = Document::new();
    document.set_metadata(Metadata::new().title(title).creator("Trellis".to_string()));
    for ops in pages {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    color,
                    text,
                } => {
                    surface.set_fill(Some(fill(*color)));
                    let font = if *b { bold.clone() } else { regular.clone() };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect { x, y, w, h, color } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x, *y);
                    pb.line_to(x + w, *y);
                    pb.line_to(x + w, y + h);
                    pb.line_to(*x, y + h);
                    pb.close();
                    if let Some(path) = pb.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(fill(*color)));
                        surface.draw_path(&path);
                    }
                }
                Op::Line {
                    points,
                    width,
                    color,
                } => {
                    let mut pb = PathBuilder::new();
                    for (i, (px, py)) in points.iter().enumerate() {
                        if i == 0 {
                            pb.move_to(*px, *py);
                        } else {
                            pb.line_to(*px, *py);
                        }
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb_color(*color).into(),
                            width: *width,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

fn rgb_color(c: u32) -> rgb::Color {
    rgb::Color::new((c >> 16) as u8, (c >> 8) as u8, c as u8)
}

fn fill(c: u32) -> Fill {
    Fill {
        paint: rgb_color(c).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

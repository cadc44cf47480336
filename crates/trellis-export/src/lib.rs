//! Trellis summaries as files. Markdown, HTML and JSON come from the core's renderers of
//! one outline; the PDF is typeset here, offline, with krilla (DejaVu Sans embedded,
//! subset; charts as vector paths), from the same outline. Layout is two-pass: the outline
//! becomes pages of simple drawing operations (text runs, lines, rectangles, polylines),
//! which are then painted. `export_summary` is the one call both faces use to put a
//! summary on disk: render, check the target, write privately.

mod layout;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use trellis_core::files::{Target, write_export};
use trellis_core::summary::impact::ImpactReport;
use trellis_core::summary::outline::{self, Outline};
use trellis_core::summary::{Format, Summary};

pub use layout::{Op, PAGE_H, PAGE_W};

/// What can go wrong turning a summary into a file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The target was refused, or the file could not be written.
    #[error(transparent)]
    Journal(#[from] trellis_core::Error),
    /// The PDF could not be typeset (a font or the PDF writer failed).
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
}

impl From<ExportError> for trellis_core::Error {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Journal(e) => e,
            ExportError::Pdf(why) => trellis_core::Error::Render(why),
        }
    }
}

/// The summary as a file's bytes in any export format. A `Summary` holds only what may
/// leave the app, so whatever comes out of here may too.
pub fn render(format: Format, summary: &Summary) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Md => trellis_core::summary::to_markdown(summary).into_bytes(),
        Format::Html => trellis_core::summary::to_html(summary).into_bytes(),
        Format::Json => trellis_core::summary::to_json(summary).into_bytes(),
        Format::Pdf => to_pdf(&outline::of_summary(summary))?,
    })
}

/// The lead's mentoring-impact report in any export format.
pub fn render_impact(format: Format, report: &ImpactReport) -> Result<Vec<u8>, ExportError> {
    use trellis_core::summary::impact;
    Ok(match format {
        Format::Md => impact::to_markdown(report).into_bytes(),
        Format::Html => impact::to_html(report).into_bytes(),
        Format::Json => impact::to_json(report).into_bytes(),
        Format::Pdf => to_pdf(&outline::of_impact(report))?,
    })
}

/// Renders the summary and writes it to `target` — checked first (never the journal, a
/// backup, a database, or an existing file unless `replace`), then atomically, 0600.
pub fn export_summary(
    summary: &Summary,
    format: Format,
    target: &Target<'_>,
) -> Result<(), ExportError> {
    trellis_core::files::check_target(target)?;
    let bytes = render(format, summary)?;
    write_export(target, &bytes)?;
    Ok(())
}

/// The same for the impact report.
pub fn export_impact(
    report: &ImpactReport,
    format: Format,
    target: &Target<'_>,
) -> Result<(), ExportError> {
    trellis_core::files::check_target(target)?;
    let bytes = render_impact(format, report)?;
    write_export(target, &bytes)?;
    Ok(())
}

/// An outline typeset as PDF bytes.
pub fn to_pdf(o: &Outline) -> Result<Vec<u8>, ExportError> {
    let pages = pages(o)?;
    paint(&pages, o.title.clone()).map_err(ExportError::Pdf)
}

/// The pages an outline is laid out on, as drawing operations (what `to_pdf` paints).
pub fn pages(o: &Outline) -> Result<Vec<Vec<Op>>, ExportError> {
    let fonts = layout::Fonts::load().map_err(ExportError::Pdf)?;
    Ok(layout::lay_out(o, &fonts))
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

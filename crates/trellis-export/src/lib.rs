//! Trellis summaries as files. Markdown, HTML and JSON come from the core's renderers of
//! one outline; the PDF is typeset here, offline, with krilla (DejaVu Sans embedded,
//! subset; charts as vector paths), from the same outline. Layout is two-pass: the outline
//! becomes pages of simple drawing operations (text runs, lines, rectangles, polylines),
//! which are then painted. `export_summary` is the one call both faces use to put a
//! summary on disk: render, check the target, write privately.

mod layout;

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use trellis_core::files::{Target, write_export};
use trellis_core::summary::impact::ImpactReport;
use trellis_core::summary::outline::{self, Outline};
use trellis_core::summary::{Format, Summary};

pub use layout::{Op, PAGE_H, PAGE_W, Role};

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

/// An outline typeset as PDF bytes: tagged (headings, paragraphs, lists in reading
/// order; charts as figures with their values as alternative text; decoration and
/// footers as artifacts) and archival, PDF/A-2a, checked by krilla as it writes.
pub fn to_pdf(o: &Outline) -> Result<Vec<u8>, ExportError> {
    let fonts = layout::Fonts::load().map_err(ExportError::Pdf)?;
    let tagged = layout::lay_out(o, &fonts);
    paint(&tagged, o.title.clone(), o.date).map_err(ExportError::Pdf)
}

/// The pages an outline is laid out on, as drawing operations (what `to_pdf` paints).
pub fn pages(o: &Outline) -> Result<Vec<Vec<Op>>, ExportError> {
    let fonts = layout::Fonts::load().map_err(ExportError::Pdf)?;
    Ok(layout::lay_out(o, &fonts)
        .pages
        .into_iter()
        .map(|p| p.into_iter().map(|(op, _)| op).collect())
        .collect())
}

/// The tag tree of the whole document, in reading order, from the identifiers of the
/// content each block painted.
fn tag_tree(
    blocks: std::collections::BTreeMap<u32, (Role, Vec<Identifier>)>,
    alt: &std::collections::HashMap<u32, String>,
) -> TagTree {
    let mut tree = TagTree::new();
    let mut list: Option<TagGroup> = None;
    for (n, (role, ids)) in blocks {
        let mut group = match role {
            // The document's title is its one H1 (PDF 1.7 has no Title role); sections are
            // H2, what is under them H3.
            Role::Title(_) => TagGroup::new(Tag::Hn(NonZeroU16::MIN, None)),
            Role::Heading(_, level) => TagGroup::new(Tag::Hn(
                NonZeroU16::new(u16::from(level) + 1).unwrap_or(NonZeroU16::MIN),
                None,
            )),
            Role::Para(_) => TagGroup::new(Tag::P),
            Role::Item(_) => TagGroup::new(Tag::LBody),
            Role::Figure(_) => TagGroup::new(Tag::Figure(alt.get(&n).cloned())),
            Role::Artifact => continue,
        };
        for id in ids {
            group.push(id);
        }
        if matches!(role, Role::Item(_)) {
            let mut item = TagGroup::new(Tag::LI);
            item.push(group);
            list.get_or_insert_with(|| TagGroup::new(Tag::L(ListNumbering::Disc)))
                .push(item);
            continue;
        }
        if let Some(l) = list.take() {
            tree.push(l);
        }
        tree.push(group);
    }
    if let Some(l) = list.take() {
        tree.push(l);
    }
    tree
}

/// Pass two: paints pages of operations into a PDF.
fn paint(
    tagged: &layout::Tagged,
    title: String,
    date: chrono::NaiveDate,
) -> Result<Vec<u8>, String> {
    let pages = &tagged.pages;
    let regular = Font::new(dejavu::sans::regular().to_vec().into(), 0)
        .ok_or("the embedded regular font could not be read")?;
    let bold = Font::new(dejavu::sans::bold().to_vec().into(), 0)
        .ok_or("the embedded bold font could not be read")?;
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_A)
        .finish()
        .map_err(|e| format!("PDF/A-2a cannot be written: {e:?}"))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    });
    // PDF/A wants the document's date: the day it speaks as of (not the clock, so the
    // same summary is the same file — the privacy test compares bytes).
    let made = {
        use chrono::Datelike;
        DateTime::new(u16::try_from(date.year()).unwrap_or(9999))
            .month(date.month() as u8)
            .day(date.day() as u8)
            .hour(0)
            .minute(0)
            .second(0)
            .utc_offset_hour(0)
    };
    document.set_metadata(
        Metadata::new()
            .title(title)
            .language("en".to_string())
            .creator("Trellis".to_string())
            .creation_date(made),
    );
    let mut blocks: std::collections::BTreeMap<u32, (Role, Vec<Identifier>)> =
        std::collections::BTreeMap::new();
    for ops in pages {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for (op, role) in ops {
            let block = match role {
                Role::Title(n)
                | Role::Heading(n, _)
                | Role::Para(n)
                | Role::Item(n)
                | Role::Figure(n) => Some(*n),
                Role::Artifact => None,
            };
            let id = surface.start_tagged(match (block, op) {
                (None, _) => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)),
                (Some(_), Op::Text { .. }) => ContentTag::Span(SpanTag::empty()),
                (Some(_), _) => ContentTag::Other,
            });
            if let Some(n) = block {
                blocks
                    .entry(n)
                    .or_insert_with(|| (*role, vec![]))
                    .1
                    .push(id);
            }
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
            surface.end_tagged();
        }
        surface.finish();
        page.finish();
    }
    document.set_tag_tree(tag_tree(blocks, &tagged.alt));
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

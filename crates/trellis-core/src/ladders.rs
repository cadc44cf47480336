//! Ladder files: what `framework import` reads and `framework export` writes.
//!
//! Three formats are read, told apart by their content (never by running anything):
//! - Trellis's own framework JSON (`docs/frameworks.md`, `docs/framework.schema.json`),
//!   which export writes; export → import is lossless;
//! - the Financial Times job-family YAML (`levels`, `themes`, `competencies`);
//! - Monzo's progression-framework Markdown, whose YAML front matter holds `levels: N`
//!   and `topics` (a topic may start above level 1 or stop below the top: the levels
//!   it does not describe have no expectation, and it is not assessed there).
//!
//! A ladder shipped as code (a JavaScript module) is refused with how to convert it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Branch, Dimension, Error, Expectation, Ladder, Level, Result, slug};

/// The `format` field of Trellis's framework JSON.
pub const FORMAT: &str = "trellis-framework";
/// The version this build writes (and the only one so far).
pub const VERSION: u32 = 1;
/// Larger files are refused before they are parsed.
pub const MAX_LADDER_BYTES: usize = 4 * 1024 * 1024;

/// A ladder read from a file, and what it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderFile {
    pub ladder: Ladder,
    /// "Financial Times job-family YAML", …
    pub format: &'static str,
}

impl LadderFile {
    /// Where it came from, as the journal keeps it: "Monzo progression Markdown, web.md".
    pub fn source(&self, file_name: &str) -> String {
        format!("{}, {file_name}", self.format)
    }
}

const ACCEPTED: &str = "Trellis reads its own framework JSON (what Export writes), the Financial Times job-family YAML (levels, themes, competencies) and Monzo progression-framework Markdown (YAML front matter with levels and topics)";

fn bad(file: &str, message: impl Into<String>) -> Error {
    Error::invalid("file", format!("{file}: {}", message.into()))
}

/// Reads a ladder file. `file_name` is only for messages and the format guess of a
/// JavaScript module; the content decides the format.
pub fn read(bytes: &[u8], file_name: &str) -> Result<LadderFile> {
    if bytes.len() > MAX_LADDER_BYTES {
        return Err(bad(
            file_name,
            format!(
                "is larger than {} MiB; a career ladder is far smaller",
                MAX_LADDER_BYTES / 1024 / 1024
            ),
        ));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(bad(
            file_name,
            format!("is not UTF-8 text, so not a ladder. {ACCEPTED}"),
        ));
    };
    let text = text.trim_start_matches('\u{feff}');
    let lower = file_name.to_lowercase();
    if [".js", ".mjs", ".cjs", ".ts", ".jsx", ".tsx"]
        .iter()
        .any(|e| lower.ends_with(e))
        || looks_like_code(text)
    {
        return Err(bad(
            file_name,
            "looks like a JavaScript module. Trellis never runs code from a file; convert the ladder to data first: export it as JSON (for example print JSON.stringify of the module's export with Node), reshape it into Trellis framework JSON (docs/frameworks.md), and import that",
        ));
    }
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        return trellis_json(trimmed, file_name);
    }
    if let Some(front) = front_matter(text) {
        return monzo(front, text, file_name);
    }
    if text.starts_with("---\n") || text.starts_with("---\r\n") {
        return Err(bad(
            file_name,
            format!("starts front matter (---) that never ends with a --- line. {ACCEPTED}"),
        ));
    }
    ft_yaml(text, file_name)
}

/// Reads a ladder file from disk (bounded) and parses it.
pub fn read_file(path: &std::path::Path) -> Result<LadderFile> {
    let bytes = crate::files::read_bounded(path, MAX_LADDER_BYTES, "a ladder")?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string());
    read(&bytes, &name)
}

fn looks_like_code(text: &str) -> bool {
    text.lines().take(200).any(|l| {
        let l = l.trim_start();
        l.starts_with("module.exports")
            || l.starts_with("export default")
            || l.starts_with("export const")
            || l.starts_with("exports.")
            || (l.starts_with("const ") && l.contains("require("))
            || (l.starts_with("import ") && l.contains(" from "))
    })
}

/// Trellis's own framework JSON, as `export` writes it.
pub fn to_json(ladder: &Ladder) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        format: &'static str,
        version: u32,
        #[serde(flatten)]
        ladder: &'a Ladder,
    }
    let mut s = serde_json::to_string_pretty(&Out {
        format: FORMAT,
        version: VERSION,
        ladder,
    })
    .unwrap_or_default();
    s.push('\n');
    s
}

fn trellis_json(text: &str, file: &str) -> Result<LadderFile> {
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| bad(file, format!("is not valid JSON ({e})")))?;
    let Some(obj) = value.as_object_mut() else {
        return Err(bad(file, ACCEPTED));
    };
    match obj.remove("format").as_ref().and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some("trellis-archive") => {
            return Err(bad(
                file,
                "is a Trellis archive (a whole journal); import it with `trellis import`, or export one ladder with `trellis framework export`",
            ));
        }
        _ => {
            return Err(bad(
                file,
                format!(
                    "is JSON but not Trellis framework JSON (\"format\": \"{FORMAT}\"). {ACCEPTED}"
                ),
            ));
        }
    }
    match obj.remove("version").as_ref().and_then(Value::as_u64) {
        Some(1) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(bad(
                file,
                format!("is version {v}, written by a newer Trellis; upgrade to import it"),
            ));
        }
        _ => {
            return Err(bad(
                file,
                format!("\"version\" must be {VERSION}, the version this Trellis reads"),
            ));
        }
    }
    let ladder: Ladder = serde_path_to_error::deserialize(value)
        .map_err(|e| bad(file, format!("{}: {}", e.path(), e.inner())))?;
    Ok(LadderFile {
        ladder: ladder.normalize().map_err(|e| bad(file, e.to_string()))?,
        format: "Trellis framework JSON",
    })
}

fn yaml<T: serde::de::DeserializeOwned>(text: &str) -> std::result::Result<T, String> {
    // Duplicate keys are an error (the default), aliases are bounded by the parser's
    // own alias-replay limits, and nothing is included from other files.
    serde_saphyr::from_str(text).map_err(|e| {
        let s = e.to_string();
        // The first line says what; the rest is a source excerpt.
        s.lines().next().unwrap_or("not valid YAML").to_string()
    })
}

#[derive(Deserialize)]
struct FtFamily {
    name: String,
    #[serde(default)]
    summary: String,
    levels: Vec<FtLevel>,
    themes: Vec<FtTheme>,
    competencies: Vec<FtCompetency>,
}

#[derive(Deserialize)]
struct FtLevel {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct FtTheme {
    id: String,
    name: String,
    #[serde(default)]
    summary: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FtCompetency {
    level: String,
    theme: String,
    summary: String,
    #[serde(default)]
    proficiency: Option<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    supporting_urls: Vec<FtLink>,
}

#[derive(Deserialize)]
struct FtLink {
    label: String,
    url: String,
}

/// The branch a level's id or name names: `-ic` / "(Individual Contributor)" is IC,
/// `-pm` / "(People Manager)" is the manager branch.
fn branch_of(id: &str, name: &str) -> Option<Branch> {
    let id = id.to_lowercase();
    let name = name.to_lowercase();
    if id.ends_with("-ic") || name.contains("(individual contributor)") || name.ends_with("(ic)") {
        Some(Branch::Ic)
    } else if id.ends_with("-pm")
        || id.ends_with("-manager")
        || name.contains("(people manager)")
        || name.contains("(manager)")
    {
        Some(Branch::Manager)
    } else {
        None
    }
}

fn ft_yaml(text: &str, file: &str) -> Result<LadderFile> {
    let probe: std::result::Result<Value, String> = yaml(text);
    let is_ft = matches!(&probe, Ok(Value::Object(o))
        if o.contains_key("levels") && o.contains_key("themes") && o.contains_key("competencies"));
    if !is_ft {
        return Err(bad(
            file,
            match probe {
                Err(e) => format!("is not a ladder Trellis can read ({e}). {ACCEPTED}"),
                Ok(_) => format!("is not a ladder Trellis can read. {ACCEPTED}"),
            },
        ));
    }
    let f: FtFamily = yaml(text).map_err(|e| {
        bad(
            file,
            format!("looks like a Financial Times job family but {e}"),
        )
    })?;
    let levels: Vec<Level> = f
        .levels
        .iter()
        .map(|l| Level {
            key: l.id.clone(),
            name: l.name.clone(),
            description: String::new(),
            branch: branch_of(&l.id, &l.name),
            retired: false,
        })
        .collect();
    let mut dimensions: Vec<Dimension> = f
        .themes
        .iter()
        .map(|t| Dimension {
            key: t.id.clone(),
            name: t.name.clone(),
            description: t.summary.trim().to_string(),
            retired: false,
            expectations: vec![],
        })
        .collect();
    for (i, c) in f.competencies.iter().enumerate() {
        if !levels.iter().any(|l| l.key == c.level) {
            return Err(bad(
                file,
                format!(
                    "competencies[{i}].level '{}' is not one of its levels",
                    c.level
                ),
            ));
        }
        let Some(d) = dimensions.iter_mut().find(|d| d.key == c.theme) else {
            return Err(bad(
                file,
                format!(
                    "competencies[{i}].theme '{}' is not one of its themes",
                    c.theme
                ),
            ));
        };
        let mut text = c.summary.trim().to_string();
        if let Some(p) = &c.proficiency {
            text.push_str(&format!("\n\nProficiency: {p}"));
        }
        if !c.examples.is_empty() {
            text.push_str("\n\nExamples:");
            for e in &c.examples {
                text.push_str(&format!("\n- {}", e.trim()));
            }
        }
        for u in &c.supporting_urls {
            text.push_str(&format!("\n\n[{}]({})", u.label.trim(), u.url.trim()));
        }
        // Two competencies for one level and theme: both are kept, one after the other.
        match d.expectations.iter_mut().find(|e| e.level == c.level) {
            Some(e) => {
                e.description.push_str("\n\n");
                e.description.push_str(&text);
            }
            None => d.expectations.push(Expectation {
                level: c.level.clone(),
                description: text,
            }),
        }
    }
    let ladder = Ladder {
        key: format!("ft-{}", slug(&f.name)),
        name: f.name,
        description: f.summary.trim().to_string(),
        levels,
        dimensions,
    };
    Ok(LadderFile {
        ladder: ladder.normalize().map_err(|e| bad(file, e.to_string()))?,
        format: "Financial Times job-family YAML",
    })
}

/// The YAML between a first line `---` and the next `---` line.
fn front_matter(text: &str) -> Option<&str> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let end = rest.match_indices("\n---").map(|(i, _)| i).find(|&i| {
        let after = &rest[i + 4..];
        after.is_empty() || after.starts_with('\n') || after.starts_with("\r\n")
    })?;
    Some(&rest[..end + 1])
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MonzoFramework {
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    title: Option<String>,
    levels: u32,
    topics: Vec<MonzoTopic>,
}

#[derive(Deserialize)]
struct MonzoTopic {
    name: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    content: Vec<MonzoContent>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MonzoContent {
    level: u32,
    #[serde(default)]
    criteria: Vec<String>,
    #[serde(default)]
    example_criteria: Vec<MonzoExample>,
}

#[derive(Deserialize)]
struct MonzoExample {
    criteria: String,
    #[serde(default)]
    examples: Vec<String>,
}

fn monzo(front: &str, whole: &str, file: &str) -> Result<LadderFile> {
    let m: MonzoFramework = yaml(front).map_err(|e| {
        bad(
            file,
            format!("has front matter, but not a Monzo progression framework's ({e}). {ACCEPTED}"),
        )
    })?;
    if m.levels == 0 || m.levels as usize > crate::MAX_PARTS {
        return Err(bad(file, format!("levels: {} is out of range", m.levels)));
    }
    let levels: Vec<Level> = (1..=m.levels)
        .map(|n| Level {
            key: n.to_string(),
            name: format!("Level {n}"),
            description: String::new(),
            branch: None,
            retired: false,
        })
        .collect();
    let mut dimensions = vec![];
    for (i, t) in m.topics.iter().enumerate() {
        let mut expectations: Vec<Expectation> = vec![];
        for (n, c) in t.content.iter().enumerate() {
            if c.level == 0 || c.level > m.levels {
                return Err(bad(
                    file,
                    format!(
                        "topics[{i}].content[{n}].level {} is outside 1..{}",
                        c.level, m.levels
                    ),
                ));
            }
            let mut lines: Vec<String> = c
                .criteria
                .iter()
                .map(|x| format!("- {}", x.trim()))
                .collect();
            for x in &c.example_criteria {
                lines.push(format!("- {}", x.criteria.trim()));
                for e in &x.examples {
                    lines.push(format!("  - e.g. {}", e.trim()));
                }
            }
            let text = lines.join("\n");
            match expectations
                .iter_mut()
                .find(|e| e.level == c.level.to_string())
            {
                Some(e) => {
                    e.description.push('\n');
                    e.description.push_str(&text);
                }
                None => expectations.push(Expectation {
                    level: c.level.to_string(),
                    description: text,
                }),
            }
        }
        dimensions.push(Dimension {
            key: t.name.clone(),
            // An empty title stays empty: the topic's key is shown for it.
            name: t.title.clone().unwrap_or_default(),
            description: String::new(),
            retired: false,
            expectations,
        });
    }
    let body = whole
        .get(4 + front.len()..)
        .and_then(|r| r.split_once('\n').map(|(_, b)| b))
        .unwrap_or("")
        .trim();
    let name = m.title.clone().unwrap_or_default();
    let base = m
        .path
        .as_deref()
        .map(slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| slug(&name));
    let ladder = Ladder {
        key: format!("monzo-{base}"),
        name,
        description: body.chars().take(crate::MAX_TEXT_CHARS).collect(),
        levels,
        dimensions,
    };
    Ok(LadderFile {
        ladder: ladder.normalize().map_err(|e| bad(file, e.to_string()))?,
        format: "Monzo progression Markdown",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_refused_with_how_to_convert_it() {
        let e = read(b"module.exports = { levels: [] }", "ladder.js")
            .expect_err("code is refused")
            .to_string();
        assert!(e.contains("never runs code") && e.contains("JSON"), "{e}");
        let e = read(b"export default {}\n", "ladder.txt")
            .expect_err("code is refused")
            .to_string();
        assert!(e.contains("JavaScript"), "{e}");
    }

    #[test]
    fn anything_else_names_the_accepted_formats() {
        for (bytes, name) in [
            (&b"hello: world\n"[..], "x.yml"),
            (b"# Notes\nplain text", "notes.md"),
            (b"{\"a\": 1}", "x.json"),
            (b"\xff\xfe\x00", "x.bin"),
            (b"", "empty.json"),
        ] {
            let e = read(bytes, name).expect_err("refused").to_string();
            assert!(
                e.contains("Trellis reads") || e.contains("not UTF-8"),
                "{name}: {e}"
            );
        }
    }

    #[test]
    fn an_alias_bomb_is_refused_not_expanded() {
        let mut y = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            y.push_str(&format!("l{i}: &l{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        y.push_str("levels: []\nthemes: []\ncompetencies: []\n");
        let started = std::time::Instant::now();
        assert!(read(y.as_bytes(), "bomb.yml").is_err());
        assert!(started.elapsed().as_secs() < 5, "refused quickly");
    }
}

//! Templates: a named starting point for an entry of one kind (and, for notes, one
//! subkind) — a body with its headings and the structured fields a kind has. Stored in
//! the journal, edited in both faces, carried by the archive. Trellis ships a few of its
//! own (`DEFAULT_TEMPLATES`), with fixed ids so the same default in two journals is the
//! same record.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::values::*;
use crate::{Error, Result};

/// The structured fields a template fills (those of its kind; the others stay empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct TemplateFields {
    /// A pairing session's topic.
    #[serde(default)]
    pub topic: Option<String>,
    #[serde(default)]
    pub went_well: Option<String>,
    #[serde(default)]
    pub to_improve: Option<String>,
    #[serde(default)]
    pub energizers: Option<String>,
    #[serde(default)]
    pub drainers: Option<String>,
    /// A track conversation's experiments.
    #[serde(default)]
    pub experiments: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(deny_unknown_fields))]
pub struct Template {
    pub id: Id,
    /// Unique per kind, case aside.
    pub name: String,
    pub kind: EntryKind,
    /// For notes: the subkind the template is for (`None`: any note).
    pub subkind: Option<NoteKind>,
    /// Markdown; an empty line under a heading is where the writing starts.
    pub body: String,
    pub fields: TemplateFields,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A template as typed (add or edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewTemplate {
    pub name: String,
    pub kind: EntryKind,
    pub subkind: Option<NoteKind>,
    pub body: String,
    pub fields: TemplateFields,
}

impl NewTemplate {
    /// Checks and normalizes it as every template is stored: trimmed name (a line, at
    /// most 80 characters), a bounded body, the fields of its kind only, canonical tags.
    pub fn into_template(
        self,
        id: Id,
        created_at: DateTime<Utc>,
        updated_at: DateTime<Utc>,
    ) -> Result<Template> {
        let name = required_line("name", &self.name)?;
        if name.chars().count() > 80 {
            return Err(Error::invalid("name", "is longer than 80 characters"));
        }
        // A name is picked from a list and typed on a command line: nothing invisible in
        // it (zero-width characters, direction overrides) that would make two look alike.
        if name.chars().any(invisible) {
            return Err(Error::invalid(
                "name",
                "holds an invisible character (zero-width or a direction mark)",
            ));
        }
        if self.subkind.is_some() && self.kind != EntryKind::Note {
            return Err(Error::invalid(
                "subkind",
                "only a note template has a subkind",
            ));
        }
        let f = self.fields;
        let session = self.kind == EntryKind::Session;
        let track = self.kind == EntryKind::Track;
        let only = |field: &'static str, ok: bool, v: Option<String>, multi: bool| {
            let v = match v {
                Some(v) if multi => optional_text(field, &v)?,
                Some(v) => optional_line(field, &v)?,
                None => None,
            };
            if v.is_some() && !ok {
                return Err(Error::invalid(
                    field,
                    format!("is not a field of a {} template", self.kind),
                ));
            }
            Ok(v)
        };
        let fields = TemplateFields {
            topic: only("topic", session, f.topic, false)?,
            went_well: only("went_well", session, f.went_well, true)?,
            to_improve: only("to_improve", session, f.to_improve, true)?,
            energizers: only("energizers", track, f.energizers, true)?,
            drainers: only("drainers", track, f.drainers, true)?,
            experiments: {
                let x = f
                    .experiments
                    .iter()
                    .map(|x| required_line("experiment", x))
                    .collect::<Result<Vec<_>>>()?;
                if !x.is_empty() && !track {
                    return Err(Error::invalid(
                        "experiment",
                        format!("is not a field of a {} template", self.kind),
                    ));
                }
                x
            },
            tags: normalize_labels("tag", f.tags)?,
        };
        Ok(Template {
            id,
            name,
            kind: self.kind,
            subkind: self.subkind,
            body: normalize_body(&self.body)?,
            fields,
            created_at,
            updated_at,
        })
    }
}

/// Format characters that print as nothing.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// One of Trellis's own templates, as the migration wrote it (never edited since).
pub fn is_untouched_default(t: &Template) -> bool {
    DEFAULT_TEMPLATE_IDS
        .iter()
        .any(|id| *id == t.id.to_string())
        && DEFAULT_TEMPLATES_AT
            .parse::<DateTime<Utc>>()
            .is_ok_and(|at| t.updated_at == at)
}

/// A template's name as names are compared: case and accents aside (`Été` is `ete`).
pub fn template_key(name: &str) -> String {
    crate::search::fold(name.trim())
}

impl Template {
    /// The template as typed again (to re-check a stored or imported one).
    pub fn to_new(&self) -> NewTemplate {
        NewTemplate {
            name: self.name.clone(),
            kind: self.kind,
            subkind: self.subkind,
            body: self.body.clone(),
            fields: self.fields.clone(),
        }
    }
}

impl Template {
    /// Fills what `entry` leaves empty from the template: the body, the fields of its
    /// kind (a session's topic, went well, to improve; a track conversation's energizers,
    /// drainers and experiments), and adds its tags. The entry must be of the template's
    /// kind.
    pub fn fill(&self, entry: &mut crate::NewEntry) -> Result<()> {
        use crate::EntryDetails;
        let kind = entry.details.kind();
        if kind != self.kind {
            return Err(Error::invalid(
                "template",
                format!(
                    "'{}' is a {} template, not a {kind} one",
                    self.name, self.kind
                ),
            ));
        }
        if entry.body.trim().is_empty() {
            entry.body.clone_from(&self.body);
        }
        let f = &self.fields;
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        match &mut entry.details {
            EntryDetails::Note(_) => {}
            EntryDetails::Session(s) => {
                if s.topic.trim().is_empty()
                    && let Some(t) = &f.topic
                {
                    s.topic.clone_from(t);
                }
                if blank(&s.went_well) {
                    s.went_well.clone_from(&f.went_well);
                }
                if blank(&s.to_improve) {
                    s.to_improve.clone_from(&f.to_improve);
                }
            }
            EntryDetails::Track(t) => {
                if blank(&t.energizers) {
                    t.energizers.clone_from(&f.energizers);
                }
                if blank(&t.drainers) {
                    t.drainers.clone_from(&f.drainers);
                }
                if t.experiments.is_empty() {
                    t.experiments.clone_from(&f.experiments);
                }
            }
        }
        entry.tags.extend(f.tags.iter().cloned());
        Ok(())
    }
}

/// Trellis's own templates, in the order of `DEFAULT_TEMPLATE_IDS`.
pub fn default_templates() -> Vec<NewTemplate> {
    let note = |name: &str, subkind: NoteKind, body: &str| NewTemplate {
        name: name.into(),
        kind: EntryKind::Note,
        subkind: Some(subkind),
        body: body.into(),
        fields: TemplateFields::default(),
    };
    vec![
        note(
            "1:1",
            NoteKind::OneOnOne,
            "## On their mind\n\n\n## Since last time\n\n\n## Agreed\n\n",
        ),
        note(
            "Code review",
            NoteKind::CodeReview,
            "## What was reviewed\n\n\n## Strong\n\n\n## To grow\n\n",
        ),
        note(
            "SBI feedback",
            NoteKind::Feedback,
            "## Situation\n\n\n## Behaviour\n\n\n## Impact\n\n\n## Their view\n\n",
        ),
        NewTemplate {
            name: "Post-pairing reflection".into(),
            kind: EntryKind::Session,
            subkind: None,
            body: "## What we set out to do\n\n\n## How they approached it\n\n\n## Next time\n\n"
                .into(),
            fields: TemplateFields::default(),
        },
        NewTemplate {
            name: "Career conversation".into(),
            kind: EntryKind::Track,
            subkind: None,
            body: "## Where they want to be in two years\n\n\n## IC or management: what pulls, what worries\n\n\n## What would tell us\n\n"
                .into(),
            fields: TemplateFields::default(),
        },
    ]
}

/// The fixed ids of the defaults, in the order of `default_templates` (uuid v7 form,
/// made once; the same in every journal).
pub const DEFAULT_TEMPLATE_IDS: [&str; 5] = [
    "019ab1c0-0000-7000-8000-000000000001",
    "019ab1c0-0000-7000-8000-000000000002",
    "019ab1c0-0000-7000-8000-000000000003",
    "019ab1c0-0000-7000-8000-000000000004",
    "019ab1c0-0000-7000-8000-000000000005",
];

/// When the defaults were written (the same in every journal, so two journals' defaults
/// are equal records).
pub const DEFAULT_TEMPLATES_AT: &str = "2026-11-23T00:00:00Z";

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(0, 0).unwrap_or_default()
    }

    #[test]
    fn the_defaults_are_valid_and_have_distinct_names_per_kind() {
        let all = default_templates();
        assert_eq!(all.len(), DEFAULT_TEMPLATE_IDS.len());
        for (t, id) in all.into_iter().zip(DEFAULT_TEMPLATE_IDS) {
            let id: Id = id.parse().expect("an id");
            let t = t.into_template(id, at(), at()).expect("valid");
            assert!(t.body.contains("## "), "{}", t.name);
        }
    }

    #[test]
    fn a_template_has_only_its_kinds_fields() {
        let t = NewTemplate {
            name: "  Retro  ".into(),
            kind: EntryKind::Note,
            subkind: None,
            body: "x".into(),
            fields: TemplateFields {
                topic: Some("Debugging".into()),
                ..Default::default()
            },
        };
        let err = t
            .clone()
            .into_template(Id::nil(), at(), at())
            .expect_err("topic on a note");
        assert!(err.to_string().contains("topic"), "{err}");
        let ok = NewTemplate {
            fields: TemplateFields::default(),
            ..t.clone()
        }
        .into_template(Id::nil(), at(), at())
        .expect("valid");
        assert_eq!(ok.name, "Retro");
        let err = NewTemplate {
            kind: EntryKind::Session,
            subkind: Some(NoteKind::Feedback),
            fields: TemplateFields::default(),
            ..t
        }
        .into_template(Id::nil(), at(), at())
        .expect_err("subkind on a session");
        assert!(err.to_string().contains("subkind"), "{err}");
        let err = NewTemplate {
            name: "Big".into(),
            kind: EntryKind::Note,
            subkind: None,
            body: "x".repeat(MAX_BODY_BYTES + 1),
            fields: TemplateFields::default(),
        }
        .into_template(Id::nil(), at(), at())
        .expect_err("a body over the limit");
        assert!(err.to_string().contains("limit"), "{err}");
    }
}

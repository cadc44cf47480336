//! The open archive: the whole journal as one documented, versioned JSON document
//! (`docs/archive.md`). Export is reproducible (records sorted by id); import validates
//! everything — JSON shape, unknown fields, every domain rule, duplicate ids and
//! references — before it writes anything, and names the path of the first problem.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{
    ActionItem, Assessment, Entry, EntryDetails, Error, ExperimentOutcome, Framework, Goal, Id,
    Journal, JournalSettings, LadderPosition, LegacyFramework, Mentee, MenteeCadence,
    NewActionItem, NewEntry, NewGoal, NewMentee, Result, Template, Tombstone, normalize_opt_text,
};

/// The `format` field of every archive.
pub const FORMAT: &str = "trellis-archive";
/// The archive version this build writes; it reads this one and every older one.
/// Version 2 added check-in evidence and the tombstones of deleted entries; version 3
/// holds several ladders (`frameworks`), each mentee's place on one (`ladders`) and the
/// ladder of each assessment. Older archives are read by converting their one
/// `framework` into a ladder with key `trellis`. Version 4 added the journal's
/// `settings`, mentees' own `cadences`, `experiment_outcomes` and `templates` (older
/// archives have none).
pub const VERSION: u32 = 4;
/// Larger files are refused before they are parsed.
pub const MAX_ARCHIVE_BYTES: usize = 512 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "Trellis archive", deny_unknown_fields)
)]
pub struct Archive {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    /// The journal schema the data came from (information only).
    pub schema_version: i64,
    /// The journal's ladders (exactly one is the default).
    pub frameworks: Vec<Framework>,
    /// Mentees on a ladder other than the default, or holding a level on one.
    #[serde(default)]
    pub ladders: Vec<LadderPosition>,
    pub mentees: Vec<Mentee>,
    pub entries: Vec<Entry>,
    pub action_items: Vec<ActionItem>,
    /// With their check-ins and evidence.
    pub goals: Vec<Goal>,
    pub assessments: Vec<Assessment>,
    /// Deleted entries that something still cites: id and visibility only, so a
    /// follow-up or check-in of a deleted private entry stays private after an import.
    #[serde(default)]
    pub tombstones: Vec<Tombstone>,
    /// Settings that were set (the default cadence).
    #[serde(default)]
    pub settings: JournalSettings,
    /// Mentees with a 1:1 cadence of their own.
    #[serde(default)]
    pub cadences: Vec<MenteeCadence>,
    /// Outcomes of experiments agreed in track conversations.
    #[serde(default)]
    pub experiment_outcomes: Vec<ExperimentOutcome>,
    /// Entry templates (Trellis's defaults included, with their fixed ids).
    #[serde(default)]
    pub templates: Vec<Template>,
}

impl Archive {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn bad(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::invalid("archive", format!("{}: {}", path.into(), message.into()))
}

/// Finds a key the input has and the typed model does not: an unknown field.
fn unknown_field(input: &Value, known: &Value, path: &str) -> Option<String> {
    match (input, known) {
        (Value::Object(i), Value::Object(k)) => i.iter().find_map(|(key, v)| match k.get(key) {
            None => Some(format!("{path}.{key}")),
            Some(kv) => unknown_field(v, kv, &format!("{path}.{key}")),
        }),
        (Value::Array(i), Value::Array(k)) => i
            .iter()
            .zip(k)
            .enumerate()
            .find_map(|(n, (a, b))| unknown_field(a, b, &format!("{path}[{n}]"))),
        _ => None,
    }
}

fn unique<T>(items: &[T], id: impl Fn(&T) -> Id, list: &str) -> Result<HashSet<Id>> {
    let mut seen = HashSet::new();
    for (i, x) in items.iter().enumerate() {
        if !seen.insert(id(x)) {
            return Err(bad(
                format!("{list}[{i}].id"),
                format!("{} appears twice", id(x)),
            ));
        }
    }
    Ok(seen)
}

/// Parses and fully validates an archive. `known_mentees` and `known_entries` are the
/// ids the target journal already has (references may point at them; `known_entries`
/// includes the journal's tombstones).
pub fn parse(
    bytes: &[u8],
    known_mentees: &HashSet<Id>,
    known_entries: &HashSet<Id>,
) -> Result<Archive> {
    if bytes.len() > MAX_ARCHIVE_BYTES {
        return Err(bad(
            "the file",
            format!("is larger than {} MiB", MAX_ARCHIVE_BYTES / 1024 / 1024),
        ));
    }
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| bad("the file", format!("is not valid JSON ({e})")))?;
    match value.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        _ => {
            return Err(bad(
                "format",
                format!("this is not a Trellis archive (expected \"{FORMAT}\")"),
            ));
        }
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if (1..=u64::from(VERSION)).contains(&v) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(bad(
                "version",
                format!("{v} was written by a newer Trellis; upgrade to import it"),
            ));
        }
        other => {
            return Err(bad(
                "version",
                format!("{other:?} is not a version this Trellis reads ({VERSION})"),
            ));
        }
    }
    let value = upgrade(value)?;
    let archive: Archive = serde_path_to_error::deserialize(value.clone())
        .map_err(|e| bad(e.path().to_string(), e.inner().to_string()))?;
    let typed = serde_json::to_value(&archive).map_err(|e| bad("the file", e.to_string()))?;
    if let Some(path) = unknown_field(&value, &typed, "") {
        return Err(bad(path.trim_start_matches('.'), "unknown field"));
    }
    validate(&archive, known_mentees, known_entries)?;
    Ok(archive)
}

/// Archives up to version 2 held one framework with per-dimension levels: it becomes a
/// ladder (key `trellis`) with the nil id, which every assessment names; the import then
/// gives it the id of the journal's `trellis` ladder (so importing it twice is the same
/// as once), or a new one.
fn upgrade(mut value: Value) -> Result<Value> {
    let Some(old) = value.as_object_mut().and_then(|o| o.remove("framework")) else {
        return Ok(value);
    };
    let legacy: LegacyFramework = serde_path_to_error::deserialize(old)
        .map_err(|e| bad(format!("framework.{}", e.path()), e.inner().to_string()))?;
    let id = Id::nil();
    let framework = Framework {
        id,
        ladder: legacy.into_ladder(),
        is_default: true,
        source: None,
        updated_at: Utc::now(),
    };
    let framework = serde_json::to_value(framework).map_err(|e| bad("framework", e.to_string()))?;
    if let Some(o) = value.as_object_mut() {
        o.insert("frameworks".into(), Value::Array(vec![framework]));
        if let Some(Value::Array(list)) = o.get_mut("assessments") {
            for a in list {
                if let Some(a) = a.as_object_mut() {
                    a.insert("framework_id".into(), Value::String(id.to_string()));
                }
            }
        }
    }
    Ok(value)
}

fn validate(a: &Archive, known_mentees: &HashSet<Id>, known_entries: &HashSet<Id>) -> Result<()> {
    let mut mentees = unique(&a.mentees, |m| m.id, "mentees")?;
    let mut entries = unique(&a.entries, |e| e.id, "entries")?;
    unique(&a.action_items, |x| x.id, "action_items")?;
    unique(&a.goals, |g| g.id, "goals")?;
    let mut check_ins = HashSet::new();
    for (i, g) in a.goals.iter().enumerate() {
        for (n, c) in g.check_ins.iter().enumerate() {
            if !check_ins.insert(c.id) {
                return Err(bad(
                    format!("goals[{i}].check_ins[{n}].id"),
                    format!("{} appears twice", c.id),
                ));
            }
        }
    }
    unique(&a.assessments, |x| x.id, "assessments")?;
    mentees.extend(known_mentees);
    // What a reference may point at: entries, and deleted entries' tombstones.
    let tombstones = unique(&a.tombstones, |t| t.id, "tombstones")?;
    if let Some(n) = a.tombstones.iter().position(|t| entries.contains(&t.id)) {
        return Err(bad(
            format!("tombstones[{n}].id"),
            "is an entry in the archive; a tombstone is for a deleted one",
        ));
    }
    let mut cited = entries.clone();
    cited.extend(known_entries);
    cited.extend(tombstones);
    entries.extend(known_entries);
    let canonical = |path: String, same: bool| {
        if same {
            Ok(())
        } else {
            Err(bad(
                path,
                "is not in canonical form (untrimmed text, unsorted or duplicate tags?)",
            ))
        }
    };
    let at = |list: &str, i: usize, e: Error| match e {
        Error::Invalid { field, message } => bad(format!("{list}[{i}].{field}"), message),
        other => other,
    };
    for (i, m) in a.mentees.iter().enumerate() {
        let again = NewMentee {
            name: m.name.clone(),
            role: m.role.clone(),
            level: m.level.clone(),
            team: m.team.clone(),
            started: m.started,
            track: Some(m.track),
            tags: m.tags.clone(),
        }
        .into_mentee(m.id, m.created_at)
        .map_err(|e| at("mentees", i, e))?;
        canonical(
            format!("mentees[{i}]"),
            again.name == m.name
                && again.role == m.role
                && again.level == m.level
                && again.team == m.team
                && again.tags == m.tags,
        )?;
    }
    for (i, e) in a.entries.iter().enumerate() {
        if !mentees.contains(&e.mentee_id) {
            return Err(bad(
                format!("entries[{i}].mentee_id"),
                format!("no mentee {} in the archive or the journal", e.mentee_id),
            ));
        }
        let (again, _) = NewEntry {
            mentee_id: e.mentee_id,
            date: e.date,
            title: e.title.clone(),
            body: e.body.clone(),
            visibility: Some(e.visibility),
            starred: e.starred,
            tags: e.tags.clone(),
            skills: e.skills.clone(),
            details: e.details.clone(),
            follow_ups: vec![],
        }
        .into_entry(e.id, e.created_at)
        .map_err(|err| at("entries", i, err))?;
        canonical(
            format!("entries[{i}]"),
            Entry {
                updated_at: e.updated_at,
                ..again
            } == *e,
        )?;
    }
    for (i, x) in a.action_items.iter().enumerate() {
        if !mentees.contains(&x.mentee_id) {
            return Err(bad(
                format!("action_items[{i}].mentee_id"),
                "refers to no mentee",
            ));
        }
        if x.entry_id.is_some_and(|e| !cited.contains(&e)) {
            return Err(bad(
                format!("action_items[{i}].entry_id"),
                "refers to no entry",
            ));
        }
        let again = NewActionItem {
            text: x.text.clone(),
            owner: Some(x.owner),
            due: x.due,
        }
        .into_action(x.id, x.mentee_id, x.entry_id, x.created_at)
        .map_err(|e| at("action_items", i, e))?;
        canonical(format!("action_items[{i}]"), again.text == x.text)?;
    }
    for (i, g) in a.goals.iter().enumerate() {
        if !mentees.contains(&g.mentee_id) {
            return Err(bad(format!("goals[{i}].mentee_id"), "refers to no mentee"));
        }
        let again = NewGoal {
            title: g.title.clone(),
            why: g.why.clone(),
            skills: g.skills.clone(),
            target: g.target,
            status: Some(g.status),
        }
        .into_goal(g.id, g.mentee_id, g.created_at)
        .map_err(|e| at("goals", i, e))?;
        canonical(
            format!("goals[{i}]"),
            again.title == g.title && again.why == g.why && again.skills == g.skills,
        )?;
        for (n, c) in g.check_ins.iter().enumerate() {
            if c.goal_id != g.id {
                return Err(bad(
                    format!("goals[{i}].check_ins[{n}].goal_id"),
                    "is not the goal it is listed under",
                ));
            }
            let note = normalize_opt_text("note", c.note.clone()).map_err(|e| at("goals", i, e))?;
            canonical(format!("goals[{i}].check_ins[{n}]"), note == c.note)?;
            if let Some(k) = c.evidence.iter().position(|e| !cited.contains(e)) {
                return Err(bad(
                    format!("goals[{i}].check_ins[{n}].evidence[{k}]"),
                    "refers to no entry",
                ));
            }
        }
        if let Some(n) = g.evidence.iter().position(|e| !entries.contains(e)) {
            return Err(bad(
                format!("goals[{i}].evidence[{n}]"),
                "refers to no entry",
            ));
        }
    }
    let mut keys = HashSet::new();
    for (i, f) in a.frameworks.iter().enumerate() {
        let again = f
            .ladder
            .clone()
            .normalize()
            .map_err(|e| at("frameworks", i, e))?;
        canonical(format!("frameworks[{i}]"), again == f.ladder)?;
        if !keys.insert(f.ladder.key.clone()) {
            return Err(bad(
                format!("frameworks[{i}].key"),
                format!("'{}' appears twice", f.ladder.key),
            ));
        }
    }
    unique(&a.frameworks, |f| f.id, "frameworks")?;
    if a.frameworks.iter().filter(|f| f.is_default).count() != 1 {
        return Err(bad("frameworks", "exactly one ladder must be the default"));
    }
    let mut placed = HashSet::new();
    for (i, p) in a.ladders.iter().enumerate() {
        if !mentees.contains(&p.mentee_id) || !placed.insert(p.mentee_id) {
            return Err(bad(
                format!("ladders[{i}].mentee_id"),
                "refers to no mentee, or to one placed twice",
            ));
        }
        let f = a
            .frameworks
            .iter()
            .find(|f| f.id == p.framework_id)
            .ok_or_else(|| {
                bad(
                    format!("ladders[{i}].framework_id"),
                    "refers to no ladder of the archive",
                )
            })?;
        if let Some(l) = &p.level
            && f.ladder.level(l).is_none()
        {
            return Err(bad(
                format!("ladders[{i}].level"),
                format!("'{l}' is not a level of {}", f.ladder.key),
            ));
        }
    }
    for (i, x) in a.assessments.iter().enumerate() {
        if !mentees.contains(&x.mentee_id) {
            return Err(bad(
                format!("assessments[{i}].mentee_id"),
                "refers to no mentee",
            ));
        }
        let ladder = &a
            .frameworks
            .iter()
            .find(|f| f.id == x.framework_id)
            .ok_or_else(|| {
                bad(
                    format!("assessments[{i}].framework_id"),
                    "refers to no ladder of the archive",
                )
            })?
            .ladder;
        if !ladder.dimensions.iter().any(|d| d.key == x.dimension) {
            return Err(bad(
                format!("assessments[{i}].dimension"),
                format!("'{}' is not a dimension of {}", x.dimension, ladder.key),
            ));
        }
        if ladder.level(&x.level).is_none() {
            return Err(bad(
                format!("assessments[{i}].level"),
                format!("'{}' is not a level of {}", x.level, ladder.key),
            ));
        }
        if let Some(n) = x.evidence.iter().position(|e| !cited.contains(e)) {
            return Err(bad(
                format!("assessments[{i}].evidence[{n}]"),
                "refers to no entry",
            ));
        }
        let note =
            normalize_opt_text("note", x.note.clone()).map_err(|e| at("assessments", i, e))?;
        canonical(format!("assessments[{i}]"), note == x.note)?;
    }
    let mut with_cadence = HashSet::new();
    for (i, c) in a.cadences.iter().enumerate() {
        if !with_cadence.insert(c.mentee_id) {
            return Err(bad(
                format!("cadences[{i}].mentee_id"),
                format!("{} appears twice", c.mentee_id),
            ));
        }
        if !mentees.contains(&c.mentee_id) {
            return Err(bad(
                format!("cadences[{i}].mentee_id"),
                format!("no mentee {} in the archive or the journal", c.mentee_id),
            ));
        }
    }
    let mut closed = HashSet::new();
    for (i, o) in a.experiment_outcomes.iter().enumerate() {
        if !closed.insert((o.entry_id, o.experiment.clone())) {
            return Err(bad(
                format!("experiment_outcomes[{i}]"),
                "the same experiment appears twice",
            ));
        }
        // A deleted entry's outcome went with it: only entries can be cited.
        if !entries.contains(&o.entry_id) {
            return Err(bad(
                format!("experiment_outcomes[{i}].entry_id"),
                format!("no entry {} in the archive or the journal", o.entry_id),
            ));
        }
        if let Some(e) = a.entries.iter().find(|e| e.id == o.entry_id) {
            let EntryDetails::Track(t) = &e.details else {
                return Err(bad(
                    format!("experiment_outcomes[{i}].entry_id"),
                    "is not a track conversation",
                ));
            };
            if !t.experiments.contains(&o.experiment) {
                return Err(bad(
                    format!("experiment_outcomes[{i}].experiment"),
                    "is not one of that conversation's experiments",
                ));
            }
        }
        let outcome = crate::required_line("outcome", &o.outcome)
            .map_err(|e| at("experiment_outcomes", i, e))?;
        canonical(format!("experiment_outcomes[{i}]"), outcome == o.outcome)?;
    }
    unique(&a.templates, |t| t.id, "templates")?;
    let mut names = HashSet::new();
    for (i, t) in a.templates.iter().enumerate() {
        if !names.insert((t.kind, crate::template_key(&t.name))) {
            return Err(bad(
                format!("templates[{i}].name"),
                format!("a {} template named '{}' appears twice", t.kind, t.name),
            ));
        }
        let again = t
            .to_new()
            .into_template(t.id, t.created_at, t.updated_at)
            .map_err(|e| at("templates", i, e))?;
        canonical(format!("templates[{i}]"), again == *t)?;
    }
    Ok(())
}

/// What an import does with a record the journal already has, in a different version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Refuse the whole import and list the differences: nothing is replaced silently.
    Merge,
    /// Take the archive's version (an entry's earlier version is kept in its history).
    Replace,
}

/// A record the archive changes, and the changes worth saying out loud.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    /// Where it is in the archive, e.g. `entries[3]`.
    pub path: String,
    pub id: Id,
    /// "visibility private → shareable", "mentee … → …", or "content".
    pub what: Vec<String>,
}

/// What an import did (or, refused, would have done).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub added: usize,
    pub unchanged: usize,
    pub replaced: Vec<Change>,
}

/// Reads an archive file, at most `MAX_ARCHIVE_BYTES` of it: a larger file (or
/// `/dev/zero`) is refused without being read into memory.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    crate::files::read_bounded(path, MAX_ARCHIVE_BYTES, "an archive")
}

/// Compares the archive with the journal record by record.
fn differences(current: &Archive, a: &Archive) -> ImportReport {
    use std::collections::HashMap;
    fn diff<T: PartialEq>(
        list: &str,
        now: &HashMap<Id, &T>,
        items: &[T],
        id: impl Fn(&T) -> Id,
        notes: impl Fn(&T, &T) -> Vec<String>,
        report: &mut ImportReport,
    ) {
        for (i, x) in items.iter().enumerate() {
            match now.get(&id(x)) {
                None if report.replaced.iter().any(|c| c.id == id(x)) => {}
                None => report.added += 1,
                Some(old) if *old == x => report.unchanged += 1,
                Some(old) => {
                    let mut what = notes(old, x);
                    if what.is_empty() {
                        what.push("content".to_string());
                    }
                    report.replaced.push(Change {
                        path: format!("{list}[{i}]"),
                        id: id(x),
                        what,
                    });
                }
            }
        }
    }
    fn by_id<T>(items: &[T], id: impl Fn(&T) -> Id) -> HashMap<Id, &T> {
        items.iter().map(|x| (id(x), x)).collect()
    }
    let mut r = ImportReport::default();
    // An entry this journal deleted (in the trash, or gone for good) comes back only when
    // the user says so: its tombstone remembers how private it was.
    let deleted: HashMap<Id, crate::Visibility> = current
        .tombstones
        .iter()
        .map(|t| (t.id, t.visibility))
        .collect();
    for (i, e) in a.entries.iter().enumerate() {
        if let Some(was) = deleted.get(&e.id) {
            let mut what = vec!["deleted in this journal".to_string()];
            if *was != e.visibility {
                what.push(format!("visibility {was} → {}", e.visibility));
            }
            r.replaced.push(Change {
                path: format!("entries[{i}]"),
                id: e.id,
                what,
            });
        }
    }
    diff(
        "mentees",
        &by_id(&current.mentees, |m| m.id),
        &a.mentees,
        |m| m.id,
        |_, _| vec![],
        &mut r,
    );
    diff(
        "entries",
        &by_id(&current.entries, |e| e.id),
        &a.entries,
        |e| e.id,
        |old, new| {
            let mut notes = vec![];
            if old.visibility != new.visibility {
                notes.push(format!(
                    "visibility {} → {}",
                    old.visibility, new.visibility
                ));
            }
            if old.mentee_id != new.mentee_id {
                notes.push(format!("mentee {} → {}", old.mentee_id, new.mentee_id));
            }
            notes
        },
        &mut r,
    );
    diff(
        "action_items",
        &by_id(&current.action_items, |x| x.id),
        &a.action_items,
        |x| x.id,
        |_, _| vec![],
        &mut r,
    );
    diff(
        "goals",
        &by_id(&current.goals, |g| g.id),
        &a.goals,
        |g| g.id,
        |_, _| vec![],
        &mut r,
    );
    diff(
        "assessments",
        &by_id(&current.assessments, |x| x.id),
        &a.assessments,
        |x| x.id,
        |_, _| vec![],
        &mut r,
    );
    for (i, c) in a.cadences.iter().enumerate() {
        match current.cadences.iter().find(|x| x.mentee_id == c.mentee_id) {
            None => r.added += 1,
            Some(x) if x == c => r.unchanged += 1,
            Some(x) => r.replaced.push(Change {
                path: format!("cadences[{i}]"),
                id: c.mentee_id,
                what: vec![format!("cadence {} → {}", x.cadence, c.cadence)],
            }),
        }
    }
    for (i, o) in a.experiment_outcomes.iter().enumerate() {
        let now = current
            .experiment_outcomes
            .iter()
            .find(|x| x.entry_id == o.entry_id && x.experiment == o.experiment);
        match now {
            None => r.added += 1,
            Some(x) if x == o => r.unchanged += 1,
            Some(_) => r.replaced.push(Change {
                path: format!("experiment_outcomes[{i}]"),
                id: o.entry_id,
                what: vec!["outcome".to_string()],
            }),
        }
    }
    for (i, t) in a.templates.iter().enumerate() {
        let now = current.templates.iter().find(|c| c.id == t.id).or_else(|| {
            current.templates.iter().find(|c| {
                c.kind == t.kind && crate::template_key(&c.name) == crate::template_key(&t.name)
            })
        });
        match now {
            None => r.added += 1,
            Some(c) if c == t => r.unchanged += 1,
            // A default this journal never edited holds no work of the lead's: the
            // archive's version takes its place without asking.
            Some(c) if crate::is_untouched_default(c) => r.added += 1,
            Some(c) => r.replaced.push(Change {
                path: format!("templates[{i}]"),
                id: t.id,
                what: vec![if c.id == t.id {
                    "template text or fields".to_string()
                } else {
                    format!("template '{}' of another journal", t.name)
                }],
            }),
        }
    }
    for ((key, was), (_, now)) in current.settings.pairs().into_iter().zip(a.settings.pairs()) {
        if let (Some(was), Some(now)) = (was, now)
            && was != now
        {
            r.replaced.push(Change {
                path: format!("settings.{key}"),
                id: Id::nil(),
                what: vec![format!("{} {was} → {now}", key.replace('_', " "))],
            });
        }
    }
    // Ladders match by id, else by key (every journal's default is `trellis`).
    for (i, f) in a.frameworks.iter().enumerate() {
        let now = current
            .frameworks
            .iter()
            .find(|c| c.id == f.id)
            .or_else(|| {
                current
                    .frameworks
                    .iter()
                    .find(|c| c.ladder.key == f.ladder.key)
            });
        match now {
            None => r.added += 1,
            Some(c) if c.ladder == f.ladder => r.unchanged += 1,
            Some(_) => r.replaced.push(Change {
                path: format!("frameworks[{i}]"),
                id: f.id,
                what: vec!["levels, dimensions or words".to_string()],
            }),
        }
    }
    // Where a mentee this journal has stands: on which ladder (by key), at which level.
    let key_of = |list: &[Framework], id: &Id| {
        list.iter()
            .find(|f| f.id == *id)
            .map(|f| f.ladder.key.clone())
    };
    let place = |x: &Archive, m: &Id| -> (Option<String>, Option<String>) {
        match x.ladders.iter().find(|p| p.mentee_id == *m) {
            Some(p) => (key_of(&x.frameworks, &p.framework_id), p.level.clone()),
            None => (
                x.frameworks
                    .iter()
                    .find(|f| f.is_default)
                    .map(|f| f.ladder.key.clone()),
                None,
            ),
        }
    };
    for (i, m) in a.mentees.iter().enumerate() {
        if !current.mentees.iter().any(|c| c.id == m.id) {
            continue;
        }
        let (was, now) = (place(current, &m.id), place(a, &m.id));
        if was != now {
            r.replaced.push(Change {
                path: format!("mentees[{i}] (ladder)"),
                id: m.id,
                what: vec![format!(
                    "ladder {} → {}",
                    was.0.unwrap_or_default(),
                    now.0.unwrap_or_default()
                )],
            });
        }
    }
    r
}

impl Journal {
    /// What importing `bytes` would do, without writing anything: the archive fully
    /// checked, and what it adds, leaves alone and would replace.
    pub fn preview_import(&self, bytes: &[u8]) -> Result<ImportReport> {
        Ok(self.plan_import(bytes)?.1)
    }

    fn plan_import(&self, bytes: &[u8]) -> Result<(Archive, ImportReport)> {
        let current = self.archive()?;
        let mentees: HashSet<Id> = current.mentees.iter().map(|m| m.id).collect();
        let entries: HashSet<Id> = current
            .entries
            .iter()
            .map(|e| e.id)
            .chain(current.tombstones.iter().map(|t| t.id))
            .collect();
        let mut a = parse(bytes, &mentees, &entries)?;
        adopt_legacy_ladder(&mut a, &current);
        let report = differences(&current, &a);
        Ok((a, report))
    }

    /// Validates the archive completely, then merges it by id in one transaction: new
    /// records are added, identical ones left alone. A record the journal has in another
    /// version is refused (with the list of differences) unless `mode` is `Replace`.
    pub fn import_archive(&mut self, bytes: &[u8], mode: ImportMode) -> Result<ImportReport> {
        let (a, report) = self.plan_import(bytes)?;
        if mode == ImportMode::Merge && !report.replaced.is_empty() {
            let shown: Vec<String> = report
                .replaced
                .iter()
                .take(3)
                .map(|c| format!("{} ({})", c.path, c.what.join(", ")))
                .collect();
            let more = report.replaced.len().saturating_sub(3);
            return Err(Error::ImportConflict(format!(
                "the archive changes {} record{} this journal already has: {}{}; nothing was imported",
                report.replaced.len(),
                if report.replaced.len() == 1 { "" } else { "s" },
                shown.join("; "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            )));
        }
        self.merge_archive(&a)?;
        Ok(report)
    }
}

/// An old archive's converted ladder (nil id) takes the id of the journal's ladder with
/// its key, or a new one; its assessments and positions follow.
fn adopt_legacy_ladder(a: &mut Archive, current: &Archive) {
    for f in a.frameworks.iter_mut().filter(|f| f.id.is_nil()) {
        let theirs = current
            .frameworks
            .iter()
            .find(|c| c.ladder.key == f.ladder.key);
        let id = theirs.map_or_else(crate::new_id, |c| c.id);
        f.id = id;
        // Made up at the conversion: the journal's own time stands (an old archive
        // imported twice changes nothing the second time).
        if let Some(c) = theirs {
            f.updated_at = c.updated_at;
        }
        for x in a.assessments.iter_mut().filter(|x| x.framework_id.is_nil()) {
            x.framework_id = id;
        }
        for p in a.ladders.iter_mut().filter(|p| p.framework_id.is_nil()) {
            p.framework_id = id;
        }
    }
}

/// A file name part: letters, digits, spaces and dashes only, at most 60 characters.
fn slug(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut out = String::new();
    // At most 60 characters and 120 bytes: with the date, kind and id around it, a file
    // name stays far below the 255 bytes a file system allows, in any script.
    for c in words.join(" ").chars().take(60) {
        if out.len() + c.len_utf8() > 120 {
            break;
        }
        out.push(c);
    }
    let out = out.trim_end().to_string();
    if out.is_empty() {
        "untitled".to_string()
    } else {
        out
    }
}

/// A YAML value that is always valid: JSON is a subset of YAML.
fn yaml<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}

/// Writes the archive as a Markdown vault: a folder per mentee, a file per entry with
/// YAML front matter (all fields, private entries marked `visibility: "private"`), for
/// Obsidian-style tools. `dir` must not exist or be empty. Folders 0700, files 0600.
pub fn write_vault(a: &Archive, dir: &std::path::Path) -> Result<usize> {
    if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(Error::Conflict(format!(
            "{} is not empty; choose a new folder",
            dir.display()
        )));
    }
    // Written into a private folder beside the target, then renamed into place: a vault
    // is there whole or not at all.
    let io = |context: String| move |source| Error::Io { context, source };
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    crate::files::private_dir_all(parent)
        .map_err(io(format!("cannot create {}", parent.display())))?;
    let staging = tempfile::Builder::new()
        .prefix(".trellis-vault-")
        .tempdir_in(parent)
        .map_err(io(format!("cannot write in {}", parent.display())))?;
    let files = write_vault_into(a, staging.path())?;
    let _ = std::fs::remove_dir(dir); // an empty folder the user made for it
    std::fs::rename(staging.path(), dir).map_err(io(format!("cannot create {}", dir.display())))?;
    // The folder was moved away: nothing is left for the guard to clean up.
    let _ = staging.keep();
    Ok(files)
}

fn write_vault_into(a: &Archive, dir: &std::path::Path) -> Result<usize> {
    use std::fmt::Write as _;
    let io = |context: String| move |source| Error::Io { context, source };
    let mut files = 0;
    // A UUID v7 starts with its timestamp: two records made within a minute share their
    // first 8 digits. File names use the random end instead, and every file is created
    // new, so even a collision can never overwrite another file.
    let tail = |id: &Id| id.simple().to_string()[20..].to_string();
    for m in &a.mentees {
        let short = tail(&m.id);
        let folder = dir.join(format!("{} ({short})", slug(&m.name)));
        crate::files::private_dir_all(&folder)
            .map_err(io(format!("cannot create {}", folder.display())))?;
        let mut profile = String::from("---\n");
        let _ = writeln!(
            profile,
            "id: {}\nname: {}\nrole: {}\nlevel: {}\nteam: {}\nstarted: {}\ntrack: {}\ntags: {}\narchived: {}",
            yaml(&m.id),
            yaml(&m.name),
            yaml(&m.role),
            yaml(&m.level),
            yaml(&m.team),
            yaml(&m.started),
            yaml(&m.track),
            yaml(&m.tags),
            m.archived
        );
        let _ = writeln!(profile, "---\n\n# {}\n", m.name);
        for g in a.goals.iter().filter(|g| g.mentee_id == m.id) {
            let _ = writeln!(
                profile,
                "- Goal: {} ({}, {}%)",
                g.title, g.status, g.progress
            );
        }
        crate::files::write_private_new(&folder.join("_profile.md"), profile.as_bytes())?;
        files += 1;
        for e in a.entries.iter().filter(|e| e.mentee_id == m.id) {
            let title = crate::summary::entry_title(e);
            let name = format!(
                "{} {} {} ({}).md",
                e.date,
                e.kind(),
                slug(&title),
                tail(&e.id)
            );
            let mut text = String::from("---\n");
            let _ = writeln!(
                text,
                "id: {}\nmentee: {}\ndate: {}\nkind: {}\ntitle: {}\nvisibility: {}\nstarred: {}\ntags: {}\nskills: {}",
                yaml(&e.id),
                yaml(&m.name),
                yaml(&e.date),
                yaml(&e.kind()),
                yaml(&title),
                yaml(&e.visibility),
                e.starred,
                yaml(&e.tags),
                yaml(&e.skills)
            );
            let details = serde_json::to_value(&e.details).unwrap_or(Value::Null);
            if let Value::Object(fields) = details {
                for (k, v) in fields.iter().filter(|(k, _)| k.as_str() != "kind") {
                    let _ = writeln!(text, "{k}: {}", yaml(v));
                }
            }
            let _ = writeln!(
                text,
                "created_at: {}\nupdated_at: {}\n---\n",
                yaml(&e.created_at),
                yaml(&e.updated_at)
            );
            text.push_str(&e.body);
            text.push('\n');
            crate::files::write_private_new(&folder.join(name), text.as_bytes())?;
            files += 1;
        }
    }
    Ok(files)
}

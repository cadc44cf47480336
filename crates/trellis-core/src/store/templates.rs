//! Templates (`templates`, schema 8): list, find by name or id, add, edit, delete; the
//! defaults are written by the migration and can be edited or deleted like any other.

use rusqlite::{Connection, Row};

use super::Journal;
use super::sql::{self, ts};
use crate::{
    DEFAULT_TEMPLATE_IDS, DEFAULT_TEMPLATES_AT, EntryKind, Error, Id, NewTemplate, Result,
    Template, TemplateFields, default_templates, template_key,
};

const COLUMNS: &str = "id, name, kind, subkind, body, fields, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Template> {
    let fields: String = r.get(5)?;
    // What is read is checked as what is written: a row edited by hand cannot pose as
    // a valid template.
    let fields: TemplateFields = serde_json::from_str(&fields).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Template {
        id: sql::parsed(r, 0)?,
        name: r.get(1)?,
        kind: sql::parsed(r, 2)?,
        subkind: sql::opt_parsed(r, 3)?,
        body: r.get(4)?,
        fields,
        created_at: sql::parsed(r, 6)?,
        updated_at: sql::parsed(r, 7)?,
    })
}

/// Every template (of `kind`, when given), by kind then name.
pub(super) fn list(conn: &Connection, kind: Option<EntryKind>) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM templates WHERE ?1 IS NULL OR kind = ?1
         ORDER BY CASE kind WHEN 'note' THEN 0 WHEN 'session' THEN 1 ELSE 2 END, name, id"
    ))?;
    let rows = stmt.query_map([kind.map(|k| k.as_str())], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get(conn: &Connection, id: &Id) -> Result<Template> {
    sql::one(
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM templates WHERE id = ?1"))?
            .query_row([id.to_string()], from_row),
        "template",
        id,
    )
}

/// Inserts or replaces (by id) a checked template; another template of the same kind
/// with the same name is replaced too (an import's version wins, as ladders by key).
pub(super) fn save(conn: &Connection, t: &Template) -> Result<()> {
    for other in same_name(conn, t)? {
        conn.prepare_cached("DELETE FROM templates WHERE id = ?1")?
            .execute([other.id.to_string()])?;
    }
    let fields =
        serde_json::to_string(&t.fields).map_err(|e| Error::invalid("fields", e.to_string()))?;
    conn.prepare_cached(&format!(
        "INSERT INTO templates ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
            subkind = excluded.subkind, body = excluded.body, fields = excluded.fields,
            updated_at = excluded.updated_at"
    ))?
    .execute(rusqlite::params![
        t.id.to_string(),
        t.name,
        t.kind.as_str(),
        t.subkind.map(|s| s.as_str()),
        t.body,
        fields,
        ts(&t.created_at),
        ts(&t.updated_at),
    ])?;
    Ok(())
}

/// Writes Trellis's own templates (schema 8's hook).
pub(super) fn seed_defaults(conn: &Connection) -> Result<()> {
    let at = DEFAULT_TEMPLATES_AT
        .parse()
        .map_err(|_| Error::invalid("template", "the defaults' date"))?;
    for (t, id) in default_templates().into_iter().zip(DEFAULT_TEMPLATE_IDS) {
        let id: Id = id
            .parse()
            .map_err(|_| Error::invalid("template", "a default's id"))?;
        save(conn, &t.into_template(id, at, at)?)?;
    }
    Ok(())
}

/// A template named `query` (case aside; by id too), of `kind` when given. Two of the
/// same name in different kinds need the kind.
fn find(conn: &Connection, query: &str, kind: Option<EntryKind>) -> Result<Template> {
    let q = query.trim();
    if let Ok(id) = q.parse::<Id>() {
        return get(conn, &id);
    }
    let found: Vec<Template> = list(conn, kind)?
        .into_iter()
        .filter(|t| template_key(&t.name) == template_key(q))
        .collect();
    match found.len() {
        // Named, but as another kind's: say so rather than "no template".
        0 => match kind.and_then(|_| find(conn, q, None).ok()) {
            Some(other) => Err(Error::invalid(
                "template",
                format!(
                    "'{}' is a {} template, not a {} one",
                    other.name,
                    other.kind,
                    kind.map_or("", |k| k.as_str())
                ),
            )),
            None => Err(Error::not_found("template", q.to_string())),
        },
        1 => Ok(found
            .into_iter()
            .next()
            .ok_or_else(|| Error::not_found("template", q.to_string()))?),
        _ => Err(Error::invalid(
            "template",
            format!(
                "'{q}' names a template of several kinds ({}); say which kind",
                found
                    .iter()
                    .map(|t| t.kind.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// Other templates of `t`'s kind with its name, as names are compared (case and accents
/// aside: `template_key`).
fn same_name(conn: &Connection, t: &Template) -> Result<Vec<Template>> {
    let key = template_key(&t.name);
    Ok(list(conn, Some(t.kind))?
        .into_iter()
        .filter(|o| o.id != t.id && template_key(&o.name) == key)
        .collect())
}

/// Refuses a name another template of the same kind has (case and accents aside).
fn refuse_taken_name(conn: &Connection, t: &Template) -> Result<()> {
    if !same_name(conn, t)?.is_empty() {
        return Err(Error::invalid(
            "name",
            format!("a {} template named '{}' exists already", t.kind, t.name),
        ));
    }
    Ok(())
}

impl Journal {
    /// Every template (of `kind`, when given), by kind then name.
    pub fn templates(&self, kind: Option<EntryKind>) -> Result<Vec<Template>> {
        self.read(|conn| list(conn, kind))
    }

    /// The template named `query` (case aside) or with that id; `kind` when a name is
    /// used by several kinds.
    pub fn template(&self, query: &str, kind: Option<EntryKind>) -> Result<Template> {
        self.read(|conn| find(conn, query, kind))
    }

    pub fn add_template(&mut self, new: NewTemplate) -> Result<Template> {
        let now = sql::now();
        let t = new.into_template(crate::new_id(), now, now)?;
        self.write(|tx| {
            refuse_taken_name(tx, &t)?;
            save(tx, &t)?;
            Ok(t)
        })
    }

    /// Replaces a template's name, body and fields (its kind stays).
    pub fn edit_template(&mut self, id: &Id, new: NewTemplate) -> Result<Template> {
        self.write(|tx| {
            let old = get(tx, id)?;
            if new.kind != old.kind {
                return Err(Error::invalid(
                    "kind",
                    "a template keeps its kind; make a new one for another kind",
                ));
            }
            let t = new.into_template(old.id, old.created_at, sql::now())?;
            refuse_taken_name(tx, &t)?;
            save(tx, &t)?;
            Ok(t)
        })
    }

    /// Deletes a template (entries made from it are not touched). Returns what it was,
    /// so the caller can offer to add it back.
    pub fn delete_template(&mut self, id: &Id) -> Result<Template> {
        self.write(|tx| {
            let t = get(tx, id)?;
            tx.prepare_cached("DELETE FROM templates WHERE id = ?1")?
                .execute([id.to_string()])?;
            Ok(t)
        })
    }
}

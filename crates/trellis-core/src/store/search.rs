//! The search index (schema 5). Triggers mark every record whose text changes in
//! `search_dirty`, in the same statement; `catch_up` — run by `Journal::write` before
//! each commit — indexes them, so a committed write is always searchable and a crash
//! never leaves the index behind. `Journal::search` reads it; `check_search_index` and
//! `rebuild_search_index` are for `trellis check [--repair-index]`.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::Journal;
use super::sql;
use crate::search::{
    Query, SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, lead, meta_filter, meta_tokens, prepare, snippet,
};
use crate::{Error, Id, RecordKind, Result, SearchHit, SearchOptions, SearchOrder, Visibility};

/// A record's index rowid is its day × 2^22 plus its order of arrival that day; days are
/// counted from a little before year 0 (`DAY_ORIGIN`), so every rowid is positive.
const DAY_SHIFT: u32 = 22;
const DAY_ORIGIN: i64 = 400;
const DAY_MASK: i64 = (1 << DAY_SHIFT) - 1;
/// Records indexed per round: bounds the memory a catch-up of a million records takes.
const ROUND: usize = 2000;

/// Every record marked for (re)indexing: the migration's and the repair's starting point.
const MARK_ALL: &str = "INSERT OR IGNORE INTO search_dirty
    SELECT id, 'mentee' FROM mentees
    UNION ALL SELECT id, 'entry' FROM entries
    UNION ALL SELECT id, 'goal' FROM goals
    UNION ALL SELECT id, 'action' FROM action_items
    UNION ALL SELECT id, 'assessment' FROM assessments";

/// The tables a dirty mark names, and how each record's words are gathered: id, kind,
/// mentee, date, visibility, title, body.
const SOURCES: &[(&str, &str)] = &[
    (
        "entry",
        "SELECT e.id, e.kind, e.mentee_id, e.date, e.visibility,
                concat_ws(' — ', s.topic, nullif(e.title, s.topic)),
                concat_ws(char(10), e.body, s.went_well, s.to_improve, t.energizers, t.drainers,
                    (SELECT group_concat(text, char(10)) FROM track_experiments WHERE entry_id = e.id),
                    (SELECT group_concat(tag, ' ') FROM entry_tags WHERE entry_id = e.id),
                    (SELECT group_concat(skill, ' ') FROM entry_skills WHERE entry_id = e.id))
         FROM entries e
         LEFT JOIN pairing_sessions s ON s.entry_id = e.id
         LEFT JOIN track_conversations t ON t.entry_id = e.id
         WHERE e.id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "mentee",
        "SELECT m.id, 'mentee', m.id, substr(m.created_at, 1, 10), NULL, m.name,
                concat_ws(char(10), m.role, m.level, m.team,
                    (SELECT group_concat(tag, ' ') FROM mentee_tags WHERE mentee_id = m.id))
         FROM mentees m WHERE m.id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "goal",
        "SELECT g.id, 'goal', g.mentee_id, substr(g.created_at, 1, 10), NULL, g.title,
                concat_ws(char(10), g.why,
                    (SELECT group_concat(skill, ' ') FROM goal_skills WHERE goal_id = g.id),
                    (SELECT group_concat(note, char(10)) FROM check_ins WHERE goal_id = g.id))
         FROM goals g WHERE g.id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "action",
        "SELECT a.id, 'action', a.mentee_id, substr(a.created_at, 1, 10), NULL, a.text, ''
         FROM action_items a WHERE a.id IN (SELECT value FROM json_each(?1))",
    ),
    (
        "assessment",
        "SELECT x.id, 'assessment', x.mentee_id, x.date, NULL,
                concat_ws(': ', coalesce(d.name, x.dimension_key), coalesce(l.name, x.level_key)),
                coalesce(x.note, '')
         FROM assessments x
         LEFT JOIN ladder_dimensions d
                ON d.framework_id = x.framework_id AND d.key = x.dimension_key
         LEFT JOIN ladder_levels l ON l.framework_id = x.framework_id AND l.key = x.level_key
         WHERE x.id IN (SELECT value FROM json_each(?1))",
    ),
];

/// The dirty mark's kind for a record kind.
fn source_of(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Mentee => "mentee",
        RecordKind::Note | RecordKind::Session | RecordKind::Track => "entry",
        RecordKind::Goal => "goal",
        RecordKind::Action => "action",
        RecordKind::Assessment => "assessment",
    }
}

/// One record as the index sees it.
struct Doc {
    id: String,
    kind: RecordKind,
    mentee_id: Id,
    date: NaiveDate,
    visibility: Option<Visibility>,
    title: String,
    body: String,
}

impl Doc {
    fn meta(&self) -> String {
        meta_tokens(self.kind, &self.mentee_id, self.visibility)
    }

    /// What the index holds for this record, reduced to a number: FNV-1a, stable across
    /// builds (it is stored).
    fn hash(&self) -> i64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [&self.title, &self.body, &self.meta(), &sql::day(&self.date)] {
            for b in part.bytes().chain([0xff]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        h as i64
    }
}

/// The records of one source among `ids` (a JSON array), by id.
fn docs(conn: &Connection, source: &str, ids: &str) -> Result<HashMap<String, Doc>> {
    let sql = SOURCES
        .iter()
        .find(|(s, _)| *s == source)
        .map(|(_, q)| *q)
        .ok_or_else(|| Error::Storage(format!("unknown search source '{source}'")))?;
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([ids], |r| {
        Ok(Doc {
            id: r.get(0)?,
            kind: sql::parsed(r, 1)?,
            mentee_id: sql::parsed(r, 2)?,
            date: sql::parsed(r, 3)?,
            visibility: sql::opt_parsed(r, 4)?,
            title: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            body: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        })
    })?;
    let mut out = HashMap::new();
    for d in rows {
        let d = d?;
        out.insert(d.id.clone(), d);
    }
    Ok(out)
}

fn json_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    serde_json::Value::from(ids.into_iter().collect::<Vec<_>>()).to_string()
}

fn first_rowid(date: &NaiveDate) -> i64 {
    (i64::from(date.num_days_from_ce()) + DAY_ORIGIN) << DAY_SHIFT
}

/// The next free rowid on `date`.
fn allocate(conn: &Connection, date: &NaiveDate) -> Result<i64> {
    let lo = first_rowid(date);
    let max: Option<i64> = conn
        .prepare_cached("SELECT max(id) FROM search_docs WHERE id BETWEEN ?1 AND ?2")?
        .query_row([lo, lo | DAY_MASK], |r| r.get(0))?;
    match max {
        None => Ok(lo),
        Some(m) if m < lo | DAY_MASK => Ok(m + 1),
        Some(_) => Err(Error::Storage(format!(
            "more than four million records dated {date}"
        ))),
    }
}

/// Puts `doc` in the index, or brings its row up to date.
fn upsert(conn: &Connection, doc: &Doc) -> Result<()> {
    let hash = doc.hash();
    let day = sql::day(&doc.date);
    let old: Option<(i64, String, i64)> = conn
        .prepare_cached("SELECT id, date, hash FROM search_docs WHERE record_id = ?1")?
        .query_row([&doc.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let rowid = match old {
        Some((_, _, h)) if h == hash => return Ok(()),
        Some((rowid, old_day, _)) => {
            conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
                .execute([rowid])?;
            conn.prepare_cached("DELETE FROM search_docs WHERE id = ?1")?
                .execute([rowid])?;
            if old_day == day {
                rowid
            } else {
                allocate(conn, &doc.date)?
            }
        }
        None => allocate(conn, &doc.date)?,
    };
    conn.prepare_cached(
        "INSERT INTO search_index (rowid, title, body, meta) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        rowid,
        prepare(&doc.title),
        prepare(&doc.body),
        doc.meta()
    ])?;
    conn.prepare_cached(
        "INSERT INTO search_docs (id, record_id, kind, mentee_id, date, visibility, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        rowid,
        doc.id,
        doc.kind.as_str(),
        doc.mentee_id.to_string(),
        day,
        doc.visibility.map(Visibility::as_str),
        hash
    ])?;
    Ok(())
}

/// Takes a record that no longer exists out of the index.
fn remove(conn: &Connection, record: &str) -> Result<()> {
    let rowid: Option<i64> = conn
        .prepare_cached("SELECT id FROM search_docs WHERE record_id = ?1")?
        .query_row([record], |r| r.get(0))
        .optional()?;
    if let Some(rowid) = rowid {
        conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
            .execute([rowid])?;
        conn.prepare_cached("DELETE FROM search_docs WHERE id = ?1")?
            .execute([rowid])?;
    }
    Ok(())
}

/// Indexes every record marked dirty, then clears the marks. Runs inside the caller's
/// write transaction (`Journal::write`, a migration): all of it commits, or none.
pub(super) fn catch_up(conn: &Connection) -> Result<usize> {
    let mut done = 0;
    loop {
        let marks: Vec<(String, String)> = conn
            .prepare_cached("SELECT record_id, kind FROM search_dirty LIMIT ?1")?
            .query_map([ROUND as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if marks.is_empty() {
            return Ok(done);
        }
        for (source, _) in SOURCES {
            let ids: Vec<&str> = marks
                .iter()
                .filter(|(_, k)| k == source)
                .map(|(id, _)| id.as_str())
                .collect();
            if ids.is_empty() {
                continue;
            }
            let mut found = docs(conn, source, &json_ids(ids.iter().copied()))?;
            for id in ids {
                match found.remove(id) {
                    Some(doc) => upsert(conn, &doc)?,
                    None => remove(conn, id)?,
                }
            }
        }
        conn.prepare_cached(
            "DELETE FROM search_dirty WHERE record_id IN (SELECT value FROM json_each(?1))",
        )?
        .execute([json_ids(marks.iter().map(|(id, _)| id.as_str()))])?;
        done += marks.len();
    }
}

/// Rewrites the index without the words of deleted and replaced rows. A contentless
/// FTS5 index only marks a deleted row as gone; its words stay in the index's pages (and
/// so in every backup) until its segments are merged. Called when the lead empties the
/// trash, and before every backup when something aged out meanwhile (`forget_later`):
/// the rewrite takes seconds on a journal of a million entries, too long for a save.
pub(super) fn forget_deleted(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO search_index (search_index) VALUES ('optimize')",
        [],
    )?;
    conn.execute("DELETE FROM search_forget", [])?;
    Ok(())
}

/// Something left the journal for good during a save (the trash or old versions aged
/// out): the next backup rewrites the index before it copies the file.
pub(super) fn forget_later(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO search_forget (pending) VALUES (1)",
        [],
    )?;
    Ok(())
}

/// Runs a rewrite `forget_later` asked for, if any.
pub(super) fn forget_if_pending(conn: &Connection) -> Result<()> {
    let pending: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM search_forget)", [], |r| {
        r.get(0)
    })?;
    if pending {
        forget_deleted(conn)?;
    }
    Ok(())
}

/// Whether records wait to be indexed (written by something that is not Trellis).
pub(super) fn behind(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM search_dirty)", [], |r| {
            r.get(0)
        })?,
    )
}

/// How the index compares with the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct IndexCheck {
    /// Records in the journal (mentees, entries, goals, action items, assessments).
    pub records: usize,
    /// Records the index does not know.
    pub missing: usize,
    /// Records whose words, date or filters changed since the index saw them.
    pub stale: usize,
    /// Index rows for records that no longer exist.
    pub orphaned: usize,
}

impl IndexCheck {
    pub fn ok(&self) -> bool {
        self.missing == 0 && self.stale == 0 && self.orphaned == 0
    }
}

fn check(conn: &Connection) -> Result<IndexCheck> {
    let mut c = IndexCheck::default();
    let pending: i64 = conn.query_row("SELECT count(*) FROM search_dirty", [], |r| r.get(0))?;
    c.stale += pending as usize;
    let tables = [
        ("mentee", "mentees"),
        ("entry", "entries"),
        ("goal", "goals"),
        ("action", "action_items"),
        ("assessment", "assessments"),
    ];
    let mut indexed: HashMap<String, (String, i64)> = HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT record_id, date, hash FROM search_docs")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        for row in rows {
            let (id, v) = row?;
            indexed.insert(id, v);
        }
    }
    for (source, table) in tables {
        let ids: Vec<String> = conn
            .prepare(&format!("SELECT id FROM {table} ORDER BY id"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        c.records += ids.len();
        for chunk in ids.chunks(ROUND) {
            let found = docs(conn, source, &json_ids(chunk.iter().map(String::as_str)))?;
            for doc in found.values() {
                match indexed.remove(&doc.id) {
                    None => c.missing += 1,
                    Some((day, hash)) => {
                        if day != sql::day(&doc.date) || hash != doc.hash() {
                            c.stale += 1;
                        }
                    }
                }
            }
        }
    }
    c.orphaned = indexed.len();
    // The index itself holds exactly one row per record it knows.
    let rows: i64 = conn.query_row("SELECT count(*) FROM search_index", [], |r| r.get(0))?;
    let docs: i64 = conn.query_row("SELECT count(*) FROM search_docs", [], |r| r.get(0))?;
    if rows != docs {
        c.stale += rows.abs_diff(docs) as usize;
    }
    Ok(c)
}

impl Journal {
    /// Finds records whose words match `text` (see `Query::parse`), newest first unless
    /// `options.order` asks for relevance. Private entries are found: search is the
    /// lead's own; trashed records are not (they are not in the journal).
    pub fn search(&self, text: &str, options: &SearchOptions) -> Result<Vec<SearchHit>> {
        let query = Query::parse(text)?;
        if let (Some(s), Some(u)) = (options.since, options.until)
            && s > u
        {
            return Err(Error::invalid(
                "since",
                format!("the period starts ({s}) after it ends ({u})"),
            ));
        }
        let limit = options
            .limit
            .unwrap_or(SEARCH_LIMIT_DEFAULT)
            .clamp(1, SEARCH_LIMIT_MAX);
        let mut expr = query.fts();
        if let Some(filter) = meta_filter(options) {
            expr = format!("{filter} AND {expr}");
        }
        let lo = options.since.as_ref().map_or(0, first_rowid);
        let hi = options
            .until
            .as_ref()
            .map_or(i64::MAX, |d| first_rowid(d) | DAY_MASK);
        let order = match options.order {
            SearchOrder::Newest => "search_index.rowid DESC",
            SearchOrder::Relevance => "bm25(search_index, 4.0, 1.0, 0.0), search_index.rowid DESC",
        };
        self.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT d.record_id, d.kind, m.name
                 FROM search_index
                 JOIN search_docs d ON d.id = search_index.rowid
                 JOIN mentees m ON m.id = d.mentee_id
                 WHERE search_index MATCH ?1 AND search_index.rowid BETWEEN ?2 AND ?3
                 ORDER BY {order} LIMIT ?4"
            ))?;
            let found: Vec<(String, RecordKind, String)> = stmt
                .query_map(params![expr, lo, hi, limit], |r| {
                    Ok((r.get(0)?, sql::parsed(r, 1)?, r.get(2)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            // Each hit's words, for its headline and snippet.
            let mut texts: HashMap<String, Doc> = HashMap::new();
            for (source, _) in SOURCES {
                let ids: Vec<&str> = found
                    .iter()
                    .filter(|(_, k, _)| source_of(*k) == *source)
                    .map(|(id, _, _)| id.as_str())
                    .collect();
                if !ids.is_empty() {
                    texts.extend(docs(conn, source, &json_ids(ids))?);
                }
            }
            let mut hits = Vec::with_capacity(found.len());
            for (id, kind, mentee_name) in found {
                let Some(doc) = texts.remove(&id) else {
                    continue;
                };
                // Words as they read, not as they were marked up.
                let body = crate::markdown::to_plain_lines(&doc.body).join("\n");
                let snippet = snippet(&body, &query)
                    .or_else(|| snippet(&doc.title, &query))
                    .unwrap_or_else(|| lead(&body));
                hits.push(SearchHit {
                    kind,
                    id: id
                        .parse()
                        .map_err(|e: uuid::Error| Error::Storage(e.to_string()))?,
                    mentee_id: doc.mentee_id,
                    mentee_name,
                    date: doc.date,
                    visibility: doc.visibility,
                    title: crate::search::clean_title(&doc.title),
                    snippet,
                });
            }
            Ok(hits)
        })
    }

    /// Compares the search index with the journal, record by record.
    pub fn check_search_index(&self) -> Result<IndexCheck> {
        self.read(check)
    }

    /// Builds the search index again from the journal; returns how many records it holds.
    pub fn rebuild_search_index(&mut self) -> Result<usize> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO search_index (search_index) VALUES ('delete-all')",
                [],
            )?;
            tx.execute("DELETE FROM search_docs", [])?;
            tx.execute(MARK_ALL, [])?;
            Ok(())
        })?;
        self.read(|conn| {
            Ok(conn.query_row("SELECT count(*) FROM search_docs", [], |r| {
                r.get::<_, i64>(0)
            })? as usize)
        })
    }
}

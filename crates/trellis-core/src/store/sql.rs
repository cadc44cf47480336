//! Conversions between domain values and SQLite columns, shared by every table
//! module: ids as text, dates as `YYYY-MM-DD`, timestamps as RFC 3339 UTC.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row};

use crate::{Error, Id, Result};

/// The current time at the precision the journal stores (microseconds), so what is
/// saved is exactly what is read back.
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

pub fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn day(d: &NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn opt_day(d: &Option<NaiveDate>) -> Option<String> {
    d.as_ref().map(day)
}

fn bad(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
}

/// Reads a column whose text parses into `T` (ids, enums, dates, timestamps).
pub fn parsed<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let s: String = row.get(idx)?;
    s.parse().map_err(|e| bad(idx, e))
}

pub fn opt_parsed<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let s: Option<String> = row.get(idx)?;
    s.map(|s| s.parse().map_err(|e| bad(idx, e))).transpose()
}

/// Reads an integer column into a bounded domain number (independence, leaning, ...).
pub fn bounded<T: TryFrom<i64, Error = Error>>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let v: i64 = row.get(idx)?;
    T::try_from(v).map_err(|e| bad(idx, e))
}

pub fn opt_bounded<T: TryFrom<i64, Error = Error>>(
    row: &Row<'_>,
    idx: usize,
) -> rusqlite::Result<Option<T>> {
    let v: Option<i64> = row.get(idx)?;
    v.map(|v| T::try_from(v).map_err(|e| bad(idx, e)))
        .transpose()
}

/// The row a lookup by id found, or "no {what} …" when there is none.
pub fn one<T>(row: rusqlite::Result<T>, what: &'static str, id: &Id) -> Result<T> {
    match row {
        Ok(t) => Ok(t),
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(Error::not_found(what, id.to_string())),
        Err(e) => Err(e.into()),
    }
}

/// Replaces the labels (tags, skills) of one owner row in a two-column table.
pub fn replace_labels(
    conn: &Connection,
    table: &str,
    owner_col: &str,
    label_col: &str,
    owner: &Id,
    labels: &[String],
) -> Result<()> {
    conn.prepare_cached(&format!("DELETE FROM {table} WHERE {owner_col} = ?1"))?
        .execute([owner.to_string()])?;
    let mut insert = conn.prepare_cached(&format!(
        "INSERT INTO {table} ({owner_col}, {label_col}) VALUES (?1, ?2)"
    ))?;
    for l in labels {
        insert.execute((owner.to_string(), l))?;
    }
    Ok(())
}

/// Reads the labels of one owner row, sorted.
pub fn labels(
    conn: &Connection,
    table: &str,
    owner_col: &str,
    label_col: &str,
    owner: &Id,
) -> Result<Vec<String>> {
    let out = conn
        .prepare_cached(&format!(
            "SELECT {label_col} FROM {table} WHERE {owner_col} = ?1 ORDER BY {label_col}"
        ))?
        .query_map([owner.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// Checks that every id names an existing row of `table` (evidence links, ...).
/// Entries the journal has or had (deleted ones leave a tombstone): what a stored record
/// (an assessment being restored or imported) may cite.
pub fn require_entries_known(conn: &Connection, ids: &[Id]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT 1 FROM entries WHERE id = ?1 UNION ALL SELECT 1 FROM entry_tombstones WHERE id = ?1",
    )?;
    for id in ids {
        if !stmt.exists([id.to_string()])? {
            return Err(Error::not_found("entry", id.to_string()));
        }
    }
    Ok(())
}

/// Evidence must be the mentee's own entries: another mentee's note proves nothing about
/// this one (and would cite, in their summary, an entry it cannot show).
pub fn require_own_entries(conn: &Connection, mentee: &Id, ids: &[Id]) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT mentee_id FROM entries WHERE id = ?1")?;
    for id in ids {
        let owner: Option<String> = stmt.query_row([id.to_string()], |r| r.get(0)).optional()?;
        match owner {
            None => return Err(Error::not_found("entry", id.to_string())),
            Some(o) if o != mentee.to_string() => {
                return Err(Error::invalid(
                    "evidence",
                    format!("entry {id} is about another mentee"),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

pub fn require_ids(conn: &Connection, table: &str, what: &'static str, ids: &[Id]) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?;
    for id in ids {
        if !stmt.exists([id.to_string()])? {
            return Err(Error::not_found(what, id.to_string()));
        }
    }
    Ok(())
}

//! What a person typed, turned into an id. A mentee is found by name, by the leading
//! words of a name, or by id or unique id prefix; any other record by id or unique id
//! prefix, the way git accepts short hashes. Only a face that takes typed text (the CLI)
//! calls this, at its edge: every other core verb takes an `Id`.

use rusqlite::{Connection, OptionalExtension};

use super::Journal;
use super::mentees::fold;
use crate::{Error, Id, Mentee, Result};

/// The kinds of record a person can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Mentee,
    Entry,
    Goal,
    ActionItem,
    TrashItem,
}

impl Named {
    fn table(self) -> &'static str {
        match self {
            Named::Mentee => "mentees",
            Named::Entry => "entries",
            Named::Goal => "goals",
            Named::ActionItem => "action_items",
            Named::TrashItem => "trash",
        }
    }

    /// The word with its article: "an entry", "a goal".
    fn with_article(self) -> String {
        let word = self.word();
        let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {word}")
    }

    pub fn word(self) -> &'static str {
        match self {
            Named::Mentee => "mentee",
            Named::Entry => "entry",
            Named::Goal => "goal",
            Named::ActionItem => "action item",
            Named::TrashItem => "trash item",
        }
    }
}

impl Journal {
    /// The id of the record `query` names. Ambiguity is an error listing the candidates.
    pub fn resolve(&self, what: Named, query: &str) -> Result<Id> {
        self.read(|conn| match what {
            Named::Mentee => mentee(conn, query).map(|m| m.id),
            other => by_id(conn, other, query),
        })
    }
}

/// Finds a record by full id or by a unique id prefix (at least 4 characters).
fn by_id(conn: &Connection, what: Named, query: &str) -> Result<Id> {
    let (table, word) = (what.table(), what.word());
    let q = hyphenate(&query.trim().to_ascii_lowercase());
    if let Ok(id) = Id::parse_str(&q) {
        let found: Option<String> = conn
            .prepare_cached(&format!("SELECT id FROM {table} WHERE id = ?1"))?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?;
        if found.is_some() {
            return Ok(id);
        }
        // A whole id of another kind of record: say what it is instead of "no such".
        for other in [
            Named::Mentee,
            Named::Entry,
            Named::Goal,
            Named::ActionItem,
            Named::TrashItem,
        ] {
            if other == what {
                continue;
            }
            let exists: Option<i64> = conn
                .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", other.table()))?
                .query_row([id.to_string()], |r| r.get(0))
                .optional()?;
            if exists.is_some() {
                return Err(Error::NotFound {
                    what: word,
                    query: query.to_string(),
                    hint: format!(
                        ": it is the id of {}, not of {}",
                        other.with_article(),
                        what.with_article()
                    ),
                });
            }
        }
        return Err(Error::not_found(word, query));
    }
    if q.len() < 4 || !q.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(Error::NotFound {
            what: word,
            query: query.to_string(),
            hint: format!(
                "; name {} by its id (or at least its first 4 characters; ids made the same day share their first 11)",
                what.with_article()
            ),
        });
    }
    let ids: Vec<String> = conn
        .prepare_cached(&format!(
            "SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 7"
        ))?
        .query_map([&q], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match ids.as_slice() {
        [] => Err(Error::not_found(word, query)),
        [one] => Id::parse_str(one).map_err(|e| Error::Storage(e.to_string())),
        many => {
            let mut candidates: Vec<String> = many.iter().take(6).cloned().collect();
            if many.len() > 6 {
                candidates.push("and more".to_string());
            }
            Err(Error::Ambiguous {
                what: word,
                query: query.to_string(),
                candidates,
            })
        }
    }
}

/// Puts the hyphens of the canonical UUID form into an id prefix typed without them.
fn hyphenate(q: &str) -> String {
    if q.contains('-') || !q.chars().all(|c| c.is_ascii_hexdigit()) {
        return q.to_string();
    }
    let mut out = String::with_capacity(q.len() + 4);
    for (i, c) in q.chars().enumerate() {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(c);
    }
    out
}

/// Whether `query` names the first whole words of `name` ("priya" for "Priya Raman",
/// but not "sam" for "Samir"), so a short name never lands a note on someone else.
fn names_leading_words(name: &str, query: &str) -> bool {
    let (name, query) = (fold(name), fold(query));
    name == query
        || name
            .strip_prefix(&query)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
}

/// Finds a mentee by case-insensitive name, by id or unique id prefix, or by the
/// leading words of a name. Two matches are an error that lists the candidates.
fn mentee(conn: &Connection, query: &str) -> Result<Mentee> {
    if query.trim().is_empty() {
        return Err(Error::invalid("mentee", "name a mentee by name or id"));
    }
    // A lead has tens of mentees, not millions: matching in Rust gets Unicode case right.
    let everyone = super::mentees::list(conn, true)?;
    // Someone archived does not block the name of someone current: among several
    // matches, the current mentees count first.
    let pick = |found: Vec<&Mentee>| -> Result<Option<Mentee>> {
        let current: Vec<&Mentee> = found.iter().copied().filter(|m| !m.archived).collect();
        let found = if found.len() > 1 && !current.is_empty() {
            current
        } else {
            found
        };
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some((*one).clone())),
            many => Err(Error::Ambiguous {
                what: "mentee",
                query: query.to_string(),
                candidates: {
                    let mut c: Vec<String> = many.iter().take(10).map(|m| describe(m)).collect();
                    if many.len() > 10 {
                        c.push(format!("and {} more", many.len() - 10));
                    }
                    c
                },
            }),
        }
    };
    let q = fold(query);
    if let Some(m) = pick(everyone.iter().filter(|m| fold(&m.name) == q).collect())? {
        return Ok(m);
    }
    match by_id(conn, Named::Mentee, query) {
        Ok(id) => return super::mentees::get(conn, &id),
        Err(Error::NotFound { .. }) => {}
        Err(e) => return Err(e),
    }
    if let Some(m) = pick(
        everyone
            .iter()
            .filter(|m| names_leading_words(&m.name, query))
            .collect(),
    )? {
        return Ok(m);
    }
    Err(Error::not_found("mentee", query))
}

fn describe(m: &Mentee) -> String {
    let mut s = format!("{} ({}", m.name, m.id);
    if let Some(team) = &m.team {
        s.push_str(&format!(", {team}"));
    }
    if m.archived {
        s.push_str(", archived");
    }
    s.push(')');
    s
}

#[cfg(test)]
mod tests {
    use super::names_leading_words;

    #[test]
    fn a_short_name_matches_whole_leading_words_only() {
        assert!(names_leading_words("Priya Raman", "priya"));
        assert!(names_leading_words("Ana María López", "ana maría"));
        assert!(names_leading_words("Élodie Martin", "ÉLODIE"));
        assert!(!names_leading_words("Samir Haddad", "sam"), "not mid-word");
        assert!(
            !names_leading_words("Priya Raman", "raman"),
            "leading words only"
        );
    }
}

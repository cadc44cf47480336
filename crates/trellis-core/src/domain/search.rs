//! Full-text search, the part that knows no SQL: how a record's text is prepared for the
//! index (each CJK character a token of its own, so Chinese and Japanese text is found
//! without spaces between words), how what a person types becomes an FTS5 query (every
//! word a prefix, "phrases" in quotes, -word to leave out), the filters as index tokens,
//! and the snippet that shows why a record matched, with the matching words marked.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::{Error, Id, RecordKind, Result, Visibility};

/// Hits returned when the caller does not say.
pub const SEARCH_LIMIT_DEFAULT: u32 = 20;
/// The most hits one search returns.
pub const SEARCH_LIMIT_MAX: u32 = 1000;
const MAX_QUERY_CHARS: usize = 500;
const MAX_TERMS: usize = 16;
/// Characters of context a snippet shows.
const SNIPPET_CHARS: usize = 160;

/// Newest first (the default), or the best matches first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SearchOrder {
    #[default]
    Newest,
    Relevance,
}

/// What to search among. Everything is optional: an empty `kinds` means every kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchOptions {
    #[serde(default)]
    pub mentee: Option<Id>,
    #[serde(default)]
    pub kinds: Vec<RecordKind>,
    #[serde(default)]
    pub since: Option<NaiveDate>,
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Only private, or only shareable, entries (other records have no visibility).
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// At most this many hits (default 20, at most 1000).
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub order: SearchOrder,
}

/// One record that matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub kind: RecordKind,
    pub id: Id,
    pub mentee_id: Id,
    pub mentee_name: String,
    /// The entry's or assessment's date; the day a mentee, goal or action item was added.
    pub date: NaiveDate,
    /// Entries only.
    pub visibility: Option<Visibility>,
    /// The record's headline: a name, title, topic or action.
    pub title: String,
    /// Where the words matched, with the matching words marked.
    pub snippet: Vec<Fragment>,
}

/// A piece of a snippet: a matching word (`mark`) or the text around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fragment {
    pub text: String,
    pub mark: bool,
}

impl SearchHit {
    /// The snippet as one line, matches between `[` and `]` (for terminals and logs).
    pub fn snippet_text(&self) -> String {
        self.snippet
            .iter()
            .map(|f| {
                if f.mark {
                    format!("[{}]", f.text)
                } else {
                    f.text.clone()
                }
            })
            .collect()
    }
}

/// A word or a phrase of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    /// In quotes: the words in this order, the last one whole.
    pub phrase: bool,
}

/// What a person typed, as the index reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Each must match: a word (as a prefix: `led` finds `ledger`) or a phrase.
    pub include: Vec<Term>,
    /// None may match (`-word`, `-"a phrase"`).
    pub exclude: Vec<Term>,
}

impl Query {
    /// Reads a query: words, "phrases in quotes", and -word or -"phrase" to leave out.
    /// Punctuation inside a word separates its parts, as in the text (`rate-limit`).
    pub fn parse(input: &str) -> Result<Query> {
        if input.chars().count() > MAX_QUERY_CHARS {
            return Err(Error::invalid(
                "query",
                format!("a search is at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let mut include = Vec::new();
        let mut exclude = Vec::new();
        let mut chars = input.chars().peekable();
        loop {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let Some(&first) = chars.peek() else { break };
            let negated = first == '-';
            if negated {
                chars.next();
            }
            let phrase = chars.next_if_eq(&'"').is_some();
            let mut text = String::new();
            if phrase {
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    text.push(c);
                }
            } else {
                while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                    text.push(c);
                }
            }
            // A term without a letter or digit (`-`, `*`, `""`) asks for nothing.
            if tokens(&text).is_empty() {
                continue;
            }
            let term = Term { text, phrase };
            if negated {
                exclude.push(term);
            } else {
                include.push(term);
            }
        }
        if include.is_empty() {
            return Err(Error::invalid(
                "query",
                if exclude.is_empty() {
                    "type a word to search for"
                } else {
                    "type a word to search for; -word only leaves words out"
                },
            ));
        }
        if include.len() + exclude.len() > MAX_TERMS {
            return Err(Error::invalid(
                "query",
                format!("a search has at most {MAX_TERMS} words or phrases"),
            ));
        }
        Ok(Query { include, exclude })
    }

    /// The FTS5 expression over the text columns (`title` and `body`).
    pub fn fts(&self) -> String {
        let all: Vec<String> = self.include.iter().map(Term::fts).collect();
        let mut expr = format!("({})", all.join(" AND "));
        for t in &self.exclude {
            expr = format!("({expr} NOT {})", t.fts());
        }
        format!("{{title body}} : {expr}")
    }

    /// The folded tokens a snippet marks, each with whether it matches as a prefix.
    fn marks(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for term in &self.include {
            let toks = tokens(&term.text);
            let last = toks.len().saturating_sub(1);
            for (i, (_, folded)) in toks.into_iter().enumerate() {
                out.push((folded, !term.phrase && i == last));
            }
        }
        out
    }
}

impl Term {
    fn fts(&self) -> String {
        let quoted = format!("\"{}\"", prepare(&self.text).replace('"', "\"\""));
        if self.phrase {
            quoted
        } else {
            format!("{quoted}*")
        }
    }
}

/// The index's filter tokens for a record (in its `meta` column, which a query's words
/// never reach): its kind, its mentee and, for an entry, who may see it.
pub fn meta_tokens(kind: RecordKind, mentee: &Id, visibility: Option<Visibility>) -> String {
    let mut s = format!("kind{} mentee{}", kind.as_str(), mentee.simple());
    if let Some(v) = visibility {
        s.push_str(&format!(" vis{}", v.as_str()));
    }
    s
}

/// The filters of `options` as an FTS5 expression over `meta`, if any.
pub fn meta_filter(options: &SearchOptions) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(m) = options.mentee {
        parts.push(format!("mentee{}", m.simple()));
    }
    if !options.kinds.is_empty() {
        let kinds: Vec<String> = options
            .kinds
            .iter()
            .map(|k| format!("kind{}", k.as_str()))
            .collect();
        parts.push(format!("({})", kinds.join(" OR ")));
    }
    if let Some(v) = options.visibility {
        parts.push(format!("vis{}", v.as_str()));
    }
    (!parts.is_empty()).then(|| format!("meta : ({})", parts.join(" AND ")))
}

/// Han, kana, Hangul and Bopomofo: scripts written without spaces between words (or, for
/// Hangul, with particles glued to them). Each such character is its own token, so any
/// run of them is found as a phrase — a two-character word included, which a trigram
/// index could not find.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3100..=0x312F    // Bopomofo
        | 0x31F0..=0x31FF    // Katakana extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFF66..=0xFF9D    // half-width Katakana
        | 0x20000..=0x3134F  // CJK extensions B–G and the compatibility supplement
    )
}

/// A character the index counts as part of a word (as SQLite's unicode61 does).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Text as the index takes it: a zero-width space on each side of every CJK character,
/// which the tokenizer reads as a separator (and a snippet never shows).
pub fn prepare(text: &str) -> String {
    if !text.chars().any(is_cjk) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for c in text.chars() {
        if is_cjk(c) {
            out.push('\u{200B}');
            out.push(c);
            out.push('\u{200B}');
        } else {
            out.push(c);
        }
    }
    out
}

/// Lower case without diacritics: `Pérez` → `perez`, `naïve` → `naive`.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of `text` as the index sees them: byte ranges and folded forms.
fn tokens(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let close = |out: &mut Vec<_>, start: &mut Option<usize>, end: usize| {
        if let Some(s) = start.take() {
            out.push((s..end, fold(&text[s..end])));
        }
    };
    for (i, c) in text.char_indices() {
        if is_cjk(c) {
            close(&mut out, &mut start, i);
            out.push((i..i + c.len_utf8(), c.to_string()));
        } else if is_word_char(c) {
            start.get_or_insert(i);
        } else {
            close(&mut out, &mut start, i);
        }
    }
    close(&mut out, &mut start, text.len());
    out
}

/// A one-line excerpt of `text` around the first word that matches `query`, matching
/// words marked; `None` when no word of `text` matches.
pub fn snippet(text: &str, query: &Query) -> Option<Vec<Fragment>> {
    let marks = query.marks();
    let matches = |folded: &str| {
        marks.iter().any(|(m, prefix)| {
            if *prefix {
                folded.starts_with(m.as_str())
            } else {
                folded == m
            }
        })
    };
    let toks = tokens(text);
    let hits: Vec<usize> = (0..toks.len()).filter(|&i| matches(&toks[i].1)).collect();
    let first = *hits.first()?;
    // A few words of context before the first match, then up to SNIPPET_CHARS.
    let from = toks[first.saturating_sub(6)].0.start;
    let from = if first < 6 { 0 } else { from };
    let mut end = text.len();
    let mut count = 0;
    for (i, c) in text[from..].char_indices() {
        count += 1;
        if count > SNIPPET_CHARS {
            end = from + i;
            break;
        }
        let _ = c;
    }
    // Do not cut a word in two.
    if end < text.len()
        && let Some((r, _)) = toks.iter().find(|(r, _)| r.start < end && r.end > end)
    {
        end = r.start.max(from);
    }
    let mut out = Vec::new();
    let mut push = |s: &str, mark: bool| {
        let line = one_line(s);
        if line.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(Fragment { text, mark: m }) if *m == mark => text.push_str(&line),
            _ => out.push(Fragment { text: line, mark }),
        }
    };
    if from > 0 {
        push("… ", false);
    }
    let mut at = from;
    for &i in hits
        .iter()
        .filter(|&&i| toks[i].0.start >= from && toks[i].0.end <= end)
    {
        let r = &toks[i].0;
        push(&text[at..r.start], false);
        push(&text[r.clone()], true);
        at = r.end;
    }
    push(&text[at..end], false);
    if end < text.len() {
        push(" …", false);
    }
    if let Some(f) = out.first_mut() {
        f.text = f.text.trim_start().to_string();
    }
    if let Some(f) = out.last_mut() {
        f.text = f.text.trim_end().to_string();
    }
    out.retain(|f| !f.text.is_empty());
    Some(out)
}

/// The beginning of `text` as a one-line snippet with nothing marked.
pub fn lead(text: &str) -> Vec<Fragment> {
    let line = one_line(text);
    let line = line.trim();
    let mut cut: String = line.chars().take(SNIPPET_CHARS).collect();
    if cut.len() < line.len() {
        cut.push_str(" …");
    }
    if cut.is_empty() {
        Vec::new()
    } else {
        vec![Fragment {
            text: cut,
            mark: false,
        }]
    }
}

/// Zero-width spaces (ours) and the direction marks and overrides that could make a
/// snippet read backwards.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A headline as one clean line (no direction overrides, no line breaks).
pub fn clean_title(s: &str) -> String {
    one_line(s).trim().to_string()
}

/// Newlines and runs of spaces become one space; zero-width spaces and other controls go.
/// Spaces at either end are kept (one): a piece's neighbour needs them.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else if c.is_control() || is_invisible(c) {
            continue;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Query {
        Query::parse(s).expect("query")
    }

    #[test]
    fn words_are_prefixes_phrases_are_exact_and_minus_leaves_out() {
        assert_eq!(
            q(r#"led "rate limit" -flaky"#).fts(),
            r#"{title body} : (("led"* AND "rate limit") NOT "flaky"*)"#
        );
    }

    #[test]
    fn quotes_in_a_word_cannot_break_out_of_the_query() {
        let fts = q(r#"a"b OR c"#).fts();
        assert_eq!(fts, r#"{title body} : ("a""b"* AND "OR"* AND "c"*)"#);
    }

    #[test]
    fn a_query_of_exclusions_or_punctuation_only_is_refused_with_a_reason() {
        for bad in ["", "   ", "-flaky", "* - \"\"", "-\"a b\""] {
            let e = Query::parse(bad).expect_err(bad);
            assert!(e.to_string().contains("type a word"), "{bad}: {e}");
        }
        assert!(Query::parse(&"a ".repeat(17)).is_err(), "too many terms");
        assert!(Query::parse(&"x".repeat(501)).is_err(), "too long");
    }

    #[test]
    fn cjk_characters_are_tokens_of_their_own() {
        assert_eq!(
            prepare("会議で"),
            "\u{200B}会\u{200B}\u{200B}議\u{200B}\u{200B}で\u{200B}"
        );
        assert_eq!(prepare("plain text"), "plain text");
        let words: Vec<String> = tokens("React入門 naïve").into_iter().map(|t| t.1).collect();
        assert_eq!(words, ["react", "入", "門", "naive"]);
    }

    #[test]
    fn snippets_mark_folded_prefix_matches_in_context() {
        let text = "We talked about the Pérez migration.\nThe naïve retry loop was the bug.";
        let s = snippet(text, &q("perez naive")).expect("matches");
        let marked: Vec<&str> = s
            .iter()
            .filter(|f| f.mark)
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(marked, ["Pérez", "naïve"]);
        let tail = snippet("alpha beta gamma", &q("beta")).expect("matches");
        let all: String = tail.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(all, "alpha beta gamma", "the space after a match stays");
        let evil = snippet("evil \u{202E}gnp.exe\u{202C} file", &q("evil")).expect("matches");
        let all: String = evil.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            all, "evil gnp.exe file",
            "no direction override reaches a snippet"
        );
        let adjacent = snippet("the rate limiter drops", &q("rate limiter")).expect("matches");
        let all: String = adjacent.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            all, "the rate limiter drops",
            "spaces between marked words stay"
        );
        assert!(s.iter().all(|f| !f.text.contains('\n')), "{s:?}");
        assert!(snippet(text, &q("kubernetes")).is_none());
    }

    #[test]
    fn a_snippet_of_a_long_text_is_bounded_and_cut_between_words() {
        let text = format!("{} needle {}", "word ".repeat(400), "tail ".repeat(400));
        let s = snippet(&text, &q("needle")).expect("matches");
        let all: String = s.iter().map(|f| f.text.as_str()).collect();
        assert!(all.starts_with("… ") && all.ends_with(" …"), "{all}");
        assert!(all.chars().count() <= SNIPPET_CHARS + 4, "{}", all.len());
        assert!(!all.contains("wor …") && !all.contains("tai …"), "{all}");
        // A 250 KB word is cut, not copied whole.
        let huge = "x".repeat(250_000);
        let s = snippet(&format!("{huge} needle"), &q("needle")).expect("matches");
        assert!(s.iter().map(|f| f.text.len()).sum::<usize>() < 1000);
    }

    #[test]
    fn filters_are_index_tokens_a_query_cannot_reach() {
        let m = Id::nil();
        let opts = SearchOptions {
            mentee: Some(m),
            kinds: vec![RecordKind::Note, RecordKind::Session],
            visibility: Some(Visibility::Private),
            ..SearchOptions::default()
        };
        assert_eq!(
            meta_filter(&opts).expect("filters"),
            format!(
                "meta : (mentee{} AND (kindnote OR kindsession) AND visprivate)",
                m.simple()
            )
        );
        assert_eq!(meta_filter(&SearchOptions::default()), None);
        assert_eq!(
            meta_tokens(RecordKind::Note, &m, Some(Visibility::Private)),
            format!("kindnote mentee{} visprivate", m.simple())
        );
    }
}

//! The benchmark report's in-process measurements (a report, not a test), each beside its
//! floor measured in the same run on the same files. `benches/report` runs it on a ~10k
//! and a ~1M entry demo journal and adds launch, memory and package size.
//!
//! Usage: report SMALL.db LARGE.db WORK_DIR  → one JSON object on stdout.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{Value, json};
use trellis_core::archive::ImportMode;
use trellis_core::search::Query;
use trellis_core::summary::{self, Format, SummaryOptions};
use trellis_core::{
    EntryDetails, Id, Journal, NewEntry, Note, NoteKind, SearchOptions, TimelineQuery, parse_date,
};

/// ≥ 50 queries: common words, rarer ones, prefixes as typed, phrases, names, exclusions.
const QUERIES: &[&str] = &[
    "test",
    "review",
    "design",
    "flaky",
    "retry",
    "webhook",
    "billing",
    "interface",
    "property",
    "profiling",
    "tracing",
    "checkout",
    "migration",
    "rate limiter",
    "pull request",
    "database",
    "incident",
    "postmortem",
    "pairing",
    "debugger",
    "pag",
    "flak",
    "integ",
    "obs",
    "refac",
    "conc",
    "perf",
    "migr",
    "deleg",
    "mentor",
    "\"flaky integration test\"",
    "\"retry policy\"",
    "\"rate limiter\"",
    "\"pull request\"",
    "\"slow search query\"",
    "\"property-based tests\"",
    "\"billing module\"",
    "\"checkout flow\"",
    "\"first property\"",
    "\"user settings\"",
    "priya",
    "raman",
    "kenji",
    "okafor",
    "lindqvist",
    "garcía",
    "chloe",
    "tomas",
    "test -flaky",
    "design -retry",
    "review -pull",
    "sql query",
    "slow query",
    "edge case",
    "error paths",
    "happy path",
];

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn median(mut t: Vec<f64>) -> f64 {
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn percentile(mut t: Vec<f64>, p: f64) -> f64 {
    t.sort_by(f64::total_cmp);
    let i = ((t.len() as f64 - 1.0) * p).round() as usize;
    t[i]
}

fn repeat(runs: usize, mut f: impl FnMut()) -> Vec<f64> {
    f(); // warm
    (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            ms(s)
        })
        .collect()
}

/// The mentee with the most entries.
fn busiest(path: &Path) -> Id {
    let c = rusqlite::Connection::open(path).expect("open");
    let id: String = c
        .query_row(
            "SELECT mentee_id FROM entries GROUP BY mentee_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a mentee");
    id.parse().expect("id")
}

/// The last day in the journal (the demo's end), so "today" has content.
fn last_day(path: &Path) -> chrono::NaiveDate {
    let c = rusqlite::Connection::open(path).expect("open");
    let d: String = c
        .query_row("SELECT max(date) FROM entries", [], |r| r.get(0))
        .expect("a date");
    parse_date(&d).expect("date")
}

fn measure(path: &Path) -> BTreeMap<&'static str, Value> {
    let mut out = BTreeMap::new();
    let j = Journal::open(path).expect("journal");
    let entries: i64 = rusqlite::Connection::open(path)
        .expect("open")
        .query_row("SELECT count(*) FROM entries", [], |r| r.get(0))
        .expect("count");
    out.insert("entries", json!(entries));
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    out.insert("bytes", json!(bytes));

    // Search, and the raw FTS5 query it stands on, over the same queries and runs.
    let raw =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open");
    let (mut ours, mut floor) = (Vec::new(), Vec::new());
    let opts = SearchOptions::default();
    let mut hits = 0usize;
    for q in QUERIES {
        let fts = Query::parse(q).expect("query").fts();
        let mut stmt = raw
            .prepare_cached(
                "SELECT rowid FROM search_index WHERE search_index MATCH ?1
                 ORDER BY rowid DESC LIMIT 20",
            )
            .expect("sql");
        ours.extend(repeat(5, || {
            hits += j.search(q, &opts).expect("search").len();
        }));
        floor.extend(repeat(5, || {
            let n = stmt
                .query_map([&fts], |r| r.get::<_, i64>(0))
                .expect("query")
                .count();
            std::hint::black_box(n);
        }));
    }
    out.insert("search_queries", json!(QUERIES.len()));
    out.insert("search_hits", json!(hits / 6));
    out.insert("search_p50", json!(percentile(ours.clone(), 0.5)));
    out.insert("search_p99", json!(percentile(ours, 0.99)));
    out.insert("raw_fts_p50", json!(percentile(floor.clone(), 0.5)));
    out.insert("raw_fts_p99", json!(percentile(floor, 0.99)));

    let day = last_day(path);
    out.insert(
        "today",
        json!(median(repeat(11, || {
            j.today(day).expect("today");
        }))),
    );
    let m = busiest(path);
    out.insert(
        "timeline_page",
        json!(median(repeat(11, || {
            j.timeline_page(&m, &TimelineQuery::default())
                .expect("page");
        }))),
    );

    // One mentee's summary (the busiest, the last six months): the model, each format,
    // and the raw SQL fetching the same rows.
    let options = SummaryOptions {
        since: Some(day - chrono::Duration::days(182)),
        until: Some(day),
        months: None,
        exclude: vec![],
    };
    out.insert(
        "summary_model",
        json!(median(repeat(11, || {
            summary::build(&j, &m, &options, day).expect("summary");
        }))),
    );
    for (key, format) in [
        ("summary_md", Format::Md),
        ("summary_html", Format::Html),
        ("summary_json", Format::Json),
        ("summary_pdf", Format::Pdf),
    ] {
        out.insert(
            key,
            json!(median(repeat(7, || {
                let p = summary::build(&j, &m, &options, day).expect("summary");
                trellis_export::render(format, &p.summary).expect("render");
            }))),
        );
    }
    let id = m.to_string();
    let (s0, e0) = (options.since.expect("since").to_string(), day.to_string());
    out.insert(
        "summary_raw_sql",
        json!(median(repeat(11, || {
            let mut n = 0usize;
            for sql in RAW_SUMMARY_SQL {
                let mut stmt = raw.prepare_cached(sql).expect("sql");
                let cols = stmt.column_count();
                let mut rows = stmt.query((&id, &s0, &e0)).expect("query");
                while let Some(r) = rows.next().expect("row") {
                    for c in 0..cols {
                        let _: rusqlite::types::Value = r.get(c).expect("value");
                    }
                    n += 1;
                }
            }
            std::hint::black_box(n);
        }))),
    );
    out
}

const RAW_SUMMARY_SQL: &[&str] = &[
    "SELECT e.*, n.*, s.*, t.* FROM entries e LEFT JOIN notes n ON n.entry_id = e.id
     LEFT JOIN pairing_sessions s ON s.entry_id = e.id LEFT JOIN track_conversations t ON t.entry_id = e.id
     WHERE e.mentee_id = ?1 AND e.date >= ?2 AND e.date <= ?3",
    "SELECT x.* FROM entry_tags x JOIN entries e ON e.id = x.entry_id WHERE e.mentee_id = ?1 AND e.date >= ?2 AND e.date <= ?3",
    "SELECT x.* FROM entry_skills x JOIN entries e ON e.id = x.entry_id WHERE e.mentee_id = ?1 AND e.date >= ?2 AND e.date <= ?3",
    "SELECT x.* FROM session_links x JOIN entries e ON e.id = x.entry_id WHERE e.mentee_id = ?1 AND e.date >= ?2 AND e.date <= ?3",
    "SELECT x.* FROM track_experiments x JOIN entries e ON e.id = x.entry_id WHERE e.mentee_id = ?1 AND e.date >= ?2 AND e.date <= ?3",
    "SELECT a.* FROM action_items a WHERE a.mentee_id = ?1 AND (?2 = ?2) AND (?3 = ?3)",
    "SELECT g.*, c.* FROM goals g LEFT JOIN check_ins c ON c.goal_id = g.id WHERE g.mentee_id = ?1 AND (?2 = ?2) AND (?3 = ?3)",
    "SELECT x.* FROM goal_evidence x JOIN goals g ON g.id = x.goal_id WHERE g.mentee_id = ?1 AND (?2 = ?2) AND (?3 = ?3)",
    "SELECT a.*, x.entry_id FROM assessments a LEFT JOIN assessment_evidence x ON x.assessment_id = a.id WHERE a.mentee_id = ?1 AND (?2 = ?2) AND (?3 = ?3)",
];

/// One confirmed save (a note, in-process, on the large journal) beside a raw fsync of
/// a small file on the same disk.
fn save(path: &Path, work: &Path) -> BTreeMap<&'static str, Value> {
    let mut j = Journal::open(path).expect("journal");
    let ours = save_time(&mut j, path, 51);
    let file = work.join("fsync-floor.txt");
    let floor = repeat(51, || {
        let mut f = std::fs::File::create(&file).expect("file");
        f.write_all(&[b'x'; 200]).expect("write");
        f.sync_all().expect("fsync");
    });
    BTreeMap::from([("save", json!(ours)), ("fsync", json!(median(floor)))])
}

/// Tables in the order their rows can be inserted (foreign keys).
const TABLES: &[&str] = &[
    // The ladders first.
    "frameworks",
    "ladder_levels",
    "ladder_dimensions",
    "ladder_expectations",
    "mentees",
    "mentee_ladders",
    "mentee_tags",
    "entries",
    "notes",
    "pairing_sessions",
    "session_links",
    "track_conversations",
    "track_experiments",
    "entry_tags",
    "entry_skills",
    "entry_tombstones",
    "action_items",
    "goals",
    "goal_skills",
    "goal_evidence",
    "check_ins",
    "check_in_evidence",
    "assessments",
    "assessment_evidence",
];

/// Import of the small journal's archive into a new journal, beside raw inserts of the
/// same rows into a new journal in one transaction.
fn import(small: &Path, work: &Path) -> BTreeMap<&'static str, Value> {
    let archive = Journal::open(small)
        .expect("journal")
        .archive()
        .expect("archive")
        .to_json();
    let fresh = |name: &str| -> PathBuf {
        let p = work.join(name);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
        }
        drop(Journal::create(&p).expect("new journal"));
        p
    };
    let mut ours = Vec::new();
    for run in 0..3 {
        let p = fresh(&format!("import-{run}.db"));
        let mut j = Journal::open(&p).expect("journal");
        let s = Instant::now();
        j.import_archive(archive.as_bytes(), ImportMode::Merge)
            .expect("import");
        ours.push(ms(s));
    }
    let mut floor = Vec::new();
    for run in 0..3 {
        let p = fresh(&format!("raw-{run}.db"));
        let mut c = rusqlite::Connection::open(&p).expect("open");
        c.pragma_update(None, "foreign_keys", true).expect("fk");
        c.pragma_update(None, "synchronous", "FULL").expect("sync");
        c.execute("ATTACH ?1 AS src", [small.display().to_string()])
            .expect("attach");
        let s = Instant::now();
        let tx = c.transaction().expect("tx");
        // The new journal's own default ladder gives way to the source's.
        tx.execute("DELETE FROM main.frameworks", [])
            .expect("no ladder");
        for t in TABLES {
            tx.execute(&format!("INSERT INTO main.{t} SELECT * FROM src.{t}"), [])
                .expect("insert");
        }
        tx.commit().expect("commit");
        floor.push(ms(s));
    }
    let rows: i64 = {
        let c = rusqlite::Connection::open(small).expect("open");
        TABLES
            .iter()
            .map(|t| {
                c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| {
                    r.get::<_, i64>(0)
                })
                .expect("count")
            })
            .sum()
    };
    BTreeMap::from([
        ("import", json!(median(ours))),
        ("raw_inserts", json!(median(floor))),
        ("rows", json!(rows)),
        ("archive_bytes", json!(archive.len())),
    ])
}

/// Search over `QUERIES` (5 runs each) on an open journal: p50 and p99 in ms.
fn search_times(j: &Journal) -> (f64, f64) {
    let opts = SearchOptions::default();
    let mut t = Vec::new();
    for q in QUERIES {
        t.extend(repeat(5, || {
            std::hint::black_box(j.search(q, &opts).expect("search").len());
        }));
    }
    (percentile(t.clone(), 0.5), percentile(t, 0.99))
}

/// Median ms of one confirmed save (a note) on an open journal.
/// (`path`: a plain journal of the same contents, read for the busiest mentee and the day.)
fn save_time(j: &mut Journal, path: &Path, runs: usize) -> f64 {
    let m = busiest(path);
    let day = last_day(path);
    let mut i = 0;
    median(repeat(runs, || {
        i += 1;
        j.add_entry(NewEntry {
            mentee_id: m,
            date: day,
            title: None,
            body: format!("Benchmark note {i}: paired on the flaky test, wrote it down."),
            visibility: None,
            starred: false,
            tags: vec![],
            skills: vec![],
            details: EntryDetails::Note(Note {
                subkind: NoteKind::Observation,
            }),
            follow_ups: vec![],
        })
        .expect("saved");
    }))
}

/// The ~10k journal plain and encrypted (copies in folders of their own): turning
/// encryption on, unlocking (Argon2id), opening, saving and searching, each side by side.
fn encrypted(small: &Path, work: &Path) -> BTreeMap<&'static str, Value> {
    use trellis_core::keys::{KdfParams, Passphrase, Unlock};
    let copy = |name: &str| {
        let dir = work.join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let p = dir.join("journal.db");
        // A consistent copy through SQLite (the journal may have a WAL beside it).
        Journal::open(small)
            .expect("journal")
            .backup(Some(&p))
            .expect("copy");
        p
    };
    let plain = copy("plain");
    let enc = copy("encrypted");
    let pass = || Passphrase::new("benchmark passphrase".into()).expect("passphrase");
    let start = Instant::now();
    Journal::encrypt(&enc, &pass(), KdfParams::DEFAULT).expect("encrypted");
    let encrypt_ms = ms(start);
    let unlock_ms = median(repeat(3, || {
        Journal::lock(&enc);
        Journal::unlock(&enc, &Unlock::Passphrase(pass())).expect("unlocked");
    }));
    let open_plain = median(repeat(11, || drop(Journal::open(&plain).expect("open"))));
    let open_enc = median(repeat(11, || drop(Journal::open(&enc).expect("open"))));
    let (mut jp, mut je) = (
        Journal::open(&plain).expect("open"),
        Journal::open(&enc).expect("open"),
    );
    let (sp50, sp99) = search_times(&jp);
    let (se50, se99) = search_times(&je);
    let save_plain = save_time(&mut jp, &plain, 31);
    // The encrypted copy holds the same journal: its mentee and day are read from the plain one.
    let save_enc = save_time(&mut je, &plain, 31);
    BTreeMap::from([
        ("encrypt", json!(encrypt_ms)),
        ("unlock", json!(unlock_ms)),
        ("open_plain", json!(open_plain)),
        ("open_encrypted", json!(open_enc)),
        ("search_p50_plain", json!(sp50)),
        ("search_p50_encrypted", json!(se50)),
        ("search_p99_plain", json!(sp99)),
        ("search_p99_encrypted", json!(se99)),
        ("save_plain", json!(save_plain)),
        ("save_encrypted", json!(save_enc)),
        ("path", json!(enc)),
        ("plain_path", json!(plain)),
    ])
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, small, large, work] = args.as_slice() else {
        eprintln!("usage: report SMALL.db LARGE.db WORK_DIR");
        std::process::exit(2);
    };
    let (small, large, work) = (Path::new(small), Path::new(large), Path::new(work));
    let report = json!({
        "small": measure(small),
        "large": measure(large),
        "save": save(large, work),
        "import": import(small, work),
        "encrypted": encrypted(small, work),
        "sqlite": Journal::sqlite_version(),
    });
    println!("{report}");
}

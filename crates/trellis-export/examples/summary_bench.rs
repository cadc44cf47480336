//! Benchmark (a report, not a test): time to build one mentee's growth summary from the
//! 30-mentee, 10-year demo journal in each format, beside the raw SQL that fetches the
//! same rows. Run: `cargo run --release -p trellis-export --example summary_bench`.

use std::time::Instant;

use trellis_core::demo::{self, DemoOptions};
use trellis_core::summary::{self, Format, SummaryOptions};
use trellis_core::{Journal, parse_date};

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(|a, b| a.total_cmp(b));
    t[runs / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("demo.db");
    let end = parse_date("2026-11-22").expect("date");
    let mut j = Journal::create(&path).expect("journal");
    let report = demo::populate(
        &mut j,
        &DemoOptions {
            mentees: 30,
            years: 10,
            seed: 1,
            end,
        },
    )
    .expect("demo");
    println!(
        "demo journal: {} mentees, {} entries",
        report.mentees, report.entries
    );
    // The mentee with the most entries in the last six months.
    let since = parse_date("2026-05-22").expect("date");
    let mentees = j.mentees(true).expect("mentees");
    let m = mentees
        .iter()
        .max_by_key(|m| {
            j.timeline(&m.id, Some(since), Some(end))
                .map(|t| t.len())
                .unwrap_or(0)
        })
        .expect("a mentee");
    let options = SummaryOptions {
        since: Some(since),
        until: Some(end),
        months: None,
        exclude: vec![],
    };
    let runs = 31;

    let build = median_ms(runs, || {
        summary::build(&j, &m.id, &options, end).expect("summary");
    });
    let p = summary::build(&j, &m.id, &options, end).expect("summary");
    println!(
        "{}: {} shareable entries drawn on, {} private items left out",
        m.name,
        p.summary.sources.len(),
        p.withheld.private.len()
    );
    let s = p.summary;
    println!("build the model: {build:.2} ms (median of {runs})");
    for format in [Format::Md, Format::Html, Format::Json, Format::Pdf] {
        let render = median_ms(runs, || {
            trellis_export::render(format, &s).expect("export");
        });
        let total = median_ms(runs, || {
            let p = summary::build(&j, &m.id, &options, end).expect("summary");
            trellis_export::render(format, &p.summary).expect("export");
        });
        let size = trellis_export::render(format, &s).expect("export").len();
        println!("{format:?}: render {render:.2} ms, build + render {total:.2} ms, {size} bytes");
    }

    // The raw SQL that fetches the same rows, on its own connection.
    let conn = rusqlite::Connection::open(&path).expect("open");
    let id = m.id.to_string();
    let (s0, e0) = (since.to_string(), end.to_string());
    let raw = median_ms(runs, || {
        let mut n = 0usize;
        for sql in [
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
        ] {
            let mut stmt = conn.prepare_cached(sql).expect("sql");
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
    });
    println!("raw SQL for the same rows: {raw:.2} ms (median of {runs})");
}

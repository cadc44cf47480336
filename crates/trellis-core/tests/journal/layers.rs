//! The architecture's invariants that a type cannot carry, checked on the source: the
//! core knows nothing of Tauri or the CLI, only the store touches rusqlite, every write
//! goes through `Journal::write`, and there is no global journal.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn core_src() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            (p.strip_prefix(&root).expect("inside").to_path_buf(), text)
        })
        .collect()
}

#[test]
fn the_core_knows_nothing_of_tauri_or_the_cli() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .expect("Cargo.toml");
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .expect("a [dependencies] table")
        .split("\n[")
        .next()
        .unwrap_or_default();
    for line in deps.lines() {
        let name = line.split(['=', '.']).next().unwrap_or("").trim();
        assert!(
            !name.starts_with("tauri") && name != "clap" && !name.starts_with("wry"),
            "trellis-core depends on {name}: the core must not know its faces"
        );
    }
}

#[test]
fn only_the_store_touches_rusqlite() {
    for (path, text) in core_src() {
        if path.starts_with("store") {
            continue;
        }
        assert!(
            !text.contains("rusqlite"),
            "{} uses rusqlite: SQL lives in src/store/",
            path.display()
        );
    }
}

#[test]
fn every_write_goes_through_journal_write() {
    for (path, text) in core_src() {
        // mod.rs holds `write` and `read`; migrations run their own, before the journal opens.
        if path == Path::new("store/mod.rs") || path == Path::new("store/migrations.rs") {
            continue;
        }
        for needle in [
            ".transaction(",
            "transaction_with_behavior(",
            "Transaction::new",
            "\"BEGIN",
        ] {
            assert!(
                !text.contains(needle),
                "{} opens a transaction of its own ({needle}): write through Journal::write",
                path.display()
            );
        }
    }
}

#[test]
fn there_is_no_global_journal() {
    for (path, text) in core_src() {
        for line in text.lines() {
            let l = line.trim_start();
            let global = (l.starts_with("static ") || l.starts_with("pub static "))
                && (l.contains("Journal") || l.contains("Connection"));
            assert!(
                !global && !l.starts_with("thread_local!"),
                "{}: `{l}`: pass the Journal explicitly",
                path.display()
            );
        }
    }
}

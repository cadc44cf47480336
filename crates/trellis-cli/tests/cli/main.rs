//! Tests that run the real `trellis` binary on temp journals. One test binary; its
//! modules:
//!
//! - `scenario`: a lead's first weeks, end to end, checked through `--json`
//! - `archive`: export and import of the open archive
//! - `backups`: backup, restore and damaged journals
//! - `bad_input`: every error a user can cause — one line, non-zero exit, journal unchanged
//! - `concurrency`: two processes writing the same journal at once
//! - `demo`: the demo generator through the CLI
//! - `search`: `trellis search` and the search index's check and repair
//! - `summary`: growth summaries written privately and atomically

mod agenda;
mod archive;
mod backups;
mod bad_input;
mod concurrency;
mod demo;
mod encryption;
mod scenario;
mod search;
mod summary;
mod templates;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temp folder with a journal path in it, and helpers to run `trellis` on it.
pub struct Trellis {
    pub dir: tempfile::TempDir,
    pub journal: PathBuf,
}

impl Default for Trellis {
    fn default() -> Self {
        Trellis::new()
    }
}

impl Trellis {
    /// A temp folder with no journal yet.
    pub fn new() -> Trellis {
        let dir = tempfile::tempdir().expect("temp dir");
        let journal = dir.path().join("journal.db");
        Trellis { dir, journal }
    }

    /// A temp folder with an initialized journal.
    pub fn init() -> Trellis {
        let t = Trellis::new();
        t.ok(&["init"]);
        t
    }

    pub fn command(&self, args: &[&str]) -> Command {
        self.command_on(&self.journal, args)
    }

    /// A command on another journal file (e.g. a demo beside the journal).
    pub fn command_on(&self, journal: &Path, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_trellis"));
        c.arg("--journal")
            .arg(journal)
            .args(args)
            .env_remove("TRELLIS_JOURNAL")
            // Never touch the real data directory, whatever the test does.
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .stdin(Stdio::null());
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("trellis runs")
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_on(&self.journal, args)
    }

    /// Runs a command on another journal file that must succeed; returns its stdout.
    pub fn ok_on(&self, journal: &Path, args: &[&str]) -> String {
        let out = self
            .command_on(journal, args)
            .output()
            .expect("trellis runs");
        assert!(
            out.status.success(),
            "`trellis {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs a command that must succeed; returns the id it printed.
    pub fn id(&self, args: &[&str]) -> String {
        let out = self.ok(args);
        let id = out.trim().to_string();
        assert_eq!(
            id.len(),
            36,
            "`trellis {}` prints an id, got {out:?}",
            args.join(" ")
        );
        id
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut a = args.to_vec();
        a.push("--json");
        serde_json::from_str(&self.ok(&a)).expect("valid JSON")
    }

    /// Runs a command that must fail with one clear line on stderr; returns that line.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "`trellis {}` should have failed",
            args.join(" ")
        );
        assert!(out.stdout.is_empty(), "a failure prints nothing on stdout");
        let err = String::from_utf8(out.stderr).expect("utf-8 stderr");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "one line on stderr for `trellis {}`, got:\n{err}",
            args.join(" ")
        );
        assert!(err.starts_with("trellis: "), "{err}");
        err.trim_end().to_string()
    }
}

/// The bytes of a file and of its WAL, if any: what "unchanged" means for a journal.
pub fn snapshot(path: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    (
        std::fs::read(path).expect("journal readable"),
        std::fs::read(wal).ok(),
    )
}

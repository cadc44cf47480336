//! Crash test: a child process writes through the real code paths (entries with
//! follow-ups, check-ins, mentee edits) and reports each write the moment it returned;
//! the parent SIGKILLs it at a random moment, then checks the journal: `integrity_check`
//! is `ok`, every write the child confirmed is there and found by search, and the search
//! index agrees with the journal. 300 kills by default
//! (`TRELLIS_CRASH_KILLS=N` for more or fewer), and as many again on an encrypted
//! journal. A third test kills `encrypt` itself mid-conversion: the journal is then
//! either still plain or already encrypted, whole either way. The child is this same test
//! binary, started with `TRELLIS_CRASH_CHILD` set.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use trellis_core::{
    EntryDetails, Journal, MenteePatch, Named, NewActionItem, NewCheckIn, NewEntry, NewGoal,
    NewMentee, Note, NoteKind, Progress, parse_date,
};

const CHILD: &str = "TRELLIS_CRASH_CHILD";
/// Set for a child that must unlock the journal first.
const PASSPHRASE: &str = "TRELLIS_CRASH_PASSPHRASE";
/// Set for a child that encrypts the journal instead of writing to it.
const ENCRYPT: &str = "TRELLIS_CRASH_ENCRYPT";

fn passphrase(text: &str) -> trellis_core::keys::Unlock {
    trellis_core::keys::Unlock::Passphrase(
        trellis_core::keys::Passphrase::new(text.to_string()).expect("passphrase"),
    )
}

/// In the child: encrypt the journal (cheap key derivation), then report.
#[test]
fn crash_child_encrypts() {
    let (Some(path), Some(pass)) = (std::env::var_os(CHILD), std::env::var(ENCRYPT).ok()) else {
        return;
    };
    let p = trellis_core::keys::Passphrase::new(pass).expect("passphrase");
    Journal::encrypt(
        Path::new(&path),
        &p,
        trellis_core::keys::KdfParams::FOR_TESTS,
    )
    .expect("encrypted");
    println!("ok encrypted");
}

/// In the child: write until killed, printing `ok <body>` after each confirmed write.
#[test]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD) else {
        return; // only does something when started by the crash test
    };
    if std::env::var_os(ENCRYPT).is_some() {
        return;
    }
    if let Ok(p) = std::env::var(PASSPHRASE) {
        Journal::unlock(Path::new(&path), &passphrase(&p)).expect("unlocked");
    }
    let round = std::env::var("TRELLIS_CRASH_ROUND").unwrap_or_default();
    let mut j = Journal::open(Path::new(&path)).expect("journal opens");
    let m = j
        .mentee(&j.resolve(Named::Mentee, "crash").expect("resolve"))
        .expect("mentee");
    let g = j.goals(&m.id).expect("goals")[0].id;
    let out = std::io::stdout();
    for i in 0u64.. {
        let body = format!("r{round}-w{i}");
        match i % 3 {
            0 | 1 => {
                j.add_entry(NewEntry {
                    mentee_id: m.id,
                    date: parse_date("2026-03-01").expect("date"),
                    title: None,
                    body: body.clone(),
                    visibility: None,
                    starred: false,
                    tags: vec!["crash".into()],
                    skills: vec![],
                    details: EntryDetails::Note(Note {
                        subkind: NoteKind::Other,
                    }),
                    follow_ups: vec![NewActionItem {
                        text: format!("{body} follow-up"),
                        owner: None,
                        due: None,
                    }],
                })
                .expect("write");
            }
            _ => {
                j.check_in(
                    &g,
                    NewCheckIn {
                        date: parse_date("2026-03-02").expect("date"),
                        progress: Progress::new((i % 100) as i64).expect("in range"),
                        note: Some(body.clone()),
                        evidence: vec![],
                    },
                )
                .expect("check-in");
                j.edit_mentee(
                    &m.id,
                    MenteePatch {
                        team: Some(body.clone()),
                        ..Default::default()
                    },
                )
                .expect("edit");
            }
        }
        let mut lock = out.lock();
        let _ = writeln!(lock, "ok {body}");
        let _ = lock.flush();
    }
}

fn kills() -> usize {
    std::env::var("TRELLIS_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// A small, portable pseudo-random sequence for kill delays (no extra dependency).
fn delays() -> impl FnMut() -> u64 {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

#[cfg(unix)]
#[test]
fn confirmed_writes_survive_sigkill() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    kill_writers(kills(), None);
}

#[cfg(unix)]
#[test]
fn confirmed_writes_survive_sigkill_in_an_encrypted_journal() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    kill_writers(kills(), Some("crash test passphrase"));
}

#[cfg(unix)]
fn kill_writers(kills: usize, encrypted: Option<&str>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("journal.db");
    {
        let mut j = Journal::create(&path).expect("journal");
        let m = j
            .add_mentee(NewMentee {
                name: "Crash Test".into(),
                ..Default::default()
            })
            .expect("mentee");
        j.add_goal(
            &m.id,
            NewGoal {
                title: "Survive".into(),
                ..Default::default()
            },
        )
        .expect("goal");
    }
    if let Some(p) = encrypted {
        let p = trellis_core::keys::Passphrase::new(p.to_string()).expect("passphrase");
        Journal::encrypt(&path, &p, trellis_core::keys::KdfParams::FOR_TESTS).expect("encrypted");
    }
    let exe = std::env::current_exe().expect("test binary");
    let mut next = delays();
    let (mut corrupt, mut lost, mut total) = (0usize, 0usize, 0usize);
    let (mut unfound, mut index_disagrees) = (0usize, 0usize);
    let started = Instant::now();
    for round in 0..kills {
        let mut command = Command::new(&exe);
        command
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env(CHILD, &path)
            .env("TRELLIS_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(p) = encrypted {
            command.env(PASSPHRASE, p);
        }
        let mut child = command.spawn().expect("child starts");
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| l.strip_prefix("ok ").map(str::to_string))
                .collect::<Vec<_>>()
        });
        // Kill somewhere between start-up and a few dozen writes in.
        std::thread::sleep(Duration::from_micros(5_000 + next() % 60_000));
        // Child::kill sends SIGKILL on Unix: no chance to clean up.
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let confirmed = reader.join().expect("reader");
        total += confirmed.len();

        match Journal::open(&path) {
            Ok(j) => {
                if j.integrity_check().expect("check runs") != "ok" {
                    corrupt += 1;
                }
                let m = j
                    .mentee(&j.resolve(Named::Mentee, "crash").expect("resolve"))
                    .expect("mentee");
                let mut present: HashSet<String> = j
                    .timeline(&m.id, None, None)
                    .expect("timeline")
                    .into_iter()
                    .map(|t| t.entry.body)
                    .collect();
                present.extend(
                    j.goals(&m.id).expect("goals")[0]
                        .check_ins
                        .iter()
                        .filter_map(|c| c.note.clone()),
                );
                lost += confirmed.iter().filter(|b| !present.contains(*b)).count();
                // The last confirmed write is already searchable: the index committed with it.
                if let Some(last) = confirmed.last() {
                    let hits = j
                        .search(
                            &format!("\"{last}\""),
                            &trellis_core::SearchOptions::default(),
                        )
                        .expect("search runs");
                    if hits.is_empty() {
                        unfound += 1;
                    }
                }
                if round % 25 == 0 || round + 1 == kills {
                    let check = j.check_search_index().expect("index check runs");
                    if !check.ok() {
                        index_disagrees += 1;
                        eprintln!("after kill {round}: {check:?}");
                    }
                }
            }
            Err(e) => panic!("after kill {round} the journal does not open: {e}"),
        }
    }
    println!(
        "crash test ({}): {kills} kills in {:.1} s, {total} confirmed writes checked, {corrupt} corrupt journals, {lost} lost confirmed writes, {unfound} not found by search, {index_disagrees} index disagreements",
        if encrypted.is_some() {
            "encrypted"
        } else {
            "plain"
        },
        started.elapsed().as_secs_f64()
    );
    assert_eq!(corrupt, 0, "integrity_check failed after a kill");
    assert_eq!(lost, 0, "a write confirmed before a kill was lost");
    assert_eq!(unfound, 0, "a confirmed write was not found by search");
    assert_eq!(
        index_disagrees, 0,
        "the search index disagreed with the journal after a kill"
    );
}

/// Kills `encrypt` at random moments of its conversion: afterwards the journal opens —
/// plain, or encrypted with the passphrase — with everything in it, and passes its check.
#[cfg(unix)]
#[test]
fn a_killed_encryption_leaves_a_whole_journal() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let rounds = (kills() / 6).max(5);
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().join("base.db");
    {
        let mut j = Journal::create(&base).expect("journal");
        trellis_core::demo::populate(
            &mut j,
            &trellis_core::demo::DemoOptions {
                mentees: 6,
                years: 1,
                seed: 7,
                end: parse_date("2026-06-30").expect("date"),
            },
        )
        .expect("demo data");
    }
    let expected = Journal::open(&base)
        .expect("base")
        .archive()
        .expect("archive")
        .entries
        .len();
    let exe = std::env::current_exe().expect("test binary");
    let mut next = delays();
    let (mut plain, mut encrypted, mut finished, mut mid) = (0usize, 0usize, 0usize, 0usize);
    let pass = "killed encryption";
    let start = |path: &Path| {
        Command::new(&exe)
            .args([
                "--exact",
                "crash_child_encrypts",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, path)
            .env(ENCRYPT, pass)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts")
    };
    // How long a whole run takes here: the kills fall anywhere from start-up to its end.
    let timed = dir.path().join("timed.db");
    std::fs::copy(&base, &timed).expect("copy");
    let t0 = Instant::now();
    let whole = start(&timed).wait_with_output().expect("ran");
    assert!(String::from_utf8_lossy(&whole.stdout).contains("ok encrypted"));
    let span = t0.elapsed().as_micros().max(1000) as u64;
    for round in 0..rounds {
        let work = dir.path().join(format!("r{round}"));
        std::fs::create_dir(&work).expect("dir");
        let path = work.join("journal.db");
        std::fs::copy(&base, &path).expect("copy");
        let mut child = start(&path);
        std::thread::sleep(Duration::from_micros(span / 3 + next() % span));
        child.kill().expect("SIGKILL");
        let out = child.wait_with_output().expect("waited");
        if String::from_utf8_lossy(&out.stdout).contains("ok encrypted") {
            finished += 1;
        }
        if work.join(".journal.db.encrypting").exists() {
            mid += 1;
        }
        if Journal::is_encrypted(&path).expect("checked") {
            encrypted += 1;
            Journal::unlock(&path, &passphrase(pass)).unwrap_or_else(|e| {
                panic!("round {round}: the encrypted journal does not unlock: {e}")
            });
        } else {
            plain += 1;
        }
        let j = Journal::open(&path)
            .unwrap_or_else(|e| panic!("round {round}: the journal does not open: {e}"));
        assert_eq!(j.integrity_check().expect("check"), "ok", "round {round}");
        assert_eq!(
            j.archive().expect("archive").entries.len(),
            expected,
            "round {round}: entries lost"
        );
        Journal::lock(&path);
    }
    println!(
        "killed encryption: {rounds} rounds, {plain} left plain ({mid} killed mid-conversion), {encrypted} encrypted ({finished} reported done), 0 corrupt, 0 lost"
    );
}

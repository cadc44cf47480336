//! The desktop app and the CLI (or two scripts) may write one journal at once.

use std::collections::HashSet;
use std::thread;

use super::Trellis;

const WRITES: usize = 300;

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let t = Trellis::init();
    t.id(&["mentee", "add", "Priya Raman"]);
    let writers: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|who| {
            let journal = t.journal.clone();
            let xdg = t.dir.path().join("xdg");
            thread::spawn(move || {
                let mut failures = vec![];
                for i in 0..WRITES {
                    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trellis"))
                        .arg("--journal")
                        .arg(&journal)
                        .args(["note", "add", "priya", "--text", &format!("{who}-{i}")])
                        .env("XDG_DATA_HOME", &xdg)
                        .stdin(std::process::Stdio::null())
                        .output()
                        .expect("trellis runs");
                    if !out.status.success() {
                        failures.push(String::from_utf8_lossy(&out.stderr).to_string());
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = writers
        .into_iter()
        .flat_map(|w| w.join().expect("writer thread"))
        .collect();
    assert!(
        failures.is_empty(),
        "{} writes failed, e.g. {:?}",
        failures.len(),
        failures.first()
    );
    let timeline = t.json(&["timeline", "priya"]);
    let bodies: HashSet<&str> = timeline
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["body"].as_str().expect("body"))
        .collect();
    assert_eq!(bodies.len(), 2 * WRITES, "every confirmed write is present");
    for who in ["a", "b"] {
        for i in 0..WRITES {
            assert!(
                bodies.contains(format!("{who}-{i}").as_str()),
                "{who}-{i} missing"
            );
        }
    }
}

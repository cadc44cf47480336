//! One module per domain; each function parses nothing more, calls one core verb, and
//! prints. `run` opens the journal the command needs.

mod action;
mod entry;
mod goal;
mod mentee;
mod skills;
mod summary;

use std::io::{IsTerminal, Read};
use std::time::Instant;

use chrono::{Local, NaiveDate};
use trellis_core::demo::{self, DemoOptions};
use trellis_core::{Error, Journal, Result, paths};

use crate::cli::{Cli, Command};
use crate::output::Out;

pub fn run(cli: Cli) -> Result<()> {
    let out = Out { json: cli.json };
    let path = paths::journal_path(cli.journal)?;
    match cli.command {
        Command::Init => init(&path, out),
        Command::Demo(args) => {
            let mut journal = Journal::create(&path)?;
            let opts = DemoOptions {
                mentees: args.mentees,
                years: args.years,
                seed: args.seed,
                end: args.end.unwrap_or_else(today),
            };
            let started = Instant::now();
            let report = demo::populate(&mut journal, &opts)?;
            let seconds = started.elapsed().as_secs_f64();
            let summary = serde_json::json!({
                "journal": path,
                "report": report,
                "seconds": seconds,
                "entries_per_second": report.entries as f64 / seconds.max(1e-9),
            });
            out.print(&summary, |_| {
                println!(
                    "Demo journal at {}: {} mentees, {} entries, {} goals ({} check-ins), {} assessments, {} action items in {:.2} s ({:.0} entries/s)",
                    path.display(),
                    report.mentees,
                    report.entries,
                    report.goals,
                    report.check_ins,
                    report.assessments,
                    report.action_items,
                    seconds,
                    report.entries as f64 / seconds.max(1e-9)
                );
            })
        }
        Command::Check => {
            let journal = Journal::create_checked(&path)?;
            let backups = journal.backups()?;
            let info = serde_json::json!({
                "journal": path,
                "integrity": "ok",
                "backups": backups.iter().map(|b| b.path.clone()).collect::<Vec<_>>(),
            });
            out.print(&info, |_| {
                println!("{}: integrity ok", path.display());
                match backups.first() {
                    Some(b) => println!(
                        "{} backups; newest {} ({})",
                        backups.len(),
                        b.path.display(),
                        b.made
                    ),
                    None => println!("no backups yet; make one with `trellis backup`"),
                }
            })
        }
        command => {
            let mut journal = Journal::open(&path)?;
            if let Some(warning) = journal.loose_permissions() {
                eprintln!("trellis: warning: {warning} (chmod 600 {})", path.display());
            }
            dispatch(&mut journal, command, out)
        }
    }
}

fn dispatch(j: &mut Journal, command: Command, out: Out) -> Result<()> {
    match command {
        Command::Mentee(c) => mentee::run(j, c, out),
        Command::Note(c) => entry::note(j, c, out),
        Command::Session(c) => entry::session(j, c, out),
        Command::Track(c) => entry::track(j, c, out),
        Command::Timeline {
            mentee,
            since,
            until,
        } => entry::timeline(j, &mentee, since, until, out),
        Command::Goal(c) => goal::run(j, c, out),
        Command::Action(c) => action::run(j, c, out),
        Command::Framework(c) => skills::framework(j, c, out),
        Command::Assess(a) => skills::assess(j, a, out),
        Command::Skills { mentee } => skills::skills(j, &mentee, out),
        Command::Summary(args) => summary::run(j, args, out),
        Command::Impact(args) => summary::impact(j, args, out),
        Command::Backup { out: file } => {
            let written = j.backup(file.as_deref())?;
            out.print(&serde_json::json!({ "backup": written }), |_| {
                println!("{}", written.display());
            })
        }
        Command::Export {
            out: file,
            force,
            vault,
        } => {
            let archive = j.archive()?;
            if let Some(dir) = vault {
                let n = trellis_core::archive::write_vault(&archive, &dir)?;
                return out.print(&serde_json::json!({ "vault": dir, "files": n }), |_| {
                    println!("{} ({n} files)", dir.display());
                });
            }
            let file = file.unwrap_or_default();
            trellis_core::files::write_export(
                &trellis_core::files::Target {
                    path: &file,
                    journal: j.path(),
                    replace: force,
                },
                archive.to_json().as_bytes(),
            )?;
            out.print(&serde_json::json!({ "archive": file }), |_| {
                println!("{}", file.display());
            })
        }
        Command::Import { file, replace } => {
            use trellis_core::archive::{self, ImportMode};
            let bytes = archive::read_file(&file)?;
            let mode = if replace {
                ImportMode::Replace
            } else {
                ImportMode::Merge
            };
            let report = j.import_archive(&bytes, mode)?;
            out.print(&report, |r| {
                println!(
                    "Imported {} from {}: {} added, {} unchanged, {} replaced",
                    r.added + r.replaced.len(),
                    file.display(),
                    r.added,
                    r.unchanged,
                    r.replaced.len()
                );
                for c in &r.replaced {
                    println!("  replaced {} ({})", c.path, c.what.join(", "));
                }
            })
        }
        Command::Delete { what, target } => {
            use crate::cli::DeleteKind;
            match what {
                DeleteKind::Mentee => {
                    j.delete_mentee(&target)?;
                }
                DeleteKind::Entry => {
                    let e = j.entry(&target)?;
                    j.delete_entry(&e.id)?;
                }
                DeleteKind::Goal => j.delete_goal(&target)?,
                DeleteKind::Action => j.delete_action_item(&target)?,
            }
            out.print(&serde_json::json!({ "trashed": target }), |_| {
                println!("Moved to the trash (restore with `trellis trash restore ID`)");
            })
        }
        Command::Trash(c) => {
            use crate::cli::TrashCommand;
            match c {
                TrashCommand::List => {
                    let items = j.trash()?;
                    out.print(&items, |items| {
                        if items.is_empty() {
                            println!("The trash is empty.");
                        }
                        for t in items {
                            println!(
                                "{}  {:<11} {}  (deleted {})",
                                t.id,
                                t.kind,
                                t.label,
                                t.deleted_at.format("%Y-%m-%d %H:%M")
                            );
                        }
                    })
                }
                TrashCommand::Restore { id } => {
                    let item = j
                        .trash()?
                        .into_iter()
                        .find(|t| t.id.to_string().starts_with(&id.to_ascii_lowercase()))
                        .ok_or_else(|| Error::not_found("trash item", id.clone()))?;
                    j.restore_from_trash(&item.id)?;
                    out.print(&item, |t| println!("Restored {}", t.label))
                }
                TrashCommand::Empty => {
                    let n = j.empty_trash()?;
                    out.print(&serde_json::json!({ "emptied": n }), |_| {
                        println!("Emptied the trash ({n} items)");
                    })
                }
            }
        }
        Command::Restore {
            file,
            from_other_journal,
        } => {
            let mode = if from_other_journal {
                trellis_core::RestoreFrom::AnyFile
            } else {
                trellis_core::RestoreFrom::OwnBackup
            };
            let aside = j.restore(&file, mode)?;
            out.print(
                &serde_json::json!({ "restored_from": file, "previous_journal": aside }),
                |_| {
                    println!(
                        "Restored {}; the journal as it was is kept at {}",
                        file.display(),
                        aside.display()
                    );
                },
            )
        }
        Command::Init | Command::Demo(_) | Command::Check => {
            unreachable!("handled before the journal opens")
        }
    }
}

fn init(path: &std::path::Path, out: Out) -> Result<()> {
    let existed = path.exists();
    let journal = Journal::create(path)?;
    let info = serde_json::json!({
        "journal": path,
        "created": !existed,
        "schema_version": journal.schema_version()?,
    });
    out.print(&info, |_| {
        if existed {
            println!("Journal already exists at {}", path.display());
        } else {
            println!("Created journal at {}", path.display());
        }
    })
}

/// Today in the user's time zone: "today" is when the lead is.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Reading stops here: far above the body limit, so the core reports the real size,
/// and small enough that a runaway pipe cannot exhaust memory.
const STDIN_CAP: u64 = 64 * 1024 * 1024;

/// The body: `--text`, else standard input when it is piped, else empty. Standard input
/// is read whole (up to a cap), never cut at the body limit: a truncated note must not
/// be saved as if it were complete.
pub fn body(text: Option<String>) -> Result<String> {
    if let Some(t) = text {
        return Ok(t);
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(String::new());
    }
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(STDIN_CAP + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            context: "cannot read the body from standard input".into(),
            source,
        })?;
    if bytes.len() as u64 > STDIN_CAP {
        return Err(Error::invalid(
            "body",
            format!(
                "standard input holds more than {} MiB; the limit is {} KiB",
                STDIN_CAP / 1024 / 1024,
                trellis_core::MAX_BODY_BYTES / 1024
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|_| Error::invalid("body", "standard input is not UTF-8 text"))
}

/// Resolves entry references (ids or id prefixes) given on the command line.
pub fn entry_ids(j: &Journal, refs: &[String]) -> Result<Vec<trellis_core::Id>> {
    refs.iter().map(|r| j.entry(r).map(|e| e.id)).collect()
}

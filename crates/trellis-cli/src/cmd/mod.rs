//! One module per domain, mirroring the app's `src-tauri/src/commands/`: each function
//! resolves what was typed (names, id prefixes) at this edge, calls one core verb with
//! ids, and prints. `run` opens the journal the command needs.

mod actions;
mod agenda;
mod backups;
mod describe;
mod encryption;
mod entries;
mod goals;
mod journal;
mod mentees;
mod search;
mod skills;
mod summaries;
mod templates;
mod trash;

use std::io::{IsTerminal, Read};

use chrono::{Local, NaiveDate};
use trellis_core::{Error, Journal, Named, Result, paths};

use crate::cli::{Cli, Command, PassphraseCommand};
use crate::output::Out;

pub fn run(cli: Cli) -> Result<()> {
    let out = Out { json: cli.json };
    // What only describes the command itself needs no journal.
    match cli.command {
        Command::Completions { shell } => return describe::completions(shell),
        Command::Manpage => return describe::manpage(),
        _ => {}
    }
    let path = paths::journal_path(cli.journal)?;
    // Encryption's own commands ask for what they need.
    match cli.command {
        Command::Encrypt { recovery_key_file } => {
            return encryption::encrypt(&path, recovery_key_file.as_deref(), out);
        }
        Command::Decrypt => return encryption::decrypt(&path, out),
        Command::Passphrase(PassphraseCommand::Change) => return encryption::change(&path, out),
        Command::Recover { recovery_key_file } => {
            return encryption::recover(&path, recovery_key_file.as_deref(), out);
        }
        _ => {}
    }
    // An encrypted journal is unlocked for this process (the key goes with it).
    encryption::unlock_if_locked(&path)?;
    // Commands that make or check the journal itself, before it is opened.
    match cli.command {
        Command::Init => return journal::init(&path, out),
        Command::Demo(args) => return journal::demo(&path, args, out),
        Command::Check { repair_index } => return backups::check(&path, repair_index, out),
        _ => {}
    }
    let mut j = Journal::open(&path)?;
    if let Some(warning) = j.loose_permissions() {
        eprintln!("trellis: warning: {warning} (chmod 600 {})", path.display());
    }
    if let Some(warning) = j.stray_key_file() {
        eprintln!("trellis: warning: {warning}");
    }
    let j = &mut j;
    match cli.command {
        Command::Mentee(c) => mentees::run(j, c, out),
        Command::Note(c) => entries::note(j, c, out),
        Command::Session(c) => entries::session(j, c, out),
        Command::Track(c) => entries::track(j, c, out),
        Command::Timeline {
            mentee,
            since,
            until,
        } => entries::timeline(j, &mentee, since, until, out),
        Command::Goal(c) => goals::run(j, c, out),
        Command::Action(c) => actions::run(j, c, out),
        Command::Framework(c) => skills::framework(j, c, out),
        Command::Assess(a) => skills::assess(j, a, out),
        Command::Skills { mentee } => skills::skills(j, &mentee, out),
        Command::Search(args) => search::run(j, args, out),
        Command::Summary(args) => summaries::run(j, args, out),
        Command::Impact(args) => summaries::impact(j, args, out),
        Command::Backup { out: file } => backups::backup(j, file, out),
        Command::Restore {
            file,
            from_other_journal,
        } => backups::restore(j, file, from_other_journal, out),
        Command::Export {
            out: file,
            force,
            vault,
        } => journal::export(j, file, force, vault, out),
        Command::Import { file, replace } => journal::import(j, file, replace, out),
        Command::Delete { what, target } => trash::delete(j, what, target, out),
        Command::Trash(c) => trash::run(j, c, out),
        Command::Agenda {
            mentee,
            format,
            include_private,
        } => agenda::agenda(j, &mentee, format, include_private, out),
        Command::Remind { show_private } => agenda::remind(j, show_private, out),
        Command::Settings(c) => agenda::settings(j, c, out),
        Command::Template(c) => templates::run(j, c, out),
        Command::Init
        | Command::Demo(_)
        | Command::Check { .. }
        | Command::Completions { .. }
        | Command::Manpage
        | Command::Encrypt { .. }
        | Command::Decrypt
        | Command::Passphrase(_)
        | Command::Recover { .. } => {
            unreachable!("handled before the journal opens")
        }
    }
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
    refs.iter().map(|r| j.resolve(Named::Entry, r)).collect()
}

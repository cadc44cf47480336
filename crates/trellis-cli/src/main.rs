//! `trellis`: the command-line face of the Trellis journal. Each subcommand parses its
//! arguments, calls one core verb and prints the result (human text, or `--json`).
//! Errors go to stderr as one line, with a non-zero exit; nothing is half-written.

mod cli;
mod cmd;
mod output;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) => {
            // clap's message without the usage block: one clear line.
            let rendered = e.render().to_string();
            let message: Vec<&str> = rendered
                .lines()
                .take_while(|l| !l.trim().is_empty() && !l.starts_with("Usage:"))
                .map(str::trim)
                .collect();
            let message = message.join(" ");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            eprintln!("trellis: {} (see `trellis --help`)", printable(message));
            return ExitCode::from(2);
        }
    };
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("trellis: {}{}", printable(&e.to_string()), hint(&e));
            ExitCode::FAILURE
        }
    }
}

/// An error may quote a file it refused (a key, a field name): control characters are
/// shown escaped, never sent to the terminal, which would act on them.
fn printable(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() && c != '\n' {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// What to type next, for errors whose next step is a command: the core says what went
/// wrong in product words, the CLI adds the command.
fn hint(e: &trellis_core::Error) -> String {
    match e {
        trellis_core::Error::NoJournal { .. } => "; create one with `trellis init`".to_string(),
        trellis_core::Error::Locked { .. } => {
            " (it is sealed with a key of its own: run this in a terminal to be asked its passphrase, or set TRELLIS_PASSPHRASE_FILE to a file holding it)".to_string()
        }
        trellis_core::Error::WrongKey { what: "passphrase" } => {
            "; forgotten? `trellis recover` sets a new one with the recovery key".to_string()
        }
        trellis_core::Error::NotFound { what: "mentee", .. } => {
            "; see `trellis mentee list --all`".to_string()
        }
        trellis_core::Error::OtherJournal { path, .. } => format!(
            ". To restore it anyway: `trellis restore --from-other-journal {}`",
            path.display()
        ),
        trellis_core::Error::ImportConflict(_) => " (`trellis import --replace FILE`)".to_string(),
        trellis_core::Error::Damaged {
            backup: Some(b), ..
        } => format!(": `trellis restore {}`", b.display()),
        _ => String::new(),
    }
}

/// `trellis timeline x | head` should end quietly when `head` closes the pipe, as Unix
/// tools do, instead of panicking on the failed write. Rust ignores SIGPIPE by default.
#[cfg(unix)]
#[allow(unsafe_code)]
fn restore_sigpipe() {
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}

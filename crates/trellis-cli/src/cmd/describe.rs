//! `trellis completions SHELL` and `trellis manpage`: generated from the same clap
//! grammar the command parses with (clap_complete, clap_mangen), so they cannot drift.

use std::io::Write;

use clap::CommandFactory;
use trellis_core::{Error, Result};

use crate::cli::Cli;

fn io(e: std::io::Error) -> Error {
    Error::Storage(format!("cannot write the output: {e}"))
}

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut cmd, "trellis", &mut out);
    out.flush().map_err(io)
}

/// One page: the command, then every subcommand (and theirs) as its own section, so
/// `man trellis` shows the whole grammar.
pub fn manpage() -> Result<()> {
    let cmd = Cli::command();
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(&mut page).map_err(io)?;
    man.render_name_section(&mut page).map_err(io)?;
    man.render_synopsis_section(&mut page).map_err(io)?;
    man.render_description_section(&mut page).map_err(io)?;
    man.render_options_section(&mut page).map_err(io)?;
    fn subcommands(cmd: &clap::Command, prefix: &str, page: &mut Vec<u8>) -> Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let name = format!("{prefix} {}", sub.get_name());
            writeln!(page, ".SH \"{}\"", name.trim().to_uppercase()).map_err(io)?;
            let about = sub
                .get_long_about()
                .or_else(|| sub.get_about())
                .map(ToString::to_string)
                .unwrap_or_default();
            let usage = sub.clone().bin_name(name.trim()).render_usage().to_string();
            writeln!(
                page,
                ".nf\n{}\n.fi",
                roff_escape(usage.trim_start_matches("Usage: "))
            )
            .map_err(io)?;
            for line in about.lines() {
                writeln!(page, "{}", roff_escape(line)).map_err(io)?;
                writeln!(page, ".br").map_err(io)?;
            }
            for arg in sub
                .get_arguments()
                .filter(|a| !a.is_hide_set() && !a.is_global_set() && a.get_id() != "help")
            {
                let value = arg
                    .get_value_names()
                    .map(|v| v.iter().map(|n| format!(" <{n}>")).collect::<String>())
                    .unwrap_or_default();
                let flag = match (arg.get_long(), arg.get_short()) {
                    (Some(l), _) => format!("--{l}{value}"),
                    (None, Some(c)) => format!("-{c}{value}"),
                    (None, None) => format!("<{}>", arg.get_id().as_str().to_uppercase()),
                };
                let help = arg
                    .get_long_help()
                    .or_else(|| arg.get_help())
                    .map(ToString::to_string)
                    .unwrap_or_default();
                writeln!(page, ".TP\n\\fB{}\\fR", roff_escape(&flag)).map_err(io)?;
                writeln!(page, "{}", roff_escape(&help.replace('\n', " "))).map_err(io)?;
            }
            subcommands(sub, &name, page)?;
        }
        Ok(())
    }
    subcommands(&cmd, "trellis", &mut page)?;
    man.render_version_section(&mut page).map_err(io)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&page).map_err(io)?;
    out.flush().map_err(io)
}

/// Text as roff reads it: backslashes doubled, and a leading `.` or `'` kept as text.
fn roff_escape(s: &str) -> String {
    let s = s.replace('\\', "\\\\");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

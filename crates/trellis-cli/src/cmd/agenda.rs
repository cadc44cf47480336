//! `trellis agenda`, `trellis remind`, `trellis settings`, and the cadence on `mentee
//! add|edit --cadence` (the app's mentee page and settings view, when they come).

use trellis_core::{
    AGENDA_SECTIONS, Agenda, Cadence, Error, Journal, JournalSettings, Named, Reminder, Result,
};

use crate::cli::{AgendaFormat, SettingsCommand};
use crate::output::Out;

/// `--cadence`: a cadence, or `default` to follow the journal's.
pub fn parse_cadence(s: &str) -> Result<Option<Cadence>> {
    if s.trim().eq_ignore_ascii_case("default") {
        return Ok(None);
    }
    s.parse::<Cadence>().map(Some).map_err(|_| {
        Error::invalid(
            "cadence",
            format!("'{s}' is not one of: weekly, biweekly, monthly, none, default"),
        )
    })
}

pub fn agenda(
    j: &mut Journal,
    mentee: &str,
    format: Option<AgendaFormat>,
    include_private: bool,
    out: Out,
) -> Result<()> {
    let id = j.resolve(Named::Mentee, mentee)?;
    let a = j.agenda(&id, super::today())?;
    if format == Some(AgendaFormat::Md) {
        print!("{}", a.to_markdown(include_private));
        let left = a.private_count();
        if !include_private && left > 0 {
            eprintln!(
                "trellis: {left} private item(s) left out of this copy (--include-private puts them in, marked)"
            );
        }
        return Ok(());
    }
    out.print(&a, print_agenda)
}

fn print_agenda(a: &Agenda) {
    let n = &a.next;
    match n.next {
        Some(d) if n.due => println!(
            "Next 1:1 with {}: {d} — due ({})",
            a.mentee_name,
            n.cadence.words()
        ),
        Some(d) => println!(
            "Next 1:1 with {}: {d} ({})",
            a.mentee_name,
            n.cadence.words()
        ),
        None => println!("{}: no set rhythm for 1:1s", a.mentee_name),
    }
    match n.last {
        Some(l) => println!("Last 1:1: {l}"),
        None => println!("No 1:1 logged yet"),
    }
    let sections = AGENDA_SECTIONS;
    for (kind, title) in sections {
        let items: Vec<_> = a.items.iter().filter(|i| i.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        println!("\n{title}");
        for i in items {
            println!(
                "  {}{}{} — {}",
                if i.overdue { "! " } else { "- " },
                printable(&i.text),
                if i.private { " (private)" } else { "" },
                printable(&i.detail)
            );
        }
    }
    if a.items.is_empty() {
        println!("\nNothing open: a good time to ask what is on their mind.");
    }
}

pub fn remind(j: &mut Journal, show_private: bool, out: Out) -> Result<()> {
    let list = j.reminders(super::today())?;
    out.print(&list, |list: &Vec<Reminder>| {
        if list.is_empty() {
            println!("Nothing due today.");
        }
        for r in list {
            let hide = r.private && !show_private;
            let one_on_one = r.kind == "one_on_one";
            // A 1:1 after a private one: its date would tell when that one was held.
            let text = if hide && !one_on_one {
                "a follow-up from a private entry (--show-private prints it)".to_string()
            } else {
                printable(&r.text)
            };
            let when = match (r.overdue, hide && one_on_one) {
                (true, true) => "overdue".to_string(),
                (false, true) => "due".to_string(),
                (true, false) => format!("overdue since {}", r.date),
                (false, false) => format!("due {}", r.date),
            };
            let what = match r.kind.as_str() {
                "one_on_one" => "1:1",
                "action" => "action item",
                "goal" => "goal target",
                other => other,
            };
            println!("{} · {what}: {text} ({when})", printable(&r.mentee_name));
        }
    })
}

pub fn settings(j: &mut Journal, c: SettingsCommand, out: Out) -> Result<()> {
    match c {
        SettingsCommand::Show => {}
        SettingsCommand::Set { key, value } => {
            let mut patch = JournalSettings::default();
            match key.as_str() {
                "default-cadence" => patch.default_cadence = Some(value.parse()?),
                "note-visibility" => patch.note_visibility = Some(value.parse()?),
                "session-visibility" => patch.session_visibility = Some(value.parse()?),
                "track-visibility" => patch.track_visibility = Some(value.parse()?),
                other => {
                    return Err(Error::invalid(
                        "setting",
                        format!(
                            "'{other}' is not a setting; the settings are: default-cadence, note-visibility, session-visibility, track-visibility"
                        ),
                    ));
                }
            }
            j.update_settings(&patch)?;
        }
    }
    let s = j.settings()?;
    out.print(&s, |s| {
        println!(
            "default-cadence: {} ({})",
            s.default_cadence,
            s.default_cadence.words()
        );
        println!("note-visibility: {}", s.note_visibility);
        println!("session-visibility: {}", s.session_visibility);
        println!("track-visibility: {}", s.track_visibility);
    })
}

/// User text for a terminal or a desktop notification (`remind` is piped into
/// notify-send): control characters other than line breaks show escaped, never act.
fn printable(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

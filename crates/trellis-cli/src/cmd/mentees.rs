//! `trellis mentee ...` (the app's commands/mentees.rs).

use trellis_core::{Journal, Mentee, MenteeOverview, MenteePatch, Named, NewMentee, Result};

use crate::cli::{MenteeCommand, MenteeFields};
use crate::output::{Out, or_dash};

pub fn run(j: &mut Journal, c: MenteeCommand, out: Out) -> Result<()> {
    match c {
        MenteeCommand::Add { name, fields } => {
            // Checked before anything is written.
            let cadence = fields
                .cadence
                .as_deref()
                .map(super::agenda::parse_cadence)
                .transpose()?;
            let twins = j.mentees_named(&name)?;
            let m = j.add_mentee(NewMentee {
                name,
                role: fields.role,
                level: fields.level,
                team: fields.team,
                started: fields.started.and_then(|d| d.0),
                track: fields.track,
                tags: fields.tags,
            })?;
            if let Some(c) = cadence {
                j.set_cadence(&m.id, c)?;
            }
            if !twins.is_empty() {
                eprintln!(
                    "trellis: note: {} mentees are now named '{}'; refer to them by id",
                    twins.len() + 1,
                    m.name
                );
            }
            out.created(&m, m.id)
        }
        MenteeCommand::List { all } => {
            let list = j.mentees(all)?;
            out.print(&list, |list| print_list(list))
        }
        MenteeCommand::Show { mentee } => {
            let o = j.mentee_overview(&j.resolve(Named::Mentee, &mentee)?)?;
            out.print(&o, print_overview)
        }
        MenteeCommand::Edit {
            mentee,
            name,
            fields,
            unarchive,
        } => {
            let cadence = fields
                .cadence
                .as_deref()
                .map(super::agenda::parse_cadence)
                .transpose()?;
            let patch = patch(name, fields, unarchive);
            if patch.is_empty() && cadence.is_none() {
                return Err(trellis_core::Error::invalid(
                    "edit",
                    "nothing to change; pass a field such as --role, --team or --cadence",
                ));
            }
            let id = j.resolve(Named::Mentee, &mentee)?;
            let m = if patch.is_empty() {
                j.mentee(&id)?
            } else {
                j.edit_mentee(&id, patch)?
            };
            if let Some(c) = cadence {
                j.set_cadence(&id, c)?;
            }
            out.print(&m, |m| println!("{}", m.id))
        }
        MenteeCommand::Archive { mentee } => {
            let m = j.archive_mentee(&j.resolve(Named::Mentee, &mentee)?, true)?;
            out.print(&m, |m| println!("Archived {} ({})", m.name, m.id))
        }
    }
}

fn patch(name: Option<String>, f: MenteeFields, unarchive: bool) -> MenteePatch {
    MenteePatch {
        name,
        role: f.role,
        level: f.level,
        team: f.team,
        started: f.started.map(|d| d.0),
        track: f.track,
        tags: (!f.tags.is_empty()).then_some(f.tags),
        archived: unarchive.then_some(false),
    }
}

fn print_list(list: &[Mentee]) {
    if list.is_empty() {
        println!("No mentees yet. Add one with `trellis mentee add NAME`.");
        return;
    }
    for m in list {
        println!(
            "{}  {:<24} {:<26} {:<6} {:<16} {}{}",
            m.id,
            m.name,
            or_dash(&m.role),
            or_dash(&m.level),
            or_dash(&m.team),
            m.track,
            if m.archived { "  (archived)" } else { "" }
        );
    }
}

fn print_overview(o: &MenteeOverview) {
    let m = &o.mentee;
    println!("{}{}", m.name, if m.archived { " (archived)" } else { "" });
    println!("  id       {}", m.id);
    println!(
        "  role     {} · level {} · team {}",
        or_dash(&m.role),
        or_dash(&m.level),
        or_dash(&m.team)
    );
    if let Some(s) = m.started {
        println!("  since    {s}");
    }
    let leaning = o
        .latest_leaning
        .map(|l| format!(" (latest leaning {l:+})", l = l.get()))
        .unwrap_or_default();
    println!("  track    {}{leaning}", m.track);
    if !m.tags.is_empty() {
        println!("  tags     {}", m.tags.join(", "));
    }
    let c = &o.entries;
    println!(
        "  entries  {} sessions ({:.1} h), {} notes, {} track conversations{}",
        c.sessions,
        f64::from(c.session_minutes) / 60.0,
        c.notes,
        c.tracks,
        o.last_entry
            .map(|d| format!("; last on {d}"))
            .unwrap_or_default()
    );
    if !o.goals.is_empty() {
        println!("  goals");
        for g in &o.goals {
            println!("    {}", super::goals::summary_line(g));
        }
    }
    if !o.open_actions.is_empty() {
        println!("  open action items");
        for a in &o.open_actions {
            super::actions::print_line(a);
        }
    }
}

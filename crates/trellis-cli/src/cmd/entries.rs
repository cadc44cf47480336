//! `trellis note|session|track add` and `trellis timeline` (the app's
//! commands/entries.rs).

use chrono::NaiveDate;
use trellis_core::{
    EntryDetails, EntryKind, Journal, Named, NewActionItem, NewEntry, Note, NoteKind,
    PairingSession, Result, TimelineEntry, TrackConversation, Visibility,
};

use super::{body, today};
use crate::cli::{EntryFields, NoteCommand, SessionCommand, TrackCommand};
use crate::output::Out;

/// Builds the input shared by every kind and saves it.
fn add(
    j: &mut Journal,
    mentee: &str,
    title: Option<String>,
    fields: EntryFields,
    details: EntryDetails,
    follow_ups: Vec<String>,
    out: Out,
) -> Result<()> {
    let mentee_id = j.resolve(Named::Mentee, mentee)?;
    let visibility = if fields.private {
        Some(Visibility::Private)
    } else if fields.shareable {
        Some(Visibility::Shareable)
    } else {
        None
    };
    let template = fields.template.clone();
    let mut new = NewEntry {
        mentee_id,
        date: fields.date.unwrap_or_else(today),
        title,
        body: body(fields.text)?,
        visibility,
        starred: fields.star,
        tags: fields.tags,
        skills: fields.skills,
        details,
        follow_ups: follow_ups
            .into_iter()
            .map(|text| NewActionItem {
                text,
                owner: None,
                due: None,
            })
            .collect(),
    };
    if let Some(name) = template {
        let t = j.template(&name, Some(new.details.kind()))?;
        t.fill(&mut new)?;
        if let EntryDetails::Session(s) = &new.details
            && s.topic.trim().is_empty()
        {
            return Err(trellis_core::Error::invalid(
                "topic",
                format!(
                    "a pairing session needs --topic (the template '{}' gives none)",
                    t.name
                ),
            ));
        }
    }
    let (entry, follow_ups) = j.add_entry(new)?;
    let id = entry.id;
    out.created(
        &TimelineEntry {
            entry,
            follow_ups,
            outcomes: vec![],
        },
        id,
    )
}

pub fn note(j: &mut Journal, c: NoteCommand, out: Out) -> Result<()> {
    let NoteCommand::Add {
        mentee,
        kind,
        title,
        fields,
    } = c;
    // The note's kind: as given, else the template's, else "other".
    let from_template = match (&kind, &fields.template) {
        (None, Some(name)) => j.template(name, Some(EntryKind::Note))?.subkind,
        _ => None,
    };
    let subkind = kind.or(from_template).unwrap_or(NoteKind::Other);
    add(
        j,
        &mentee,
        title,
        fields,
        EntryDetails::Note(Note { subkind }),
        vec![],
        out,
    )
}

pub fn session(j: &mut Journal, c: SessionCommand, out: Out) -> Result<()> {
    let SessionCommand::Add(a) = c;
    let a = *a;
    if a.topic.is_none() && a.fields.template.is_none() {
        return Err(trellis_core::Error::invalid(
            "topic",
            "a pairing session needs --topic (or a --template that gives one)",
        ));
    }
    add(
        j,
        &a.mentee,
        None,
        a.fields,
        EntryDetails::Session(PairingSession {
            minutes: a.minutes,
            topic: a.topic.unwrap_or_default(),
            driver: a.driver,
            independence: a.independence,
            links: a.links,
            went_well: a.went_well,
            to_improve: a.to_improve,
        }),
        a.follow_ups,
        out,
    )
}

pub fn track(j: &mut Journal, c: TrackCommand, out: Out) -> Result<()> {
    let a = match c {
        TrackCommand::Add(a) => *a,
        TrackCommand::Outcome {
            entry,
            experiment,
            outcome,
            date,
        } => {
            let id = j.resolve(Named::Entry, &entry)?;
            let on = date.unwrap_or_else(today);
            let closed = j.close_experiment(&id, &experiment, &outcome, on)?;
            return out.print(
                &serde_json::json!({ "entry": id, "experiment": closed, "outcome": outcome, "date": on }),
                |_| println!("Recorded the outcome of “{closed}” ({on})."),
            );
        }
    };
    add(
        j,
        &a.mentee,
        None,
        a.fields,
        EntryDetails::Track(TrackConversation {
            leaning: a.leaning,
            aspiration: a.aspiration,
            energizers: a.energizers,
            drainers: a.drainers,
            experiments: a.experiments,
        }),
        vec![],
        out,
    )
}

pub fn timeline(
    j: &mut Journal,
    mentee: &str,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    out: Out,
) -> Result<()> {
    let m = j.mentee(&j.resolve(Named::Mentee, mentee)?)?;
    let entries = j.timeline(&m.id, since, until)?;
    out.print(&entries, |entries| {
        if entries.is_empty() {
            println!("No entries for {} in that period.", m.name);
        }
        for t in entries {
            print_entry(t);
        }
    })
}

fn print_entry(t: &TimelineEntry) {
    let e = &t.entry;
    let (kind, headline, detail) = match &e.details {
        EntryDetails::Note(n) => (
            "note",
            e.title.clone().unwrap_or_else(|| first_line(&e.body)),
            n.subkind.to_string(),
        ),
        EntryDetails::Session(s) => {
            let mut d = vec![format!("{} min", s.minutes)];
            if let Some(i) = s.independence {
                d.push(format!("independence {i}"));
            }
            if let Some(w) = s.driver {
                d.push(format!("{w} drove"));
            }
            ("session", s.topic.clone(), d.join(", "))
        }
        EntryDetails::Track(tc) => {
            let mut d = vec![format!("leaning {:+}", tc.leaning.get())];
            if let Some(a) = tc.aspiration {
                d.push(format!("aspires to {a}"));
            }
            (
                "track",
                e.title
                    .clone()
                    .unwrap_or_else(|| "Track conversation".into()),
                d.join(", "),
            )
        }
    };
    println!(
        "{}  {:<7} {}{}  ({})  [{}]  {}",
        e.date,
        kind,
        if e.starred { "★ " } else { "" },
        headline,
        detail,
        e.visibility,
        e.id
    );
    for a in &t.follow_ups {
        println!(
            "            → {} [{}]",
            a.text,
            if a.is_open() { "open" } else { "done" }
        );
    }
}

fn first_line(body: &str) -> String {
    let line = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut s: String = line.chars().take(70).collect();
    if line.chars().count() > 70 {
        s.push('…');
    }
    s
}

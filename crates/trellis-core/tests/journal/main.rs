//! Tests of the journal through the core's public verbs, against in-memory or temp
//! journals. One test binary; its modules:
//!
//! - `mentees`: adding, finding (id, prefix, name, ambiguity), editing, archiving
//! - `entries`: the three kinds, defaults, follow-ups, timeline order and filters
//! - `goals`: check-ins, progress, status, evidence
//! - `archive`: the open archive — its JSON Schema, lossless round trips
//! - `actions`: open/done, ordering, unknown ids
//! - `skills`: framework, assessments, standings
//! - `ladders`: importing published ladders, round trips, re-imports, branches, undo
//! - `parsers`: property tests over outside input — ladder files, archives, Markdown
//! - `roundtrip`: property tests — what is saved is what is read
//! - `search`: full-text search — folding, prefixes, phrases, CJK, the trash, repairs
//! - `summary`: growth summaries — privacy, dropped items, inert HTML, golden files
//! - `today`: who needs attention (new mentees, unseen ones)
//! - `trash`: delete and restore, revisions
//! - `files`: journals on disk — migrations from old schemas, refusals that change nothing
//! - `layers`: the architecture's invariants that a type cannot carry, read off the source

mod actions;
mod agenda;
mod archive;
mod encryption;
mod entries;
mod files;
mod goals;
mod ladders;
mod layers;
mod mentees;
mod parsers;
mod roundtrip;
mod search;
mod skills;
mod summary;
mod today;
mod trash;

use trellis_core::{Id, Journal, Mentee, Named, NewMentee, parse_date};

/// What a person typed, resolved to a mentee's id the way the CLI does at its edge.
pub fn id_of(j: &Journal, query: &str) -> trellis_core::Result<Id> {
    j.resolve(Named::Mentee, query)
}

/// The mentee a person's words name.
pub fn find(j: &Journal, query: &str) -> trellis_core::Result<Mentee> {
    j.mentee(&id_of(j, query)?)
}

/// A fresh in-memory journal.
pub fn journal() -> Journal {
    Journal::open_in_memory().expect("an in-memory journal opens")
}

/// A journal with one mentee, "Priya Raman".
pub fn with_mentee() -> (Journal, Mentee) {
    let mut j = journal();
    let m = j
        .add_mentee(NewMentee {
            name: "Priya Raman".into(),
            team: Some("Payments".into()),
            ..Default::default()
        })
        .expect("mentee added");
    (j, m)
}

pub fn date(s: &str) -> chrono::NaiveDate {
    parse_date(s).expect("test dates are valid")
}

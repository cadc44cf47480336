//! The open archive's JSON Schema is generated from the types and checked in at
//! docs/archive.schema.json; it must not drift. To update after changing a type:
//! `UPDATE_SCHEMA=1 cargo test -p trellis-core --test journal archive`.

use std::path::Path;

use trellis_core::archive::{Archive, VERSION};

#[test]
fn the_archive_schema_matches_the_types() {
    let schema = schemars::schema_for!(Archive);
    let text = serde_json::to_string_pretty(&schema).expect("schema serializes") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/archive.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &text).expect("schema written");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == text,
        "docs/archive.schema.json drifted from the Rust types; run UPDATE_SCHEMA=1 cargo test -p trellis-core --test journal archive"
    );
    assert_eq!(
        VERSION, 3,
        "a new archive version needs a note in docs/archive.md and CHANGELOG.md"
    );
}

#[test]
fn an_in_memory_round_trip_is_lossless() {
    let mut a = trellis_core::Journal::open_in_memory().expect("journal");
    trellis_core::demo::populate(
        &mut a,
        &trellis_core::demo::DemoOptions {
            mentees: 3,
            years: 2,
            seed: 4,
            end: super::date("2026-06-30"),
        },
    )
    .expect("demo");
    let first = a.archive().expect("export");
    let mut b = trellis_core::Journal::open_in_memory().expect("journal");
    b.import_archive(
        first.to_json().as_bytes(),
        trellis_core::archive::ImportMode::Merge,
    )
    .expect("import");
    let second = b.archive().expect("export");
    assert_eq!(
        Archive {
            exported_at: first.exported_at,
            ..second
        },
        first,
        "every record comes back exactly"
    );
}

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
        VERSION, 4,
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
    // What the next 1:1 needs travels too: a cadence, the default, an outcome.
    let mentee = a.mentees(false).expect("mentees")[0].id;
    a.set_cadence(&mentee, Some(trellis_core::Cadence::Weekly))
        .expect("cadence");
    a.set_default_cadence(trellis_core::Cadence::Monthly)
        .expect("default");
    let track = a
        .archive()
        .expect("archive")
        .entries
        .into_iter()
        .find(|e| matches!(&e.details, trellis_core::EntryDetails::Track(t) if !t.experiments.is_empty()))
        .expect("a track conversation with experiments");
    a.close_experiment(
        &track.id,
        "1",
        "Done, and it helped",
        super::date("2026-06-01"),
    )
    .expect("outcome");
    let first = a.archive().expect("export");
    assert_eq!(first.cadences.len(), 1);
    assert_eq!(first.experiment_outcomes.len(), 1);
    assert_eq!(
        first.settings.default_cadence,
        Some(trellis_core::Cadence::Monthly)
    );
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

#[test]
fn cadences_and_outcomes_are_checked_and_merged_like_records() {
    use trellis_core::archive::ImportMode;
    let mut a = super::journal();
    let m = a
        .add_mentee(trellis_core::NewMentee {
            name: "Ada".into(),
            ..Default::default()
        })
        .expect("mentee");
    let mut track = super::entries::new_entry(
        &m,
        "2026-11-01",
        trellis_core::EntryDetails::Track(trellis_core::TrackConversation {
            leaning: trellis_core::Leaning::new(1).expect("leaning"),
            aspiration: None,
            energizers: None,
            drainers: None,
            experiments: vec!["Lead the incident review".into()],
        }),
    );
    track.body = "Talked about the staff path".into();
    let (track, _) = a.add_entry(track).expect("track");
    a.close_experiment(&track.id, "1", "Went well", super::date("2026-11-20"))
        .expect("outcome");
    a.set_cadence(&m.id, Some(trellis_core::Cadence::Weekly))
        .expect("cadence");
    let json = a.archive().expect("export").to_json();

    // Into a journal that has the same records with another cadence: a merge names it
    // and refuses; replace takes it.
    let mut b = super::journal();
    b.import_archive(json.as_bytes(), ImportMode::Merge)
        .expect("first import");
    b.set_cadence(&m.id, Some(trellis_core::Cadence::Monthly))
        .expect("changed here");
    let err = b
        .import_archive(json.as_bytes(), ImportMode::Merge)
        .expect_err("a changed cadence is a conflict");
    assert!(
        err.to_string().contains("cadence monthly → weekly"),
        "{err}"
    );
    b.import_archive(json.as_bytes(), ImportMode::Replace)
        .expect("replace");
    assert_eq!(
        b.agenda(&m.id, super::date("2026-11-23"))
            .expect("agenda")
            .next
            .cadence,
        trellis_core::Cadence::Weekly
    );

    // Hostile archives: each refused with its path, nothing written.
    let hostile = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(&json).expect("json");
        edit(&mut v);
        let mut c = super::journal();
        let err = c
            .import_archive(v.to_string().as_bytes(), ImportMode::Merge)
            .expect_err("this input must be refused");
        assert!(c.is_empty().expect("empty"), "nothing written");
        err.to_string()
    };
    let nobody = "0190a3b0-0000-7000-8000-000000000000";
    let err = hostile(&|v| v["experiment_outcomes"][0]["entry_id"] = nobody.into());
    assert!(err.contains("experiment_outcomes[0].entry_id"), "{err}");
    let err = hostile(&|v| v["experiment_outcomes"][0]["experiment"] = "Something else".into());
    assert!(err.contains("experiment_outcomes[0].experiment"), "{err}");
    let err = hostile(&|v| v["experiment_outcomes"][0]["outcome"] = "  ".into());
    assert!(err.contains("experiment_outcomes[0]"), "{err}");
    let err = hostile(&|v| v["cadences"][0]["cadence"] = "hourly".into());
    assert!(err.contains("cadences[0].cadence"), "{err}");
    let err = hostile(&|v| v["cadences"][0]["mentee_id"] = nobody.into());
    assert!(err.contains("cadences[0].mentee_id"), "{err}");
    let err = hostile(&|v| v["settings"]["default_cadence"] = "fortnightly".into());
    assert!(err.contains("settings.default_cadence"), "{err}");
    let err = hostile(&|v| v["settings"]["theme"] = "dark".into());
    assert!(err.contains("settings.theme: unknown field"), "{err}");
}

#[test]
fn templates_travel_merge_by_id_or_name_and_hostile_ones_are_refused() {
    use trellis_core::archive::ImportMode;
    use trellis_core::{EntryKind, NewTemplate, TemplateFields};
    let mut a = super::journal();
    let retro = a
        .add_template(NewTemplate {
            name: "Retro".into(),
            kind: EntryKind::Note,
            subkind: None,
            body: "## Went well\n\n## Change\n".into(),
            fields: TemplateFields::default(),
        })
        .expect("template");
    let json = a.archive().expect("export").to_json();

    let mut b = super::journal();
    let report = b
        .import_archive(json.as_bytes(), ImportMode::Merge)
        .expect("import");
    assert_eq!(
        b.templates(None).expect("templates").len(),
        6,
        "5 defaults + Retro"
    );
    assert!(
        report.unchanged >= 5,
        "the defaults are the same records: {report:?}"
    );
    b.edit_template(
        &retro.id,
        NewTemplate {
            body: "changed here".into(),
            ..retro.to_new()
        },
    )
    .expect("edited");
    let err = b
        .import_archive(json.as_bytes(), ImportMode::Merge)
        .expect_err("an edited template is a conflict");
    assert!(err.to_string().contains("template text or fields"), "{err}");
    b.import_archive(json.as_bytes(), ImportMode::Replace)
        .expect("replace");
    assert_eq!(
        b.template("retro", None).expect("retro").body,
        "## Went well\n\n## Change"
    );

    // Another journal's "Retro" (another id) replaces this one's on import: one per name.
    let mut c = super::journal();
    c.add_template(NewTemplate {
        name: "retro".into(),
        kind: EntryKind::Note,
        subkind: None,
        body: "mine".into(),
        fields: TemplateFields::default(),
    })
    .expect("template");
    let err = c
        .import_archive(json.as_bytes(), ImportMode::Merge)
        .expect_err("a name clash is a conflict");
    assert!(err.to_string().contains("of another journal"), "{err}");
    c.import_archive(json.as_bytes(), ImportMode::Replace)
        .expect("replace");
    assert_eq!(c.templates(Some(EntryKind::Note)).expect("notes").len(), 4);

    let hostile = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(&json).expect("json");
        edit(&mut v);
        let mut d = super::journal();
        let before = d.templates(None).expect("templates");
        let err = d
            .import_archive(v.to_string().as_bytes(), ImportMode::Replace)
            .expect_err("this input must be refused");
        assert_eq!(
            d.templates(None).expect("templates"),
            before,
            "nothing written"
        );
        err.to_string()
    };
    let retro_at = |v: &serde_json::Value| {
        v["templates"]
            .as_array()
            .and_then(|l| l.iter().position(|t| t["name"] == "Retro"))
            .expect("Retro is there")
    };
    let err = hostile(&|v| {
        let i = retro_at(v);
        v["templates"][i]["name"] = "  Retro ".into();
    });
    assert!(err.contains("canonical"), "{err}");
    let err = hostile(&|v| {
        let i = retro_at(v);
        v["templates"][i]["fields"]["topic"] = "Debugging".into();
    });
    assert!(err.contains(".topic"), "{err}");
    let err = hostile(&|v| {
        let i = retro_at(v);
        v["templates"][i]["name"] = "sbi feedback".into();
    });
    assert!(err.contains("appears twice"), "{err}");
    let err = hostile(&|v| {
        let i = retro_at(v);
        v["templates"][i]["kind"] = "meeting".into();
    });
    assert!(err.contains("kind"), "{err}");
    let err = hostile(&|v| {
        let i = retro_at(v);
        v["templates"][i]["body"] = "x".repeat(300 * 1024).into();
    });
    assert!(err.contains("limit"), "{err}");
}

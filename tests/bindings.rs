//! The TypeScript types in `ui/src/lib/bindings/` are generated from the Rust types that
//! cross IPC (ts-rs). This test regenerates them and fails if the checked-in files
//! drifted. To update them after changing a type: `UPDATE_BINDINGS=1 cargo test --test bindings`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use trellis_core::summary::{Format, SummaryOptions};
use trellis_core::*;
use trellis_desktop::commands::archive::{ImportPreview, VaultWritten};
use trellis_desktop::commands::backups::{BackupContents, BackupView};
use trellis_desktop::commands::entries::{EntryView, TimelinePageView};
use trellis_desktop::commands::lock::EncryptedView;
use trellis_desktop::commands::settings::DataLocations;
use trellis_desktop::commands::summaries::{ImpactPreview, SummaryPreview};
use trellis_desktop::error::IpcError;
use trellis_desktop::state::JournalInfo;
use ts_rs::{Config, TS};

fn export(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    let results = [
        EntryView::export_all(&cfg),
        TimelinePageView::export_all(&cfg),
        TimelineQuery::export_all(&cfg),
        IpcError::export_all(&cfg),
        JournalInfo::export_all(&cfg),
        Today::export_all(&cfg),
        Agenda::export_all(&cfg),
        Template::export_all(&cfg),
        Settings::export_all(&cfg),
        JournalSettings::export_all(&cfg),
        DataLocations::export_all(&cfg),
        ImportPreview::export_all(&cfg),
        ImpactPreview::export_all(&cfg),
        VaultWritten::export_all(&cfg),
        NewTemplate::export_all(&cfg),
        Mentee::export_all(&cfg),
        MenteeOverview::export_all(&cfg),
        NewMentee::export_all(&cfg),
        MenteePatch::export_all(&cfg),
        NewEntry::export_all(&cfg),
        EntryEdit::export_all(&cfg),
        Goal::export_all(&cfg),
        GoalPatch::export_all(&cfg),
        NewGoal::export_all(&cfg),
        NewCheckIn::export_all(&cfg),
        ActionItem::export_all(&cfg),
        NewActionItem::export_all(&cfg),
        Framework::export_all(&cfg),
        SkillStanding::export_all(&cfg),
        LadderUse::export_all(&cfg),
        LadderPlan::export_all(&cfg),
        MenteeLadder::export_all(&cfg),
        EarlierAssessment::export_all(&cfg),
        Assessment::export_all(&cfg),
        NewAssessment::export_all(&cfg),
        SummaryPreview::export_all(&cfg),
        BackupView::export_all(&cfg),
        BackupContents::export_all(&cfg),
        EncryptedView::export_all(&cfg),
        TrashItem::export_all(&cfg),
        Revision::export_all(&cfg),
        SummaryOptions::export_all(&cfg),
        Format::export_all(&cfg),
        SearchHit::export_all(&cfg),
        SearchOptions::export_all(&cfg),
    ];
    for r in results {
        r.expect("bindings export");
    }
}

fn files(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("bindings folder readable") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ts") {
            let name = path.strip_prefix(dir).expect("inside").to_path_buf();
            out.insert(name, std::fs::read_to_string(&path).expect("readable"));
        }
    }
    out
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let checked_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        if checked_in.exists() {
            std::fs::remove_dir_all(&checked_in).expect("old bindings removed");
        }
        export(&checked_in);
    }
    let fresh = tempfile::tempdir().expect("temp dir");
    export(fresh.path());
    let (want, have) = (files(fresh.path()), files(&checked_in));
    let names = |m: &BTreeMap<PathBuf, String>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&have),
        names(&want),
        "the set of binding files drifted; run UPDATE_BINDINGS=1 cargo test --test bindings"
    );
    for (name, text) in &want {
        assert_eq!(
            have.get(name),
            Some(text),
            "{} drifted from its Rust type; run UPDATE_BINDINGS=1 cargo test --test bindings",
            name.display()
        );
    }
}

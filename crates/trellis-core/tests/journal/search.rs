//! Search: what a lead types finds what they wrote — folded diacritics, prefixes,
//! phrases, exclusions, CJK — and follows every change: edits, the trash, restores,
//! changes made behind Trellis's back, a repaired index.

use trellis_core::{
    Entry, EntryDetails, EntryEdit, Error, Journal, Mentee, NewActionItem, NewEntry, NewGoal,
    NewMentee, Note, NoteKind, RecordKind, SearchHit, SearchOptions, SearchOrder, Visibility,
};

use super::entries::{new_entry, session};
use super::{date, with_mentee};

fn note(j: &mut Journal, m: &Mentee, day: &str, body: &str) -> Entry {
    let input = NewEntry {
        body: body.into(),
        ..new_entry(
            m,
            day,
            EntryDetails::Note(Note {
                subkind: NoteKind::Observation,
            }),
        )
    };
    j.add_entry(input).expect("saved").0
}

/// A journal on disk (in a temp folder) with one mentee, Priya Raman.
fn on_disk() -> (tempfile::TempDir, Journal, Mentee) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut j = Journal::create(&dir.path().join("journal.db")).expect("journal");
    let m = j
        .add_mentee(NewMentee {
            name: "Priya Raman".into(),
            ..Default::default()
        })
        .expect("mentee");
    (dir, j, m)
}

fn find(j: &Journal, q: &str) -> Vec<SearchHit> {
    j.search(q, &SearchOptions::default()).expect("search runs")
}

fn ids(hits: &[SearchHit]) -> Vec<String> {
    hits.iter().map(|h| h.id.to_string()).collect()
}

fn marked(hit: &SearchHit) -> Vec<String> {
    hit.snippet
        .iter()
        .filter(|f| f.mark)
        .map(|f| f.text.clone())
        .collect()
}

#[test]
fn diacritics_fold_both_ways_and_words_match_as_prefixes() {
    let (mut j, m) = with_mentee();
    let e = note(
        &mut j,
        &m,
        "2026-03-02",
        "A naïve retry loop; reviewed with José Pérez.",
    );
    for q in ["naive", "NAÏVE", "perez", "Pérez", "jose", "nai", "retr lo"] {
        assert_eq!(ids(&find(&j, q)), [e.id.to_string()], "{q}");
    }
    assert!(
        find(&j, "etry").is_empty(),
        "a prefix, not any part of a word"
    );
    let hit = &find(&j, "perez naive")[0];
    assert_eq!(marked(hit), ["naïve", "Pérez"], "{hit:?}");
}

#[test]
fn phrases_keep_their_order_and_minus_leaves_words_out() {
    let (mut j, m) = with_mentee();
    let a = note(&mut j, &m, "2026-03-02", "The rate limiter drops requests.");
    let b = note(
        &mut j,
        &m,
        "2026-03-03",
        "Limiter rate: tune it after the flaky test.",
    );
    let mut both = ids(&find(&j, "rate limiter"));
    both.sort();
    let mut want = vec![a.id.to_string(), b.id.to_string()];
    want.sort();
    assert_eq!(both, want);
    assert_eq!(ids(&find(&j, "\"rate limiter\"")), [a.id.to_string()]);
    assert_eq!(ids(&find(&j, "rate -flaky")), [a.id.to_string()]);
    assert_eq!(ids(&find(&j, "rate -\"flaky test\"")), [a.id.to_string()]);
    let err = j
        .search("-flaky", &SearchOptions::default())
        .expect_err("nothing to look for");
    assert!(
        matches!(err, Error::Invalid { field: "query", .. }),
        "{err}"
    );
}

#[test]
fn cjk_text_is_found_without_spaces_two_characters_included() {
    let (mut j, m) = with_mentee();
    let ja = note(
        &mut j,
        &m,
        "2026-03-02",
        "来週の会議で設計レビューを担当する",
    );
    let zh = note(&mut j, &m, "2026-03-03", "他负责了数据库迁移");
    let ko = note(&mut j, &m, "2026-03-04", "다음 회의를 준비했다");
    assert_eq!(ids(&find(&j, "会議")), [ja.id.to_string()]);
    assert_eq!(ids(&find(&j, "設計レビュー")), [ja.id.to_string()]);
    assert_eq!(ids(&find(&j, "迁移")), [zh.id.to_string()]);
    assert_eq!(ids(&find(&j, "회의")), [ko.id.to_string()]);
    assert!(
        find(&j, "会設").is_empty(),
        "characters that are not next to each other"
    );
    assert_eq!(marked(&find(&j, "迁移")[0]), ["迁移"]);
}

#[test]
fn private_entries_are_found_trashed_ones_are_not_and_come_back_restored() {
    let (mut j, m) = with_mentee();
    let private = note(
        &mut j,
        &m,
        "2026-03-02",
        "Feels stretched by support rotations",
    );
    assert_eq!(private.visibility, Visibility::Private);
    let hits = find(&j, "stretched");
    assert_eq!(
        ids(&hits),
        [private.id.to_string()],
        "the lead's own notes are searchable"
    );
    assert_eq!(hits[0].visibility, Some(Visibility::Private));

    let trash_id = j.delete_entry(&private.id).expect("trashed");
    assert!(
        find(&j, "stretched").is_empty(),
        "a trashed entry is not found"
    );
    j.restore_from_trash(&trash_id).expect("restored");
    assert_eq!(ids(&find(&j, "stretched")), [private.id.to_string()]);

    // A deleted mentee takes everything of theirs out of search, and back on restore.
    let trash_id = j.delete_mentee(&m.id).expect("trashed");
    assert!(find(&j, "stretched").is_empty() && find(&j, "priya").is_empty());
    j.restore_from_trash(&trash_id).expect("restored");
    assert_eq!(find(&j, "stretched").len(), 1);
    assert_eq!(find(&j, "priya")[0].kind, RecordKind::Mentee);
}

#[test]
fn an_edit_replaces_the_old_words_with_the_new() {
    let (mut j, m) = with_mentee();
    let e = note(&mut j, &m, "2026-03-02", "Discussed the kafka consumer lag");
    let edit = EntryEdit {
        date: date("2025-11-30"),
        title: e.title.clone(),
        body: "Discussed the postgres vacuum settings".into(),
        visibility: e.visibility,
        starred: e.starred,
        tags: e.tags.clone(),
        skills: e.skills.clone(),
        details: e.details.clone(),
    };
    j.edit_entry(&e.id, edit).expect("edited");
    assert!(find(&j, "kafka").is_empty(), "old words are gone");
    let hits = find(&j, "vacuum");
    assert_eq!(ids(&hits), [e.id.to_string()], "new words are found");
    assert_eq!(hits[0].date, date("2025-11-30"), "under its new date");
}

#[test]
fn every_kind_of_record_is_searchable_and_filters_narrow_it() {
    let (mut j, m) = with_mentee();
    let other = j
        .add_mentee(NewMentee {
            name: "Mateo Silva".into(),
            role: Some("Platform engineer".into()),
            tags: vec!["observability".into()],
            ..Default::default()
        })
        .expect("mentee");
    let mut s = new_entry(&m, "2026-01-10", session(60));
    s.follow_ups = vec![NewActionItem {
        text: "Write the observability runbook".into(),
        owner: None,
        due: None,
    }];
    let (session_entry, _) = j.add_entry(s).expect("session");
    let goal = j
        .add_goal(
            &other.id,
            NewGoal {
                title: "Own the observability roadmap".into(),
                why: Some("Grow into staff scope".into()),
                ..Default::default()
            },
        )
        .expect("goal");
    let n = note(
        &mut j,
        &other,
        "2026-02-01",
        "Observability review went well",
    );

    let kinds: Vec<RecordKind> = find(&j, "observability").iter().map(|h| h.kind).collect();
    for k in [
        RecordKind::Mentee,
        RecordKind::Action,
        RecordKind::Goal,
        RecordKind::Note,
    ] {
        assert!(kinds.contains(&k), "{k:?} in {kinds:?}");
    }
    let only = |o: SearchOptions| ids(&j.search("observability", &o).expect("search"));
    assert_eq!(
        only(SearchOptions {
            kinds: vec![RecordKind::Goal],
            ..Default::default()
        }),
        [goal.id.to_string()]
    );
    assert_eq!(
        only(SearchOptions {
            mentee: Some(other.id),
            kinds: vec![RecordKind::Note],
            since: Some(date("2026-01-15")),
            ..Default::default()
        }),
        [n.id.to_string()]
    );
    assert!(
        only(SearchOptions {
            until: Some(date("2026-01-09")),
            kinds: vec![RecordKind::Note, RecordKind::Session],
            ..Default::default()
        })
        .is_empty()
    );
    assert_eq!(
        only(SearchOptions {
            visibility: Some(Visibility::Shareable),
            ..Default::default()
        }),
        Vec::<String>::new(),
        "the note is private; nothing else has a visibility"
    );
    assert_eq!(
        ids(&j
            .search(
                "debugging",
                &SearchOptions {
                    visibility: Some(Visibility::Shareable),
                    ..Default::default()
                }
            )
            .expect("search")),
        [session_entry.id.to_string()],
        "a session's topic, shareable by default"
    );
    let err = j
        .search(
            "x",
            &SearchOptions {
                since: Some(date("2026-02-01")),
                until: Some(date("2026-01-01")),
                ..Default::default()
            },
        )
        .expect_err("a period that ends before it starts");
    assert!(err.to_string().contains("starts"), "{err}");
}

#[test]
fn newest_first_by_default_best_match_first_on_request_and_limited() {
    let (mut j, m) = with_mentee();
    let old = note(
        &mut j,
        &m,
        "2025-01-01",
        "pagination pagination pagination cursor",
    );
    let new = note(
        &mut j,
        &m,
        "2026-06-01",
        "a long note that mentions pagination once among many other words",
    );
    let mid = note(&mut j, &m, "2025-06-01", "pagination");
    assert_eq!(
        ids(&find(&j, "pagination")),
        [new.id.to_string(), mid.id.to_string(), old.id.to_string()]
    );
    let ranked = j
        .search(
            "pagination",
            &SearchOptions {
                order: SearchOrder::Relevance,
                ..Default::default()
            },
        )
        .expect("search");
    assert_ne!(ranked[0].id, new.id, "the long note is the weakest match");
    let one = j
        .search(
            "pagination",
            &SearchOptions {
                limit: Some(1),
                ..Default::default()
            },
        )
        .expect("search");
    assert_eq!(ids(&one), [new.id.to_string()]);
}

#[test]
fn a_250_kb_word_and_a_hostile_query_are_handled() {
    let (mut j, m) = with_mentee();
    let word = "a".repeat(250_000);
    let e = note(&mut j, &m, "2026-03-02", &format!("{word} needle"));
    let hits = find(&j, "needle");
    assert_eq!(ids(&hits), [e.id.to_string()]);
    let shown: usize = hits[0].snippet.iter().map(|f| f.text.len()).sum();
    assert!(shown < 1000, "the snippet is bounded: {shown} bytes");
    // FTS5 syntax typed by a person is taken as words, never as the index's operators.
    for q in [
        "NEAR(a b)",
        "title:needle",
        "needle OR x",
        "\"unclosed",
        "*",
        "a AND",
        "{title}: x",
        "^needle",
    ] {
        let r = j.search(q, &SearchOptions::default());
        assert!(
            r.is_ok() || matches!(r, Err(Error::Invalid { .. })),
            "{q}: {r:?}"
        );
    }
    assert!(
        find(&j, "needle OR x").is_empty(),
        "OR is a word here, not an operator"
    );
}

#[test]
fn the_index_is_checked_and_repaired() {
    let (dir, mut j, m) = on_disk();
    let path = dir.path().join("journal.db");
    let e = note(&mut j, &m, "2026-03-02", "Original words");
    let check = j.check_search_index().expect("check");
    assert!(check.ok() && check.records == 2, "{check:?}");
    drop(j);

    // A change made behind Trellis's back is marked by the schema's triggers and indexed
    // at the next open.
    {
        let c = rusqlite::Connection::open(&path).expect("open");
        c.execute(
            "UPDATE entries SET body = 'Rewritten outside' WHERE id = ?1",
            [e.id.to_string()],
        )
        .expect("update");
    }
    let mut j = Journal::open(&path).expect("opens");
    assert_eq!(ids(&find(&j, "rewritten")), [e.id.to_string()]);
    assert!(find(&j, "original").is_empty());
    drop(j);

    // An index damaged behind Trellis's back is found out, and rebuilt.
    {
        let c = rusqlite::Connection::open(&path).expect("open");
        c.execute("DELETE FROM search_docs WHERE kind = 'note'", [])
            .expect("damage");
    }
    j = Journal::open(&path).expect("opens");
    let check = j.check_search_index().expect("check");
    assert!(!check.ok() && check.missing == 1, "{check:?}");
    assert_eq!(j.rebuild_search_index().expect("rebuilt"), 2);
    assert!(j.check_search_index().expect("check").ok());
    assert_eq!(ids(&find(&j, "rewritten")), [e.id.to_string()]);
}

#[test]
fn words_deleted_for_good_leave_the_file_and_its_backups() {
    let (dir, mut j, m) = on_disk();
    let path = dir.path().join("journal.db");
    let keep = note(
        &mut j,
        &m,
        "2026-03-01",
        "An ordinary note about pagination",
    );
    let gone = note(
        &mut j,
        &m,
        "2026-03-02",
        "Confided: quokkasecret family matter",
    );
    j.delete_entry(&gone.id).expect("trashed");
    j.empty_trash().expect("emptied");
    assert!(find(&j, "quokkasecret").is_empty());
    let backup = j.backup(None).expect("backup");
    drop(j);
    for file in [&path, &backup] {
        let bytes = std::fs::read(file).expect("read");
        let needle = b"quokkasecret";
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "{} still holds a word deleted for good",
            file.display()
        );
    }
    let j = Journal::open(&path).expect("opens");
    assert_eq!(ids(&find(&j, "pagination")), [keep.id.to_string()]);
}

#[test]
fn an_entry_dated_in_year_zero_is_found() {
    let (mut j, m) = with_mentee();
    let e = note(&mut j, &m, "0000-06-01", "An ancient ternary note");
    assert_eq!(ids(&find(&j, "ternary")), [e.id.to_string()]);
}

#[test]
fn words_that_age_out_of_the_trash_never_reach_a_backup() {
    let (dir, mut j, m) = on_disk();
    let path = dir.path().join("journal.db");
    let old = note(
        &mut j,
        &m,
        "2026-03-01",
        "Confided: wallabysecret health matter",
    );
    let other = note(&mut j, &m, "2026-03-02", "An ordinary note");
    j.delete_entry(&old.id).expect("trashed");
    drop(j);
    // Thirty-one days on: the trashed note is due to age out.
    rusqlite::Connection::open(&path)
        .expect("open")
        .execute(
            "UPDATE trash SET deleted_at = '2000-01-01T00:00:00.000000Z'",
            [],
        )
        .expect("age it");
    let mut j = Journal::open(&path).expect("opens");
    // The next deletion purges it (a save stays quick: the index is rewritten later) …
    j.delete_entry(&other.id).expect("trashed");
    assert_eq!(
        j.trash().expect("trash").len(),
        1,
        "the aged note left the trash"
    );
    // … and the next backup rewrites the index before it copies the journal.
    let backup = j.backup(None).expect("backup");
    let bytes = std::fs::read(&backup).expect("read");
    let needle = b"wallabysecret";
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "the backup holds a word that aged out of the trash"
    );
}

//! Command-wiring tests: the app's real command set (`with_commands`) on Tauri's mock
//! runtime, over a temp journal, called through IPC with JSON bodies exactly as the UI
//! sends them (camelCase argument names, snake_case fields inside the bindings' types).
//! The core's rules are tested in `crates/trellis-core/tests`; these check the wiring:
//! argument names, shapes on the wire, and errors as `{ code, message }`.

use chrono::{Days, Local, NaiveDate};
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewUrl, WebviewWindow, WebviewWindowBuilder};
use tempfile::TempDir;
use trellis_desktop::AppState;

/// A mentee id that no journal holds.
const UNKNOWN_ID: &str = "01900000-0000-7000-8000-000000000000";

/// The app with every command registered, a temp journal open, and its main window.
/// Fields drop in order: the window, then the app (closing the journal), then the folder.
struct Harness {
    window: WebviewWindow<MockRuntime>,
    _app: App<MockRuntime>,
    dir: TempDir,
}

impl Harness {
    fn new() -> Harness {
        let dir = tempfile::tempdir().expect("a temp dir for the journal");
        let state = AppState::open(Some(dir.path().join("journal.db")))
            .expect("a new journal opens in the temp dir");
        let app = trellis_desktop::with_commands(mock_builder())
            .manage(state)
            .build(mock_context(noop_assets()))
            .expect("the mock app builds with every command registered");
        let window = WebviewWindowBuilder::new(&app, "main", WebviewUrl::default())
            .build()
            .expect("the main window opens on the mock runtime");
        Harness {
            window,
            _app: app,
            dir,
        }
    }

    /// Invokes `cmd` as the UI's `invoke(cmd, args)` does.
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: app_origin(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| {
            body.deserialize::<Value>()
                .expect("a command's reply is JSON")
        })
    }

    /// A call that must succeed; `why` names what the UI relies on.
    fn ok(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(v) => v,
            Err(e) => panic!("`{cmd}` failed with {e}, but the UI needs it to succeed"),
        }
    }

    /// A call that must fail; returns the error as the UI receives it.
    fn err(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(v) => panic!("`{cmd}` succeeded with {v}, but it should have been refused"),
            Err(e) => e,
        }
    }

    /// Adds a mentee through the UI's form shape; returns the stored mentee.
    fn add_mentee(&self, name: &str) -> Value {
        self.ok(
            "add_mentee",
            json!({ "input": {
                "name": name, "role": "Backend engineer", "level": null, "team": "Payments",
                "started": null, "track": null, "tags": ["backend"],
            }}),
        )
    }

    fn add_entry(&self, input: Value) -> Value {
        self.ok("add_entry", json!({ "input": input }))
    }

    /// The whole timeline, oldest first (one page of up to 1000, reversed).
    fn timeline(&self, mentee_id: &str) -> Vec<Value> {
        let page = self.ok(
            "timeline_page",
            json!({ "menteeId": mentee_id, "query": { "kinds": [], "after": null, "limit": 1000, "through": null } }),
        );
        let mut items = array(&page["entries"], "timeline_page").to_vec();
        items.reverse();
        items
    }
}

/// The origin the window's pages are served from, so the call counts as local.
fn app_origin() -> tauri::Url {
    let origin = if cfg!(windows) {
        "http://tauri.localhost"
    } else {
        "tauri://localhost"
    };
    origin.parse().expect("the app origin is a valid URL")
}

fn local_today() -> NaiveDate {
    Local::now().date_naive()
}

fn in_days(n: u64) -> String {
    (local_today() + Days::new(n)).to_string()
}

fn str_of<'a>(v: &'a Value, field: &str) -> &'a str {
    v[field]
        .as_str()
        .unwrap_or_else(|| panic!("`{field}` should be a string in {v}"))
}

fn array<'a>(v: &'a Value, what: &str) -> &'a [Value] {
    v.as_array()
        .unwrap_or_else(|| panic!("{what} should be a JSON array, got {v}"))
}

/// A pairing session (NewEntry.ts with `kind: "session"`) with one follow-up.
fn session_with_follow_up(mentee_id: &str, follow_up: &str) -> Value {
    json!({
        "mentee_id": mentee_id,
        "date": local_today().to_string(),
        "title": null,
        "body": "We paired on the **retry** logic.",
        "visibility": null,
        "starred": false,
        "tags": ["payments"],
        "skills": [],
        "details": {
            "kind": "session",
            "minutes": 45,
            "topic": "Retry logic",
            "driver": "mentee",
            "independence": 3,
            "links": ["https://example.com/pr/12"],
            "went_well": "Found the race quickly",
            "to_improve": null,
        },
        "follow_ups": [{ "text": follow_up, "owner": "mentee", "due": in_days(3) }],
    })
}

/// A note (NewEntry.ts with `kind: "note"`) with the given Markdown body.
fn note(mentee_id: &str, body: &str) -> Value {
    json!({
        "mentee_id": mentee_id,
        "date": local_today().to_string(),
        "title": "Observation",
        "body": body,
        "visibility": null,
        "starred": false,
        "tags": [],
        "skills": [],
        "details": { "kind": "note", "subkind": "observation" },
        "follow_ups": [],
    })
}

/// Asserts the error is exactly `{ code, field, message }` (the shape of `IpcError` the UI
/// reads) with the given code and a message.
fn assert_ipc_error(err: &Value, code: &str, why: &str) {
    let obj = err.as_object().unwrap_or_else(|| {
        panic!("{why}: the error should be a {{code, message}} object, got {err}")
    });
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["code", "field", "message"],
        "{why}: the UI reads exactly `code`, `field` and `message` from an error: {err}"
    );
    assert_eq!(err["code"], code, "{why}: wrong error code in {err}");
    assert!(
        !str_of(err, "message").trim().is_empty(),
        "{why}: the message is shown to the user and must say something: {err}"
    );
}

#[test]
fn added_mentee_is_listed() {
    let h = Harness::new();
    let m = h.add_mentee("Priya Raman");
    assert_eq!(
        m["name"], "Priya Raman",
        "the stored mentee comes back: {m}"
    );
    assert_eq!(
        m["track"], "undecided",
        "a null track takes the default: {m}"
    );

    let listed = h.ok("list_mentees", json!({ "includeArchived": false }));
    let listed = array(&listed, "list_mentees");
    assert_eq!(
        listed.len(),
        1,
        "the new mentee is the only one listed: {listed:?}"
    );
    assert_eq!(
        listed[0]["id"], m["id"],
        "the listed mentee is the one just added"
    );
    assert_eq!(listed[0]["tags"], json!(["backend"]), "tags cross IPC");
}

#[test]
fn arguments_are_camel_case_on_the_wire() {
    let h = Harness::new();
    let err = h.err("list_mentees", json!({ "include_archived": false }));
    assert!(
        err.as_str().is_some_and(|s| s.contains("includeArchived")),
        "Tauri looks arguments up by their camelCase name, so the UI must send \
         `includeArchived`; the refusal should name it: {err}"
    );
}

#[test]
fn session_with_follow_up_shows_on_timeline_and_today() {
    let h = Harness::new();
    let m = h.add_mentee("Priya Raman");
    let mentee_id = str_of(&m, "id");

    let added = h.add_entry(session_with_follow_up(mentee_id, "Write the retry ADR"));
    assert_eq!(
        added["kind"], "session",
        "details are flattened with their tag: {added}"
    );
    assert_eq!(
        array(&added["follow_ups"], "add_entry's follow_ups").len(),
        1,
        "the saved follow-up comes back with the entry: {added}"
    );

    let timeline = h.timeline(mentee_id);
    assert_eq!(
        timeline.len(),
        1,
        "the session is on the timeline: {timeline:?}"
    );
    let entry = &timeline[0];
    assert_eq!(
        entry["id"], added["id"],
        "the timeline shows the entry just saved"
    );
    assert_eq!(entry["minutes"], 45, "session details cross IPC: {entry}");
    assert_eq!(
        entry["independence"], 3,
        "session details cross IPC: {entry}"
    );
    assert!(
        str_of(entry, "body_html").contains("<strong>retry</strong>"),
        "the body is rendered to HTML for the UI: {entry}"
    );
    let follow_ups = array(&entry["follow_ups"], "timeline follow_ups");
    assert_eq!(
        follow_ups.len(),
        1,
        "the follow-up hangs off its entry: {entry}"
    );
    assert_eq!(follow_ups[0]["text"], "Write the retry ADR");
    assert_eq!(
        follow_ups[0]["entry_id"], added["id"],
        "the follow-up links back"
    );
    assert_eq!(follow_ups[0]["due"], in_days(3), "the due date round-trips");

    let today = h.ok("today", json!({}));
    let open = array(&today["follow_ups"], "today's follow_ups");
    assert_eq!(open.len(), 1, "Today lists the open follow-up: {today}");
    assert_eq!(open[0]["action"]["id"], follow_ups[0]["id"]);
    assert_eq!(
        open[0]["mentee_name"], "Priya Raman",
        "Today says whose it is"
    );
    assert_eq!(
        open[0]["overdue"], false,
        "due in three days is not overdue"
    );
    assert_eq!(
        today["date"],
        local_today().to_string(),
        "Today is computed for the lead's local date"
    );
}

#[test]
fn hostile_markdown_is_rendered_inert() {
    let h = Harness::new();
    let m = h.add_mentee("Priya Raman");
    let body = "<script>alert(1)</script>\n\nLook <img src=x onerror=alert(1)> here: \
                [x](javascript:alert(1)) and [docs](https://example.com)";
    let added = h.add_entry(note(str_of(&m, "id"), body));

    for (what, html) in [
        ("add_entry", str_of(&added, "body_html").to_owned()),
        (
            "timeline_page",
            str_of(&h.timeline(str_of(&m, "id"))[0], "body_html").to_owned(),
        ),
        (
            "render_markdown",
            h.ok("render_markdown", json!({ "text": body }))
                .as_str()
                .expect("render_markdown returns the HTML as a string")
                .to_owned(),
        ),
    ] {
        let lower = html.to_lowercase();
        assert!(
            !lower.contains("<script"),
            "{what}: a script tag would run in the webview: {html}"
        );
        assert!(
            !lower.contains("<img"),
            "{what}: an img tag could run onerror or fetch: {html}"
        );
        assert!(
            !lower.contains("javascript:"),
            "{what}: a javascript: link would run on click: {html}"
        );
        assert!(
            html.contains("https://example.com"),
            "{what}: ordinary web links must survive the cleaning: {html}"
        );
    }
    assert_eq!(
        added["body"], body,
        "the Markdown is stored exactly as written"
    );
}

#[test]
fn entries_are_edited_and_deleted() {
    let h = Harness::new();
    let m = h.add_mentee("Priya Raman");
    let mentee_id = str_of(&m, "id");
    let added = h.add_entry(session_with_follow_up(mentee_id, "Write the retry ADR"));
    let id = str_of(&added, "id");

    let edited = h.ok(
        "edit_entry",
        json!({ "id": id, "edit": {
            "date": local_today().to_string(),
            "title": "Retry logic, part 1",
            "body": "Now with _backoff_.",
            "visibility": "shareable",
            "starred": true,
            "tags": ["payments"],
            "skills": [],
            "details": {
                "kind": "session", "minutes": 60, "topic": "Retry logic", "driver": "both",
                "independence": 4, "links": [], "went_well": null, "to_improve": null,
            },
        }}),
    );
    assert_eq!(
        edited["title"], "Retry logic, part 1",
        "the edit is returned: {edited}"
    );
    assert_eq!(
        edited["minutes"], 60,
        "edited details are returned: {edited}"
    );
    assert!(
        str_of(&edited, "body_html").contains("<em>backoff</em>"),
        "the returned view renders the new body: {edited}"
    );
    assert_eq!(
        array(&edited["follow_ups"], "edit_entry's follow_ups").len(),
        1,
        "the UI replaces the entry with this view, so it must keep its follow-ups: {edited}"
    );
    let shown = h.ok("entry", json!({ "id": id }));
    assert_eq!(
        shown["visibility"], "shareable",
        "the edit is on disk: {shown}"
    );
    assert_eq!(shown["starred"], true, "the edit is on disk: {shown}");

    assert_eq!(
        h.ok("delete_entry", json!({ "id": id })),
        Value::Null,
        "delete_entry returns nothing"
    );
    assert!(
        h.timeline(mentee_id).is_empty(),
        "a deleted entry leaves the timeline"
    );
    let again = h.err("delete_entry", json!({ "id": id }));
    assert_ipc_error(&again, "not_found", "deleting twice finds nothing");

    let actions = h.ok(
        "action_items",
        json!({ "menteeId": mentee_id, "openOnly": true }),
    );
    let actions = array(&actions, "action_items");
    assert_eq!(
        actions.len(),
        1,
        "the follow-up outlives its entry: {actions:?}"
    );
    assert_eq!(
        actions[0]["entry_id"], id,
        "and still knows where it came from (the entry's tombstone keeps its visibility)"
    );
}

#[test]
fn goal_is_added_checked_in_and_edited() {
    let h = Harness::new();
    let m = h.add_mentee("Priya Raman");
    let mentee_id = str_of(&m, "id");
    let evidence = h.add_entry(note(mentee_id, "Led the design review."));

    let goal = h.ok(
        "add_goal",
        json!({ "menteeId": mentee_id, "input": {
            "title": "Lead a design review", "why": "Grow toward senior",
            "skills": ["system-design"], "target": in_days(60), "status": null,
        }}),
    );
    let goal_id = str_of(&goal, "id");
    assert_eq!(
        goal["status"], "active",
        "a null status means active: {goal}"
    );
    assert_eq!(goal["progress"], 0, "a new goal has no progress: {goal}");

    let checked = h.ok(
        "check_in",
        json!({ "id": goal_id, "input": {
            "date": local_today().to_string(), "progress": 40, "note": "First review done",
            "evidence": [evidence["id"]],
        }}),
    );
    assert_eq!(
        checked["progress"], 40,
        "progress follows the latest check-in: {checked}"
    );
    assert_eq!(
        array(&checked["check_ins"], "check_ins").len(),
        1,
        "the check-in is kept"
    );
    assert_eq!(
        checked["evidence"],
        json!([evidence["id"]]),
        "the entry is now evidence"
    );

    let achieved = h.ok(
        "edit_goal",
        json!({ "id": goal_id, "patch": {
            "title": null, "why": null, "skills": null, "status": "achieved",
        }}),
    );
    assert_eq!(
        achieved["status"], "achieved",
        "the status changes: {achieved}"
    );
    assert_eq!(
        achieved["target"],
        in_days(60),
        "an absent target is left as it is"
    );
    assert_eq!(
        achieved["title"], "Lead a design review",
        "a null title is left as it is"
    );

    let cleared = h.ok(
        "edit_goal",
        json!({ "id": goal_id, "patch": {
            "title": null, "why": null, "target": null, "skills": null, "status": null,
        }}),
    );
    assert_eq!(
        cleared["target"],
        Value::Null,
        "an explicit null target clears it"
    );

    let goals = h.ok("goals", json!({ "menteeId": mentee_id }));
    assert_eq!(
        goals,
        json!([cleared]),
        "goals lists the goal as last saved"
    );
}

#[test]
fn follow_up_is_completed() {
    let h = Harness::new();
    let m = h.add_mentee("Priya Raman");
    let added = h.add_entry(session_with_follow_up(
        str_of(&m, "id"),
        "Write the retry ADR",
    ));
    let action_id = &added["follow_ups"][0]["id"];

    let done = h.ok("complete_action_item", json!({ "id": action_id }));
    assert!(
        done["done_at"].is_string(),
        "a completed item carries when: {done}"
    );

    let today = h.ok("today", json!({}));
    assert!(
        array(&today["follow_ups"], "today's follow_ups").is_empty(),
        "a done follow-up leaves Today: {today}"
    );
    let all = h.ok(
        "action_items",
        json!({ "menteeId": null, "openOnly": false }),
    );
    assert_eq!(
        array(&all, "action_items").len(),
        1,
        "done items are still listed on request"
    );
}

#[test]
fn assessment_shows_in_skills() {
    let h = Harness::new();
    let m = h.add_mentee("Priya Raman");
    let mentee_id = str_of(&m, "id");

    let place = h.ok("mentee_ladder", json!({ "menteeId": mentee_id }));
    let framework = &place["framework"];
    let dimension = &framework["dimensions"][1];
    let (dim_key, level) = (str_of(dimension, "key"), &framework["levels"][2]);

    let assessment = h.ok(
        "assess",
        json!({ "menteeId": mentee_id, "input": {
            "dimension": dim_key, "level": level["key"], "date": local_today().to_string(),
            "note": "Designed the ledger split", "evidence": [],
        }}),
    );
    assert_eq!(
        assessment["level"], level["key"],
        "the level is stored by key: {assessment}"
    );

    let skills = h.ok("skills", json!({ "menteeId": mentee_id }));
    let skills = array(&skills, "skills");
    assert_eq!(
        skills.len(),
        array(&framework["dimensions"], "dimensions").len(),
        "skills has one standing per framework dimension"
    );
    let standing = skills
        .iter()
        .find(|s| s["dimension"] == dim_key)
        .unwrap_or_else(|| panic!("the assessed dimension {dim_key} is in skills"));
    assert_eq!(
        standing["latest"]["id"], assessment["id"],
        "the assessment is the latest: {standing}"
    );
    assert_eq!(
        standing["latest"]["rank"], 3,
        "the third level ranks 3: {standing}"
    );
    assert_eq!(
        standing["latest"]["level_name"], level["name"],
        "the level's name is shown"
    );
}

#[test]
fn unknown_ids_are_not_found() {
    let h = Harness::new();
    let cases = [
        ("mentee_overview", json!({ "id": UNKNOWN_ID })),
        ("add_entry", json!({ "input": note(UNKNOWN_ID, "hello") })),
        (
            "add_goal",
            json!({ "menteeId": UNKNOWN_ID, "input": {
                "title": "T", "why": null, "skills": [], "target": null, "status": null,
            }}),
        ),
        ("complete_action_item", json!({ "id": UNKNOWN_ID })),
        ("entry", json!({ "id": UNKNOWN_ID })),
    ];
    for (cmd, args) in cases {
        let err = h.err(cmd, args);
        assert_ipc_error(
            &err,
            "not_found",
            &format!("`{cmd}` on a missing id (the UI refreshes)"),
        );
    }
}

#[test]
fn invalid_input_is_refused_with_a_message() {
    let h = Harness::new();
    let err = h.err(
        "add_mentee",
        json!({ "input": {
            "name": "   ", "role": null, "level": null, "team": null,
            "started": null, "track": null, "tags": [],
        }}),
    );
    assert_ipc_error(
        &err,
        "invalid",
        "an empty name is for the user to fix in the form",
    );
    assert_eq!(
        err["field"], "name",
        "the form puts the cursor on the field named: {err}"
    );

    let m = h.add_mentee("Priya Raman");
    let no_text = session_with_follow_up(str_of(&m, "id"), "  ");
    let err = h.err("add_entry", json!({ "input": no_text }));
    assert_ipc_error(
        &err,
        "invalid",
        "a follow-up without text is for the user to fix",
    );
    assert!(
        h.timeline(str_of(&m, "id")).is_empty(),
        "a refused save writes nothing"
    );
}

#[test]
fn demo_journal_opens_and_own_journal_returns() {
    let h = Harness::new();
    let mine = h.add_mentee("Priya Raman");
    let info = h.ok("journal_info", json!({}));
    assert_eq!(
        info["demo"], false,
        "the app starts on the user's own journal: {info}"
    );

    let demo = h.ok("open_demo_journal", json!({}));
    assert_eq!(demo["demo"], true, "the UI labels the demo clearly: {demo}");
    assert_eq!(
        demo["path"],
        h.dir.path().join("demo.db").display().to_string(),
        "the demo lives beside the user's journal, never in it"
    );
    assert_eq!(
        h.ok("journal_info", json!({})),
        demo,
        "journal_info reports the switch"
    );
    let demo_mentees = h.ok("list_mentees", json!({ "includeArchived": false }));
    let demo_mentees = array(&demo_mentees, "demo mentees");
    assert!(
        !demo_mentees.is_empty(),
        "the demo journal has mentees to explore"
    );
    assert!(
        demo_mentees.iter().all(|m| m["id"] != mine["id"]),
        "commands now read the demo journal, not the user's"
    );

    let own = h.ok("open_own_journal", json!({}));
    assert_eq!(own, info, "switching back reopens the user's own journal");
    let mentees = h.ok("list_mentees", json!({ "includeArchived": false }));
    assert_eq!(
        mentees,
        json!([mine]),
        "the user's journal is as they left it"
    );
}

#[test]
fn summary_preview_hides_private_entries_and_exports_privately() {
    let h = Harness::new();
    let m = h.add_mentee("Priya Raman");
    let id = str_of(&m, "id");
    h.ok(
        "add_entry",
        json!({ "input": session_with_follow_up(id, "Write the ADR") }),
    );
    let private = h.ok("add_entry", json!({ "input": note(id, "PRIVATE-CANARY") }));
    let options = json!({ "since": null, "until": null, "exclude": [] });

    let preview = h.ok(
        "summary_preview",
        json!({ "menteeId": id, "options": options, "format": "md" }),
    );
    let doc = str_of(&preview, "document");
    assert!(
        doc.starts_with("<!DOCTYPE html>") && doc.contains("<h1>Growth summary: Priya Raman</h1>"),
        "the preview is the document as it will look: {doc}"
    );
    assert!(
        !doc.contains("PRIVATE-CANARY"),
        "a private note never reaches the document"
    );
    assert!(
        !serde_json::to_string(&preview["summary"])
            .expect("json")
            .contains("PRIVATE-CANARY"),
        "nor the summary model"
    );
    let private_items = array(&preview["withheld"]["private"], "withheld.private");
    assert_eq!(
        private_items.len(),
        1,
        "the lead sees the private note left out"
    );
    assert_eq!(private_items[0]["id"], private["id"]);

    h.ok("make_shareable", json!({ "entryId": private["id"] }));
    let preview = h.ok(
        "summary_preview",
        json!({ "menteeId": id, "options": options, "format": "json" }),
    );
    assert_eq!(
        preview["summary"]["overview"]["notes"], 1,
        "made shareable on the spot"
    );
    assert!(array(&preview["withheld"]["private"], "private").is_empty());
    assert!(
        str_of(&preview, "document").starts_with('{'),
        "the JSON format previews the JSON"
    );
    // Writing the file goes through the native save dialog, opened by Rust (the webview
    // never names a path): the end-to-end tests drive it; trellis-export tests the write.

    // The export writes only the document the lead looked at: a journal changed since the
    // preview (the trellis command, another window) is refused before any dialog opens.
    let seen = str_of(&preview, "fingerprint").to_string();
    h.ok(
        "add_entry",
        json!({ "input": session_with_follow_up(id, "Changed after the preview") }),
    );
    let err = h.err(
        "export_summary",
        json!({ "menteeId": id, "options": options, "format": "json", "fingerprint": seen }),
    );
    assert_ipc_error(&err, "stale", "an export of a document nobody saw");
}

#[test]
fn backups_are_listed_and_restored() {
    let h = Harness::new();
    h.add_mentee("Priya Raman");
    let written = h.ok("backup_now", json!({}));
    let listed = h.ok("list_backups", json!({}));
    let listed = array(&listed, "list_backups");
    assert_eq!(listed.len(), 1, "the backup is listed: {listed:?}");
    assert_eq!(listed[0]["name"], written);
    let contents = h.ok("backup_contents", json!({ "name": written }));
    assert_eq!(
        (
            contents["mentees"].clone(),
            contents["other_journal"].clone()
        ),
        (json!(1), json!(false)),
        "what it holds is shown before a restore: {contents}"
    );
    h.add_mentee("Mateo Silva");
    let info = h.ok("restore_backup", json!({ "name": written }));
    assert_eq!(
        info["recovery"],
        Value::Null,
        "no recovery notice after a restore"
    );
    let mentees = h.ok("list_mentees", json!({ "includeArchived": true }));
    let names: Vec<&str> = array(&mentees, "list_mentees")
        .iter()
        .map(|m| str_of(m, "name"))
        .collect();
    assert_eq!(
        names,
        ["Priya Raman"],
        "the journal is as it was at the backup"
    );
    // The webview can name only a listed backup: a path, or a name outside the list, is
    // refused before anything is read.
    for name in [
        h.dir.path().join("journal.db").display().to_string(),
        "../journal.db".to_string(),
        "nope.db".to_string(),
    ] {
        let err = h.err("restore_backup", json!({ "name": name }));
        assert_eq!(err["code"], "not_found", "{name} is refused: {err}");
    }
}

#[test]
fn the_csp_lets_the_preview_show_the_summary_stylesheet_and_nothing_remote() {
    let conf: Value =
        serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json is JSON");
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string");
    let style = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("style-src"))
        .expect("a style-src directive");
    assert!(
        style.contains(&format!("'{}'", trellis_core::summary::STYLE_HASH)),
        "the preview iframe inherits the app's CSP: its style-src must allow the summary's stylesheet by hash ({style})"
    );
    for directive in csp.split(';') {
        assert!(
            !directive.contains("http:") && !directive.contains("https:")
                || directive.contains("ipc"),
            "no remote source in the CSP: {directive}"
        );
        assert!(
            !directive.contains("'unsafe-inline'") && !directive.contains("'unsafe-eval'"),
            "no unsafe source in the CSP: {directive}"
        );
    }
}

#[test]
fn the_window_never_navigates_away_from_the_app() {
    use trellis_desktop::stays_in_the_app;
    let url = |s: &str| tauri::Url::parse(s).expect("a URL");
    for ok in [
        "tauri://localhost/index.html",
        "http://tauri.localhost/index.html",
        "about:srcdoc",
    ] {
        assert!(stays_in_the_app(&url(ok)), "{ok} is the app itself");
    }
    for away in [
        "https://example.com/away",
        "http://localhost:8080/",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://tauri.localhost.evil.example/",
    ] {
        assert!(
            !stays_in_the_app(&url(away)),
            "{away} must not load in the window"
        );
    }
}

/// `call<…>('name', { a, b })` in ipc.ts: every command the UI calls, with its argument
/// names (shorthand `{ id }` or `{ id: x }` alike).
fn ipc_calls() -> std::collections::BTreeMap<String, Vec<String>> {
    let text = include_str!("../ui/src/lib/ipc.ts");
    let mut out = std::collections::BTreeMap::new();
    for part in text.split("call<").skip(1) {
        // Past the type argument (which may hold `|` and `[]`) to `>('name'`.
        let Some(open) = part.find(">('") else {
            continue;
        };
        let rest = &part[open + 3..];
        let Some(end) = rest.find('\'') else {
            continue;
        };
        let name = rest[..end].to_string();
        let after = rest[end + 1..].trim_start();
        let args = if after.starts_with(')') {
            vec![]
        } else {
            // Only a literal object of names (`{ id, patch }` or `{ id: x }`) can be
            // checked: anything else fails here rather than passing unread.
            let obj = after
                .strip_prefix(',')
                .map(str::trim_start)
                .and_then(|o| o.strip_prefix('{'))
                .unwrap_or_else(|| panic!("ipc.ts: `{name}` takes a literal {{ … }} of arguments"));
            let inner = &obj[..obj.find('}').expect("a closing brace")];
            assert!(
                !inner.contains('{') && !inner.contains('('),
                "ipc.ts: `{name}`'s arguments are plain names, not nested objects or calls"
            );
            inner
                .split(',')
                .map(|a| a.split(':').next().unwrap_or("").trim().to_string())
                .filter(|a| !a.is_empty())
                .collect()
        };
        assert!(
            out.insert(name.clone(), args).is_none(),
            "ipc.ts calls `{name}` from one door only"
        );
    }
    out
}

/// Files under `ui/src` that call Tauri's `invoke` themselves, besides `ipc.ts`.
fn other_invokes() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("readable") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p
                .extension()
                .is_some_and(|x| x == "ts" || x == "svelte" || x == "js")
            {
                out.push(p);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .filter(|p| !p.ends_with("lib/ipc.ts"))
        .filter(|p| {
            let text = std::fs::read_to_string(p).expect("readable");
            text.contains("invoke(") || text.contains("@tauri-apps/api/core")
        })
        .map(|p| p.strip_prefix(&root).expect("inside").display().to_string())
        .collect()
}

/// Every `#[tauri::command]` function under src-tauri/src/commands, with the names of the
/// arguments the UI passes (camelCase, as Tauri expects them; State and AppHandle are
/// injected, not passed).
fn rust_commands() -> std::collections::BTreeMap<String, Vec<String>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/commands");
    let mut out = std::collections::BTreeMap::new();
    for file in std::fs::read_dir(&dir).expect("the commands folder") {
        let text = std::fs::read_to_string(file.expect("a file").path()).expect("readable");
        for part in text.split("#[tauri::command]").skip(1) {
            let sig = &part[part.find("fn ").expect("a function") + 3..];
            let name: String = sig
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let params = &sig[sig.find('(').expect("(") + 1..];
            let mut depth = 0;
            let mut end = 0;
            for (i, c) in params.char_indices() {
                match c {
                    '(' | '<' => depth += 1,
                    '>' if depth > 0 => depth -= 1,
                    ')' if depth == 0 => {
                        end = i;
                        break;
                    }
                    ')' => depth -= 1,
                    _ => {}
                }
            }
            let args = params[..end]
                .split(',')
                .filter_map(|p| {
                    let (arg, ty) = p.split_once(':')?;
                    let ty = ty.trim();
                    if ty.starts_with("State<")
                        || ty.starts_with("AppHandle")
                        || ty.starts_with("tauri::AppHandle")
                    {
                        return None;
                    }
                    let mut camel = String::new();
                    let mut up = false;
                    for c in arg.trim().chars() {
                        if c == '_' {
                            up = true;
                        } else if up {
                            camel.extend(c.to_uppercase());
                            up = false;
                        } else {
                            camel.push(c);
                        }
                    }
                    Some(camel)
                })
                .collect();
            out.insert(name, args);
        }
    }
    out
}

#[test]
fn one_list_of_commands_and_every_face_agrees_with_it() {
    let listed: std::collections::BTreeSet<String> = trellis_desktop::COMMANDS
        .iter()
        .map(|c| (*c).to_string())
        .collect();
    let rust = rust_commands();
    let ipc = ipc_calls();
    assert_eq!(
        rust.keys()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>(),
        listed,
        "every #[tauri::command] is in src-tauri/commands.rs, and every listed one exists"
    );
    assert_eq!(
        ipc.keys()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>(),
        listed,
        "ui/src/lib/ipc.ts calls exactly the listed commands"
    );
    // The one other page that reaches Rust is the startup benchmark's blank floor, which
    // must not load the app's modules; everything else goes through ipc.ts.
    assert_eq!(
        other_invokes(),
        ["blank.ts"],
        "only ui/src/lib/ipc.ts calls invoke (and the benchmark's blank page)"
    );
    for (name, args) in &rust {
        let mut want = args.clone();
        let mut got = ipc[name].clone();
        want.sort();
        got.sort();
        assert_eq!(
            got, want,
            "ipc.ts passes `{name}` the arguments its function takes"
        );
    }
    let capability: Value =
        serde_json::from_str(include_str!("../src-tauri/capabilities/main.json")).expect("JSON");
    let allowed: Vec<String> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a string").to_string())
        .collect();
    let expected: Vec<String> = trellis_desktop::COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(
        allowed, expected,
        "the capability allows exactly the listed commands"
    );
    // Each listed command is registered: the mock runtime answers with an argument
    // error, never with "command not found".
    let h = Harness::new();
    for name in trellis_desktop::COMMANDS {
        if let Err(e) = h.call(name, json!({})) {
            let text = e.to_string();
            assert!(
                !text.contains("not found"),
                "`{name}` is registered with the app: {text}"
            );
        }
    }
}

#[test]
fn search_finds_a_private_note_and_the_page_reaches_down_to_it() {
    let h = Harness::new();
    let m = h.add_mentee("José Pérez");
    let id = str_of(&m, "id");
    let hit = h.add_entry(note(id, "The naïve retry loop"));
    for i in 0..60 {
        h.add_entry(session_with_follow_up(id, &format!("Later work {i}")));
    }
    let hits = h.ok(
        "search",
        json!({ "query": "naive", "options": { "mentee": null, "kinds": [], "since": null,
                "until": null, "visibility": null, "limit": 8, "order": "newest" } }),
    );
    let hits = array(&hits, "search");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["id"], hit["id"]);
    assert_eq!(
        hits[0]["visibility"], "private",
        "the lead's own notes are found"
    );
    // Opening the hit: the first page of the timeline reaches down to it.
    let page = h.ok(
        "timeline_page",
        json!({ "menteeId": id, "query": { "kinds": [], "after": null, "limit": 50,
                "through": hit["id"] } }),
    );
    let entries = array(&page["entries"], "entries");
    assert_eq!(entries.len(), 61);
    assert_eq!(entries[60]["id"], hit["id"]);
    assert_eq!(page["total"], 61);
    let err = h.err(
        "search",
        json!({ "query": "-loop", "options": { "mentee": null, "kinds": [], "since": null,
                "until": null, "visibility": null, "limit": null, "order": "newest" } }),
    );
    assert_ipc_error(&err, "invalid", "a query of exclusions only");
}

#[test]
fn a_ladder_is_edited_over_the_version_opened_and_a_mentee_is_placed_on_it() {
    let h = Harness::new();
    let m = h.add_mentee("Priya Raman");
    let mentee_id = str_of(&m, "id");
    let f = h.ok("framework", json!({ "id": null }));
    let id = str_of(&f, "id");
    let mut ladder = json!({
        "key": f["key"], "name": f["name"], "description": f["description"],
        "levels": f["levels"], "dimensions": f["dimensions"],
    });
    ladder["levels"][2]["name"] = json!("Solid");
    let plan = h.ok(
        "save_framework",
        json!({ "id": id, "ladder": ladder, "expected": f["updated_at"] }),
    );
    assert_eq!(plan["unchanged"], false, "{plan}");
    // The same editor saving again from the version it opened: refused, not overwritten.
    let err = h.err(
        "save_framework",
        json!({ "id": id, "ladder": ladder, "expected": f["updated_at"] }),
    );
    assert!(
        err["message"]
            .as_str()
            .unwrap_or("")
            .contains("changed elsewhere"),
        "{err}"
    );
    let placed = h.ok(
        "place_mentee",
        json!({ "menteeId": mentee_id, "frameworkId": id, "level": f["levels"][2]["key"] }),
    );
    assert_eq!(placed["label"], "Solid", "{placed}");
    let listed = h.ok("frameworks", json!({}));
    assert_eq!(listed[0]["revisions"], 1, "{listed}");
    let back = h.ok("undo_framework_change", json!({ "id": id }));
    assert_eq!(back["levels"][2]["name"], f["levels"][2]["name"]);
}

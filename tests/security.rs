//! The window's two walls, snapshotted: the Content Security Policy in tauri.conf.json
//! and the one capability file (what the window may call). Widening either is a visible
//! change to these golden files, reviewed in the same commit:
//! `UPDATE_SECURITY=1 cargo test --test security` rewrites them.
//! Beyond the snapshot, rules that hold whatever the snapshot says: nothing may load
//! from a network host, run inline or evaluated code, or call a plugin's commands.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden(name: &str, now: &str) {
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_SECURITY").is_some() {
        std::fs::write(&path, now).expect("golden written");
    }
    let was = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        was == now,
        "{name} changed; if the change is intended, review it and run UPDATE_SECURITY=1 cargo test --test security\n--- golden ---\n{was}\n--- now ---\n{now}"
    );
}

fn config() -> serde_json::Value {
    serde_json::from_str(
        &std::fs::read_to_string(root().join("tauri.conf.json")).expect("tauri.conf.json"),
    )
    .expect("tauri.conf.json is JSON")
}

#[test]
fn the_csp_is_the_reviewed_one_and_loads_nothing_from_the_network() {
    let conf = config();
    let csp = conf["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP is set");
    // One directive per line: a diff shows exactly which one widened.
    let lines: Vec<String> = csp
        .split(';')
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|d| !d.is_empty())
        .collect();
    golden("csp.txt", &(lines.join("\n") + "\n"));
    for d in &lines {
        let mut parts = d.split(' ');
        let name = parts.next().unwrap_or_default();
        for source in parts {
            let widening = matches!(
                source,
                "'unsafe-inline'" | "'unsafe-eval'" | "*" | "https:" | "http:" | "blob:"
            ) || (source == "data:" && name != "img-src");
            assert!(!widening, "{name} allows {source}");
            if source.starts_with("http") {
                assert_eq!(
                    (name, source),
                    ("connect-src", "http://ipc.localhost"),
                    "the only address is Tauri's own IPC"
                );
            }
        }
    }
    for needed in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-src 'none'",
    ] {
        assert!(lines.iter().any(|l| l == needed), "{needed}");
    }
    assert_eq!(conf["app"]["security"]["freezePrototype"], true);
    assert_eq!(conf["app"]["withGlobalTauri"], false);
}

#[test]
fn the_window_may_call_trellis_commands_and_nothing_else() {
    let text = std::fs::read_to_string(root().join("src-tauri/capabilities/main.json"))
        .expect("the capability file");
    golden("capability-main.json", &text);
    let cap: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(cap["windows"], serde_json::json!(["main"]), "one window");
    assert!(
        cap.get("remote").is_none(),
        "no remote origin may call commands"
    );
    for p in cap["permissions"].as_array().expect("a list") {
        let p = p.as_str().expect("plain permission names");
        assert!(
            p.starts_with("allow-") && !p.contains(':'),
            "{p}: only Trellis's own commands, no plugin permission (fs, dialog, shell, http…)"
        );
    }
    let dir = std::fs::read_dir(root().join("src-tauri/capabilities")).expect("dir");
    let files: Vec<String> = dir
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(files, vec!["main.json".to_string()], "one capability file");
}

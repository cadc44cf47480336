use super::Trellis;

#[test]
fn the_demo_is_deterministic_and_browsable() {
    let a = Trellis::new();
    let b = Trellis::new();
    let args = [
        "demo",
        "--mentees",
        "4",
        "--years",
        "2",
        "--seed",
        "42",
        "--end",
        "2026-06-30",
    ];
    let report = a.json(&args);
    assert_eq!(report["report"]["mentees"], 4);
    assert!(
        report["report"]["entries"]
            .as_u64()
            .is_some_and(|n| n > 100),
        "{report}"
    );
    b.json(&args);
    let list_a = a.json(&["mentee", "list", "--all"]);
    assert_eq!(
        list_a,
        b.json(&["mentee", "list", "--all"]),
        "same seed, same mentees"
    );
    let first = list_a[0]["id"].as_str().expect("id").to_string();
    assert_eq!(
        a.json(&["timeline", &first]),
        b.json(&["timeline", &first]),
        "same seed, same entries, ids included"
    );
    let human = a.ok(&["timeline", &first]);
    assert!(human.lines().count() > 10, "{human}");
}

//! Property tests over every parser of outside input: a ladder file (any bytes, and
//! mutations of real ones), an archive (any bytes, and mutations of a real one), and
//! Markdown rendering. None may panic; what is accepted is valid and round-trips; what
//! is refused is refused whole, with a message.

use std::path::PathBuf;

use proptest::prelude::*;
use trellis_core::archive::{self, ImportMode};
use trellis_core::{Framework, Journal, ladders, markdown};

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/frameworks")
            .join(rel),
    )
    .expect("fixture")
}

/// A real file with a few bytes changed, some bytes cut, or a slice out of it.
fn mutated(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = base.len();
    (
        proptest::collection::vec((0..len, any::<u8>()), 0..8),
        0..=len,
        0..=len,
    )
        .prop_map(move |(flips, a, b)| {
            let mut v = base.clone();
            for (i, byte) in flips {
                v[i] = byte;
            }
            let (lo, hi) = (a.min(b), a.max(b));
            if hi - lo < len / 2 {
                v.drain(lo..hi);
            }
            v
        })
}

fn accepted_is_valid(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(file) = ladders::read(bytes, "x") {
        let again = file.ladder.clone().normalize();
        prop_assert_eq!(
            again.as_ref().ok(),
            Some(&file.ladder),
            "accepted means canonical"
        );
        let json = ladders::to_json(&file.ladder);
        let back = ladders::read(json.as_bytes(), "x.json");
        prop_assert_eq!(
            back.map(|b| b.ladder).ok(),
            Some(file.ladder),
            "and round-trips"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_as_a_ladder_file_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        accepted_is_valid(&bytes)?;
    }

    #[test]
    fn any_text_as_a_ladder_file_never_panics(text in "\\PC{0,400}") {
        accepted_is_valid(text.as_bytes())?;
        let front = format!("---\n{text}\n---\nbody");
        accepted_is_valid(front.as_bytes())?;
    }

    #[test]
    fn a_damaged_ft_file_is_read_whole_or_refused(bytes in mutated(fixture("ft/engineering.yml"))) {
        accepted_is_valid(&bytes)?;
    }

    #[test]
    fn a_damaged_monzo_file_is_read_whole_or_refused(bytes in mutated(fixture("monzo/web.md"))) {
        accepted_is_valid(&bytes)?;
    }

    #[test]
    fn a_damaged_trellis_ladder_is_read_whole_or_refused(
        bytes in mutated(ladders::to_json(&Framework::default_ladder()).into_bytes())
    ) {
        accepted_is_valid(&bytes)?;
    }

    #[test]
    fn markdown_from_anyone_renders_inert(text in "\\PC{0,300}", tag in "(script|iframe|img|a|svg|style)") {
        let hostile = format!("{text}<{tag} onerror=alert(1) src=javascript:alert(2)>{text}</{tag}>[x](javascript:alert(3))");
        let html = markdown::to_safe_html(&hostile);
        prop_assert!(!html.contains(&format!("<{tag}")) || tag == "a", "raw {} tag: {}", tag, html);
        prop_assert!(!html.to_lowercase().contains("href=\"javascript:"), "{}", html);
        let _ = markdown::to_safe_markdown(&hostile);
        let _ = markdown::to_plain_lines(&hostile);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_damaged_archive_is_imported_whole_or_not_at_all(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let (source, _) = super::with_mentee();
        let mut bytes = source.archive().expect("archive").to_json().into_bytes();
        for (i, b) in flips {
            let at = i.index(bytes.len());
            bytes[at] = b;
        }
        if truncate {
            let at = cut.index(bytes.len());
            bytes.truncate(at);
        }
        let mut j = Journal::open_in_memory().expect("journal");
        let before = j.archive().expect("archive");
        match j.import_archive(&bytes, ImportMode::Merge) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                let after = j.archive().expect("archive");
                prop_assert_eq!(
                    archive::Archive { exported_at: before.exported_at, ..after },
                    before,
                    "refused means nothing changed"
                );
            }
        }
    }
}

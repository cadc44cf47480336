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

/// A real key file (cheap parameters) and the passphrase that opens it.
fn key_file_text() -> String {
    use trellis_core::keys::{DbKey, KdfParams, KeyFile, Passphrase, RecoveryKey};
    let key = DbKey::generate().expect("key");
    let pass = Passphrase::new("property passphrase".into()).expect("passphrase");
    let recovery = RecoveryKey::generate().expect("recovery");
    KeyFile::new(&key, &pass, &recovery, KdfParams::FOR_TESTS)
        .expect("sealed")
        .to_text()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_as_a_recovery_key_never_panics(text in "\\PC{0,120}") {
        let _ = trellis_core::keys::RecoveryKey::parse(&text);
        let _ = trellis_core::keys::RecoveryKey::from_file_text(&text);
    }

    #[test]
    fn a_recovery_key_reads_back_whatever_its_spacing_and_case(
        bytes in proptest::collection::vec(any::<u8>(), 32..=32),
        lower in any::<bool>(),
        sep in "( |-|  |\n)",
    ) {
        // Built from its base32 text: the key's bytes are never exposed by the API.
        let text = data_encoding_like(&bytes);
        let typed = text.chars().collect::<Vec<_>>()
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(&sep);
        let typed = if lower { typed.to_lowercase() } else { typed };
        let k = trellis_core::keys::RecoveryKey::parse(&typed).expect("a well-formed key parses");
        prop_assert_eq!(k.display().replace('-', ""), text);
    }

    #[test]
    fn any_bytes_as_a_passphrase_file_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(text) = trellis_core::keys::Passphrase::file_text(&bytes) {
            prop_assert!(!text.contains('\n'));
            let _ = trellis_core::keys::Passphrase::new(text.to_string());
        }
    }

    #[test]
    fn a_passphrase_file_keeps_the_line_exactly(line in "[^\r\n]{0,200}", crlf in any::<bool>()) {
        let file = format!("{line}{}", if crlf { "\r\n" } else { "\n" });
        let text = trellis_core::keys::Passphrase::file_text(file.as_bytes()).expect("one line");
        prop_assert_eq!(text.as_str(), line.as_str());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_damaged_key_file_is_refused_or_opens_nothing_else(bytes in mutated(key_file_text().into_bytes())) {
        use trellis_core::keys::{KeyFile, Passphrase, Unlock};
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        if let Ok(kf) = KeyFile::parse(&text) {
            // Parsed: the passphrase either opens the key or is refused as wrong; a
            // changed salt, nonce or sealed key never yields a different key silently.
            let pass = Passphrase::new("property passphrase".into()).expect("passphrase");
            match kf.open(&Unlock::Passphrase(pass)) {
                Ok(_) | Err(trellis_core::Error::WrongKey { .. } | trellis_core::Error::Invalid { .. }) => {}
                Err(e) => prop_assert!(false, "unexpected error {e}"),
            }
        }
    }

    #[test]
    fn any_text_as_a_key_file_never_panics(text in "\\PC{0,400}") {
        let _ = trellis_core::keys::KeyFile::parse(&text);
    }
}

/// RFC 4648 base32 without padding (what the recovery key's display uses).
fn data_encoding_like(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((acc << (5 - bits)) & 31) as usize]));
    }
    out
}

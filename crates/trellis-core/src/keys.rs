//! Key material for an encrypted journal, and its key file (format in `docs/encryption.md`).
//!
//! The database key is 32 random bytes from the operating system. It never touches the
//! disk as it is: the key file beside the journal holds it *sealed* in slots — one opened
//! by the passphrase, one by the recovery key. Each slot derives a wrapping key with
//! Argon2id (parameters and salt in the slot) and seals the database key with
//! XChaCha20-Poly1305, the key's id and the slot's kind bound in as associated data, so a
//! slot cannot be moved to another key file or pose as the other kind. Changing the
//! passphrase reseals one slot; nothing else changes.
//!
//! Every secret here (`Passphrase`, `RecoveryKey`, `DbKey`, derived keys) is wiped from
//! memory when dropped, and none of them prints itself in `Debug`.

use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::{BASE32_NOPAD, BASE64};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::{Error, Result};

/// The key file's `format` value.
pub const FORMAT: &str = "trellis-key";
/// The key file's version this build writes and reads.
pub const VERSION: u32 = 1;
/// How the journal itself is encrypted: SQLCipher 4's defaults (AES-256-CBC per page,
/// HMAC-SHA512), keyed with the raw database key (no SQLCipher key derivation).
pub const CIPHER: &str = "sqlcipher4-raw-key";
/// A passphrase shorter than this is refused.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// A passphrase longer than this (in bytes) is refused: a passphrase, not a file.
pub const MAX_PASSPHRASE_BYTES: usize = 1024;
/// A key file larger than this is not read.
const MAX_KEY_FILE_BYTES: usize = 64 * 1024;

/// The database key: 32 bytes, with the id of the key file that seals it.
pub struct DbKey {
    id: Uuid,
    bytes: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl DbKey {
    /// A new random key, with a new id.
    pub fn generate() -> Result<DbKey> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        random(&mut bytes[..])?;
        Ok(DbKey {
            id: Uuid::now_v7(),
            bytes,
        })
    }

    /// The id of the key (the key file's `key_id`).
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// SQLCipher's raw-key form: `x'<64 hex digits>'`, in memory that is wiped on drop.
    pub(crate) fn sqlcipher_literal(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::with_capacity(70));
        s.push_str("x'");
        for b in self.bytes.iter() {
            s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
            s.push(char::from(b"0123456789abcdef"[usize::from(b & 0x0f)]));
        }
        s.push('\'');
        s
    }

    fn copy(&self) -> DbKey {
        DbKey {
            id: self.id,
            bytes: Zeroizing::new(*self.bytes),
        }
    }
}

impl Clone for DbKey {
    fn clone(&self) -> Self {
        self.copy()
    }
}

fn random(out: &mut [u8]) -> Result<()> {
    getrandom::fill(out).map_err(|e| {
        Error::Storage(format!(
            "the operating system gave no random bytes for a key: {e}"
        ))
    })
}

/// A passphrase, as the user typed it (only a final line break from a file is dropped).
pub struct Passphrase(Zeroizing<String>);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Passphrase {
    /// Checks a passphrase someone chose or typed: at least 8 characters, at most 1024
    /// bytes, no NUL. The text is kept exactly (spaces count).
    pub fn new(text: String) -> Result<Passphrase> {
        let text = Zeroizing::new(text);
        if text.contains('\0') {
            return Err(Error::invalid(
                "passphrase",
                "a passphrase cannot contain a NUL character",
            ));
        }
        if text.len() > MAX_PASSPHRASE_BYTES {
            return Err(Error::invalid(
                "passphrase",
                format!("a passphrase is at most {MAX_PASSPHRASE_BYTES} bytes"),
            ));
        }
        if text.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                "passphrase",
                format!("a passphrase has at least {MIN_PASSPHRASE_CHARS} characters"),
            ));
        }
        Ok(Passphrase(text))
    }

    /// A passphrase typed to unlock: any text up to 1024 bytes without NUL (the rules for
    /// choosing one do not apply: a short one is simply wrong).
    pub fn to_unlock(text: String) -> Result<Passphrase> {
        let text = Zeroizing::new(text);
        if text.contains('\0') || text.len() > MAX_PASSPHRASE_BYTES {
            return Err(Error::WrongKey { what: "passphrase" });
        }
        Ok(Passphrase(text))
    }

    /// The text of a passphrase file (`TRELLIS_PASSPHRASE_FILE`): UTF-8, one final `\n`
    /// or `\r\n` dropped, nothing else changed; a second line is refused.
    pub fn file_text(bytes: &[u8]) -> Result<Zeroizing<String>> {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| Error::invalid("passphrase", "the passphrase file is not UTF-8 text"))?;
        let text = text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .unwrap_or(text);
        if text.contains(['\n', '\r']) {
            return Err(Error::invalid(
                "passphrase",
                "the passphrase file holds more than one line; put the passphrase alone on its line",
            ));
        }
        Ok(Zeroizing::new(text.to_string()))
    }

    /// Reads `path` as a passphrase file (at most 4 KiB): its text, see `file_text`.
    pub fn read_file(path: &Path) -> Result<Zeroizing<String>> {
        let bytes = read_bounded(path, 4096, "a passphrase file")?;
        Passphrase::file_text(&bytes)
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

fn read_bounded(path: &Path, limit: usize, what: &str) -> Result<Zeroizing<Vec<u8>>> {
    // A FIFO or a device would block the read or never end: only regular files are read.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => {
            return Err(Error::invalid(
                "key",
                format!(
                    "{} is not a regular file, so it is not {what}",
                    path.display()
                ),
            ));
        }
        _ => {}
    }
    crate::files::read_bounded(path, limit, what).map(Zeroizing::new)
}

/// The recovery key: 32 random bytes, shown as 52 base32 characters in groups of four.
pub struct RecoveryKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

impl RecoveryKey {
    pub fn generate() -> Result<RecoveryKey> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        random(&mut bytes[..])?;
        Ok(RecoveryKey(bytes))
    }

    /// The key as the user writes it down: `ABCD-EFGH-…` (13 groups of four).
    pub fn display(&self) -> Zeroizing<String> {
        let plain = Zeroizing::new(BASE32_NOPAD.encode(&self.0[..]));
        let mut out = Zeroizing::new(String::with_capacity(65));
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            out.push(c);
        }
        out
    }

    /// Reads a recovery key as someone typed or pasted it: case, spaces and dashes do not
    /// matter. Anything that does not decode to exactly 32 bytes is refused.
    pub fn parse(text: &str) -> Result<RecoveryKey> {
        let wrong = || {
            Error::invalid(
                "recovery key",
                "that is not a recovery key: it has 52 letters and digits (2–7), in groups of four",
            )
        };
        if text.len() > 256 {
            return Err(wrong());
        }
        let cleaned: Zeroizing<String> = Zeroizing::new(
            text.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        );
        if cleaned.len() != 52 {
            return Err(wrong());
        }
        let decoded = Zeroizing::new(
            BASE32_NOPAD
                .decode(cleaned.as_bytes())
                .map_err(|_| wrong())?,
        );
        let bytes: [u8; 32] = decoded.as_slice().try_into().map_err(|_| wrong())?;
        Ok(RecoveryKey(Zeroizing::new(bytes)))
    }

    /// Reads a recovery key file (as `recovery_file_text` writes it, or a file holding the
    /// key alone): the first line that is a recovery key.
    pub fn from_file_text(text: &str) -> Result<RecoveryKey> {
        text.lines()
            .find_map(|l| RecoveryKey::parse(l).ok())
            .ok_or_else(|| {
                Error::invalid(
                    "recovery key",
                    "no recovery key was found in that file (a line of 13 groups of four letters and digits)",
                )
            })
    }

    /// Reads `path` as a recovery key file (at most 64 KiB).
    pub fn from_file(path: &Path) -> Result<RecoveryKey> {
        let bytes = read_bounded(path, 64 * 1024, "a recovery key file")?;
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            Error::invalid("recovery key", "the recovery key file is not UTF-8 text")
        })?;
        RecoveryKey::from_file_text(text)
    }

    /// What Trellis writes into the recovery key file the user chooses.
    pub fn file_text(&self, journal: &Path) -> Zeroizing<String> {
        Zeroizing::new(format!(
            "Trellis recovery key\n\
             Journal: {}\n\
             \n\
             This key opens the journal if its passphrase is forgotten. Anyone who has it\n\
             and a copy of the journal can read the journal: keep it away from the laptop\n\
             (printed, or in a password manager).\n\
             \n\
             {}\n",
            journal.display(),
            self.display().as_str()
        ))
    }
}

/// What unlocks a key file: the passphrase or the recovery key.
#[derive(Debug)]
pub enum Unlock {
    Passphrase(Passphrase),
    Recovery(RecoveryKey),
}

impl Unlock {
    fn kind(&self) -> SlotKind {
        match self {
            Unlock::Passphrase(_) => SlotKind::Passphrase,
            Unlock::Recovery(_) => SlotKind::Recovery,
        }
    }

    fn secret(&self) -> &[u8] {
        match self {
            Unlock::Passphrase(p) => p.bytes(),
            Unlock::Recovery(r) => &r.0[..],
        }
    }
}

/// Argon2id's cost parameters, as stored in each slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    /// Always `argon2id`.
    pub algorithm: KdfName,
    /// Memory in KiB.
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

/// The one key derivation a key file may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KdfName {
    #[serde(rename = "argon2id")]
    Argon2id,
}

impl KdfParams {
    /// What Trellis uses: 256 MiB, 3 passes, 1 lane — 0.55 s to unlock on the 2-core
    /// machine Trellis is built on (figures in docs/encryption.md).
    pub const DEFAULT: KdfParams = KdfParams {
        algorithm: KdfName::Argon2id,
        memory_kib: 256 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// Cheap parameters for tests of the key file's logic (never written by the faces).
    pub const FOR_TESTS: KdfParams = KdfParams {
        algorithm: KdfName::Argon2id,
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };

    /// Parameters read from a file are bounded: a planted key file cannot make unlocking
    /// take gigabytes or minutes.
    fn check(&self) -> Result<()> {
        let ok = (8..=1024 * 1024).contains(&self.memory_kib)
            && (1..=16).contains(&self.iterations)
            && (1..=8).contains(&self.parallelism)
            && u64::from(self.memory_kib) * u64::from(self.iterations) <= 3 * 1024 * 1024;
        if ok {
            Ok(())
        } else {
            Err(Error::invalid(
                "key file",
                "the key file asks for Argon2id parameters outside what Trellis accepts (memory up to 1 GiB, up to 16 passes, up to 8 lanes, memory × passes up to 3 GiB)",
            ))
        }
    }

    fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        self.check()?;
        let params =
            argon2::Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
                .map_err(|e| Error::invalid("key file", format!("bad Argon2id parameters: {e}")))?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(secret, salt, &mut out[..])
            .map_err(|e| Error::Storage(format!("the key could not be derived: {e}")))?;
        Ok(out)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum SlotKind {
    Passphrase,
    Recovery,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Slot {
    kind: SlotKind,
    kdf: KdfParams,
    /// 16 bytes, base64.
    salt: String,
    /// 24 bytes, base64.
    nonce: String,
    /// The database key sealed with XChaCha20-Poly1305 (32 + 16 bytes), base64.
    sealed: String,
}

/// The key file: `<journal file>.key` beside the journal (and beside each encrypted copy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    format: String,
    version: u32,
    key_id: Uuid,
    cipher: String,
    slots: Vec<Slot>,
}

fn aad(key_id: Uuid, kind: SlotKind) -> Vec<u8> {
    let kind = match kind {
        SlotKind::Passphrase => "passphrase",
        SlotKind::Recovery => "recovery",
    };
    format!("{FORMAT}/{VERSION}/{key_id}/{kind}").into_bytes()
}

fn b64(bytes: &[u8], what: &str, len: usize) -> Result<Vec<u8>> {
    let out = BASE64
        .decode(bytes)
        .map_err(|_| Error::invalid("key file", format!("the key file's {what} is not base64")))?;
    if out.len() != len {
        return Err(Error::invalid(
            "key file",
            format!("the key file's {what} has the wrong length"),
        ));
    }
    Ok(out)
}

fn seal(key: &DbKey, unlock: &Unlock, kdf: KdfParams) -> Result<Slot> {
    let mut salt = [0u8; 16];
    random(&mut salt)?;
    let mut nonce = [0u8; 24];
    random(&mut nonce)?;
    let wrapping = kdf.derive(unlock.secret(), &salt)?;
    let cipher = XChaCha20Poly1305::new(&(*wrapping).into());
    let aad = aad(key.id, unlock.kind());
    let sealed = cipher
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &key.bytes[..],
                aad: &aad,
            },
        )
        .map_err(|_| Error::Storage("the key could not be sealed".to_string()))?;
    Ok(Slot {
        kind: unlock.kind(),
        kdf,
        salt: BASE64.encode(&salt),
        nonce: BASE64.encode(&nonce),
        sealed: BASE64.encode(&sealed),
    })
}

impl KeyFile {
    /// A key file for `key`, with a passphrase slot and a recovery slot.
    pub fn new(
        key: &DbKey,
        passphrase: &Passphrase,
        recovery: &RecoveryKey,
        kdf: KdfParams,
    ) -> Result<KeyFile> {
        // Seal with copies: Unlock owns its secret, and the originals stay with the caller.
        let p = Unlock::Passphrase(Passphrase(Zeroizing::new(passphrase.0.to_string())));
        let r = Unlock::Recovery(RecoveryKey(Zeroizing::new(*recovery.0)));
        Ok(KeyFile {
            format: FORMAT.to_string(),
            version: VERSION,
            key_id: key.id,
            cipher: CIPHER.to_string(),
            slots: vec![seal(key, &p, kdf)?, seal(key, &r, kdf)?],
        })
    }

    /// The id of the key this file seals.
    pub fn key_id(&self) -> Uuid {
        self.key_id
    }

    /// Opens the slot `unlock` is for. A wrong passphrase or recovery key is one clear
    /// error; nothing is written.
    pub fn open(&self, unlock: &Unlock) -> Result<DbKey> {
        let slot = self
            .slots
            .iter()
            .find(|s| s.kind == unlock.kind())
            .ok_or_else(|| {
                Error::invalid("key file", "the key file has no slot for that kind of key")
            })?;
        let salt = b64(slot.salt.as_bytes(), "salt", 16)?;
        let nonce: [u8; 24] = b64(slot.nonce.as_bytes(), "nonce", 24)?
            .try_into()
            .map_err(|_| Error::invalid("key file", "the key file's nonce has the wrong length"))?;
        let sealed = b64(slot.sealed.as_bytes(), "sealed key", 48)?;
        let wrapping = slot.kdf.derive(unlock.secret(), &salt)?;
        let cipher = XChaCha20Poly1305::new(&(*wrapping).into());
        let aad = aad(self.key_id, slot.kind);
        let opened = Zeroizing::new(
            cipher
                .decrypt(
                    &XNonce::from(nonce),
                    Payload {
                        msg: &sealed,
                        aad: &aad,
                    },
                )
                .map_err(|_| match unlock {
                    Unlock::Passphrase(_) => Error::WrongKey { what: "passphrase" },
                    Unlock::Recovery(_) => Error::WrongKey {
                        what: "recovery key",
                    },
                })?,
        );
        let bytes: [u8; 32] = opened
            .as_slice()
            .try_into()
            .map_err(|_| Error::invalid("key file", "the sealed key has the wrong length"))?;
        Ok(DbKey {
            id: self.key_id,
            bytes: Zeroizing::new(bytes),
        })
    }

    /// The same key sealed under a new passphrase (the recovery slot is kept as it is).
    pub fn with_passphrase(&self, key: &DbKey, passphrase: &Passphrase) -> Result<KeyFile> {
        if key.id != self.key_id {
            return Err(Error::invalid(
                "key file",
                "that key belongs to another key file",
            ));
        }
        let kdf = self
            .slots
            .iter()
            .find(|s| s.kind == SlotKind::Passphrase)
            .map_or(KdfParams::DEFAULT, |s| s.kdf);
        let p = Unlock::Passphrase(Passphrase(Zeroizing::new(passphrase.0.to_string())));
        let mut out = self.clone();
        out.slots.retain(|s| s.kind != SlotKind::Passphrase);
        out.slots.insert(0, seal(key, &p, kdf)?);
        Ok(out)
    }

    /// Parses a key file's text, checking its format, version and every field's shape.
    pub fn parse(text: &str) -> Result<KeyFile> {
        let bad = |m: String| Error::invalid("key file", m);
        let f: KeyFile = serde_json::from_str(text)
            .map_err(|e| bad(format!("the key file cannot be read: {e}")))?;
        if f.format != FORMAT {
            return Err(bad(format!(
                "not a Trellis key file (format '{}')",
                f.format
            )));
        }
        if f.version != VERSION {
            return Err(bad(format!(
                "the key file is version {}; this build reads version {VERSION}",
                f.version
            )));
        }
        if f.cipher != CIPHER {
            return Err(bad(format!(
                "unknown cipher '{}' in the key file",
                f.cipher
            )));
        }
        if f.slots.is_empty() || f.slots.len() > 2 {
            return Err(bad("a key file has one or two slots".to_string()));
        }
        let mut kinds: Vec<SlotKind> = f.slots.iter().map(|s| s.kind).collect();
        kinds.dedup();
        if kinds.len() != f.slots.len() {
            return Err(bad(
                "the key file has two slots of the same kind".to_string()
            ));
        }
        for s in &f.slots {
            s.kdf.check()?;
            b64(s.salt.as_bytes(), "salt", 16)?;
            b64(s.nonce.as_bytes(), "nonce", 24)?;
            b64(s.sealed.as_bytes(), "sealed key", 48)?;
        }
        Ok(f)
    }

    /// Reads the key file at `path` (at most 64 KiB).
    pub fn read(path: &Path) -> Result<KeyFile> {
        let bytes = read_bounded(path, MAX_KEY_FILE_BYTES, "a key file")?;
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| {
            Error::invalid("key file", format!("{} is not a key file", path.display()))
        })?;
        KeyFile::parse(&text).map_err(|e| match e {
            Error::Invalid { message, .. } => {
                Error::invalid("key file", format!("{}: {message}", path.display()))
            }
            other => other,
        })
    }

    /// The key file as written: pretty JSON with a final newline.
    pub fn to_text(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Writes the key file to `path` atomically (a private temp file, synced, renamed).
    pub fn write(&self, path: &Path) -> Result<()> {
        crate::files::write_private_atomic(path, self.to_text().as_bytes())
    }
}

/// The key file of the database file at `db`: `<db file name>.key` beside it.
pub fn key_file_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".key");
    db.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(s: &str) -> Passphrase {
        Passphrase::new(s.to_string()).expect("a good passphrase")
    }

    #[test]
    fn each_slot_opens_the_same_key_and_nothing_else_does() {
        let key = DbKey::generate().expect("key");
        let recovery = RecoveryKey::generate().expect("recovery");
        let file = KeyFile::new(
            &key,
            &pass("correct horse"),
            &recovery,
            KdfParams::FOR_TESTS,
        )
        .expect("sealed");
        let again = KeyFile::parse(&file.to_text()).expect("parses");
        assert_eq!(again, file);
        let by_pass = again
            .open(&Unlock::Passphrase(pass("correct horse")))
            .expect("passphrase opens");
        let by_recovery = again
            .open(&Unlock::Recovery(
                RecoveryKey::parse(&recovery.display()).expect("displayed key parses"),
            ))
            .expect("recovery key opens");
        assert_eq!(*by_pass.bytes, *key.bytes);
        assert_eq!(*by_recovery.bytes, *key.bytes);
        let wrong = again
            .open(&Unlock::Passphrase(pass("correct horsE")))
            .expect_err("a wrong passphrase must be refused");
        assert!(
            matches!(wrong, Error::WrongKey { what: "passphrase" }),
            "{wrong}"
        );
        let other = RecoveryKey::generate().expect("other");
        assert!(matches!(
            again.open(&Unlock::Recovery(other)),
            Err(Error::WrongKey { .. })
        ));
    }

    #[test]
    fn a_slot_cannot_move_to_another_key_file_or_pose_as_the_other_kind() {
        let key = DbKey::generate().expect("key");
        let recovery = RecoveryKey::generate().expect("recovery");
        let p = pass("correct horse");
        let file = KeyFile::new(&key, &p, &recovery, KdfParams::FOR_TESTS).expect("sealed");
        let mut moved = file.clone();
        moved.key_id = Uuid::now_v7();
        assert!(
            moved
                .open(&Unlock::Passphrase(pass("correct horse")))
                .is_err()
        );
        let mut swapped = file;
        swapped.slots[0].kind = SlotKind::Recovery;
        swapped.slots[1].kind = SlotKind::Passphrase;
        assert!(
            swapped
                .open(&Unlock::Passphrase(pass("correct horse")))
                .is_err()
        );
    }

    #[test]
    fn a_new_passphrase_reseals_only_its_slot() {
        let key = DbKey::generate().expect("key");
        let recovery = RecoveryKey::generate().expect("recovery");
        let file = KeyFile::new(
            &key,
            &pass("first passphrase"),
            &recovery,
            KdfParams::FOR_TESTS,
        )
        .expect("sealed");
        let changed = file
            .with_passphrase(&key, &pass("second passphrase"))
            .expect("resealed");
        assert_eq!(changed.key_id, file.key_id);
        assert_eq!(
            changed.slots[1], file.slots[1],
            "the recovery slot is unchanged"
        );
        assert!(
            changed
                .open(&Unlock::Passphrase(pass("first passphrase")))
                .is_err()
        );
        assert!(
            changed
                .open(&Unlock::Passphrase(pass("second passphrase")))
                .is_ok()
        );
    }

    #[test]
    fn planted_parameters_are_refused_before_any_work() {
        let key = DbKey::generate().expect("key");
        let recovery = RecoveryKey::generate().expect("recovery");
        let mut file = KeyFile::new(
            &key,
            &pass("correct horse"),
            &recovery,
            KdfParams::FOR_TESTS,
        )
        .expect("sealed");
        file.slots[0].kdf.memory_kib = u32::MAX;
        let err = KeyFile::parse(&file.to_text()).expect_err("this input must be refused");
        assert!(err.to_string().contains("Argon2id parameters"), "{err}");
    }

    #[test]
    fn passphrase_rules() {
        assert!(Passphrase::new("short".into()).is_err());
        assert!(Passphrase::new("eight ch".into()).is_ok());
        assert!(
            Passphrase::new("ünïcødé!".into()).is_ok(),
            "characters, not bytes"
        );
        assert!(Passphrase::new("with\0nul inside".into()).is_err());
        assert!(Passphrase::new("x".repeat(MAX_PASSPHRASE_BYTES + 1)).is_err());
        let p = Passphrase::file_text(b"  spaced out  \r\n").expect("one line");
        assert_eq!(p.as_str(), "  spaced out  ", "only the line break goes");
        assert!(Passphrase::file_text(b"two\nlines here\n").is_err());
        assert!(Passphrase::file_text(&[0xff, 0xfe, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41]).is_err());
        assert!(
            Passphrase::to_unlock("short".into()).is_ok(),
            "a short one is just wrong"
        );
    }

    #[test]
    fn the_recovery_key_reads_back_however_it_is_typed() {
        let r = RecoveryKey::generate().expect("recovery");
        let shown = r.display();
        assert_eq!(shown.len(), 52 + 12);
        let sloppy = shown.to_lowercase().replace('-', " ");
        assert_eq!(*RecoveryKey::parse(&sloppy).expect("parses").0, *r.0);
        let file = r.file_text(Path::new("/home/me/journal.db"));
        assert_eq!(
            *RecoveryKey::from_file_text(&file).expect("file parses").0,
            *r.0
        );
        assert!(RecoveryKey::parse("ABCD-EFGH").is_err());
        assert!(RecoveryKey::from_file_text("nothing here\n").is_err());
    }
}

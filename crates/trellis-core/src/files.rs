//! Writing exported documents: atomically (a temp file in the target folder, then a
//! rename) and readable by the user only (0600), so a crash never leaves half a file and
//! a summary never lands world-readable.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

pub fn write_private_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |context: &str| {
        let context = format!("{context} {}", path.display());
        move |source| Error::Io { context, source }
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".trellis-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io("cannot write"))?;
    tmp.write_all(bytes).map_err(io("cannot write"))?;
    tmp.as_file().sync_all().map_err(io("cannot write"))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .map_err(io("cannot write"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn exports_are_private_and_whole() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("summary.md");
        write_private_atomic(&path, b"first").expect("written");
        write_private_atomic(&path, b"second").expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let mode = std::fs::metadata(&path)
            .expect("exists")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "only the user may read an export");
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temp file is left behind");
    }

    #[test]
    fn an_unwritable_folder_is_a_clear_error() {
        let err = write_private_atomic(Path::new("/nonexistent-folder/x.md"), b"x")
            .expect_err("cannot write there");
        assert!(
            err.to_string()
                .starts_with("cannot write /nonexistent-folder/x.md"),
            "{err}"
        );
    }
}

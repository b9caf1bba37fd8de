//! Reading an input file: only a regular file of a sane size is read, and
//! every way it can fail has its own Swedish message ("filen saknas",
//! "behörighet saknas", "är en mapp", …) — a table that exists but cannot be
//! read is never taken for an absent one.

use crate::fel::io_text;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// The largest input file read whole (a table, `modell.toml`, a scenario, a
/// workbook): 256 MiB — far beyond any budget model, far below the memory.
pub const MAX_STORLEK: u64 = 256 << 20;

/// Why a file could not be read, as the sentence a user reads after its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lasfel {
    Saknas,
    Annat(String),
}

impl Lasfel {
    pub fn text(&self) -> String {
        match self {
            Lasfel::Saknas => "filen saknas".to_string(),
            Lasfel::Annat(t) => t.clone(),
        }
    }
}

/// Opens `sokvag` for reading when it is a regular file (a symbolic link to
/// one is followed); its size is returned with it.
pub fn oppna(sokvag: &Path) -> Result<(fs::File, u64), Lasfel> {
    let meta = fs::metadata(sokvag).map_err(|e| fran_io(sokvag, &e))?;
    if meta.is_dir() {
        return Err(Lasfel::Annat("kan inte läsas: det är en mapp, inte en fil".into()));
    }
    if !meta.is_file() {
        return Err(Lasfel::Annat(
            "kan inte läsas: det är ingen vanlig fil (till exempel en namngiven rörledning eller en enhet)".into(),
        ));
    }
    let f = fs::File::open(sokvag).map_err(|e| fran_io(sokvag, &e))?;
    Ok((f, meta.len()))
}

/// Reads a whole regular file of at most [`MAX_STORLEK`] bytes.
pub fn las(sokvag: &Path) -> Result<Vec<u8>, Lasfel> {
    las_hogst(sokvag, MAX_STORLEK)
}

/// Reads a whole regular file of at most `max` bytes.
pub fn las_hogst(sokvag: &Path, max: u64) -> Result<Vec<u8>, Lasfel> {
    let (f, storlek) = oppna(sokvag)?;
    let for_stor = || Lasfel::Annat(format!("filen är för stor för att läsas (högst {} MB)", max >> 20));
    if storlek > max {
        return Err(for_stor());
    }
    let mut bytes = Vec::with_capacity(storlek as usize);
    // The size may change while reading: never more than the limit.
    f.take(max + 1).read_to_end(&mut bytes).map_err(|e| fran_io(sokvag, &e))?;
    if bytes.len() as u64 > max {
        return Err(for_stor());
    }
    Ok(bytes)
}

fn fran_io(sokvag: &Path, e: &io::Error) -> Lasfel {
    if e.kind() == io::ErrorKind::NotFound {
        // A link that points nowhere exists, but what it names does not.
        if fs::symlink_metadata(sokvag).is_ok_and(|m| m.file_type().is_symlink()) {
            return Lasfel::Annat("kan inte läsas: den symboliska länken pekar på en fil som inte finns".into());
        }
        return Lasfel::Saknas;
    }
    Lasfel::Annat(format!("kan inte läsas: {}", io_text(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vanlig_fil_las() {
        let mapp = tempfile::tempdir().unwrap();
        let f = mapp.path().join("a.csv");
        fs::write(&f, b"x;y\n").unwrap();
        assert_eq!(las(&f).unwrap(), b"x;y\n");
        assert_eq!(las(&mapp.path().join("saknas.csv")), Err(Lasfel::Saknas));
        let e = las(mapp.path()).unwrap_err().text();
        assert!(e.contains("det är en mapp"), "{e}");
        let e = las_hogst(&f, 2).unwrap_err().text();
        assert!(e.contains("för stor"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn lank_och_rorledning() {
        let mapp = tempfile::tempdir().unwrap();
        let lank = mapp.path().join("l.csv");
        std::os::unix::fs::symlink(mapp.path().join("finns-inte"), &lank).unwrap();
        let e = las(&lank).unwrap_err().text();
        assert!(e.contains("pekar på en fil som inte finns"), "{e}");
        let slinga = mapp.path().join("s.csv");
        std::os::unix::fs::symlink(&slinga, &slinga).unwrap();
        let e = las(&slinga).unwrap_err().text();
        assert!(e.starts_with("kan inte läsas"), "{e}");
        let e = las(Path::new("/dev/null")).unwrap_err().text();
        assert!(e.contains("ingen vanlig fil"), "{e}");
    }
}

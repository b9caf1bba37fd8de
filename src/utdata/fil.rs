//! Writing output files — workbooks and `importera`'s tables — all through
//! one mechanism: each file goes to a temporary file created exclusively in
//! the target's folder, is flushed to disk, and only then renamed over the
//! target, so a reader never sees half a file. Several files are all written
//! before any is renamed. A target is refused, and nothing written, when it
//! is one of the command's input files, a symbolic link, something other
//! than a regular file, or a write-protected file.

use crate::fel::{Avbrott, Fel, Felrapport, io_text};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file to write: where, and its bytes.
pub struct Utfil {
    pub fil: PathBuf,
    pub innehall: Vec<u8>,
}

/// Checks that `fil` may be written: not one of `indata` (compared as
/// canonical paths), not a symbolic link, a regular file when it exists, not
/// write-protected, in a folder that exists. A refusal is the user's input
/// error (exit 2), with the reason in Swedish.
pub fn kontrollera(fil: &Path, indata: &[PathBuf]) -> Result<(), Felrapport> {
    let namn = fil.display().to_string();
    let nej = |text: &str| Err(Felrapport::en(Fel::new(namn.clone(), text)));
    if fil.file_name().is_none() {
        return nej("är inget filnamn: ange en fil att skriva, till exempel ramforslag.xlsx");
    }
    let mapp = mapp(fil);
    if !mapp.is_dir() {
        return nej("kan inte skrivas: mappen finns inte");
    }
    match fs::symlink_metadata(fil) {
        Ok(m) if m.file_type().is_symlink() => {
            return nej("är en symbolisk länk och ersätts inte: ange själva filen");
        }
        Ok(m) if m.is_dir() => return nej("är en mapp: ange ett filnamn i mappen"),
        Ok(m) if !m.is_file() => return nej("är ingen vanlig fil och skrivs inte över"),
        Ok(m) if m.permissions().readonly() => {
            return nej("är skrivskyddad och ersätts inte: ta bort skrivskyddet eller välj ett annat namn");
        }
        _ => {}
    }
    let mal = kanonisk(fil);
    if let Some(i) = indata.iter().find(|i| fs::canonicalize(i).is_ok_and(|k| k == mal)) {
        return nej(&format!(
            "är en av indatafilerna ({}) och skrivs inte över: välj ett annat namn för utdata",
            i.display()
        ));
    }
    Ok(())
}

/// Writes one file atomically after [`kontrollera`].
pub fn skriv(fil: &Path, innehall: &[u8], indata: &[PathBuf]) -> Result<(), Avbrott> {
    skriv_alla(&[Utfil { fil: fil.to_path_buf(), innehall: innehall.to_vec() }], indata)
}

/// Writes every file to a temporary file beside its target first; only when
/// all are written and flushed are they renamed into place. On any failure
/// no target is touched and every temporary file is removed.
pub fn skriv_alla(filer: &[Utfil], indata: &[PathBuf]) -> Result<(), Avbrott> {
    let mut d = crate::fel::Diagnos::default();
    for f in filer {
        if let Err(Felrapport(e)) = kontrollera(&f.fil, indata) {
            d.utoka(e);
        }
    }
    d.resultat(())?;
    let mut tillfalliga = Vec::with_capacity(filer.len());
    for f in filer {
        let fel =
            |e: &std::io::Error| Avbrott::Annat(format!("{} kunde inte skrivas: {}", f.fil.display(), io_text(e)));
        let namn = f.fil.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let prefix = format!(".{namn}.");
        let mut b = tempfile::Builder::new();
        b.prefix(&prefix).suffix(".tmp");
        // A temporary file is private (0600); the result is an ordinary file:
        // 0666 less the umask, as any program creates one.
        #[cfg(unix)]
        b.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let mut tmp = b.tempfile_in(mapp(&f.fil)).map_err(|e| fel(&e))?;
        // A file that is replaced keeps its permissions.
        if let Ok(m) = fs::metadata(&f.fil) {
            tmp.as_file().set_permissions(m.permissions()).map_err(|e| fel(&e))?;
        }
        tmp.write_all(&f.innehall).and_then(|_| tmp.as_file().sync_all()).map_err(|e| fel(&e))?;
        tillfalliga.push(tmp);
    }
    for (f, tmp) in filer.iter().zip(tillfalliga) {
        tmp.persist(&f.fil)
            .map_err(|e| Avbrott::Annat(format!("{} kunde inte skrivas: {}", f.fil.display(), io_text(&e.error))))?;
        // The rename itself reaches the disk with the folder.
        if let Ok(m) = fs::File::open(mapp(&f.fil)) {
            let _ = m.sync_all();
        }
    }
    Ok(())
}

fn mapp(fil: &Path) -> PathBuf {
    match fil.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The canonical path a file has or would have: its folder's canonical path and its name.
fn kanonisk(fil: &Path) -> PathBuf {
    fs::canonicalize(fil).unwrap_or_else(|_| {
        let m = fs::canonicalize(mapp(fil)).unwrap_or_else(|_| mapp(fil));
        fil.file_name().map(|n| m.join(n)).unwrap_or(m)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filer_i(mapp: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(mapp).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn ersatter_hela_filen_utan_kvarlamningar() {
        let mapp = tempfile::tempdir().unwrap();
        let fil = mapp.path().join("ut.xlsx");
        fs::write(&fil, b"gammal").unwrap();
        skriv(&fil, b"ny", &[]).unwrap();
        assert_eq!(fs::read(&fil).unwrap(), b"ny");
        assert_eq!(filer_i(mapp.path()), ["ut.xlsx"]);
        let e = skriv(&mapp.path().join("finns-inte").join("ut.xlsx"), b"x", &[]).unwrap_err().to_string();
        assert!(e.contains("mappen finns inte"), "{e}");
        let e = skriv(mapp.path(), b"x", &[]).unwrap_err().to_string();
        assert!(e.contains("är en mapp"), "{e}");
    }

    #[test]
    fn indatafil_skrivs_inte_over() {
        let mapp = tempfile::tempdir().unwrap();
        let indata = mapp.path().join("ramar.csv");
        fs::write(&indata, "orörd").unwrap();
        // The same file by another path.
        let omvag = mapp.path().join(".").join("ramar.csv");
        let e = skriv(&omvag, b"x", std::slice::from_ref(&indata)).unwrap_err();
        assert!(matches!(e, Avbrott::Indata(_)));
        assert!(e.to_string().contains("är en av indatafilerna"), "{e}");
        assert_eq!(fs::read_to_string(&indata).unwrap(), "orörd");
    }

    #[cfg(unix)]
    #[test]
    fn lank_och_skrivskydd_vagras() {
        use std::os::unix::fs::PermissionsExt;
        let mapp = tempfile::tempdir().unwrap();
        let mal = mapp.path().join("mal.txt");
        fs::write(&mal, b"kvar").unwrap();
        let lank = mapp.path().join("lank.xlsx");
        std::os::unix::fs::symlink(&mal, &lank).unwrap();
        let e = skriv(&lank, b"x", &[]).unwrap_err().to_string();
        assert!(e.contains("symbolisk länk"), "{e}");
        assert!(fs::symlink_metadata(&lank).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&mal).unwrap(), b"kvar");
        fs::set_permissions(&mal, fs::Permissions::from_mode(0o444)).unwrap();
        let e = skriv(&mal, b"x", &[]).unwrap_err().to_string();
        assert!(e.contains("skrivskyddad"), "{e}");
        assert_eq!(fs::read(&mal).unwrap(), b"kvar");
    }

    #[cfg(unix)]
    #[test]
    fn behorigheter_som_en_vanlig_fil() {
        // Issue: workbooks came out 0600 (the temporary file's mode), unreadable for colleagues.
        use std::os::unix::fs::PermissionsExt;
        let mapp = tempfile::tempdir().unwrap();
        let lage = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let vanlig = mapp.path().join("vanlig.txt");
        fs::File::create(&vanlig).unwrap();
        let ny = mapp.path().join("ny.xlsx");
        skriv(&ny, b"ny", &[]).unwrap();
        assert_eq!(lage(&ny), lage(&vanlig), "en ny fil får samma behörighet som andra program ger");
        assert_ne!(lage(&ny), 0o600);
        let gammal = mapp.path().join("gammal.xlsx");
        fs::write(&gammal, b"gammal").unwrap();
        fs::set_permissions(&gammal, fs::Permissions::from_mode(0o640)).unwrap();
        skriv(&gammal, b"ny", &[]).unwrap();
        assert_eq!(lage(&gammal), 0o640, "en fil som ersätts behåller sin behörighet");
    }

    #[test]
    fn alla_eller_ingen() {
        let mapp = tempfile::tempdir().unwrap();
        let a = mapp.path().join("skr.csv");
        fs::write(&a, b"gammal").unwrap();
        let filer = [
            Utfil { fil: a.clone(), innehall: b"ny".to_vec() },
            Utfil { fil: mapp.path().join("saknas").join("b.csv"), innehall: b"ny".to_vec() },
        ];
        assert!(skriv_alla(&filer, &[]).is_err());
        assert_eq!(fs::read(&a).unwrap(), b"gammal");
        assert_eq!(filer_i(mapp.path()), ["skr.csv"]);
    }
}

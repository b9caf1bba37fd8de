//! The edge: a workbook file (xlsx, xls, ods) into grids of cells through
//! calamine. The format is told by the file's content, not its name, so an
//! xls saved as `.xlsx` is read too. Percent number formats are known only for
//! xlsx (calamine reads cell styles only there).

use super::{Arbetsbok, Blad};
use crate::fel::Fel;
use crate::inlasning::kalkylblad::{ar_procentformat, cell};
use crate::inlasning::tabell::Cell;
use calamine::{Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use std::io::Cursor;
use std::path::Path;

/// What the bytes of a file are, whatever its name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Innehall {
    /// A zip archive: xlsx (xlsb), or ods when its `mimetype` says so.
    Zip {
        ods: bool,
    },
    /// An OLE compound file: xls, or an encrypted (password-protected) xlsx.
    Ole,
    Annat,
}

fn innehall(bytes: &[u8]) -> Innehall {
    if bytes.starts_with(b"PK\x03\x04") {
        let borjan = &bytes[..bytes.len().min(120)];
        let ods = borjan.windows(11).any(|w| w == b"opendocumen");
        Innehall::Zip { ods }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Innehall::Ole
    } else {
        Innehall::Annat
    }
}

type Bok = Sheets<Cursor<Vec<u8>>>;

/// Opens the bytes as the format their content shows.
fn oppna(bytes: Vec<u8>, innehall: Innehall, xlsb: bool) -> Result<Bok, calamine::Error> {
    use calamine::Error as E;
    let c = || Cursor::new(bytes.clone());
    match innehall {
        Innehall::Zip { ods: true } => Ods::new(c()).map(Sheets::Ods).map_err(E::Ods),
        Innehall::Zip { ods: false } if xlsb => Xlsb::new(c()).map(Sheets::Xlsb).map_err(E::Xlsb),
        Innehall::Zip { ods: false } => Xlsx::new(c()).map(Sheets::Xlsx).map_err(E::Xlsx),
        // An encrypted xlsx is an OLE file that calamine's xlsx reader recognises.
        Innehall::Ole => match Xlsx::new(c()) {
            Err(e @ calamine::XlsxError::Password) => Err(E::Xlsx(e)),
            _ => Xls::new(c()).map(Sheets::Xls).map_err(E::Xls),
        },
        Innehall::Annat => Err(E::Msg("okänt format")),
    }
}

/// Why a workbook cannot be opened, in Swedish.
fn oppningsorsak(e: &calamine::Error) -> String {
    let text = e.to_string();
    if text.to_lowercase().contains("password") {
        "arbetsboken är lösenordsskyddad: spara den utan lösenord och importera igen".to_string()
    } else {
        format!("arbetsboken är skadad eller ofullständig och kan inte läsas ({text})")
    }
}

/// Reads every sheet of a workbook. Errors name the file as the user gave it.
pub fn las(sokvag: &Path) -> Result<Arbetsbok, Fel> {
    let fil = sokvag.display().to_string();
    if !sokvag.is_file() {
        return Err(Fel::new(fil, "filen finns inte"));
    }
    let namn = sokvag.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| fil.clone());
    let bytes = std::fs::read(sokvag).map_err(|e| Fel::new(&fil, format!("filen kan inte läsas: {e}")))?;
    let sort = innehall(&bytes);
    if sort == Innehall::Annat {
        return Err(Fel::new(
            fil,
            "filen är ingen arbetsbok: innehållet är inte xlsx, xls eller ods (är det en textfil eller CSV med fel ändelse?)",
        ));
    }
    let xlsb = namn.to_lowercase().ends_with(".xlsb");
    let mut bok = oppna(bytes, sort, xlsb).map_err(|e| Fel::new(&fil, oppningsorsak(&e)))?;
    let format_kant = matches!(bok, Sheets::Xlsx(_));
    let mut blad = Vec::new();
    for bladnamn in bok.sheet_names() {
        let omrade = bok.worksheet_range(&bladnamn).map_err(|e| Fel {
            blad: Some(bladnamn.clone()),
            ..Fel::new(&fil, format!("bladet kan inte läsas, arbetsboken är skadad: {e}"))
        })?;
        let stilar = if format_kant { bok.worksheet_style(&bladnamn).ok() } else { None };
        let ar_procent =
            |s: &calamine::Style| s.number_format.as_ref().is_some_and(|f| ar_procentformat(&f.format_code));
        let procent = |rad: u32, kol: u32| stilar.as_ref().and_then(|s| s.get((rad, kol))).is_some_and(ar_procent);
        let (start_rad, start_kol) = omrade.start().unwrap_or((0, 0));
        let mut rader: Vec<Vec<Cell>> = vec![Vec::new(); start_rad as usize];
        for (i, rad) in omrade.rows().enumerate() {
            let abs_rad = start_rad + i as u32;
            let mut celler = vec![Cell::Tom; start_kol as usize];
            celler.extend(rad.iter().enumerate().map(|(j, d)| cell(d, procent(abs_rad, start_kol + j as u32))));
            rader.push(celler);
        }
        blad.push(Blad { fil: namn.clone(), namn: bladnamn, rader, format_kant });
    }
    if blad.is_empty() {
        return Err(Fel::new(fil, "arbetsboken har inga blad"));
    }
    Ok(Arbetsbok { fil, blad })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn innehallet_avgor_formatet() {
        assert_eq!(innehall(b"Detta \xe4r text"), Innehall::Annat);
        assert_eq!(innehall(b""), Innehall::Annat);
        assert_eq!(
            innehall(b"PK\x03\x04\x14\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
            Innehall::Zip { ods: true }
        );
        assert_eq!(innehall(b"PK\x03\x04\x14\0\x06\0[Content_Types].xml"), Innehall::Zip { ods: false });
        assert_eq!(innehall(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Innehall::Ole);
        let fel = oppna(vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], Innehall::Ole, false).err().unwrap();
        assert!(oppningsorsak(&fel).starts_with("arbetsboken är skadad"), "{}", oppningsorsak(&fel));
    }
}

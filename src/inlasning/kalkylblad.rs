//! Workbook sheets (xlsx, xls, ods) through calamine: number cells, numbers as
//! text and percent-formatted cells; the header row is the first non-empty row.

use super::ods::{self, Procentceller};
use super::tabell::{Cell, Rad, Tabell};
use crate::fel::Kalla;
use crate::tal::fran_f64;
use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

/// An open workbook, with what is known of its cells' number formats.
pub struct Arbetsbok {
    bok: Sheets<Cursor<Vec<u8>>>,
    /// ods: the percentage cells of each sheet (calamine does not tell them).
    ods_procent: Option<Procentceller>,
}

/// True when the file name names a workbook format calamine reads.
pub fn ar_arbetsbok(namn: &str) -> bool {
    matches!(filandelse(namn).as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
}

fn filandelse(namn: &str) -> String {
    Path::new(namn).extension().and_then(|e| e.to_str()).map(|e| e.to_lowercase()).unwrap_or_default()
}

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
        Innehall::Zip { ods: borjan.windows(11).any(|w| w == b"opendocumen") }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Innehall::Ole
    } else {
        Innehall::Annat
    }
}

/// Opens a workbook from its bytes by their content (an xls saved as `.xlsx`
/// opens too); `namn` tells xlsb from xlsx. Errors are Swedish reasons.
pub fn oppna(namn: &str, bytes: Vec<u8>) -> Result<Arbetsbok, String> {
    use calamine::Error as E;
    let sort = innehall(&bytes);
    let ods_procent = matches!(sort, Innehall::Zip { ods: true }).then(|| ods::procentceller(&bytes));
    let c = || Cursor::new(bytes.clone());
    let bok = match sort {
        Innehall::Zip { ods: true } => Ods::new(c()).map(Sheets::Ods).map_err(E::Ods),
        Innehall::Zip { ods: false } if filandelse(namn) == "xlsb" => Xlsb::new(c()).map(Sheets::Xlsb).map_err(E::Xlsb),
        Innehall::Zip { ods: false } => Xlsx::new(c()).map(Sheets::Xlsx).map_err(E::Xlsx),
        // An encrypted xlsx is an OLE file that calamine's xlsx reader recognises.
        Innehall::Ole => match Xlsx::new(c()) {
            Err(e @ calamine::XlsxError::Password) => Err(E::Xlsx(e)),
            _ => Xls::new(c()).map(Sheets::Xls).map_err(E::Xls),
        },
        Innehall::Annat => {
            return Err("filen är ingen arbetsbok: innehållet är inte xlsx, xls eller ods \
                        (är det en textfil eller CSV med fel ändelse?)"
                .to_string());
        }
    };
    bok.map(|bok| Arbetsbok { bok, ods_procent }).map_err(|e| oppningsfel(&e))
}

impl Arbetsbok {
    pub fn bladnamn(&self) -> Vec<String> {
        self.bok.sheet_names()
    }

    /// Whether percent number formats are known (xlsx and ods; not xls).
    pub fn format_kant(&self) -> bool {
        matches!(self.bok, Sheets::Xlsx(_) | Sheets::Ods(_))
    }

    /// The sheet's cells by absolute (0-based) row and column, percent formats marked.
    pub fn rutnat(&mut self, blad: &str) -> Result<Vec<Vec<Cell>>, String> {
        let omrade = self.bok.worksheet_range(blad).map_err(|e| format!("bladet \"{blad}\" kan inte läsas: {e}"))?;
        let stilar = matches!(self.bok, Sheets::Xlsx(_)).then(|| self.bok.worksheet_style(blad).ok()).flatten();
        let ods = self.ods_procent.as_ref().and_then(|p| p.get(blad));
        let procent = |rad: u32, kol: u32| {
            ods.is_some_and(|p| p.contains(&(rad, kol)))
                || stilar
                    .as_ref()
                    .and_then(|s| s.get((rad, kol)))
                    .and_then(|s| s.number_format.as_ref())
                    .is_some_and(|f| ar_procentformat(&f.format_code))
        };
        let (start_rad, start_kol) = omrade.start().unwrap_or((0, 0));
        let mut rader: Vec<Vec<Cell>> = vec![Vec::new(); start_rad as usize];
        for (i, rad) in omrade.rows().enumerate() {
            let abs = start_rad + i as u32;
            let mut celler = vec![Cell::Tom; start_kol as usize];
            celler.extend(rad.iter().enumerate().map(|(j, d)| cell(d, procent(abs, start_kol + j as u32))));
            rader.push(celler);
        }
        Ok(rader)
    }
}

/// True when an Excel number format shows the value as a percentage.
pub fn ar_procentformat(kod: &str) -> bool {
    let mut citat = false;
    let mut escape = false;
    for c in kod.chars() {
        if escape {
            escape = false;
            continue;
        }
        match c {
            '\\' => escape = true,
            '"' => citat = !citat,
            '%' if !citat => return true,
            _ => {}
        }
    }
    false
}

/// A calamine cell as our cell; `procent` from its number format.
pub fn cell(data: &Data, procent: bool) -> Cell {
    match data {
        Data::Empty => Cell::Tom,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Tal { varde: (*i).into(), procent },
        Data::Float(f) => match fran_f64(*f) {
            Some(varde) => Cell::Tal { varde, procent },
            None => Cell::Annat(f.to_string()),
        },
        Data::Bool(b) => Cell::Annat(if *b { "SANT" } else { "FALSKT" }.to_string()),
        Data::Error(e) => Cell::Felvarde(felvarde(e).to_string()),
        Data::DateTime(d) => {
            let (ar, man, dag, h, min, sek, _) = d.to_ymd_hms_milli();
            let visas = if d.is_duration() {
                format!("tiden {}", d.as_f64())
            } else if (h, min, sek) == (0, 0, 0) {
                format!("{ar:04}-{man:02}-{dag:02}")
            } else {
                format!("{ar:04}-{man:02}-{dag:02} {h:02}:{min:02}")
            };
            let tal = fran_f64(d.as_f64()).map(|v| v.normalize().to_string()).unwrap_or_default();
            Cell::Datum { visas, tal }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Datum { visas: s.clone(), tal: String::new() },
    }
}

/// A formula's error value as Swedish Excel shows it.
pub fn felvarde(e: &calamine::CellErrorType) -> &'static str {
    use calamine::CellErrorType as E;
    match e {
        E::Div0 => "#DIVISION/0! (division med noll)",
        E::NA => "#SAKNAS! (värdet saknas)",
        E::Name => "#NAMN? (okänt namn i formeln)",
        E::Null => "#SKÄRNING! (områdena skär inte varandra)",
        E::Num => "#OGILTIGT! (ogiltigt tal)",
        E::Ref => "#REFERENS! (ogiltig cellreferens)",
        E::Value => "#VÄRDEFEL! (fel sorts värde)",
        E::GettingData => "#HÄMTAR_DATA (data hämtas)",
    }
}

/// Reads one sheet of a workbook into a table (the first sheet when the source
/// names none); the header row is the first non-empty row, and rows are
/// numbered as Excel shows them.
pub fn las(bok: &mut Arbetsbok, kalla: Arc<Kalla>) -> Result<Tabell, String> {
    let namn = bok.bladnamn();
    let kalla = match &kalla.blad {
        Some(_) => kalla,
        None => Arc::new(Kalla { fil: kalla.fil.clone(), blad: namn.first().cloned() }),
    };
    let onskat = kalla.blad.clone().unwrap_or_default();
    let blad = namn
        .iter()
        .find(|n| **n == onskat)
        .or_else(|| namn.iter().find(|n| n.to_lowercase() == onskat.to_lowercase()))
        .cloned()
        .ok_or_else(|| format!("bladet \"{onskat}\" finns inte (arbetsboken har: {})", namn.join(", ")))?;
    let mut rubriker: Option<(usize, Vec<String>)> = None;
    let mut rader = Vec::new();
    for (i, celler) in bok.rutnat(&blad)?.into_iter().enumerate() {
        let nr = i + 1;
        if rubriker.is_none() {
            if !celler.iter().all(Cell::ar_tom) {
                rubriker = Some((nr, celler.iter().map(Cell::rubrik).collect()));
            }
            continue;
        }
        rader.push(Rad { nr, celler });
    }
    let (rubrikrad, rubriker) = rubriker.ok_or_else(|| format!("bladet \"{blad}\" är tomt: en rubrikrad förväntas"))?;
    let mut t = Tabell::ny(kalla, rubrikrad, rubriker, rader);
    t.procentformat_kant = bok.format_kant();
    Ok(t)
}

/// A Swedish message for a workbook that cannot be opened.
pub fn oppningsfel(e: &calamine::Error) -> String {
    let text = e.to_string();
    if text.to_lowercase().contains("password") {
        "arbetsboken är lösenordsskyddad: spara den utan lösenord".to_string()
    } else {
        format!("arbetsboken är skadad eller ofullständig och kan inte läsas ({text})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 10 item 17: a date-formatted cell says it is a date, an error value is shown in Swedish.
    #[test]
    fn datum_och_felvarden() {
        use super::super::tabell::tolka_tal;
        use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
        let datum = cell(&Data::DateTime(ExcelDateTime::new(39000.0, ExcelDateTimeType::DateTime, false)), false);
        assert_eq!(datum, Cell::Datum { visas: "2006-10-10".into(), tal: "39000".into() });
        let e = tolka_tal(&datum, false).unwrap_err();
        assert_eq!(e, "cellen har datumformat och visas som 2006-10-10 (talet 39000), inte ett tal: formatera cellen som tal");
        let e = tolka_tal(&cell(&Data::Error(CellErrorType::Div0), false), false).unwrap_err();
        assert_eq!(e, "cellen innehåller felvärdet #DIVISION/0! (division med noll), inte ett tal: rätta formeln i arbetsboken");
        assert!(!e.contains("Div0"));
    }

    #[test]
    fn procentformat() {
        assert!(ar_procentformat("0.0%"));
        assert!(ar_procentformat("0.00 %"));
        assert!(!ar_procentformat("#,##0"));
        assert!(!ar_procentformat("0.0\"%\""));
        assert!(!ar_procentformat("0\\%"));
    }
}

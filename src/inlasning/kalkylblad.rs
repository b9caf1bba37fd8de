//! Workbook sheets (xlsx, xls, ods) through calamine: number cells, numbers as
//! text and percent-formatted cells; the header row is the first non-empty row.

use super::tabell::{Cell, Rad, Tabell};
use crate::fel::Kalla;
use crate::tal::fran_f64;
use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use std::io::Cursor;
use std::path::Path;
use std::sync::Arc;

pub type Arbetsbok = Sheets<Cursor<Vec<u8>>>;

/// True when the file name names a workbook format calamine reads.
pub fn ar_arbetsbok(namn: &str) -> bool {
    matches!(filandelse(namn).as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
}

fn filandelse(namn: &str) -> String {
    Path::new(namn).extension().and_then(|e| e.to_str()).map(|e| e.to_lowercase()).unwrap_or_default()
}

/// Opens a workbook from its bytes, by its file name's extension.
pub fn oppna(namn: &str, bytes: Vec<u8>) -> Result<Arbetsbok, String> {
    let c = Cursor::new(bytes);
    let bok = match filandelse(namn).as_str() {
        "xls" => Xls::new(c).map(Sheets::Xls).map_err(calamine::Error::Xls),
        "xlsb" => Xlsb::new(c).map(Sheets::Xlsb).map_err(calamine::Error::Xlsb),
        "ods" => Ods::new(c).map(Sheets::Ods).map_err(calamine::Error::Ods),
        _ => Xlsx::new(c).map(Sheets::Xlsx).map_err(calamine::Error::Xlsx),
    };
    bok.map_err(|e| oppningsfel(&e))
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
        Data::Error(e) => Cell::Annat(format!("{e:?}")),
        Data::DateTime(d) => Cell::Annat(d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Annat(s.clone()),
    }
}

/// The text of a header cell (numbers as whole numbers: `2026`).
pub fn rubriktext(data: &Data) -> String {
    match data {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Reads one sheet of a workbook into a table (the first sheet when the source names none).
pub fn las(bok: &mut Arbetsbok, kalla: Arc<Kalla>) -> Result<Tabell, String> {
    let namn = bok.sheet_names();
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
    let omrade = bok.worksheet_range(&blad).map_err(|e| format!("bladet \"{blad}\" kan inte läsas: {e}"))?;
    let stilar = bok.worksheet_style(&blad).ok();
    let procent = |rad: u32, kol: u32| {
        stilar
            .as_ref()
            .and_then(|s| s.get((rad, kol)))
            .and_then(|s| s.number_format.as_ref())
            .is_some_and(|f| ar_procentformat(&f.format_code))
    };
    let (start_rad, start_kol) = omrade.start().unwrap_or((0, 0));
    let mut rubriker: Option<(usize, Vec<String>)> = None;
    let mut rader = Vec::new();
    for (i, rad) in omrade.rows().enumerate() {
        let abs_rad = start_rad + i as u32;
        let nr = abs_rad as usize + 1;
        // Columns before the range's start are empty: keep the sheet's own columns.
        let mut celler: Vec<Cell> = vec![Cell::Tom; start_kol as usize];
        celler.extend(rad.iter().enumerate().map(|(j, d)| cell(d, procent(abs_rad, start_kol + j as u32))));
        if rubriker.is_none() {
            if celler.iter().all(Cell::ar_tom) {
                continue;
            }
            let mut texter = vec![String::new(); start_kol as usize];
            texter.extend(rad.iter().map(rubriktext));
            rubriker = Some((nr, texter));
            continue;
        }
        rader.push(Rad { nr, celler });
    }
    let (rubrikrad, rubriker) = rubriker.ok_or_else(|| format!("bladet \"{blad}\" är tomt: en rubrikrad förväntas"))?;
    Ok(Tabell::ny(kalla, rubrikrad, rubriker, rader))
}

/// A Swedish message for a workbook that cannot be opened.
pub fn oppningsfel(e: &calamine::Error) -> String {
    let text = e.to_string();
    let liten = text.to_lowercase();
    if liten.contains("password") || liten.contains("encrypt") || liten.contains("cfb") {
        "arbetsboken är lösenordsskyddad: spara den utan lösenord".to_string()
    } else {
        format!("filen kan inte läsas som arbetsbok (xlsx, xls eller ods): {text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn procentformat() {
        assert!(ar_procentformat("0.0%"));
        assert!(ar_procentformat("0.00 %"));
        assert!(!ar_procentformat("#,##0"));
        assert!(!ar_procentformat("0.0\"%\""));
        assert!(!ar_procentformat("0\\%"));
    }

    #[test]
    fn rubriker_av_tal() {
        assert_eq!(rubriktext(&Data::Float(2026.0)), "2026");
        assert_eq!(rubriktext(&Data::String("Plan 2027".into())), "Plan 2027");
    }
}

//! The edge: a workbook file (xlsx, xls, ods) into grids of cells through
//! calamine. Percent number formats are known only for xlsx (calamine reads
//! cell styles only there).

use super::{Arbetsbok, Blad};
use crate::fel::Fel;
use crate::inlasning::kalkylblad::{ar_procentformat, cell, oppningsfel};
use crate::inlasning::tabell::Cell;
use calamine::{Reader, Sheets, open_workbook_auto};
use std::path::Path;

/// Reads every sheet of a workbook. Errors name the file as the user gave it.
pub fn las(sokvag: &Path) -> Result<Arbetsbok, Fel> {
    let fil = sokvag.display().to_string();
    if !sokvag.is_file() {
        return Err(Fel::new(fil, "filen finns inte"));
    }
    let namn = sokvag
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| fil.clone());
    let mut bok =
        open_workbook_auto(sokvag).map_err(|e| Fel::new(&fil, varfor_inte(sokvag, &e)))?;
    let format_kant = matches!(bok, Sheets::Xlsx(_));
    let mut blad = Vec::new();
    for bladnamn in bok.sheet_names() {
        let omrade = bok.worksheet_range(&bladnamn).map_err(|e| Fel {
            blad: Some(bladnamn.clone()),
            ..Fel::new(
                &fil,
                format!("bladet kan inte läsas, arbetsboken är skadad: {e}"),
            )
        })?;
        let stilar = if format_kant {
            bok.worksheet_style(&bladnamn).ok()
        } else {
            None
        };
        let ar_procent = |s: &calamine::Style| {
            s.number_format
                .as_ref()
                .is_some_and(|f| ar_procentformat(&f.format_code))
        };
        let procent = |rad: u32, kol: u32| {
            stilar
                .as_ref()
                .and_then(|s| s.get((rad, kol)))
                .is_some_and(ar_procent)
        };
        let (start_rad, start_kol) = omrade.start().unwrap_or((0, 0));
        let mut rader: Vec<Vec<Cell>> = vec![Vec::new(); start_rad as usize];
        for (i, rad) in omrade.rows().enumerate() {
            let abs_rad = start_rad + i as u32;
            let mut celler = vec![Cell::Tom; start_kol as usize];
            celler.extend(
                rad.iter()
                    .enumerate()
                    .map(|(j, d)| cell(d, procent(abs_rad, start_kol + j as u32))),
            );
            rader.push(celler);
        }
        blad.push(Blad {
            fil: namn.clone(),
            namn: bladnamn,
            rader,
            format_kant,
        });
    }
    if blad.is_empty() {
        return Err(Fel::new(fil, "arbetsboken har inga blad"));
    }
    Ok(Arbetsbok { fil, blad })
}

/// Why a file cannot be opened, in Swedish: password, not a workbook at all, or damaged.
fn varfor_inte(sokvag: &Path, e: &calamine::Error) -> String {
    let meddelande = oppningsfel(e);
    if meddelande.contains("lösenord") {
        return meddelande;
    }
    let mut borjan = [0u8; 8];
    let n = std::fs::File::open(sokvag)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut borjan))
        .unwrap_or(0);
    let zip = borjan[..n].starts_with(b"PK\x03\x04");
    let ole = borjan[..n].starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if zip || ole {
        format!("arbetsboken är skadad eller ofullständig och kan inte läsas ({e})")
    } else {
        format!(
            "filen är ingen arbetsbok: innehållet är inte xlsx, xls eller ods (är det en textfil eller CSV med fel ändelse?) ({e})"
        )
    }
}

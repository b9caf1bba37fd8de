//! Readers: a model folder (`modell.toml` and its tables, CSV or workbook
//! sheets) and scenario files into the domain types of `modell`, with every
//! problem reported at once.

pub mod csv;
pub mod fil;
pub mod kalkylblad;
mod modell_toml;
mod ods;
pub mod osakerhet;
pub mod scenario;
pub mod sie;
pub mod tabell;
mod tabeller;
pub mod toml_varden;
mod xls;

pub use modell_toml::TABELLER;

use crate::fel::{Diagnos, Fel, Felrapport, Kalla};
use crate::modell::{Ar, Modell};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tabell::Tabell;

/// Normalises a header or key: case-insensitive, å/ä→a, ö→o, é→e, and space,
/// `_` and `-` alike (`Kostnad per invånare` = `kostnad_per_invanare`).
pub fn normalisera(text: &str) -> String {
    let mut ut = String::new();
    for c in text.trim().trim_start_matches('\u{feff}').trim().to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            ' ' | '_' | '-' | '\u{a0}' | '\t' => '_',
            c => c,
        };
        if c == '_' && ut.ends_with('_') {
            continue;
        }
        ut.push(c);
    }
    ut.trim_matches('_').to_string()
}

/// The year of a year-column header: one four-digit year 2000–2099, alone or
/// with words around it (`2026`, `Budget 2026`, `Plan 2027`, `belopp_2028`).
pub fn ar_i_rubrik(rubrik: &str) -> Option<Ar> {
    let b = rubrik.as_bytes();
    let mut hittade = None;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 && b[start] == b'2' && b[start + 1] == b'0' {
                if hittade.is_some() {
                    return None;
                }
                hittade = rubrik[start..i].parse().ok();
            } else {
                return None;
            }
        } else {
            i += 1;
        }
    }
    hittade
}

/// A model read from its folder, with the warnings found on the way.
pub struct Inlast {
    pub modell: Modell,
    pub diagnos: Diagnos,
    /// Every file read, so that no output is written over one of them.
    pub filer: Vec<PathBuf>,
}

/// How the reader gets a file of the model folder by name: its bytes,
/// `Ok(None)` when it does not exist, or why it cannot be read.
pub type Lasare<'a> = dyn Fn(&str) -> Result<Option<Vec<u8>>, String> + 'a;

/// The model folder a user named: the folder, or its `modell.toml`.
pub fn modellmapp(sokvag: &Path) -> Result<PathBuf, Felrapport> {
    if sokvag.is_dir() {
        return Ok(sokvag.to_path_buf());
    }
    let namn = sokvag.display().to_string();
    if sokvag.is_file() {
        return match sokvag.file_name().and_then(|n| n.to_str()) {
            Some("modell.toml") => {
                Ok(sokvag.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf())
            }
            _ => Err(Felrapport::en(Fel::new(
                namn,
                "är en fil: ange modellmappen (mappen med modell.toml) eller dess modell.toml",
            ))),
        };
    }
    Err(Felrapport::en(Fel::new(namn, "modellmappen finns inte")))
}

/// Reads and validates a whole model folder (or its `modell.toml`). Every error is reported together.
pub fn las_modell(sokvag: &Path) -> Result<Inlast, Felrapport> {
    las_modell_i_mapp(sokvag, None)
}

/// Reads a model folder with one of its SKR prognoses (`[skr.prognoser.NYCKEL]`).
pub fn las_modell_med_prognos(sokvag: &Path, prognos: &str) -> Result<Inlast, Felrapport> {
    las_modell_i_mapp(sokvag, Some(prognos))
}

fn las_modell_i_mapp(sokvag: &Path, prognos: Option<&str>) -> Result<Inlast, Felrapport> {
    let mapp = modellmapp(sokvag)?;
    let lasta = std::cell::RefCell::new(Vec::new());
    let las = |namn: &str| {
        let fil = mapp.join(namn);
        lasta.borrow_mut().push(fil.clone());
        match fil::las(&fil) {
            Ok(b) => Ok(Some(b)),
            Err(fil::Lasfel::Saknas) => Ok(None),
            Err(e) => Err(e.text()),
        }
    };
    let mut inlast = las_modell_fran(&las, prognos)?;
    inlast.filer = lasta.into_inner();
    Ok(inlast)
}

/// Reads a model from files given as texts (`modell.toml` and its tables), for tests.
pub fn las_modell_fran_texter(filer: &[(&str, &str)]) -> Result<Inlast, Felrapport> {
    las_modell_fran(&|namn: &str| Ok(filer.iter().find(|(n, _)| *n == namn).map(|(_, t)| t.as_bytes().to_vec())), None)
}

/// Reads a model through `las`, which gives the bytes of a file of the folder
/// by name, with the SKR prognosis `prognos` (else the one `modell.toml` uses).
pub fn las_modell_fran(las: &Lasare<'_>, prognos: Option<&str>) -> Result<Inlast, Felrapport> {
    let mut d = Diagnos::default();
    let bytes = match las("modell.toml") {
        Ok(Some(b)) => b,
        Ok(None) => return Err(Felrapport::en(Fel::new("modell.toml", "filen saknas i modellmappen"))),
        Err(e) => return Err(Felrapport::en(Fel::new("modell.toml", e))),
    };
    let Some((mut modell, mut val)) = modell_toml::las("modell.toml", &csv::avkoda(&bytes), &mut d) else {
        return Err(Felrapport(d));
    };
    if let Some(p) = prognos {
        if !val.prognoser.iter().any(|x| x.nyckel == p) {
            let finns: Vec<&str> = val.prognoser.iter().map(|x| x.nyckel.as_str()).collect();
            let fel = format!("prognosen \"{p}\" finns inte i [skr.prognoser] (finns: {})", finns.join(", "));
            return Err(Felrapport::en(Fel::new("modell.toml", fel).kolumn("skr.prognoser")));
        }
        modell.prognos_i_bruk = Some(p.to_string());
    }
    // The prognosis in use brings its own skr and skatter-och-bidrag tables.
    if let Some(v) = modell.prognos_i_bruk.clone().and_then(|k| val.prognoser.iter().find(|x| x.nyckel == k).cloned()) {
        if let Some(f) = v.skr {
            val.filer.insert("skr", (f, true));
        }
        if let Some(f) = v.skatter_och_bidrag {
            val.filer.insert("skatter_och_bidrag", (f, true));
        }
        modell.skr_prognos = v.namn;
    }
    let mut tabeller = std::collections::BTreeMap::new();
    let mut bocker: std::collections::BTreeMap<String, Result<kalkylblad::Arbetsbok, String>> = Default::default();
    for (nyckel, _, kravd) in TABELLER {
        let (kalla, namngiven) = &val.filer[nyckel];
        if utanfor_mappen(kalla) {
            d.varning(Fel::new(
                "modell.toml",
                format!("tabellen {nyckel} läses utanför modellmappen: \"{kalla}\" (kontrollera att det är rätt fil)"),
            ));
        }
        match las_tabell(las, &mut bocker, kalla, *kravd || *namngiven) {
            Ok(Some(t)) => {
                tabell::kontrollera_textlangd(&t, &mut d);
                tabeller.insert(*nyckel, t);
            }
            Ok(None) => {}
            Err(f) => d.fel(f),
        }
    }
    let komplett = tabeller::bygg(&mut modell, tabeller, &mut d);
    modell_toml::kontrollera_balans(&modell, &mut d);
    if komplett && d.ok() { Ok(Inlast { modell, diagnos: d, filer: vec![] }) } else { Err(Felrapport(d)) }
}

/// True when a table's source lies outside the model folder: an absolute path
/// or one that climbs with `..` (allowed — shared files are kept elsewhere —
/// but `kontrollera` names it).
pub fn utanfor_mappen(kalla: &str) -> bool {
    let fil = match kalla.rsplit_once('#') {
        Some((f, _)) if kalkylblad::ar_arbetsbok(f) => f,
        _ => kalla,
    };
    let p = Path::new(fil);
    p.is_absolute()
        || fil.starts_with(['/', '\\'])
        || p.components().any(|c| matches!(c, std::path::Component::ParentDir))
        || fil.split(['/', '\\']).any(|del| del == "..")
}

/// Reads a table named `fil.csv` or `bok.xlsx#Blad`; `Ok(None)` when absent and optional.
/// Workbooks are opened once however many of their sheets are tables.
fn las_tabell(
    las: &Lasare<'_>,
    bocker: &mut std::collections::BTreeMap<String, Result<kalkylblad::Arbetsbok, String>>,
    namn: &str,
    maste_finnas: bool,
) -> Result<Option<Tabell>, Fel> {
    let (fil, blad) = match namn.rsplit_once('#') {
        Some((f, b)) if kalkylblad::ar_arbetsbok(f) => (f.to_string(), Some(b.to_string())),
        _ => (namn.to_string(), None),
    };
    let kalla = Arc::new(Kalla { fil: fil.clone(), blad: blad.clone() });
    if kalkylblad::ar_arbetsbok(&fil) {
        if !bocker.contains_key(&fil) {
            match las(&fil) {
                Ok(Some(bytes)) => {
                    bocker.insert(fil.clone(), kalkylblad::oppna(&fil, bytes));
                }
                Ok(None) if maste_finnas => return Err(kalla.fel("filen saknas")),
                Ok(None) => return Ok(None),
                Err(e) => return Err(Fel::new(fil, e)),
            }
        }
        return match bocker.get_mut(&fil) {
            Some(Ok(bok)) => kalkylblad::las(bok, kalla.clone()).map(Some).map_err(|m| kalla.fel(m)),
            Some(Err(m)) => Err(Fel::new(fil, m.clone())),
            None => Ok(None),
        };
    }
    match las(&fil) {
        Ok(Some(bytes)) => csv::las(kalla.clone(), &csv::avkoda(&bytes)).map(Some).map_err(|m| kalla.fel(m)),
        Ok(None) if maste_finnas => Err(kalla.fel("filen saknas")),
        Ok(None) => Ok(None),
        Err(e) => Err(kalla.fel(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rubriker_normaliseras() {
        assert_eq!(normalisera("Kostnad per invånare"), "kostnad_per_invanare");
        assert_eq!(normalisera(" Nämnd "), "namnd");
        assert_eq!(normalisera("ÅLDERSGRUPP"), "aldersgrupp");
        assert_eq!(normalisera("skatter-och-bidrag"), "skatter_och_bidrag");
        assert_eq!(normalisera("Värde"), "varde");
        assert_eq!(normalisera("Kapitalkostnad  i  ram"), "kapitalkostnad_i_ram");
    }

    /// Issue 10 item 16: tables outside the model folder are named.
    #[test]
    fn tabeller_utanfor_mappen() {
        assert!(utanfor_mappen("/etc/passwd"));
        assert!(utanfor_mappen("../gemensamt/skr.csv"));
        assert!(utanfor_mappen("data/../../skr.xlsx#SKR"));
        assert!(utanfor_mappen("..\\delat\\skr.csv"));
        assert!(!utanfor_mappen("ramar.csv"));
        assert!(!utanfor_mappen("indata/ramar.csv"));
        assert!(!utanfor_mappen("indata.xlsx#Blad ../x"));
        assert!(!utanfor_mappen("..ramar.csv"));
    }

    #[test]
    fn arskolumner() {
        assert_eq!(ar_i_rubrik("2026"), Some(2026));
        assert_eq!(ar_i_rubrik("Budget 2026"), Some(2026));
        assert_eq!(ar_i_rubrik("Plan 2027"), Some(2027));
        assert_eq!(ar_i_rubrik("belopp_2028"), Some(2028));
        assert_eq!(ar_i_rubrik("2026*"), Some(2026));
        assert_eq!(ar_i_rubrik("2026-2027"), None);
        assert_eq!(ar_i_rubrik("20261"), None);
        assert_eq!(ar_i_rubrik("1999"), None);
        assert_eq!(ar_i_rubrik("ram"), None);
    }
}

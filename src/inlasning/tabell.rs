//! A table as read from a CSV file or a workbook sheet: headers and cells with
//! their row numbers, before any meaning is given to them. The typed readers
//! of `tabeller` take values out of it and report every bad cell.

use super::{ar_i_rubrik, normalisera};
use crate::fel::{Diagnos, Fel, Kalla, Plats, utdrag};
use crate::modell::Ar;
use crate::tal::{TalFel, las_tal};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Tom,
    Text(String),
    /// A number cell; `procent` when its number format shows it as a percentage.
    Tal {
        varde: Decimal,
        procent: bool,
    },
    /// A date- or time-formatted cell as shown (`2006-10-10`, with the number it holds when known).
    Datum(String),
    /// An error value of a formula, as Swedish Excel shows it (`#DIVISION/0!`).
    Felvarde(String),
    /// Anything else a spreadsheet can hold (booleans), as shown.
    Annat(String),
}

impl Cell {
    pub fn ar_tom(&self) -> bool {
        match self {
            Cell::Tom => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The text of a header cell (numbers as written: `2026`).
    pub fn rubrik(&self) -> String {
        self.visa()
    }

    /// The cell as the user sees it, for messages.
    pub fn visa(&self) -> String {
        match self {
            Cell::Tom => String::new(),
            Cell::Text(t) | Cell::Annat(t) | Cell::Felvarde(t) => t.trim().to_string(),
            Cell::Datum(t) => t.clone(),
            Cell::Tal { varde, .. } => varde.normalize().to_string(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Kolumn {
    pub rubrik: String,
    pub norm: String,
    pub ar: Option<Ar>,
}

#[derive(Debug, Clone)]
pub struct Rad {
    /// The row as the user sees it (1-based; the header's row is the header's).
    pub nr: usize,
    pub celler: Vec<Cell>,
}

#[derive(Debug, Clone)]
pub struct Tabell {
    pub kalla: Arc<Kalla>,
    pub rubrikrad: usize,
    pub kolumner: Vec<Kolumn>,
    pub rader: Vec<Rad>,
    /// False for an xls sheet, whose number formats cannot be read: a percent
    /// cell (0.034 shown as 3.4 %) is then read as the number it holds.
    pub procentformat_kant: bool,
}

impl Tabell {
    /// Builds a table from its header row and data rows; rows with only empty cells are dropped.
    pub fn ny(kalla: Arc<Kalla>, rubrikrad: usize, rubriker: Vec<String>, rader: Vec<Rad>) -> Self {
        let kolumner = rubriker
            .into_iter()
            .map(|r| {
                let rubrik = r.trim().trim_start_matches('\u{feff}').trim().to_string();
                Kolumn { norm: normalisera(&rubrik), ar: ar_i_rubrik(&rubrik), rubrik }
            })
            .collect();
        let rader = rader.into_iter().filter(|r| !r.celler.iter().all(Cell::ar_tom)).collect();
        Tabell { kalla, rubrikrad, kolumner, rader, procentformat_kant: true }
    }

    pub fn fel(&self, meddelande: impl Into<String>) -> Fel {
        self.kalla.fel(meddelande).rad(self.rubrikrad)
    }
}

/// The columns a typed reader knows, looked up once; unknown, duplicate and
/// missing columns are reported.
pub struct Kolumnkarta {
    namn: BTreeMap<&'static str, usize>,
    pub ar: BTreeMap<Ar, usize>,
    pub arsrubriker: Arc<BTreeMap<Ar, String>>,
}

impl Kolumnkarta {
    /// `kanda`: the normalised names the table knows; `kravda`: those that must exist.
    pub fn ny(t: &Tabell, kanda: &[&'static str], kravda: &[&'static str], har_ar: bool, d: &mut Diagnos) -> Self {
        let mut namn = BTreeMap::new();
        let mut ar = BTreeMap::new();
        let mut arsrubriker = BTreeMap::new();
        for (i, k) in t.kolumner.iter().enumerate() {
            if k.rubrik.is_empty() {
                continue;
            }
            if let Some(&kand) = kanda.iter().find(|&&n| n == k.norm) {
                if namn.insert(kand, i).is_some() {
                    d.fel(t.fel(format!("kolumnen \"{}\" finns två gånger", k.rubrik)).kolumn(&k.rubrik));
                }
            } else if let (Some(a), true) = (k.ar, har_ar) {
                if ar.insert(a, i).is_some() {
                    d.fel(t.fel(format!("år {a} har två kolumner")).kolumn(&k.rubrik));
                }
                arsrubriker.insert(a, k.rubrik.clone());
            } else {
                d.varning(t.fel("okänd kolumn ignoreras").kolumn(&k.rubrik));
            }
        }
        for k in kravda {
            if !namn.contains_key(k) {
                d.fel(t.fel(format!("kolumnen \"{k}\" saknas")));
            }
        }
        Kolumnkarta { namn, ar, arsrubriker: Arc::new(arsrubriker) }
    }

    pub fn har(&self, namn: &str) -> bool {
        self.namn.contains_key(namn)
    }

    /// Moves a year column to a named column (e.g. `Ram 2025` read as `ram`).
    pub fn anvand_ar_som(&mut self, ar: Ar, namn: &'static str) -> bool {
        match self.ar.remove(&ar) {
            Some(i) => {
                self.namn.insert(namn, i);
                true
            }
            None => false,
        }
    }
}

/// A bad cell whose error is already recorded in the diagnosis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Redovisat;

/// Reads the cells of one row, recording every bad value in the diagnosis.
pub struct Radlasare<'a> {
    pub tabell: &'a Tabell,
    pub karta: &'a Kolumnkarta,
    pub rad: &'a Rad,
}

impl<'a> Radlasare<'a> {
    pub fn plats(&self) -> Plats {
        Plats { kalla: self.tabell.kalla.clone(), rad: self.rad.nr }
    }

    fn cell_vid(&self, i: usize) -> &Cell {
        self.rad.celler.get(i).unwrap_or(&Cell::Tom)
    }

    fn rubrik(&self, i: usize) -> &str {
        &self.tabell.kolumner[i].rubrik
    }

    pub fn fel_i(&self, kolumn: &str, meddelande: impl Into<String>) -> Fel {
        self.plats().fel_i(self.rubrik_for(kolumn), meddelande)
    }

    /// The header as written for a known column name.
    pub fn rubrik_for<'b>(&'b self, kolumn: &'b str) -> &'b str {
        self.karta.namn.get(kolumn).map(|&i| self.rubrik(i)).unwrap_or(kolumn)
    }

    /// The cell of a known column as the file holds it, `None` when the column is absent.
    pub fn cell(&self, kolumn: &str) -> Option<&Cell> {
        self.karta.namn.get(kolumn).map(|&i| self.cell_vid(i))
    }

    /// Trimmed text, `None` when empty or the column is absent.
    pub fn text(&self, kolumn: &str) -> Option<String> {
        let i = *self.karta.namn.get(kolumn)?;
        match self.cell_vid(i) {
            c if c.ar_tom() => None,
            c => Some(c.visa()),
        }
    }

    /// Text that must be present.
    pub fn krav_text(&self, kolumn: &str, d: &mut Diagnos) -> Option<String> {
        let t = self.text(kolumn);
        if t.is_none() && self.karta.har(kolumn) {
            d.fel(self.fel_i(kolumn, "värde saknas"));
        }
        t
    }

    /// A number, `Ok(None)` when empty; `Err(Redovisat)` when bad (already recorded).
    pub fn tal(&self, kolumn: &str, procenttabell: bool, d: &mut Diagnos) -> Result<Option<Decimal>, Redovisat> {
        match self.karta.namn.get(kolumn) {
            Some(&i) => self.tal_vid(i, procenttabell, d),
            None => Ok(None),
        }
    }

    pub fn tal_vid(&self, i: usize, procenttabell: bool, d: &mut Diagnos) -> Result<Option<Decimal>, Redovisat> {
        let rubrik = self.rubrik(i).to_string();
        match tolka_tal(self.cell_vid(i), procenttabell) {
            Ok(v) => match v {
                Some(x) if x.abs() > Decimal::from(MAX_BELOPP) => {
                    d.fel(self.plats().fel_i(&rubrik, format!("{} är orimligt stort", x.normalize())));
                    Err(Redovisat)
                }
                _ => Ok(v),
            },
            Err(m) => {
                d.fel(self.plats().fel_i(&rubrik, m));
                Err(Redovisat)
            }
        }
    }

    /// A number that must be present.
    pub fn krav_tal(&self, kolumn: &str, procenttabell: bool, d: &mut Diagnos) -> Option<Decimal> {
        match self.tal(kolumn, procenttabell, d) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                if self.karta.har(kolumn) {
                    d.fel(self.fel_i(kolumn, "värde saknas: ett tal förväntas"));
                }
                None
            }
            Err(Redovisat) => None,
        }
    }

    /// A whole number, `Ok(None)` when empty.
    pub fn heltal(&self, kolumn: &str, d: &mut Diagnos) -> Result<Option<i64>, Redovisat> {
        let Some(&i) = self.karta.namn.get(kolumn) else { return Ok(None) };
        let cell = self.cell_vid(i);
        match tolka_tal(cell, false) {
            Ok(None) => Ok(None),
            Ok(Some(v)) if v.fract().is_zero() && v.abs() < Decimal::from(1_000_000_000i64) => {
                Ok(rust_decimal::prelude::ToPrimitive::to_i64(&v))
            }
            _ => {
                let m = match tolka_tal(cell, false) {
                    Err(m) => m.replace("inte ett tal", "inte ett heltal"),
                    _ => format!("\"{}\" är inte ett heltal", utdrag(&cell.visa())),
                };
                d.fel(self.fel_i(kolumn, m));
                Err(Redovisat)
            }
        }
    }

    /// All year columns' amounts; bad cells are recorded, empty ones absent.
    pub fn arsvarden(&self, procenttabell: bool, d: &mut Diagnos) -> BTreeMap<Ar, Decimal> {
        let mut ut = BTreeMap::new();
        for (&ar, &i) in &self.karta.ar {
            if let Ok(Some(v)) = self.tal_vid(i, procenttabell, d) {
                ut.insert(ar, v);
            }
        }
        ut
    }
}

/// Excel's limit for the text of one cell: a longer text could not be written
/// to a workbook (`--xlsx`), so it is an input error when it is read.
pub const MAX_TEXTLANGD: usize = 32_767;

/// Reports every header and cell whose text is longer than [`MAX_TEXTLANGD`] characters.
pub fn kontrollera_textlangd(t: &Tabell, d: &mut Diagnos) {
    let for_lang = |text: &str| text.len() > MAX_TEXTLANGD && text.chars().count() > MAX_TEXTLANGD;
    let fel = |n: usize| format!("texten har {n} tecken; en cell rymmer högst {MAX_TEXTLANGD} (Excels gräns)");
    for k in &t.kolumner {
        if for_lang(&k.rubrik) {
            d.fel(t.fel(fel(k.rubrik.chars().count())).kolumn(&k.rubrik));
        }
    }
    for r in &t.rader {
        for (i, c) in r.celler.iter().enumerate() {
            if let Cell::Text(text) = c
                && for_lang(text)
            {
                let kolumn = t.kolumner.get(i).map(|k| k.rubrik.clone()).unwrap_or_else(|| format!("kolumn {}", i + 1));
                d.fel(t.kalla.fel(fel(text.chars().count())).rad(r.nr).kolumn(kolumn));
            }
        }
    }
}

/// The most inhabitants a count may hold (ten times Sweden): a larger one is a
/// typing error, and would let products of inputs overflow.
pub const MAX_INVANARE: i64 = 100_000_000;

/// The largest cost per inhabitant in `demografi`, tkr (100 mnkr).
pub const MAX_KOSTNAD_PER_INVANARE: i64 = 100_000;

/// Largest magnitude accepted for any amount: far beyond any kommun's budget,
/// small enough that no computation of the model can overflow a Decimal.
pub const MAX_BELOPP: i64 = 1_000_000_000_000;

/// A cell as a number: number cells as they are (percent-formatted ones ×100 in
/// percent-valued tables), text in Swedish format.
pub fn tolka_tal(cell: &Cell, procenttabell: bool) -> Result<Option<Decimal>, String> {
    match cell {
        Cell::Tom => Ok(None),
        Cell::Tal { varde, procent } => {
            Ok(Some(if *procent && procenttabell { *varde * Decimal::ONE_HUNDRED } else { *varde }))
        }
        Cell::Text(t) => match las_tal(t) {
            Ok((v, false)) => Ok(Some(v)),
            Ok((v, true)) if procenttabell => Ok(Some(v)),
            Ok((_, true)) => Err(format!("\"{}\" är ett procenttal, ett belopp förväntas", utdrag(t))),
            Err(TalFel::Tom) => Ok(None),
            Err(TalFel::InteTal) => Err(format!("\"{}\" är inte ett tal", utdrag(t))),
            Err(TalFel::ForStort) => Err(format!("\"{}\" är för stort för att läsas exakt", utdrag(t))),
        },
        Cell::Datum(visas) => {
            Err(format!("cellen har datumformat och visas som {visas}, inte ett tal: formatera cellen som tal"))
        }
        Cell::Felvarde(t) => Err(format!("cellen innehåller felvärdet {t}, inte ett tal: rätta formeln i arbetsboken")),
        Cell::Annat(t) => Err(format!("\"{}\" är inte ett tal", utdrag(t))),
    }
}

//! A worksheet under construction: cells, formulas, year rows, lists.

use super::*;
use crate::fel::Avbrott;
use crate::modell::{Ar, Modell};
pub(super) use crate::utdata::text::radbryt;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, Formula, Worksheet, utility};
use std::collections::BTreeMap;

/// A sheet's name as a formula needs it: always quoted, `'` doubled.
pub fn bladnamn_i_formel(namn: &str) -> String {
    format!("'{}'", namn.replace('\'', "''"))
}

/// A written cell: where it is, for formulas on this or another sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub blad: String,
    pub rad: u32,
    pub kol: u16,
}

impl Cell {
    /// `D5`.
    pub fn a1(&self) -> String {
        utility::row_col_to_cell(self.rad, self.kol)
    }

    /// `$D$5`.
    pub fn absolut(&self) -> String {
        utility::row_col_to_cell_absolute(self.rad, self.kol)
    }

    /// The reference as a formula on sheet `fran` writes it: `D5`, or
    /// `'Antaganden'!D5` from another sheet.
    pub fn i(&self, fran: &str) -> String {
        if self.blad == fran { self.a1() } else { format!("{}!{}", bladnamn_i_formel(&self.blad), self.a1()) }
    }

    /// As [`Cell::i`], absolute (`$D$5`).
    pub fn abs_i(&self, fran: &str) -> String {
        if self.blad == fran { self.absolut() } else { format!("{}!{}", bladnamn_i_formel(&self.blad), self.absolut()) }
    }

    /// `$D5`: the column fixed.
    pub fn fast_kol(&self) -> String {
        format!("${}{}", utility::column_number_to_name(self.kol), self.rad + 1)
    }

    /// `D$5`: the row fixed.
    pub fn fast_rad(&self) -> String {
        format!("{}${}", utility::column_number_to_name(self.kol), self.rad + 1)
    }

    /// `D5:D9` (or `'Blad'!D5:D9`): the range from this cell to `sista`.
    pub fn till(&self, sista: &Cell, fran: &str) -> String {
        let omr = format!("{}:{}", self.a1(), sista.a1());
        if self.blad == fran { omr } else { format!("{}!{}", bladnamn_i_formel(&self.blad), omr) }
    }
}

/// A column of a sheet: its header, width (in characters) and whether it
/// holds numbers (its header is then right-aligned, over the numbers).
#[derive(Debug, Clone, PartialEq)]
pub struct Kolumn {
    pub rubrik: String,
    pub bredd: f64,
    pub tal: bool,
}

impl Kolumn {
    /// A text column.
    pub fn ny(rubrik: impl Into<String>, bredd: f64) -> Self {
        Kolumn { rubrik: rubrik.into(), bredd, tal: false }
    }

    /// A year or amount column (width 14).
    pub fn tal(rubrik: impl Into<String>) -> Self {
        Kolumn::tal_bredd(rubrik, 14.0)
    }

    /// A number column of another width.
    pub fn tal_bredd(rubrik: impl Into<String>, bredd: f64) -> Self {
        Kolumn { rubrik: rubrik.into(), bredd, tal: true }
    }
}

/// A sheet's columns, defined once: each column's key, header and width in
/// one list, and the column index every formula uses taken from the same
/// list, so that a header and the column its formulas refer to cannot drift
/// apart. `K` names the columns (an enum of the sheet, with a variant per
/// year where the sheet has year columns).
#[derive(Debug, Clone)]
pub struct Kolumner<K> {
    poster: Vec<(K, Kolumn)>,
}

impl<K: Copy + PartialEq + std::fmt::Debug> Kolumner<K> {
    pub fn ny() -> Self {
        Kolumner { poster: Vec::new() }
    }

    /// Adds column `k` after the others.
    pub fn med(mut self, k: K, kolumn: Kolumn) -> Self {
        self.lagg_till(k, kolumn);
        self
    }

    /// Adds column `k` after the others.
    pub fn lagg_till(&mut self, k: K, kolumn: Kolumn) {
        debug_assert!(!self.poster.iter().any(|(x, _)| *x == k), "kolumnen {k:?} finns redan");
        self.poster.push((k, kolumn));
    }

    /// The index of column `k`. A key the sheet does not define is a defect
    /// of the writer (every sheet is written by the tests), never of the input.
    pub fn kol(&self, k: K) -> u16 {
        let i = self.poster.iter().position(|(x, _)| *x == k);
        i.map(|i| i as u16).unwrap_or_else(|| panic!("bladet saknar kolumnen {k:?}"))
    }

    /// Whether the sheet has column `k`.
    pub fn har(&self, k: K) -> bool {
        self.poster.iter().any(|(x, _)| *x == k)
    }

    /// The last column's index.
    pub fn sista(&self) -> u16 {
        self.poster.len().saturating_sub(1) as u16
    }

    /// Headers and widths, in order, for [`Arbetsbok::nytt_blad`].
    pub fn kolumner(&self) -> Vec<Kolumn> {
        self.poster.iter().map(|(_, k)| k.clone()).collect()
    }

    /// The columns in order, with their keys.
    pub fn poster(&self) -> impl Iterator<Item = (&K, &Kolumn)> {
        self.poster.iter().map(|(k, c)| (k, c))
    }

    /// The keys, in column order.
    pub fn nycklar(&self) -> impl Iterator<Item = K> + '_ {
        self.poster.iter().map(|(k, _)| *k)
    }

    /// The header of column `k`.
    pub fn rubrik(&self, k: K) -> &str {
        &self.poster[self.kol(k) as usize].1.rubrik
    }
}

impl<K: Copy + PartialEq + std::fmt::Debug> Default for Kolumner<K> {
    fn default() -> Self {
        Kolumner::ny()
    }
}

/// The header of a year column: `Basår 2025`, `Budget 2026`, `Plan 2027`.
pub fn arsrubrik(m: &Modell, t: Ar) -> String {
    if t == m.basar {
        format!("Basår {t}")
    } else if t == m.budgetar() {
        format!("Budget {t}")
    } else {
        format!("Plan {t}")
    }
}

/// The year columns of a sheet: the years, the first one in column `forsta`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arskolumner {
    pub forsta: u16,
    pub ar: Vec<Ar>,
}

impl Arskolumner {
    pub fn ny(forsta: u16, ar: Vec<Ar>) -> Self {
        Arskolumner { forsta, ar }
    }

    /// The column of year `t` (the first column for a year not in the list).
    pub fn kol(&self, t: Ar) -> u16 {
        let i = self.ar.iter().position(|&a| a == t).unwrap_or(0);
        self.forsta + i as u16
    }

    /// The last year's column.
    pub fn sista(&self) -> u16 {
        self.forsta + self.ar.len().saturating_sub(1) as u16
    }
}

/// The cells of a row, by year.
pub type Arsceller = BTreeMap<Ar, Cell>;

/// What a year's cell of a row holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Arsvarde {
    /// A value: input ([`Roll::Indata`]) or computed by ramverk ([`Roll::Beraknat`]).
    Varde(Decimal, Roll),
    /// A formula (`=…`) with ramverk's exact result.
    Formel(String, Decimal),
    /// A formula shown as a total (bold, a line above).
    Summa(String, Decimal),
    /// Nothing: the cell stays empty.
    Tom,
}

/// The longest row of a note, in characters.
pub const ANTECKNING_BREDD: usize = 110;

/// The value of a setting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Installning<'a> {
    Text(&'a str),
    Tal(Decimal, Slag),
}

/// A worksheet under construction, with a cursor for the next free row.
pub struct Blad {
    pub(super) namn: String,
    pub(super) ark: Worksheet,
    pub(super) rad: u32,
    /// The column widths (characters), for the height of wrapped header rows.
    pub(super) bredder: Vec<f64>,
    /// The columns that hold numbers: their headers are right-aligned.
    pub(super) talkolumner: Vec<bool>,
    /// The unit amounts are shown in.
    pub(super) enhet: crate::utdata::enhet::Enhet,
    /// Whether the header row is repeated on every printed page.
    pub(super) upprepa_rubrik: bool,
}

impl Blad {
    /// The sheet holds more than one table: its first header row is not
    /// printed again above the others on later pages.
    pub fn flera_tabeller(&mut self) {
        self.upprepa_rubrik = false;
    }

    /// The unit amounts are shown in, as a label says it: `tkr` or `mnkr`.
    pub fn enhet(&self) -> &'static str {
        self.enhet.namn()
    }

    /// `f` with the number format of an amount in the workbook's unit: in
    /// mnkr the cell keeps its tkr value and the format scales it (`#,##0.0,`).
    fn i_enhet(&self, slag: Slag, f: &Format) -> Format {
        match (slag, self.enhet) {
            (Slag::Belopp, crate::utdata::enhet::Enhet::Mnkr) => f.clone().set_num_format("#,##0.0,"),
            (Slag::Exakt, crate::utdata::enhet::Enhet::Mnkr) => f.clone().set_num_format("#,##0.0000,"),
            _ => f.clone(),
        }
    }

    /// The sheet's name.
    pub fn namn(&self) -> &str {
        &self.namn
    }

    /// The next free row (the header is row 0).
    pub fn rad(&self) -> u32 {
        self.rad
    }

    /// Takes the next row and moves the cursor below it.
    pub fn ny_rad(&mut self) -> u32 {
        let r = self.rad;
        self.rad += 1;
        r
    }

    /// Leaves an empty row.
    pub fn tom_rad(&mut self) {
        self.rad += 1;
    }

    /// Direct access to the worksheet for what the toolkit does not cover.
    pub fn ark(&mut self) -> &mut Worksheet {
        &mut self.ark
    }

    fn cell(&self, rad: u32, kol: u16) -> Cell {
        Cell { blad: self.namn.clone(), rad, kol }
    }

    /// A text cell.
    pub fn text(&mut self, rad: u32, kol: u16, text: &str) -> Result<Cell, Avbrott> {
        self.ark.write_string(rad, kol, text)?;
        Ok(self.cell(rad, kol))
    }

    /// A text cell with a format.
    pub fn text_med(&mut self, rad: u32, kol: u16, text: &str, f: &Format) -> Result<Cell, Avbrott> {
        self.ark.write_string_with_format(rad, kol, text, f)?;
        Ok(self.cell(rad, kol))
    }

    /// A section title in bold on the next row; returns the row.
    pub fn avsnitt(&mut self, titel: &str) -> Result<u32, Avbrott> {
        let r = self.ny_rad();
        self.text_med(r, 0, titel, &Format::new().set_bold().set_font_size(12))?;
        Ok(r)
    }

    /// An explanatory note in italics from the next row, broken into rows
    /// of at most [`ANTECKNING_BREDD`] characters (so that it does not widen
    /// the printed page); returns the first row.
    pub fn anteckning(&mut self, text: &str) -> Result<u32, Avbrott> {
        let f = Format::new().set_italic().set_font_color(Color::RGB(0x595959));
        let forsta = self.rad;
        for rad in radbryt(text, ANTECKNING_BREDD) {
            let r = self.ny_rad();
            self.text_med(r, 0, &rad, &f)?;
        }
        Ok(forsta)
    }

    /// A header row (bold, filled) at `rad`, from column 0.
    /// A header wider than its column wraps: the row is made as high as its
    /// most lines (at most 3).
    pub fn rubrikrad(&mut self, rad: u32, rubriker: &[String]) -> Result<(), Avbrott> {
        let f = rubrikformat();
        let hoger = rubrikformat().set_align(rust_xlsxwriter::FormatAlign::Right);
        let mut rader = 1;
        for (k, r) in rubriker.iter().enumerate() {
            let f = if self.talkolumner.get(k).copied().unwrap_or(false) { &hoger } else { &f };
            self.ark.write_string_with_format(rad, kol(k)?, r, f)?;
            rader = rader.max(rubrikrader(r, self.bredder.get(k).copied().unwrap_or(STANDARDBREDD)));
        }
        if rader > 1 {
            self.ark.set_row_height(rad, 15.0 * rader as f64)?;
        }
        Ok(())
    }

    /// Sets the width of column `k` (characters).
    pub fn kolumnbredd(&mut self, k: u16, bredd: f64) -> Result<(), Avbrott> {
        if self.bredder.len() <= k as usize {
            self.bredder.resize(k as usize + 1, STANDARDBREDD);
        }
        self.bredder[k as usize] = bredd;
        self.ark.set_column_width(k, bredd)?;
        Ok(())
    }

    /// A number: a value, not a formula. `v` is in the unit of `slag`
    /// (a percent number for [`Slag::Procent`]).
    pub fn tal(&mut self, rad: u32, kol: u16, v: Decimal, slag: Slag, roll: Roll) -> Result<Cell, Avbrott> {
        self.tal_med(rad, kol, v, slag, &cellformat(slag, roll))
    }

    /// A live formula with its result stored, so the workbook is right when
    /// opened without recalculation. `formel` is in Excel's English syntax
    /// (`=SUM(C3:C8)`, `'Intäkter'!C12`); `resultat` is ramverk's exact value
    /// in the unit of `slag`.
    pub fn formel(
        &mut self,
        rad: u32,
        kol: u16,
        formel: &str,
        resultat: Decimal,
        slag: Slag,
        roll: Roll,
    ) -> Result<Cell, Avbrott> {
        self.formel_med(rad, kol, formel, resultat, slag, &cellformat(slag, roll))
    }

    /// A number in the format of `slag` with the fill and borders of `f`
    /// (e.g. [`cellformat`] with a line added).
    pub fn tal_med(&mut self, rad: u32, kol: u16, v: Decimal, slag: Slag, f: &Format) -> Result<Cell, Avbrott> {
        let f = self.i_enhet(slag, f);
        self.ark.write_number_with_format(rad, kol, cellvarde(v, slag)?, &f)?;
        Ok(self.cell(rad, kol))
    }

    /// A live formula with its result stored, in the format `f` (see [`Blad::formel`]).
    pub fn formel_med(
        &mut self,
        rad: u32,
        kol: u16,
        formel: &str,
        resultat: Decimal,
        slag: Slag,
        f: &Format,
    ) -> Result<Cell, Avbrott> {
        let v = cellvarde(resultat, slag)?;
        let f = self.i_enhet(slag, f);
        self.ark.write_formula_with_format(rad, kol, Formula::new(formel).set_result(format!("{v}")), &f)?;
        Ok(self.cell(rad, kol))
    }

    /// A formula with a text result (`=IF(D9>=0,"ja","nej")`), the result stored.
    pub fn textformel(
        &mut self,
        rad: u32,
        kol: u16,
        formel: &str,
        resultat: &str,
        f: &Format,
    ) -> Result<Cell, Avbrott> {
        let formel = Formula::new(formel).set_result(resultat);
        self.ark.write_formula_with_format(rad, kol, formel, f)?;
        Ok(self.cell(rad, kol))
    }

    /// `=SUM(forsta:sista)` with its result; with no cells to add, the value 0.
    pub fn summa(
        &mut self,
        rad: u32,
        kol: u16,
        omrade: Option<(&Cell, &Cell)>,
        resultat: Decimal,
        slag: Slag,
    ) -> Result<Cell, Avbrott> {
        match omrade {
            Some((a, b)) => {
                let f = format!("=SUM({})", a.till(b, &self.namn));
                self.formel(rad, kol, &f, resultat, slag, Roll::Summa)
            }
            None => self.tal(rad, kol, resultat, slag, Roll::Beraknat),
        }
    }

    /// A row on the next free row: the label in column A, `typ` (a type, unit
    /// or explanation; may be empty) in B, and per year of `kolumner` the cell
    /// `cell(t, this sheet's name)` gives, in the format of `slag`. With
    /// `kalla = Some((kolumn, text))` the source is written in that column.
    /// Returns the year cells written, for sums and references.
    pub fn arsrad(
        &mut self,
        kolumner: &Arskolumner,
        etikett: &str,
        typ: &str,
        kalla: Option<(u16, &str)>,
        slag: Slag,
        mut cell: impl FnMut(Ar, &str) -> Arsvarde,
    ) -> Result<Arsceller, Avbrott> {
        let r = self.etikettrad(etikett, typ, kalla)?;
        let mut ut = Arsceller::new();
        for &t in &kolumner.ar {
            let k = kolumner.kol(t);
            let c = match cell(t, &self.namn) {
                Arsvarde::Varde(v, roll) => self.tal(r, k, v, slag, roll)?,
                Arsvarde::Formel(f, v) => self.formel(r, k, &f, v, slag, Roll::Formel)?,
                Arsvarde::Summa(f, v) => self.formel(r, k, &f, v, slag, Roll::Summa)?,
                Arsvarde::Tom => continue,
            };
            ut.insert(t, c);
        }
        Ok(ut)
    }

    /// A total row of amounts (tkr) on the next free row, label in bold: per
    /// year `=SUM(…)` over that year's cells of `rader` (`=a+b+…` when they
    /// are not one block), with the result `resultat(t)`.
    pub fn summarad(
        &mut self,
        kolumner: &Arskolumner,
        etikett: &str,
        rader: &[Arsceller],
        mut resultat: impl FnMut(Ar) -> Decimal,
    ) -> Result<Arsceller, Avbrott> {
        let r = self.ny_rad();
        self.text_med(r, 0, etikett, &Format::new().set_bold())?;
        let mut ut = Arsceller::new();
        for &t in &kolumner.ar {
            let k = kolumner.kol(t);
            let celler: Vec<&Cell> = rader.iter().filter_map(|rad| rad.get(&t)).collect();
            let block = match (celler.first(), celler.last()) {
                (Some(a), Some(z)) if z.rad + 1 == a.rad + celler.len() as u32 => Some((*a, *z)),
                _ => None,
            };
            let c = if block.is_none() && !celler.is_empty() {
                let termer: Vec<String> = celler.iter().map(|c| c.i(&self.namn)).collect();
                let f = format!("={}", termer.join("+"));
                self.formel(r, k, &f, resultat(t), Slag::Belopp, Roll::Summa)?
            } else {
                self.summa(r, k, block, resultat(t), Slag::Belopp)?
            };
            ut.insert(t, c);
        }
        Ok(ut)
    }

    /// The next free row with its label in A, `typ` (if any) in B and the source (if any).
    fn etikettrad(&mut self, etikett: &str, typ: &str, kalla: Option<(u16, &str)>) -> Result<u32, Avbrott> {
        let r = self.ny_rad();
        self.text(r, 0, etikett)?;
        if !typ.is_empty() {
            self.text(r, 1, typ)?;
        }
        if let Some((k, text)) = kalla {
            // Indented: a source stands apart from the numbers to its left.
            self.text_med(r, k, text, &Format::new().set_indent(1))?;
        }
        Ok(r)
    }

    /// A setting on the next free row: label in A, type or unit in B, the
    /// value in C (an input), the source (if any) in the given column.
    pub fn installning(
        &mut self,
        etikett: &str,
        typ: &str,
        varde: Installning<'_>,
        kalla: Option<(u16, &str)>,
    ) -> Result<Cell, Avbrott> {
        let r = self.etikettrad(etikett, typ, kalla)?;
        match varde {
            Installning::Tal(v, slag) => self.tal(r, 2, v, slag, Roll::Indata),
            Installning::Text(text) => self.text(r, 2, text),
        }
    }

    /// Autofilter on a list: its header row `rubrikrad` through `sista_rad`, columns `0..=sista_kol`.
    pub fn autofilter(&mut self, rubrikrad: u32, sista_rad: u32, sista_kol: u16) -> Result<(), Avbrott> {
        self.ark.autofilter(rubrikrad, 0, sista_rad.max(rubrikrad), sista_kol)?;
        Ok(())
    }
}

/// The first columns of a list grouped by year: nämnd (id), namn and år
/// (see [`Blad::arsgrupperad_lista`]).
pub fn arslistans_kolumner() -> Vec<Kolumn> {
    vec![Kolumn::ny("Nämnd", 9.0), Kolumn::ny("Namn", 34.0), Kolumn::tal_bredd("År", 7.0)]
}

/// The rows of a list grouped by year (see [`Blad::arsgrupperad_lista`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Arslista {
    /// Per year, the row of each entry (in the order given).
    pub rader: BTreeMap<Ar, Vec<u32>>,
    /// Per year, its Summa row.
    pub summarader: BTreeMap<Ar, u32>,
    /// The header row and the last row, for an autofilter.
    pub forsta: u32,
    pub sista: u32,
}

impl Arslista {
    /// The cell of entry `i` in year `t`, column `kol`.
    pub fn cell(&self, blad: &str, t: Ar, i: usize, kol: u16) -> Cell {
        Cell { blad: blad.to_string(), rad: self.rader[&t][i], kol }
    }

    /// The cell of year `t`'s Summa row, column `kol`.
    pub fn summa(&self, blad: &str, t: Ar, kol: u16) -> Cell {
        Cell { blad: blad.to_string(), rad: self.summarader[&t], kol }
    }
}

impl Blad {
    /// A list grouped by year, from the next free row: for each year of `ar`
    /// one row per entry of `poster` (id in column A, name in B, the year in
    /// C, the rest written by `rad(blad, row, year, entry index)`, which
    /// returns the amount cells it wrote as (column, exact value)), then a
    /// Summa row with `=SUM(…)` over the year's rows of every column that has
    /// an amount. Year-grouped so that an autofilter on År shows one year
    /// with its sum.
    pub fn arsgrupperad_lista(
        &mut self,
        ar: &[Ar],
        poster: &[(&str, &str)],
        mut rad: impl FnMut(&mut Blad, u32, Ar, usize) -> Result<Vec<(u16, Decimal)>, Avbrott>,
    ) -> Result<Arslista, Avbrott> {
        let mut ut = Arslista { forsta: self.rad.saturating_sub(1), ..Default::default() };
        let fet = Format::new().set_bold();
        for &t in ar {
            let mut summor: BTreeMap<u16, Decimal> = BTreeMap::new();
            let mut rader = Vec::with_capacity(poster.len());
            for (i, (id, namn)) in poster.iter().enumerate() {
                let r = self.ny_rad();
                self.text(r, 0, id)?;
                self.text(r, 1, namn)?;
                self.tal(r, 2, t.into(), Slag::Tal, Roll::Formel)?;
                for (k, v) in rad(self, r, t, i)? {
                    *summor.entry(k).or_default() += v;
                }
                rader.push(r);
            }
            let r = self.ny_rad();
            self.text_med(r, 0, "Summa", &fet)?;
            self.tal(r, 2, t.into(), Slag::Tal, Roll::Formel)?;
            for (k, v) in summor {
                let (a, z) = (self.cell(rader[0], k), self.cell(rader[rader.len() - 1], k));
                self.summa(r, k, Some((&a, &z)), v, Slag::Belopp)?;
            }
            ut.rader.insert(t, rader);
            ut.summarader.insert(t, r);
            ut.sista = r;
        }
        Ok(ut)
    }
}

/// A legend of the fills, as a section on the next rows.
pub fn teckenforklaring(b: &mut Blad) -> Result<(), Avbrott> {
    b.avsnitt("Teckenförklaring")?;
    for (roll, text) in [
        (Roll::Indata, "Indata: ändra här, formlerna räknar om"),
        (Roll::Formel, "Formel: räknas om när indata ändras"),
        (Roll::Summa, "Summa: formel"),
        (Roll::Beraknat, "Beräknat av ramverk: värde som inte räknas om"),
    ] {
        let r = b.ny_rad();
        b.text_med(r, 0, text, &cellformat(Slag::Tal, roll))?;
    }
    Ok(())
}

/// Excel's default column width (characters).
const STANDARDBREDD: f64 = 8.43;

/// How many lines a header of a column `bredd` characters wide wraps into (1–3).
pub(super) fn rubrikrader(rubrik: &str, bredd: f64) -> usize {
    textrader(rubrik, bredd).clamp(1, 3)
}

/// How many lines a wrapped text in a column `bredd` characters wide takes.
pub(super) fn textrader(text: &str, bredd: f64) -> usize {
    let per_rad = (bredd - 2.0).max(4.0) as usize;
    radbryt(text, per_rad).len().max(1)
}

pub(super) fn kol(k: usize) -> Result<u16, Avbrott> {
    u16::try_from(k).map_err(|_| Avbrott::Annat("för många kolumner för ett kalkylblad".into()))
}

//! Excel workbooks: the shared conventions every report follows (UTDATA.md,
//! "Workbooks"), and one module per report.
//!
//! A report builds its sheets with [`Arbetsbok::nytt_blad`], writes cells with
//! [`Blad::tal`] (a value), [`Blad::formel`] (a live formula with its result
//! stored) and [`Blad::text`], refers across sheets with the [`Cell`] a write
//! returns, and saves with [`Arbetsbok::spara`]. The toolkit fixes:
//!
//! - number formats by [`Slag`]: tkr and persons `#,##0`, percent `0.0%` (the
//!   value stored as a fraction), factors `0.000000`;
//! - fills by [`Roll`]: yellow for input cells, white for formulas, grey for
//!   values ramverk computed that do not follow an edit (e.g. §10 rounding);
//! - a frozen header row, landscape, one page wide, the page header line
//!   kommun | scenario | SKR prognosis, the sheet name and page numbers below;
//! - document properties with a fixed date, so the same inputs give the same
//!   bytes;
//! - saving through a temporary file beside the target, renamed into place.
//!
//! Every amount is computed as an exact `Decimal` by the core before the
//! writer starts; the only `f64` is the one handed to the cell.

pub mod antaganden;
pub mod befintlig;
pub mod forslag;
pub mod intakter;
pub mod jamfor;
pub mod ram;
pub mod simulering;

use crate::berakning::Grund;
use crate::fel::Avbrott;
use crate::modell::{Ar, Modell};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
    utility,
};
use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The document date of every workbook (created and modified). A constant,
/// not the clock: the same inputs must give a byte-identical file.
pub const DOKUMENTDATUM: (u16, u8, u8) = (2000, 1, 1);

/// Fill of input cells: the numbers an economist may change.
pub const FARG_INDATA: u32 = 0xFFF2CC;
/// Fill of values ramverk computed that are not formulas (they do not follow an edit).
pub const FARG_BERAKNAT: u32 = 0xEDEDED;
/// Fill of header rows.
pub const FARG_RUBRIK: u32 = 0xDDEBF7;
/// Fill of selected VF items (green).
pub const FARG_VALD: u32 = 0xC6EFCE;
/// Fill of VF items not selected, where both are coloured (red).
pub const FARG_EJ_VALD: u32 = 0xFFC7CE;
/// Colour of the line drawn where a VF selection stops.
pub const FARG_GRANS: u32 = 0xC00000;

/// `ja` or `nej`, as the workbooks write a yes/no.
pub fn ja_nej(b: bool) -> &'static str {
    if b { "ja" } else { "nej" }
}

/// What a number is, which decides its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slag {
    /// Money in tkr: `#,##0`.
    Belopp,
    /// A percent number (3.4 means 3.4 %), stored as the fraction 0.034 and
    /// shown `0.0%`. Formula results are given as percent numbers too.
    Procent,
    /// Persons: `#,##0`.
    Antal,
    /// A ratio such as r(t) or L(t): `0.000000`.
    Faktor,
    /// Any other number (a year, a tax rate): Excel's General format.
    Tal,
}

impl Slag {
    fn talformat(self) -> Option<&'static str> {
        match self {
            Slag::Belopp | Slag::Antal => Some("#,##0"),
            Slag::Procent => Some("0.0%"),
            Slag::Faktor => Some("0.000000"),
            Slag::Tal => None,
        }
    }

    /// The number stored in the cell: percent numbers become fractions.
    fn cellvarde(self, v: Decimal) -> Decimal {
        match self {
            Slag::Procent => v / Decimal::ONE_HUNDRED,
            _ => v,
        }
    }
}

/// Where a cell's number comes from, which decides its fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roll {
    /// An input of the model or the scenario (yellow): edit it and the formulas follow.
    Indata,
    /// A live formula (no fill).
    Formel,
    /// A total: a live formula in bold with a line above.
    Summa,
    /// A value ramverk computed that is not a formula (grey): it does not follow an edit.
    Beraknat,
}

/// The cell format of a number of kind `slag` and role `roll`.
pub fn cellformat(slag: Slag, roll: Roll) -> Format {
    let mut f = Format::new();
    if let Some(tf) = slag.talformat() {
        f = f.set_num_format(tf);
    }
    match roll {
        Roll::Indata => f.set_background_color(Color::RGB(FARG_INDATA)),
        Roll::Beraknat => f.set_background_color(Color::RGB(FARG_BERAKNAT)),
        Roll::Formel => f,
        Roll::Summa => f.set_bold().set_border_top(FormatBorder::Thin),
    }
}

/// The format of header cells: bold on a light fill with a line below.
pub fn rubrikformat() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(FARG_RUBRIK))
        .set_border_bottom(FormatBorder::Thin)
}

/// What a workbook is about: its title and the page header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dokument {
    pub titel: String,
    pub kommun: String,
    pub scenario: String,
    pub skr_prognos: String,
}

impl Dokument {
    /// A document about one model under one scenario.
    pub fn for_grund(titel: impl Into<String>, g: &Grund<'_>) -> Self {
        Dokument {
            titel: titel.into(),
            kommun: g.modell.kommun.clone(),
            scenario: g.scenario.namn.clone(),
            skr_prognos: g.modell.skr_prognos.clone(),
        }
    }

    /// Title, subject (the scenario) and comments (the SKR prognosis), dated
    /// [`DOKUMENTDATUM`].
    pub fn egenskaper(&self) -> Result<DocProperties, XlsxError> {
        let (a, m, d) = DOKUMENTDATUM;
        let datum = ExcelDateTime::from_ymd(a, m, d)?;
        Ok(DocProperties::new()
            .set_title(&self.titel)
            .set_subject(&self.scenario)
            .set_comment(&self.skr_prognos)
            .set_company(&self.kommun)
            .set_author("ramverk")
            .set_creation_datetime(&datum))
    }
}

/// Excel's limit for a page header, control codes included.
const SIDHUVUD_MAX: usize = 255;

/// The page header: kommun left, scenario centre, SKR prognosis right. `&` in
/// a name is doubled (Excel's escape); each part is shortened so the whole
/// stays within Excel's 255 characters.
pub fn sidhuvud(d: &Dokument) -> String {
    let delar = [d.kommun.as_str(), &format!("Scenario: {}", d.scenario), &format!("SKR-prognos: {}", d.skr_prognos)];
    let mut max = 80;
    loop {
        let [l, c, r] = delar.map(|t| sidhuvudtext(t, max));
        let s = format!("&L{l}&C{c}&R{r}");
        if s.encode_utf16().count() <= SIDHUVUD_MAX || max == 0 {
            return s;
        }
        max -= 5;
    }
}

/// A header/footer text with `&` escaped, at most `max` characters before escaping.
fn sidhuvudtext(text: &str, max: usize) -> String {
    let kort: String = if text.chars().count() > max {
        text.chars().take(max.saturating_sub(1)).chain(['…']).collect()
    } else {
        text.to_string()
    };
    kort.replace('&', "&&")
}

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

/// A column of a sheet: its header and width (in characters).
#[derive(Debug, Clone, PartialEq)]
pub struct Kolumn {
    pub rubrik: String,
    pub bredd: f64,
}

impl Kolumn {
    pub fn ny(rubrik: impl Into<String>, bredd: f64) -> Self {
        Kolumn { rubrik: rubrik.into(), bredd }
    }

    /// A year or amount column (width 14).
    pub fn tal(rubrik: impl Into<String>) -> Self {
        Kolumn::ny(rubrik, 14.0)
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

/// `text` broken at spaces into rows of at most `bredd` characters (a longer
/// word stands alone).
fn radbryt(text: &str, bredd: usize) -> Vec<String> {
    let mut ut: Vec<String> = Vec::new();
    let mut rad = String::new();
    for ord in text.split_whitespace() {
        if !rad.is_empty() && rad.chars().count() + 1 + ord.chars().count() > bredd {
            ut.push(std::mem::take(&mut rad));
        }
        if !rad.is_empty() {
            rad.push(' ');
        }
        rad.push_str(ord);
    }
    if !rad.is_empty() || ut.is_empty() {
        ut.push(rad);
    }
    ut
}

/// The value of a setting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Installning<'a> {
    Text(&'a str),
    Tal(Decimal, Slag),
}

/// A worksheet under construction, with a cursor for the next free row.
pub struct Blad {
    namn: String,
    ark: Worksheet,
    rad: u32,
    /// The column widths (characters), for the height of wrapped header rows.
    bredder: Vec<f64>,
}

impl Blad {
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
        let mut rader = 1;
        for (k, r) in rubriker.iter().enumerate() {
            self.ark.write_string_with_format(rad, kol(k)?, r, &f)?;
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
        self.ark.write_number_with_format(rad, kol, cellvarde(v, slag)?, &cellformat(slag, roll))?;
        Ok(self.cell(rad, kol))
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
        self.ark.write_number_with_format(rad, kol, cellvarde(v, slag)?, f)?;
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
        self.ark.write_formula_with_format(rad, kol, Formula::new(formel).set_result(format!("{v}")), f)?;
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
        let r = self.ny_rad();
        self.text(r, 0, etikett)?;
        if !typ.is_empty() {
            self.text(r, 1, typ)?;
        }
        if let Some((k, text)) = kalla {
            self.text(r, k, text)?;
        }
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

    /// A setting on the next free row: label in A, type or unit in B, the
    /// value in C (an input), the source (if any) in the given column.
    pub fn installning(
        &mut self,
        etikett: &str,
        typ: &str,
        varde: Installning<'_>,
        kalla: Option<(u16, &str)>,
    ) -> Result<Cell, Avbrott> {
        let r = self.ny_rad();
        self.text(r, 0, etikett)?;
        if !typ.is_empty() {
            self.text(r, 1, typ)?;
        }
        if let Some((k, text)) = kalla {
            self.text(r, k, text)?;
        }
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
    vec![Kolumn::ny("Nämnd", 9.0), Kolumn::ny("Namn", 34.0), Kolumn::ny("År", 7.0)]
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

/// A number as the cell holds it: `f64`, percent numbers as fractions, no `-0`.
fn cellvarde(v: Decimal, slag: Slag) -> Result<f64, Avbrott> {
    let c = slag.cellvarde(v);
    if c.is_zero() {
        return Ok(0.0);
    }
    c.to_f64()
        .filter(|f| f.is_finite())
        .ok_or_else(|| Avbrott::Annat(format!("talet {c} kan inte skrivas i arbetsboken")))
}

/// Excel's default column width (characters).
const STANDARDBREDD: f64 = 8.43;

/// How many lines a header of a column `bredd` characters wide wraps into (1–3).
fn rubrikrader(rubrik: &str, bredd: f64) -> usize {
    let per_rad = (bredd - 1.0).max(4.0) as usize;
    radbryt(rubrik, per_rad).len().clamp(1, 3)
}

fn kol(k: usize) -> Result<u16, Avbrott> {
    u16::try_from(k).map_err(|_| Avbrott::Annat("för många kolumner för ett kalkylblad".into()))
}

/// A workbook under construction: the document, and its sheets in order.
pub struct Arbetsbok {
    dokument: Dokument,
    blad: Vec<Blad>,
}

impl Arbetsbok {
    pub fn ny(dokument: Dokument) -> Self {
        Arbetsbok { dokument, blad: vec![] }
    }

    pub fn dokument(&self) -> &Dokument {
        &self.dokument
    }

    /// A new sheet with the conventions: the header row `kolumner` (row 0,
    /// frozen with the first `fasta_kolumner` columns, repeated on every
    /// printed page), column widths, A4 landscape one page wide, the page
    /// header line and a footer with sheet name and page numbers. The sheet
    /// is not yet part of the workbook: build sheets in any order (those
    /// referred to first) and add them with [`Arbetsbok::lagg_till`] in the
    /// order they are shown.
    pub fn nytt_blad(&self, namn: &str, kolumner: &[Kolumn], fasta_kolumner: u16) -> Result<Blad, Avbrott> {
        let mut ark = Worksheet::new();
        ark.set_name(namn)?;
        ark.set_landscape();
        ark.set_paper_size(9);
        ark.set_print_fit_to_pages(1, 0);
        ark.set_header(sidhuvud(&self.dokument));
        ark.set_footer("&L&A&RSida &P av &N");
        ark.set_repeat_rows(0, 0)?;
        ark.set_freeze_panes(1, fasta_kolumner)?;
        let mut b = Blad { namn: namn.to_string(), ark, rad: 1, bredder: Vec::new() };
        for (k, c) in kolumner.iter().enumerate() {
            b.kolumnbredd(kol(k)?, c.bredd)?;
        }
        b.rubrikrad(0, &kolumner.iter().map(|c| c.rubrik.clone()).collect::<Vec<_>>())?;
        Ok(b)
    }

    /// Adds a finished sheet after those already added.
    pub fn lagg_till(&mut self, blad: Blad) {
        self.blad.push(blad);
    }

    /// The workbook file's bytes.
    pub fn bytes(self) -> Result<Vec<u8>, Avbrott> {
        let mut bok = Workbook::new();
        bok.set_properties(&self.dokument.egenskaper()?);
        for b in self.blad {
            bok.push_worksheet(b.ark);
        }
        Ok(bok.save_to_buffer()?)
    }

    /// Writes the workbook to `fil` through a temporary file beside it:
    /// an existing file is replaced whole or not at all.
    pub fn spara(self, fil: &Path) -> Result<(), Avbrott> {
        let bytes = self.bytes()?;
        skriv_atomiskt(fil, &bytes)
    }
}

impl From<XlsxError> for Avbrott {
    fn from(e: XlsxError) -> Self {
        Avbrott::Annat(format!("arbetsboken kunde inte skapas: {e}"))
    }
}

/// Writes `innehall` to a temporary file in `fil`'s folder and renames it to
/// `fil`. On any failure the temporary file is removed and `fil` is left as it was.
pub fn skriv_atomiskt(fil: &Path, innehall: &[u8]) -> Result<(), Avbrott> {
    let fel =
        |vad: &str, e: &io::Error| Avbrott::Annat(format!("{} kunde inte skrivas: {vad}{}", fil.display(), io_text(e)));
    let namn = fil
        .file_name()
        .ok_or_else(|| Avbrott::Annat(format!("{} är inget filnamn", fil.display())))?
        .to_string_lossy()
        .into_owned();
    if fil.is_dir() {
        return Err(Avbrott::Annat(format!("{} kunde inte skrivas: det är en mapp", fil.display())));
    }
    let mapp = match fil.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tmp, mut f) = skapa_tillfallig(&mapp, &namn).map_err(|e| fel("", &e))?;
    let skrivet = f.write_all(innehall).and_then(|_| f.sync_all());
    drop(f);
    if let Err(e) = skrivet.and_then(|_| fs::rename(&tmp, fil)) {
        let _ = fs::remove_file(&tmp);
        return Err(fel("", &e));
    }
    Ok(())
}

/// A new, empty temporary file `.<namn>.<pid>-<n>.tmp` in `mapp`.
fn skapa_tillfallig(mapp: &Path, namn: &str) -> io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    let mut n = 0u32;
    loop {
        let tmp = mapp.join(format!(".{namn}.{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// An I/O error in Swedish where the kind is known.
fn io_text(e: &io::Error) -> String {
    use io::ErrorKind::*;
    match e.kind() {
        NotFound => "mappen finns inte".into(),
        PermissionDenied => "behörighet saknas".into(),
        StorageFull => "disken är full".into(),
        ReadOnlyFilesystem => "filsystemet är skrivskyddat".into(),
        IsADirectory => "det är en mapp".into(),
        NotADirectory => "en del av sökvägen är ingen mapp".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn dok(kommun: &str) -> Dokument {
        Dokument {
            titel: "Procentuell ram".into(),
            kommun: kommun.into(),
            scenario: "Bas".into(),
            skr_prognos: "SKR 24:67".into(),
        }
    }

    #[test]
    fn sidhuvud_med_tre_delar_och_escapat_och_tecken() {
        assert_eq!(sidhuvud(&dok("Hedemora kommun")), "&LHedemora kommun&CScenario: Bas&RSKR-prognos: SKR 24:67");
        assert_eq!(
            sidhuvud(&dok("Ludvika & Smedjebacken")),
            "&LLudvika && Smedjebacken&CScenario: Bas&RSKR-prognos: SKR 24:67"
        );
    }

    #[test]
    fn langt_sidhuvud_kortas() {
        let mut d = dok(&"&".repeat(200));
        d.skr_prognos = "x".repeat(300);
        let s = sidhuvud(&d);
        assert!(s.encode_utf16().count() <= SIDHUVUD_MAX, "{}", s.len());
        assert!(s.contains('…'));
        // The cut is made before escaping: every `&` of the name stays doubled.
        let vanster = &s[2..s.find('…').unwrap()];
        assert!(vanster.len().is_multiple_of(2) && vanster.chars().all(|c| c == '&'), "{vanster}");
    }

    #[test]
    fn anteckningar_bryts_vid_mellanslag() {
        assert_eq!(radbryt("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(radbryt("ett  två", 100), ["ett två"]);
        assert_eq!(radbryt("", 10), [""]);
        assert_eq!(radbryt("långtord x", 3), ["långtord", "x"]);
    }

    #[test]
    fn procent_lagras_som_andel() {
        assert_eq!(cellvarde(dec!(3.4), Slag::Procent).unwrap(), 0.034);
        assert_eq!(cellvarde(dec!(1234.5), Slag::Belopp).unwrap(), 1234.5);
        assert!(cellvarde(dec!(-0.000), Slag::Belopp).unwrap().is_sign_positive());
    }

    #[test]
    fn referenser_over_blad() {
        let c = Cell { blad: "Intäkter".into(), rad: 4, kol: 3 };
        assert_eq!(c.i("Intäkter"), "D5");
        assert_eq!(c.i("Procentuell ram"), "'Intäkter'!D5");
        assert_eq!(c.abs_i("Procentuell ram"), "'Intäkter'!$D$5");
        let d = Cell { rad: 9, ..c.clone() };
        assert_eq!(c.till(&d, "Antaganden"), "'Intäkter'!D5:D10");
        assert_eq!(bladnamn_i_formel("Kalles 'bästa'"), "'Kalles ''bästa'''");
    }

    #[test]
    fn atomisk_skrivning_ersatter_hela_filen() {
        let mapp = std::env::temp_dir().join(format!("ramverk-arbetsbok-test-{}", std::process::id()));
        fs::create_dir_all(&mapp).unwrap();
        let fil = mapp.join("ut.xlsx");
        fs::write(&fil, b"gammal").unwrap();
        skriv_atomiskt(&fil, b"ny").unwrap();
        assert_eq!(fs::read(&fil).unwrap(), b"ny");
        let ovriga: Vec<_> = fs::read_dir(&mapp).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(ovriga.len(), 1, "{ovriga:?}");
        let saknas = mapp.join("finns-inte").join("ut.xlsx");
        let e = skriv_atomiskt(&saknas, b"x").unwrap_err().to_string();
        assert!(e.contains("mappen finns inte"), "{e}");
        let e = skriv_atomiskt(&mapp, b"x").unwrap_err().to_string();
        assert!(e.contains("det är en mapp"), "{e}");
        fs::remove_dir_all(&mapp).unwrap();
    }

    #[test]
    fn samma_innehall_ger_samma_bytes() {
        let bygg = || {
            let mut bok = Arbetsbok::ny(dok("Hedemora kommun"));
            let mut b = bok.nytt_blad("Blad", &[Kolumn::ny("Post", 20.0), Kolumn::tal("2026")], 1).unwrap();
            let r = b.ny_rad();
            let a = b.tal(r, 1, dec!(1.5), Slag::Belopp, Roll::Indata).unwrap();
            let r = b.ny_rad();
            b.formel(r, 1, &format!("={}*2", a.a1()), dec!(3), Slag::Belopp, Roll::Formel).unwrap();
            bok.lagg_till(b);
            bok.bytes().unwrap()
        };
        assert_eq!(bygg(), bygg());
    }
}

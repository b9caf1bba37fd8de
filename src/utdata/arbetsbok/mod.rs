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
//! - saving through [`crate::utdata::fil`]: a temporary file beside the target, renamed into place.
//!
//! Every amount is computed as an exact `Decimal` by the core before the
//! writer starts; the only `f64` is the one handed to the cell.

pub mod antaganden;
pub mod befintlig;
pub mod budget;
pub mod forslag;
pub mod intakter;
pub mod jamfor;
pub mod ram;
pub mod simulering;
pub mod uppfolj;

mod blad;
mod dokument;
mod format;

pub use blad::*;
pub use dokument::*;
pub use format::*;

use crate::fel::Avbrott;
use crate::utdata::enhet::Enhet;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use std::path::{Path, PathBuf};

/// A workbook under construction: the document, and its sheets in order.
pub struct Arbetsbok {
    dokument: Dokument,
    blad: Vec<Blad>,
    /// The unit amounts (`Slag::Belopp`) are shown in: the cells hold tkr,
    /// mnkr only scales what a reader sees (`#,##0.0,`).
    enhet: Enhet,
}

impl Arbetsbok {
    pub fn ny(dokument: Dokument) -> Self {
        Arbetsbok { dokument, blad: vec![], enhet: Enhet::Tkr }
    }

    /// The workbook with its amounts shown in `enhet`.
    pub fn i(mut self, enhet: Enhet) -> Self {
        self.enhet = enhet;
        self
    }

    /// The unit amounts are shown in.
    pub fn enhet(&self) -> Enhet {
        self.enhet
    }

    pub fn dokument(&self) -> &Dokument {
        &self.dokument
    }

    /// A new sheet with the conventions: the header row `kolumner` (row 0,
    /// frozen with the first `fasta_kolumner` columns, repeated on every
    /// printed page unless [`Blad::flera_tabeller`]), column widths, A4 landscape one page wide, the page
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
        ark.set_freeze_panes(1, fasta_kolumner)?;
        let talkolumner = kolumner.iter().map(|c| c.tal).collect();
        let mut b = Blad {
            namn: namn.to_string(),
            ark,
            rad: 1,
            bredder: Vec::new(),
            talkolumner,
            enhet: self.enhet,
            upprepa_rubrik: true,
        };
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
        for mut b in self.blad {
            if b.upprepa_rubrik {
                b.ark.set_repeat_rows(0, 0)?;
            }
            bok.push_worksheet(b.ark);
        }
        Ok(bok.save_to_buffer()?)
    }

    /// Writes the workbook to `fil` atomically ([`crate::utdata::fil`]);
    /// `indata` are the command's input files, which are never overwritten.
    pub fn spara(self, fil: &Path, indata: &[PathBuf]) -> Result<(), Avbrott> {
        let bytes = self.bytes()?;
        crate::utdata::fil::skriv(fil, &bytes, indata)
    }
}

impl From<XlsxError> for Avbrott {
    fn from(e: XlsxError) -> Self {
        Avbrott::Annat(format!("arbetsboken kunde inte skapas: {e}"))
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
        assert_eq!(cellvarde(dec!(3.4), Slag::PROCENT).unwrap(), 0.034);
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

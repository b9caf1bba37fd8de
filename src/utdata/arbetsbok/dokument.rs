//! What a workbook is about: document properties and the page header.

use crate::berakning::Grund;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, XlsxError};

/// The document date of every workbook (created and modified). A constant,
/// not the clock: the same inputs must give a byte-identical file.
pub const DOKUMENTDATUM: (u16, u8, u8) = (2000, 1, 1);

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
pub(super) const SIDHUVUD_MAX: usize = 255;

/// The page header: kommun left, scenario centre, SKR prognosis right. `&` in
/// a name is doubled (Excel's escape); each part is shortened so the whole
/// stays within Excel's 255 characters.
pub fn sidhuvud(d: &Dokument) -> String {
    let delar = [d.kommun.as_str(), &format!("Scenario: {}", d.scenario), &format!("SKR-prognos: {}", d.skr_prognos)];
    let mut max = 60;
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
pub(super) fn sidhuvudtext(text: &str, max: usize) -> String {
    let kort: String = if text.chars().count() > max {
        text.chars().take(max.saturating_sub(1)).chain(['…']).collect()
    } else {
        text.to_string()
    };
    kort.replace('&', "&&")
}

//! Number formats and fills: what a cell holds decides how it looks.

use crate::fel::Avbrott;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

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
    /// An exact amount beside its rounded one (the underlag of a frame): tkr
    /// with one decimal, `#,##0.0`.
    Exakt,
    /// An amount or average shown with decimals (`#,##0.0` for 1): exact
    /// figures beside rounded ones, averages of persons.
    Decimaler(u8),
    /// A percent number (3.4 means 3.4 %), stored as the fraction 0.034 and
    /// shown with the given decimals (`0.0%` for 1). Formula results are
    /// given as percent numbers too.
    Procent(u8),
    /// Persons: `#,##0`.
    Antal,
    /// A ratio such as the scaling per inhabitant: `0.000000`.
    Faktor,
    /// Any other number (a year, a tax rate): Excel's General format.
    Tal,
    /// A whole number such as a year or a count, without thousands separator.
    Heltal,
}

impl Slag {
    /// A computed percentage: one decimal.
    pub const PROCENT: Slag = Slag::Procent(1);

    /// An input percentage shown with the decimals it was given with (at
    /// least one, at most four): SKR's 24.26 % stays 24.26 %.
    pub fn procent_som(varden: impl IntoIterator<Item = Decimal>) -> Slag {
        Slag::Procent(decimaler(varden))
    }

    /// An input number shown with the decimals it was given with (0–4).
    pub fn tal_som(varden: impl IntoIterator<Item = Decimal>) -> Slag {
        Slag::Decimaler(varden.into_iter().map(|v| v.normalize().scale().min(4) as u8).max().unwrap_or(0))
    }

    fn talformat(self) -> Option<String> {
        let decimaler = |n: u8| if n == 0 { String::new() } else { format!(".{}", "0".repeat(n as usize)) };
        match self {
            Slag::Belopp | Slag::Antal => Some("#,##0".into()),
            Slag::Exakt => Some("#,##0.0".into()),
            Slag::Decimaler(n) => Some(format!("#,##0{}", decimaler(n))),
            Slag::Procent(n) => Some(format!("0{}%", decimaler(n))),
            Slag::Faktor => Some("0.000000".into()),
            Slag::Heltal => Some("0".into()),
            Slag::Tal => None,
        }
    }

    /// The number stored in the cell: percent numbers become fractions.
    fn cellvarde(self, v: Decimal) -> Decimal {
        match self {
            Slag::Procent(_) => v / Decimal::ONE_HUNDRED,
            _ => v,
        }
    }
}

/// The decimals of percent numbers as given: at least 1, at most 4.
fn decimaler(varden: impl IntoIterator<Item = Decimal>) -> u8 {
    varden.into_iter().map(|v| v.normalize().scale().min(4) as u8).max().unwrap_or(1).max(1)
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
        f = f.set_num_format(&tf);
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

/// A number as the cell holds it: `f64`, percent numbers as fractions, no `-0`.
pub(super) fn cellvarde(v: Decimal, slag: Slag) -> Result<f64, Avbrott> {
    let c = slag.cellvarde(v);
    if c.is_zero() {
        return Ok(0.0);
    }
    c.to_f64()
        .filter(|f| f.is_finite())
        .ok_or_else(|| Avbrott::Annat(format!("talet {c} kan inte skrivas i arbetsboken")))
}

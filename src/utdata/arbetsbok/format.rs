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

//! The unit amounts are shown in (`--enhet tkr|mnkr`): tables and workbooks
//! only — JSON is always exact tkr.

use crate::tal::svensk;
use rust_decimal::Decimal;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Enhet {
    /// Thousands of kronor, whole.
    #[default]
    Tkr,
    /// Millions of kronor, one decimal.
    Mnkr,
}

impl Enhet {
    pub fn namn(self) -> &'static str {
        match self {
            Enhet::Tkr => "tkr",
            Enhet::Mnkr => "mnkr",
        }
    }

    /// Parses `tkr` or `mnkr`; the error text says what is allowed.
    pub fn tolka(text: &str) -> Result<Self, String> {
        match text.trim().to_lowercase().as_str() {
            "tkr" => Ok(Enhet::Tkr),
            "mnkr" => Ok(Enhet::Mnkr),
            _ => Err(format!("okänd enhet \"{text}\": ska vara tkr eller mnkr")),
        }
    }

    /// An amount in tkr expressed in this unit (exact).
    pub fn i_enhet(self, tkr: Decimal) -> Decimal {
        match self {
            Enhet::Tkr => tkr,
            Enhet::Mnkr => tkr / Decimal::ONE_THOUSAND,
        }
    }

    /// Decimals shown: whole tkr, mnkr with one decimal.
    pub fn decimaler(self) -> u32 {
        match self {
            Enhet::Tkr => 0,
            Enhet::Mnkr => 1,
        }
    }

    /// An amount in tkr as Swedish text in this unit: `1 234 567`, `1 234,6`.
    pub fn text(self, tkr: Decimal) -> String {
        svensk(self.i_enhet(tkr), self.decimaler())
    }

    /// The spreadsheet number format of an amount in this unit.
    pub fn talformat(self) -> &'static str {
        match self {
            Enhet::Tkr => "#,##0",
            Enhet::Mnkr => "#,##0.0",
        }
    }
}

impl fmt::Display for Enhet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.namn())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn mnkr_med_en_decimal() {
        assert_eq!(Enhet::Mnkr.text(dec!(1234567.4)), "1\u{a0}234,6");
        assert_eq!(Enhet::Tkr.text(dec!(1234567.4)), "1\u{a0}234\u{a0}567");
        assert_eq!(Enhet::tolka("MNKR"), Ok(Enhet::Mnkr));
        assert!(Enhet::tolka("kr").is_err());
    }
}

//! Units named in titles, headers, labels and unit cells (`mnkr`,
//! "Miljoner kronor", `kr/inv`, `%`), and their factors to tkr.

use super::mappning::ord;
use rust_decimal::Decimal;

/// What the numbers of a table, column or row are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enhet {
    Kr,
    Tkr,
    Mnkr,
    Mdkr,
    /// Kronor per invånare: cannot be turned into tkr without the population.
    PerInvanare,
    Procent,
}

impl Enhet {
    /// The factor that turns an amount in this unit into tkr; `None` for units that are not money totals.
    pub fn till_tkr(self) -> Option<Decimal> {
        match self {
            Enhet::Kr => Some(Decimal::new(1, 3)),
            Enhet::Tkr => Some(Decimal::ONE),
            Enhet::Mnkr => Some(Decimal::ONE_THOUSAND),
            Enhet::Mdkr => Some(Decimal::from(1_000_000)),
            Enhet::PerInvanare | Enhet::Procent => None,
        }
    }

    pub fn namn(self) -> &'static str {
        match self {
            Enhet::Kr => "kr",
            Enhet::Tkr => "tkr",
            Enhet::Mnkr => "mnkr",
            Enhet::Mdkr => "mdkr",
            Enhet::PerInvanare => "kr per invånare",
            Enhet::Procent => "procent",
        }
    }
}

fn ar_kronor(w: &str) -> bool {
    matches!(w, "kr" | "kronor")
}

fn ar_invanare(w: Option<&&str>) -> bool {
    w.is_some_and(|w| w.starts_with("inv"))
}

/// The first unit named in a text (a title, a header, a label or a unit cell), if any.
pub fn i_text(text: &str) -> Option<Enhet> {
    let ordlista = ord(text);
    let w: Vec<&str> = ordlista.iter().map(String::as_str).collect();
    for i in 0..w.len() {
        let nasta = w.get(i + 1);
        let darpa = w.get(i + 2);
        let enhet = match w[i] {
            "per" if ar_invanare(nasta) => Some(Enhet::PerInvanare),
            "kr" | "kronor" | "tkr" | "mnkr" | "mkr"
                if ar_invanare(nasta) || (nasta == Some(&"per") && ar_invanare(darpa)) =>
            {
                Some(Enhet::PerInvanare)
            }
            "kr" | "kronor" => Some(Enhet::Kr),
            "tkr" => Some(Enhet::Tkr),
            "mnkr" | "mkr" | "mnkronor" => Some(Enhet::Mnkr),
            "mdkr" | "mdr" => Some(Enhet::Mdkr),
            "tusen" | "tusental" | "tusentals" if nasta.is_some_and(|n| ar_kronor(n)) => {
                // "tusentals kronor per invånare" is still per invånare.
                if ar_invanare(darpa) || (darpa == Some(&"per") && ar_invanare(w.get(i + 3))) {
                    Some(Enhet::PerInvanare)
                } else {
                    Some(Enhet::Tkr)
                }
            }
            "miljoner" | "milj" | "mn" if nasta.is_some_and(|n| ar_kronor(n)) => Some(Enhet::Mnkr),
            "miljarder" | "md" if nasta.is_some_and(|n| ar_kronor(n)) => Some(Enhet::Mdkr),
            "procent" | "procentuell" | "procentenheter" => Some(Enhet::Procent),
            _ => None,
        };
        if enhet.is_some() {
            return enhet;
        }
    }
    text.contains('%').then_some(Enhet::Procent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enheter_i_rubriker() {
        assert_eq!(i_text("mnkr"), Some(Enhet::Mnkr));
        assert_eq!(i_text("Skatter och bidrag, Hedemora kommun, mnkr"), Some(Enhet::Mnkr));
        assert_eq!(i_text("Miljoner kronor"), Some(Enhet::Mnkr));
        assert_eq!(i_text("Belopp i tusentals kronor"), Some(Enhet::Tkr));
        assert_eq!(i_text("Tusen kronor"), Some(Enhet::Tkr));
        assert_eq!(i_text("Tkr"), Some(Enhet::Tkr));
        assert_eq!(i_text("Belopp (kr)"), Some(Enhet::Kr));
        assert_eq!(i_text("Kronor"), Some(Enhet::Kr));
        assert_eq!(i_text("kr/inv"), Some(Enhet::PerInvanare));
        assert_eq!(i_text("Kronor per invånare"), Some(Enhet::PerInvanare));
        assert_eq!(i_text("Tusentals kronor per invånare"), Some(Enhet::PerInvanare));
        assert_eq!(i_text("Procentuell förändring"), Some(Enhet::Procent));
        assert_eq!(i_text("%"), Some(Enhet::Procent));
        assert_eq!(i_text("Miljarder kronor"), Some(Enhet::Mdkr));
        assert_eq!(i_text("Kommunalskatt"), None);
        assert_eq!(i_text("Kostnadsutjämning"), None);
        assert_eq!(i_text("Invånare 1 november"), None);
        assert_eq!(i_text("Tabell 2. Skatteunderlagets utveckling"), None);
    }

    #[test]
    fn faktorer_till_tkr() {
        use rust_decimal_macros::dec;
        assert_eq!(Enhet::Mnkr.till_tkr(), Some(dec!(1000)));
        assert_eq!(Enhet::Kr.till_tkr(), Some(dec!(0.001)));
        assert_eq!(Enhet::Tkr.till_tkr(), Some(dec!(1)));
        assert_eq!(Enhet::PerInvanare.till_tkr(), None);
    }
}

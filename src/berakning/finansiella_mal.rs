//! MODELL §9: the styrmodell's targets for god ekonomisk hushållning —
//! soliditet, and soliditet including the pension obligations outside the
//! balance sheet (ansvarsförbindelse), for the kommun and the koncern.
//! Totala tillgångar grow by the result, the change of the pension provision
//! (ΔAV) and new loans, less amortisation (AM); ΔAV and AM are 0 unless
//! their inputs are given (MODELL §12).

use crate::fel::{Diagnos, Fel};
use crate::modell::{Ar, Arsbelopp, Balans, Modell, Pensionstyp};
use crate::tal::kvot;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub struct Soliditet {
    /// The result the balance grows by (the kommun's, or the koncern's).
    pub resultat: Arsbelopp,
    pub eget_kapital: Arsbelopp,
    pub totala_tillgangar: Arsbelopp,
    pub ansvarsforbindelse: Arsbelopp,
    pub soliditet: Arsbelopp,
    pub soliditet_inkl_pension: Arsbelopp,
}

/// What besides the result changes totala tillgångar each plan year: the
/// kommun's, for the koncern too.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Balansforandringar {
    /// nya_lan(t) = Σ I activated in t · lanefinansiering_procent/100.
    pub nya_lan: Arsbelopp,
    /// ΔAV(t): the change of the pension provision.
    pub avsattning: Arsbelopp,
    /// AM(t): amortisation of long-term debt.
    pub amortering: Arsbelopp,
}

impl Balansforandringar {
    /// ΔAV(t), nya_lan(t) and AM(t) for every plan year.
    pub fn berakna(m: &Modell, nya_lan: &Arsbelopp) -> Self {
        let ar = m.ar();
        let varde = |k: &Arsbelopp, t: Ar| k.get(&t).copied().unwrap_or_default();
        Balansforandringar {
            nya_lan: ar.iter().map(|&t| (t, varde(nya_lan, t))).collect(),
            avsattning: ar.iter().map(|&t| (t, avsattningsforandring(m, t))).collect(),
            amortering: ar.iter().map(|&t| (t, varde(&m.balansposter.amortering, t))).collect(),
        }
    }

    /// ΔAV(t) + nya_lan(t) − AM(t).
    pub fn netto(&self, t: Ar) -> Decimal {
        self.avsattning[&t] + self.nya_lan[&t] - self.amortering[&t]
    }
}

/// AF(t): the pension forecast's ansvarsförbindelse rows for t, else `None`.
pub fn ansvarsforbindelse(m: &Modell, t: Ar) -> Option<Decimal> {
    let rader: Vec<Decimal> =
        m.pension.iter().filter(|p| p.typ == Pensionstyp::Ansvarsforbindelse).filter_map(|p| p.belopp.get(t)).collect();
    (!rader.is_empty()).then(|| rader.iter().sum())
}

/// A(y): the sum of the pension forecast's `avsattning` rows for year `y`,
/// when every such row has a value for it; `None` without such rows.
pub fn avsattning(m: &Modell, y: Ar) -> Option<Decimal> {
    let mut rader = m.pension.iter().filter(|p| p.typ == Pensionstyp::Avsattning).peekable();
    rader.peek()?;
    rader.map(|p| p.belopp.get(y)).sum()
}

/// ΔAV(t) = A(t) − A(t−1) when both are given, else 0 (MODELL §12).
pub fn avsattningsforandring(m: &Modell, t: Ar) -> Decimal {
    match (avsattning(m, t), avsattning(m, t - 1)) {
        (Some(a), Some(f)) => a - f,
        _ => Decimal::ZERO,
    }
}

pub fn soliditet(
    m: &Modell,
    bal: &Balans,
    resultat: &Arsbelopp,
    forandringar: &Balansforandringar,
    d: &mut Diagnos,
) -> Soliditet {
    let mut s = Soliditet {
        resultat: resultat.clone(),
        eget_kapital: Arsbelopp::new(),
        totala_tillgangar: Arsbelopp::new(),
        ansvarsforbindelse: Arsbelopp::new(),
        soliditet: Arsbelopp::new(),
        soliditet_inkl_pension: Arsbelopp::new(),
    };
    let mut ek = bal.eget_kapital;
    let mut ta = bal.totala_tillgangar;
    for (&t, &r) in resultat {
        ek += r;
        ta += r + forandringar.netto(t);
        let af = ansvarsforbindelse(m, t).unwrap_or(bal.ansvarsforbindelse_pension);
        let (sol, inkl) = match (kvot(ek * Decimal::ONE_HUNDRED, ta), kvot((ek - af) * Decimal::ONE_HUNDRED, ta)) {
            (Some(a), Some(b)) => (a, b),
            _ => {
                d.fel(
                    Fel::new("modell.toml", format!("totala tillgångar blir 0 år {t}: soliditeten kan inte beräknas"))
                        .kolumn("balans"),
                );
                (Decimal::ZERO, Decimal::ZERO)
            }
        };
        s.eget_kapital.insert(t, ek);
        s.totala_tillgangar.insert(t, ta);
        s.ansvarsforbindelse.insert(t, af);
        s.soliditet.insert(t, sol);
        s.soliditet_inkl_pension.insert(t, inkl);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fel::{Kalla, Plats};
    use crate::modell::{Arsrad, Pensionspost};
    use rust_decimal_macros::dec;
    use std::sync::Arc;

    fn rad(varden: &[(Ar, Decimal)]) -> Pensionspost {
        Pensionspost {
            post: "Avsättning".into(),
            typ: Pensionstyp::Avsattning,
            belopp: Arsrad {
                plats: Plats { kalla: Kalla::fil("pension.csv"), rad: 2 },
                varden: varden.iter().copied().collect(),
                kolumner: Arc::default(),
            },
        }
    }

    #[test]
    fn avsattningens_forandring_kraver_bada_aren() {
        let mut m = Modell { basar: 2025, antal_ar: 2, ..Default::default() };
        assert_eq!(avsattning(&m, 2025), None);
        assert_eq!(avsattningsforandring(&m, 2026), Decimal::ZERO);
        m.pension = vec![
            rad(&[(2026, dec!(52)), (2027, dec!(55))]),
            rad(&[(2025, dec!(10)), (2026, dec!(11)), (2027, dec!(12))]),
        ];
        // Basår: one row lacks it, so A(2025) is missing and ΔAV(2026) is 0.
        assert_eq!(avsattning(&m, 2025), None);
        assert_eq!(avsattningsforandring(&m, 2026), Decimal::ZERO);
        assert_eq!(avsattningsforandring(&m, 2027), dec!(4));
        let f = Balansforandringar::berakna(&m, &[(2026, dec!(20))].into());
        assert_eq!(f.netto(2026), dec!(20));
        assert_eq!(f.netto(2027), dec!(4));
    }
}

//! MODELL §9: the styrmodell's targets for god ekonomisk hushållning —
//! soliditet, and soliditet including the pension obligations outside the
//! balance sheet (ansvarsförbindelse), for the kommun and the koncern.

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

/// AF(t): the pension forecast's ansvarsförbindelse rows for t, else `None`.
pub fn ansvarsforbindelse(m: &Modell, t: Ar) -> Option<Decimal> {
    let rader: Vec<Decimal> =
        m.pension.iter().filter(|p| p.typ == Pensionstyp::Ansvarsforbindelse).filter_map(|p| p.belopp.get(t)).collect();
    (!rader.is_empty()).then(|| rader.iter().sum())
}

pub fn soliditet(m: &Modell, bal: &Balans, resultat: &Arsbelopp, nya_lan: &Arsbelopp, d: &mut Diagnos) -> Soliditet {
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
        ta += r + nya_lan.get(&t).copied().unwrap_or_default();
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

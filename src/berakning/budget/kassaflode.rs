//! MODELL §12, kassaflödesbudget: the year's cash flow from the löpande
//! verksamhet, the investments and the financing; it equals the change of
//! the balansbudget's omsättningstillgångar, and with `likvida_medel` it
//! carries the cash forward.

use super::balansbudget::Balansbudget;
use super::resultatbudget::Resultatbudget;
use crate::modell::{Ar, Modell};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One year's cash flow, tkr (inflow positive).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Kassaflodesar {
    /// KL = AR + AVS + ΔAV.
    pub lopande_verksamhet: Decimal,
    /// KI = −INV.
    pub investeringsverksamhet: Decimal,
    /// KFI = NL − AM.
    pub finansieringsverksamhet: Decimal,
    /// KA = KL + KI + KFI.
    pub arets_kassaflode: Decimal,
    /// LM(t) = LM(t−1) + KA(t), with `likvida_medel`.
    pub likvida_medel: Option<Decimal>,
}

pub type Kassaflode = BTreeMap<Ar, Kassaflodesar>;

pub fn berakna(m: &Modell, rb: &Resultatbudget, bb: &Balansbudget) -> Kassaflode {
    let mut lm = m.balansposter.likvida_medel;
    let f = &bb.forandringar;
    let mut ut = Kassaflode::new();
    for t in m.ar() {
        let kl = rb[&t].arets_resultat + rb[&t].avskrivningar + f.avsattning[&t];
        let ki = -bb.investeringar[&t];
        let kfi = f.nya_lan[&t] - f.amortering[&t];
        let ka = kl + ki + kfi;
        lm = lm.map(|x| x + ka);
        ut.insert(
            t,
            Kassaflodesar {
                lopande_verksamhet: kl,
                investeringsverksamhet: ki,
                finansieringsverksamhet: kfi,
                arets_kassaflode: ka,
                likvida_medel: lm,
            },
        );
    }
    ut
}

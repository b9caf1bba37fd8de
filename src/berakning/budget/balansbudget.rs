//! MODELL §12, balansbudget: the balance sheet at the end of each plan year,
//! rolled forward from `[balans]` at the end of basår by the result, the
//! investments and their depreciation, the change of the pension provision,
//! new loans and amortisation. It balances every year by construction:
//! omsättningstillgångar are what the other side leaves over the
//! anläggningstillgångar.

use super::resultatbudget::Resultatbudget;
use crate::berakning::finansiella_mal::{Balansforandringar, avsattning};
use crate::berakning::forslag::Forslag;
use crate::modell::{Ar, Arsbelopp, Modell};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The balance sheet at the end of one year, tkr.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Balansar {
    /// AT.
    pub anlaggningstillgangar: Decimal,
    /// OT = TA − AT.
    pub omsattningstillgangar: Decimal,
    /// EK.
    pub eget_kapital: Decimal,
    /// AV.
    pub avsattningar: Decimal,
    /// LS.
    pub langfristiga_skulder: Decimal,
    /// KS = KS0.
    pub kortfristiga_skulder: Decimal,
    /// TA = EK + AV + LS + KS: summa eget kapital och skulder = summa tillgångar.
    pub summa: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Balansbudget {
    /// At the end of basår, from `[balans]`.
    pub ingaende: Balansar,
    pub ar: BTreeMap<Ar, Balansar>,
    /// INV(t): the investeringsutgift, Σ I of investments activated in t.
    pub investeringar: Arsbelopp,
    /// NL(t), ΔAV(t) and AM(t).
    pub forandringar: Balansforandringar,
}

/// INV(t) for every plan year.
pub fn investeringsutgifter(m: &Modell) -> Arsbelopp {
    m.ar()
        .into_iter()
        .map(|t| (t, m.investeringar.iter().filter(|i| i.aktiveringsar == t).map(|i| i.belopp).sum()))
        .collect()
}

/// The balansbudget, when `[balans]` gives anläggningstillgångar.
pub fn berakna(f: &Forslag<'_>, rb: &Resultatbudget) -> Option<Balansbudget> {
    let m = f.grund.modell;
    let bal = m.balans.as_ref()?;
    let p = &m.balansposter;
    let at0 = p.anlaggningstillgangar?;
    let av0 = p.avsattningar.or_else(|| avsattning(m, m.basar)).unwrap_or_default();
    let ls0 = p.langfristiga_skulder.unwrap_or_default();
    let ks0 = bal.totala_tillgangar - bal.eget_kapital - av0 - ls0;
    let ingaende = Balansar {
        anlaggningstillgangar: at0,
        omsattningstillgangar: bal.totala_tillgangar - at0,
        eget_kapital: bal.eget_kapital,
        avsattningar: av0,
        langfristiga_skulder: ls0,
        kortfristiga_skulder: ks0,
        summa: bal.totala_tillgangar,
    };
    let investeringar = investeringsutgifter(m);
    let forandringar = f.forandringar.clone();
    let mut ar = BTreeMap::new();
    let mut forra = ingaende.clone();
    for t in m.ar() {
        let at = forra.anlaggningstillgangar + investeringar[&t] - rb[&t].avskrivningar;
        let ek = forra.eget_kapital + rb[&t].arets_resultat;
        let av = forra.avsattningar + forandringar.avsattning[&t];
        let ls = forra.langfristiga_skulder + forandringar.nya_lan[&t] - forandringar.amortering[&t];
        let ta = ek + av + ls + ks0;
        let rad = Balansar {
            anlaggningstillgangar: at,
            omsattningstillgangar: ta - at,
            eget_kapital: ek,
            avsattningar: av,
            langfristiga_skulder: ls,
            kortfristiga_skulder: ks0,
            summa: ta,
        };
        ar.insert(t, rad.clone());
        forra = rad;
    }
    Some(Balansbudget { ingaende, ar, investeringar, forandringar })
}

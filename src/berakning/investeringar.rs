//! MODELL §8: the investment budget's capital costs — straight-line
//! depreciation from the year after activation, book value, internal interest
//! (SKR's `internranta`) and external interest on the borrowed share.

use super::serier::Serier;
use crate::fel::Diagnos;
use crate::modell::{Ar, Arsbelopp, Investering, Modell};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One investment's figures for one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kapitalar {
    pub avskrivning: Decimal,
    /// BV(t): book value at the start of the year.
    pub bokfort_varde: Decimal,
    pub internranta: Decimal,
    pub extern_ranta: Decimal,
}

impl Kapitalar {
    /// Kapitalkostnad: depreciation plus internal interest.
    pub fn kapitalkostnad(&self) -> Decimal {
        self.avskrivning + self.internranta
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Kapitalkostnader {
    /// Per investment (in table order), per plan year.
    pub investeringar: Vec<BTreeMap<Ar, Kapitalar>>,
    /// KAP(n,t): what enters each nämnd's cost (zero without `kapitalkostnad_i_ram`).
    pub per_namnd: Vec<Arsbelopp>,
    /// The terms that enter C(t), by name.
    pub centralt: Vec<(String, Arsbelopp)>,
    /// nya_lan(t): borrowing for the year's activations (MODELL §9).
    pub nya_lan: Arsbelopp,
}

/// Depreciation and book value of one investment in year `t` (before interest).
pub fn avskrivning(inv: &Investering, t: Ar) -> Kapitalar {
    let a = inv.aktiveringsar;
    let l = inv.avskrivningstid as Ar;
    if t <= a || t > a + l {
        return Kapitalar::default();
    }
    let arlig = inv.belopp / Decimal::from(l);
    Kapitalar { avskrivning: arlig, bokfort_varde: inv.belopp - arlig * Decimal::from(t - a - 1), ..Default::default() }
}

pub fn berakna(m: &Modell, serier: &Serier<'_>, d: &mut Diagnos) -> Kapitalkostnader {
    let ar = m.ar();
    let i_ram = m.kapital.kapitalkostnad_i_ram;
    let lan = m.kapital.lanefinansiering_procent / Decimal::ONE_HUNDRED;
    let mut per_namnd = vec![Arsbelopp::new(); m.namnder.len()];
    let mut internranta = Arsbelopp::new();
    let mut avskrivningar = Arsbelopp::new();
    let mut extern_ranta = Arsbelopp::new();
    let mut investeringar = Vec::with_capacity(m.investeringar.len());
    for inv in &m.investeringar {
        let mut per_ar = BTreeMap::new();
        for &t in &ar {
            let mut k = avskrivning(inv, t);
            if !k.avskrivning.is_zero() || !k.bokfort_varde.is_zero() {
                if i_ram {
                    let ranta = serier.varde("internranta", t, d);
                    k.internranta = k.bokfort_varde * ranta / Decimal::ONE_HUNDRED;
                }
                if let Some(r) = m.kapital.laneranta {
                    k.extern_ranta = k.bokfort_varde * lan * r / Decimal::ONE_HUNDRED;
                }
            }
            if i_ram {
                *per_namnd[inv.namnd].entry(t).or_default() += k.kapitalkostnad();
            }
            *internranta.entry(t).or_default() += k.internranta;
            *avskrivningar.entry(t).or_default() += k.avskrivning;
            *extern_ranta.entry(t).or_default() += k.extern_ranta;
            per_ar.insert(t, k);
        }
        investeringar.push(per_ar);
    }
    for n in per_namnd.iter_mut() {
        for &t in &ar {
            n.entry(t).or_default();
        }
    }
    let mut centralt = Vec::new();
    let noll: Arsbelopp = ar.iter().map(|&t| (t, Decimal::ZERO)).collect();
    if !m.investeringar.is_empty() {
        if i_ram {
            let intakt = ar.iter().map(|&t| (t, -internranta.get(&t).copied().unwrap_or_default())).collect();
            centralt.push(("Internränta från nämnderna".to_string(), intakt));
        } else {
            let mut k = noll.clone();
            k.extend(avskrivningar);
            centralt.push(("Avskrivningar".to_string(), k));
        }
        if m.kapital.laneranta.is_some() {
            let mut k = noll.clone();
            k.extend(extern_ranta);
            centralt.push(("Räntekostnad för lån".to_string(), k));
        }
    }
    let mut nya_lan = noll;
    for inv in &m.investeringar {
        if let Some(v) = nya_lan.get_mut(&inv.aktiveringsar) {
            *v += inv.belopp * lan;
        }
    }
    Kapitalkostnader { investeringar, per_namnd, centralt, nya_lan }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fel::{Kalla, Plats};
    use rust_decimal_macros::dec;

    fn inv(belopp: Decimal, a: Ar, l: u32) -> Investering {
        Investering {
            id: "I1".into(),
            namnd: 0,
            projekt: "Förskola".into(),
            belopp,
            aktiveringsar: a,
            avskrivningstid: l,
            plats: Plats { kalla: Kalla::fil("investeringar.csv"), rad: 2 },
        }
    }

    #[test]
    fn avskrivning_borjar_aret_efter_aktivering() {
        let i = inv(dec!(1000), 2026, 4);
        assert_eq!(avskrivning(&i, 2026), Kapitalar::default());
        let forsta = avskrivning(&i, 2027);
        assert_eq!(forsta.avskrivning, dec!(250));
        assert_eq!(forsta.bokfort_varde, dec!(1000));
        let sista = avskrivning(&i, 2030);
        assert_eq!(sista.avskrivning, dec!(250));
        assert_eq!(sista.bokfort_varde, dec!(250));
        assert_eq!(avskrivning(&i, 2031), Kapitalar::default());
    }

    #[test]
    fn ojamn_avskrivning() {
        let i = inv(dec!(1000), 2025, 3);
        let k = avskrivning(&i, 2027);
        assert_eq!(k.avskrivning, dec!(1000) / dec!(3));
        // BV(2027) = I − I/L·(2027−2025−1) = 1000 − 333.33…
        assert_eq!(k.bokfort_varde, dec!(1000) - dec!(1000) / dec!(3));
        let summa: Decimal = (2026..=2028).map(|t| avskrivning(&i, t).avskrivning).sum();
        assert!((summa - dec!(1000)).abs() < dec!(0.000000000001));
    }
}

//! MODELL §12, resultatbudget: the proposal's result split into the lines of
//! a kommun's income statement — verksamhetens intäkter and kostnader,
//! avskrivningar, skatteintäkter, generella statsbidrag och utjämning and
//! the finansnetto — adding up exactly to §6's result. Signs as in the
//! documents: revenue positive, costs negative.

use crate::berakning::forslag::Forslag;
use crate::modell::{Ar, Centraltyp, Resultatrad};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One year's resultatbudget, tkr.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resultatbudgetar {
    /// VI(t) ≥ 0: the nämnder's indexed revenue and the central verksamhet incomes.
    pub verksamhetens_intakter: Decimal,
    /// VK(t) = VNK + AVS − VI.
    pub verksamhetens_kostnader: Decimal,
    /// AVS(t) ≥ 0 (the line shows −AVS).
    pub avskrivningar: Decimal,
    /// VNK(t) = AR − SKI − GSU − FI − FK.
    pub verksamhetens_nettokostnader: Decimal,
    /// SKI(t).
    pub skatteintakter: Decimal,
    /// GSU(t) = S(t) − SKI(t).
    pub statsbidrag: Decimal,
    /// FI(t) ≥ 0.
    pub finansiella_intakter: Decimal,
    /// FK(t) ≤ 0.
    pub finansiella_kostnader: Decimal,
    /// AR(t) = resultat(t) of §6.
    pub arets_resultat: Decimal,
}

impl Resultatbudgetar {
    /// VNK + SKI + GSU.
    pub fn verksamhetens_resultat(&self) -> Decimal {
        self.verksamhetens_nettokostnader + self.skatteintakter + self.statsbidrag
    }

    /// −AVS: the line Avskrivningar as the document shows it.
    pub fn avskrivningar_rad(&self) -> Decimal {
        -self.avskrivningar
    }
}

pub type Resultatbudget = BTreeMap<Ar, Resultatbudgetar>;

/// The line of each revenue post of year `t` (`Intaktsar::poster`, in order):
/// the table's posts by their `resultatrad`, the scenario's posts statsbidrag.
pub fn resultatrader(f: &Forslag<'_>, t: Ar) -> Vec<Resultatrad> {
    let m = f.grund.modell;
    let n = f.grund.intakter[&t].poster.len();
    (0..n).map(|i| m.intaktsposter.get(i).map(|p| p.resultatrad).unwrap_or(Resultatrad::Statsbidrag)).collect()
}

/// SKI(t): the revenue posts on the line skatteintäkter.
pub fn skatteintakter(f: &Forslag<'_>, t: Ar) -> Decimal {
    let poster = &f.grund.intakter[&t].poster;
    poster
        .iter()
        .zip(resultatrader(f, t))
        .filter(|(_, r)| *r == Resultatrad::Skatteintakter)
        .map(|(p, _)| p.belopp)
        .sum()
}

/// The central items of the table (not the investment terms of §8) of one typ, year `t`.
fn centrala<'f>(f: &'f Forslag<'_>, t: Ar, typ: Centraltyp) -> impl Iterator<Item = Decimal> + 'f {
    let antal = f.grund.modell.centrala_poster.len();
    f.grund.ramutrymme[&t].centrala[..antal].iter().filter(move |p| p.typ == typ.namn()).map(|p| p.belopp)
}

/// The external interest of §8 in year `t`.
pub fn extern_ranta(f: &Forslag<'_>, t: Ar) -> Decimal {
    f.grund.kapital.investeringar.iter().map(|k| k[&t].extern_ranta).sum()
}

/// Σ avskr(t) of §8: the depreciation of the planned investments.
pub fn nya_avskrivningar(f: &Forslag<'_>, t: Ar) -> Decimal {
    f.grund.kapital.investeringar.iter().map(|k| k[&t].avskrivning).sum()
}

/// The revenue the nämnder's frames are net of: Σn int(n)·Fint(t).
pub fn namndernas_intakter(f: &Forslag<'_>, t: Ar) -> Decimal {
    let fint = f.befintlig.faktorer.intakter[&t];
    f.grund.modell.namnder.iter().filter_map(|n| n.delar).map(|k| k.intakter * fint).sum()
}

pub fn berakna(f: &Forslag<'_>) -> Resultatbudget {
    let m = f.grund.modell;
    let mut ut = Resultatbudget::new();
    for t in m.ar() {
        let u = &f.grund.ramutrymme[&t];
        let s = u.skatter_och_bidrag;
        let ski = skatteintakter(f, t);
        let gsu = s - ski;
        let fi = -centrala(f, t, Centraltyp::Finans).filter(|v| *v < Decimal::ZERO).sum::<Decimal>();
        let pension_fin: Decimal = u.pensionsposter.iter().filter(|p| p.typ == "finansiell").map(|p| p.belopp).sum();
        let fk = -(centrala(f, t, Centraltyp::Finans).filter(|v| *v > Decimal::ZERO).sum::<Decimal>()
            + pension_fin
            + extern_ranta(f, t));
        let ar = f.resultat[&t];
        let vnk = ar - ski - gsu - fi - fk;
        let avs =
            nya_avskrivningar(f, t) + m.balansposter.avskrivningar_befintliga.get(&t).copied().unwrap_or_default();
        let vi = namndernas_intakter(f, t)
            - centrala(f, t, Centraltyp::Verksamhet).filter(|v| *v < Decimal::ZERO).sum::<Decimal>();
        let vk = vnk + avs - vi;
        ut.insert(
            t,
            Resultatbudgetar {
                verksamhetens_intakter: vi,
                verksamhetens_kostnader: vk,
                avskrivningar: avs,
                verksamhetens_nettokostnader: vnk,
                skatteintakter: ski,
                statsbidrag: gsu,
                finansiella_intakter: fi,
                finansiella_kostnader: fk,
                arets_resultat: ar,
            },
        );
    }
    ut
}

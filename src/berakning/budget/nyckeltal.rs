//! MODELL §12, nyckeltal: the key ratios of the budget document —
//! nettokostnadsandel, självfinansieringsgrad of the investments, and
//! revenue, net cost and debt per invånare (kr).

use super::balansbudget::Balansbudget;
use super::resultatbudget::Resultatbudget;
use crate::berakning::forslag::Forslag;
use crate::fel::{Diagnos, Fel};
use crate::modell::Ar;
use crate::tal::kvot;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Nyckeltalsar {
    /// resultat_procent of §6.
    pub resultat_procent: Decimal,
    /// −(VNK + FI + FK) / S · 100.
    pub nettokostnadsandel: Decimal,
    /// (AR + AVS) / INV · 100; none without investments that year.
    pub sjalvfinansieringsgrad: Option<Decimal>,
    /// S · 1000 / P', kr.
    pub intakter_per_invanare: Decimal,
    /// −VNK · 1000 / P', kr.
    pub nettokostnad_per_invanare: Decimal,
    /// LS · 1000 / P', kr (with the balansbudget).
    pub skuld_per_invanare: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Nyckeltal {
    pub ar: BTreeMap<Ar, Nyckeltalsar>,
    /// s0 + Δs.
    pub skattesats: Decimal,
}

pub fn berakna(
    f: &Forslag<'_>,
    rb: &Resultatbudget,
    inv: &BTreeMap<Ar, Decimal>,
    bb: Option<&Balansbudget>,
    d: &mut Diagnos,
) -> Nyckeltal {
    let g = &f.grund;
    let m = g.modell;
    let tusen = Decimal::ONE_THOUSAND;
    let mut ar = BTreeMap::new();
    for t in m.ar() {
        let r = &rb[&t];
        let s = g.ramutrymme[&t].skatter_och_bidrag;
        let p = g.intakter[&t].invanare;
        let per_invanare = |v: Decimal, d: &mut Diagnos| {
            kvot(v * tusen, p).unwrap_or_else(|| {
                d.fel(Fel::new(
                    "modell.toml",
                    format!("invånare 1 november {} är 0: nyckeltalen per invånare kan inte beräknas", t - 1),
                ));
                Decimal::ZERO
            })
        };
        let netto = -(r.verksamhetens_nettokostnader + r.finansiella_intakter + r.finansiella_kostnader);
        ar.insert(
            t,
            Nyckeltalsar {
                resultat_procent: f.resultat_procent[&t],
                // S(t) = 0 is already an error of the proposal (resultat_procent).
                nettokostnadsandel: kvot(netto * Decimal::ONE_HUNDRED, s).unwrap_or_default(),
                sjalvfinansieringsgrad: kvot((r.arets_resultat + r.avskrivningar) * Decimal::ONE_HUNDRED, inv[&t]),
                intakter_per_invanare: per_invanare(s, d),
                nettokostnad_per_invanare: per_invanare(-r.verksamhetens_nettokostnader, d),
                skuld_per_invanare: bb.map(|b| per_invanare(b.ar[&t].langfristiga_skulder, d)),
            },
        );
    }
    Nyckeltal { ar, skattesats: m.skattesats + g.scenario.skattesats_forandring }
}

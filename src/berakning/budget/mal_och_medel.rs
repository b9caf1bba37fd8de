//! MODELL §12, mål och medel: the styrmodell's "kopplingen mellan mål och
//! medel" — per inriktningsmål and per perspektiv, the money of the selected
//! tillskott, the selected minskningar and the tillskott left out, and which
//! items are selected.

use crate::berakning::forslag::Forslag;
use crate::modell::{PERSPEKTIV, VfPost, VfTyp};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// The name of the group of items without an inriktningsmål.
pub const UTAN_INRIKTNINGSMAL: &str = "utan inriktningsmål";

/// The sums of one goal or perspektiv, budget year, tkr.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Malsumma {
    pub valda_tillskott: Decimal,
    pub valda_minskningar: Decimal,
    pub ej_valda_tillskott: Decimal,
    /// The selected items (indices into `Modell::vf`, table order).
    pub poster: Vec<usize>,
    /// Every item of the group, selected or not (table order).
    pub alla: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inriktningsmal {
    /// `None`: the items without an inriktningsmål.
    pub nr: Option<u32>,
    pub namn: String,
    pub summa: Malsumma,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Perspektiv {
    pub perspektiv: &'static str,
    pub summa: Malsumma,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MalOchMedel {
    pub inriktningsmal: Vec<Inriktningsmal>,
    pub perspektiv: Vec<Perspektiv>,
}

fn summa(f: &Forslag<'_>, mut med: impl FnMut(&VfPost) -> bool) -> Malsumma {
    let m = f.grund.modell;
    let b = m.budgetar();
    let mut s = Malsumma::default();
    for (i, (p, &vald)) in m.vf.iter().zip(&f.urval.vald).enumerate().filter(|(_, (p, _))| med(p)) {
        let belopp = p.belopp.eller_noll(b);
        match (p.typ, vald) {
            (VfTyp::Tillskott, true) => s.valda_tillskott += belopp,
            (VfTyp::Minskning, true) => s.valda_minskningar += belopp,
            (VfTyp::Tillskott, false) => s.ej_valda_tillskott += belopp,
            (VfTyp::Minskning, false) => {}
        }
        if vald {
            s.poster.push(i);
        }
        s.alla.push(i);
    }
    s
}

pub fn berakna(f: &Forslag<'_>) -> MalOchMedel {
    let m = f.grund.modell;
    let nummer: BTreeSet<u32> =
        m.inriktningsmal.keys().copied().chain(m.vf.iter().filter_map(|p| p.inriktningsmal)).collect();
    let mut inriktningsmal: Vec<Inriktningsmal> = nummer
        .into_iter()
        .map(|nr| Inriktningsmal {
            nr: Some(nr),
            namn: m.inriktningsmal.get(&nr).cloned().unwrap_or_else(|| format!("Inriktningsmål {nr}")),
            summa: summa(f, |p| p.inriktningsmal == Some(nr)),
        })
        .collect();
    if m.vf.iter().any(|p| p.inriktningsmal.is_none()) {
        inriktningsmal.push(Inriktningsmal {
            nr: None,
            namn: UTAN_INRIKTNINGSMAL.to_string(),
            summa: summa(f, |p| p.inriktningsmal.is_none()),
        });
    }
    let perspektiv = PERSPEKTIV
        .iter()
        .filter(|x| m.vf.iter().any(|p| p.perspektiv.as_deref() == Some(**x)))
        .map(|x| Perspektiv { perspektiv: x, summa: summa(f, |p| p.perspektiv.as_deref() == Some(*x)) })
        .collect();
    MalOchMedel { inriktningsmal, perspektiv }
}

//! The audit trail of one nämnd's frame for one year: every term of KB(n,t)
//! (MODELL §4–5, §8) and every selected VF item (§6), adding up exactly.

use super::befintlig::{Term, Termtyp};
use super::forslag::Forslag;
use crate::modell::Ar;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub struct Forklaring {
    pub namnd: usize,
    pub ar: Ar,
    pub termer: Vec<Term>,
    /// KB(n,t): the sum of the terms before the VF items.
    pub kostnad_befintlig: Decimal,
    /// ram(n,t): the sum of all terms.
    pub ram: Decimal,
    /// The selected VF items (indices into `Modell::vf`), in the order of the VF terms.
    pub vf_poster: Vec<usize>,
}

pub fn forklara(f: &Forslag<'_>, namnd: usize, ar: Ar) -> Forklaring {
    let m = f.grund.modell;
    let mut termer = f.befintlig.namnder[namnd].termer[&ar].clone();
    let kostnad_befintlig = termer.iter().map(|t| t.belopp).sum();
    let vf_poster: Vec<usize> = (0..m.vf.len()).filter(|&i| f.urval.vald[i] && m.vf[i].namnd == namnd).collect();
    for p in vf_poster.iter().map(|&i| &m.vf[i]) {
        termer.push(Term {
            typ: Termtyp::Vf,
            namn: format!("{} {}: {}", p.typ.namn(), p.id, p.rubrik),
            belopp: p.belopp.eller_noll(ar),
            underlag: vec![],
        });
    }
    let ram = termer.iter().map(|t| t.belopp).sum();
    Forklaring { namnd, ar, termer, kostnad_befintlig, ram, vf_poster }
}

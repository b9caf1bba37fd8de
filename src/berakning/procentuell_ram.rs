//! MODELL §3: January's procentuell ram — last year's frames changed by the
//! ramutrymme's common percentage — against the cost development at SKR's PKV.

use super::Grund;
use super::avrundning::fordela;
use super::serier::Serier;
use crate::fel::{Diagnos, Fel};
use crate::modell::Arsbelopp;
use crate::tal::kvot;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct ProcentuellRam {
    /// procent(t): the change of the ramutrymme from the year before.
    pub procent: Arsbelopp,
    /// kostnadsutveckling(t) = R0·Π(1 + pkv/100).
    pub kostnadsutveckling: Arsbelopp,
    /// differens(t) = U(t) − kostnadsutveckling(t).
    pub differens: Arsbelopp,
    /// ram(n,t), exact, per nämnd in `ramar` order.
    pub ramar: Vec<Arsbelopp>,
    /// ram(n,t) rounded by §10 to add up to U(t).
    pub ramar_avrundade: Vec<Arsbelopp>,
}

/// The result of `ram` (January): the ground and the procentuell ram.
pub struct Januariram<'a> {
    pub grund: Grund<'a>,
    pub ram: ProcentuellRam,
}

impl<'a> Januariram<'a> {
    /// §1–3 for one model and scenario; every problem reported together.
    pub fn berakna(
        modell: &'a crate::modell::Modell,
        scenario: &'a crate::modell::Scenario,
    ) -> Result<Self, crate::fel::Felrapport> {
        let mut d = Diagnos::default();
        let grund = Grund::berakna_med(modell, scenario, &mut d);
        let ram = berakna(&grund, &mut d);
        d.resultat(Januariram { grund, ram })
    }
}

pub fn berakna(g: &Grund<'_>, d: &mut Diagnos) -> ProcentuellRam {
    let m = g.modell;
    let serier = Serier::ny(m, g.scenario);
    let r0 = m.basram();
    if r0.is_zero() {
        d.fel(Fel::new(m.kalla("ramar"), "summan av ramarna är 0: den procentuella ramen kan inte beräknas"));
    }
    let mut procent = Arsbelopp::new();
    let mut kostnadsutveckling = Arsbelopp::new();
    let mut differens = Arsbelopp::new();
    let mut ramar = vec![BTreeMap::new(); m.namnder.len()];
    let mut ramar_avrundade = vec![BTreeMap::new(); m.namnder.len()];
    let mut foregaende = r0;
    for t in m.ar() {
        let u = g.ramutrymme(t);
        match kvot(u, foregaende) {
            Some(k) => {
                procent.insert(t, (k - Decimal::ONE) * Decimal::ONE_HUNDRED);
            }
            None => {
                if !r0.is_zero() {
                    d.fel(Fel::new(
                        m.kalla("ramar"),
                        format!("ramutrymmet {} är 0: procentuell förändring {t} kan inte beräknas", t - 1),
                    ));
                }
                procent.insert(t, Decimal::ZERO);
            }
        }
        foregaende = u;
        let ku = r0 * serier.kumulativ("pkv", t, d);
        kostnadsutveckling.insert(t, ku);
        differens.insert(t, u - ku);
        let exakta: Vec<Decimal> = m.namnder.iter().map(|n| kvot(n.ram * u, r0).unwrap_or_default()).collect();
        let avrundade = fordela(&exakta, u, m.enhet_tkr);
        for (i, (e, a)) in exakta.into_iter().zip(avrundade).enumerate() {
            ramar[i].insert(t, e);
            ramar_avrundade[i].insert(t, a);
        }
    }
    ProcentuellRam { procent, kostnadsutveckling, differens, ramar, ramar_avrundade }
}

//! The pure computational core: every formula of MODELL.md, no I/O. Each
//! module is one concept; `Grund` is what every command starts from.

pub mod avrundning;
pub mod befintlig;
pub mod budget;
pub mod demografi;
pub mod finansiella_mal;
pub mod forklara;
pub mod forslag;
pub mod intakter;
pub mod investeringar;
pub mod procentuell_ram;
pub mod prognosdiff;
pub mod ramutrymme;
pub mod serier;
pub mod simulering;
pub mod uppfoljning;
pub mod vf;

use crate::fel::{Diagnos, Felrapport};
use crate::modell::{Ar, Modell, Scenario};
use intakter::Intakter;
use investeringar::Kapitalkostnader;
use ramutrymme::Ramutrymme;
use rust_decimal::Decimal;

/// Revenue, capital costs and ramutrymme of one model under one scenario
/// (MODELL §1, §2, §8): the ground every command builds on.
pub struct Grund<'a> {
    pub modell: &'a Modell,
    pub scenario: &'a Scenario,
    pub intakter: Intakter,
    pub kapital: Kapitalkostnader,
    pub ramutrymme: Ramutrymme,
}

impl<'a> Grund<'a> {
    pub fn berakna(modell: &'a Modell, scenario: &'a Scenario) -> Result<Self, Felrapport> {
        let mut d = Diagnos::default();
        let g = Self::berakna_med(modell, scenario, &mut d);
        d.resultat(g)
    }

    /// As `berakna`, recording problems in `d` (for `kontrollera`).
    pub fn berakna_med(modell: &'a Modell, scenario: &'a Scenario, d: &mut Diagnos) -> Self {
        let serier = serier::Serier::ny(modell, scenario);
        let intakter = intakter::berakna(modell, scenario, d);
        let kapital = investeringar::berakna(modell, &serier, d);
        let ramutrymme = ramutrymme::berakna(modell, scenario, &intakter, &kapital, d);
        Grund { modell, scenario, intakter, kapital, ramutrymme }
    }

    /// U(t).
    pub fn ramutrymme(&self, t: Ar) -> Decimal {
        self.ramutrymme[&t].ramutrymme
    }
}

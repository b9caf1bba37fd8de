//! SKR's series as a computation uses them: with a scenario's percentage
//! points added (`[index.*]`), and chained into cumulative factors.

use crate::fel::{Diagnos, Fel};
use crate::modell::{Ar, Modell, Scenario};
use crate::tal::faktor;
use rust_decimal::Decimal;

pub struct Serier<'a> {
    modell: &'a Modell,
    scenario: &'a Scenario,
}

impl<'a> Serier<'a> {
    pub fn ny(modell: &'a Modell, scenario: &'a Scenario) -> Self {
        Serier { modell, scenario }
    }

    pub fn finns(&self, serie: &str) -> bool {
        self.modell.skr.contains_key(serie)
    }

    /// The series' value for `ar` plus the scenario's delta; missing is an error.
    pub fn varde(&self, serie: &str, ar: Ar, d: &mut Diagnos) -> Decimal {
        let delta = self.scenario.index.get(serie).and_then(|k| k.get(&ar)).copied().unwrap_or_default();
        match self.modell.skr.get(serie) {
            Some(rad) => rad.krav(ar, &format!("serien {serie}"), d) + delta,
            None => {
                d.fel(Fel::new(self.modell.kalla("skr"), format!("serien \"{serie}\" saknas: den behövs för {ar}")));
                Decimal::ZERO
            }
        }
    }

    /// `Π (1 + x[k]/100)` for `k = t0+1 … t` (1 for `t = t0`).
    pub fn kumulativ(&self, serie: &str, t: Ar, d: &mut Diagnos) -> Decimal {
        let mut f = Decimal::ONE;
        for k in self.modell.basar + 1..=t {
            f *= faktor(self.varde(serie, k, d));
        }
        f
    }
}

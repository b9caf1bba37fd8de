//! MODELL §12, känslighetsanalys: how much the budget year's result changes
//! when one lever moves and everything else stays — the VF selection too.
//! Each lever is a scenario (the scenario's own levers plus the lever's
//! step) under which revenue S and the cost of existing operations KB are
//! computed again from §1; the selection of the proposal is held, so
//! `Δresultat = ΔS(B) − Σn ΔKB(n,B)` (PK and C do not depend on these levers).

use crate::berakning::forslag::Forslag;
use crate::berakning::{Grund, befintlig};
use crate::fel::Diagnos;
use crate::modell::{Ar, Modell, Scenario};
use rust_decimal::Decimal;

/// A lever of the känslighetsanalys, in the order of MODELL §12.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spak {
    Skatteunderlag,
    Skattesats,
    Invanare,
    Statsbidrag,
    Lon,
    Priser,
}

impl Spak {
    pub const ALLA: [Spak; 6] =
        [Spak::Skatteunderlag, Spak::Skattesats, Spak::Invanare, Spak::Statsbidrag, Spak::Lon, Spak::Priser];

    /// The JSON key (`spak`).
    pub fn namn(self) -> &'static str {
        match self {
            Spak::Skatteunderlag => "skatteunderlag",
            Spak::Skattesats => "skattesats",
            Spak::Invanare => "invanare",
            Spak::Statsbidrag => "statsbidrag",
            Spak::Lon => "lon",
            Spak::Priser => "priser",
        }
    }

    /// The step, as the document writes it (`forandring`).
    pub fn forandring(self) -> &'static str {
        match self {
            Spak::Skatteunderlag | Spak::Lon | Spak::Priser => "+1 procentenhet",
            Spak::Skattesats => "+10 öre",
            Spak::Invanare => "+100 invånare",
            Spak::Statsbidrag => "+100 kr per invånare",
        }
    }

    /// What moves, in plain Swedish for the reader of the document.
    pub fn beskrivning(self) -> &'static str {
        match self {
            Spak::Skatteunderlag => "Skatteunderlagets utveckling",
            Spak::Skattesats => "Kommunal skattesats",
            Spak::Invanare => "Antal invånare",
            Spak::Statsbidrag => "Generella statsbidrag",
            Spak::Lon => "Löneökningar",
            Spak::Priser => "Prisökningar",
        }
    }

    /// The series a lever moves in year B: `[index] personal`, or the set
    /// {`[index] ovrigt`, `pkv`} (each once).
    pub fn serier(self, m: &Modell) -> Vec<String> {
        match self {
            Spak::Lon => vec![m.index.personal.clone()],
            Spak::Priser => {
                let mut v = vec![m.index.ovrigt.clone()];
                if m.index.ovrigt != "pkv" {
                    v.push("pkv".to_string());
                }
                v
            }
            _ => vec![],
        }
    }

    /// The scenario `s` with this lever's step added on top of its own.
    pub fn scenario(self, m: &Modell, s: &Scenario) -> Scenario {
        let b = m.budgetar();
        let mut ut = s.clone();
        let lagg_till = |k: &mut crate::modell::Arsbelopp, ar: Ar, steg: Decimal| {
            *k.entry(ar).or_default() += steg;
        };
        match self {
            Spak::Skatteunderlag => lagg_till(&mut ut.skatteunderlag, b, Decimal::ONE),
            Spak::Skattesats => ut.skattesats_forandring += Decimal::new(10, 2),
            Spak::Invanare => lagg_till(&mut ut.invanare, b - 1, Decimal::ONE_HUNDRED),
            Spak::Statsbidrag => lagg_till(&mut ut.statsbidrag_kr_per_invanare, b, Decimal::ONE_HUNDRED),
            Spak::Lon | Spak::Priser => {
                for serie in self.serier(m) {
                    lagg_till(ut.index.entry(serie).or_default(), b, Decimal::ONE);
                }
            }
        }
        ut
    }
}

/// One lever's effect on the budget year, tkr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kanslighet {
    pub spak: Spak,
    /// ΔS(B).
    pub intakter: Decimal,
    /// −Σn ΔKB(n,B).
    pub kostnader: Decimal,
    /// intakter + kostnader.
    pub resultat: Decimal,
}

/// Every lever, in order. A lever whose computation needs what the model
/// does not have (a series it does not use) changes nothing: 0.
pub fn berakna(f: &Forslag<'_>) -> Vec<Kanslighet> {
    let m = f.grund.modell;
    let b = m.budgetar();
    let s0 = f.grund.intakter[&b].summa;
    let kb0 = f.befintlig.summa(b);
    Spak::ALLA
        .iter()
        .map(|&spak| {
            let scenario = spak.scenario(m, f.grund.scenario);
            let mut d = Diagnos::default();
            let g = Grund::berakna_med(m, &scenario, &mut d);
            let bef = befintlig::berakna(&g, &mut d);
            let (intakter, kostnader) =
                if d.ok() { (g.intakter[&b].summa - s0, kb0 - bef.summa(b)) } else { (Decimal::ZERO, Decimal::ZERO) };
            Kanslighet { spak, intakter, kostnader, resultat: intakter + kostnader }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn spaken_laggs_ovanpa_scenariots_egen() {
        let mut m = Modell { basar: 2025, antal_ar: 2, ..Default::default() };
        let mut s = Scenario::bas();
        s.skatteunderlag.insert(2026, dec!(-1.5));
        s.index.insert("lon".into(), [(2026, dec!(0.5))].into());
        let u = Spak::Skatteunderlag.scenario(&m, &s);
        assert_eq!(u.skatteunderlag[&2026], dec!(-0.5));
        let l = Spak::Lon.scenario(&m, &s);
        assert_eq!(l.index["lon"][&2026], dec!(1.5));
        assert_eq!(Spak::Invanare.scenario(&m, &s).invanare[&2025], dec!(100));
        assert_eq!(Spak::Skattesats.scenario(&m, &s).skattesats_forandring, dec!(0.10));
        assert_eq!(Spak::Statsbidrag.scenario(&m, &s).statsbidrag_kr_per_invanare[&2026], dec!(100));
        // Priser: övrigt and pkv once each; once in all when övrigt maps to pkv.
        let p = Spak::Priser.scenario(&m, &s);
        assert_eq!((p.index["ovrigt"][&2026], p.index["pkv"][&2026]), (dec!(1), dec!(1)));
        m.index.ovrigt = "pkv".into();
        let p = Spak::Priser.scenario(&m, &s);
        assert_eq!(p.index["pkv"][&2026], dec!(1));
        assert!(!p.index.contains_key("ovrigt"));
    }
}

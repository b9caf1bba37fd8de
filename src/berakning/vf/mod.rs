//! MODELL §6: which VF items are selected, decided on the budget year, under
//! the three rules `proportionell`, `gemensam` and `optimal`.

pub mod optimal;

use crate::fel::{Diagnos, Fel};
use crate::modell::{Fordelning, Modell, VfPost, VfTyp};
use crate::tal::{avrunda, kvot, utan_brus};
use optimal::{Grupp, Optimerare};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The selection and what it was measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct Urval {
    pub regel: Fordelning,
    /// Per VF item (in table order): selected or not.
    pub vald: Vec<bool>,
    /// proportionell: mal(n) = KB(n,B)·U(B)/Σ KB(m,B).
    pub mal: Option<Vec<Decimal>>,
}

/// Each nämnd's items of one typ, in its own priority order (indices into `Modell::vf`).
pub fn listor(m: &Modell, typ: VfTyp) -> Vec<Vec<usize>> {
    let mut ut = vec![Vec::new(); m.namnder.len()];
    for (i, p) in m.vf.iter().enumerate() {
        if p.typ == typ {
            ut[p.namnd].push(i);
        }
    }
    for l in &mut ut {
        l.sort_by_key(|&i| m.vf[i].prioritet);
    }
    ut
}

/// The kommun-wide order of `gemensam`: kommunprioritet (missing → the item's
/// own prioritet), then nämnd order in `ramar`, then prioritet.
pub fn gemensam_ordning(m: &Modell, typ: VfTyp) -> Vec<usize> {
    let mut ut: Vec<usize> = (0..m.vf.len()).filter(|&i| m.vf[i].typ == typ).collect();
    ut.sort_by_key(|&i| {
        let p = &m.vf[i];
        (p.kommunprioritet.unwrap_or(p.prioritet), p.namnd, p.prioritet)
    });
    ut
}

/// Walks items in order against a limit: additions are taken while the running
/// sum stays ≤ limit, stopping at the first that does not fit; cuts are taken
/// until the running sum is ≤ limit (the last may overshoot).
fn vandra(ordning: &[usize], belopp: impl Fn(usize) -> Decimal, grans: Decimal, typ: VfTyp, vald: &mut [bool]) {
    let mut summa = Decimal::ZERO;
    let grans = utan_brus(grans);
    for &i in ordning {
        match typ {
            VfTyp::Tillskott => {
                if utan_brus(summa + belopp(i)) > grans {
                    break;
                }
            }
            VfTyp::Minskning => {
                if utan_brus(summa) <= grans {
                    break;
                }
            }
        }
        summa += belopp(i);
        vald[i] = true;
    }
}

/// Selects VF items for the budget year B. `kb[n]` = KB(n,B), `u` = U(B).
pub fn valj(m: &Modell, regel: Fordelning, kb: &[Decimal], u: Decimal, d: &mut Diagnos) -> Urval {
    let b = m.budgetar();
    let belopp = |i: usize| m.vf[i].belopp.eller_noll(b);
    let mut vald = vec![false; m.vf.len()];
    let glapp = u - kb.iter().copied().sum::<Decimal>();
    let mut mal = None;
    match regel {
        Fordelning::Proportionell => {
            let summa: Decimal = kb.iter().copied().sum();
            if summa.is_zero() {
                d.fel(Fel::new(m.kalla("ramar"), format!("summan av kostnaden för befintlig verksamhet {b} är 0: proportionell fördelning kan inte beräknas")));
                return Urval { regel, vald, mal: None };
            }
            let till = listor(m, VfTyp::Tillskott);
            let minsk = listor(m, VfTyp::Minskning);
            let mut mal_n = Vec::with_capacity(kb.len());
            for (n, &k) in kb.iter().enumerate() {
                // KB·U first: with one nämnd mal is exactly U.
                let mal_ram = kvot(k * u, summa).unwrap_or(k);
                let rum = mal_ram - k;
                if rum >= Decimal::ZERO {
                    vandra(&till[n], belopp, rum, VfTyp::Tillskott, &mut vald);
                } else {
                    vandra(&minsk[n], belopp, rum, VfTyp::Minskning, &mut vald);
                }
                mal_n.push(mal_ram);
            }
            mal = Some(mal_n);
        }
        Fordelning::Gemensam => {
            let typ = if glapp >= Decimal::ZERO { VfTyp::Tillskott } else { VfTyp::Minskning };
            vandra(&gemensam_ordning(m, typ), belopp, glapp, typ, &mut vald);
        }
        Fordelning::Optimal => {
            let g = heltal(glapp);
            let typ = if g >= 0 { VfTyp::Tillskott } else { VfTyp::Minskning };
            let o = optimerare(m, typ, g.abs());
            let listor = listor(m, typ);
            match o.val(g.abs()) {
                Some(langder) => {
                    for (lista, k) in listor.iter().zip(langder) {
                        lista[..k].iter().for_each(|&i| vald[i] = true);
                    }
                }
                None => listor.iter().flatten().for_each(|&i| vald[i] = true),
            }
        }
    }
    Urval { regel, vald, mal }
}

/// Whole tkr, half away from zero (b̃ and G̃ of the optimal rule).
pub fn heltal(v: Decimal) -> i64 {
    avrunda(v, 0).to_i64().unwrap_or(if v.is_sign_negative() { i64::MIN / 4 } else { i64::MAX / 4 })
}

/// The optimal rule's tables for one typ, for every capacity up to `max` tkr.
pub fn optimerare(m: &Modell, typ: VfTyp, max: i64) -> Optimerare {
    let b = m.budgetar();
    let skala = vardeskala(&m.vf);
    let grupper = listor(m, typ)
        .iter()
        .map(|l| {
            Grupp::ny(
                l.iter().map(|&i| (heltal(m.vf[i].belopp.eller_noll(b)).abs(), skalat_varde(m.vf[i].varde, skala))),
            )
        })
        .collect();
    match typ {
        VfTyp::Tillskott => Optimerare::tillskott(grupper, max),
        VfTyp::Minskning => Optimerare::minskning(grupper, max),
    }
}

/// The decimals needed to compare värden exactly as whole numbers (at most 9).
fn vardeskala(poster: &[VfPost]) -> u32 {
    poster.iter().map(|p| p.varde.normalize().scale()).max().unwrap_or(0).min(9)
}

fn skalat_varde(v: Decimal, skala: u32) -> i128 {
    let skalat = avrunda(v * Decimal::from(10i64.pow(skala)), 0);
    skalat.to_i128().unwrap_or(0)
}

#[cfg(test)]
mod granstester {
    use super::*;
    use rust_decimal_macros::dec;

    /// Issue 14 item 3: limits in §6 are compared at 20 decimals, so the noise
    /// of exact division (1499.9999…9 for 1500) does not decide; a real
    /// difference at the 15th decimal does.
    #[test]
    fn gransen_jamfors_pa_20_decimaler() {
        let brusig = dec!(1500) * (dec!(1000) / dec!(980)) * (dec!(0.98));
        assert!(brusig < dec!(1500), "{brusig}");
        let belopp = |i: usize| [dec!(1000), dec!(500)][i];
        let mut vald = [false; 2];
        vandra(&[0, 1], belopp, brusig, VfTyp::Tillskott, &mut vald);
        assert_eq!(vald, [true, true]);
        let mut vald = [false; 2];
        vandra(&[0, 1], belopp, dec!(1500) - dec!(0.000000000000001), VfTyp::Tillskott, &mut vald);
        assert_eq!(vald, [true, false]);
        // Cuts: the running sum −1500 reaches a noisy −1500 limit after two items.
        let belopp = |i: usize| [dec!(-1000), dec!(-500), dec!(-1)][i];
        let mut vald = [false; 3];
        vandra(&[0, 1, 2], belopp, -brusig, VfTyp::Minskning, &mut vald);
        assert_eq!(vald, [true, true, false]);
    }
}

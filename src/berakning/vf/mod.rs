//! MODELL §6: which VF items are selected, decided on the budget year, under
//! the three rules `proportionell`, `gemensam` and `optimal`.

#[cfg(test)]
mod kapacitets_dp;
pub mod optimal;

use crate::fel::{Diagnos, Fel};
use crate::modell::{Ar, Fordelning, Modell, VfPost, VfTyp};
use crate::tal::{avrunda, kvot, utan_brus};
use optimal::{Grupp, Optimerare};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

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
            let g = heltal_exakt(glapp);
            let typ = if g >= 0 { VfTyp::Tillskott } else { VfTyp::Minskning };
            match optimerare(m, typ, g.abs(), g.abs()) {
                Ok(o) => {
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
                Err(fel) => d.fel(fel),
            }
        }
    }
    Urval { regel, vald, mal }
}

/// Whole tkr, half away from zero (b̃ and G̃ of the optimal rule), as i64
/// (saturating far beyond any budget; the rule itself uses `heltal_exakt`).
pub fn heltal(v: Decimal) -> i64 {
    heltal_exakt(v).clamp(i128::from(i64::MIN / 4), i128::from(i64::MAX / 4)) as i64
}

/// Whole tkr, half away from zero, exactly (every Decimal fits in i128).
pub fn heltal_exakt(v: Decimal) -> i128 {
    avrunda(v, 0).to_i128().unwrap_or_default()
}

/// The optimal rule's groups for one typ: per nämnd its items' prefix sums of
/// |b̃| and of värde scaled to whole numbers. An error names the item where
/// a sum over the typ's items no longer fits in 128 bits.
pub fn grupper(m: &Modell, typ: VfTyp) -> Result<Vec<Grupp>, Fel> {
    let b = m.budgetar();
    let skala = vardeskala(&m.vf);
    let listor = listor(m, typ);
    let (mut w, mut v) = (0i128, 0i128);
    for &i in listor.iter().flatten() {
        let p = &m.vf[i];
        let Some(nw) = w.checked_add(heltal_exakt(p.belopp.eller_noll(b)).abs()) else {
            let kolumn = p.belopp.kolumner.get(&b).cloned().unwrap_or_else(|| b.to_string());
            return Err(p
                .belopp
                .plats
                .fel_i(&kolumn, "beloppen är för stora för att summeras exakt i den optimala fördelningen"));
        };
        let Some(nv) = v.checked_add(skalat_varde(p.varde, skala)) else {
            return Err(p.belopp.plats.fel_i(
                "värde",
                "värdena är för stora för att summeras exakt i den optimala fördelningen \
                 (värde jämförs med 9 decimaler)",
            ));
        };
        (w, v) = (nw, nv);
    }
    Ok(listor
        .iter()
        .map(|l| {
            let poster = l
                .iter()
                .map(|&i| (heltal_exakt(m.vf[i].belopp.eller_noll(b)).abs(), skalat_varde(m.vf[i].varde, skala)));
            // The sums over all the typ's items fit, so every group's do.
            Grupp::ny(poster).unwrap_or_else(|_| unreachable!("summan ryms"))
        })
        .collect())
}

/// The optimal rule's tables for one typ, for every capacity or need from `fran` to `till` tkr.
pub fn optimerare(m: &Modell, typ: VfTyp, fran: i128, till: i128) -> Result<Optimerare, Fel> {
    let g = grupper(m, typ)?;
    let o = match typ {
        VfTyp::Tillskott => Optimerare::tillskott(&g, fran, till),
        VfTyp::Minskning => Optimerare::minskning(&g, fran, till),
    };
    o.map_err(|_| {
        Fel::new(
            m.kalla("vf"),
            format!(
                "den optimala fördelningen kräver fler än {} prövade kombinationer av {}: så många poster \
                 har samma värde att det exakta valet inte kan avgöras inom rimlig tid. Ge posterna olika \
                 värde, eller välj fördelningen proportionell eller gemensam",
                optimal::MAX_PROVADE,
                if typ == VfTyp::Tillskott { "tillskott" } else { "minskningar" }
            ),
        )
    })
}

/// `värde` as compared: rounded half away from zero to 9 decimals (FORMAT.md).
fn varde_9(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(9, RoundingStrategy::MidpointAwayFromZero).normalize()
}

/// The decimals needed to compare värden exactly as whole numbers (at most 9).
fn vardeskala(poster: &[VfPost]) -> u32 {
    poster.iter().map(|p| varde_9(p.varde).scale()).max().unwrap_or(0)
}

/// värde·10^skala exactly: the mantissa (< 2^96) times at most 10^9 fits in i128.
fn skalat_varde(v: Decimal, skala: u32) -> i128 {
    let r = varde_9(v);
    r.mantissa() * 10i128.pow(skala - r.scale())
}

/// Σ of the selected items' amounts for nämnd `n` in year `t`.
pub fn tillagg(m: &Modell, urval: &Urval, n: usize, t: Ar) -> Decimal {
    m.vf.iter().zip(&urval.vald).filter(|(p, v)| **v && p.namnd == n).map(|(p, _)| p.belopp.eller_noll(t)).sum()
}

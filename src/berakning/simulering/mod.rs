//! MODELL §11: Monte Carlo simulation of the budget year. Each draw takes
//! deviations of skatteunderlag growth, wage growth and population from the
//! uncertainty file, recomputes ramutrymme, cost, glapp and the VF selection
//! with the chosen rule, and is aggregated as it streams: memory does not grow
//! with the number of draws, and the same seed gives the same result on any
//! number of threads (draws come in fixed chunks, each seeded from the seed
//! and its own number; aggregation is exact integer counting).

pub mod percentil;
pub mod snabb;

use crate::berakning::forslag::Forslag;
use crate::fel::{Fel, Felrapport};
use crate::modell::{Fordelning, Osakerhet, Scenario};
use crate::tal::kvot;
use percentil::Histogram;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;
use rust_decimal::Decimal;
use snabb::{Avvikelse, BLOCK, Snabbmodell, Summa};
use std::sync::atomic::{AtomicU64, Ordering};

/// Draws per chunk: the unit of seeding and of progress.
pub const BIT: u64 = 1 << 16;
const PILOT: u64 = 20_000;

/// P5, P50 and P95 of a figure in the budget year, with the stated accuracy.
#[derive(Debug, Clone, PartialEq)]
pub struct Percentiler {
    pub p5: Decimal,
    pub p50: Decimal,
    pub p95: Decimal,
    /// The deterministic value.
    pub bas: Decimal,
    /// Largest error of a percentile against the exact order statistic.
    pub noggrannhet: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Simulering {
    pub dragningar: u64,
    pub seed: u64,
    pub regel: Fordelning,
    pub ramutrymme: Percentiler,
    pub glapp: Percentiler,
    pub resultat_procent: Percentiler,
    pub sannolikhet_negativt_resultat: Decimal,
    pub sannolikhet_under_mal: Decimal,
    /// Per VF item in table order: the probability that it is selected.
    pub vf: Vec<Decimal>,
    /// The distribution of resultat_procent(B): (from, to, count) for a chart.
    pub histogram: Vec<(Decimal, Decimal, u64)>,
    /// Draws whose selection was too close to a limit for f64 and was computed exactly.
    pub exakta_dragningar: u64,
}

/// The levers' standard deviations that reach the budget year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spridning {
    pub invanare: f64,
    pub skatteunderlag: f64,
    pub lon: f64,
}

impl Spridning {
    /// From the uncertainty file: population on 1 November of basår, and the
    /// budget year's skatteunderlag and wage growth.
    pub fn fran(o: &Osakerhet, basar: i32) -> Self {
        let sd = |k: &crate::modell::Arsbelopp, ar: i32| {
            k.get(&ar).and_then(rust_decimal::prelude::ToPrimitive::to_f64).unwrap_or(0.0)
        };
        Spridning {
            invanare: sd(&o.invanare, basar),
            skatteunderlag: sd(&o.skatteunderlag, basar + 1),
            lon: sd(&o.lon, basar + 1),
        }
    }
}

/// The most draws a simulation takes (as in the uncertainty file).
pub const MAX_DRAGNINGAR: u64 = 1_000_000_000_000;

/// SplitMix64: the seed of a chunk from the run's seed and the chunk's number.
fn blanda(seed: u64, bit: u64) -> u64 {
    let mut z = seed ^ bit.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One draw's deviations: three standard normals, always in this order.
#[inline]
fn dra(rng: &mut Xoshiro256PlusPlus, s: &Spridning) -> Avvikelse {
    let z: [f64; 3] = [StandardNormal.sample(rng), StandardNormal.sample(rng), StandardNormal.sample(rng)];
    Avvikelse { invanare: s.invanare * z[0], skatteunderlag: s.skatteunderlag * z[1], lon: s.lon * z[2] }
}

/// Simulates `dragningar` draws around the deterministic proposal `bas`.
/// `framsteg` is told how many draws are done after each chunk. An input
/// error when the number of draws is 0 (or absurd), or when the optimal rule
/// cannot be decided for the gaps the draws reach.
pub fn kor(
    bas: &Forslag<'_>,
    s: Spridning,
    dragningar: u64,
    seed: u64,
    framsteg: &(dyn Fn(u64) + Sync),
) -> Result<Simulering, Felrapport> {
    if !(1..=MAX_DRAGNINGAR).contains(&dragningar) {
        return Err(Felrapport::en(Fel::new(
            "--dragningar",
            format!("antalet dragningar ska vara ett heltal mellan 1 och {MAX_DRAGNINGAR}, inte {dragningar}"),
        )));
    }
    let m = bas.grund.modell;
    let b = m.budgetar();
    let mut snabb = Snabbmodell::ny(bas);

    // A pilot run from its own stream sets the histograms' ranges and the gaps optimal prepares for.
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(blanda(seed, u64::MAX));
    let pilot: Vec<Avvikelse> = (0..PILOT).map(|_| dra(&mut rng, &s)).collect();
    snabb.forbered(&pilot).map_err(Felrapport::en)?;
    let (pilot_s, pilot_g): (Vec<f64>, Vec<f64>) = pilot
        .iter()
        .map(|a| {
            let (ds, dg, _) = snabb.avvikelser(a);
            (ds, dg)
        })
        .unzip();
    let mall = snabb.summa(&pilot_s, &pilot_g);

    let bitar = dragningar.div_ceil(BIT);
    let tradar = (rayon::current_num_threads() as u64).clamp(1, bitar.max(1));
    let per_trad = bitar.div_ceil(tradar);
    let klara = AtomicU64::new(0);
    let snabb = &snabb;
    // Without any spread every draw is the deterministic result.
    let noll = s.invanare == 0.0 && s.skatteunderlag == 0.0 && s.lon == 0.0;
    let delar: Vec<Summa> = (0..tradar)
        .into_par_iter()
        .map(|t| {
            let mut summa = mall.clone();
            for bit in t * per_trad..((t + 1) * per_trad).min(bitar) {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(blanda(seed, bit));
                let antal = BIT.min(dragningar - bit * BIT);
                if noll {
                    snabb.lagg_till_bas(&mut summa, antal);
                } else {
                    let mut block = [Avvikelse::default(); BLOCK];
                    for start in (0..antal).step_by(BLOCK) {
                        let b = (antal - start).min(BLOCK as u64) as usize;
                        block[..b].iter_mut().for_each(|a| *a = dra(&mut rng, &s));
                        snabb.block(&block[..b], &mut summa);
                    }
                }
                framsteg(klara.fetch_add(antal, Ordering::Relaxed) + antal);
            }
            summa
        })
        .collect();
    let mut summa = mall;
    delar.iter().for_each(|d| summa.sla_ihop(d));

    let n = Decimal::from(dragningar);
    let dec = |x: f64| crate::tal::fran_f64(x).unwrap_or_default();
    let r = &bas.grund.ramutrymme[&b];
    let ettminusmal = Decimal::ONE - r.resultatmal_procent / Decimal::ONE_HUNDRED;
    let percentiler = |h: &Histogram, bas: Decimal, skala: Decimal| {
        let (p5, p50, p95) = (h.kvantil(0.05), h.kvantil(0.50), h.kvantil(0.95));
        Percentiler {
            p5: bas + skala * dec(p5.varde),
            p50: bas + skala * dec(p50.varde),
            p95: bas + skala * dec(p95.varde),
            bas,
            noggrannhet: skala * dec(p5.noggrannhet.max(p50.noggrannhet).max(p95.noggrannhet)),
        }
    };
    // U(B) = U + (1 − m)·ΔS.
    let ramutrymme = percentiler(&summa.s, r.ramutrymme, ettminusmal);
    let glapp = percentiler(&summa.g, bas.befintlig.glapp[&b], Decimal::ONE);
    // resultat_procent(B) = (res + ΔS)/(S + ΔS)·100 is increasing in ΔS when S > res (the costs
    // are positive), so its order statistics are those of ΔS mapped through it.
    let (s0, res0, pct_bas) = (r.skatter_och_bidrag, bas.resultat[&b], bas.resultat_procent[&b]);
    let (s0f, res0f) = (f64_av(s0), f64_av(res0));
    let pct_avvikelse = |ds: f64| ((res0f + ds) / (s0f + ds) - res0f / s0f) * 100.0;
    let resultat_procent = {
        let okar = s0 >= res0;
        let k = |q: f64| summa.s.kvantil(if okar { q } else { 1.0 - q });
        let pct = |ds: f64| -> Decimal {
            if ds == 0.0 {
                return pct_bas;
            }
            kvot((res0 + dec(ds)) * Decimal::ONE_HUNDRED, s0 + dec(ds)).unwrap_or(pct_bas)
        };
        let (p5, p50, p95) = (k(0.05), k(0.50), k(0.95));
        // In percentage points: the bin width times the steepest slope within it.
        let lutning = |x: f64| 100.0 * (s0f - res0f).abs() / ((s0f + x) * (s0f + x));
        let nogg = [p5, p50, p95]
            .iter()
            .map(|k| k.noggrannhet * lutning(k.varde - k.noggrannhet).max(lutning(k.varde + k.noggrannhet)))
            .fold(0.0, f64::max);
        Percentiler {
            p5: pct(p5.varde),
            p50: pct(p50.varde),
            p95: pct(p95.varde),
            bas: pct_bas,
            noggrannhet: dec(nogg),
        }
    };
    let prefix = snabb.prefixantal(&summa);
    let mut vf = vec![Decimal::ZERO; m.vf.len()];
    for (lista, antal) in snabb.listor.poster.iter().zip(&prefix) {
        for (j, &i) in lista.iter().enumerate() {
            vf[i] = Decimal::from(antal[j + 1..].iter().sum::<u64>()) / n;
        }
    }
    let histogram = if summa.s.min < summa.s.max {
        let (a, c) = (pct_avvikelse(summa.s.min), pct_avvikelse(summa.s.max));
        let (lo, hi) = (a.min(c), a.max(c));
        // 0 % and the target on bin edges (as deviations from the base's result):
        // each bar then lies wholly on one side of the balanskrav and of the target.
        let mot_bas = |p: Decimal| f64_av(p - pct_bas);
        let (fran, till, antal) = diagramfack(lo, hi, [mot_bas(Decimal::ZERO), mot_bas(r.resultatmal_procent)]);
        summa
            .s
            .grov(pct_avvikelse, fran, till, antal)
            .into_iter()
            .map(|(a, c, k)| (pct_bas + dec(a), pct_bas + dec(c), k))
            .collect()
    } else {
        vec![(pct_bas, pct_bas, dragningar)]
    };
    Ok(Simulering {
        dragningar,
        seed,
        regel: bas.urval.regel,
        ramutrymme,
        glapp,
        resultat_procent,
        sannolikhet_negativt_resultat: Decimal::from(summa.negativa) / n,
        sannolikhet_under_mal: Decimal::from(summa.under_mal) / n,
        vf,
        histogram,
        exakta_dragningar: summa.exakta,
    })
}

pub(super) fn f64_av(d: Decimal) -> f64 {
    rust_decimal::prelude::ToPrimitive::to_f64(&d).unwrap_or(0.0)
}

/// The chart's bins over `[lo, hi]`: about 30 of equal width, with the two
/// `granser` on bin edges (both when they are at least half a bin apart,
/// else the first): `(from, to, number of bins)`.
fn diagramfack(lo: f64, hi: f64, granser: [f64; 2]) -> (f64, f64, usize) {
    let bredd = (hi - lo) / 30.0;
    let avstand = (granser[1] - granser[0]).abs();
    let steg = if avstand >= bredd / 2.0 { avstand / (avstand / bredd).round().max(1.0) } else { bredd };
    let fran = granser[0] + ((lo - granser[0]) / steg).floor() * steg;
    let antal = ((hi - fran) / steg).floor() as usize + 1;
    (fran, fran + antal as f64 * steg, antal)
}

/// The scenario a simulation starts from: the base, with the rule to use.
pub fn basscenario(regel: Option<Fordelning>) -> Scenario {
    Scenario { fordelning: regel, ..Scenario::bas() }
}

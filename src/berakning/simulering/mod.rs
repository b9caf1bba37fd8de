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
use crate::modell::{Fordelning, Osakerhet, Scenario};
use percentil::Histogram;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;
use rust_decimal::Decimal;
use snabb::{Avvikelse, Snabbmodell, Utfall};
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

/// What a share of the draws adds up to.
#[derive(Clone)]
struct Summa {
    u: Histogram,
    g: Histogram,
    p: Histogram,
    negativa: u64,
    under_mal: u64,
    /// Per list, how many draws selected a prefix of each length.
    prefix: Vec<Vec<u64>>,
    exakta: u64,
}

impl Summa {
    fn lagg_till(&mut self, u: &Utfall, val: &[u32], exakt: bool) {
        self.u.lagg_till(u.ramutrymme);
        self.g.lagg_till(u.glapp);
        self.p.lagg_till(u.resultat_procent);
        self.negativa += u.negativt_resultat as u64;
        self.under_mal += u.under_mal as u64;
        for (lista, &k) in self.prefix.iter_mut().zip(val) {
            lista[k as usize] += 1;
        }
        self.exakta += exakt as u64;
    }

    fn sla_ihop(&mut self, annan: &Summa) {
        self.u.sla_ihop(&annan.u);
        self.g.sla_ihop(&annan.g);
        self.p.sla_ihop(&annan.p);
        self.negativa += annan.negativa;
        self.under_mal += annan.under_mal;
        for (a, b) in self.prefix.iter_mut().zip(&annan.prefix) {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        }
        self.exakta += annan.exakta;
    }
}

/// Simulates `dragningar` draws around the deterministic proposal `bas`.
/// `framsteg` is told how many draws are done after each chunk.
pub fn simulera(
    bas: &Forslag<'_>,
    s: Spridning,
    dragningar: u64,
    seed: u64,
    framsteg: &(dyn Fn(u64) + Sync),
) -> Simulering {
    let m = bas.grund.modell;
    let b = m.budgetar();
    let mut snabb = Snabbmodell::ny(bas);

    // A pilot run from its own stream sets the histograms' ranges and the size of optimal's tables.
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(blanda(seed, u64::MAX));
    let pilot: Vec<Utfall> = (0..PILOT).map(|_| snabb.utfall(&dra(&mut rng, &s)).0).collect();
    let kol = |f: fn(&Utfall) -> f64| pilot.iter().map(f).collect::<Vec<_>>();
    let max_dg = pilot.iter().map(|u| u.glapp.abs()).fold(0.0, f64::max);
    snabb.bygg_optimal(snabb.glapp() - 4.0 * max_dg - 1.0, snabb.glapp() + 4.0 * max_dg + 1.0);
    let mall = Summa {
        u: Histogram::for_pilot(&kol(|u| u.ramutrymme)),
        g: Histogram::for_pilot(&kol(|u| u.glapp)),
        p: Histogram::for_pilot(&kol(|u| u.resultat_procent)),
        negativa: 0,
        under_mal: 0,
        prefix: snabb.listor.poster.iter().map(|l| vec![0; l.len() + 1]).collect(),
        exakta: 0,
    };

    let bitar = dragningar.div_ceil(BIT);
    let tradar = (rayon::current_num_threads() as u64).clamp(1, bitar.max(1));
    let per_trad = bitar.div_ceil(tradar);
    let klara = AtomicU64::new(0);
    let snabb = &snabb;
    let delar: Vec<Summa> = (0..tradar)
        .into_par_iter()
        .map(|t| {
            let mut summa = mall.clone();
            let mut val = vec![0u32; summa.prefix.len()];
            for bit in t * per_trad..((t + 1) * per_trad).min(bitar) {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(blanda(seed, bit));
                let antal = BIT.min(dragningar - bit * BIT);
                for _ in 0..antal {
                    let (u, exakt) = snabb.dragning(&dra(&mut rng, &s), &mut val);
                    summa.lagg_till(&u, &val, exakt);
                }
                framsteg(klara.fetch_add(antal, Ordering::Relaxed) + antal);
            }
            summa
        })
        .collect();
    let mut summa = mall;
    delar.iter().for_each(|d| summa.sla_ihop(d));

    let n = Decimal::from(dragningar.max(1));
    let dec = |x: f64| crate::tal::fran_f64(x).unwrap_or_default();
    let percentiler = |h: &Histogram, bas: Decimal| Percentiler {
        p5: bas + dec(h.kvantil(0.05)),
        p50: bas + dec(h.kvantil(0.50)),
        p95: bas + dec(h.kvantil(0.95)),
        bas,
        noggrannhet: dec(h.noggrannhet()),
    };
    let mut vf = vec![Decimal::ZERO; m.vf.len()];
    for (lista, antal) in snabb.listor.poster.iter().zip(&summa.prefix) {
        for (j, &i) in lista.iter().enumerate() {
            vf[i] = Decimal::from(antal[j + 1..].iter().sum::<u64>()) / n;
        }
    }
    let pct_bas = bas.resultat_procent[&b];
    let histogram = if summa.p.min < summa.p.max {
        summa
            .p
            .grov(summa.p.min, summa.p.max, 30)
            .into_iter()
            .map(|(a, c, k)| (pct_bas + dec(a), pct_bas + dec(c), k))
            .collect()
    } else {
        vec![(pct_bas, pct_bas, dragningar)]
    };
    Simulering {
        dragningar,
        seed,
        regel: bas.urval.regel,
        ramutrymme: percentiler(&summa.u, bas.grund.ramutrymme(b)),
        glapp: percentiler(&summa.g, bas.befintlig.glapp[&b]),
        resultat_procent: percentiler(&summa.p, pct_bas),
        sannolikhet_negativt_resultat: Decimal::from(summa.negativa) / n,
        sannolikhet_under_mal: Decimal::from(summa.under_mal) / n,
        vf,
        histogram,
        exakta_dragningar: summa.exakta,
    }
}

/// The scenario a simulation starts from: the base, with the rule to use.
pub fn basscenario(regel: Option<Fordelning>) -> Scenario {
    Scenario { fordelning: regel, ..Scenario::bas() }
}

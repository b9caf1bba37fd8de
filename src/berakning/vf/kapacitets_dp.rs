//! The capacity DP that was the `optimal` rule until the sparse solver of
//! `optimal.rs` replaced it: a table per nämnd over every whole tkr up to the
//! gap. Kept for tests only, as the reference the new solver must equal.

use super::optimal::Grupp;

/// A group with i64 weights, as the DP had it.
#[derive(Debug, Clone)]
pub struct Tgrupp {
    vikt: Vec<i64>,
    varde: Vec<i128>,
}

impl Tgrupp {
    fn langd(&self) -> usize {
        self.vikt.len() - 1
    }
}

impl From<&Grupp> for Tgrupp {
    fn from(g: &Grupp) -> Self {
        Tgrupp {
            vikt: g.vikt.iter().map(|&w| i64::try_from(w).expect("liten vikt i test")).collect(),
            varde: g.varde.clone(),
        }
    }
}

/// A packed objective: `värde · 2^skift + |Σ b̃|`, compared as one integer,
/// so the tie on |Σ b̃| follows the värde exactly. i64 when it fits, else i128.
trait Nyckel: Copy + Ord + Send + Sync + std::ops::Add<Output = Self> {
    const NOLL: Self;
    const MINUS_OANDLIG: Self;
    const OANDLIG: Self;
    fn packa(varde: i128, vikt: i64, skift: u32) -> Self;
}

impl Nyckel for i64 {
    const NOLL: Self = 0;
    const MINUS_OANDLIG: Self = i64::MIN / 4;
    const OANDLIG: Self = i64::MAX / 4;
    fn packa(varde: i128, vikt: i64, skift: u32) -> Self {
        ((varde as i64) << skift) | vikt
    }
}

impl Nyckel for i128 {
    const NOLL: Self = 0;
    const MINUS_OANDLIG: Self = i128::MIN / 4;
    const OANDLIG: Self = i128::MAX / 4;
    fn packa(varde: i128, vikt: i64, skift: u32) -> Self {
        (varde << skift) | vikt as i128
    }
}

/// Capacities per parallel chunk of a table row.
const BIT: usize = 1 << 14;

/// Choice tables for every capacity `0..=max`.
#[derive(Debug, Clone)]
pub struct KapacitetsDp {
    grupper: Vec<Tgrupp>,
    /// `val[j][c]`: the smallest prefix length of group j that is optimal with c left for groups j….
    val: Vec<Vec<u32>>,
    /// Whether the optimum for c is feasible (always for additions).
    mojlig: Vec<bool>,
    max: i64,
    /// Σ of all |b̃|: beyond it every capacity gives the same choice.
    total: i64,
    tillskott: bool,
}

impl KapacitetsDp {
    /// Additions: maximise (Σ värde, Σ b̃) subject to Σ b̃ ≤ c.
    pub fn tillskott(grupper: Vec<Tgrupp>, max: i64) -> Self {
        let total: i64 = grupper.iter().map(|g| g.vikt[g.langd()]).sum();
        Self::bygg(grupper, max.clamp(0, total), true)
    }

    /// Cuts: minimise (Σ värde, Σ |b̃|) subject to Σ |b̃| ≥ c.
    pub fn minskning(grupper: Vec<Tgrupp>, max: i64) -> Self {
        let total: i64 = grupper.iter().map(|g| g.vikt[g.langd()]).sum();
        // Beyond the total no choice covers the need; the table stops one past it.
        Self::bygg(grupper, max.clamp(0, total + 1), false)
    }

    fn bygg(grupper: Vec<Tgrupp>, max: i64, tillskott: bool) -> Self {
        let total_vikt: i64 = grupper.iter().map(|g| g.vikt[g.langd()]).sum();
        let total_varde: i128 = grupper.iter().map(|g| g.varde[g.langd()]).sum();
        let skift = 64 - (total_vikt.max(1) as u64).leading_zeros();
        let ryms_i64 = skift < 60 && total_varde < (1i128 << (61 - skift));
        let (val, mojlig) = if ryms_i64 {
            tabeller::<i64>(&grupper, max as usize + 1, skift, tillskott)
        } else {
            tabeller::<i128>(&grupper, max as usize + 1, skift, tillskott)
        };
        KapacitetsDp { grupper, val, mojlig, max, total: total_vikt, tillskott }
    }

    /// Whether `val(c)` is answered by the tables (else they were built for less).
    pub fn tacker(&self, c: i64) -> bool {
        c <= self.max || self.max >= self.total
    }

    /// The prefix length per group for capacity (additions) or need (cuts) `c`;
    /// `None` when no choice covers a need (the caller then takes all cuts).
    pub fn val(&self, c: i64) -> Option<Vec<usize>> {
        assert!(self.tacker(c), "tabellerna byggdes för högst {}", self.max);
        let mut c = c.clamp(0, self.max);
        if !self.mojlig[c as usize] {
            return None;
        }
        let mut ut = Vec::with_capacity(self.grupper.len());
        for (j, g) in self.grupper.iter().enumerate() {
            let k = self.val[j][c as usize] as usize;
            ut.push(k);
            c = if self.tillskott { c - g.vikt[k] } else { (c - g.vikt[k]).max(0) };
        }
        Some(ut)
    }
}

/// The DP from the last group to the first. For additions `f_j(c)` is the best
/// packed (värde, Σb̃) of groups j… with Σb̃ ≤ c; for cuts `g_j(c)` the least
/// with Σ|b̃| ≥ c (∞ when impossible). Prefix lengths are tried in increasing
/// order and replaced only when strictly better, so the smallest optimal one is
/// kept — which makes the reconstruction lexicographically smallest.
fn tabeller<K: Nyckel>(grupper: &[Tgrupp], bredd: usize, skift: u32, tillskott: bool) -> (Vec<Vec<u32>>, Vec<bool>) {
    use rayon::prelude::*;
    let mut foregaende: Vec<K> = if tillskott {
        vec![K::NOLL; bredd]
    } else {
        (0..bredd).map(|c| if c == 0 { K::NOLL } else { K::OANDLIG }).collect()
    };
    let mut val = vec![Vec::new(); grupper.len()];
    for (j, g) in grupper.iter().enumerate().rev() {
        let start = if tillskott { K::MINUS_OANDLIG } else { K::OANDLIG };
        let mut nu = vec![start; bredd];
        let mut v = vec![0u32; bredd];
        let nycklar: Vec<K> = (0..=g.langd()).map(|k| K::packa(g.varde[k], g.vikt[k], skift)).collect();
        let prev = &foregaende;
        nu.par_chunks_mut(BIT).zip(v.par_chunks_mut(BIT)).enumerate().for_each(|(i, (nu, v))| {
            let forsta = i * BIT;
            for (k, &tillagg) in nycklar.iter().enumerate() {
                let w = g.vikt[k] as usize;
                if tillskott {
                    // c ≥ w: f(c) = max(prev[c − w] + key).
                    let fran = w.max(forsta) - forsta;
                    if fran >= nu.len() {
                        break;
                    }
                    let p = &prev[forsta + fran - w..forsta + nu.len() - w];
                    for ((x, h), &q) in nu[fran..].iter_mut().zip(&mut v[fran..]).zip(p) {
                        let kand = q + tillagg;
                        if kand > *x {
                            *x = kand;
                            *h = k as u32;
                        }
                    }
                } else {
                    // c < w: the need is covered by this prefix alone: prev[0] + key.
                    let grans = w.clamp(forsta, forsta + nu.len()) - forsta;
                    let kand = prev[0] + tillagg;
                    for (x, h) in nu[..grans].iter_mut().zip(&mut v[..grans]) {
                        if kand < *x {
                            *x = kand;
                            *h = k as u32;
                        }
                    }
                    if grans < nu.len() {
                        let p = &prev[forsta + grans - w..forsta + nu.len() - w];
                        for ((x, h), &q) in nu[grans..].iter_mut().zip(&mut v[grans..]).zip(p) {
                            let kand = q + tillagg;
                            if kand < *x {
                                *x = kand;
                                *h = k as u32;
                            }
                        }
                    }
                }
            }
        });
        foregaende = nu;
        val[j] = v;
    }
    let mojlig = if tillskott { vec![true; bredd] } else { foregaende.iter().map(|x| *x < K::OANDLIG).collect() };
    (val, mojlig)
}

impl KapacitetsDp {
    /// The tables for groups of the new solver's form, for every capacity or need up to `max`.
    pub fn fran(grupper: &[Grupp], max: i64, tillskott: bool) -> Self {
        let g: Vec<Tgrupp> = grupper.iter().map(Tgrupp::from).collect();
        if tillskott { Self::tillskott(g, max) } else { Self::minskning(g, max) }
    }
}

/// The sparse solver against this DP on thousands of generated lists: ties in
/// värde and amount, zero värden and zero amounts, additions and cuts, needs
/// no choice covers, tables built for one capacity and for a range.
#[cfg(test)]
mod tests {
    use super::super::optimal::{Grupp, Optimerare};
    use super::*;
    use proptest::prelude::*;

    /// Items as (|b̃|, värde): few distinct values so that ties are common.
    fn poster(max_vikt: i128, max_varde: i128) -> impl Strategy<Value = Vec<(i128, i128)>> {
        let vikt = prop_oneof![1 => Just(0i128), 6 => 1..=max_vikt, 1 => Just(max_vikt / 2)];
        let varde = prop_oneof![2 => Just(0i128), 3 => Just(1i128), 4 => 0..=max_varde];
        proptest::collection::vec((vikt, varde), 0..8)
    }

    fn grupper(n: usize, max_vikt: i128, max_varde: i128) -> impl Strategy<Value = Vec<Grupp>> {
        proptest::collection::vec(poster(max_vikt, max_varde), 1..=n)
            .prop_map(|l| l.into_iter().map(|p| Grupp::ny(p).unwrap()).collect())
    }

    fn total(g: &[Grupp]) -> i128 {
        g.iter().map(|g| g.vikt[g.langd()]).sum()
    }

    /// Every capacity from 0 to a little beyond the total, one table per capacity and one for all.
    fn lika_for_alla(g: &[Grupp], tillskott: bool) -> Result<(), TestCaseError> {
        let max = total(g) + 3;
        let dp = KapacitetsDp::fran(g, max as i64, tillskott);
        let ny = |fran, till| {
            if tillskott { Optimerare::tillskott(g, fran, till) } else { Optimerare::minskning(g, fran, till) }
        };
        let alla = ny(0, max).unwrap();
        for c in 0..=max {
            let vantat = dp.val(c as i64);
            prop_assert_eq!(&alla.val(c), &vantat, "intervall, c = {}, tillskott {}", c, tillskott);
            if c % 5 == 0 || c + 3 >= max {
                prop_assert_eq!(&ny(c, c).unwrap().val(c), &vantat, "ett c = {}, tillskott {}", c, tillskott);
            }
        }
        // The intervals of constant choice cover the range, and within each the choice is constant.
        let intervall = alla.intervall(0, max, usize::MAX).unwrap();
        prop_assert_eq!(intervall.first().map(|i| i.0), Some(0));
        prop_assert_eq!(intervall.last().map(|i| i.1), Some(max));
        for (i, &(a, b)) in intervall.iter().enumerate() {
            if i > 0 {
                prop_assert_eq!(a, intervall[i - 1].1 + 1);
            }
            for c in a..=b {
                prop_assert_eq!(dp.val(c as i64), dp.val(a as i64), "c = {} i intervallet {}..={}", c, a, b);
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        #[test]
        fn sma_listor_som_gamla_dp(g in grupper(5, 30, 4)) {
            lika_for_alla(&g, true)?;
            lika_for_alla(&g, false)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// More nämnder and larger amounts: a handful of capacities, including a random sub-range.
        #[test]
        fn storre_listor_som_gamla_dp(
            g in grupper(25, 400, 6),
            andelar in proptest::collection::vec(0.0f64..1.05, 6),
            (a, b) in (0.0f64..1.0, 0.0f64..1.0),
        ) {
            let t = total(&g);
            let (lo, hi) = (((a.min(b)) * t as f64) as i128, ((a.max(b)) * t as f64) as i128 + 1);
            for tillskott in [true, false] {
                let dp = KapacitetsDp::fran(&g, t as i64 + 2, tillskott);
                let ny = |fran, till| {
                    if tillskott { Optimerare::tillskott(&g, fran, till) } else { Optimerare::minskning(&g, fran, till) }
                };
                let intervall = ny(lo, hi).unwrap();
                for &p in &andelar {
                    let c = (p * t as f64) as i128;
                    let vantat = dp.val(c.min(t + 2) as i64);
                    prop_assert_eq!(&ny(c, c).unwrap().val(c), &vantat, "c = {}, tillskott {}", c, tillskott);
                    let i = lo + (p.min(1.0) * (hi - lo) as f64) as i128;
                    prop_assert_eq!(&intervall.val(i), &dp.val(i as i64), "intervall {}..{}, c = {}", lo, hi, i);
                }
            }
        }
    }
}

//! Streaming percentiles with a stated accuracy: a histogram of 4 096 coarse
//! bins over a range set by a pilot run, in which the bins around the pilot's
//! P5, P50 and P95 are each split into 128 fine bins, plus exact minimum and
//! maximum. Memory does not depend on the number of draws and stays in the
//! processor's cache (about 200 KiB: most draws touch only the coarse bins),
//! and merging is exact integer addition, so the result does not depend on
//! the threads.
//!
//! The q-quantile is the nearest-rank order statistic x₍⌈q·n⌉₎. It lies in the
//! bin the cumulative counts point to; inside the bin the rank is interpolated
//! linearly. The error against the exact order statistic is at most the width
//! of that bin (`Kvantil::noggrannhet`): a fine bin unless the rank falls
//! outside where the pilot put it (by some ten times the pilot's own error),
//! which it makes vanishingly rare.

/// Coarse bins over the whole range.
pub const GROV: usize = 1 << 12;
/// Fine bins per split coarse bin.
pub const DELNING: usize = 1 << 7;
const HEL: u32 = u32::MAX;

#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    lo: f64,
    /// Width of a coarse bin, and its inverse.
    bredd: f64,
    per_bredd: f64,
    /// Per coarse bin: where its fine bins start in `fin`, or `HEL` when it is not split.
    delad: Vec<u32>,
    grov: Vec<u64>,
    fin: Vec<u64>,
    under: u64,
    over: u64,
    pub min: f64,
    pub max: f64,
    pub antal: u64,
}

/// A quantile and the largest error it can have.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kvantil {
    pub varde: f64,
    pub noggrannhet: f64,
}

impl Histogram {
    /// A histogram over `[lo, hi)` with the coarse bins that meet any of `delas` split.
    pub fn ny(lo: f64, hi: f64, delas: &[(f64, f64)]) -> Self {
        let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 1.0, lo + 1.0) };
        let bredd = (hi - lo) / GROV as f64;
        let index = |x: f64| (((x - lo) / bredd).floor().max(0.0) as usize).min(GROV - 1);
        let mut delad = vec![HEL; GROV];
        let mut n = 0u32;
        for &(a, b) in delas {
            if b < lo || a >= hi {
                continue;
            }
            for d in &mut delad[index(a)..=index(b)] {
                if *d == HEL {
                    *d = n;
                    n += DELNING as u32;
                }
            }
        }
        Histogram {
            lo,
            bredd,
            per_bredd: 1.0 / bredd,
            delad,
            grov: vec![0; GROV],
            fin: vec![0; n as usize],
            under: 0,
            over: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            antal: 0,
        }
    }

    /// A range for values seen in a pilot run: the whole range widened by
    /// their span on each side, the bins within 5 % of their P5–P95 distance
    /// of their P5, P50 and P95 split (the pilot's own error in those
    /// percentiles is a tenth of that).
    pub fn for_pilot(varden: &[f64]) -> Self {
        let mut s: Vec<f64> = varden.iter().copied().filter(|x| x.is_finite()).collect();
        if s.is_empty() {
            return Self::ny(-1.0, 1.0, &[]);
        }
        s.sort_by(f64::total_cmp);
        let (min, max) = (s[0], s[s.len() - 1]);
        let spann = (max - min).max(max.abs().max(1.0) * 1e-9);
        let p = |q: f64| s[((q * s.len() as f64) as usize).min(s.len() - 1)];
        let marg = (p(0.95) - p(0.05)) * 0.05;
        let delas: Vec<(f64, f64)> = [0.05, 0.5, 0.95].iter().map(|&q| (p(q) - marg, p(q) + marg)).collect();
        Self::ny(min - spann, max + spann, &delas)
    }

    #[inline]
    pub fn lagg_till(&mut self, x: f64) {
        self.lagg_till_n(x, 1);
    }

    /// Adds a block of values: the minimum, maximum and count once for the block.
    #[inline]
    pub fn lagg_till_alla(&mut self, x: &[f64]) {
        let (lo, hi) = x.iter().fold((self.min, self.max), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        (self.min, self.max) = (lo, hi);
        self.antal += x.len() as u64;
        for &v in x {
            self.fack_for(v);
        }
    }

    /// Counts `x` in its bin (without the minimum, maximum and count).
    #[inline(always)]
    fn fack_for(&mut self, x: f64) {
        let i = (x - self.lo) * self.per_bredd;
        if i < 0.0 {
            self.under += 1;
        } else if i >= GROV as f64 {
            self.over += 1;
        } else {
            // 0 ≤ i < GROV: an i32 conversion is one instruction and cannot saturate.
            let heltal = i as i32 as usize;
            let d = self.delad[heltal];
            if d == HEL {
                self.grov[heltal] += 1;
            } else {
                let j = ((i - heltal as f64) * DELNING as f64) as i32 as usize;
                self.fin[d as usize + j.min(DELNING - 1)] += 1;
            }
        }
    }

    /// Adds `n` values `x`.
    #[inline]
    pub fn lagg_till_n(&mut self, x: f64, n: u64) {
        self.antal += n;
        // Plain comparisons (a value is never NaN here): cheaper than f64::min.
        if x < self.min {
            self.min = x;
        }
        if x > self.max {
            self.max = x;
        }
        let i = (x - self.lo) * self.per_bredd;
        if i < 0.0 {
            self.under += n;
        } else if i >= GROV as f64 {
            self.over += n;
        } else {
            // 0 ≤ i < GROV: an i32 conversion is one instruction and cannot saturate.
            let heltal = i as i32 as usize;
            let d = self.delad[heltal];
            if d == HEL {
                self.grov[heltal] += n;
            } else {
                let j = ((i - heltal as f64) * DELNING as f64) as i32 as usize;
                self.fin[d as usize + j.min(DELNING - 1)] += n;
            }
        }
    }

    pub fn sla_ihop(&mut self, annan: &Histogram) {
        debug_assert_eq!((self.lo, self.bredd, &self.delad), (annan.lo, annan.bredd, &annan.delad));
        for (a, b) in self.grov.iter_mut().zip(&annan.grov) {
            *a += b;
        }
        for (a, b) in self.fin.iter_mut().zip(&annan.fin) {
            *a += b;
        }
        self.under += annan.under;
        self.over += annan.over;
        self.min = self.min.min(annan.min);
        self.max = self.max.max(annan.max);
        self.antal += annan.antal;
    }

    /// Every bin in order as (from, width, count), a split coarse bin as its fine bins.
    fn fack(&self) -> impl Iterator<Item = (f64, f64, u64)> + '_ {
        let fin_bredd = self.bredd / DELNING as f64;
        (0..GROV).flat_map(move |i| {
            let fran = self.lo + i as f64 * self.bredd;
            let d = self.delad[i];
            let (antal, bredd) = if d == HEL { (1, self.bredd) } else { (DELNING, fin_bredd) };
            (0..antal).map(move |j| {
                let c = if d == HEL { self.grov[i] } else { self.fin[d as usize + j] };
                (fran + j as f64 * bredd, bredd, c)
            })
        })
    }

    /// The q-quantile (0 < q < 1) by nearest rank; exact when all values are equal.
    pub fn kvantil(&self, q: f64) -> Kvantil {
        if self.antal == 0 {
            return Kvantil { varde: 0.0, noggrannhet: 0.0 };
        }
        if self.min == self.max {
            return Kvantil { varde: self.min, noggrannhet: 0.0 };
        }
        let rang = ((q * self.antal as f64).ceil() as u64).clamp(1, self.antal);
        if rang <= self.under {
            let varde = self.min + (self.lo - self.min) * rang as f64 / self.under as f64;
            return Kvantil { varde, noggrannhet: self.lo - self.min };
        }
        let mut kum = self.under;
        for (fran, bredd, c) in self.fack() {
            if c > 0 && kum + c >= rang {
                let inne = (rang - kum) as f64 - 0.5;
                let x = fran + inne / c as f64 * bredd;
                return Kvantil { varde: x.clamp(self.min, self.max), noggrannhet: bredd };
            }
            kum += c;
        }
        let hi = self.lo + GROV as f64 * self.bredd;
        Kvantil { varde: self.max, noggrannhet: self.max - hi }
    }

    /// Counts in `antal` equal bins between two values of `f(x)` (an
    /// increasing or decreasing function of the histogram's values), for a chart.
    pub fn grov(&self, f: impl Fn(f64) -> f64, fran: f64, till: f64, antal: usize) -> Vec<(f64, f64, u64)> {
        let steg = (till - fran) / antal as f64;
        let mut ut: Vec<(f64, f64, u64)> =
            (0..antal).map(|i| (fran + i as f64 * steg, fran + (i + 1) as f64 * steg, 0)).collect();
        if steg <= 0.0 || ut.is_empty() {
            return vec![(fran, till, self.antal)];
        }
        let index = |x: f64| (((f(x) - fran) / steg).floor().max(0.0) as usize).min(antal - 1);
        for (a, bredd, c) in self.fack() {
            ut[index(a + 0.5 * bredd)].2 += c;
        }
        ut[index(self.min)].2 += self.under;
        ut[index(self.max)].2 += self.over;
        ut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kvantiler_inom_en_fackbredd() {
        let varden: Vec<f64> = (0..10_000).map(|i| (i as f64 * 0.7919).sin() * 1000.0).collect();
        let mut h = Histogram::for_pilot(&varden[..500]);
        varden.iter().for_each(|&x| h.lagg_till(x));
        let mut sorterade = varden.clone();
        sorterade.sort_by(f64::total_cmp);
        for q in [0.01, 0.05, 0.5, 0.95, 0.999] {
            let exakt = sorterade[(q * 10_000f64).ceil() as usize - 1];
            let k = h.kvantil(q);
            assert!((k.varde - exakt).abs() <= k.noggrannhet, "q={q}: {} mot {exakt}", k.varde);
        }
        // Around P5, P50 and P95 the bins are fine: far more accurate than the coarse ones.
        for q in [0.05, 0.5, 0.95] {
            assert!(h.kvantil(q).noggrannhet < 6000.0 / (GROV * DELNING / 2) as f64, "{:?}", h.kvantil(q));
        }
        assert!(h.kvantil(0.25).noggrannhet > 1.0, "{:?}", h.kvantil(0.25));
    }

    #[test]
    fn utanfor_mitten_galler_grova_fack() {
        // A pilot far narrower than the values: the ranks fall outside the fine middle.
        let mut h = Histogram::for_pilot(&[0.0, 1.0, 2.0]);
        (0..1000).for_each(|i| h.lagg_till(-1.0 - i as f64 * 0.001));
        let k = h.kvantil(0.5);
        assert!((k.varde - (-1.4995)).abs() <= k.noggrannhet, "{k:?}");
    }

    #[test]
    fn lika_varden_ger_exakt_varde() {
        let mut h = Histogram::for_pilot(&[0.0]);
        (0..100).for_each(|_| h.lagg_till(0.0));
        assert_eq!(h.kvantil(0.05).varde, 0.0);
        assert_eq!(h.kvantil(0.95), Kvantil { varde: 0.0, noggrannhet: 0.0 });
        let mut n = Histogram::for_pilot(&[0.0]);
        n.lagg_till_n(0.0, 100);
        assert_eq!(n, h);
    }

    #[test]
    fn sammanslagning_ar_ordningsoberoende() {
        let mut a = Histogram::ny(0.0, 10.0, &[(2.0, 4.0)]);
        let mut b = a.clone();
        let mut c = a.clone();
        (0..50).for_each(|i| a.lagg_till(i as f64 / 5.0));
        (50..100).for_each(|i| b.lagg_till(i as f64 / 5.0));
        let mut ab = a.clone();
        ab.sla_ihop(&b);
        c.sla_ihop(&b);
        c.sla_ihop(&a);
        assert_eq!(ab, c);
        assert_eq!(ab.antal, 100);
        assert_eq!(ab.over, 50);
        assert_eq!(ab.fack().map(|f| f.2).sum::<u64>(), 50);
    }
}

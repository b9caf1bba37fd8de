//! Streaming percentiles with a stated accuracy: a fixed histogram of 262 144
//! bins over a range set by a pilot run, plus exact minimum and maximum.
//! Memory does not depend on the number of draws, and merging histograms is
//! exact integer addition, so the result does not depend on the threads.
//!
//! The q-quantile is the nearest-rank order statistic x₍⌈q·n⌉₎. It lies in the
//! bin the cumulative counts point to; inside the bin the rank is interpolated
//! linearly. The error against the exact order statistic is at most one bin
//! width (`noggrannhet`), unless the rank falls outside the range (values
//! below or above it), which the pilot makes vanishingly rare.

pub const FACK: usize = 1 << 18;

#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    lo: f64,
    bredd: f64,
    fack: Vec<u64>,
    under: u64,
    over: u64,
    pub min: f64,
    pub max: f64,
    pub antal: u64,
}

impl Histogram {
    /// A histogram over `[lo, hi)`.
    pub fn ny(lo: f64, hi: f64) -> Self {
        let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 1.0, lo + 1.0) };
        Histogram {
            lo,
            bredd: (hi - lo) / FACK as f64,
            fack: vec![0; FACK],
            under: 0,
            over: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            antal: 0,
        }
    }

    /// A range for values seen in a pilot run: widened by their span on each side.
    pub fn for_pilot(varden: &[f64]) -> Self {
        let min = varden.iter().copied().fold(f64::INFINITY, f64::min);
        let max = varden.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !min.is_finite() || !max.is_finite() {
            return Self::ny(-1.0, 1.0);
        }
        let spann = (max - min).max(max.abs().max(1.0) * 1e-9);
        Self::ny(min - spann, max + spann)
    }

    #[inline]
    pub fn lagg_till(&mut self, x: f64) {
        self.antal += 1;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        let i = (x - self.lo) / self.bredd;
        if i < 0.0 {
            self.under += 1;
        } else if i >= FACK as f64 {
            self.over += 1;
        } else {
            self.fack[i as usize] += 1;
        }
    }

    pub fn sla_ihop(&mut self, annan: &Histogram) {
        debug_assert_eq!((self.lo, self.bredd), (annan.lo, annan.bredd));
        for (a, b) in self.fack.iter_mut().zip(&annan.fack) {
            *a += b;
        }
        self.under += annan.under;
        self.over += annan.over;
        self.min = self.min.min(annan.min);
        self.max = self.max.max(annan.max);
        self.antal += annan.antal;
    }

    /// The accuracy of `kvantil`: one bin width.
    pub fn noggrannhet(&self) -> f64 {
        self.bredd
    }

    /// The q-quantile (0 < q < 1) by nearest rank; exact when all values are equal.
    pub fn kvantil(&self, q: f64) -> f64 {
        if self.antal == 0 {
            return 0.0;
        }
        if self.min == self.max {
            return self.min;
        }
        let rang = ((q * self.antal as f64).ceil() as u64).clamp(1, self.antal);
        if rang <= self.under {
            return self.min + (self.lo - self.min) * rang as f64 / self.under as f64;
        }
        let mut kum = self.under;
        for (i, &c) in self.fack.iter().enumerate() {
            if c > 0 && kum + c >= rang {
                let inne = (rang - kum) as f64 - 0.5;
                let x = self.lo + (i as f64 + inne / c as f64) * self.bredd;
                return x.clamp(self.min, self.max);
            }
            kum += c;
        }
        self.max
    }

    /// Counts in `antal` equal bins between two values, for a chart.
    pub fn grov(&self, fran: f64, till: f64, antal: usize) -> Vec<(f64, f64, u64)> {
        let steg = (till - fran) / antal as f64;
        let mut ut: Vec<(f64, f64, u64)> =
            (0..antal).map(|i| (fran + i as f64 * steg, fran + (i + 1) as f64 * steg, 0)).collect();
        if steg <= 0.0 || ut.is_empty() {
            return vec![(fran, till, self.antal)];
        }
        for (i, &c) in self.fack.iter().enumerate() {
            let mitt = self.lo + (i as f64 + 0.5) * self.bredd;
            let j = (((mitt - fran) / steg).floor().max(0.0) as usize).min(antal - 1);
            ut[j].2 += c;
        }
        ut[0].2 += self.under;
        ut[antal - 1].2 += self.over;
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
        for q in [0.05, 0.5, 0.95] {
            let exakt = sorterade[(q * 10_000f64).ceil() as usize - 1];
            assert!((h.kvantil(q) - exakt).abs() <= h.noggrannhet(), "q={q}: {} mot {exakt}", h.kvantil(q));
        }
    }

    #[test]
    fn lika_varden_ger_exakt_varde() {
        let mut h = Histogram::for_pilot(&[0.0]);
        (0..100).for_each(|_| h.lagg_till(0.0));
        assert_eq!(h.kvantil(0.05), 0.0);
        assert_eq!(h.kvantil(0.95), 0.0);
    }

    #[test]
    fn sammanslagning_ar_ordningsoberoende() {
        let mut a = Histogram::ny(0.0, 10.0);
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
    }
}

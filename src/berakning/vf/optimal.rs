//! The `optimal` rule of MODELL §6, exact by dynamic programming: each nämnd
//! takes a prefix of its own list; over whole tkr, the least total värde of
//! cuts that covers the gap, or the most värde of additions that fits, with
//! the spec's tie rules. Tables are built once for every capacity up to a
//! maximum, so any gap size is then a lookup (the simulation uses that).

/// One nämnd's list in its own priority order, as prefix sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grupp {
    /// `vikt[k]`: |Σ b̃| of the first k items (vikt[0] = 0), non-decreasing.
    pub vikt: Vec<i64>,
    /// `varde[k]`: Σ värde of the first k items, scaled to whole numbers.
    pub varde: Vec<i128>,
}

impl Grupp {
    /// Prefix sums of items given as (|b̃|, scaled värde).
    pub fn ny(poster: impl IntoIterator<Item = (i64, i128)>) -> Self {
        let mut g = Grupp { vikt: vec![0], varde: vec![0] };
        for (w, v) in poster {
            g.vikt.push(g.vikt.last().unwrap_or(&0) + w);
            g.varde.push(g.varde.last().unwrap_or(&0) + v);
        }
        g
    }

    fn langd(&self) -> usize {
        self.vikt.len() - 1
    }
}

/// What the optimum minimises or maximises, compared as a tuple: värde first,
/// then |Σ b̃|.
type Mal = (i128, i64);

/// Choice tables for every capacity `0..=max`.
#[derive(Debug, Clone)]
pub struct Optimerare {
    grupper: Vec<Grupp>,
    /// `val[j][c]`: the smallest prefix length of group j that is optimal with c left for groups j….
    val: Vec<Vec<u16>>,
    /// Whether the optimum for c is feasible (always for additions).
    mojlig: Vec<bool>,
    max: i64,
    tillskott: bool,
}

impl Optimerare {
    /// Additions: maximise (Σ värde, Σ b̃) subject to Σ b̃ ≤ c.
    pub fn tillskott(grupper: Vec<Grupp>, max: i64) -> Self {
        let total: i64 = grupper.iter().map(|g| g.vikt[g.langd()]).sum();
        let max = max.clamp(0, total);
        let bredd = max as usize + 1;
        let mut foregaende: Vec<Mal> = vec![(0, 0); bredd];
        let mut val = vec![Vec::new(); grupper.len()];
        for (j, g) in grupper.iter().enumerate().rev() {
            let mut nu: Vec<Mal> = vec![(0, 0); bredd];
            let mut v = vec![0u16; bredd];
            for c in 0..bredd {
                let mut basta: Option<Mal> = None;
                for k in 0..=g.langd() {
                    let w = g.vikt[k];
                    if w > c as i64 {
                        break;
                    }
                    let rest = foregaende[c - w as usize];
                    let kand = (g.varde[k] + rest.0, w + rest.1);
                    if basta.is_none_or(|b| kand > b) {
                        basta = Some(kand);
                        v[c] = k as u16;
                    }
                }
                nu[c] = basta.unwrap_or((0, 0));
            }
            foregaende = nu;
            val[j] = v;
        }
        Optimerare { grupper, val, mojlig: vec![true; bredd], max, tillskott: true }
    }

    /// Cuts: minimise (Σ värde, Σ |b̃|) subject to Σ |b̃| ≥ c.
    pub fn minskning(grupper: Vec<Grupp>, max: i64) -> Self {
        let total: i64 = grupper.iter().map(|g| g.vikt[g.langd()]).sum();
        // Beyond the total no choice covers the need; the table stops one past it.
        let max = max.clamp(0, total + 1);
        let bredd = max as usize + 1;
        let mut foregaende: Vec<Option<Mal>> = (0..bredd).map(|c| (c == 0).then_some((0, 0))).collect();
        let mut val = vec![Vec::new(); grupper.len()];
        for (j, g) in grupper.iter().enumerate().rev() {
            let mut nu: Vec<Option<Mal>> = vec![None; bredd];
            let mut v = vec![0u16; bredd];
            for c in 0..bredd {
                let mut basta: Option<Mal> = None;
                for k in 0..=g.langd() {
                    let w = g.vikt[k];
                    let Some(rest) = foregaende[(c as i64 - w).max(0) as usize] else { continue };
                    let kand = (g.varde[k] + rest.0, w + rest.1);
                    if basta.is_none_or(|b| kand < b) {
                        basta = Some(kand);
                        v[c] = k as u16;
                    }
                }
                nu[c] = basta;
            }
            foregaende = nu;
            val[j] = v;
        }
        let mojlig = foregaende.iter().map(Option::is_some).collect();
        Optimerare { grupper, val, mojlig, max, tillskott: false }
    }

    /// The prefix length per group for capacity (additions) or need (cuts) `c`;
    /// `None` when no choice covers a need (the caller then takes all cuts).
    pub fn val(&self, c: i64) -> Option<Vec<usize>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn grupp(poster: &[(i64, i128)]) -> Grupp {
        Grupp::ny(poster.iter().copied())
    }

    /// Every vector of prefix lengths, for checking the tables by brute force.
    fn alla(grupper: &[Grupp]) -> Vec<Vec<usize>> {
        let mut ut = vec![vec![]];
        for g in grupper {
            ut = ut.into_iter().flat_map(|v| (0..=g.langd()).map(move |k| [v.clone(), vec![k]].concat())).collect();
        }
        ut
    }

    fn summa(grupper: &[Grupp], val: &[usize]) -> Mal {
        grupper.iter().zip(val).fold((0, 0), |(v, w), (g, &k)| (v + g.varde[k], w + g.vikt[k]))
    }

    fn rakna_tillskott(grupper: &[Grupp], c: i64) -> Vec<usize> {
        let mut basta: Option<(Mal, Vec<usize>)> = None;
        for v in alla(grupper) {
            let s = summa(grupper, &v);
            if s.1 > c {
                continue;
            }
            // Largest (värde, Σb̃); ties: lexicographically smallest vector (enumeration order).
            if basta.as_ref().is_none_or(|(b, _)| s > *b) {
                basta = Some((s, v));
            }
        }
        basta.unwrap().1
    }

    fn rakna_minskning(grupper: &[Grupp], c: i64) -> Option<Vec<usize>> {
        let mut basta: Option<(Mal, Vec<usize>)> = None;
        for v in alla(grupper) {
            let s = summa(grupper, &v);
            if s.1 < c {
                continue;
            }
            if basta.as_ref().is_none_or(|(b, _)| s < *b) {
                basta = Some((s, v));
            }
        }
        basta.map(|b| b.1)
    }

    #[test]
    fn storst_varde_som_ryms() {
        // A: 100 (värde 1), then 50 (värde 5); B: 120 (värde 3).
        let g = vec![grupp(&[(100, 1), (50, 5)]), grupp(&[(120, 3)])];
        let o = Optimerare::tillskott(g, 200);
        // Within 200: A2 (150, värde 6) beats B1 + A0 (120, 3) and A1 + nothing.
        assert_eq!(o.val(200), Some(vec![2, 0]));
        assert_eq!(o.val(130), Some(vec![0, 1]));
        assert_eq!(o.val(99), Some(vec![0, 0]));
    }

    #[test]
    fn lika_varde_storst_belopp_sedan_lexikografiskt() {
        // Same värde; the larger Σ b̃ wins.
        let g = vec![grupp(&[(10, 1)]), grupp(&[(20, 1)])];
        assert_eq!(Optimerare::tillskott(g, 25).val(25), Some(vec![0, 1]));
        // Same värde and amount: the lexicographically smallest vector, (0, 1).
        let g = vec![grupp(&[(10, 1)]), grupp(&[(10, 1)])];
        assert_eq!(Optimerare::tillskott(g, 15).val(15), Some(vec![0, 1]));
    }

    #[test]
    fn minsta_varde_som_tacker() {
        // Need 100: A1 (60, värde 1) + B1 (50, värde 1) = 110, värde 2; or B2 (50+70=120, värde 1+0=1).
        let g = vec![grupp(&[(60, 1)]), grupp(&[(50, 1), (70, 0)])];
        let o = Optimerare::minskning(g, 100);
        assert_eq!(o.val(100), Some(vec![0, 2]));
        // Need 300: impossible.
        let g = vec![grupp(&[(60, 1)]), grupp(&[(50, 1)])];
        assert_eq!(Optimerare::minskning(g, 300).val(300), None);
    }

    #[test]
    fn lika_varde_minst_overskjutning() {
        let g = vec![grupp(&[(80, 1)]), grupp(&[(60, 1)])];
        // Need 50: both cover with värde 1; B's 60 overshoots less.
        assert_eq!(Optimerare::minskning(g, 50).val(50), Some(vec![0, 1]));
    }

    #[test]
    fn tabellerna_stammer_med_uppraknade_val() {
        // A pseudo-random family of small instances checked against enumeration, for every capacity.
        let mut fro: u64 = 7;
        let mut slump = |n: u64| {
            fro = fro.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (fro >> 33) % n
        };
        for _ in 0..60 {
            let grupper: Vec<Grupp> = (0..1 + slump(3))
                .map(|_| {
                    let poster: Vec<(i64, i128)> = (0..slump(4)).map(|_| (slump(30) as i64, slump(4) as i128)).collect();
                    grupp(&poster)
                })
                .collect();
            let till = Optimerare::tillskott(grupper.clone(), 120);
            let minsk = Optimerare::minskning(grupper.clone(), 120);
            for c in 0..120 {
                assert_eq!(till.val(c).unwrap(), rakna_tillskott(&grupper, c), "tillskott c={c} {grupper:?}");
                assert_eq!(minsk.val(c), rakna_minskning(&grupper, c), "minskning c={c} {grupper:?}");
            }
        }
    }
}

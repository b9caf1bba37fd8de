//! The `optimal` rule of MODELL §6, exact, at a cost that does not grow with
//! the amounts. Each nämnd takes a prefix of its own list; the additions that
//! fit maximise (Σ värde, Σ b̃), the cuts that cover the need minimise
//! (Σ värde, Σ |b̃|), and among equal optima the vector of prefix lengths is
//! the lexicographically smallest in nämnd order.
//!
//! The method is a dynamic program over *states* instead of capacities: the
//! nämnder are added from the last to the first, and after each one the
//! states (Σ b̃, Σ värde) of its suffix of nämnder are kept only when they can
//! still matter:
//!
//! - **dominance**: a state with more weight and less värde than another can
//!   never be chosen (equal värde with more weight is kept: the tie rule
//!   prefers it);
//! - **bound**: a state is dropped when even the LP relaxation of the
//!   remaining nämnder (the multiple-choice knapsack relaxation: the upper
//!   convex hulls of their prefix lists, filled greedily by slope) cannot lift
//!   its värde to that of a known feasible selection;
//! - **capacity**: a state heavier than the largest capacity asked for.
//!
//! Cuts are solved as additions of what is *not* cut: the complement of a
//! prefix is a suffix, "least värde that covers the need" is "most värde left
//! within total − need", the smaller overshoot is the larger remainder and the
//! smallest prefix vector is the largest remainder vector.
//!
//! Every kept state remembers the prefix length of its first nämnd (the
//! smallest, or for cuts the largest, that reaches it). A selection for a
//! capacity is then a walk: in each nämnd's states, the heaviest that fits is
//! the best, and its prefix length is the choice. The states are built for a
//! range of capacities at once (the simulation asks for many); pruning is
//! valid for the whole range because the bound uses its top and the known
//! selection its bottom. Only states that cannot be part of an optimal
//! selection for any capacity in the range are dropped, so the walk finds
//! exactly what the full table over every capacity would.
//!
//! The number of states is at most one per whole tkr up to the capacity (the
//! old table's size), and on realistic lists a tiny fraction of it.

use std::cmp::Ordering;
use std::ops::{Add, Sub};

/// One nämnd's list in its own priority order, as prefix sums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grupp {
    /// `vikt[k]`: |Σ b̃| of the first k items (vikt[0] = 0), non-decreasing.
    pub vikt: Vec<i128>,
    /// `varde[k]`: Σ värde of the first k items, scaled to whole numbers, non-decreasing.
    pub varde: Vec<i128>,
}

impl Grupp {
    /// Prefix sums of items given as (|b̃| ≥ 0, scaled värde ≥ 0); `Err(i)` when
    /// the sum overflows at item `i`.
    pub fn ny(poster: impl IntoIterator<Item = (i128, i128)>) -> Result<Self, usize> {
        let mut g = Grupp { vikt: vec![0], varde: vec![0] };
        for (i, (w, v)) in poster.into_iter().enumerate() {
            debug_assert!(w >= 0 && v >= 0);
            let (Some(w), Some(v)) = (g.vikt[i].checked_add(w), g.varde[i].checked_add(v)) else { return Err(i) };
            g.vikt.push(w);
            g.varde.push(v);
        }
        Ok(g)
    }

    pub fn langd(&self) -> usize {
        self.vikt.len() - 1
    }

    fn total(&self) -> (i128, i128) {
        (self.vikt[self.langd()], self.varde[self.langd()])
    }
}

/// The work (states tried) and the memory (states kept) one table may use
/// before the rule gives up with an input error instead of running for
/// minutes: far beyond any realistic list, reached only when very many
/// combinations tie in värde (say thousands of items all with värde 0).
pub const MAX_PROVADE: u64 = 1_000_000_000;
pub const MAX_SPARADE: usize = 25_000_000;

/// The limits were reached (see `MAX_PROVADE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForMangaKombinationer;

/// The choice tables of one typ for every capacity (additions) or need (cuts)
/// in a range.
#[derive(Debug, Clone)]
pub struct Optimerare {
    tillskott: bool,
    langder: Vec<usize>,
    /// Σ of all |b̃|.
    total: i128,
    /// The capacities or needs answered by the table (after clamping, see `klampa`).
    fran: i128,
    till: i128,
    tabell: Option<Tabeller>,
}

#[derive(Debug, Clone)]
enum Tabeller {
    Smal(Tabell<i64>),
    Bred(Tabell<i128>),
}

impl Optimerare {
    /// Additions: maximise (Σ värde, Σ b̃) subject to Σ b̃ ≤ c, for every c in `fran..=till`.
    pub fn tillskott(grupper: &[Grupp], fran: i128, till: i128) -> Result<Self, ForMangaKombinationer> {
        Self::ny(grupper, fran, till, true)
    }

    /// Cuts: minimise (Σ värde, Σ |b̃|) subject to Σ |b̃| ≥ c, for every c in `fran..=till`;
    /// no choice covers a need above Σ |b̃|.
    pub fn minskning(grupper: &[Grupp], fran: i128, till: i128) -> Result<Self, ForMangaKombinationer> {
        Self::ny(grupper, fran, till, false)
    }

    fn ny(grupper: &[Grupp], fran: i128, till: i128, tillskott: bool) -> Result<Self, ForMangaKombinationer> {
        let total = grupper.iter().map(|g| g.total().0).sum();
        let langder = grupper.iter().map(Grupp::langd).collect();
        let mut o = Optimerare { tillskott, langder, total, fran: 0, till: 0, tabell: None };
        let (mut fran, mut till) = (o.klampa(fran.min(till)), o.klampa(fran.max(till)));
        if !tillskott {
            // A need of 0 is met by nothing and one beyond the total by no choice: no table for them.
            (fran, till) = (fran.max(1), till.min(total));
        }
        (o.fran, o.till) = (fran, till);
        if fran <= till {
            o.tabell = Some(Tabeller::bygg(grupper, fran, till, tillskott)?);
        }
        Ok(o)
    }

    /// A capacity or need brought to where the answer no longer changes:
    /// additions beyond Σ b̃ all fit; a need ≤ 0 is covered by nothing, one
    /// beyond Σ |b̃| by no choice.
    fn klampa(&self, c: i128) -> i128 {
        if self.tillskott { c.clamp(0, self.total) } else { c.clamp(0, self.total.saturating_add(1)) }
    }

    /// Whether `val(c)` is answered.
    pub fn tacker(&self, c: i128) -> bool {
        let c = self.klampa(c);
        (self.fran..=self.till).contains(&c) || (!self.tillskott && (c == 0 || c > self.total))
    }

    /// The prefix length per nämnd for capacity (additions) or need (cuts) `c`;
    /// `None` when no choice covers a need (the caller then takes all cuts).
    /// `c` must be covered (`tacker`).
    pub fn val(&self, c: i128) -> Option<Vec<usize>> {
        let mut ut = vec![0u32; self.langder.len()];
        self.val_i(c, &mut ut).then(|| ut.into_iter().map(|k| k as usize).collect())
    }

    /// As `val`, into `ut` (one entry per nämnd); false when no choice covers a need.
    pub fn val_i(&self, c: i128, ut: &mut [u32]) -> bool {
        debug_assert!(self.tacker(c), "{c} utanför {}..={}", self.fran, self.till);
        let c = self.klampa(c);
        if !self.tillskott && c > self.total {
            return false;
        }
        match &self.tabell {
            Some(Tabeller::Smal(t)) if c != 0 || self.tillskott => t.fraga(c as i64, ut),
            Some(Tabeller::Bred(t)) if c != 0 || self.tillskott => t.fraga(c, ut),
            _ => ut.iter_mut().for_each(|k| *k = 0),
        }
        true
    }

    /// The intervals of capacities or needs `fran..=till` (answered by
    /// `val`) on each of which the choice is the same, as (first, last) in
    /// increasing order; `None` when there are more than `max`.
    pub fn intervall(&self, fran: i128, till: i128, max: usize) -> Option<Vec<(i128, i128)>> {
        let mut ut = Vec::new();
        let mut c = fran;
        while c <= till {
            if ut.len() >= max {
                return None;
            }
            let slut = self.sista_lika(c).min(till);
            ut.push((c, slut));
            c = slut + 1;
        }
        Some(ut)
    }

    /// The last capacity or need from `c` on with the same choice as `c`.
    fn sista_lika(&self, c: i128) -> i128 {
        let k = self.klampa(c);
        if self.tillskott && k >= self.total || !self.tillskott && k > self.total {
            return i128::MAX;
        }
        if !self.tillskott && k == 0 {
            return 0;
        }
        let marg = match &self.tabell {
            Some(Tabeller::Smal(t)) => t.marginal(k as i64),
            Some(Tabeller::Bred(t)) => t.marginal(k),
            None => unreachable!("täckt behov utan tabell"),
        };
        let slut = k.saturating_add(marg);
        // Additions beyond the total all fit; a need beyond it is covered by no choice.
        if self.tillskott && slut >= self.total { i128::MAX } else { slut.min(self.total) }
    }
}

impl Tabeller {
    /// i64 states when every sum fits with room to spare, else i128.
    fn bygg(grupper: &[Grupp], fran: i128, till: i128, tillskott: bool) -> Result<Self, ForMangaKombinationer> {
        let (w, v) = grupper.iter().fold((0i128, 0i128), |(w, v), g| (w + g.total().0, v + g.total().1));
        let grans = i128::from(i64::MAX / 4);
        Ok(if w <= grans && v <= grans {
            Tabeller::Smal(Tabell::bygg(grupper, fran, till, tillskott)?)
        } else {
            Tabeller::Bred(Tabell::bygg(grupper, fran, till, tillskott)?)
        })
    }
}

/// A whole number the states are kept in.
trait Tal: Copy + Ord + Default + Send + Sync + std::fmt::Debug + Add<Output = Self> + Sub<Output = Self> {
    fn fran(x: i128) -> Self;
    fn i128(self) -> i128;
}

impl Tal for i64 {
    fn fran(x: i128) -> Self {
        x as i64
    }
    fn i128(self) -> i128 {
        self as i128
    }
}

impl Tal for i128 {
    fn fran(x: i128) -> Self {
        x
    }
    fn i128(self) -> i128 {
        self
    }
}

/// States as (x, y) sorted by x with y non-decreasing (the dominance
/// frontier), each with the prefix length of its first group. Additions keep
/// (Σ b̃, Σ värde), cuts (−Σ |b̃|, −Σ värde): in both a larger y is better,
/// and at equal y a larger x (the tie rules).
#[derive(Debug, Clone, Default)]
struct Front<T> {
    x: Vec<T>,
    y: Vec<T>,
    val: Vec<u32>,
}

impl<T: Tal> Front<T> {
    fn clear(&mut self) {
        self.x.clear();
        self.y.clear();
        self.val.clear();
    }

    fn len(&self) -> usize {
        self.x.len()
    }

    fn push(&mut self, x: T, y: T, k: u32) {
        self.x.push(x);
        self.y.push(y);
        self.val.push(k);
    }
}

/// The states of every suffix of groups, for capacities or needs in a range.
///
/// Additions: a state (w, v) of groups j… is best for capacity r when it is
/// the heaviest with w ≤ r. Cuts: kept as x = −w, y = −v; the best for need r
/// is the lightest with w ≥ r, i.e. again the last with x ≤ −r. The choice
/// of group j is the state's remembered prefix length, the smallest that
/// reaches it (so the walk gives the lexicographically smallest vector).
#[derive(Debug, Clone)]
struct Tabell<T> {
    tecken: i128,
    /// Per group, the prefix weights as x (w or −w).
    x: Vec<Vec<T>>,
    /// `steg[j]`: the states of groups j… as (x, prefix length of group j), sorted by x.
    steg: Vec<(Vec<T>, Vec<u32>)>,
}

impl<T: Tal> Tabell<T> {
    /// The tables, pruned against a guessed värde that the optimum reaches:
    /// first the LP bound itself, then guesses closer to the greedy selection,
    /// finally the greedy selection (always reached). A run whose best state
    /// reaches its guess is exact: whatever it dropped could not reach the
    /// guess, so it could not reach the optimum either.
    fn bygg(grupper: &[Grupp], fran: i128, till: i128, tillskott: bool) -> Result<Self, ForMangaKombinationer> {
        let mut grans = Grans::ny(grupper, tillskott, fran, till);
        let (girig, lp) = (grans.kand, grans.lp());
        let mut forra = None;
        for del in [0, 1, 4, 16] {
            // From the bound towards the greedy value: a 16th, a quarter, all of the way.
            let gissning = if del == 16 { girig } else { lp + (girig - lp) * del / 16 };
            if forra == Some(gissning) {
                continue;
            }
            forra = Some(gissning);
            grans.kand = gissning;
            let (tabell, nadd) = Self::bygg_med(grupper, fran, till, tillskott, &grans)?;
            if nadd || gissning == girig {
                return Ok(tabell);
            }
        }
        unreachable!("den giriga gissningen nås alltid")
    }

    /// The tables with `grans`'s guess; and whether the best selection reaches the guess.
    fn bygg_med(
        grupper: &[Grupp],
        fran: i128,
        till: i128,
        tillskott: bool,
        grans: &Grans,
    ) -> Result<(Self, bool), ForMangaKombinationer> {
        let n = grupper.len();
        let tecken = if tillskott { 1 } else { -1 };
        let x: Vec<Vec<T>> = grupper.iter().map(|g| g.vikt.iter().map(|&w| T::fran(tecken * w)).collect()).collect();
        let y: Vec<Vec<T>> = grupper.iter().map(|g| g.varde.iter().map(|&v| T::fran(tecken * v)).collect()).collect();
        // Additions: nothing heavier than the largest capacity. Cuts: of the
        // states that cover the largest need only the best is kept.
        let tak = T::fran(tecken * till);
        let mut steg = vec![(Vec::new(), Vec::new()); n];
        let mut nu = Front::<T> { x: vec![T::default()], y: vec![T::default()], val: vec![0] };
        let (mut ny, mut lista) = (Front::default(), Front::default());
        // Merged runs of consecutive prefix lengths, as in a binary counter: (rank, run); every
        // state takes part in O(log K) merges however many items a group has.
        let mut stack: Vec<(u32, Front<T>)> = Vec::new();
        let mut forrad: Vec<Front<T>> = Vec::new();
        let (mut provade, mut sparade) = (0u64, 0usize);
        for j in (0..n).rev() {
            let mut markor = grans.markor(j);
            for k in 0..x[j].len() {
                let (xk, yk) = (x[j][k], y[j][k]);
                if tillskott && xk > tak {
                    break;
                }
                lista.clear();
                // Cuts: start at the last state that covers the largest need.
                let start = if tillskott { 0 } else { nu.x.partition_point(|&a| a + xk <= tak).max(1) - 1 };
                let mut slut = nu.len();
                markor.borja(tillskott);
                for i in start..nu.len() {
                    let xi = nu.x[i] + xk;
                    if tillskott && xi > tak {
                        slut = i;
                        break;
                    }
                    let yi = nu.y[i] + yk;
                    if grans.behall(&mut markor, xi.i128(), yi.i128()) {
                        lista.push(xi, yi, k as u32);
                    }
                }
                provade += (slut - start) as u64;
                if provade > MAX_PROVADE {
                    return Err(ForMangaKombinationer);
                }
                let mut run = std::mem::replace(&mut lista, forrad.pop().unwrap_or_default());
                let mut rang = 0;
                while let Some((r, _)) = stack.last()
                    && *r == rang
                {
                    let (_, fore) = stack.pop().expect("finns");
                    // The earlier run holds the smaller prefix lengths: it wins ties.
                    sla_ihop(&fore, &run, &mut ny);
                    let gammal = std::mem::replace(&mut run, std::mem::take(&mut ny));
                    spara(&mut forrad, gammal);
                    spara(&mut forrad, fore);
                    rang += 1;
                }
                stack.push((rang, run));
                if !tillskott && xk <= tak {
                    // This prefix alone covers every need: a longer one is never better.
                    break;
                }
            }
            let mut acc = stack.pop().map(|s| s.1).unwrap_or_default();
            while let Some((_, fore)) = stack.pop() {
                sla_ihop(&fore, &acc, &mut ny);
                let gammal = std::mem::replace(&mut acc, std::mem::take(&mut ny));
                spara(&mut forrad, gammal);
                spara(&mut forrad, fore);
            }
            if !tillskott {
                let forsta = acc.x.partition_point(|&a| a <= tak).max(1) - 1;
                if forsta > 0 {
                    acc.x.drain(..forsta);
                    acc.y.drain(..forsta);
                    acc.val.drain(..forsta);
                }
            }
            let gammal = std::mem::replace(&mut nu, acc);
            spara(&mut forrad, gammal);
            sparade += nu.len();
            if sparade > MAX_SPARADE {
                return Err(ForMangaKombinationer);
            }
            steg[j] = (nu.x.clone(), std::mem::take(&mut nu.val));
        }
        // The best state for the smallest capacity (additions) or the largest need (cuts).
        let grans_x = T::fran(if tillskott { fran } else { -till });
        let i = nu.x.partition_point(|&a| a <= grans_x);
        let nadd = i > 0 && tecken * nu.y[i - 1].i128() >= tecken * grans.kand;
        Ok((Tabell { tecken, x, steg }, nadd))
    }

    /// The choice for capacity or need `c`: in each group's states, the last
    /// with x ≤ what is left is the best.
    fn fraga(&self, c: T, ut: &mut [u32]) {
        let mut r = if self.tecken > 0 { c } else { T::default() - c };
        for (j, (xs, val)) in self.steg.iter().enumerate() {
            let i = xs.partition_point(|&a| a <= r);
            debug_assert!(i > 0, "inget tillstånd i steg {j} för {r:?}");
            let k = val[i.max(1) - 1];
            ut[j] = k;
            r = r - self.x[j][k as usize];
        }
    }

    /// How far `c` can grow with every group's lookup, and so the choice, unchanged.
    fn marginal(&self, c: T) -> i128 {
        let mut r = if self.tecken > 0 { c } else { T::default() - c };
        let mut marg = i128::MAX;
        for (j, (xs, val)) in self.steg.iter().enumerate() {
            let i = xs.partition_point(|&a| a <= r).max(1) - 1;
            // Additions: r grows with c up to the next state; cuts: r falls with c down to this one.
            let m = if self.tecken > 0 {
                xs.get(i + 1).map_or(i128::MAX, |&n| (n - r).i128() - 1)
            } else {
                (r - xs[i]).i128()
            };
            marg = marg.min(m);
            r = r - self.x[j][val[i] as usize];
        }
        marg
    }
}

/// Keeps a spare buffer (a few are enough).
fn spara<T: Tal>(forrad: &mut Vec<Front<T>>, mut f: Front<T>) {
    if forrad.len() < 4 {
        f.clear();
        forrad.push(f);
    }
}

/// Merges two frontiers into one: by x; at equal x the larger y, at equal y
/// `a` (it holds the smaller prefix lengths); a state with less y than one
/// with smaller x is dropped (it is dominated).
fn sla_ihop<T: Tal>(a: &Front<T>, b: &Front<T>, ut: &mut Front<T>) {
    ut.clear();
    let (mut i, mut j) = (0, 0);
    let mut basta: Option<T> = None;
    loop {
        let fran_a = match (i < a.len(), j < b.len()) {
            (false, false) => break,
            (true, false) => true,
            (false, true) => false,
            (true, true) => match a.x[i].cmp(&b.x[j]) {
                Ordering::Less => true,
                Ordering::Greater => false,
                Ordering::Equal => {
                    // Of two equal x the other is dominated or the same.
                    let forst = a.y[i] >= b.y[j];
                    if forst {
                        j += 1
                    } else {
                        i += 1
                    }
                    forst
                }
            },
        };
        let (x, y, k) = if fran_a {
            i += 1;
            (a.x[i - 1], a.y[i - 1], a.val[i - 1])
        } else {
            j += 1;
            (b.x[j - 1], b.y[j - 1], b.val[j - 1])
        };
        if basta.is_some_and(|m| y < m) {
            continue;
        }
        basta = Some(y);
        ut.push(x, y, k);
    }
}

/// A piece of a group's convex hull of (weight, värde) over its prefix lengths.
#[derive(Debug, Clone, Copy)]
struct Segment {
    grupp: usize,
    dw: i128,
    dv: i128,
}

/// Slope a against slope b (dv/dw; dw = 0 is infinitely steep), exactly.
fn jamfor_lutning(a: &Segment, b: &Segment) -> Ordering {
    jamfor_produkter(a.dv as u128, b.dw as u128, b.dv as u128, a.dw as u128)
}

/// A group's hull from (0, 0): for additions the upper hull (pieces with
/// dv > 0, steepest first), for cuts the lower hull (pieces with dw > 0,
/// flattest first).
fn holje(g: &Grupp, grupp: usize, ovre: bool) -> Vec<Segment> {
    let mut h: Vec<(i128, i128)> = Vec::with_capacity(g.vikt.len());
    for (&w, &v) in g.vikt.iter().zip(&g.varde) {
        // Same weight: the upper hull keeps the larger värde (the later point), the lower the first.
        if h.last().is_some_and(|p| p.0 == w) {
            if !ovre {
                continue;
            }
            h.pop();
        }
        while h.len() >= 2 {
            let (a, b) = (h[h.len() - 2], h[h.len() - 1]);
            // b stays when the slope strictly falls (upper) or rises (lower) at it.
            let fore = Segment { grupp, dw: b.0 - a.0, dv: b.1 - a.1 };
            let efter = Segment { grupp, dw: w - b.0, dv: v - b.1 };
            let vander = if ovre { Ordering::Greater } else { Ordering::Less };
            if jamfor_lutning(&fore, &efter) == vander {
                break;
            }
            h.pop();
        }
        h.push((w, v));
    }
    let mut ut = Vec::with_capacity(h.len());
    let mut fore = (0i128, 0i128);
    for p in h {
        // Upper: from the origin to the first point (weight 0) when zero-weight items carry värde.
        let s = Segment { grupp, dw: p.0 - fore.0, dv: p.1 - fore.1 };
        if (ovre && s.dv > 0) || (!ovre && s.dw > 0) {
            ut.push(s);
        }
        fore = p;
    }
    ut
}

/// a·b against c·d, exactly (256-bit products).
fn jamfor_produkter(a: u128, b: u128, c: u128, d: u128) -> Ordering {
    mul_256(a, b).cmp(&mul_256(c, d))
}

/// The full product of two u128 as (high, low).
fn mul_256(a: u128, b: u128) -> (u128, u128) {
    const M: u128 = u64::MAX as u128;
    let (a1, a0, b1, b0) = (a >> 64, a & M, b >> 64, b & M);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    let mitt = (p00 >> 64) + (p01 & M) + (p10 & M);
    ((p11 + (p01 >> 64) + (p10 >> 64) + (mitt >> 64)), (p00 & M) | (mitt << 64))
}

/// The LP relaxation of the groups not yet added (the multiple-choice
/// knapsack relaxation: every group's hull, filled greedily by slope) as a
/// bound on what they can still add, and a feasible selection's värde that
/// no optimum in the range is worse than.
///
/// Additions: keep a state (w, v) when v + LP(till − w) ≥ the feasible värde
/// at `fran` (the optimum only grows with the capacity). Cuts: keep it when
/// v + LP(fran − w) ≤ the feasible värde at `till` (the LP of the least värde
/// that covers the rest of the smallest need).
struct Grans {
    tillskott: bool,
    fran: i128,
    till: i128,
    kand: i128,
    /// All groups' pieces in the greedy order.
    segment: Vec<Segment>,
}

/// The bound of the groups before j: after `i` whole pieces Σ dw, Σ dv, and piece i.
struct Markor {
    cw: Vec<i128>,
    cv: Vec<i128>,
    dw: Vec<i128>,
    dv: Vec<i128>,
    i: usize,
}

impl Markor {
    /// Back to the start of a walk over states in increasing x: for additions
    /// the capacity left falls from the top, for cuts the need left grows from 0.
    fn borja(&mut self, tillskott: bool) {
        self.i = if tillskott { self.cw.len() - 1 } else { 0 };
    }
}

impl Grans {
    fn ny(grupper: &[Grupp], tillskott: bool, fran: i128, till: i128) -> Self {
        let mut segment: Vec<Segment> = grupper.iter().enumerate().flat_map(|(j, g)| holje(g, j, tillskott)).collect();
        // Stable: equal slopes by group, a group's own pieces already in order.
        if tillskott {
            segment.sort_by(|a, b| jamfor_lutning(b, a));
        } else {
            segment.sort_by(jamfor_lutning);
        }
        let mut g = Grans { tillskott, fran, till, kand: 0, segment };
        g.kand = if tillskott { g.girig_tillskott(fran) } else { g.girig_minskning(till) };
        g
    }

    /// The LP relaxation of all groups at `fran` (additions: its integer part,
    /// an upper bound of the optimum) or `till` (cuts: rounded up, a lower
    /// bound), found by bisection on the bound test of the empty state.
    fn lp(&self) -> i128 {
        let mut m = self.markor(usize::MAX);
        if self.tillskott {
            m.borja(true);
            let (mut lo, mut hi) = (0i128, self.kand.max(0));
            // The largest värde v with the bound ≥ v: search, the bound is monotone.
            while m.cv[m.cv.len() - 1] > hi {
                hi = hi * 2 + 1;
            }
            while lo < hi {
                let mitt = lo + (hi - lo + 1) / 2;
                m.borja(true);
                if self.behall_med(&mut m, self.till - self.fran, 0, mitt) { lo = mitt } else { hi = mitt - 1 }
            }
            lo
        } else {
            let (mut lo, mut hi) = (0i128, self.kand.max(0));
            while lo < hi {
                let mitt = lo + (hi - lo) / 2;
                m.borja(false);
                if self.behall_med(&mut m, self.till - self.fran, 0, mitt) { hi = mitt } else { lo = mitt + 1 }
            }
            lo
        }
    }

    /// Whole pieces by slope while they fit, a group stopping at its first that does not.
    fn girig_tillskott(&self, c: i128) -> i128 {
        let mut stopp = vec![false; self.segment.iter().map(|s| s.grupp + 1).max().unwrap_or(0)];
        let (mut w, mut v) = (0i128, 0i128);
        for s in &self.segment {
            if stopp[s.grupp] {
                continue;
            }
            if w + s.dw <= c {
                w += s.dw;
                v += s.dv;
            } else {
                stopp[s.grupp] = true;
            }
        }
        v
    }

    /// Whole pieces by slope until the need is covered (it is: need ≤ total).
    fn girig_minskning(&self, c: i128) -> i128 {
        let (mut w, mut v) = (0i128, 0i128);
        for s in &self.segment {
            if w >= c {
                break;
            }
            w += s.dw;
            v += s.dv;
        }
        v
    }

    /// The bound of the groups before `j`.
    fn markor(&self, j: usize) -> Markor {
        let mut m = Markor { cw: vec![0], cv: vec![0], dw: Vec::new(), dv: Vec::new(), i: 0 };
        for s in self.segment.iter().filter(|s| s.grupp < j) {
            m.cw.push(m.cw[m.cw.len() - 1] + s.dw);
            m.cv.push(m.cv[m.cv.len() - 1] + s.dv);
            m.dw.push(s.dw);
            m.dv.push(s.dv);
        }
        m
    }

    /// Whether a state (x, y) of the groups from j on can still be part of an
    /// optimum for a capacity or need in the range (states come in increasing x).
    #[inline]
    fn behall(&self, m: &mut Markor, x: i128, y: i128) -> bool {
        self.behall_med(m, x, y, self.kand)
    }

    #[inline]
    fn behall_med(&self, m: &mut Markor, x: i128, y: i128, kand: i128) -> bool {
        if self.tillskott {
            // Capacity left falls as x grows: the cursor moves down.
            let (r, behov) = (self.till - x, kand - y);
            while m.cw[m.i] > r {
                m.i -= 1;
            }
            let i = m.i;
            if m.cv[i] >= behov {
                return true;
            }
            if i == m.dw.len() || m.cv[i + 1] < behov {
                return false;
            }
            // Part of piece i: (r − cw)·dv/dw < dv, rounded down; on overflow the whole piece.
            match (r - m.cw[i]).checked_mul(m.dv[i]) {
                Some(p) => m.cv[i] + p / m.dw[i] >= behov,
                None => true,
            }
        } else {
            // x = −w, y = −v. Need left: fran − w = fran + x, which grows with x: the cursor moves up.
            let (r, budget) = (self.fran + x, kand + y);
            if r <= 0 {
                return budget >= 0;
            }
            // i: the whole pieces before the one that covers the need.
            while m.i + 1 < m.cw.len() && m.cw[m.i + 1] < r {
                m.i += 1;
            }
            let i = m.i;
            if i == m.dw.len() {
                // The groups before j cannot cover it at all; a state that cannot cover the smallest
                // need can still matter for none.
                return false;
            }
            if m.cv[i] > budget {
                return false;
            }
            if m.cv[i + 1] <= budget {
                return true;
            }
            // Part of piece i: ⌈(r − cw)·dv/dw⌉.
            match (r - m.cw[i]).checked_mul(m.dv[i]) {
                Some(p) => m.cv[i] + (p + m.dw[i] - 1) / m.dw[i] <= budget,
                None => true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grupp(poster: &[(i128, i128)]) -> Grupp {
        Grupp::ny(poster.iter().copied()).unwrap()
    }

    /// Every vector of prefix lengths, for checking the tables by brute force.
    fn alla(grupper: &[Grupp]) -> Vec<Vec<usize>> {
        let mut ut = vec![vec![]];
        for g in grupper {
            ut = ut.into_iter().flat_map(|v| (0..=g.langd()).map(move |k| [v.clone(), vec![k]].concat())).collect();
        }
        ut
    }

    type Mal = (i128, i128);

    fn summa(grupper: &[Grupp], val: &[usize]) -> Mal {
        grupper.iter().zip(val).fold((0, 0), |(v, w), (g, &k)| (v + g.varde[k], w + g.vikt[k]))
    }

    fn rakna_tillskott(grupper: &[Grupp], c: i128) -> Vec<usize> {
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

    fn rakna_minskning(grupper: &[Grupp], c: i128) -> Option<Vec<usize>> {
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

    fn till(g: &[Grupp], c: i128) -> Option<Vec<usize>> {
        Optimerare::tillskott(g, c, c).unwrap().val(c)
    }

    fn minsk(g: &[Grupp], c: i128) -> Option<Vec<usize>> {
        Optimerare::minskning(g, c, c).unwrap().val(c)
    }

    #[test]
    fn storst_varde_som_ryms() {
        // A: 100 (värde 1), then 50 (värde 5); B: 120 (värde 3).
        let g = vec![grupp(&[(100, 1), (50, 5)]), grupp(&[(120, 3)])];
        // Within 200: A2 (150, värde 6) beats B1 + A0 (120, 3) and A1 + nothing.
        assert_eq!(till(&g, 200), Some(vec![2, 0]));
        assert_eq!(till(&g, 130), Some(vec![0, 1]));
        assert_eq!(till(&g, 99), Some(vec![0, 0]));
        let o = Optimerare::tillskott(&g, 0, 300).unwrap();
        assert_eq!(o.val(200), Some(vec![2, 0]));
        assert_eq!(o.val(130), Some(vec![0, 1]));
        assert_eq!(o.val(99), Some(vec![0, 0]));
        assert_eq!(o.val(10_000), Some(vec![2, 1]));
    }

    #[test]
    fn lika_varde_storst_belopp_sedan_lexikografiskt() {
        // Same värde; the larger Σ b̃ wins.
        let g = vec![grupp(&[(10, 1)]), grupp(&[(20, 1)])];
        assert_eq!(till(&g, 25), Some(vec![0, 1]));
        // Same värde and amount: the lexicographically smallest vector, (0, 1).
        let g = vec![grupp(&[(10, 1)]), grupp(&[(10, 1)])];
        assert_eq!(till(&g, 15), Some(vec![0, 1]));
    }

    #[test]
    fn minsta_varde_som_tacker() {
        // Need 100: A1 (60, värde 1) + B1 (50, värde 1) = 110, värde 2; or B2 (50+70=120, värde 1+0=1).
        let g = vec![grupp(&[(60, 1)]), grupp(&[(50, 1), (70, 0)])];
        assert_eq!(minsk(&g, 100), Some(vec![0, 2]));
        // Need 300: impossible.
        let g = vec![grupp(&[(60, 1)]), grupp(&[(50, 1)])];
        assert_eq!(minsk(&g, 300), None);
        assert_eq!(minsk(&g, 0), Some(vec![0, 0]));
    }

    #[test]
    fn lika_varde_minst_overskjutning() {
        let g = vec![grupp(&[(80, 1)]), grupp(&[(60, 1)])];
        // Need 50: both cover with värde 1; B's 60 overshoots less.
        assert_eq!(minsk(&g, 50), Some(vec![0, 1]));
        // Same overshoot: the smallest vector.
        let g = vec![grupp(&[(60, 1)]), grupp(&[(60, 1)])];
        assert_eq!(minsk(&g, 50), Some(vec![0, 1]));
    }

    #[test]
    fn stora_varden_ger_samma_val() {
        // Värden far beyond i64 take the i128 states and choose alike.
        let stor = 1i128 << 100;
        let g = vec![grupp(&[(100, stor), (50, 5 * stor)]), grupp(&[(120, 3 * stor)])];
        assert_eq!(till(&g, 200), Some(vec![2, 0]));
        for c in [0, 60, 100, 160, 270, 271] {
            assert_eq!(minsk(&g, c), rakna_minskning(&g, c), "c={c}");
        }
    }

    #[test]
    fn produkter_jamfors_exakt() {
        let s = u128::MAX;
        assert_eq!(jamfor_produkter(s, s, s, s - 1), Ordering::Greater);
        assert_eq!(jamfor_produkter(1 << 100, 1 << 27, 1 << 127, 1), Ordering::Equal);
        assert_eq!(mul_256(s, s), (s - 1, 1));
    }

    #[test]
    fn tabellerna_stammer_med_uppraknade_val() {
        // A pseudo-random family of small instances checked against enumeration, for every capacity.
        let mut fro: u64 = 7;
        let mut slump = |n: u64| {
            fro = fro.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (fro >> 33) % n
        };
        for _ in 0..200 {
            let grupper: Vec<Grupp> = (0..1 + slump(4))
                .map(|_| {
                    let poster: Vec<(i128, i128)> =
                        (0..slump(4)).map(|_| (slump(30) as i128, slump(4) as i128)).collect();
                    grupp(&poster)
                })
                .collect();
            let t = Optimerare::tillskott(&grupper, 0, 120).unwrap();
            let m = Optimerare::minskning(&grupper, 0, 120).unwrap();
            for c in 0..120 {
                assert_eq!(t.val(c).unwrap(), rakna_tillskott(&grupper, c), "tillskott c={c} {grupper:?}");
                assert_eq!(m.val(c), rakna_minskning(&grupper, c), "minskning c={c} {grupper:?}");
                assert_eq!(till(&grupper, c).unwrap(), rakna_tillskott(&grupper, c), "tillskott c={c} {grupper:?}");
                assert_eq!(minsk(&grupper, c), rakna_minskning(&grupper, c), "minskning c={c} {grupper:?}");
            }
        }
    }
}

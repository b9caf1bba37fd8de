//! The budget year of a proposal reduced to what a draw changes (MODELL §11):
//! revenue through population and skatteunderlag, the personnel cost through
//! wages, and the VF selection — in f64 for speed, as deviations from the
//! exact deterministic figures so that a draw without deviation is exactly the
//! deterministic result.
//!
//! A draw is a handful of multiply-adds: ΔS (revenue) from the population and
//! skatteunderlag deviations, ΔG = (1 − m)·ΔS − Σ personal·ΔFlön. U and the
//! result in percent are increasing functions of ΔS alone, so only ΔS and ΔG
//! are kept in histograms. The selection is counted, not built:
//!
//! - proportionell and gemensam: each list's prefix length is the number of
//!   its cumulative sums on the right side of the room — a branch-free count
//!   over precomputed thresholds per nämnd (or for the kommun);
//! - optimal: the selection is constant on intervals of G̃ = round(G); the
//!   intervals are found once from the optimal rule's tables (not one entry per
//!   tkr), and a draw is a binary search for its interval.
//!
//! A comparison that lands within `KANT` of its limit is not trusted: the draw
//! is then recomputed with exact decimals.

use crate::berakning::forslag::Forslag;
use crate::berakning::vf::{self, optimal::Optimerare};
use crate::fel::{Diagnos, Fel};
use crate::modell::{Fordelning, Intaktstyp, Modell, VfTyp};
use crate::tal::faktor;
use rust_decimal::Decimal;

use super::f64_av as f;
use super::percentil::Histogram;

/// How close to a limit (tkr) an f64 comparison must not come.
pub const KANT: f64 = 1e-6;

/// Draws handled together (at most 256: their indices are kept in bytes).
pub const BLOCK: usize = 64;

/// At most this many intervals of constant optimal selection are tabulated;
/// beyond it a draw walks the optimal rule's tables itself.
pub const MAX_INTERVALL: usize = 1 << 20;

/// One draw's deviations from the deterministic levers of the budget year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Avvikelse {
    /// ΔP: persons on 1 November of basår.
    pub invanare: f64,
    /// δ: percentage points on the skatteunderlag growth of the budget year.
    pub skatteunderlag: f64,
    /// Percentage points on the wage growth (the personnel index) of the budget year.
    pub lon: f64,
}

/// Exact decimal ingredients, for the draws that need them.
struct Exakt {
    a1: Decimal,
    a2: Decimal,
    r0: Decimal,
    pskr: Decimal,
    g: Decimal,
    lon: Decimal,
    kb: Vec<Decimal>,
    pers_flon: Vec<Decimal>,
    u: Decimal,
    malandel: Decimal,
}

/// The lists a selection is a prefix of: per nämnd its tillskott and its
/// minskningar (proportionell, optimal: lists 2n and 2n+1), or the kommun-wide
/// lists (gemensam: 0 and 1).
pub struct Listor {
    /// VF indices per list, in order.
    pub poster: Vec<Vec<usize>>,
}

/// The thresholds of a pair of lists (tillskott, minskningar) on a room x.
/// The walks of MODELL §6 take the tillskott whose cumulative sums are ≤ x
/// (x ≥ 0) or the minskningar whose preceding sums (0, b1, b1 + b2, …, all
/// ≤ 0) are > x (x < 0). With all of them in one ascending list — the
/// preceding sums of the cuts, then the sums of the additions — the number
/// of thresholds ≤ x is #cuts − cuts taken + additions taken: one count
/// gives the outcome.
#[derive(Debug, Clone)]
struct Trosklar {
    /// −∞, the thresholds ascending, then +∞ up to a power of two: a search
    /// without branches, where every outcome has two neighbours.
    varden: Vec<f64>,
    /// How many thresholds there are, and how many of them are the cuts' (they come first).
    antal: usize,
    minskningar: usize,
}

impl Trosklar {
    fn ny(m: &Modell, till: &[usize], minsk: &[usize]) -> Self {
        let b = m.budgetar();
        let mut varden = Vec::with_capacity(till.len() + minsk.len() + 2);
        let mut s = Decimal::ZERO;
        for &i in minsk {
            varden.push(f(s));
            s += m.vf[i].belopp.eller_noll(b);
        }
        varden.push(f64::NEG_INFINITY);
        varden.reverse();
        let mut s = Decimal::ZERO;
        for &i in till {
            s += m.vf[i].belopp.eller_noll(b);
            varden.push(f(s));
        }
        Self::fran(varden[1..].to_vec(), minsk.len())
    }

    /// From ascending thresholds.
    fn fran(stigande: Vec<f64>, minskningar: usize) -> Self {
        let antal = stigande.len();
        let mut varden = Vec::with_capacity((antal + 2).next_power_of_two());
        varden.push(f64::NEG_INFINITY);
        varden.extend(stigande);
        varden.resize((antal + 2).next_power_of_two(), f64::INFINITY);
        Trosklar { varden, antal, minskningar }
    }

    /// The outcome of room `x` (the number of thresholds ≤ x), or `None` when
    /// `x` is within `KANT` of a threshold.
    #[inline(always)]
    fn index(&self, x: f64) -> Option<usize> {
        if !x.is_finite() {
            return None;
        }
        let t = &self.varden[..];
        // The last index with t ≤ x: t[0] = −∞ is, the final +∞ is not.
        let mut bas = 0;
        let mut steg = t.len() / 2;
        while steg > 0 {
            bas += (t[bas + steg] <= x) as usize * steg;
            steg /= 2;
        }
        // The nearest thresholds are the neighbours; room 0 is the first cut's threshold.
        (x - t[bas] >= KANT && t[bas + 1] - x >= KANT).then_some(bas)
    }

    fn antal(&self) -> usize {
        self.antal + 1
    }

    /// (tillskott taken, minskningar taken) of an outcome.
    fn val(&self, index: usize) -> (usize, usize) {
        let m = self.minskningar;
        if index >= m { (index - m, 0) } else { (0, m - index) }
    }
}

/// A cell of a grid whose values do not all have the same outcome.
const OKAND: u32 = u32::MAX;

/// How much of the pilot's span the grids add on each side.
const BRED: f64 = 0.1;

/// Thresholds on one value with a uniform grid in front: a value in a cell
/// that lies wholly between two thresholds (and at least `KANT` from both)
/// has that cell's outcome, one lookup; other values are searched.
#[derive(Debug, Clone)]
struct Skala {
    trosklar: Trosklar,
    lo: f64,
    per_bredd: f64,
    celler: Vec<u32>,
}

impl Skala {
    /// A grid of about `antal` cells over `lo..hi`.
    fn ny(trosklar: Trosklar, lo: f64, hi: f64, antal: usize) -> Self {
        let (lo, hi) = if hi > lo && (hi - lo).is_finite() { (lo, hi) } else { (lo, lo) };
        let antal = if hi > lo { antal.max(1) } else { 0 };
        let bredd = (hi - lo) / antal.max(1) as f64;
        // Outcomes at the cells' edges: a cell is decided when both its edges are, alike.
        let kanter: Vec<Option<usize>> = (0..=antal).map(|i| trosklar.index(lo + i as f64 * bredd)).collect();
        let celler = kanter
            .windows(2)
            .map(|k| match (k[0], k[1]) {
                (Some(a), Some(b)) if a == b => a as u32,
                _ => OKAND,
            })
            .collect();
        Skala { trosklar, lo, per_bredd: if bredd > 0.0 { 1.0 / bredd } else { 0.0 }, celler }
    }

    #[inline(always)]
    fn index(&self, x: f64) -> Option<usize> {
        let i = (x - self.lo) * self.per_bredd;
        if i >= 0.0 && i < self.celler.len() as f64 {
            let c = self.celler[i as i32 as usize];
            if c != OKAND {
                return Some(c as usize);
            }
        }
        self.trosklar.index(x)
    }
}

/// How a rule's selection is counted in a draw.
enum Regel {
    /// Per nämnd the thresholds on its room and where its outcomes start in
    /// the counts; and each nämnd's grid folded for a draw (see `Snabbnamnd`).
    Proportionell { trosklar: Vec<(Skala, usize)>, snabba: Vec<Snabbnamnd>, celler: Vec<u32> },
    /// The kommun's thresholds on G.
    Gemensam { skala: Skala },
    /// Intervals of G̃ with constant selection: their starts, ascending, and as
    /// thresholds on G (outcome 0 and the last: outside `fran..=till`, computed
    /// exactly). Without intervals (too many) a draw walks the tables.
    Optimal { fran: i64, till: i64, starter: Vec<i64>, skala: Option<Skala>, tabeller: Tabeller },
}

/// A nämnd's grid over its room r = KB'·a (a = U'/ΣKB' − 1, KB' = KB + pers·ΔFlön)
/// folded into the cell position (r − lo)/width = (kb + p·ΔFlön)·a − lo with
/// kb, p and lo divided by the width: two multiply-adds and a lookup.
#[derive(Debug, Clone, Copy)]
struct Snabbnamnd {
    kb: f64,
    p: f64,
    lo: f64,
    antal: f64,
    /// Where its cells start in the shared cells, and its outcomes in the counts.
    celler: usize,
    start: u32,
    namnd: u32,
}

/// The optimal rule's tables for the gaps of the simulation: for additions
/// (G̃ ≥ 0, capacity G̃) and cuts (G̃ < 0, need −G̃). (One part each: split
/// ranges were measured to keep far more states in all than one table.)
#[derive(Default)]
struct Tabeller {
    tillskott: Vec<Del>,
    minskning: Vec<Del>,
}

/// A table for capacities or needs `fran..=till`.
struct Del {
    fran: i128,
    till: i128,
    tabell: Optimerare,
}

impl Tabeller {
    /// The table for capacities or needs `fran..=till` of one typ.
    fn delar(m: &Modell, typ: VfTyp, fran: i128, till: i128) -> Result<Vec<Del>, Fel> {
        Ok(vec![Del { fran, till, tabell: vf::optimerare(m, typ, fran, till)? }])
    }

    /// The intervals of constant choice over all parts, ascending in the capacity or need.
    fn intervall(delar: &[Del], max: usize) -> Option<Vec<(i128, i128)>> {
        let mut ut = Vec::new();
        for d in delar {
            ut.extend(d.tabell.intervall(d.fran, d.till, max.checked_sub(ut.len())?)?);
        }
        Some(ut)
    }

    /// The prefix lengths for G̃ = `g` into `val` (lists 2n, 2n+1); false when not covered.
    fn val(&self, listor: &Listor, g: i64, val: &mut [u32], scratch: &mut Vec<u32>) -> bool {
        let (delar, forskjutning) = if g >= 0 { (&self.tillskott, 0) } else { (&self.minskning, 1) };
        let c = i128::from(g).abs();
        let i = delar.partition_point(|d| d.fran <= c).max(1) - 1;
        let Some(t) = delar.get(i).map(|d| &d.tabell) else { return false };
        if !t.tacker(c) {
            return false;
        }
        scratch.resize(val.len() / 2, 0);
        val.iter_mut().for_each(|v| *v = 0);
        if t.val_i(c, scratch) {
            for (n, &k) in scratch.iter().enumerate() {
                val[2 * n + forskjutning] = k;
            }
        } else {
            // No choice covers the need: every cut.
            for n in 0..val.len() / 2 {
                val[2 * n + 1] = listor.poster[2 * n + 1].len() as u32;
            }
        }
        true
    }
}

/// What a share of the draws adds up to.
#[derive(Clone)]
pub struct Summa {
    /// ΔS and ΔG.
    pub s: Histogram,
    pub g: Histogram,
    pub negativa: u64,
    pub under_mal: u64,
    /// Draws per outcome of the rule's counting (see `Regel`), and how many
    /// draws proportionell counted so (its nämnder without items take them all).
    utfall: Vec<u64>,
    snabba: u64,
    /// Draws counted as prefix lengths per list (exact draws, draws without deviation).
    prefix: Vec<Vec<u64>>,
    pub exakta: u64,
    /// Scratch for a draw's per-nämnd outcomes and prefix lengths.
    index: Vec<u32>,
    val: Vec<u32>,
    extra: Vec<u32>,
}

impl Summa {
    pub fn sla_ihop(&mut self, annan: &Summa) {
        self.s.sla_ihop(&annan.s);
        self.g.sla_ihop(&annan.g);
        self.negativa += annan.negativa;
        self.under_mal += annan.under_mal;
        self.utfall.iter_mut().zip(&annan.utfall).for_each(|(a, b)| *a += b);
        self.snabba += annan.snabba;
        for (a, b) in self.prefix.iter_mut().zip(&annan.prefix) {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        }
        self.exakta += annan.exakta;
    }

    fn lagg_till_val(&mut self, val: &[u32]) {
        for (lista, &k) in self.prefix.iter_mut().zip(val) {
            lista[k as usize] += 1;
        }
    }
}

pub struct Snabbmodell<'m> {
    modell: &'m Modell,
    pub regel: Fordelning,
    a1: f64,
    a2: f64,
    r0: f64,
    /// 1/Pskr, 1/(100 + g) and 1/(100 + lön) (percent) of the budget year.
    per_pskr: f64,
    per_g100: f64,
    per_lon100: f64,
    ettminusmal: f64,
    kb: Vec<f64>,
    pers_flon: Vec<f64>,
    summa_pers_flon: f64,
    summa_kb: f64,
    u: f64,
    glapp: f64,
    skatter: f64,
    resultat: f64,
    bas_negativt: bool,
    bas_under_mal: bool,
    mal_procent: f64,
    pub listor: Listor,
    /// The deterministic selection as prefix lengths per list.
    pub bas_val: Vec<u32>,
    urval: Regel,
    exakt: Exakt,
}

impl<'m> Snabbmodell<'m> {
    /// From the deterministic proposal. Optimal's intervals come with `bygg_optimal`.
    pub fn ny(p: &Forslag<'m>) -> Self {
        let m = p.grund.modell;
        let b = m.budgetar();
        let i = &p.grund.intakter[&b];
        let tau = i.skattesatsfaktor;
        let mut a1 = Decimal::ZERO;
        let mut a2 = Decimal::ZERO;
        for post in &m.intaktsposter {
            let a = post.belopp.eller_noll(b);
            match post.typ {
                Intaktstyp::Skatt => a1 += a * tau,
                Intaktstyp::Inkomstutjamning => a1 += a,
                Intaktstyp::PerInvanare => a2 += a,
                Intaktstyp::Fast => {}
            }
        }
        let lon_serie = &m.index.personal;
        let g = m.skr.get("skatteunderlag").and_then(|r| r.get(b)).unwrap_or_default();
        let lon = m.skr.get(lon_serie).and_then(|r| r.get(b)).unwrap_or_default();
        let flon = p.befintlig.faktorer.lon[&b];
        let kb: Vec<Decimal> = p.befintlig.namnder.iter().map(|n| n.kostnad[&b]).collect();
        let pers_flon: Vec<Decimal> =
            m.namnder.iter().map(|n| n.delar.map(|d| d.personal * flon).unwrap_or_default()).collect();
        let r = &p.grund.ramutrymme[&b];
        let malandel = r.resultatmal_procent / Decimal::ONE_HUNDRED;
        let exakt = Exakt {
            a1,
            a2,
            r0: i.skalning,
            pskr: i.invanare_skr,
            g,
            lon,
            kb: kb.clone(),
            pers_flon: pers_flon.clone(),
            u: r.ramutrymme,
            malandel,
        };
        let listor = listor(m, p.urval.regel);
        let bas_val = prefix(&listor, &p.urval.vald);
        let urval = match p.urval.regel {
            Fordelning::Proportionell => {
                let mut start = 0;
                let trosklar: Vec<(Skala, usize)> = (0..m.namnder.len())
                    .map(|n| {
                        let t = Trosklar::ny(m, &listor.poster[2 * n], &listor.poster[2 * n + 1]);
                        start += t.antal();
                        let antal = t.antal();
                        (Skala::ny(t, 0.0, 0.0, 0), start - antal)
                    })
                    .collect();
                // Without grids (until `forbered`) every nämnd is searched; one without items is skipped.
                let snabba = trosklar
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.0.trosklar.antal > 0)
                    .map(|(n, &(_, start))| Snabbnamnd {
                        kb: 0.0,
                        p: 0.0,
                        lo: 0.0,
                        antal: 0.0,
                        celler: 0,
                        start: start as u32,
                        namnd: n as u32,
                    })
                    .collect();
                Regel::Proportionell { trosklar, snabba, celler: Vec::new() }
            }
            Fordelning::Gemensam => {
                let t = Trosklar::ny(m, &listor.poster[0], &listor.poster[1]);
                Regel::Gemensam { skala: Skala::ny(t, 0.0, 0.0, 0) }
            }
            Fordelning::Optimal => {
                Regel::Optimal { fran: 1, till: 0, starter: Vec::new(), skala: None, tabeller: Tabeller::default() }
            }
        };
        let resultat = p.resultat[&b];
        Snabbmodell {
            modell: m,
            regel: p.urval.regel,
            a1: f(a1),
            a2: f(a2),
            r0: f(i.skalning),
            per_pskr: 1.0 / f(i.invanare_skr),
            per_g100: 1.0 / (100.0 + f(g)),
            per_lon100: 1.0 / (100.0 + f(lon)),
            ettminusmal: 1.0 - f(malandel),
            summa_kb: f(kb.iter().copied().sum()),
            summa_pers_flon: f(pers_flon.iter().copied().sum()),
            kb: kb.iter().map(|x| f(*x)).collect(),
            pers_flon: pers_flon.iter().map(|x| f(*x)).collect(),
            u: f(r.ramutrymme),
            glapp: f(p.befintlig.glapp[&b]),
            skatter: f(r.skatter_och_bidrag),
            resultat: f(resultat),
            bas_negativt: resultat < Decimal::ZERO,
            bas_under_mal: p.resultat_procent[&b] < r.resultatmal_procent,
            mal_procent: f(r.resultatmal_procent),
            listor,
            bas_val,
            urval,
            exakt,
        }
    }

    /// Prepares optimal's selection for every gap from `min_glapp` to
    /// `max_glapp` tkr (a draw outside is computed exactly instead): the
    /// optimal rule's tables for that range, and the intervals of G̃ on which
    /// the selection is constant (unless there are too many).
    pub fn bygg_optimal(&mut self, min_glapp: f64, max_glapp: f64) -> Result<(), Fel> {
        if self.regel != Fordelning::Optimal {
            return Ok(());
        }
        let lo = min_glapp.round().clamp(-1e15, 1e15) as i64;
        let hi = max_glapp.round().clamp(-1e15, 1e15) as i64;
        let m = self.modell;
        let mut tabeller = Tabeller::default();
        if hi >= 0 {
            tabeller.tillskott = Tabeller::delar(m, VfTyp::Tillskott, lo.max(0).into(), hi.into())?;
        }
        if lo < 0 {
            tabeller.minskning = Tabeller::delar(m, VfTyp::Minskning, (-hi).max(1).into(), (-lo).into())?;
        }
        // Needs c = −G̃ for G̃ < 0: their intervals reversed; then capacities c = G̃.
        let mut starter = Some(Vec::new());
        if let Some(s) = &mut starter
            && !tabeller.minskning.is_empty()
        {
            match Tabeller::intervall(&tabeller.minskning, MAX_INTERVALL) {
                Some(c) => s.extend(c.iter().rev().map(|&(_, slut)| -(slut as i64))),
                None => starter = None,
            }
        }
        if let Some(s) = &mut starter
            && !tabeller.tillskott.is_empty()
        {
            match Tabeller::intervall(&tabeller.tillskott, MAX_INTERVALL) {
                Some(c) => s.extend(c.iter().map(|&(start, _)| start as i64)),
                None => starter = None,
            }
        }
        // Without intervals a draw walks the tables.
        let starter = starter.filter(|s| s.len() <= MAX_INTERVALL).unwrap_or_default();
        // G̃ = round(G) lies in [a, b] when G lies in (a − ½, b + ½): the intervals as thresholds on G.
        let skala = (!starter.is_empty()).then(|| {
            let mut t = vec![lo as f64 - 0.5];
            t.extend(starter[1..].iter().map(|&s| s as f64 - 0.5));
            t.push(hi as f64 + 0.5);
            let celler = (1024 * t.len()).clamp(4096, 1 << 16);
            Skala::ny(Trosklar::fran(t, 0), lo as f64 - 0.5, hi as f64 + 0.5, celler)
        });
        self.urval = Regel::Optimal { fran: lo, till: hi, starter, skala, tabeller };
        Ok(())
    }

    /// Prepares the counting for draws like the pilot's: for optimal its
    /// tables and intervals (over the gaps the pilot reaches, widened by 30 %
    /// of their span on each side), for gemensam a grid over G, for
    /// proportionell a grid per nämnd over its room — over the range the
    /// pilot reaches widened by a tenth (a draw outside is counted the slow way).
    pub fn forbered(&mut self, pilot: &[Avvikelse]) -> Result<(), Fel> {
        let v: Vec<(f64, f64, f64)> = pilot.iter().map(|a| self.avvikelser(a)).collect();
        let omrade = |f: &dyn Fn(&(f64, f64, f64)) -> f64| {
            let (lo, hi) = v.iter().map(f).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
            if lo > hi {
                return (0.0, 0.0);
            }
            let spann = hi - lo;
            (lo - spann * BRED, hi + spann * BRED)
        };
        let (g_lo, g_hi) = omrade(&|x| self.glapp + x.1);
        match &mut self.urval {
            Regel::Optimal { .. } => {
                // Wider than the grids (a draw outside costs a table of its own): in all 30 % of the span.
                let marg = (g_hi - g_lo) * 0.2 / (1.0 + 2.0 * BRED);
                self.bygg_optimal(g_lo - marg - 1.0, g_hi + marg + 1.0)?
            }
            Regel::Gemensam { skala } => {
                let celler = (1024 * skala.trosklar.antal).clamp(4096, 1 << 16);
                *skala = Skala::ny(skala.trosklar.clone(), g_lo, g_hi, celler);
            }
            Regel::Proportionell { trosklar, snabba, celler } => {
                let antal = ((1 << 20) / trosklar.len().max(1)).clamp(256, 4096);
                snabba.clear();
                celler.clear();
                for (n, (skala, start)) in trosklar.iter_mut().enumerate() {
                    if skala.trosklar.antal == 0 {
                        // No items: its outcome is always the first.
                        continue;
                    }
                    let (kb, pers) = (self.kb[n], self.pers_flon[n]);
                    let rum = |x: &(f64, f64, f64)| {
                        let andel = (self.u + x.0 * self.ettminusmal) / (self.summa_kb + self.summa_pers_flon * x.2);
                        let kb = kb + pers * x.2;
                        kb * andel - kb
                    };
                    let (lo, hi) = omrade(&rum);
                    *skala = Skala::ny(skala.trosklar.clone(), lo, hi, antal);
                    let per = skala.per_bredd;
                    snabba.push(Snabbnamnd {
                        kb: kb * per,
                        p: pers * per,
                        lo: skala.lo * per,
                        antal: skala.celler.len() as f64,
                        celler: celler.len(),
                        start: *start as u32,
                        namnd: n as u32,
                    });
                    celler.extend(&skala.celler);
                }
            }
        }
        Ok(())
    }

    /// An empty sum for this model with histograms from pilot values of ΔS and ΔG.
    pub fn summa(&self, pilot_s: &[f64], pilot_g: &[f64]) -> Summa {
        let utfall = match &self.urval {
            Regel::Proportionell { trosklar, .. } => trosklar.iter().map(|t| t.0.trosklar.antal()).sum(),
            Regel::Gemensam { skala } => skala.trosklar.antal(),
            Regel::Optimal { starter, .. } => starter.len(),
        };
        Summa {
            s: Histogram::for_pilot(pilot_s),
            g: Histogram::for_pilot(pilot_g),
            negativa: 0,
            under_mal: 0,
            utfall: vec![0; utfall],
            snabba: 0,
            prefix: self.listor.poster.iter().map(|l| vec![0; l.len() + 1]).collect(),
            exakta: 0,
            index: vec![0; self.kb.len()],
            val: vec![0; self.listor.poster.len()],
            extra: Vec::new(),
        }
    }

    /// ΔS and ΔG of a draw, and the wage factor's deviation.
    #[inline]
    pub fn avvikelser(&self, a: &Avvikelse) -> (f64, f64, f64) {
        // ΔS = (r·L − r0)·a1 + (r − r0)·a2 with r = r0 + dr, L = 1 + dl.
        let dr = a.invanare * self.per_pskr;
        let dl = a.skatteunderlag * self.per_g100;
        let ds = dr * (self.a1 * (1.0 + dl) + self.a2) + self.r0 * self.a1 * dl;
        let fl = a.lon * self.per_lon100;
        let dg = ds * self.ettminusmal - self.summa_pers_flon * fl;
        (ds, dg, fl)
    }

    /// Adds a block of draws (at most `BLOCK`) to `summa`: first every draw's
    /// ΔS and ΔG, then the histograms, the result flags and the selections,
    /// each in its own tight loop.
    pub fn block(&self, a: &[Avvikelse], summa: &mut Summa) {
        debug_assert!(a.len() <= BLOCK);
        let n = a.len().min(BLOCK);
        let (mut ds, mut dg, mut fl) = ([0.0; BLOCK], [0.0; BLOCK], [0.0; BLOCK]);
        for i in 0..n {
            (ds[i], dg[i], fl[i]) = self.avvikelser(&a[i]);
        }
        summa.s.lagg_till_alla(&ds[..n]);
        summa.g.lagg_till_alla(&dg[..n]);
        let (mut negativa, mut under_mal) = (0, 0);
        for &x in &ds[..n] {
            let res = self.resultat + x;
            let s = self.skatter + x;
            // res/S·100 < m, without dividing when S > 0; without any revenue deviation the exact flags.
            let under = if s > 0.0 { res * 100.0 < self.mal_procent * s } else { res / s * 100.0 < self.mal_procent };
            let (neg, under) = if x == 0.0 { (self.bas_negativt, self.bas_under_mal) } else { (res < 0.0, under) };
            negativa += neg as u64;
            under_mal += under as u64;
        }
        summa.negativa += negativa;
        summa.under_mal += under_mal;
        let mut exakta = [0u8; BLOCK];
        let mut antal_exakta = 0;
        let mut exakt = |i: usize| {
            exakta[antal_exakta] = i as u8;
            antal_exakta += 1;
        };
        match &self.urval {
            Regel::Proportionell { trosklar, snabba, celler } => {
                for i in 0..n {
                    let (du, fl) = (ds[i] * self.ettminusmal, fl[i]);
                    let andel = (self.u + du) / (self.summa_kb + self.summa_pers_flon * fl);
                    let a = andel - 1.0;
                    // Counted at once; taken back in the rare draw a nämnd cannot decide.
                    let mut klara = 0;
                    for (j, s) in snabba.iter().enumerate() {
                        // The cell first; its edges are at least KANT from every threshold.
                        let x = (s.kb + s.p * fl) * a - s.lo;
                        let mut k = OKAND;
                        if x >= 0.0 && x < s.antal {
                            k = celler[s.celler + x as i32 as usize];
                        }
                        if k == OKAND {
                            let n = s.namnd as usize;
                            let kb = self.kb[n] + self.pers_flon[n] * fl;
                            match trosklar[n].0.trosklar.index(kb * andel - kb) {
                                Some(j) => k = j as u32,
                                None => break,
                            }
                        }
                        let ut = (s.start + k) as usize;
                        summa.utfall[ut] += 1;
                        summa.index[j] = ut as u32;
                        klara += 1;
                    }
                    if klara == snabba.len() {
                        summa.snabba += 1;
                    } else {
                        for &k in &summa.index[..klara] {
                            summa.utfall[k as usize] -= 1;
                        }
                        exakt(i);
                    }
                }
            }
            Regel::Gemensam { skala } => {
                for (i, &x) in dg[..n].iter().enumerate() {
                    match skala.index(self.glapp + x) {
                        Some(k) => summa.utfall[k] += 1,
                        None => exakt(i),
                    }
                }
            }
            Regel::Optimal { skala: Some(skala), starter, .. } => {
                for (i, &x) in dg[..n].iter().enumerate() {
                    // Outcome 0 and the last lie outside the tables' range.
                    match skala.index(self.glapp + x) {
                        Some(k) if k >= 1 && k <= starter.len() => summa.utfall[k - 1] += 1,
                        _ => exakt(i),
                    }
                }
            }
            Regel::Optimal { skala: None, fran, till, tabeller, .. } => {
                for (i, &x) in dg[..n].iter().enumerate() {
                    let g = self.glapp + x;
                    // Half away from zero, as G̃ of MODELL §6; too close to a half is decided exactly.
                    let gt = g.round();
                    if (g - gt).abs() > 0.5 - KANT || !(*fran as f64..=*till as f64).contains(&gt) {
                        exakt(i);
                        continue;
                    }
                    // Too many intervals to tabulate: walk the tables.
                    let mut val = std::mem::take(&mut summa.val);
                    if tabeller.val(&self.listor, gt as i64, &mut val, &mut summa.extra) {
                        summa.lagg_till_val(&val);
                    } else {
                        exakt(i);
                    }
                    summa.val = val;
                }
            }
        }
        for &i in &exakta[..antal_exakta] {
            self.valj_exakt(&a[i as usize], &mut summa.val);
            let val = std::mem::take(&mut summa.val);
            summa.lagg_till_val(&val);
            summa.val = val;
            summa.exakta += 1;
        }
    }

    /// Adds `n` draws without any deviation: the deterministic result.
    pub fn lagg_till_bas(&self, summa: &mut Summa, n: u64) {
        summa.s.lagg_till_n(0.0, n);
        summa.g.lagg_till_n(0.0, n);
        summa.negativa += self.bas_negativt as u64 * n;
        summa.under_mal += self.bas_under_mal as u64 * n;
        for (lista, &k) in summa.prefix.iter_mut().zip(&self.bas_val) {
            lista[k as usize] += n;
        }
    }

    /// The selection with exact decimals (the deviations as the decimals nearest the draws).
    fn valj_exakt(&self, a: &Avvikelse, val: &mut [u32]) {
        let e = &self.exakt;
        let d = |x: f64| crate::tal::fran_f64(x).unwrap_or_default();
        let r = e.r0 + d(a.invanare) / e.pskr;
        let l = Decimal::ONE + d(a.skatteunderlag) / Decimal::ONE_HUNDRED / faktor(e.g);
        let ds = (r * l - e.r0) * e.a1 + (r - e.r0) * e.a2;
        let u = e.u + ds * (Decimal::ONE - e.malandel);
        let fl = d(a.lon) / Decimal::ONE_HUNDRED / faktor(e.lon);
        let kb: Vec<Decimal> = e.kb.iter().zip(&e.pers_flon).map(|(k, p)| k + p * fl).collect();
        let urval = vf::valj(self.modell, self.regel, &kb, u, &mut Diagnos::default());
        val.copy_from_slice(&prefix(&self.listor, &urval.vald));
    }

    /// Per list, how many draws selected a prefix of each length: the counted
    /// outcomes turned into selections, plus the draws counted as selections.
    pub fn prefixantal(&self, summa: &Summa) -> Vec<Vec<u64>> {
        let mut ut = summa.prefix.clone();
        match &self.urval {
            Regel::Proportionell { trosklar, .. } => {
                let mut utfall = summa.utfall.clone();
                for (t, start) in trosklar {
                    if t.trosklar.antal == 0 {
                        utfall[*start] += summa.snabba;
                    }
                }
                for (n, (t, start)) in trosklar.iter().enumerate() {
                    for i in 0..t.trosklar.antal() {
                        let (till, minsk) = t.trosklar.val(i);
                        let antal = utfall[start + i];
                        ut[2 * n][till] += antal;
                        ut[2 * n + 1][minsk] += antal;
                    }
                }
            }
            Regel::Gemensam { skala } => {
                for (i, &antal) in summa.utfall.iter().enumerate() {
                    let (till, minsk) = skala.trosklar.val(i);
                    ut[0][till] += antal;
                    ut[1][minsk] += antal;
                }
            }
            Regel::Optimal { starter, tabeller, .. } => {
                let (mut val, mut extra) = (vec![0u32; ut.len()], Vec::new());
                for (&start, &antal) in starter.iter().zip(&summa.utfall) {
                    if antal > 0 && tabeller.val(&self.listor, start, &mut val, &mut extra) {
                        for (lista, &k) in ut.iter_mut().zip(&val) {
                            lista[k as usize] += antal;
                        }
                    }
                }
            }
        }
        ut
    }
}

/// The lists of a rule (see `Listor`).
pub fn listor(m: &Modell, regel: Fordelning) -> Listor {
    let poster: Vec<Vec<usize>> = match regel {
        Fordelning::Gemensam => {
            vec![vf::gemensam_ordning(m, VfTyp::Tillskott), vf::gemensam_ordning(m, VfTyp::Minskning)]
        }
        _ => {
            let (till, minsk) = (vf::listor(m, VfTyp::Tillskott), vf::listor(m, VfTyp::Minskning));
            till.into_iter().zip(minsk).flat_map(|(t, m)| [t, m]).collect()
        }
    };
    Listor { poster }
}

/// A selection as prefix lengths per list (every rule selects prefixes).
pub fn prefix(l: &Listor, vald: &[bool]) -> Vec<u32> {
    l.poster.iter().map(|lista| lista.iter().filter(|&&i| vald[i]).count() as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::modell::Scenario;
    use rand::SeedableRng;
    use rand::rngs::Xoshiro256PlusPlus;
    use rand_distr::{Distribution, Normal};

    /// Counted per draw, the fast selection equals the exact one on every draw it decides.
    #[test]
    fn snabbt_urval_stammer_med_exakt() {
        for fixtur in ["mini", "hedemora-2026"] {
            let mapp = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(fixtur);
            let m = crate::inlasning::las_modell(&mapp).unwrap().modell;
            for regel in Fordelning::ALLA {
                let s = Scenario { fordelning: Some(regel), ..Scenario::bas() };
                let p = Forslag::berakna(&m, &s, None).unwrap();
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
                let (sp, su, sl) =
                    (Normal::new(0.0, 200.0).unwrap(), Normal::new(0.0, 2.0).unwrap(), Normal::new(0.0, 1.0).unwrap());
                let mut dra = || Avvikelse {
                    invanare: sp.sample(&mut rng),
                    skatteunderlag: su.sample(&mut rng),
                    lon: sl.sample(&mut rng),
                };
                // Without grids, then with grids and tables from a pilot.
                let utan = Snabbmodell::ny(&p);
                let mut snabb = Snabbmodell::ny(&p);
                let pilot: Vec<Avvikelse> = (0..2000).map(|_| dra()).collect();
                snabb.forbered(&pilot).unwrap();
                let mut fran_exakt = vec![0u32; snabb.listor.poster.len()];
                let mut avgjorda = 0;
                for _ in 0..3000 {
                    let a = dra();
                    for modell in [&snabb, &utan] {
                        let mut summa = modell.summa(&[0.0], &[0.0]);
                        modell.block(&[a], &mut summa);
                        if summa.exakta == 0 {
                            modell.valj_exakt(&a, &mut fran_exakt);
                            let antal = modell.prefixantal(&summa);
                            let fran_snabb: Vec<u32> =
                                antal.iter().map(|l| l.iter().position(|&c| c == 1).unwrap() as u32).collect();
                            assert_eq!(fran_snabb, fran_exakt, "{fixtur} {regel} {a:?}");
                            avgjorda += 1;
                        }
                    }
                }
                // Optimal without its tables decides every draw exactly.
                let vantat = if regel == Fordelning::Optimal { 2900 } else { 5800 };
                assert!(avgjorda > vantat, "{fixtur} {regel}: bara {avgjorda} avgjordes snabbt");
            }
        }
    }
}

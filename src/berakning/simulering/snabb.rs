//! The budget year of a proposal reduced to what a draw changes (MODELL §11):
//! revenue through population and skatteunderlag, the personnel cost through
//! wages, and the VF selection — in f64 for speed, as deviations from the
//! exact deterministic figures so that a draw without deviation is exactly the
//! deterministic result. A comparison that lands within `KANT` of its limit is
//! not trusted: the draw is then recomputed with exact decimals.

use crate::berakning::forslag::Forslag;
use crate::berakning::vf::{self, optimal::Optimerare};
use crate::fel::Diagnos;
use crate::modell::{Fordelning, Intaktstyp, Modell, VfTyp};
use crate::tal::faktor;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// How close to a limit (tkr) an f64 comparison must not come.
pub const KANT: f64 = 1e-6;

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

impl Avvikelse {
    pub fn ar_noll(&self) -> bool {
        self.invanare == 0.0 && self.skatteunderlag == 0.0 && self.lon == 0.0
    }
}

/// A draw's figures as deviations from the deterministic budget year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Utfall {
    pub ramutrymme: f64,
    pub glapp: f64,
    pub resultat_procent: f64,
    pub negativt_resultat: bool,
    pub under_mal: bool,
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
/// minskningar (proportionell, optimal), or the kommun-wide lists (gemensam).
pub struct Listor {
    /// VF indices per list, in order.
    pub poster: Vec<Vec<usize>>,
    belopp: Vec<Vec<f64>>,
}

pub struct Snabbmodell<'m> {
    modell: &'m Modell,
    pub regel: Fordelning,
    a1: f64,
    a2: f64,
    r0: f64,
    pskr: f64,
    g: f64,
    lon: f64,
    malandel: f64,
    kb: Vec<f64>,
    pers_flon: Vec<f64>,
    summa_pers_flon: f64,
    summa_kb: f64,
    u: f64,
    glapp: f64,
    skatter: f64,
    resultat: f64,
    resultat_procent: f64,
    bas_negativt: bool,
    bas_under_mal: bool,
    mal_procent: f64,
    pub listor: Listor,
    /// The deterministic selection as prefix lengths per list.
    pub bas_val: Vec<u32>,
    /// Optimal's tables for additions and cuts, built for gaps up to their max.
    optimal: Option<(Option<Optimerare>, Option<Optimerare>)>,
    exakt: Exakt,
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

impl<'m> Snabbmodell<'m> {
    /// From the deterministic proposal. Optimal's tables come with `bygg_optimal`.
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
        let skatter = r.skatter_och_bidrag;
        let resultat = p.resultat[&b];
        let pct = |res: f64, s: f64| res / s * 100.0;
        Snabbmodell {
            modell: m,
            regel: p.urval.regel,
            a1: f(a1),
            a2: f(a2),
            r0: f(i.skalning),
            pskr: f(i.invanare_skr),
            g: f(g),
            lon: f(lon),
            malandel: f(malandel),
            summa_kb: f(kb.iter().copied().sum()),
            summa_pers_flon: f(pers_flon.iter().copied().sum()),
            kb: kb.iter().map(|x| f(*x)).collect(),
            pers_flon: pers_flon.iter().map(|x| f(*x)).collect(),
            u: f(r.ramutrymme),
            glapp: f(p.befintlig.glapp[&b]),
            skatter: f(skatter),
            resultat: f(resultat),
            resultat_procent: pct(f(resultat), f(skatter)),
            bas_negativt: resultat < Decimal::ZERO,
            bas_under_mal: p.resultat_procent[&b] < r.resultatmal_procent,
            mal_procent: f(r.resultatmal_procent),
            listor,
            bas_val,
            optimal: None,
            exakt,
        }
    }

    /// Builds optimal's tables for every gap from `min_glapp` to `max_glapp` tkr
    /// (a draw outside is computed exactly instead).
    pub fn bygg_optimal(&mut self, min_glapp: f64, max_glapp: f64) {
        if self.regel == Fordelning::Optimal {
            let lo = min_glapp.floor().clamp(-1e30, 1e30) as i128;
            let hi = max_glapp.ceil().clamp(-1e30, 1e30) as i128;
            let m = self.modell;
            let till = if hi >= 0 { vf::optimerare(m, VfTyp::Tillskott, lo.max(0), hi).ok() } else { None };
            let minsk = if lo < 0 { vf::optimerare(m, VfTyp::Minskning, (-hi).max(1), -lo).ok() } else { None };
            self.optimal = Some((till, minsk));
        }
    }

    /// The deterministic glapp of the budget year, f64.
    pub fn glapp(&self) -> f64 {
        self.glapp
    }

    /// The figures of a draw and its selection (prefix lengths per list, into
    /// `val`); the flag says whether the selection had to be computed exactly.
    #[inline]
    pub fn dragning(&self, a: &Avvikelse, val: &mut [u32]) -> (Utfall, bool) {
        if a.ar_noll() {
            val.copy_from_slice(&self.bas_val);
            let utfall =
                Utfall { negativt_resultat: self.bas_negativt, under_mal: self.bas_under_mal, ..Utfall::default() };
            return (utfall, false);
        }
        let (utfall, du, fl) = self.utfall(a);
        let snabbt = self.valj_snabbt(du, fl, val);
        if !snabbt {
            self.valj_exakt(a, val);
        }
        (utfall, !snabbt)
    }

    /// The figures of a draw without its selection; also ΔU and the wage factor.
    #[inline]
    pub fn utfall(&self, a: &Avvikelse) -> (Utfall, f64, f64) {
        if a.ar_noll() {
            let utfall =
                Utfall { negativt_resultat: self.bas_negativt, under_mal: self.bas_under_mal, ..Utfall::default() };
            return (utfall, 0.0, 0.0);
        }
        // ΔS = (r·L − r0)·a1 + (r − r0)·a2, zero when both deviations are.
        let r = self.r0 + a.invanare / self.pskr;
        let l = 1.0 + (a.skatteunderlag / 100.0) / (1.0 + self.g / 100.0);
        let ds = (r * l - self.r0) * self.a1 + (r - self.r0) * self.a2;
        let du = ds * (1.0 - self.malandel);
        let fl = (a.lon / 100.0) / (1.0 + self.lon / 100.0);
        let dg = du - self.summa_pers_flon * fl;
        let res = self.resultat + ds;
        let s = self.skatter + ds;
        let pct = res / s * 100.0;
        let utfall = Utfall {
            ramutrymme: du,
            glapp: dg,
            resultat_procent: pct - self.resultat_procent,
            negativt_resultat: res < 0.0,
            under_mal: pct < self.mal_procent,
        };
        (utfall, du, fl)
    }

    /// The selection in f64; false when a comparison is too close to call.
    fn valj_snabbt(&self, du: f64, fl: f64, val: &mut [u32]) -> bool {
        let u = self.u + du;
        match self.regel {
            Fordelning::Proportionell => {
                let andel = u / (self.summa_kb + self.summa_pers_flon * fl);
                for n in 0..self.kb.len() {
                    let kb = self.kb[n] + self.pers_flon[n] * fl;
                    let rum = kb * andel - kb;
                    if rum.abs() < KANT {
                        return false;
                    }
                    let (till, minsk) = (2 * n, 2 * n + 1);
                    val[till] = 0;
                    val[minsk] = 0;
                    let ok = if rum >= 0.0 {
                        vandra_tillskott(&self.listor.belopp[till], rum, &mut val[till])
                    } else {
                        vandra_minskning(&self.listor.belopp[minsk], rum, &mut val[minsk])
                    };
                    if !ok {
                        return false;
                    }
                }
                true
            }
            Fordelning::Gemensam => {
                let g = self.glapp + du - self.summa_pers_flon * fl;
                if g.abs() < KANT {
                    return false;
                }
                val[0] = 0;
                val[1] = 0;
                if g >= 0.0 {
                    vandra_tillskott(&self.listor.belopp[0], g, &mut val[0])
                } else {
                    vandra_minskning(&self.listor.belopp[1], g, &mut val[1])
                }
            }
            Fordelning::Optimal => {
                let g = self.glapp + du - self.summa_pers_flon * fl;
                if (g.abs().fract() - 0.5).abs() < KANT {
                    return false;
                }
                let g_heltal = g.round() as i128;
                let Some((till, minsk)) = &self.optimal else { return false };
                let (tabell, forskjutning) = if g_heltal >= 0 { (till, 0) } else { (minsk, 1) };
                let Some(tabell) = tabell else { return false };
                if !tabell.tacker(g_heltal.abs()) {
                    return false;
                }
                val.iter_mut().for_each(|v| *v = 0);
                match tabell.val(g_heltal.abs()) {
                    Some(langder) => {
                        for (n, k) in langder.into_iter().enumerate() {
                            val[2 * n + forskjutning] = k as u32;
                        }
                    }
                    None => {
                        for n in 0..self.kb.len() {
                            val[2 * n + 1] = self.listor.poster[2 * n + 1].len() as u32;
                        }
                    }
                }
                true
            }
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
}

/// Additions while the running sum stays ≤ the room; false when too close to call.
#[inline]
fn vandra_tillskott(belopp: &[f64], rum: f64, k: &mut u32) -> bool {
    let mut summa = 0.0;
    for &b in belopp {
        let x = summa + b;
        if (x - rum).abs() < KANT {
            return false;
        }
        if x > rum {
            break;
        }
        summa = x;
        *k += 1;
    }
    true
}

/// Cuts until the running sum is ≤ the room (the last may overshoot).
#[inline]
fn vandra_minskning(belopp: &[f64], rum: f64, k: &mut u32) -> bool {
    let mut summa = 0.0;
    for &b in belopp {
        if (summa - rum).abs() < KANT {
            return false;
        }
        if summa <= rum {
            break;
        }
        summa += b;
        *k += 1;
    }
    true
}

/// The lists of a rule (see `Listor`).
pub fn listor(m: &Modell, regel: Fordelning) -> Listor {
    let b = m.budgetar();
    let poster: Vec<Vec<usize>> = match regel {
        Fordelning::Gemensam => {
            vec![vf::gemensam_ordning(m, VfTyp::Tillskott), vf::gemensam_ordning(m, VfTyp::Minskning)]
        }
        _ => {
            let (till, minsk) = (vf::listor(m, VfTyp::Tillskott), vf::listor(m, VfTyp::Minskning));
            till.into_iter().zip(minsk).flat_map(|(t, m)| [t, m]).collect()
        }
    };
    let belopp = poster.iter().map(|l| l.iter().map(|&i| f(m.vf[i].belopp.eller_noll(b))).collect()).collect();
    Listor { poster, belopp }
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

    /// The f64 selection agrees with the exact one on every draw it decides.
    #[test]
    fn snabbt_urval_stammer_med_exakt() {
        for fixtur in ["mini", "hedemora-2026"] {
            let mapp = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(fixtur);
            let m = crate::inlasning::las_modell(&mapp).unwrap().modell;
            for regel in Fordelning::ALLA {
                let s = Scenario { fordelning: Some(regel), ..Scenario::bas() };
                let p = Forslag::berakna(&m, &s, None).unwrap();
                let mut snabb = Snabbmodell::ny(&p);
                snabb.bygg_optimal(-200_000.0, 200_000.0);
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
                let (sp, su, sl) =
                    (Normal::new(0.0, 200.0).unwrap(), Normal::new(0.0, 2.0).unwrap(), Normal::new(0.0, 1.0).unwrap());
                let mut fran_snabb = vec![0u32; snabb.listor.poster.len()];
                let mut fran_exakt = fran_snabb.clone();
                let mut avgjorda = 0;
                for _ in 0..3000 {
                    let a = Avvikelse {
                        invanare: sp.sample(&mut rng),
                        skatteunderlag: su.sample(&mut rng),
                        lon: sl.sample(&mut rng),
                    };
                    let (_, du, fl) = snabb.utfall(&a);
                    if snabb.valj_snabbt(du, fl, &mut fran_snabb) {
                        snabb.valj_exakt(&a, &mut fran_exakt);
                        assert_eq!(fran_snabb, fran_exakt, "{fixtur} {regel} {a:?}");
                        avgjorda += 1;
                    }
                }
                assert!(avgjorda > 2900, "{fixtur} {regel}: bara {avgjorda} avgjordes snabbt");
            }
        }
    }
}

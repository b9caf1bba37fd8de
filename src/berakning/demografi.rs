//! MODELL §5: resursfördelning efter demografi — each nämnd's cost per
//! inhabitant of an age group, times the average of the two year-end counts,
//! at PKV-indexed prices; the volume change against basår enters the cost.

use crate::fel::Diagnos;
use crate::modell::{Ar, Arsbelopp, Modell};
use rust_decimal::Decimal;

/// One nämnd's demography for one age group.
#[derive(Debug, Clone, PartialEq)]
pub struct Demografilinje {
    /// Index into `Modell::befolkning`.
    pub grupp: usize,
    /// NIVA(n,g,t) for t0 and every plan year.
    pub niva: Arsbelopp,
    /// The group's term of DEM(n,t) per plan year.
    pub forandring: Arsbelopp,
}

/// avg(g,y) = (N(g,y−1) + N(g,y)) / 2.
fn medel(m: &Modell, grupp: usize, y: Ar, d: &mut Diagnos) -> Decimal {
    let g = &m.befolkning[grupp];
    let vad = format!("åldersgruppen {} (demografi)", g.namn);
    (g.antal.krav(y - 1, &vad, d) + g.antal.krav(y, &vad, d)) / Decimal::TWO
}

/// Per nämnd (in `ramar` order) its lines, one per age group it has a cost for.
/// `fpkv(t)` is the cumulative PKV factor (1 for t0).
pub fn berakna(m: &Modell, fpkv: &Arsbelopp, d: &mut Diagnos) -> Vec<Vec<Demografilinje>> {
    let mut ut = vec![Vec::new(); m.namnder.len()];
    for rad in &m.demografi {
        let c = rad.kostnad_per_invanare;
        let bas = medel(m, rad.grupp, m.basar, d);
        let mut niva = Arsbelopp::new();
        let mut forandring = Arsbelopp::new();
        niva.insert(m.basar, c * bas);
        for t in m.ar() {
            let f = fpkv[&t];
            let avg = medel(m, rad.grupp, t, d);
            niva.insert(t, f * c * avg);
            forandring.insert(t, f * c * (avg - bas));
        }
        ut[rad.namnd].push(Demografilinje { grupp: rad.grupp, niva, forandring });
    }
    ut
}

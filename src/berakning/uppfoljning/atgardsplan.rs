//! MODELL §13, åtgärdsplan: a nämnd whose forecast shows an underskott
//! beyond the threshold takes its not-selected minskningar, by prioritet,
//! for the rest of the year.

use crate::tal::utan_brus;
use rust_decimal::Decimal;

/// One measure of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atgard {
    /// Index into the model's `vf`.
    pub vf: usize,
    /// `b(i,B)`.
    pub belopp: Decimal,
    /// `e(i) = b(i,B)·(12 − m)/12`.
    pub effekt: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Atgardsplan {
    pub behovs: bool,
    pub poster: Vec<Atgard>,
    /// `Σ e` of the taken items.
    pub summa: Decimal,
    /// `min(0, avvikelse − Σ e)`; `avvikelse` at m = 12; 0 when no plan is needed.
    pub otackt: Decimal,
}

/// Whether a nämnd needs a plan: `avvikelse < 0` and
/// `|avvikelse| > troskel_procent/100 · budget'` (decided at 20 decimals).
pub fn behovs(avvikelse: Decimal, budget_justerad: Decimal, troskel_procent: Decimal) -> bool {
    let a = utan_brus(avvikelse);
    a < Decimal::ZERO && a.abs() > utan_brus(troskel_procent / Decimal::ONE_HUNDRED * budget_justerad)
}

/// The plan at month `m`: `kandidater` are the nämnd's not-selected
/// minskningar in prioritet order as (vf index, b(i,B)). Taken until
/// `Σ e ≤ avvikelse`; the last may overshoot.
pub fn berakna(
    avvikelse: Decimal,
    budget_justerad: Decimal,
    troskel_procent: Decimal,
    m: u32,
    kandidater: &[(usize, Decimal)],
) -> Atgardsplan {
    if !behovs(avvikelse, budget_justerad, troskel_procent) {
        return Atgardsplan::default();
    }
    if m >= 12 {
        return Atgardsplan { behovs: true, poster: vec![], summa: Decimal::ZERO, otackt: avvikelse };
    }
    let rest = |b: Decimal| b * Decimal::from(12 - m) / Decimal::from(12);
    let mut poster = Vec::new();
    // Σ b of the taken items; Σ e = rest(Σ b) without the noise of adding rounded thirds.
    let mut belopp_summa = Decimal::ZERO;
    let grans = utan_brus(avvikelse);
    for &(vf, belopp) in kandidater {
        if utan_brus(rest(belopp_summa)) <= grans {
            break;
        }
        belopp_summa += belopp;
        poster.push(Atgard { vf, belopp, effekt: rest(belopp) });
    }
    let summa = rest(belopp_summa);
    Atgardsplan { behovs: true, poster, summa, otackt: (avvikelse - summa).min(Decimal::ZERO) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const LISTA: [(usize, Decimal); 3] = [(4, dec!(-1200)), (7, dec!(-2400)), (9, dec!(-600))];

    #[test]
    fn tacks_med_overskjutning() {
        // m = 3: e = −900, −1800, −450. Deficit −2000: the first two (Σ −2700) cover it.
        let p = berakna(dec!(-2000), dec!(100000), dec!(0.5), 3, &LISTA);
        assert!(p.behovs);
        assert_eq!(p.poster.iter().map(|a| (a.vf, a.effekt)).collect::<Vec<_>>(), [(4, dec!(-900)), (7, dec!(-1800))]);
        assert_eq!(p.summa, dec!(-2700));
        assert_eq!(p.otackt, dec!(0));
    }

    #[test]
    fn exakt_tackning_stannar() {
        // −900 − 1800 = −2700 exactly: the third is not taken.
        let p = berakna(dec!(-2700), dec!(100000), dec!(0.5), 3, &LISTA);
        assert_eq!(p.poster.len(), 2);
        assert_eq!(p.otackt, dec!(0));
    }

    #[test]
    fn listan_tar_slut() {
        // m = 8: e = −400, −800, −200 (Σ −1400) against −5000: otäckt −3600.
        let p = berakna(dec!(-5000), dec!(100000), dec!(0.5), 8, &LISTA);
        assert_eq!(p.poster.len(), 3);
        assert_eq!(p.summa, dec!(-1400));
        assert_eq!(p.otackt, dec!(-3600));
        // No candidates at all.
        let p = berakna(dec!(-5000), dec!(100000), dec!(0.5), 8, &[]);
        assert!(p.behovs);
        assert_eq!((p.summa, p.otackt), (dec!(0), dec!(-5000)));
    }

    #[test]
    fn manad_tolv_kan_inget_spara() {
        let p = berakna(dec!(-5000), dec!(100000), dec!(0.5), 12, &LISTA);
        assert!(p.behovs && p.poster.is_empty());
        assert_eq!((p.summa, p.otackt), (dec!(0), dec!(-5000)));
    }

    #[test]
    fn troskeln() {
        // 0.5 % of 100 000 = 500: exactly −500 needs no plan, −500.01 does.
        assert_eq!(berakna(dec!(-500), dec!(100000), dec!(0.5), 3, &LISTA), Atgardsplan::default());
        assert!(berakna(dec!(-500.01), dec!(100000), dec!(0.5), 3, &LISTA).behovs);
        // A surplus never needs one.
        assert!(!berakna(dec!(3000), dec!(100000), dec!(0.5), 3, &LISTA).behovs);
        let ingen = berakna(dec!(-100), dec!(100000), dec!(0.5), 3, &LISTA);
        assert_eq!((ingen.behovs, ingen.summa, ingen.otackt), (false, dec!(0), dec!(0)));
    }
}

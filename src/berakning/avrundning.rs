//! MODELL §10: columns of per-nämnd amounts, rounded for presentation, that
//! add up to their rounded total (largest remainder).

use crate::tal::{avrunda, utan_brus};
use rust_decimal::Decimal;

/// Rounds `varden` to multiples of `enhet` so that they add up to `mal` rounded
/// half away from zero: each value is floored, and the missing units go one
/// each to the values with the largest remainders (ties: the earlier value).
///
/// When the target is not the sum of the values and more units are missing
/// than there are values, the round is repeated; when the floors already
/// exceed the target, units are taken back from the smallest remainders.
pub fn fordela(varden: &[Decimal], mal: Decimal, enhet: Decimal) -> Vec<Decimal> {
    if varden.is_empty() {
        return vec![];
    }
    // The noise is cut before dividing by the unit and after (MODELL §10 and preamble).
    let enheter: Vec<Decimal> = varden.iter().map(|v| utan_brus(utan_brus(*v) / enhet)).collect();
    let mut golv: Vec<Decimal> = enheter.iter().map(|e| e.floor()).collect();
    let rest: Vec<Decimal> = enheter.iter().zip(&golv).map(|(e, g)| e - g).collect();
    let mal_enheter = avrunda(utan_brus(mal) / enhet, 0);
    let mut saknas = mal_enheter - golv.iter().copied().sum::<Decimal>();
    // Order by remainder, largest first; the stable sort keeps ties in nämnd order.
    let mut ordning: Vec<usize> = (0..varden.len()).collect();
    ordning.sort_by(|&a, &b| rest[b].cmp(&rest[a]));
    while saknas > Decimal::ZERO {
        for &i in &ordning {
            if saknas <= Decimal::ZERO {
                break;
            }
            golv[i] += Decimal::ONE;
            saknas -= Decimal::ONE;
        }
    }
    while saknas < Decimal::ZERO {
        for &i in ordning.iter().rev() {
            if saknas >= Decimal::ZERO {
                break;
            }
            golv[i] -= Decimal::ONE;
            saknas += Decimal::ONE;
        }
    }
    golv.into_iter().map(|g| g * enhet).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    #[test]
    fn storsta_rest_far_enheten() {
        // 10.4 + 20.4 + 30.2 = 61: floors 60, one unit to the largest remainder (10.4, first of the tie).
        let r = fordela(&[dec!(10.4), dec!(20.4), dec!(30.2)], dec!(61), dec!(1));
        assert_eq!(r, vec![dec!(11), dec!(20), dec!(30)]);
    }

    #[test]
    fn halva_avrundas_bort_fran_noll() {
        // Sum 3.5 → 4; floors 1 + 1 + 0 = 2; remainders .5 .5 .5 → the first two get one each.
        let r = fordela(&[dec!(1.5), dec!(1.5), dec!(0.5)], dec!(3.5), dec!(1));
        assert_eq!(r, vec![dec!(2), dec!(2), dec!(0)]);
        // Each value rounded alone would give 2 + 2 + 1 = 5 ≠ 4.
        // 2.5 → 3 alone, but 0.5 + 2.5 + 0.5 = 3.5 → 4: floors 0 + 2 + 0, two units to the first two.
        let r = fordela(&[dec!(0.5), dec!(2.5), dec!(0.5)], dec!(3.5), dec!(1));
        assert_eq!(r, vec![dec!(1), dec!(3), dec!(0)]);
    }

    #[test]
    fn negativa_varden() {
        // −1.5 floors to −2 (remainder .5), −2.5 to −3 (remainder .5); sum −4 exactly.
        let r = fordela(&[dec!(-1.5), dec!(-2.5)], dec!(-4), dec!(1));
        assert_eq!(r, vec![dec!(-1), dec!(-3)]);
        // Total −4.5 rounds away from zero to −5: floors −5, nothing to hand out.
        let r = fordela(&[dec!(-1.5), dec!(-3.0)], dec!(-4.5), dec!(1));
        assert_eq!(r, vec![dec!(-2), dec!(-3)]);
    }

    #[test]
    fn brus_fran_exakt_division_bryter_inte_lika_rester() {
        // 1000.5 through the PO ratios 40.1/40 and 40/40.1 is 1000.4999…9: still a tie with 2.5, and the earlier value wins.
        let brusig = dec!(1000.5) * (dec!(1.401) / dec!(1.40)) * (dec!(1.40) / dec!(1.401));
        assert_ne!(brusig, dec!(1000.5));
        let r = fordela(&[brusig, dec!(2.5)], dec!(1003), dec!(1));
        assert_eq!(r, vec![dec!(1001), dec!(2)]);
    }

    #[test]
    fn enhet_hundra() {
        let r = fordela(&[dec!(1249), dec!(1251), dec!(2500)], dec!(5000), dec!(100));
        assert_eq!(r, vec![dec!(1200), dec!(1300), dec!(2500)]);
    }

    /// Issue 14 item 1: with `enhet_tkr = 0,01` and revenue `A·1000/980` at a
    /// 2 % target, U(2026) is exactly 2 490 246,865 tkr but carries 28-digit
    /// noise; the rounded frames must add up to 2 490 246,87.
    #[test]
    fn exakt_halv_total_med_nio_heltalssiffror() {
        // r(t) = P'/Pskr = 1000/980 (28 digits), S = A·r, M = S·2/100, U = S − M (= A exactly).
        let a = dec!(2490246.865);
        let s = a * (dec!(1000) / dec!(980));
        let u = s - s * dec!(2) / dec!(100);
        assert_ne!(u, a, "bruset ska finnas: {u}");
        assert_eq!(crate::tal::avrunda_till_enhet(u, dec!(0.01)), dec!(2490246.87));
        let varden = [u * dec!(3) / dec!(7), u * dec!(4) / dec!(7)];
        let r = fordela(&varden, u, dec!(0.01));
        assert_eq!(r.iter().copied().sum::<Decimal>(), dec!(2490246.87));
    }

    /// An exact-half total computed the way the engine computes U (S − S·m/100 with
    /// S = A·1000/980), split over nämnder by exact ratios.
    fn brusig_halv(k: i64, enhet: Decimal, negativ: bool) -> (Decimal, Decimal) {
        let exakt = (Decimal::from(k) + dec!(0.5)) * enhet * if negativ { dec!(-1) } else { dec!(1) };
        let s = exakt * (dec!(1000) / dec!(980));
        (exakt, s - s * dec!(2) / dec!(100))
    }

    proptest! {
        /// Issue 14 item 1: MODELL §10 with exact-half totals at every unit and
        /// magnitudes up to 10⁹ tkr: the rounded values add up to the total
        /// rounded half away from zero.
        #[test]
        fn exakt_halva_vid_varje_enhet_och_storlek(
            enhet in prop_oneof![Just(dec!(0.01)), Just(dec!(0.1)), Just(dec!(1)), Just(dec!(100)), Just(dec!(1000))],
            storlek in 0u32..=9,
            bas in 1i64..1_000_000_000,
            negativ in proptest::bool::ANY,
            vikter in proptest::collection::vec(1i64..1000, 1..12),
        ) {
            // k·enhet up to 10^storlek tkr.
            let tak = (Decimal::from(10i64.pow(storlek)) / enhet).trunc();
            let k = Decimal::from(bas) % tak.max(Decimal::ONE);
            let k = rust_decimal::prelude::ToPrimitive::to_i64(&k).unwrap();
            let (exakt, u) = brusig_halv(k, enhet, negativ);
            let vantat = (Decimal::from(k) + Decimal::ONE) * enhet * if negativ { dec!(-1) } else { dec!(1) };
            prop_assert_eq!(crate::tal::avrunda_till_enhet(u, enhet), vantat, "U = {} ({})", u, exakt);
            let summa: i64 = vikter.iter().sum();
            let varden: Vec<Decimal> = vikter.iter().map(|w| u * Decimal::from(*w) / Decimal::from(summa)).collect();
            let r = fordela(&varden, u, enhet);
            prop_assert_eq!(r.iter().copied().sum::<Decimal>(), vantat);
            for (x, y) in varden.iter().zip(&r) {
                prop_assert!((x - y).abs() < enhet, "{} → {}", x, y);
            }
        }

        #[test]
        fn summan_blir_den_avrundade_totalen(v in proptest::collection::vec(-10_000_000i64..10_000_000, 1..40), enhet in prop_oneof![Just(1i64), Just(10), Just(100), Just(1000)]) {
            let varden: Vec<Decimal> = v.iter().map(|x| Decimal::new(*x, 3)).collect();
            let total: Decimal = varden.iter().sum();
            let enhet = Decimal::from(enhet);
            let r = fordela(&varden, total, enhet);
            prop_assert_eq!(r.iter().copied().sum::<Decimal>(), avrunda(total / enhet, 0) * enhet);
            for (x, y) in varden.iter().zip(&r) {
                prop_assert!((x - y).abs() < enhet, "{} → {}", x, y);
                prop_assert!((y / enhet).fract().is_zero());
            }
        }
    }
}

//! MODELL §13, helårsprognos: `linjar`, `sasong` (with its fallback to
//! `linjar`) and `budget`; the monthly budget profile `budget_ack`.

use super::utfall::Manader;
use crate::modell::Ar;
use crate::modell::uppfoljning::Prognosmetod;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A computed forecast and how it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prognos {
    pub prognos: Decimal,
    /// The method actually used (`linjar` when `sasong` fell back).
    pub metod: Prognosmetod,
    /// `s(n,m)` when `sasong` was used.
    pub sasongsandel: Option<Decimal>,
    /// Why `sasong` fell back, when it did.
    pub reservfall: Option<Reservfall>,
}

/// Why `sasong` cannot be used for a nämnd.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reservfall {
    /// No prior year with outcome for all 12 months.
    IngetHeltAr,
    /// A prior full year's total is ≤ 0.
    ArssummaIntePositiv(Ar),
    /// `s(n,m) ≤ 0`.
    AndelIntePositiv,
}

impl Reservfall {
    /// The warning, naming the nämnd.
    pub fn varning(&self, namnd: &str, m: u32) -> String {
        let orsak = match self {
            Reservfall::IngetHeltAr => "det finns inget tidigare år med utfall för alla tolv månader".to_string(),
            Reservfall::ArssummaIntePositiv(ar) => format!("utfallet för helåret {ar} är noll eller negativt"),
            Reservfall::AndelIntePositiv => {
                format!("säsongsandelen för januari–{} tidigare år är noll eller negativ", manadsnamn(m))
            }
        };
        format!("{namnd}: säsongsprognos går inte att beräkna ({orsak}); linjär prognos används i stället")
    }
}

/// Swedish month name, lower case.
pub fn manadsnamn(m: u32) -> &'static str {
    const N: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    N.get(m.wrapping_sub(1) as usize).copied().unwrap_or("?")
}

/// `s(n,m)`: the mean over the prior years (< `ar`) with outcome for all 12
/// months of Σ(k≤m) u / Σ(k≤12) u.
pub fn sasongsandel(ar_for_namnd: &BTreeMap<Ar, Manader>, ar: Ar, m: u32) -> Result<Decimal, Reservfall> {
    let hela: Vec<(Ar, &Manader)> =
        ar_for_namnd.range(..ar).filter(|(_, x)| x.helt_ar()).map(|(a, x)| (*a, x)).collect();
    if hela.is_empty() {
        return Err(Reservfall::IngetHeltAr);
    }
    let mut summa = Decimal::ZERO;
    for (a, x) in &hela {
        let total = x.ar();
        if total <= Decimal::ZERO {
            return Err(Reservfall::ArssummaIntePositiv(*a));
        }
        summa += x.ack(m) / total;
    }
    let s = summa / Decimal::from(hela.len());
    if s <= Decimal::ZERO { Err(Reservfall::AndelIntePositiv) } else { Ok(s) }
}

/// `budget_ack(n)`: `budget'·Σ(k≤m) pb/Σ(k≤12) pb` when the nämnd has
/// `#PBUDGET` records of year B with a non-zero year total, else `budget'·m/12`.
/// Also the profile used, if any.
pub fn budget_ack(budget_justerad: Decimal, profil: Option<&Manader>, m: u32) -> (Decimal, Option<Manader>) {
    match profil {
        Some(pb) if pb.med_poster != 0 && !pb.ar().is_zero() => (budget_justerad * pb.ack(m) / pb.ar(), Some(*pb)),
        _ => (budget_justerad * Decimal::from(m) / Decimal::from(12), None),
    }
}

/// The computed helårsprognos of one nämnd by `metod` at month `m`.
pub fn berakna(
    metod: Prognosmetod,
    m: u32,
    ack: Decimal,
    budget_justerad: Decimal,
    budget_ack: Decimal,
    ar_for_namnd: &BTreeMap<Ar, Manader>,
    ar: Ar,
) -> Prognos {
    let linjar = |reservfall| Prognos {
        prognos: if m >= 12 { ack } else { ack * Decimal::from(12) / Decimal::from(m) },
        metod: Prognosmetod::Linjar,
        sasongsandel: None,
        reservfall,
    };
    match metod {
        Prognosmetod::Linjar => linjar(None),
        Prognosmetod::Sasong => match sasongsandel(ar_for_namnd, ar, m) {
            Ok(s) => Prognos {
                prognos: if m >= 12 { ack } else { ack / s },
                metod: Prognosmetod::Sasong,
                sasongsandel: Some(s),
                reservfall: None,
            },
            Err(r) => linjar(Some(r)),
        },
        Prognosmetod::Budget => Prognos {
            prognos: if m >= 12 { ack } else { ack + budget_justerad - budget_ack },
            metod: Prognosmetod::Budget,
            sasongsandel: None,
            reservfall: None,
        },
    }
}

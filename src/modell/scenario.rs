//! A scenario changes levers only (MODELL §7); the base scenario changes nothing.

use super::{Ar, Arsbelopp, Fordelning};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scenario {
    pub namn: String,
    pub beskrivning: Option<String>,
    /// The file it was read from, for messages.
    pub fil: Option<String>,
    pub fordelning: Option<Fordelning>,
    pub resultat_procent: Option<Decimal>,
    /// δ[k]: percentage points on SKR's skatteunderlag growth.
    pub skatteunderlag: Arsbelopp,
    /// ΔP[y]: persons on 1 November of year y.
    pub invanare: Arsbelopp,
    /// Δs: change of the skattesats, kr per 100 kr.
    pub skattesats_forandring: Decimal,
    /// bidrag[t]: a general state grant, kr per invånare.
    pub statsbidrag_kr_per_invanare: Arsbelopp,
    /// intakt[t]: any other revenue change, tkr.
    pub intakter_tkr: Arsbelopp,
    /// Percentage points added to any SKR series before use.
    pub index: BTreeMap<String, Arsbelopp>,
    /// eff[t]: a general efficiency demand, percent of the indexed cost.
    pub effektivisering_procent: Arsbelopp,
}

impl Scenario {
    pub const BAS: &'static str = "Bas";

    /// The base scenario: no lever changed.
    pub fn bas() -> Self {
        Scenario { namn: Scenario::BAS.to_string(), ..Default::default() }
    }

    pub fn ar_varde(karta: &Arsbelopp, ar: Ar) -> Decimal {
        karta.get(&ar).copied().unwrap_or_default()
    }
}

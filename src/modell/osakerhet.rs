//! The uncertainty file of `simulera` (FORMAT.md): standard deviations of the
//! levers, per year, and how many draws with which seed.

use super::{Arsbelopp, Fordelning};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Osakerhet {
    pub dragningar: Option<u64>,
    pub seed: Option<u64>,
    pub fordelning: Option<Fordelning>,
    /// Standard deviation of SKR's skatteunderlag growth, percentage points, per year.
    pub skatteunderlag: Arsbelopp,
    /// Standard deviation of wage growth (the personnel index series), percentage points, per year.
    pub lon: Arsbelopp,
    /// Standard deviation of invånare 1 november, persons, keyed by that year.
    pub invanare: Arsbelopp,
}

impl Osakerhet {
    pub const STANDARD_DRAGNINGAR: u64 = 100_000;
    pub const STANDARD_SEED: u64 = 1;
}

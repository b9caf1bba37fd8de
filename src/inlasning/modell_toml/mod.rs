//! `modell.toml`: the settings of a model and where its tables are. One
//! module per section (or group of small sections); each reads its keys into
//! the model and reports its unknown keys, so a new section is a new module
//! and a line in [`SEKTIONER`].

mod balans;
mod filer;
mod inriktningsmal;
mod installningar;
mod investeringar;
mod skr;
mod uppfoljning;

pub use balans::kontrollera as kontrollera_balans;
pub use filer::{Filval, TABELLER};

use super::toml_varden::{Toml, Varde};
use crate::fel::{Diagnos, Fel};
use crate::modell::Modell;
use rust_decimal::Decimal;
use toml::de::DeTable;

/// The sections `modell.toml` may have; any other is an error.
const SEKTIONER: &[&str] = &[
    "kommun",
    "period",
    "skatt",
    "mal",
    "avrundning",
    "fordelning",
    "befolkning",
    "index",
    "skr",
    "investeringar",
    "balans",
    "inriktningsmal",
    "uppfoljning",
    "filer",
];

/// The parsed file, for the section readers.
pub struct Dokument<'a, 'b> {
    pub fil: &'b str,
    pub dok: &'b Toml<'a>,
    pub rot: &'b DeTable<'a>,
}

impl<'a, 'b> Dokument<'a, 'b> {
    /// The section `namn` (empty when absent), its unknown keys reported.
    pub fn sektion(&self, namn: &str, kanda: &[&str], d: &mut Diagnos) -> Option<&'b DeTable<'a>> {
        let t = self.rot.get(namn).and_then(|v| self.dok.tabell(v, namn, d))?;
        self.dok.okanda_nycklar(t, namn, kanda, d);
        Some(t)
    }

    /// A required key that is missing.
    pub fn saknas(&self, nyckel: &str, d: &mut Diagnos) {
        d.fel(Fel::new(self.fil, "nyckeln saknas men krävs").kolumn(nyckel));
    }

    /// A number that must not be negative.
    pub fn icke_negativ(&self, v: &Varde<'a>, nyckel: &str, d: &mut Diagnos) -> Option<Decimal> {
        let x = self.dok.tal(v, nyckel, d)?;
        if x.is_sign_negative() && !x.is_zero() {
            d.fel(self.dok.fel(v.span(), nyckel, "värdet får inte vara negativt"));
            return None;
        }
        Some(x)
    }
}

/// Reads the settings into a model without tables, and where its tables are;
/// `None` when they have errors (recorded in `d`).
pub fn las(fil: &str, text: &str, d: &mut Diagnos) -> Option<(Modell, Filval)> {
    let (dok, rot) = match Toml::las(fil, text) {
        Ok(x) => x,
        Err(f) => {
            d.fel(f);
            return None;
        }
    };
    let fel_fore = d.fel.len();
    let rot = rot.get_ref();
    dok.okanda_nycklar(rot, "", SEKTIONER, d);
    let s = Dokument { fil, dok: &dok, rot };
    let mut modell = Modell::default();
    installningar::las(&s, &mut modell, d);
    let prognoser = skr::las(&s, &mut modell, d);
    investeringar::las(&s, &mut modell, d);
    balans::las(&s, &mut modell, d);
    inriktningsmal::las(&s, &mut modell, d);
    uppfoljning::las(&s, &mut modell, d);
    let filer = filer::las(&s, d);
    if d.fel.len() > fel_fore {
        return None;
    }
    Some((modell, Filval { filer, prognoser }))
}

//! The workbook of `ramverk budget`.

use super::{Arbetsbok, Dokument};
use crate::berakning::budget::Budget;
use crate::fel::Avbrott;
use crate::utdata::enhet::Enhet;

pub fn arbetsbok(b: &Budget<'_>, _enhet: Enhet) -> Result<Arbetsbok, Avbrott> {
    let g = &b.forslag.grund;
    let m = g.modell;
    let titel = format!("Mål och budget {}–{} – {}", m.budgetar(), m.sista_ar(), m.kommun);
    Ok(Arbetsbok::ny(Dokument::for_grund(titel, g)))
}

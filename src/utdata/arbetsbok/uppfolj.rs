//! The workbook of `ramverk uppfolj`.

use super::Arbetsbok;
use crate::fel::Avbrott;
use crate::utdata::uppfolj::Uppfoljningsvy;

pub fn arbetsbok(_v: &Uppfoljningsvy<'_, '_>) -> Result<Arbetsbok, Avbrott> {
    Err(Avbrott::Annat("ej klart".into()))
}

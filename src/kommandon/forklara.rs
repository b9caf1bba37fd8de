//! Any time: `ramverk forklara` — how one nämnd's frame for one year is
//! built, term by term, adding up exactly to the frame.

use super::argument::{Json, Modellval, Regelval};
use super::utskrift::{las, skriv};
use crate::berakning::forklara;
use crate::berakning::forslag::Forslag;
use crate::fel::{Avbrott, Fel, Felrapport};
use crate::modell::Ar;
use crate::utdata;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Argument {
    #[command(flatten)]
    pub val: Modellval,
    /// Nämndens id i ramar
    #[arg(long, value_name = "ID")]
    pub namnd: String,
    /// Året (standard: budgetåret)
    #[arg(long, value_name = "ÅR", allow_negative_numbers = true)]
    pub ar: Option<Ar>,
    #[command(flatten)]
    pub regel: Regelval,
    #[command(flatten)]
    pub json: Json,
}

pub fn kor(a: Argument) -> Result<ExitCode, Avbrott> {
    let indata = las(&a.val.modell, a.val.scenario.as_deref())?;
    let modell = &indata.modell;
    let Some(n) = modell.namnder.iter().position(|x| x.id.eq_ignore_ascii_case(&a.namnd)) else {
        let finns: Vec<&str> = modell.namnder.iter().map(|x| x.id.as_str()).collect();
        let text = format!("nämnden \"{}\" finns inte (finns: {})", a.namnd, finns.join(", "));
        return Err(Felrapport::en(Fel::new("--namnd", text)).into());
    };
    let ar = a.ar.unwrap_or(modell.budgetar());
    if !modell.ar().contains(&ar) {
        let text = format!("år {ar} ligger utanför planperioden {}–{}", modell.budgetar(), modell.sista_ar());
        return Err(Felrapport::en(Fel::new("--ar", text)).into());
    }
    let f = Forslag::berakna(modell, &indata.scenario, a.regel.fordelning)?;
    let forklaring = forklara::forklara(&f, n, ar);
    skriv(
        a.json.json,
        || utdata::forklara::json(modell, &forklaring),
        || utdata::forklara::text(modell, &indata.scenario.namn, &forklaring),
    )
}

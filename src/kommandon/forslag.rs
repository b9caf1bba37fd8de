//! May–November: `ramverk forslag` — the ramfördelning proposal for one
//! scenario: VF selection, frames, result and financial targets (MODELL §1–10).

use super::argument::{Modellval, Regelval, Utdata};
use super::utskrift::{kontrollera_utfil, las, skriv};
use crate::berakning::forslag::Forslag;
use crate::fel::Avbrott;
use crate::utdata;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Argument {
    #[command(flatten)]
    pub val: Modellval,
    #[command(flatten)]
    pub regel: Regelval,
    #[command(flatten)]
    pub ut: Utdata,
}

pub fn kor(a: Argument) -> Result<ExitCode, Avbrott> {
    let indata = las(&a.val.modell, a.val.scenario.as_deref())?;
    kontrollera_utfil(a.ut.xlsx.as_deref(), &indata.filer)?;
    let f = Forslag::berakna(&indata.modell, &indata.scenario, a.regel.fordelning)?;
    if let Some(fil) = &a.ut.xlsx {
        utdata::arbetsbok::forslag::arbetsbok(&f, a.ut.enhet)?.spara(fil, &indata.filer)?;
    }
    skriv(a.ut.json, || utdata::forslag::json(&f), || utdata::forslag::text(&f, a.ut.enhet))
}

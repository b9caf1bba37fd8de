//! May: `ramverk befintlig` — the cost of existing operations per nämnd, the
//! demography and the glapp (MODELL §4–5, §8).

use super::argument::{Modellval, Utdata};
use super::utskrift::{kontrollera_utfil, las, skriv};
use crate::berakning::befintlig::Befintlig;
use crate::fel::Avbrott;
use crate::utdata;
use clap::Args;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Argument {
    #[command(flatten)]
    pub val: Modellval,
    #[command(flatten)]
    pub ut: Utdata,
}

pub fn kor(a: Argument) -> Result<ExitCode, Avbrott> {
    let indata = las(&a.val.modell, a.val.scenario.as_deref())?;
    kontrollera_utfil(a.ut.xlsx.as_deref(), &indata.filer)?;
    let (grund, b) = Befintlig::berakna(&indata.modell, &indata.scenario)?;
    if let Some(fil) = &a.ut.xlsx {
        utdata::arbetsbok::befintlig::arbetsbok(&grund, &b, a.ut.enhet)?.spara(fil, &indata.filer)?;
    }
    skriv(a.ut.json, || utdata::befintlig::json(&grund, &b), || utdata::befintlig::text(&grund, &b, a.ut.enhet))
}

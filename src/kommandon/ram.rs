//! January: `ramverk ram` — the procentuell ram from last year's frames,
//! SKR's prognosis, the pension forecast and the population (MODELL §1–3).

use super::argument::{Modellval, Utdata};
use super::utskrift::{kontrollera_utfil, las, skriv};
use crate::berakning::procentuell_ram::Januariram;
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
    let resultat = Januariram::berakna(&indata.modell, &indata.scenario)?;
    if let Some(fil) = &a.ut.xlsx {
        utdata::arbetsbok::ram::arbetsbok(&resultat, a.ut.enhet)?.spara(fil, &indata.filer)?;
    }
    skriv(a.ut.json, || utdata::ram::json(&resultat), || utdata::ram::text(&resultat, a.ut.enhet))
}

//! October–November: `ramverk budget` — the budget document kommunfullmäktige
//! decides (MODELL §12): resultat-, balans- och kassaflödesbudget, nyckeltal,
//! känslighetsanalys, driftbudget and mål och medel, for one scenario.

use super::argument::{Modellval, Regelval, Utdata};
use super::utskrift::{kontrollera_utfil, las, skriv};
use crate::berakning::budget::Budget;
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
    let b = Budget::berakna(&indata.modell, &indata.scenario, a.regel.fordelning)?;
    let enhet = a.ut.enhet;
    if let Some(fil) = &a.ut.xlsx {
        utdata::arbetsbok::budget::arbetsbok(&b, enhet)?.spara(fil, &indata.filer)?;
    }
    skriv(a.ut.json, || utdata::budget::json(&b), || utdata::budget::text(&b, enhet))
}

//! Spring–September: `ramverk simulera` — Monte Carlo of the budget year
//! around the proposal: how likely the result target or the balanskrav is
//! missed, and which VF items are likely needed (MODELL §11).

use super::argument::{Regelval, Utdata};
use super::utskrift::{framstegsstapel, kontrollera_utfil, skriv};
use crate::berakning::forslag::Forslag;
use crate::berakning::simulering;
use crate::fel::Avbrott;
use crate::inlasning;
use crate::modell::Osakerhet;
use crate::utdata;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Argument {
    /// Modellmappen (med modell.toml), eller dess modell.toml
    #[arg(value_name = "MODELL")]
    pub modell: PathBuf,
    /// Osäkerhetsfil (TOML) med standardavvikelser
    #[arg(long, value_name = "FIL")]
    pub osakerhet: PathBuf,
    /// Antal dragningar (standard: filens, annars 100 000)
    #[arg(long, value_name = "N")]
    pub dragningar: Option<u64>,
    /// Startvärde för slumptalen (standard: filens, annars 1)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    #[command(flatten)]
    pub regel: Regelval,
    #[command(flatten)]
    pub ut: Utdata,
}

pub fn kor(a: Argument) -> Result<ExitCode, Avbrott> {
    let inlast = inlasning::las_modell(&a.modell)?;
    let (modell, mut indatafiler) = (inlast.modell, inlast.filer);
    indatafiler.push(a.osakerhet.clone());
    let o = inlasning::osakerhet::las_fil(&a.osakerhet, &modell)?;
    kontrollera_utfil(a.ut.xlsx.as_deref(), &indatafiler)?;
    let n = a.dragningar.or(o.dragningar).unwrap_or(Osakerhet::STANDARD_DRAGNINGAR);
    let scenario = simulering::basscenario(a.regel.fordelning.or(o.fordelning));
    let bas = Forslag::berakna(&modell, &scenario, None)?;
    let spridning = simulering::Spridning::fran(&o, modell.basar);
    let stapel = framstegsstapel(n, "dragningar");
    let seed = a.seed.or(o.seed).unwrap_or(Osakerhet::STANDARD_SEED);
    let s = simulering::kor(&bas, spridning, n, seed, &|k| {
        if let Some(p) = &stapel {
            p.set_position(k);
        }
    });
    if let Some(p) = stapel {
        p.finish_and_clear();
    }
    let s = s?;
    if let Some(fil) = &a.ut.xlsx {
        utdata::arbetsbok::simulering::arbetsbok(&bas, &s, &spridning, a.ut.enhet)?.spara(fil, &indatafiler)?;
    }
    skriv(
        a.ut.json,
        || utdata::simulering::json(&modell, &s, &spridning),
        || utdata::simulering::text(&modell, &s, a.ut.enhet),
    )
}

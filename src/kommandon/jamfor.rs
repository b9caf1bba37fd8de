//! Spring–November: `ramverk jamfor` — the base scenario and each given
//! scenario side by side, computed in parallel (MODELL §7).

use super::argument::{Regelval, Utdata};
use super::utskrift::{framstegsstapel, kontrollera_utfil, skriv};
use crate::berakning::forslag::Forslag;
use crate::fel::{Avbrott, Diagnos, Fel, Felrapport};
use crate::inlasning;
use crate::modell::Scenario;
use crate::utdata;
use clap::Args;
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Argument {
    /// Modellmappen (med modell.toml), eller dess modell.toml
    #[arg(value_name = "MODELL")]
    pub modell: PathBuf,
    /// Scenariofiler (TOML), jämförda med Bas
    #[arg(value_name = "SCENARIO", required = true)]
    pub scenarier: Vec<PathBuf>,
    #[command(flatten)]
    pub regel: Regelval,
    #[command(flatten)]
    pub ut: Utdata,
}

pub fn kor(a: Argument) -> Result<ExitCode, Avbrott> {
    let inlast = inlasning::las_modell(&a.modell)?;
    let (modell, mut indatafiler) = (inlast.modell, inlast.filer);
    let mut lasta = vec![Scenario::bas()];
    let mut d = Diagnos::default();
    for fil in &a.scenarier {
        indatafiler.push(fil.clone());
        match inlasning::scenario::las_fil(fil, &modell) {
            Ok(s) => lasta.push(s),
            Err(Felrapport(e)) => d.utoka(e),
        }
    }
    if !d.ok() {
        return Err(Felrapport(d).into());
    }
    kontrollera_utfil(a.ut.xlsx.as_deref(), &indatafiler)?;
    if a.ut.xlsx.is_some() && lasta.len() > utdata::arbetsbok::jamfor::MAX_SCENARIER {
        let text = format!(
            "{} scenarier ryms inte i en arbetsbok (högst {}: ett kalkylblad har 16 384 kolumner); jämför i \
             omgångar, eller utan --xlsx",
            lasta.len(),
            utdata::arbetsbok::jamfor::MAX_SCENARIER
        );
        return Err(Felrapport::en(Fel::new("--xlsx", text)).into());
    }
    // A large comparison shows its progress, scenario by scenario.
    let stapel = if lasta.len() >= 8 { framstegsstapel(lasta.len() as u64, "scenarier") } else { None };
    let resultat: Vec<Result<Forslag<'_>, Felrapport>> = lasta
        .par_iter()
        .map(|s| {
            let f = Forslag::berakna(&modell, s, a.regel.fordelning);
            if let Some(p) = &stapel {
                p.inc(1);
            }
            f
        })
        .collect();
    if let Some(p) = stapel {
        p.finish_and_clear();
    }
    let mut forslag = Vec::with_capacity(resultat.len());
    for r in resultat {
        match r {
            Ok(f) => forslag.push(f),
            Err(Felrapport(e)) => d.utoka(e),
        }
    }
    d.resultat(())?;
    if let Some(fil) = &a.ut.xlsx {
        utdata::arbetsbok::jamfor::arbetsbok(&forslag, a.ut.enhet)?.spara(fil, &indatafiler)?;
    }
    skriv(a.ut.json, || utdata::jamfor::json(&forslag), || utdata::jamfor::text(&forslag, a.ut.enhet))
}

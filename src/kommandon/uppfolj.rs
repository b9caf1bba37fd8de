//! February–October of the budget year: `ramverk uppfolj` — the month's
//! follow-up report from the ekonomisystem's SIE files: outcome per nämnd,
//! helårsprognos, deviation, åtgärdsplan and the kommun's forecast result
//! (MODELL §13).

use super::argument::{Modellval, Regelval, Utdata};
use super::utskrift::{kontrollera_utfil, las, skriv};
use crate::berakning::forslag::Forslag;
use crate::berakning::uppfoljning;
use crate::fel::{Avbrott, Diagnos, Fel, Felrapport};
use crate::inlasning::sie;
use crate::modell::uppfoljning::{Period, Prognosmetod};
use crate::utdata;
use crate::utdata::uppfolj::Uppfoljningsvy;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Argument {
    #[command(flatten)]
    pub val: Modellval,
    /// SIE-filer från ekonomisystemet (budgetåret och tidigare år, typ 4 eller med periodsaldon)
    #[arg(long, value_name = "FIL", required = true, num_args = 1..)]
    pub utfall: Vec<PathBuf>,
    /// Uppföljningens månad i budgetåret, ÅÅÅÅ-MM (till exempel 2026-03)
    #[arg(long, value_name = "ÅÅÅÅ-MM", value_parser = Period::tolka)]
    pub period: Period,
    /// Prognosmetod: linjar, sasong eller budget (standard: modellens, annars sasong)
    #[arg(long, value_name = "linjar|sasong|budget", value_parser = Prognosmetod::tolka)]
    pub metod: Option<Prognosmetod>,
    #[command(flatten)]
    pub regel: Regelval,
    #[command(flatten)]
    pub ut: Utdata,
}

pub fn kor(a: Argument) -> Result<ExitCode, Avbrott> {
    let mut indata = match las(&a.val.modell, a.val.scenario.as_deref()) {
        Ok(i) => i,
        Err(Felrapport(mut d)) => {
            // Every error at once: the SIE files' too (read with dimension 1, the
            // model's ansvarsdimension being unknown), as `kontrollera` does.
            sie::las_filer(&a.utfall, 1, &mut d);
            return Err(Felrapport(d).into());
        }
    };
    indata.filer.extend(a.utfall.iter().cloned());
    kontrollera_utfil(a.ut.xlsx.as_deref(), &indata.filer)?;
    let modell = &indata.modell;
    let b = modell.budgetar();
    let mut d = Diagnos::default();
    if a.period.ar != b {
        d.fel(Fel::new(
            "--period",
            format!("{} ligger utanför budgetåret {b}: uppföljningen gäller en månad {b}-01 till {b}-12", a.period),
        ));
    }
    let bok = sie::las_utfall(modell, &a.utfall, &mut d);
    let f = Forslag::berakna_med(modell, &indata.scenario, a.regel.fordelning, &mut d);
    if !d.ok() {
        return Err(Felrapport(d).into());
    }
    let metod = a.metod.unwrap_or(modell.uppfoljning.installningar.metod);
    let mut rapport = uppfoljning::for_modell(&f, &bok, a.period, metod);
    // The warnings of the follow-up's own tables (a forecast outside the year …) and of the SIE files.
    let tabeller: Vec<String> =
        ["ansvar", "budget", "budgetandringar", "prognoser"].iter().map(|t| modell.kalla(t)).collect();
    let kalla = |v: &Fel| match &v.blad {
        Some(b) => format!("{}#{b}", v.fil),
        None => v.fil.clone(),
    };
    let egna = indata.varningar.iter().filter(|v| tabeller.contains(&kalla(v)));
    rapport.varningar.extend(egna.chain(&d.varningar).map(|v| v.to_string()));
    let vy = Uppfoljningsvy { f: &f, r: &rapport, bok: &bok, enhet: a.ut.enhet };
    if let Some(fil) = &a.ut.xlsx {
        utdata::arbetsbok::uppfolj::arbetsbok(&vy)?.spara(fil, &indata.filer)?;
    }
    skriv(a.ut.json, || utdata::uppfolj::json(&vy), || utdata::uppfolj::text(&vy))
}

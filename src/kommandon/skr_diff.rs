//! Budgetdagen: `ramverk skr-diff` — what changes between two SKR prognoses
//! of a model: series, revenue, ramutrymme and glapp.

use super::argument::Json;
use super::utskrift::skriv;
use crate::berakning::{Grund, befintlig, prognosdiff};
use crate::fel::{Avbrott, Diagnos, Felrapport};
use crate::inlasning;
use crate::modell::Scenario;
use crate::utdata;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Argument {
    /// Modellmappen (med modell.toml och [skr.prognoser]), eller dess modell.toml
    #[arg(value_name = "MODELL")]
    pub modell: PathBuf,
    /// Den tidigare prognosen (nyckel i [skr.prognoser], till exempel december)
    #[arg(value_name = "A")]
    pub a: String,
    /// Den nya prognosen (till exempel april)
    #[arg(value_name = "B")]
    pub b: String,
    #[command(flatten)]
    pub json: Json,
}

pub fn kor(a: Argument) -> Result<ExitCode, Avbrott> {
    let (ma, mb) =
        (inlasning::las_modell_med_prognos(&a.modell, &a.a), inlasning::las_modell_med_prognos(&a.modell, &a.b));
    let (ma, mb) = match (ma, mb) {
        (Ok(x), Ok(y)) => (x.modell, y.modell),
        (x, y) => {
            let mut d = Diagnos::default();
            for r in [x.err(), y.err()].into_iter().flatten() {
                d.utoka(r.0);
            }
            return Err(Felrapport(d).into());
        }
    };
    let bas = Scenario::bas();
    let mut d = Diagnos::default();
    let (ga, gb) = (Grund::berakna_med(&ma, &bas, &mut d), Grund::berakna_med(&mb, &bas, &mut d));
    let (ba, bb) = (befintlig::berakna(&ga, &mut d), befintlig::berakna(&gb, &mut d));
    d.resultat(())?;
    let diff = prognosdiff::jamfor((&ga, &ba), (&gb, &bb));
    let namn = utdata::skr_diff::Namn { a: (&a.a, &ma.skr_prognos), b: (&a.b, &mb.skr_prognos) };
    skriv(a.json.json, || utdata::skr_diff::json(&namn, &diff), || utdata::skr_diff::text(&namn, &diff))
}

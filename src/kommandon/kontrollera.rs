//! Any time: `ramverk kontrollera` — every problem of a model at once: the
//! reading, and what each computation needs.

use super::argument::Json;
use super::utskrift::skriv_ut;
use crate::berakning::forslag::Forslag;
use crate::berakning::{Grund, befintlig, procentuell_ram};
use crate::fel::{Avbrott, Diagnos, Felrapport};
use crate::inlasning::{self, Inlast, sie};
use crate::modell::Scenario;
use crate::utdata::json;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Argument {
    /// Modellmappen (med modell.toml), eller dess modell.toml
    #[arg(value_name = "MODELL")]
    pub modell: PathBuf,
    /// SIE-filer att kontrollera med modellens ansvarsdimension (som till uppfolj)
    #[arg(long, value_name = "FIL", num_args = 1..)]
    pub utfall: Vec<PathBuf>,
    #[command(flatten)]
    pub json: Json,
}

pub fn kor(a: Argument) -> Result<ExitCode, Avbrott> {
    let d = kontrollera(&a.modell, &a.utfall);
    let ut = if a.json.json { json::text(&json::diagnos(&d)) } else { text(&d, !a.utfall.is_empty()) };
    skriv_ut(&ut)?;
    Ok(if d.ok() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// Every problem of a model: reading, and what each computation needs;
/// with `utfall`, also every problem of those SIE files (read with the
/// model's ansvarsdimension, or dimension 1 when the model cannot be read).
pub fn kontrollera(mapp: &Path, utfall: &[PathBuf]) -> Diagnos {
    match inlasning::las_modell(mapp) {
        Err(Felrapport(mut d)) => {
            // Every error at once: the SIE files' too (with dimension 1, the model's being unknown).
            if !utfall.is_empty() {
                sie::las_filer(utfall, 1, &mut d);
            }
            d
        }
        Ok(Inlast { modell, mut diagnos, .. }) => {
            let bas = Scenario::bas();
            let g = Grund::berakna_med(&modell, &bas, &mut diagnos);
            procentuell_ram::berakna(&g, &mut diagnos);
            let b = befintlig::berakna(&g, &mut diagnos);
            Forslag::fran(g, b, None, &mut diagnos);
            if !utfall.is_empty() {
                sie::las_utfall(&modell, utfall, &mut diagnos);
            }
            diagnos
        }
    }
}

fn text(d: &Diagnos, med_sie: bool) -> String {
    let mut ut = String::new();
    for f in &d.fel {
        ut.push_str(&format!("fel: {f}\n"));
    }
    for v in &d.varningar {
        ut.push_str(&format!("varning: {v}\n"));
    }
    let antal = |n: usize, en: &str, flera: &str| format!("{n} {}", if n == 1 { en } else { flera });
    let korrekt = if med_sie { "Modellen och SIE-filerna är korrekta" } else { "Modellen är korrekt" };
    ut.push_str(&match (d.fel.len(), d.varningar.len()) {
        (0, 0) => format!("{korrekt}.\n"),
        (0, v) => format!("{korrekt} ({}).\n", antal(v, "varning", "varningar")),
        (f, v) => format!("{} och {}.\n", antal(f, "fel", "fel"), antal(v, "varning", "varningar")),
    });
    ut
}

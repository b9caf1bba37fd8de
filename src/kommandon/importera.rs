//! March: `ramverk importera` — SKR's prognosis workbooks into the canonical
//! tables `skr.csv` and `skatter-och-bidrag.csv`, every value with its cell.

use super::argument::Json;
use super::utskrift::skriv;
use crate::fel::{Avbrott, Diagnos};
use crate::importera::{self, Resultat, arbetsbok, csv_ut, rapport};
use crate::utdata::fil;
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct Argument {
    /// Arbetsböcker från SKR (xlsx, xls eller ods): cirkulärets tabeller, PKV-filen, Skatter & bidrag
    #[arg(value_name = "ARBETSBOK", required = true)]
    pub arbetsbocker: Vec<PathBuf>,
    /// Egen mappningsfil (TOML) med etiketter som läggs till eller ersätter de inbyggda
    #[arg(long, value_name = "FIL")]
    pub mappning: Option<PathBuf>,
    /// Mappen där skr.csv och skatter-och-bidrag.csv skrivs (standard: aktuell mapp; skapas om den saknas)
    #[arg(long, value_name = "MAPP")]
    pub ut: Option<PathBuf>,
    #[command(flatten)]
    pub json: Json,
}

pub fn kor(a: Argument) -> Result<ExitCode, Avbrott> {
    let mut d = Diagnos::default();
    let mappning = importera::las_mappning(a.mappning.as_deref(), &mut d);
    let mut bocker = Vec::new();
    for f in &a.arbetsbocker {
        match arbetsbok::las(f) {
            Ok(b) => bocker.push(b),
            Err(fel) => d.fel(fel),
        }
    }
    d.resultat(())?;
    let import = importera::importera(&bocker, &mappning)?;
    let mapp = a.ut.as_deref().unwrap_or(Path::new("."));
    std::fs::create_dir_all(mapp).map_err(|e| {
        Avbrott::Annat(format!("mappen {} kan inte skapas: {}", mapp.display(), crate::fel::io_text(&e)))
    })?;
    let filer = csv_ut::utfiler(&import, mapp);
    let mut indata = a.arbetsbocker.clone();
    indata.extend(a.mappning.iter().cloned());
    fil::skriv_alla(&filer, &indata)?;
    let r = Resultat { import, skrivna: filer.into_iter().map(|f| f.fil).collect() };
    skriv(a.json.json, || rapport::json(&r), || rapport::text(&r))
}

//! What every command does at its edges: reading the model (and scenario),
//! printing the result on stdout, a progress bar on a terminal.

use crate::fel::{Avbrott, Felrapport};
use crate::inlasning::{self, Inlast};
use crate::modell::{Modell, Scenario};
use crate::tal::svensk;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A model, the files it was read from and the scenario applied to it.
pub struct Indata {
    pub modell: Modell,
    pub scenario: Scenario,
    /// Every input file: an output is never written over one of them.
    pub filer: Vec<PathBuf>,
    /// The warnings of reading the model.
    pub varningar: Vec<crate::fel::Fel>,
}

/// Reads the model (and the scenario, the base one without `--scenario`).
pub fn las(modell: &Path, scenario: Option<&Path>) -> Result<Indata, Felrapport> {
    let Inlast { modell, filer: mut indatafiler, diagnos } = inlasning::las_modell(modell)?;
    let scenario = match scenario {
        Some(f) => {
            indatafiler.push(f.to_path_buf());
            inlasning::scenario::las_fil(f, &modell)?
        }
        None => Scenario::bas(),
    };
    Ok(Indata { modell, scenario, filer: indatafiler, varningar: diagnos.varningar })
}

/// Checks before the work starts that `--xlsx FIL` may be written.
pub fn kontrollera_utfil(fil: Option<&Path>, indata: &[PathBuf]) -> Result<(), Felrapport> {
    fil.map_or(Ok(()), |f| crate::utdata::fil::kontrollera(f, indata))
}

/// Prints the result, a JSON document or a readable table, on stdout.
pub fn skriv(
    som_json: bool,
    json_doc: impl FnOnce() -> serde_json::Value,
    text: impl FnOnce() -> String,
) -> Result<ExitCode, Avbrott> {
    skriv_ut(&if som_json { crate::utdata::json::text(&json_doc()) } else { text() })?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout; a reader that stops early (`| head`) is not an error of ours.
pub fn skriv_ut(text: &str) -> Result<(), Avbrott> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// A progress bar on stderr when it is a terminal, else none: `antal` units
/// of `enhet`, its speed in Swedish style (`1 356 951 per sekund`).
pub fn framstegsstapel(antal: u64, enhet: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let p = indicatif::ProgressBar::new(antal);
    let mall = format!("{{bar:40}} {{klara}} av {{totalt}} {enhet} ({{fart}} per sekund, {{kvar}} kvar)");
    if let Ok(stil) = indicatif::ProgressStyle::with_template(&mall) {
        let heltal = |v: f64| svensk(crate::tal::fran_f64(v.round()).unwrap_or_default(), 0);
        p.set_style(
            stil.with_key("klara", move |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&heltal(s.pos() as f64));
            })
            .with_key("totalt", move |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&heltal(s.len().unwrap_or(0) as f64));
            })
            .with_key("fart", move |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&heltal(s.per_sec()));
            })
            .with_key("kvar", |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let sek = s.eta().as_secs();
                let _ = if sek >= 60 { write!(w, "{} min {} s", sek / 60, sek % 60) } else { write!(w, "{sek} s") };
            }),
        );
    }
    Some(p)
}

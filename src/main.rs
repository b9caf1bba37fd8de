//! The `ramverk` command line: parses arguments and wires readers, the core
//! and writers together. Everything a user reads is Swedish.

mod kommandorad;

use clap::Parser;
use kommandorad::{Cli, Kommando, Modellval, argumentfel};
use ramverk::berakning::forslag::Forslag;
use ramverk::berakning::{Grund, befintlig, forklara, procentuell_ram, simulering};
use ramverk::fel::{Avbrott, Diagnos, Fel, Felrapport};
use ramverk::importera;
use ramverk::inlasning::{self, Inlast};
use ramverk::modell::{Modell, Osakerhet, Scenario};
use ramverk::utdata::{self, json, ram};
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The message of a panic, kept by the hook so that `main` can tell a decimal
/// overflow (wrong input: absurd magnitudes) from an internal error.
static PANIK: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let plats = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        let text = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut p) = PANIK.lock() {
            *p = Some(format!("{text}{plats}"));
        }
    }));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return argumentfel(e),
    };
    let json_ut = cli.kommando.json();
    match std::panic::catch_unwind(|| kor(cli.kommando)) {
        Ok(Ok(kod)) => kod,
        Ok(Err(Avbrott::Indata(rapport))) => {
            eprint!("{rapport}");
            if json_ut {
                let _ = std::io::stdout().write_all(json::text(&json::diagnos(&rapport.0)).as_bytes());
            }
            ExitCode::from(2)
        }
        Ok(Err(e)) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
        Err(_) => {
            let text = PANIK.lock().ok().and_then(|p| p.clone()).unwrap_or_default();
            if text.to_lowercase().contains("overflow") {
                let fel = Fel::new(
                    "modellen",
                    "talen blir för stora för att räknas exakt (decimalöverflöde): kontrollera orimligt stora \
                     eller små värden, till exempel invånare, skattesats eller belopp",
                );
                let rapport = Felrapport::en(fel);
                eprint!("{rapport}");
                if json_ut {
                    let _ = std::io::stdout().write_all(json::text(&json::diagnos(&rapport.0)).as_bytes());
                }
                ExitCode::from(2)
            } else {
                eprintln!("internt fel i ramverk ({text}): rapportera gärna felet med modellen som gav det");
                ExitCode::from(1)
            }
        }
    }
}

fn kor(k: Kommando) -> Result<ExitCode, Avbrott> {
    match k {
        Kommando::Ram { val, ut } => {
            let (modell, scenario) = las_modell_och_scenario(&val)?;
            let grund = Grund::berakna(&modell, &scenario)?;
            let mut d = Diagnos::default();
            let pr = procentuell_ram::berakna(&grund, &mut d);
            d.resultat(())?;
            let resultat = ram::Januariram { grund, ram: pr };
            if let Some(fil) = &ut.xlsx {
                utdata::arbetsbok::ram::skriv(&resultat, fil)?;
            }
            skriv(ut.json, || ram::json(&resultat), || ram::text(&resultat))
        }
        Kommando::Befintlig { val, ut } => {
            let (modell, scenario) = las_modell_och_scenario(&val)?;
            let mut d = Diagnos::default();
            let grund = Grund::berakna_med(&modell, &scenario, &mut d);
            let b = befintlig::berakna(&grund, &mut d);
            d.resultat(())?;
            if let Some(fil) = &ut.xlsx {
                utdata::arbetsbok::befintlig::skriv(&grund, &b, fil)?;
            }
            skriv(ut.json, || utdata::befintlig::json(&grund, &b), || utdata::befintlig::text(&grund, &b))
        }
        Kommando::Forslag { val, regel, ut } => {
            let (modell, scenario) = las_modell_och_scenario(&val)?;
            let f = Forslag::berakna(&modell, &scenario, regel.fordelning)?;
            if let Some(fil) = &ut.xlsx {
                utdata::arbetsbok::forslag::skriv(&f, fil)?;
            }
            skriv(ut.json, || utdata::forslag::json(&f), || utdata::forslag::text(&f))
        }
        Kommando::Jamfor { modell, scenarier, regel, ut } => {
            let modell = las_modell(&modell)?;
            let mut lasta = vec![Scenario::bas()];
            let mut d = Diagnos::default();
            for fil in &scenarier {
                match inlasning::scenario::las_fil(fil, &modell) {
                    Ok(s) => lasta.push(s),
                    Err(Felrapport(e)) => d.utoka(e),
                }
            }
            if !d.ok() {
                return Err(Felrapport(d).into());
            }
            // A large comparison shows its progress, scenario by scenario.
            let stapel = if lasta.len() >= 8 { framstegsstapel(lasta.len() as u64, "scenarier") } else { None };
            let resultat: Vec<Result<Forslag<'_>, Felrapport>> = lasta
                .par_iter()
                .map(|s| {
                    let f = Forslag::berakna(&modell, s, regel.fordelning);
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
            if let Some(fil) = &ut.xlsx {
                utdata::arbetsbok::jamfor::skriv(&forslag, fil)?;
            }
            skriv(ut.json, || utdata::jamfor::json(&forslag), || utdata::jamfor::text(&forslag))
        }
        Kommando::Forklara { val, namnd, ar, regel, json } => {
            let (modell, scenario) = las_modell_och_scenario(&val)?;
            let Some(n) = modell.namnder.iter().position(|x| x.id.eq_ignore_ascii_case(&namnd)) else {
                let finns: Vec<&str> = modell.namnder.iter().map(|x| x.id.as_str()).collect();
                return Err(Felrapport::en(Fel::new(
                    modell.kalla("ramar"),
                    format!("nämnden \"{namnd}\" finns inte (finns: {})", finns.join(", ")),
                ))
                .into());
            };
            let ar = ar.unwrap_or(modell.budgetar());
            if !modell.ar().contains(&ar) {
                return Err(Felrapport::en(Fel::new(
                    "--ar",
                    format!("år {ar} ligger utanför planperioden {}–{}", modell.budgetar(), modell.sista_ar()),
                ))
                .into());
            }
            let f = Forslag::berakna(&modell, &scenario, regel.fordelning)?;
            let forklaring = forklara::forklara(&f, n, ar);
            skriv(
                json.json,
                || utdata::forklara::json(&modell, &forklaring),
                || utdata::forklara::text(&modell, &scenario.namn, &forklaring),
            )
        }
        Kommando::Importera { arbetsbocker, mappning, ut, json } => {
            let r = importera::kor(&arbetsbocker, mappning.as_deref(), ut.as_deref().unwrap_or(Path::new(".")))?;
            skriv(json.json, || importera::rapport::json(&r), || importera::rapport::text(&r))
        }
        Kommando::Simulera { modell, osakerhet, dragningar, seed, regel, ut } => {
            let modell = las_modell(&modell)?;
            let o = inlasning::osakerhet::las_fil(&osakerhet, &modell)?;
            let scenario = simulering::basscenario(regel.fordelning.or(o.fordelning));
            let bas = Forslag::berakna(&modell, &scenario, None)?;
            let n = dragningar.or(o.dragningar).unwrap_or(Osakerhet::STANDARD_DRAGNINGAR);
            let spridning = simulering::Spridning::fran(&o, modell.basar);
            let stapel = framstegsstapel(n, "dragningar");
            let s =
                simulering::simulera(&bas, spridning, n, seed.or(o.seed).unwrap_or(Osakerhet::STANDARD_SEED), &|k| {
                    if let Some(p) = &stapel {
                        p.set_position(k);
                    }
                });
            if let Some(p) = stapel {
                p.finish_and_clear();
            }
            if let Some(fil) = &ut.xlsx {
                utdata::arbetsbok::simulering::skriv(&bas, &s, &spridning, fil)?;
            }
            skriv(
                ut.json,
                || utdata::simulering::json(&modell, &s, &spridning),
                || utdata::simulering::text(&modell, &s),
            )
        }
        Kommando::SkrDiff { modell, a, b, json } => {
            let (ma, mb) =
                (inlasning::las_modell_med_prognos(&modell, &a), inlasning::las_modell_med_prognos(&modell, &b));
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
            let diff = ramverk::berakning::prognosdiff::jamfor((&ga, &ba), (&gb, &bb));
            let namn = utdata::skr_diff::Namn { a: (&a, &ma.skr_prognos), b: (&b, &mb.skr_prognos) };
            skriv(json.json, || utdata::skr_diff::json(&namn, &diff), || utdata::skr_diff::text(&namn, &diff))
        }
        Kommando::Kontrollera { modell, json } => {
            let d = kontrollera(&modell);
            let ut = if json.json { json::text(&json::diagnos(&d)) } else { kontrolltext(&d) };
            skriv_ut(&ut)?;
            Ok(if d.ok() { ExitCode::SUCCESS } else { ExitCode::from(2) })
        }
    }
}

/// A progress bar on stderr when it is a terminal, else none.
fn framstegsstapel(langd: u64, enhet: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let p = indicatif::ProgressBar::new(langd);
    if let Ok(stil) = indicatif::ProgressStyle::with_template(&format!(
        "{{bar:40}} {{pos}}/{{len}} {enhet} ({{per_sec}}, {{eta}} kvar)"
    )) {
        p.set_style(stil);
    }
    Some(p)
}

fn las_modell(mapp: &Path) -> Result<Modell, Felrapport> {
    inlasning::las_modell(mapp).map(|i| i.modell)
}

/// The model and the scenario (the base scenario without `--scenario`).
fn las_modell_och_scenario(val: &Modellval) -> Result<(Modell, Scenario), Felrapport> {
    let modell = las_modell(&val.modell)?;
    let scenario = match &val.scenario {
        Some(f) => inlasning::scenario::las_fil(f, &modell)?,
        None => Scenario::bas(),
    };
    Ok((modell, scenario))
}

/// Prints the result, a JSON document or a readable table, on stdout.
fn skriv(
    som_json: bool,
    json_doc: impl FnOnce() -> serde_json::Value,
    text: impl FnOnce() -> String,
) -> Result<ExitCode, Avbrott> {
    skriv_ut(&if som_json { json::text(&json_doc()) } else { text() })?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout; a reader that stops early (`| head`) is not an error of ours.
fn skriv_ut(text: &str) -> Result<(), Avbrott> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// Every problem of a model: reading, and what each computation needs.
fn kontrollera(mapp: &Path) -> Diagnos {
    match inlasning::las_modell(mapp) {
        Err(Felrapport(d)) => d,
        Ok(Inlast { modell, mut diagnos }) => {
            let bas = Scenario::bas();
            let g = Grund::berakna_med(&modell, &bas, &mut diagnos);
            procentuell_ram::berakna(&g, &mut diagnos);
            let b = befintlig::berakna(&g, &mut diagnos);
            Forslag::fran(g, b, None, &mut diagnos);
            diagnos
        }
    }
}

fn kontrolltext(d: &Diagnos) -> String {
    let mut ut = String::new();
    for f in &d.fel {
        ut.push_str(&format!("fel: {f}\n"));
    }
    for v in &d.varningar {
        ut.push_str(&format!("varning: {v}\n"));
    }
    ut.push_str(&match (d.fel.len(), d.varningar.len()) {
        (0, 0) => "Modellen är korrekt.\n".to_string(),
        (0, v) => format!("Modellen är korrekt ({v} varningar).\n"),
        (f, v) => format!("{f} fel och {v} varningar.\n"),
    });
    ut
}

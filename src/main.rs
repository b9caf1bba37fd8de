//! The `ramverk` command line: parses arguments and wires readers, the core
//! and writers together. Everything a user reads is Swedish.

use clap::{ArgAction, Args, Parser, Subcommand, error::ErrorKind};
use ramverk::berakning::forslag::Forslag;
use ramverk::berakning::{Grund, befintlig, forklara, procentuell_ram, simulering};
use ramverk::fel::{Avbrott, Diagnos, Fel, Felrapport};
use ramverk::importera;
use ramverk::inlasning::{self, Inlast};
use ramverk::modell::{Fordelning, Modell, Osakerhet, Scenario};
use ramverk::utdata::{self, json, ram};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const MALL: &str = "{before-help}{about}\n\nAnvändning: {usage}\n\n{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "ramverk",
    version,
    about = "Budgetmodell och simulering för svenska kommuner: ramar per nämnd, VF-listor och flerårsplan.",
    help_template = MALL,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Kommandon",
    next_help_heading = "Flaggor"
)]
struct Cli {
    #[command(subcommand)]
    kommando: Kommando,
    /// Visa hjälp
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    hjalp: Option<bool>,
    /// Visa version
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Args)]
#[command(help_template = MALL, next_help_heading = "Flaggor")]
struct Utdata {
    /// Skriv resultatet som ett JSON-dokument på standard ut
    #[arg(long)]
    json: bool,
    /// Skriv också en Excel-arbetsbok
    #[arg(long, value_name = "FIL")]
    xlsx: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Kommando {
    /// Januari: procentuell ram från fjolårets ramar, SKR:s prognos, pension och befolkning
    #[command(help_template = MALL, next_help_heading = "Flaggor")]
    Ram {
        /// Modellmappen (med modell.toml)
        #[arg(value_name = "MODELL")]
        modell: PathBuf,
        /// Scenariofil (TOML)
        #[arg(long, value_name = "FIL")]
        scenario: Option<PathBuf>,
        #[command(flatten)]
        ut: Utdata,
    },
    /// Maj: kostnad för befintlig verksamhet per nämnd, demografi och glapp
    #[command(help_template = MALL, next_help_heading = "Flaggor")]
    Befintlig {
        /// Modellmappen (med modell.toml)
        #[arg(value_name = "MODELL")]
        modell: PathBuf,
        /// Scenariofil (TOML)
        #[arg(long, value_name = "FIL")]
        scenario: Option<PathBuf>,
        #[command(flatten)]
        ut: Utdata,
    },
    /// Förslag till ramfördelning: VF-listor, ramar, resultat och finansiella mål
    #[command(help_template = MALL, next_help_heading = "Flaggor")]
    Forslag {
        /// Modellmappen (med modell.toml)
        #[arg(value_name = "MODELL")]
        modell: PathBuf,
        /// Scenariofil (TOML)
        #[arg(long, value_name = "FIL")]
        scenario: Option<PathBuf>,
        /// Fördelningsregel: proportionell, gemensam eller optimal
        #[arg(long, value_name = "REGEL", value_parser = regel)]
        fordelning: Option<Fordelning>,
        #[command(flatten)]
        ut: Utdata,
    },
    /// Jämför Bas och scenarier sida vid sida
    #[command(help_template = MALL, next_help_heading = "Flaggor")]
    Jamfor {
        /// Modellmappen (med modell.toml)
        #[arg(value_name = "MODELL")]
        modell: PathBuf,
        /// Scenariofiler (TOML)
        #[arg(value_name = "SCENARIO", required = true)]
        scenarier: Vec<PathBuf>,
        /// Fördelningsregel: proportionell, gemensam eller optimal
        #[arg(long, value_name = "REGEL", value_parser = regel)]
        fordelning: Option<Fordelning>,
        #[command(flatten)]
        ut: Utdata,
    },
    /// Förklara hur en nämnds ram för ett år är uppbyggd, term för term
    #[command(help_template = MALL, next_help_heading = "Flaggor")]
    Forklara {
        /// Modellmappen (med modell.toml)
        #[arg(value_name = "MODELL")]
        modell: PathBuf,
        /// Nämndens id i ramar
        #[arg(long, value_name = "ID")]
        namnd: String,
        /// Året (standard: budgetåret)
        #[arg(long, value_name = "ÅR")]
        ar: Option<i32>,
        /// Scenariofil (TOML)
        #[arg(long, value_name = "FIL")]
        scenario: Option<PathBuf>,
        /// Fördelningsregel för VF-posterna: proportionell, gemensam eller optimal
        #[arg(long, value_name = "REGEL", value_parser = regel)]
        fordelning: Option<Fordelning>,
        /// Skriv resultatet som ett JSON-dokument på standard ut
        #[arg(long)]
        json: bool,
    },
    /// Mars: läs SKR:s prognosarbetsböcker till tabellerna skr och skatter-och-bidrag
    #[command(help_template = MALL, next_help_heading = "Flaggor")]
    Importera {
        /// Arbetsböcker från SKR (xlsx, xls eller ods): cirkulärets tabeller, PKV-filen, Skatter & bidrag
        #[arg(value_name = "ARBETSBOK", required = true)]
        arbetsbocker: Vec<PathBuf>,
        /// Egen mappningsfil (TOML) med etiketter som läggs till eller ersätter de inbyggda
        #[arg(long, value_name = "FIL")]
        mappning: Option<PathBuf>,
        /// Mappen där skr.csv och skatter-och-bidrag.csv skrivs (standard: aktuell mapp)
        #[arg(long, value_name = "MAPP")]
        ut: Option<PathBuf>,
        /// Skriv resultatet som ett JSON-dokument på standard ut
        #[arg(long)]
        json: bool,
    },
    /// Osäkerhet: Monte Carlo-simulering av intäkter och kostnader för budgetåret
    #[command(help_template = MALL, next_help_heading = "Flaggor")]
    Simulera {
        /// Modellmappen (med modell.toml)
        #[arg(value_name = "MODELL")]
        modell: PathBuf,
        /// Osäkerhetsfil (TOML) med standardavvikelser
        #[arg(long, value_name = "FIL")]
        osakerhet: PathBuf,
        /// Antal dragningar (standard: filens, annars 100 000)
        #[arg(long, value_name = "N")]
        dragningar: Option<u64>,
        /// Startvärde för slumptalen (standard: filens, annars 1)
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Fördelningsregel: proportionell, gemensam eller optimal
        #[arg(long, value_name = "REGEL", value_parser = regel)]
        fordelning: Option<Fordelning>,
        #[command(flatten)]
        ut: Utdata,
    },
    /// Budgetdagen: vad ändras mellan två SKR-prognoser i modellen (serier, intäkter, ramutrymme, glapp)
    #[command(name = "skr-diff", help_template = MALL, next_help_heading = "Flaggor")]
    SkrDiff {
        /// Modellmappen (med modell.toml och [skr.prognoser])
        #[arg(value_name = "MODELL")]
        modell: PathBuf,
        /// Den tidigare prognosen (nyckel i [skr.prognoser], t.ex. december)
        #[arg(value_name = "A")]
        a: String,
        /// Den nya prognosen (t.ex. april)
        #[arg(value_name = "B")]
        b: String,
        /// Skriv resultatet som ett JSON-dokument på standard ut
        #[arg(long)]
        json: bool,
    },
    /// Kontrollera en modell och lista alla problem
    #[command(help_template = MALL, next_help_heading = "Flaggor")]
    Kontrollera {
        /// Modellmappen (med modell.toml)
        #[arg(value_name = "MODELL")]
        modell: PathBuf,
        /// Skriv resultatet som ett JSON-dokument på standard ut
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let plats = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        eprintln!("internt fel i ramverk{plats}: rapportera gärna felet med modellen som gav det");
    }));
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => return argumentfel(e),
    };
    let json_ut = match &cli.kommando {
        Kommando::Ram { ut, .. }
        | Kommando::Befintlig { ut, .. }
        | Kommando::Forslag { ut, .. }
        | Kommando::Jamfor { ut, .. }
        | Kommando::Simulera { ut, .. } => ut.json,
        Kommando::Forklara { json, .. } | Kommando::Kontrollera { json, .. } | Kommando::SkrDiff { json, .. } => *json,
        Kommando::Importera { json, .. } => *json,
    };
    match std::panic::catch_unwind(|| kor(cli.kommando)) {
        Ok(Ok(kod)) => kod,
        Ok(Err(Avbrott::Indata(rapport))) => {
            eprint!("{rapport}");
            if json_ut {
                print!("{}", json::text(&json::diagnos(&rapport.0)));
            }
            ExitCode::from(2)
        }
        Ok(Err(e)) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
        Err(_) => ExitCode::from(1),
    }
}

/// Clap's errors in Swedish; exit code 2 (the input, here the command line, is wrong).
fn argumentfel(e: clap::Error) -> ExitCode {
    use clap::error::ContextKind;
    let kontext = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let text = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            print!("{}", e.render());
            return ExitCode::SUCCESS;
        }
        ErrorKind::InvalidSubcommand => format!("okänt kommando {}", kontext(ContextKind::InvalidSubcommand)),
        ErrorKind::UnknownArgument => format!("okänd flagga {}", kontext(ContextKind::InvalidArg)),
        ErrorKind::MissingRequiredArgument => format!("argument saknas: {}", kontext(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand => "ett kommando saknas".to_string(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "ogiltigt värde \"{}\" för {}",
            kontext(ContextKind::InvalidValue),
            kontext(ContextKind::InvalidArg)
        ),
        ErrorKind::ArgumentConflict => format!("flaggan {} kan inte kombineras så", kontext(ContextKind::InvalidArg)),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("för många värden: {}", kontext(ContextKind::InvalidValue))
        }
        _ => "ogiltiga argument".to_string(),
    };
    eprintln!("fel: {text}\nSe `ramverk --help` eller `ramverk KOMMANDO --help`.");
    ExitCode::from(2)
}

fn kor(k: Kommando) -> Result<ExitCode, Avbrott> {
    match k {
        Kommando::Ram { modell, scenario, ut } => {
            let modell = las_modell(&modell)?;
            let scenario = las_scenario(scenario.as_deref(), &modell)?;
            let grund = Grund::berakna(&modell, &scenario)?;
            let mut d = Diagnos::default();
            let pr = procentuell_ram::berakna(&grund, &mut d);
            d.resultat(())?;
            let resultat = ram::Januariram { grund, ram: pr };
            if let Some(fil) = &ut.xlsx {
                utdata::arbetsbok::ram::skriv(&resultat, fil)?;
            }
            skriv(&ut, || ram::json(&resultat), || ram::text(&resultat))
        }
        Kommando::Befintlig { modell, scenario, ut } => {
            let modell = las_modell(&modell)?;
            let scenario = las_scenario(scenario.as_deref(), &modell)?;
            let mut d = Diagnos::default();
            let grund = Grund::berakna_med(&modell, &scenario, &mut d);
            let b = befintlig::berakna(&grund, &mut d);
            d.resultat(())?;
            if let Some(fil) = &ut.xlsx {
                utdata::arbetsbok::befintlig::skriv(&grund, &b, fil)?;
            }
            skriv(&ut, || utdata::befintlig::json(&grund, &b), || utdata::befintlig::text(&grund, &b))
        }
        Kommando::Forslag { modell, scenario, fordelning, ut } => {
            let modell = las_modell(&modell)?;
            let scenario = las_scenario(scenario.as_deref(), &modell)?;
            let f = Forslag::berakna(&modell, &scenario, fordelning)?;
            if let Some(fil) = &ut.xlsx {
                utdata::arbetsbok::forslag::skriv(&f, fil)?;
            }
            skriv(&ut, || utdata::forslag::json(&f), || utdata::forslag::text(&f))
        }
        Kommando::Jamfor { modell, scenarier, fordelning, ut } => {
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
            let resultat: Vec<Result<Forslag<'_>, Felrapport>> =
                lasta.par_iter().map(|s| Forslag::berakna(&modell, s, fordelning)).collect();
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
            skriv(&ut, || utdata::jamfor::json(&forslag), || utdata::jamfor::text(&forslag))
        }
        Kommando::Forklara { modell, namnd, ar, scenario, fordelning, json: som_json } => {
            let modell = las_modell(&modell)?;
            let scenario = las_scenario(scenario.as_deref(), &modell)?;
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
            let f = Forslag::berakna(&modell, &scenario, fordelning)?;
            let forklaring = forklara::forklara(&f, n, ar);
            let ut = Utdata { json: som_json, xlsx: None };
            skriv(
                &ut,
                || utdata::forklara::json(&modell, &forklaring),
                || utdata::forklara::text(&modell, &scenario.namn, &forklaring),
            )
        }
        Kommando::Importera { arbetsbocker, mappning, ut, json: som_json } => {
            let r = importera::kor(&arbetsbocker, mappning.as_deref(), ut.as_deref().unwrap_or(Path::new(".")))?;
            let ut = Utdata { json: som_json, xlsx: None };
            skriv(&ut, || importera::rapport::json(&r), || importera::rapport::text(&r))
        }
        Kommando::Simulera { modell, osakerhet, dragningar, seed, fordelning, ut } => {
            let modell = las_modell(&modell)?;
            let o = inlasning::osakerhet::las_fil(&osakerhet, &modell)?;
            let scenario = simulering::basscenario(fordelning.or(o.fordelning));
            let bas = Forslag::berakna(&modell, &scenario, None)?;
            let n = dragningar.or(o.dragningar).unwrap_or(Osakerhet::STANDARD_DRAGNINGAR);
            let spridning = simulering::Spridning::fran(&o, modell.basar);
            let stapel = framstegsstapel(n);
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
            skriv(&ut, || utdata::simulering::json(&modell, &s, &spridning), || utdata::simulering::text(&modell, &s))
        }
        Kommando::SkrDiff { modell, a, b, json: som_json } => {
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
            let ut = Utdata { json: som_json, xlsx: None };
            skriv(&ut, || utdata::skr_diff::json(&namn, &diff), || utdata::skr_diff::text(&namn, &diff))
        }
        Kommando::Kontrollera { modell, json: som_json } => {
            let d = kontrollera(&modell);
            let ut = if som_json { json::text(&json::diagnos(&d)) } else { kontrolltext(&d) };
            print!("{ut}");
            Ok(if d.ok() { ExitCode::SUCCESS } else { ExitCode::from(2) })
        }
    }
}

/// A progress bar on stderr when it is a terminal, else none.
fn framstegsstapel(langd: u64) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let p = indicatif::ProgressBar::new(langd);
    if let Ok(stil) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} dragningar ({per_sec}, {eta} kvar)")
    {
        p.set_style(stil);
    }
    Some(p)
}

fn las_modell(mapp: &Path) -> Result<Modell, Felrapport> {
    inlasning::las_modell(mapp).map(|i| i.modell)
}

/// A `--fordelning` value.
fn regel(text: &str) -> Result<Fordelning, String> {
    Fordelning::tolka(text)
}

fn las_scenario(fil: Option<&Path>, modell: &Modell) -> Result<Scenario, Felrapport> {
    match fil {
        Some(f) => inlasning::scenario::las_fil(f, modell),
        None => Ok(Scenario::bas()),
    }
}

/// Prints the result (JSON or text) on stdout.
fn skriv(
    ut: &Utdata,
    json_doc: impl FnOnce() -> serde_json::Value,
    text: impl FnOnce() -> String,
) -> Result<ExitCode, Avbrott> {
    let s = if ut.json { json::text(&json_doc()) } else { text() };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(s.as_bytes())?;
    Ok(ExitCode::SUCCESS)
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

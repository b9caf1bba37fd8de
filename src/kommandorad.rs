//! The command line's arguments, with Swedish help and Swedish errors.

use clap::{ArgAction, Args, Parser, Subcommand, error::ErrorKind};
use ramverk::modell::Fordelning;
use std::path::PathBuf;
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
    override_usage = "ramverk KOMMANDO [ARGUMENT]",
    next_help_heading = "Flaggor"
)]
pub struct Cli {
    #[command(subcommand)]
    pub kommando: Kommando,
    /// Visa hjälp
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    hjalp: Option<bool>,
    /// Visa version
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

/// The model folder and an optional scenario.
#[derive(Args)]
pub struct Modellval {
    /// Modellmappen (med modell.toml)
    #[arg(value_name = "MODELL")]
    pub modell: PathBuf,
    /// Scenariofil (TOML)
    #[arg(long, value_name = "FIL")]
    pub scenario: Option<PathBuf>,
}

/// `--fordelning`.
#[derive(Args)]
pub struct Regelval {
    /// Fördelningsregel för VF-posterna: proportionell, gemensam eller optimal
    #[arg(long, value_name = "REGEL", value_parser = Fordelning::tolka)]
    pub fordelning: Option<Fordelning>,
}

/// `--json`.
#[derive(Args)]
pub struct Json {
    /// Skriv resultatet som ett JSON-dokument på standard ut
    #[arg(long)]
    pub json: bool,
}

/// `--json` and `--xlsx`.
#[derive(Args)]
pub struct Utdata {
    /// Skriv resultatet som ett JSON-dokument på standard ut
    #[arg(long)]
    pub json: bool,
    /// Skriv också en Excel-arbetsbok
    #[arg(long, value_name = "FIL")]
    pub xlsx: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum Kommando {
    /// Januari: procentuell ram från fjolårets ramar, SKR:s prognos, pension och befolkning
    #[command(help_template = MALL, next_help_heading = "Flaggor", override_usage = "ramverk ram MODELL [--scenario FIL] [--json] [--xlsx FIL]")]
    Ram {
        #[command(flatten)]
        val: Modellval,
        #[command(flatten)]
        ut: Utdata,
    },
    /// Maj: kostnad för befintlig verksamhet per nämnd, demografi och glapp
    #[command(help_template = MALL, next_help_heading = "Flaggor", override_usage = "ramverk befintlig MODELL [--scenario FIL] [--json] [--xlsx FIL]")]
    Befintlig {
        #[command(flatten)]
        val: Modellval,
        #[command(flatten)]
        ut: Utdata,
    },
    /// Förslag till ramfördelning: VF-listor, ramar, resultat och finansiella mål
    #[command(help_template = MALL, next_help_heading = "Flaggor", override_usage = "ramverk forslag MODELL [--scenario FIL] [--fordelning REGEL] [--json] [--xlsx FIL]")]
    Forslag {
        #[command(flatten)]
        val: Modellval,
        #[command(flatten)]
        regel: Regelval,
        #[command(flatten)]
        ut: Utdata,
    },
    /// Jämför Bas och scenarier sida vid sida
    #[command(help_template = MALL, next_help_heading = "Flaggor", override_usage = "ramverk jamfor MODELL SCENARIO... [--fordelning REGEL] [--json] [--xlsx FIL]")]
    Jamfor {
        /// Modellmappen (med modell.toml)
        #[arg(value_name = "MODELL")]
        modell: PathBuf,
        /// Scenariofiler (TOML)
        #[arg(value_name = "SCENARIO", required = true)]
        scenarier: Vec<PathBuf>,
        #[command(flatten)]
        regel: Regelval,
        #[command(flatten)]
        ut: Utdata,
    },
    /// Förklara hur en nämnds ram för ett år är uppbyggd, term för term
    #[command(help_template = MALL, next_help_heading = "Flaggor", override_usage = "ramverk forklara MODELL --namnd ID [--ar ÅR] [--scenario FIL] [--fordelning REGEL] [--json]")]
    Forklara {
        #[command(flatten)]
        val: Modellval,
        /// Nämndens id i ramar
        #[arg(long, value_name = "ID")]
        namnd: String,
        /// Året (standard: budgetåret)
        #[arg(long, value_name = "ÅR")]
        ar: Option<i32>,
        #[command(flatten)]
        regel: Regelval,
        #[command(flatten)]
        json: Json,
    },
    /// Mars: läs SKR:s prognosarbetsböcker till tabellerna skr och skatter-och-bidrag
    #[command(help_template = MALL, next_help_heading = "Flaggor", override_usage = "ramverk importera ARBETSBOK... [--mappning FIL] [--ut MAPP] [--json]")]
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
        #[command(flatten)]
        json: Json,
    },
    /// Osäkerhet: Monte Carlo-simulering av intäkter och kostnader för budgetåret
    #[command(help_template = MALL, next_help_heading = "Flaggor", override_usage = "ramverk simulera MODELL --osakerhet FIL [--dragningar N] [--seed N] [--fordelning REGEL] [--json] [--xlsx FIL]")]
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
        #[command(flatten)]
        regel: Regelval,
        #[command(flatten)]
        ut: Utdata,
    },
    /// Budgetdagen: vad ändras mellan två SKR-prognoser i modellen (serier, intäkter, ramutrymme, glapp)
    #[command(name = "skr-diff", help_template = MALL, next_help_heading = "Flaggor", override_usage = "ramverk skr-diff MODELL A B [--json]")]
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
        #[command(flatten)]
        json: Json,
    },
    /// Kontrollera en modell och lista alla problem
    #[command(help_template = MALL, next_help_heading = "Flaggor", override_usage = "ramverk kontrollera MODELL [--json]")]
    Kontrollera {
        /// Modellmappen (med modell.toml)
        #[arg(value_name = "MODELL")]
        modell: PathBuf,
        #[command(flatten)]
        json: Json,
    },
}

impl Kommando {
    /// Whether stdout is to hold a JSON document (also the error document).
    pub fn json(&self) -> bool {
        match self {
            Kommando::Ram { ut, .. }
            | Kommando::Befintlig { ut, .. }
            | Kommando::Forslag { ut, .. }
            | Kommando::Jamfor { ut, .. }
            | Kommando::Simulera { ut, .. } => ut.json,
            Kommando::Forklara { json, .. }
            | Kommando::Kontrollera { json, .. }
            | Kommando::SkrDiff { json, .. }
            | Kommando::Importera { json, .. } => json.json,
        }
    }
}

/// Clap's errors in Swedish; exit code 2 (the input, here the command line, is wrong).
pub fn argumentfel(e: clap::Error) -> ExitCode {
    use clap::error::ContextKind;
    let kontext = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let text = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // A closed pipe (`ramverk --help | head`) is no error.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), e.render().to_string().as_bytes());
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

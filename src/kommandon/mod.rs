//! The commands, one module per step of the årshjul. Each module holds its
//! arguments (clap derive; the doc comments are the Swedish help) and one
//! `kor` that reads the input, computes with the core and writes the result.
//! A new command is a new module here and one line in [`kommandon!`].

pub mod argument;
pub mod befintlig;
pub mod budget;
pub mod forklara;
pub mod forslag;
pub mod importera;
pub mod jamfor;
pub mod kontrollera;
pub mod ram;
pub mod simulera;
pub mod skr_diff;
pub mod uppfolj;
mod utskrift;

use crate::fel::Avbrott;
use clap::{ArgAction, Parser, Subcommand};
use std::process::ExitCode;

pub use argument::{argumentfel, tolka};

/// The commands: `Variant(modul: fält)`, where `fält` is the argument group
/// (`Utdata` or `Json`) whose `json` says whether stdout holds a JSON document.
macro_rules! kommandon {
    ($($(#[$doc:meta])* $variant:ident($modul:ident: $ut:ident)),+ $(,)?) => {
        #[derive(Subcommand)]
        pub enum Kommando {
            $($(#[$doc])* $variant($modul::Argument),)+
        }

        impl Kommando {
            /// Whether stdout is to hold a JSON document (also the error document).
            pub fn json(&self) -> bool {
                match self { $(Kommando::$variant(a) => a.$ut.json,)+ }
            }

            /// Runs the command: exit code 0 when done.
            pub fn kor(self) -> Result<ExitCode, Avbrott> {
                match self { $(Kommando::$variant(a) => $modul::kor(a),)+ }
            }
        }
    };
}

kommandon! {
    /// Januari: procentuell ram från fjolårets ramar, SKR:s prognos, pension och befolkning
    Ram(ram: ut),
    /// Mars: läs SKR:s prognosarbetsböcker till tabellerna skr och skatter-och-bidrag
    Importera(importera: json),
    /// Budgetdagen: vad ändras mellan två SKR-prognoser i modellen (serier, intäkter, ramutrymme, glapp)
    #[command(name = "skr-diff")]
    SkrDiff(skr_diff: json),
    /// Maj: kostnad för befintlig verksamhet per nämnd, demografi och glapp
    Befintlig(befintlig: ut),
    /// Maj–november: förslag till ramfördelning med VF-listor, ramar, resultat och finansiella mål
    Forslag(forslag: ut),
    /// Jämför Bas och scenarier sida vid sida
    Jamfor(jamfor: ut),
    /// Oktober–november: budgeten som fullmäktige beslutar — resultat-, balans- och kassaflödesbudget, nyckeltal, känslighetsanalys, driftbudget, mål och medel
    Budget(budget: ut),
    /// Osäkerhet: Monte Carlo-simulering av intäkter och kostnader för budgetåret
    Simulera(simulera: ut),
    /// Förklara hur en nämnds ram för ett år är uppbyggd, term för term
    Forklara(forklara: json),
    /// Kontrollera en modell och lista alla problem
    Kontrollera(kontrollera: json),
    /// Februari–oktober, budgetåret: månadsrapport med utfall, helårsprognos och åtgärdsplan ur SIE-filer
    Uppfolj(uppfolj: ut),
}

/// `ramverk`: the command and its arguments.
#[derive(Parser)]
#[command(
    name = "ramverk",
    version,
    about = "Budgetmodell och simulering för svenska kommuner: ramar per nämnd, VF-listor och flerårsplan.",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Kommandon",
    subcommand_value_name = "KOMMANDO",
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

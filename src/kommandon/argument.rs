//! The arguments the commands share, the Swedish command line (help, usage
//! lines generated from the arguments themselves) and clap's errors in Swedish.

use crate::modell::Fordelning;
use crate::utdata::enhet::Enhet;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Command, CommandFactory, FromArgMatches};
use std::path::PathBuf;
use std::process::ExitCode;

const MALL: &str = "{before-help}{about}\n\nAnvändning: {usage}\n\n{all-args}{after-help}";

/// The model folder and an optional scenario.
#[derive(Args, Debug)]
pub struct Modellval {
    /// Modellmappen (med modell.toml), eller dess modell.toml
    #[arg(value_name = "MODELL")]
    pub modell: PathBuf,
    /// Scenariofil (TOML); utan den räknas basscenariot
    #[arg(long, value_name = "FIL")]
    pub scenario: Option<PathBuf>,
}

/// `--fordelning`.
#[derive(Args, Debug)]
pub struct Regelval {
    /// Fördelningsregel för VF-posterna (standard: scenariots, annars modellens)
    #[arg(long, value_name = "REGEL", value_parser = Fordelning::tolka)]
    pub fordelning: Option<Fordelning>,
}

/// `--json`.
#[derive(Args, Debug)]
pub struct Json {
    /// Skriv resultatet som ett JSON-dokument på standard ut
    #[arg(long)]
    pub json: bool,
}

/// `--json`, `--xlsx` and `--enhet`.
#[derive(Args, Debug)]
pub struct Utdata {
    /// Skriv resultatet som ett JSON-dokument på standard ut
    #[arg(long)]
    pub json: bool,
    /// Skriv också en Excel-arbetsbok till FIL
    #[arg(long, value_name = "FIL")]
    pub xlsx: Option<PathBuf>,
    /// Enhet för beloppen i tabellen och arbetsboken: tkr (standard) eller mnkr med en decimal; JSON är alltid tkr
    #[arg(long, value_name = "tkr|mnkr", value_parser = Enhet::tolka, default_value = "tkr", hide_default_value = true)]
    pub enhet: Enhet,
}

/// The command line in Swedish: usage lines generated from each command's
/// arguments, positional arguments under "Argument", flags under "Flaggor",
/// and the rule names of `--fordelning` from [`Fordelning::ALLA`].
pub fn kommandorad() -> Command {
    let mut cmd = super::Cli::command().help_template(MALL).override_usage("ramverk KOMMANDO [ARGUMENT]");
    cmd.build();
    let namn: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for n in namn {
        cmd = cmd.mut_subcommand(&n, |s| {
            let anvandning = anvandning(&s);
            let mut s = s.help_template(MALL).override_usage(anvandning);
            let argument: Vec<(String, bool)> =
                s.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional())).collect();
            for (id, positionellt) in argument {
                s = s.mut_arg(&id, |a| {
                    let a = a.help_heading(if positionellt { "Argument" } else { "Flaggor" });
                    if id == "fordelning" {
                        let hjalp = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                        a.help(format!("{hjalp}: {}", Fordelning::upprakning()))
                    } else {
                        a
                    }
                });
            }
            s
        });
    }
    cmd
}

/// `ramverk forslag MODELL [--scenario FIL] …`, from the command's arguments.
fn anvandning(s: &Command) -> String {
    let mut delar = vec![format!("ramverk {}", s.get_name())];
    let argument: Vec<_> = s
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !matches!(a.get_action(), ArgAction::Help | ArgAction::Version))
        .collect();
    for a in argument.iter().filter(|a| a.is_positional()).chain(argument.iter().filter(|a| !a.is_positional())) {
        let varde = a.get_value_names().and_then(|v| v.first()).map(|v| v.to_string());
        let flera = matches!(a.get_action(), ArgAction::Append);
        let mut text = match (a.get_long(), varde) {
            (Some(lang), Some(v)) if a.get_action().takes_values() => format!("--{lang} {v}"),
            (Some(lang), _) => format!("--{lang}"),
            (None, Some(v)) => v,
            (None, None) => a.get_id().to_string().to_uppercase(),
        };
        if flera {
            text.push_str("...");
        }
        delar.push(if a.is_required_set() { text } else { format!("[{text}]") });
    }
    delar.join(" ")
}

/// Parses the command line; on an error or a request for help, what to exit with.
pub fn tolka() -> Result<super::Cli, ExitCode> {
    let traffar = kommandorad().try_get_matches().map_err(argumentfel)?;
    super::Cli::from_arg_matches(&traffar).map_err(argumentfel)
}

/// Clap's errors in Swedish, exit code 2 (the command line is wrong); help
/// and version asked for on stdout, exit code 0; `ramverk` alone prints the
/// help on stderr with exit code 2.
pub fn argumentfel(e: clap::Error) -> ExitCode {
    let kontext = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let flagga = || kontext(ContextKind::InvalidArg).split_whitespace().next().unwrap_or_default().to_string();
    let forslag = |k| match e.get(k) {
        Some(ContextValue::String(s)) => format!(" (menar du {s}?)"),
        Some(ContextValue::Strings(s)) if !s.is_empty() => format!(" (menar du {}?)", s.join(" eller ")),
        _ => String::new(),
    };
    let text = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // A closed pipe (`ramverk --help | head`) is no error.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), e.render().to_string().as_bytes());
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            eprint!("{}", kommandorad().render_help());
            return ExitCode::from(2);
        }
        ErrorKind::InvalidSubcommand => format!(
            "okänt kommando {}{}",
            kontext(ContextKind::InvalidSubcommand),
            forslag(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::UnknownArgument => {
            format!("okänd flagga {}{}", kontext(ContextKind::InvalidArg), forslag(ContextKind::SuggestedArg))
        }
        ErrorKind::MissingRequiredArgument => format!("argument saknas: {}", kontext(ContextKind::InvalidArg)),
        ErrorKind::InvalidValue if kontext(ContextKind::InvalidValue).is_empty() => {
            let arg = kontext(ContextKind::InvalidArg);
            let varde = arg.split_whitespace().nth(1).unwrap_or("ett värde");
            format!("{} kräver ett värde: {}", flagga(), varde.trim_matches(['<', '>']))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let orsak = std::error::Error::source(&e).map(|s| format!(": {s}")).unwrap_or_default();
            format!("ogiltigt värde \"{}\" för {}{orsak}", kontext(ContextKind::InvalidValue), flagga())
        }
        ErrorKind::ArgumentConflict if kontext(ContextKind::PriorArg) == kontext(ContextKind::InvalidArg) => {
            let f = flagga();
            let tips = if f == "--scenario" {
                "; för att jämföra flera scenarier: ramverk jamfor MODELL SCENARIO..."
            } else {
                ""
            };
            format!("{f} kan bara anges en gång{tips}")
        }
        ErrorKind::ArgumentConflict => format!("flaggan {} kan inte kombineras så", flagga()),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("för många värden: {}", kontext(ContextKind::InvalidValue))
        }
        _ => "ogiltiga argument".to_string(),
    };
    eprintln!("fel: {text}\nSe `ramverk --help` eller `ramverk KOMMANDO --help`.");
    ExitCode::from(2)
}

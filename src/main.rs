//! `ramverk`: parses the command line and runs the command; maps the outcome
//! to an exit code (0 done, 2 wrong input, 1 anything else). Everything a
//! user reads is Swedish, and no panic or backtrace ever reaches a user.

use ramverk::fel::{Avbrott, Fel, Felrapport};
use ramverk::kommandon;
use ramverk::utdata::json;
use std::io::Write;
use std::process::ExitCode;

/// The last panic's message and where it happened, kept by the hook.
static PANIK: std::sync::Mutex<Option<Panik>> = std::sync::Mutex::new(None);

struct Panik {
    text: String,
    fil: String,
    rad: u32,
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let text = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let (fil, rad) = info.location().map(|l| (l.file().to_string(), l.line())).unwrap_or_default();
        if let Ok(mut p) = PANIK.lock() {
            *p = Some(Panik { text, fil, rad });
        }
    }));
    let indatafel = |rapport: &Felrapport, json_ut: bool| {
        eprint!("{rapport}");
        if json_ut {
            let _ = std::io::stdout().write_all(json::text(&json::diagnos(&rapport.0)).as_bytes());
        }
        ExitCode::from(2)
    };
    // Parsing the arguments runs our value parsers (`--period`): a panic there is caught too.
    let kommando = match std::panic::catch_unwind(kommandon::tolka) {
        Ok(Ok(cli)) => cli.kommando,
        Ok(Err(kod)) => return kod,
        Err(_) => return panik(|r| indatafel(r, false)),
    };
    let json_ut = kommando.json();
    match std::panic::catch_unwind(|| kommando.kor()) {
        Ok(Ok(kod)) => kod,
        Ok(Err(Avbrott::Indata(rapport))) => indatafel(&rapport, json_ut),
        Ok(Err(e)) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
        Err(_) => panik(|r| indatafel(r, json_ut)),
    }
}

/// After a caught panic: rust_decimal's overflow is the input's error
/// (reported by `indatafel`), anything else an internal error (exit 1).
fn panik(indatafel: impl Fn(&Felrapport) -> ExitCode) -> ExitCode {
    match PANIK.lock().ok().and_then(|mut p| p.take()) {
        Some(p) if decimaloverflode(&p) => indatafel(&Felrapport::en(Fel::new(
            "modellen",
            "talen blir för stora för att räknas exakt (decimalöverflöde): kontrollera orimligt stora \
             eller små värden, till exempel invånare, skattesats eller belopp",
        ))),
        p => {
            let var = p.map(|p| format!("{} ({}:{})", p.text, p.fil, p.rad)).unwrap_or_default();
            eprintln!("internt fel i ramverk: {var}. Rapportera gärna felet med modellen som gav det.");
            ExitCode::from(1)
        }
    }
}

/// rust_decimal's own overflow panics — the input's magnitudes are absurd —
/// are the user's input error; any other panic is an internal error.
fn decimaloverflode(p: &Panik) -> bool {
    let i_rust_decimal = p.fil.replace('\\', "/").split('/').any(|del| del.starts_with("rust_decimal-"));
    i_rust_decimal && p.text.ends_with(" overflowed")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panik(text: &str, fil: &str) -> Panik {
        Panik { text: text.into(), fil: fil.into(), rad: 1 }
    }

    #[test]
    fn bara_rust_decimals_overflode_ar_indatafel() {
        let crate_fil = "/root/.cargo/registry/src/index.crates.io-x/rust_decimal-1.43.0/src/arithmetic_impls.rs";
        assert!(decimaloverflode(&panik("Multiplication overflowed", crate_fil)));
        assert!(decimaloverflode(&panik("Addition overflowed", crate_fil)));
        // An overflow of our own arithmetic is an internal error, whatever its text says.
        assert!(!decimaloverflode(&panik("attempt to add with overflow", "src/berakning/vf/optimal.rs")));
        assert!(!decimaloverflode(&panik("Multiplication overflowed", "src/berakning/forslag.rs")));
        // rust_decimal's division by zero is a defect of ours (every divisor is checked), not wrong input.
        assert!(!decimaloverflode(&panik("Division by zero", crate_fil)));
    }
}

//! Exact decimals out of `--json` documents.

use super::ramverk;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

/// Runs `ramverk ARGS --json`, expects success and returns the document.
pub fn json(args: &[&str]) -> Value {
    let ut = ramverk().args(args).arg("--json").output().expect("kör ramverk");
    assert!(ut.status.success(), "ramverk {args:?} misslyckades: {}", String::from_utf8_lossy(&ut.stderr));
    serde_json::from_slice(&ut.stdout).expect("giltig JSON")
}

/// The exact decimal at a JSON path like `ramutrymme.2026` or `namnder.0.ram.2026`.
pub fn tal(v: &Value, sokvag: &str) -> Decimal {
    let mut x = v;
    for del in sokvag.split('.') {
        x = match x {
            Value::Array(a) => &a[del.parse::<usize>().expect("index")],
            _ => x.get(del).unwrap_or_else(|| panic!("{sokvag}: {del} saknas")),
        };
    }
    match x {
        Value::String(s) => Decimal::from_str(s).unwrap_or_else(|_| panic!("{sokvag}: {s} är inget tal")),
        Value::Number(n) => Decimal::from_str(&n.to_string()).expect("tal"),
        annat => panic!("{sokvag}: {annat} är inget tal"),
    }
}

/// Asserts two decimals agree to 1e-9 tkr.
#[track_caller]
pub fn nara(faktiskt: Decimal, vantat: Decimal) {
    assert!((faktiskt - vantat).abs() < Decimal::new(1, 9), "väntade {vantat}, fick {faktiskt}");
}

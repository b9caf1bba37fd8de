//! Several SKR prognoses in one model and `skr-diff` between them.

mod common;

use common::{json::*, *};
use rust_decimal_macros::dec;

fn mini() -> String {
    fixtur("mini").display().to_string()
}

#[test]
fn prognosen_i_bruk_anvands() {
    let j = json(&["ram", &mini()]);
    assert_eq!(j["skr_prognos"], "Testprognos");
    nara(tal(&j, "intakter.2026.summa"), dec!(105000));
}

#[test]
fn skr_diff_visar_serier_poster_och_ramutrymme() {
    let j = json(&["skr-diff", &mini(), "december", "april"]);
    assert_eq!(j["b"]["namn"], "Testprognos april");
    let summor = j["summor"].as_array().unwrap();
    let s = summor.iter().find(|r| r["namn"] == "Skatter och generella statsbidrag").unwrap();
    assert_eq!(s["ar"]["2026"]["a"], "105000");
    // Kommunalskatt 79500 and fastighetsavgift 4100 in April: −500 + 100.
    assert_eq!(s["ar"]["2026"]["b"], "104600");
    assert_eq!(s["ar"]["2026"]["forandring"], "-400");
    let u = summor.iter().find(|r| r["namn"] == "Ramutrymme").unwrap();
    // U changes by ΔS·(1 − 2 %).
    nara(tal(&u["ar"]["2026"], "forandring"), dec!(-392));
    let lon = j["serier"].as_array().unwrap().iter().find(|r| r["namn"] == "lon").unwrap();
    assert_eq!(lon["ar"]["2026"]["forandring"], "0.2");
    let glapp = summor.iter().find(|r| r["namn"] == "Glapp").unwrap();
    assert!(tal(&glapp["ar"]["2026"], "forandring") < dec!(-392), "högre lön och pkv ökar kostnaden också");
}

#[test]
fn okand_prognos_ar_ett_fel() {
    let ut = ramverk().args(["skr-diff", &mini(), "december", "juni"]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&ut.stderr)
            .contains("prognosen \"juni\" finns inte i [skr.prognoser] (finns: april, december)")
    );
}

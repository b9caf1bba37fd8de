//! Bad input for the budget document (MODELL §12, FORMAT's new keys): each
//! a Swedish error naming file, row and column or key, exit 2, every error
//! at once, nothing written; `kontrollera` finds the same.

mod common;

use common::{json::*, *};
use rust_decimal::Decimal;
use std::path::Path;

/// `ramverk budget` on the broken model with `--xlsx`: exit 2, nothing on
/// stdout, no workbook; returns stderr.
fn fel(dir: &Path) -> String {
    let xlsx = dir.join("budget.xlsx");
    let ut = ramverk().args(["budget", &dir.display().to_string(), "--xlsx"]).arg(&xlsx).output().unwrap();
    let stderr = String::from_utf8_lossy(&ut.stderr).to_string();
    assert_eq!(ut.status.code(), Some(2), "väntade exit 2, stderr: {stderr}");
    assert!(ut.stdout.is_empty(), "inget på stdout vid fel");
    assert!(!xlsx.exists(), "ingen arbetsbok vid fel");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // kontrollera reports the same.
    let k = ramverk().args(["kontrollera", &dir.display().to_string()]).output().unwrap();
    assert_eq!(k.status.code(), Some(2));
    stderr
}

#[test]
fn negativa_kortfristiga_skulder() {
    let d = kopia("budget-mini");
    // 1000 − 300 − 50 − 700 = −50.
    andra(d.path(), "modell.toml", "langfristiga_skulder = 400", "langfristiga_skulder = 700");
    innehaller(
        &fel(d.path()),
        &["modell.toml rad 34, nyckel \"balans.totala_tillgangar\": kortfristiga skulder blir negativa (−50 tkr)"],
    );
}

/// MODELL §12: ΔAV(t) is A(t) − A(t−1) when the avsattning rows have values
/// for both years, else 0 — a gap is computed, not refused; kontrollera warns.
#[test]
fn avsattning_med_lucka_ger_ingen_forandring_och_en_varning() {
    let d = kopia("budget-mini");
    let hel = json(&["budget", &d.path().display().to_string()]);
    andra(d.path(), "pension.csv", "avsattning;50;52;55", "avsattning;50;;55");
    let doc = json(&["budget", &d.path().display().to_string()]);
    // Without 2026 both ΔAV(2026) and ΔAV(2027) are 0: the provision stays at its opening level.
    let (av0, av_hel) =
        (tal(&hel, "balansbudget.avsattningar.2026") - Decimal::TWO, tal(&hel, "balansbudget.avsattningar.2027"));
    assert_eq!(av_hel - av0, Decimal::from(5), "utan lucka: 50 → 52 → 55");
    assert_eq!(tal(&doc, "balansbudget.avsattningar.2026"), av0);
    assert_eq!(tal(&doc, "balansbudget.avsattningar.2027"), av0);
    let k = ramverk().args(["kontrollera", &d.path().display().to_string()]).output().unwrap();
    assert!(k.status.success());
    let text = String::from_utf8_lossy(&k.stdout);
    innehaller(
        &text,
        &["varning: pension.csv rad 5, kolumn \"2026\": värde saknas för avsättningen Avsättning för pensioner 2026"],
    );
}

#[test]
fn okand_resultatrad() {
    let d = kopia("budget-mini");
    andra(d.path(), "skatter-och-bidrag.csv", "per_invanare;skatteintakter", "per_invanare;skatter");
    innehaller(
        &fel(d.path()),
        &[
            "skatter-och-bidrag.csv rad 3, kolumn \"resultatrad\": okänd resultatrad \"skatter\": ska vara skatteintakter, statsbidrag",
        ],
    );
}

#[test]
fn inriktningsmal_utanfor_1_till_5() {
    let d = kopia("budget-mini");
    andra(
        d.path(),
        "modell.toml",
        "1 = \"Fler invånare\"",
        "1 = \"Fler invånare\"\n6 = \"Ett sjätte mål\"\ntre = \"x\"",
    );
    let e = fel(d.path());
    innehaller(
        &e,
        &[
            "modell.toml rad 44, nyckel \"inriktningsmal.6\": \"6\" är inget inriktningsmål: nycklarna ska vara 1–5",
            "modell.toml rad 45, nyckel \"inriktningsmal.tre\"",
        ],
    );
    let d = kopia("budget-mini");
    andra(d.path(), "vf.csv", "1;5;5;1;invånare", "1;5;5;7;invånare");
    innehaller(&fel(d.path()), &["vf.csv rad 2, kolumn \"inriktningsmål\": inriktningsmål ska vara 1–5"]);
}

#[test]
fn balansnycklar_stavfel_negativa_och_ar_utanfor() {
    let d = kopia("budget-mini");
    andra(d.path(), "modell.toml", "anlaggningstillgangar = 800", "anlaggningstillgang = 800");
    andra(d.path(), "modell.toml", "{ 2026 = 30, 2027 = 30 }", "{ 2026 = -30, 2029 = 30 }");
    let e = fel(d.path());
    innehaller(
        &e,
        &[
            "nyckel \"balans.anlaggningstillgang\": okänd nyckel: menar du balans.anlaggningstillgangar?",
            "nyckel \"balans.avskrivningar_befintliga.2026\": värdet får inte vara negativt",
            "nyckel \"balans.avskrivningar_befintliga.2029\": år 2029 ligger utanför modellens år 2025–2027",
        ],
    );
}

#[test]
fn alla_fel_pa_en_gang() {
    let d = kopia("budget-mini");
    andra(d.path(), "modell.toml", "langfristiga_skulder = 400", "langfristiga_skulder = 700");
    andra(d.path(), "skatter-och-bidrag.csv", "per_invanare;skatteintakter", "per_invanare;bidrag");
    let e = fel(d.path());
    innehaller(&e, &["kortfristiga skulder blir negativa", "okänd resultatrad \"bidrag\""]);
}

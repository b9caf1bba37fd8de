//! Every lever of a scenario file (FORMAT.md) on `fixtures/mini`, by hand.

mod common;

use common::{json::*, *};
use rust_decimal_macros::dec;

fn med_scenario(kommando: &str, toml: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("test.toml");
    std::fs::write(&fil, toml).unwrap();
    json(&[kommando, &fixtur("mini").display().to_string(), "--scenario", &fil.display().to_string()])
}

#[test]
fn skattesats() {
    // τ = (20 + 1)/20 = 1.05 on kommunalskatt only.
    let j = med_scenario("ram", "[skattesats]\nforandring = 1.0\n");
    nara(tal(&j, "intakter.2026.summa"), dec!(80000) * dec!(1.05) + dec!(25000));
    assert_eq!(j["scenario"], "test");
}

#[test]
fn skatteunderlag_ackumuleras() {
    // L(2026) = (1 + 5/100)/(1 + 4/100) on skatt and inkomstutjämning; 2027 keeps the level.
    let j = med_scenario("ram", "namn = \"Starkare\"\n[skatteunderlag]\n2026 = 1.0\n");
    let l = dec!(1.05) / dec!(1.04);
    nara(tal(&j, "intakter.2026.summa"), dec!(100000) * l + dec!(5000));
    nara(tal(&j, "intakter.2027.summa"), dec!(102500) * dec!(0.99) * l + dec!(990) + dec!(4000));
    assert_eq!(j["scenario"], "Starkare");
}

#[test]
fn invanare_statsbidrag_och_intakter() {
    let j = med_scenario(
        "ram",
        "[invanare]\n2025 = -100\n[statsbidrag_kr_per_invanare]\n2026 = 1000\n[intakter_tkr]\n2027 = \"−500\"\n",
    );
    // P'(2026) = 900: r = 0.9 on all but fast; the new grant: 1000 kr · 900 / 1000.
    assert_eq!(j["invanare"]["2026"], 900);
    nara(tal(&j, "intakter.2026.summa"), dec!(101000) * dec!(0.9) + dec!(4000) + dec!(900));
    let poster = j["intakter"]["2027"]["poster"].as_array().unwrap();
    let ovrig = poster.iter().find(|p| p["post"] == "Övrig intäktsförändring").unwrap();
    assert_eq!(ovrig["belopp"], "-500");
    let bidrag = poster.iter().find(|p| p["post"] == "Förändrat statsbidrag").unwrap();
    assert_eq!(bidrag["belopp"], "0");
}

#[test]
fn resultatmal() {
    let j = med_scenario("ram", "resultat_procent = 1\n");
    nara(tal(&j, "resultatmal.2026"), dec!(1050));
    nara(tal(&j, "ramutrymme.2026"), dec!(98920) + dec!(1050));
}

#[test]
fn index_och_effektivisering() {
    let j = med_scenario("befintlig", "[index.lon]\n2026 = 1.0\n[effektivisering_procent]\n2026 = 1.0\n");
    // Flön(2026) = 1.04 · 1.41/1.40.
    let index_a = dec!(50000) * dec!(1.04) * dec!(1.41) / dec!(1.40) + dec!(9700);
    nara(tal(&j, "namnder.0.delar.2026.index"), index_a);
    nara(tal(&j, "namnder.0.delar.2026.effektivisering"), index_a / dec!(100));
    nara(tal(&j, "namnder.0.kostnad_befintlig.2026"), index_a * dec!(0.99) + dec!(630));
    // B: 1 % of ram·Fpkv; demography is not part of the efficiency base.
    nara(tal(&j, "namnder.1.delar.2026.effektivisering"), dec!(397.8));
}

#[test]
fn fordelning_i_scenariot_och_flaggan_gar_fore() {
    let j = med_scenario("forslag", "fordelning = \"optimal\"\n");
    assert_eq!(j["fordelning"], "optimal");
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("s.toml");
    std::fs::write(&fil, "fordelning = \"optimal\"\n").unwrap();
    let j = json(&[
        "forslag",
        &fixtur("mini").display().to_string(),
        "--scenario",
        &fil.display().to_string(),
        "--fordelning",
        "gemensam",
    ]);
    assert_eq!(j["fordelning"], "gemensam");
}

#[test]
fn tom_fil_ar_basscenariot() {
    let bas = json(&["forslag", &fixtur("mini").display().to_string()]);
    let tom = med_scenario("forslag", "");
    assert_eq!(bas["ramutrymme"], tom["ramutrymme"]);
    assert_eq!(bas["namnder"], tom["namnder"]);
}

#[test]
fn felaktiga_scenarier() {
    let fall = [
        ("okand = 1\n", "okand", "okänd nyckel"),
        ("fordelning = \"lotteri\"\n", "fordelning", "okänd fördelningsregel"),
        ("[skatteunderlag]\n2031 = 1.0\n", "skatteunderlag.2031", "utanför modellens år"),
        ("[skatteunderlag]\nar = 1.0\n", "skatteunderlag.ar", "inte ett årtal"),
        ("resultat_procent = \"två\"\n", "resultat_procent", "inte ett tal"),
        ("[index.hyran]\n2026 = 1\n", "index.hyran", "finns inte i skr"),
        (
            "[skattesats]\nforandring = -25\n",
            "skattesats.forandring",
            "−25 kr per 100 kr ligger utanför det rimliga intervallet −10 till 10 kr per 100 kr",
        ),
        // Issue 10 item 10: absurd levers are input errors naming file and key.
        (
            "[index.po]\n2025 = -140\n",
            "index.po.2025",
            "−140 procentenheter ligger utanför det rimliga intervallet −50 till 50",
        ),
        ("[skattesats]\nforandring = 1e12\n", "skattesats.forandring", "utanför det rimliga intervallet"),
        (
            "resultat_procent = 1000000000000\n",
            "resultat_procent",
            "ligger utanför det rimliga intervallet −50 till 50 procent",
        ),
        ("[effektivisering_procent]\n2026 = 1e9\n", "effektivisering_procent.2026", "intervallet 0 till 100 procent"),
        ("[effektivisering_procent]\n2026 = -1\n", "effektivisering_procent.2026", "intervallet 0 till 100 procent"),
        ("[skatteunderlag]\n2026 = -60\n", "skatteunderlag.2026", "−60 procentenheter ligger utanför"),
        ("[statsbidrag_kr_per_invanare]\n2026 = 1e6\n", "statsbidrag_kr_per_invanare.2026", "kr per invånare"),
        ("[intakter_tkr]\n2026 = 2e9\n", "intakter_tkr.2026", "2000000000 tkr ligger utanför"),
        ("[invanare]\n2025 = 2e7\n", "invanare.2025", "invånare ligger utanför"),
        // Issue 10 item 17: a negative population caused by a scenario blames the scenario.
        ("[invanare]\n2025 = -2000\n", "invanare.2025", "invånare 1 november 2025 blir negativt (1000 −2000 = −1000)"),
        ("[skattesats]\nny = 1\n", "skattesats.ny", "okänd nyckel"),
        ("namn = [1]\n", "namn", "en text förväntas"),
        ("[invanare\n", "", "inte giltig TOML"),
    ];
    for (toml, nyckel, text) in fall {
        let dir = tempfile::tempdir().unwrap();
        let fil = dir.path().join("fel.toml");
        std::fs::write(&fil, toml).unwrap();
        let ut = ramverk()
            .args(["forslag", &fixtur("mini").display().to_string(), "--scenario", &fil.display().to_string()])
            .output()
            .unwrap();
        assert_eq!(ut.status.code(), Some(2), "{toml}");
        let fel = String::from_utf8_lossy(&ut.stderr);
        assert!(fel.contains("fel.toml rad "), "{toml}: {fel}");
        assert!(fel.contains(nyckel) && fel.contains(text), "{toml}: {fel}");
        assert!(ut.stdout.is_empty());
    }
}

/// Issue 10 item 10: a series plus the scenario's points at −100 % or lower
/// divided by zero in Flön; it is an error naming the scenario file and key.
#[test]
fn serie_med_procentenheter_under_minus_hundra() {
    let d = common::kopia("mini");
    let skr = std::fs::read_to_string(d.path().join("skr.csv")).unwrap().replace("lon;3;3;3", "lon;-60;3;3");
    std::fs::write(d.path().join("skr.csv"), skr).unwrap();
    let fil = d.path().join("po.toml");
    std::fs::write(&fil, "[index.lon]\n2025 = -40\n").unwrap();
    let ut = ramverk()
        .args(["forslag", &d.path().display().to_string(), "--scenario", &fil.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(ut.status.code(), Some(2));
    let fel = String::from_utf8_lossy(&ut.stderr);
    assert!(
        fel.contains(
            "po.toml rad 2, nyckel \"index.lon.2025\": serien lon blir −100 % år 2025 (−60 − 40 procentenheter)"
        ),
        "{fel}"
    );
}

/// Issue 10 item 17: a negative population from the population table plus a
/// scenario's change blamed modell.toml; it names the scenario file and key.
#[test]
fn negativ_befolkning_fran_scenariot() {
    let d = common::kopia("mini");
    let toml = d.path().join("modell.toml");
    let text = std::fs::read_to_string(&toml).unwrap().replace("invanare_1_november = { 2025 = 1000, 2026 = 990 }", "");
    std::fs::write(&toml, text).unwrap();
    let fil = d.path().join("flytt.toml");
    std::fs::write(&fil, "[invanare]\n2025 = -5000\n").unwrap();
    let ut = ramverk()
        .args(["forslag", &d.path().display().to_string(), "--scenario", &fil.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(ut.status.code(), Some(2));
    let fel = String::from_utf8_lossy(&ut.stderr);
    assert!(
        fel.contains("fel: flytt.toml, nyckel \"invanare.2025\": invånare 1 november 2025 blir negativt ("),
        "{fel}"
    );
    assert!(!fel.contains("modell.toml"), "{fel}");
}

//! The small model `fixtures/mini`, computed by hand: every figure below is
//! derived in the comments from MODELL.md and compared with the binary.

mod common;

use common::{json::*, *};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn mini() -> String {
    fixtur("mini").display().to_string()
}

fn valda(v: &serde_json::Value) -> Vec<String> {
    v["vf"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["vald"] == true)
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn intakter_och_ramutrymme() {
    let j = json(&["ram", &mini()]);
    // P'(2026) = 1000 (1 Nov 2025), Pskr = 1000: r = 1, so S = 80000 + 20000 + 1000 + 4000.
    assert_eq!(j["invanare"]["2026"], 1000);
    nara(tal(&j, "intakter.2026.summa"), dec!(105000));
    // P'(2027) = 990: r = 0.99 on skatt, inkomstutjämning and per_invanare; fast unchanged.
    // 82000·0.99 + 20500·0.99 + 1000·0.99 + 4000 = 81180 + 20295 + 990 + 4000.
    nara(tal(&j, "intakter.2027.summa"), dec!(106465));
    // PK = 4000·1.25 − 2000 (i_ramar, no löneskatt).
    nara(tal(&j, "pension.2026"), dec!(3000));
    // C(2026) = 1000 − internränta 1000·3 % (I1) + extern ränta 1000·50 %·2 % = 1000 − 30 + 10.
    nara(tal(&j, "centrala_poster.2026"), dec!(980));
    // C(2027) = 1000 − (900·3 % + 500·3 %) + (900 + 500)·50 %·2 % = 1000 − 42 + 14.
    nara(tal(&j, "centrala_poster.2027"), dec!(972));
    nara(tal(&j, "resultatmal.2027"), dec!(2129.3));
    // U = S − PK − C − M.
    nara(tal(&j, "ramutrymme.2026"), dec!(98920));
    nara(tal(&j, "ramutrymme.2027"), dec!(100363.7));
}

#[test]
fn procentuell_ram() {
    let j = json(&["ram", &mini()]);
    // procent(2026) = (98920/99000 − 1)·100.
    nara(tal(&j, "procent.2026"), (dec!(98920) / dec!(99000) - Decimal::ONE) * dec!(100));
    nara(tal(&j, "procent.2027"), (dec!(100363.7) / dec!(98920) - Decimal::ONE) * dec!(100));
    // ram(A) = 60000·98920/99000 = 59951.5151…, ram(B) = 38968.4848…
    nara(tal(&j, "namnder.0.ram.2026"), dec!(60000) * dec!(98920) / dec!(99000));
    // §10: floors 59951 + 38968 = 98919; the missing unit goes to A (remainder .515 > .485).
    assert_eq!(tal(&j, "namnder.0.ram_avrundad.2026"), dec!(59952));
    assert_eq!(tal(&j, "namnder.1.ram_avrundad.2026"), dec!(38968));
    // kostnadsutveckling = 99000·1.02, then ·1.03.
    nara(tal(&j, "kostnadsutveckling.2026"), dec!(100980));
    nara(tal(&j, "kostnadsutveckling.2027"), dec!(104009.4));
    nara(tal(&j, "differens.2027"), dec!(-3645.7));
}

#[test]
fn kostnad_for_befintlig_verksamhet() {
    let j = json(&["befintlig", &mini()]);
    // Flön(2026) = 1.03 · 1.41/1.40 (PO rises from 40 to 41 %).
    let flon = dec!(1.03) * dec!(1.41) / dec!(1.40);
    // A: 50000·Flön + 5000·1.02 + 10000·1.01 − 5000·1.10 (avgifter +10 %).
    let index_a = dec!(50000) * flon + dec!(5100) + dec!(10100) - dec!(5500);
    nara(tal(&j, "namnder.0.delar.2026.index"), index_a);
    nara(tal(&j, "namnder.0.delar.2026.kanda"), dec!(500));
    // I1: avskrivning 1000/10 + internränta 1000·3 %.
    nara(tal(&j, "namnder.0.delar.2026.kapital"), dec!(130));
    nara(tal(&j, "namnder.0.kostnad_befintlig.2026"), index_a + dec!(630));
    // B has no breakdown: 39000·Fpkv(2026) = 39780.
    nara(tal(&j, "namnder.1.delar.2026.index"), dec!(39780));
    // Demography 0-5: avg 2025 = 60, 2026 = 55, 2027 = 45; 100 tkr per child.
    // DEM(2026) = 1.02·100·(55 − 60); DEM(2027) = 1.02·1.03·100·(45 − 60).
    nara(tal(&j, "namnder.1.delar.2026.demografi"), dec!(-510));
    nara(tal(&j, "namnder.1.delar.2027.demografi"), dec!(-1575.9));
    assert_eq!(j["namnder"][1]["demografi"][0]["aldersgrupp"], "0-5");
    nara(tal(&j, "namnder.1.demografi.0.niva.2025"), dec!(6000));
    nara(tal(&j, "namnder.1.demografi.0.niva.2026"), dec!(5610));
    nara(tal(&j, "namnder.1.demografi.0.niva.2027"), dec!(4727.7));
    // I2 (B, activated 2026): first depreciation 2027: 100 + 500·3 %.
    nara(tal(&j, "namnder.1.delar.2026.kapital"), dec!(0));
    nara(tal(&j, "namnder.1.delar.2027.kapital"), dec!(115));
    // Glapp = U − ΣKB.
    nara(tal(&j, "glapp.2026"), dec!(98920) - (index_a + dec!(630)) - dec!(39270));
}

#[test]
fn proportionell_fordelning() {
    let j = json(&["forslag", &mini(), "--fordelning", "proportionell"]);
    // Σ KB > U: each nämnd's room is KB·(U/ΣKB − 1) < 0; A ≈ −1562 takes −1000, −800;
    // B ≈ −986 takes −300, −2000 (the last overshoots).
    assert_eq!(valda(&j), ["A-2", "A-3", "B-2", "B-3"]);
    let kb_a = tal(&j, "namnder.0.kostnad_befintlig.2026");
    nara(tal(&j, "namnder.0.ram.2026"), kb_a - dec!(1800));
    // ram(B,2026) = 39270 − 2300.
    nara(tal(&j, "namnder.1.ram.2026"), dec!(36970));
    let mal_b = tal(&j, "namnder.1.mal_ram");
    nara(tal(&j, "namnder.1.kvar_att_hantera"), mal_b - dec!(36970));
    nara(mal_b, dec!(39270) * dec!(98920) / (kb_a + dec!(39270)));
    // Plan year: A-3 is −900 in 2027.
    nara(tal(&j, "namnder.0.ram.2027"), tal(&j, "namnder.0.kostnad_befintlig.2027") - dec!(1900));
}

#[test]
fn gemensam_fordelning() {
    let j = json(&["forslag", &mini(), "--fordelning", "gemensam"]);
    // Order: A-2 (1, A), A-4 (kommunprioritet 1, A), B-2 (1, B), A-3 (2, A), B-3 (2, B).
    // Running sum −1000, −1600, −1900, −2700 ≤ G ≈ −2547.9: stop.
    assert_eq!(valda(&j), ["A-2", "A-3", "A-4", "B-2"]);
}

#[test]
fn optimal_fordelning() {
    let j = json(&["forslag", &mini(), "--fordelning", "optimal"]);
    // G̃ = −2548. A prefixes: 1000, 1800, 2400 (värde 1, 2, 3); B: 300 (värde 2), 2300 (3).
    // Covering 2548 at least värde: A1 + B2 = 3300 with värde 4 (A3 + B1 and A2 + B2 have 5).
    assert_eq!(valda(&j), ["A-2", "B-2", "B-3"]);
}

#[test]
fn resultat_och_soliditet() {
    let j = json(&["forslag", &mini(), "--fordelning", "proportionell"]);
    let summa_ramar = tal(&j, "namnder.0.ram.2026") + tal(&j, "namnder.1.ram.2026");
    // resultat = S − PK − C − Σ ram.
    let resultat = dec!(105000) - dec!(3000) - dec!(980) - summa_ramar;
    nara(tal(&j, "resultat.2026"), resultat);
    nara(tal(&j, "ej_fordelat.2026"), dec!(98920) - summa_ramar);
    nara(tal(&j, "resultat_procent.2026"), resultat / dec!(105000) * dec!(100));
    assert_eq!(j["balanskrav_uppfyllt"]["2026"], true);
    // EK = 20000 + resultat; TA = 100000 + resultat + nya lån (I2: 500·50 %).
    let ek = dec!(20000) + resultat;
    let ta = dec!(100000) + resultat + dec!(250);
    nara(tal(&j, "soliditet.2026"), ek / ta * dec!(100));
    // AF(2026) from the pension forecast (9000); 2027 is empty → AF(t0) = 10000.
    nara(tal(&j, "soliditet_inkl_pension.2026"), (ek - dec!(9000)) / ta * dec!(100));
    assert_eq!(tal(&j, "balans.ansvarsforbindelse.2027"), dec!(10000));
    // Koncern: the companies' result 1000 is added in 2026.
    let ek_k = dec!(30000) + resultat + dec!(1000);
    let ta_k = dec!(200000) + resultat + dec!(1000) + dec!(250);
    nara(tal(&j, "koncern.soliditet.2026"), ek_k / ta_k * dec!(100));
}

#[test]
fn forklara_summerar_till_ramen() {
    let j = json(&["forklara", &mini(), "--namnd", "A", "--fordelning", "proportionell"]);
    assert_eq!(j["ar"], 2026);
    let summa: Decimal =
        j["termer"].as_array().unwrap().iter().map(|t| t["belopp"].as_str().unwrap().parse::<Decimal>().unwrap()).sum();
    assert_eq!(summa, tal(&j, "ram"));
    let f = json(&["forslag", &mini(), "--fordelning", "proportionell"]);
    assert_eq!(tal(&j, "ram"), tal(&f, "namnder.0.ram.2026"));
    assert_eq!(tal(&j, "kostnad_befintlig"), tal(&f, "namnder.0.kostnad_befintlig.2026"));
}

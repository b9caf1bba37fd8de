//! The optimal rule at any size, and the simulation around it: large
//! generated models select what a generic MILP solver (HiGHS) proves optimal,
//! more than 65 535 items in one nämnd are selected and simulated correctly,
//! an enormous gap takes every cut at once, and no draws is an input error.

mod common;

#[path = "../benches/stod/optimal_modell.rs"]
#[allow(dead_code)]
mod optimal_modell;

use common::{json::*, *};
use optimal_modell::Storlek;
use rust_decimal::Decimal;
use serde_json::Value;

/// Σ värde and Σ |b̃| of the selected items.
fn summor(f: &Value) -> (Decimal, Decimal) {
    f["vf"].as_array().unwrap().iter().filter(|p| p["vald"] == true).fold(
        (Decimal::ZERO, Decimal::ZERO),
        |(v, w), p| {
            let b =
                tal(p, "belopp.2026").round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            (v + tal(p, "varde"), w + b.abs())
        },
    )
}

fn forslag(s: &Storlek) -> (tempfile::TempDir, Value) {
    let dir = tempfile::tempdir().unwrap();
    optimal_modell::skriv(s, dir.path());
    let f = json(&["forslag", &dir.path().display().to_string()]);
    (dir, f)
}

#[test]
fn stora_modeller_valjer_som_highs() {
    // (Σ värde, Σ |b̃|) of the optimum HiGHS proves for the same generated models
    // (../shared/peers/milp_opt.py, with the models written by `skriv_modeller`).
    for (s, vantat) in [
        (Storlek::minskningar(40, 50, 1), (134, 442_262)),
        (Storlek::minskningar(40, 50, 100), (134, 44_226_200)),
        (Storlek { fin: true, ..Storlek::minskningar(40, 50, 100) }, (134, 44_225_951)),
        (Storlek::minskningar(160, 50, 1), (491, 1_651_359)),
        (Storlek { tillskott: true, ..Storlek::minskningar(40, 50, 10) }, (735, 4_420_440)),
    ] {
        let (_dir, f) = forslag(&s);
        assert_eq!(summor(&f), (Decimal::from(vantat.0), Decimal::from(vantat.1)), "{s:?}");
    }
}

/// Writes the generated models for the peers: `RAMVERK_MODELLER=dir cargo test --test optimal_robust -- --ignored`.
#[test]
#[ignore]
fn skriv_modeller() {
    let Some(dir) = std::env::var_os("RAMVERK_MODELLER") else { return };
    let dir = std::path::PathBuf::from(dir);
    for (namn, s) in [
        ("m40x50x1", Storlek::minskningar(40, 50, 1)),
        ("m40x50x10", Storlek::minskningar(40, 50, 10)),
        ("m40x50x100", Storlek::minskningar(40, 50, 100)),
        ("m40x50x100f", Storlek { fin: true, ..Storlek::minskningar(40, 50, 100) }),
        ("m160x50x1", Storlek::minskningar(160, 50, 1)),
        ("m40x50x10t", Storlek { tillskott: true, ..Storlek::minskningar(40, 50, 10) }),
    ] {
        optimal_modell::skriv(&s, &dir.join(namn));
    }
}

/// A model of one nämnd with `n` cuts (or additions) of 1 tkr, värde 1, and the given gap.
fn en_lang_lista(n: usize, tillskott: bool, glapp: i64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let ram = 1_000_000i64;
    // KB(B) = ram·1.02 (PKV 2 %); U = S·0.98.
    let skatt = Decimal::from(ram * 102 / 100 + glapp) / Decimal::new(98, 2);
    let (typ, tecken) = if tillskott { ("tillskott", 1) } else { ("minskning", -1) };
    let vf: String = (1..=n).map(|i| format!("N0;P{i};Post;{typ};{i};{};1\n", tecken)).collect();
    for (namn, text) in [
        ("modell.toml", "[kommun]\nnamn = \"Lång lista\"\n[period]\nbasar = 2025\nantal_ar = 1\n[skatt]\nskattesats = 20\n[mal]\nresultat_procent = 2\n[fordelning]\nregel = \"optimal\"\n[befolkning]\ninvanare_1_november = { 2025 = 1000 }\n".to_string()),
        ("ramar.csv", format!("nämnd;namn;ram\nN0;Nämnden;{ram}\n")),
        ("skr.csv", "serie;2025;2026\nskatteunderlag;4;4\npkv;2;2\n".to_string()),
        ("skatter-och-bidrag.csv", format!("post;typ;2026\nSkatt;skatt;{skatt}\nInvånare 1 november;invanare;1000\n")),
        ("vf.csv", format!("nämnd;id;rubrik;typ;prioritet;2026;värde\n{vf}")),
    ] {
        std::fs::write(dir.path().join(namn), text).unwrap();
    }
    dir
}

fn valda(f: &Value) -> usize {
    f["vf"].as_array().unwrap().iter().filter(|p| p["vald"] == true).count()
}

#[test]
fn fler_an_65535_poster_i_en_namnd_valjs_och_simuleras_ratt() {
    // Issue 10.7: a 16-bit choice table kept 292 of 65 829 cuts.
    let dir = en_lang_lista(70_000, false, -65_829);
    let m = dir.path().display().to_string();
    let f = json(&["forslag", &m]);
    assert_eq!(tal(&f, "glapp.2026").round(), Decimal::from(-65_829));
    assert_eq!(valda(&f), 65_829);
    // Without spread every draw is the deterministic result.
    let osakerhet = dir.path().join("osakerhet.toml");
    std::fs::write(&osakerhet, "dragningar = 2000\n[skatteunderlag]\n2026 = 0\n").unwrap();
    let s = json(&["simulera", &m, "--osakerhet", &osakerhet.display().to_string()]);
    for (v, fv) in s["vf"].as_array().unwrap().iter().zip(f["vf"].as_array().unwrap()) {
        let vantat = if fv["vald"] == true { Decimal::ONE } else { Decimal::ZERO };
        assert_eq!(tal(v, "sannolikhet_vald"), vantat, "{}", v["id"]);
    }
    // With spread: a draw's gap moves by a few tkr, so about as many cuts as the gap.
    std::fs::write(&osakerhet, "dragningar = 2000\n[skatteunderlag]\n2026 = 0.001\n").unwrap();
    let s = json(&["simulera", &m, "--osakerhet", &osakerhet.display().to_string()]);
    let sannolikhet = |i: usize| tal(&s["vf"][i], "sannolikhet_vald");
    assert_eq!(sannolikhet(0), Decimal::ONE);
    assert_eq!(sannolikhet(65_000), Decimal::ONE);
    assert_eq!(sannolikhet(69_999), Decimal::ZERO);
    // The spread did something: around the 65 829th cut the selection varies between draws,
    // and on average about as many cuts as the gap are taken.
    assert!((65_700..65_960).any(|i| sannolikhet(i) > Decimal::ZERO && sannolikhet(i) < Decimal::ONE));
    let summa: Decimal = (0..70_000).map(sannolikhet).sum();
    assert!((summa - Decimal::from(65_829)).abs() < Decimal::from(20), "Σp = {summa}");
    let dir = en_lang_lista(70_000, true, 66_000);
    assert_eq!(valda(&json(&["forslag", &dir.path().display().to_string()])), 66_000);
}

#[test]
fn enorm_glapp_tar_alla_minskningar_eller_tillskott() {
    // Issue 10.1: a gap of −3·10⁹ tkr allocated 24 GB and aborted.
    let dir = en_lang_lista(50, false, -900_000);
    let kopia = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(dir.path()).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), kopia.path().join(f.file_name())).unwrap();
    }
    // Frames of 10¹² tkr against the same revenue: the gap is about −10¹² tkr.
    std::fs::write(kopia.path().join("ramar.csv"), "nämnd;namn;ram\nN0;Nämnden;1000000000000\n").unwrap();
    let f = json(&["forslag", &kopia.path().display().to_string()]);
    assert!(tal(&f, "glapp.2026") < Decimal::from(-900_000_000_000i64));
    assert_eq!(valda(&f), 50);
    let dir = en_lang_lista(50, true, 900_000_000_000);
    assert_eq!(valda(&json(&["forslag", &dir.path().display().to_string()])), 50);
}

#[test]
fn inga_dragningar_ar_ett_indatafel() {
    // Issue 10.13: `--dragningar 0` gave every probability 0 and exit 0.
    let m = ramverk::inlasning::las_modell(&common::fixtur("mini")).unwrap().modell;
    let s = ramverk::modell::Scenario::bas();
    let bas = ramverk::berakning::forslag::Forslag::berakna(&m, &s, None).unwrap();
    let sp = ramverk::berakning::simulering::Spridning { invanare: 10.0, skatteunderlag: 1.0, lon: 0.5 };
    let fel = ramverk::berakning::simulering::kor(&bas, sp, 0, 1, &|_| {}).unwrap_err();
    assert_eq!(
        fel.to_string(),
        "fel: --dragningar: antalet dragningar ska vara ett heltal mellan 1 och 1000000000000, inte 0\n"
    );
    assert!(ramverk::berakning::simulering::kor(&bas, sp, 1, 1, &|_| {}).is_ok());
    let _ = ramverk;
}

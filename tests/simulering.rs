//! `simulera`: reproducible, exact at zero deviation, accurate percentiles,
//! probabilities 0 or 1 where nothing can change, and bad files rejected.

mod common;

use common::{json::*, *};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

fn osakerhet(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("osakerhet.toml");
    std::fs::write(&fil, text).unwrap();
    let f = fil.display().to_string();
    (dir, f)
}

fn simulera(modell: &str, text: &str, extra: &[&str]) -> Value {
    let (_dir, fil) = osakerhet(text);
    let mut args = vec!["simulera", modell, "--osakerhet", &fil];
    args.extend(extra);
    json(&args)
}

#[test]
fn utan_avvikelse_blir_varje_dragning_det_deterministiska_resultatet() {
    for (modell, regler) in [
        ("mini", ["proportionell", "gemensam", "optimal"]),
        ("hedemora-2026", ["proportionell", "gemensam", "optimal"]),
    ] {
        let m = fixtur(modell).display().to_string();
        for regel in regler {
            let f = json(&["forslag", &m, "--fordelning", regel]);
            let text = format!("dragningar = 3000\nfordelning = \"{regel}\"\n[skatteunderlag]\n2026 = 0\n");
            let s = simulera(&m, &text, &[]);
            assert_eq!(s["fordelning"], regel);
            for p in ["p5", "p50", "p95"] {
                assert_eq!(tal(&s, &format!("ramutrymme.{p}")), tal(&f, "ramutrymme.2026"));
                assert_eq!(tal(&s, &format!("glapp.{p}")), tal(&f, "glapp.2026"));
                assert_eq!(tal(&s, &format!("resultat_procent.{p}")), tal(&f, "resultat_procent.2026"));
            }
            for (v, fv) in s["vf"].as_array().unwrap().iter().zip(f["vf"].as_array().unwrap()) {
                assert_eq!(v["id"], fv["id"]);
                let vantat = if fv["vald"] == true { Decimal::ONE } else { Decimal::ZERO };
                assert_eq!(tal(v, "sannolikhet_vald"), vantat, "{modell} {regel} {}", v["id"]);
            }
            let negativ = if f["balanskrav_uppfyllt"]["2026"] == true { Decimal::ZERO } else { Decimal::ONE };
            assert_eq!(tal(&s, "sannolikhet_negativt_resultat"), negativ);
        }
    }
}

#[test]
fn samma_seed_ger_samma_utdata_med_en_och_tva_tradar() {
    let m = fixtur("hedemora-2026").display().to_string();
    let fil = scenario("osakerhet.toml").display().to_string();
    let kor = |tradar: &str, seed: &str| {
        let ut = ramverk()
            .env("RAYON_NUM_THREADS", tradar)
            .args(["simulera", &m, "--osakerhet", &fil, "--dragningar", "300000", "--seed", seed, "--json"])
            .output()
            .unwrap();
        assert!(ut.status.success());
        ut.stdout
    };
    assert_eq!(kor("1", "7"), kor("2", "7"));
    assert_ne!(kor("2", "7"), kor("2", "8"));
}

#[test]
fn en_normalfordelad_spak_ger_analytiska_percentiler() {
    // Only the population varies: ΔS = ΔP/Pskr·(a1 + a2) = ΔP·(100000 + 1000)/1000 tkr,
    // ΔU = 0.98·ΔS. With σP = 10 persons, U(2026) ~ N(98920, 989.8²).
    let m = fixtur("mini").display().to_string();
    let n = 200_000u32;
    let s = simulera(&m, "seed = 11\n[invanare]\n2025 = 10\n", &["--dragningar", &n.to_string()]);
    let sd = 989.8f64;
    let z = 1.644_853_626_951_472_f64;
    // Standard error of a sample quantile: √(p(1−p)/n)/φ(z)·σ.
    let se = |p: f64, phi: f64| (p * (1.0 - p) / n as f64).sqrt() / phi * sd;
    let phi_z = (-z * z / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let phi_0 = 1.0 / (2.0 * std::f64::consts::PI).sqrt();
    let noggrannhet = tal(&s, "ramutrymme.noggrannhet");
    assert!(noggrannhet < dec!(0.1), "{noggrannhet}");
    for (p, q, phi) in [("p5", 0.05, phi_z), ("p50", 0.5, phi_0), ("p95", 0.95, phi_z)] {
        let analytisk = 98920.0
            + sd * match p {
                "p5" => -z,
                "p95" => z,
                _ => 0.0,
            };
        let v: f64 = s["ramutrymme"][p].as_str().unwrap().parse().unwrap();
        let tolerans = 4.0 * se(q, phi) + rust_decimal::prelude::ToPrimitive::to_f64(&noggrannhet).unwrap();
        assert!((v - analytisk).abs() < tolerans, "{p}: {v} mot {analytisk} (±{tolerans})");
    }
}

#[test]
fn sannolikheter_ar_noll_eller_ett_dar_utfallet_inte_kan_andras() {
    // σ = 0.05 persons moves U by about 5 tkr: far from every limit of the mini model (≥ 200 tkr).
    let m = fixtur("mini").display().to_string();
    let s = simulera(&m, "[invanare]\n2025 = 0.05\n", &["--dragningar", "50000"]);
    let f = json(&["forslag", &m]);
    for (v, fv) in s["vf"].as_array().unwrap().iter().zip(f["vf"].as_array().unwrap()) {
        let vantat = if fv["vald"] == true { Decimal::ONE } else { Decimal::ZERO };
        assert_eq!(tal(v, "sannolikhet_vald"), vantat, "{}", v["id"]);
    }
    assert_eq!(tal(&s, "sannolikhet_negativt_resultat"), Decimal::ZERO);
    // The result is far above the 2 % target in every draw.
    assert_eq!(tal(&s, "sannolikhet_under_mal"), Decimal::ZERO);
    assert_eq!(s["dragningar"], 50000);
}

#[test]
fn dragningar_och_seed_fran_fil_och_flaggor() {
    let m = fixtur("mini").display().to_string();
    let s = simulera(&m, "dragningar = 1234\nseed = 5\n[lon]\n2026 = 0.5\n", &[]);
    assert_eq!((s["dragningar"].as_u64(), s["seed"].as_u64()), (Some(1234), Some(5)));
    let s = simulera(&m, "dragningar = 1234\nseed = 5\n", &["--dragningar", "99", "--seed", "6"]);
    assert_eq!((s["dragningar"].as_u64(), s["seed"].as_u64()), (Some(99), Some(6)));
}

#[test]
fn felaktiga_osakerhetsfiler() {
    let m = fixtur("mini").display().to_string();
    for (text, vantat) in [
        ("okand = 1\n", "osakerhet.toml rad 1, nyckel \"okand\": okänd nyckel"),
        ("[lon]\n2026 = -0.5\n", "nyckel \"lon.2026\": en standardavvikelse kan inte vara negativ"),
        (
            "[skatteunderlag]\n2040 = 1\n",
            "nyckel \"skatteunderlag.2040\": år 2040 ligger utanför modellens år 2025–2027",
        ),
        ("dragningar = 0\n", "nyckel \"dragningar\": ett heltal mellan 1 och"),
        ("fordelning = \"slump\"\n", "okänd fördelningsregel \"slump\""),
        ("[invanare]\n2025 = \"många\"\n", "\"många\" är inte ett tal"),
    ] {
        let (_dir, fil) = osakerhet(text);
        let ut = ramverk().args(["simulera", &m, "--osakerhet", &fil]).output().unwrap();
        assert_eq!(ut.status.code(), Some(2), "{text}");
        let fel = String::from_utf8_lossy(&ut.stderr);
        assert!(fel.contains(vantat), "{text}: {fel}");
    }
    let ut = ramverk().args(["simulera", &m, "--osakerhet", "/finns/inte.toml"]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
}

//! `ramverk uppfolj --json` (MODELL §13) through the binary: the Hedemora
//! fixture for March, August and October against golden documents and
//! against the figures `fixtures/sie/skapa.py` computes on its own, every
//! method and the seasonal fallback, the nämnder's own forecasts, the budget
//! changes before and after the period, and a small hand-computed model for
//! every method up to December.

mod common;

use common::{json::*, *};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// `uppfolj` of `modell` with the fixture's SIE files, as JSON.
fn uppfolj_i(modell: &Path, period: &str, args: &[&str]) -> Value {
    let ut = uppfolj_kommando(modell, period, args).arg("--json").output().unwrap();
    assert!(ut.status.success(), "uppfolj {period} {args:?}: {}", String::from_utf8_lossy(&ut.stderr));
    serde_json::from_slice(&ut.stdout).unwrap()
}

fn uppfolj(period: &str, args: &[&str]) -> Value {
    uppfolj_i(&hedemora(), period, args)
}

/// The Hedemora model without the nämnders' own forecasts, as the generator computes.
fn utan_egna_prognoser(mapp: &Path) -> PathBuf {
    let modell = mapp.join("hedemora");
    kopiera_modell(&hedemora(), &modell);
    std::fs::remove_file(modell.join("prognoser.csv")).unwrap();
    modell
}

fn namnd<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["namnder"].as_array().unwrap().iter().find(|n| n["id"] == id).unwrap_or_else(|| panic!("{id} saknas"))
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("inget belopp: {v}")).parse().unwrap()
}

fn en_decimal(v: &Value) -> Decimal {
    ramverk::tal::avrunda(dec(v), 1)
}

/// (id, budget', ack, linjar, sasong (None: falls back to linjar), budget) per period, tkr to one
/// decimal, as `python3 fixtures/sie/skapa.py` prints them.
type Rad = (&'static str, Decimal, Decimal, Decimal, Option<Decimal>, Decimal);

fn generatorn() -> Vec<(u32, [Rad; 6])> {
    vec![
        (
            3,
            [
                ("KS", dec!(157371.0), dec!(37301.6), dec!(149206.2), Some(dec!(154357.0)), dec!(157217.3)),
                ("BIN", dec!(502578.0), dec!(125935.0), dec!(503740.0), Some(dec!(505713.2)), dec!(505103.9)),
                ("ON", dec!(440737.0), dec!(109770.9), dec!(439083.6), Some(dec!(448106.1)), dec!(443318.7)),
                ("MSN", dec!(59354.0), dec!(13463.2), dec!(53852.8), Some(dec!(57468.2)), dec!(59151.1)),
                ("REV", dec!(1688.0), dec!(396.1), dec!(1584.2), Some(dec!(1679.0)), dec!(1662.1)),
                ("OFN", dec!(2449.0), dec!(625.9), dec!(2503.6), None, dec!(2480.4)),
            ],
        ),
        (
            8,
            [
                ("KS", dec!(155871.0), dec!(97487.6), dec!(146231.4), Some(dec!(154744.4)), dec!(155021.0)),
                ("BIN", dec!(504578.0), dec!(325365.9), dec!(488048.9), Some(dec!(504693.4)), dec!(503987.4)),
                ("ON", dec!(442237.0), dec!(286433.4), dec!(429650.1), Some(dec!(446556.4)), dec!(444339.6)),
                ("MSN", dec!(59354.0), dec!(36259.2), dec!(54388.8), Some(dec!(57780.1)), dec!(58285.1)),
                ("REV", dec!(1688.0), dec!(1037.2), dec!(1555.8), Some(dec!(1680.6)), dec!(1599.9)),
                ("OFN", dec!(2449.0), dec!(1632.5), dec!(2448.7), None, dec!(2528.6)),
            ],
        ),
        (
            10,
            [
                ("KS", dec!(155871.0), dec!(124357.5), dec!(149229.0), Some(dec!(154785.7)), dec!(154764.6)),
                ("BIN", dec!(504578.0), dec!(411455.4), dec!(493746.5), Some(dec!(505005.1)), dec!(503879.1)),
                ("ON", dec!(442237.0), dec!(362858.8), dec!(435430.6), Some(dec!(446520.9)), dec!(444940.4)),
                ("MSN", dec!(59354.0), dec!(46267.5), dec!(55521.0), Some(dec!(57772.2)), dec!(57941.4)),
                ("REV", dec!(1688.0), dec!(1337.4), dec!(1604.9), Some(dec!(1684.3)), dec!(1618.8)),
                ("OFN", dec!(2449.0), dec!(2077.2), dec!(2492.7), None, dec!(2548.9)),
            ],
        ),
    ]
}

#[test]
fn gyllene_dokument_mars_augusti_oktober() {
    for period in ["2026-03", "2026-08", "2026-10"] {
        let doc = uppfolj(period, &[]);
        insta::assert_snapshot!(format!("uppfolj_{period}"), serde_json::to_string_pretty(&doc).unwrap());
    }
}

#[test]
fn varje_metod_som_generatorn_raknar() {
    let dir = tempfile::tempdir().unwrap();
    let modell = utan_egna_prognoser(dir.path());
    for (m, rader) in generatorn() {
        let period = format!("2026-{m:02}");
        let dok: Vec<(&str, Value)> = ["linjar", "sasong", "budget"]
            .into_iter()
            .map(|metod| (metod, uppfolj_i(&modell, &period, &["--metod", metod])))
            .collect();
        for (id, budget, ack, linjar, sasong, budgetmetod) in rader {
            for (metod, doc) in &dok {
                assert_eq!(doc["metod"], *metod);
                let n = namnd(doc, id);
                assert_eq!(en_decimal(&n["budget_justerad"]), budget, "{id} {period}");
                assert_eq!(en_decimal(&n["utfall_ack"]), ack, "{id} {period}");
                let vantad = match *metod {
                    "linjar" => linjar,
                    "sasong" => sasong.unwrap_or(linjar),
                    _ => budgetmetod,
                };
                assert_eq!(en_decimal(&n["prognos_berakning"]), vantad, "{id} {metod} {period}");
                // Without an own forecast the computed one is used.
                assert_eq!(n["prognos_namnd"], Value::Null);
                assert_eq!(n["prognos"], n["prognos_berakning"]);
                let anvand = if *metod == "sasong" && sasong.is_none() { "linjar" } else { metod };
                assert_eq!(n["metod"], anvand, "{id} {metod} {period}");
                nara(dec(&n["avvikelse"]), dec(&n["budget_justerad"]) - dec(&n["prognos"]));
            }
        }
        // The seasonal fallback: one warning, naming OFN; none for the other methods.
        let varningar = |doc: &Value| doc["varningar"].as_array().unwrap().clone();
        let sasong = &dok[1].1;
        assert_eq!(varningar(sasong).len(), 1, "{:?}", varningar(sasong));
        assert!(varningar(sasong)[0].as_str().unwrap().starts_with("Överförmyndaren (OFN): säsongsprognos"));
        assert!(varningar(&dok[0].1).is_empty() && varningar(&dok[2].1).is_empty());
    }
}

#[test]
fn atgardsplanerna_som_generatorn_raknar() {
    let dir = tempfile::tempdir().unwrap();
    let modell = utan_egna_prognoser(dir.path());
    let plan = |doc: &Value, id: &str| {
        let p = &namnd(doc, id)["atgardsplan"];
        let poster: Vec<String> =
            p["poster"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_string()).collect();
        (p["behovs"].as_bool().unwrap(), poster, en_decimal(&p["summa"]), en_decimal(&p["otackt"]))
    };
    let mars = uppfolj_i(&modell, "2026-03", &[]);
    assert_eq!(plan(&mars, "BIN"), (true, vec!["BIN-8".into()], dec!(-4875.0), dec!(0.0)));
    assert_eq!(
        plan(&mars, "ON"),
        (true, vec!["ON-6".into(), "ON-7".into(), "ON-8".into()], dec!(-5400.0), dec!(-1969.1))
    );
    assert_eq!(plan(&mars, "OFN"), (true, vec![], dec!(0.0), dec!(-54.6)));
    assert_eq!(plan(&mars, "KS"), (false, vec![], dec!(0.0), dec!(0.0)));
    // Each item's effect is its amount for the rest of the year: −6 500 · 9/12.
    let bin8 = &namnd(&mars, "BIN")["atgardsplan"]["poster"][0];
    assert_eq!((dec(&bin8["belopp"]), dec(&bin8["effekt"])), (dec!(-6500), dec!(-4875)));
    assert_eq!(bin8["rubrik"], "Större klasser i högstadiet");
    let augusti = uppfolj_i(&modell, "2026-08", &[]);
    assert_eq!(
        plan(&augusti, "ON"),
        (true, vec!["ON-6".into(), "ON-7".into(), "ON-8".into()], dec!(-2400.0), dec!(-1919.4))
    );
    let med_plan: Vec<&str> = augusti["namnder"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["atgardsplan"]["behovs"] == true)
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(med_plan, ["ON"]);
    let oktober = uppfolj_i(&modell, "2026-10", &[]);
    assert_eq!(
        plan(&oktober, "ON"),
        (true, vec!["ON-6".into(), "ON-7".into(), "ON-8".into()], dec!(-1200.0), dec!(-3083.9))
    );
    assert_eq!(plan(&oktober, "OFN"), (true, vec![], dec!(0.0), dec!(-43.7)));
}

#[test]
fn namndernas_egna_prognoser_och_budgetandringar() {
    // prognoser.csv: ON 2026-03 447 500, ON 2026-08 446 000, BIN 2026-08 505 200, KS 2026-10 155 000.
    let mars = uppfolj("2026-03", &[]);
    let on = namnd(&mars, "ON");
    assert_eq!(dec(&on["prognos_namnd"]), dec!(447500));
    assert_eq!(dec(&on["prognos"]), dec!(447500));
    assert_eq!(en_decimal(&on["prognos_berakning"]), dec!(448106.1));
    assert_eq!(dec(&on["avvikelse"]), dec!(440737) - dec!(447500));
    // The plan follows the forecast used: −6 763 against ON-6, ON-7, ON-8 (−5 400) leaves −1 363.
    assert_eq!(dec(&on["atgardsplan"]["otackt"]), dec!(-1363));
    assert_eq!(namnd(&mars, "BIN")["prognos_namnd"], Value::Null);
    // The budget changes: KS → ON 1 500 on 22 April, RESULTAT → BIN 2 000 on 16 June.
    for (period, ks, on, bin) in [
        ("2026-03", dec!(0), dec!(0), dec!(0)),
        ("2026-08", dec!(-1500), dec!(1500), dec!(2000)),
        ("2026-10", dec!(-1500), dec!(1500), dec!(2000)),
    ] {
        let doc = uppfolj(period, &[]);
        for (id, andring, budget) in [("KS", ks, dec!(157371)), ("ON", on, dec!(440737)), ("BIN", bin, dec!(502578))] {
            let n = namnd(&doc, id);
            assert_eq!(dec(&n["budget"]), budget, "{id} {period}");
            assert_eq!(dec(&n["budgetandringar"]), andring, "{id} {period}");
            assert_eq!(dec(&n["budget_justerad"]), budget + andring, "{id} {period}");
        }
        // The change financed from the result lowers the budgeted result by 2 000 from June.
        let s = dec(&doc["summa"]["budget_justerad"]);
        assert_eq!(s, dec!(1164177) + bin, "{period}");
    }
    let aug = uppfolj("2026-08", &[]);
    assert_eq!(dec(&namnd(&aug, "BIN")["prognos"]), dec!(505200));
    assert_eq!(dec(&namnd(&aug, "ON")["prognos"]), dec!(446000));
    assert_eq!(dec(&namnd(&uppfolj("2026-10", &[]), "KS")["prognos"]), dec!(155000));
}

#[test]
fn summor_resultat_och_rapportnamn() {
    let forslag = json(&["forslag", hedemora().to_str().unwrap()]);
    let s = dec(&forslag["skatter_och_bidrag"]["2026"]);
    let pk = dec(&forslag["pension"]["2026"]);
    let c = dec(&forslag["centrala_poster"]["2026"]);
    for (period, rapport) in [
        ("2026-02", "Månadsrapport"),
        ("2026-03", "Månadsrapport med prognos och planerade åtgärder"),
        ("2026-06", "Uppföljning"),
        ("2026-08", "Delårsrapport"),
        ("2026-10", "Månadsrapport med prognos"),
    ] {
        let doc = uppfolj(period, &[]);
        assert_eq!(doc["rapport"], rapport);
        assert_eq!(doc["period"], period);
        assert_eq!(doc["ar"], 2026);
        assert_eq!(doc["kommun"], "Hedemora kommun");
        assert_eq!(doc["metod"], "sasong");
        let namnder = doc["namnder"].as_array().unwrap();
        let m: usize = period[5..].parse().unwrap();
        for n in namnder {
            let manader = n["utfall_manad"].as_object().unwrap();
            assert_eq!(manader.keys().cloned().collect::<Vec<_>>(), (1..=m).map(|k| k.to_string()).collect::<Vec<_>>());
            let summa: Decimal = manader.values().map(dec).sum();
            assert_eq!(summa, dec(&n["utfall_ack"]));
        }
        for nyckel in ["budget_justerad", "utfall_ack", "prognos", "avvikelse"] {
            let summa: Decimal = namnder.iter().map(|n| dec(&n[nyckel])).sum();
            assert_eq!(dec(&doc["summa"][nyckel]), summa, "{nyckel} {period}");
        }
        let (rb, rp) = (dec(&doc["resultat_budget"]), dec(&doc["resultat_prognos"]));
        assert_eq!(rb, s - pk - c - dec(&doc["summa"]["budget_justerad"]));
        assert_eq!(rp, s - pk - c - dec(&doc["summa"]["prognos"]));
        nara(dec(&doc["resultat_procent_prognos"]), rp / s * dec!(100));
        nara(dec(&doc["resultat_procent_budget"]), rb / s * dec!(100));
        assert_eq!(doc["balanskrav_uppfyllt_prognos"], rp >= Decimal::ZERO);
        for k in ["skatteintakter_ack", "statsbidrag_ack", "finansiella_intakter_ack", "finansiella_kostnader_ack"] {
            assert!(doc["finansiering"][k].is_string(), "{k}");
        }
    }
    // Skatteintäkter January–August: 8/12 of kommunalskatt 870 339 tkr, revenue positive.
    let aug = uppfolj("2026-08", &[]);
    assert_eq!(ramverk::tal::avrunda(dec(&aug["finansiering"]["skatteintakter_ack"]), 0), dec!(580226));
}

#[test]
fn inget_utfall_forsvinner() {
    let mut d = ramverk::fel::Diagnos::default();
    let filer: Vec<PathBuf> = hedemora_sie();
    let bok = ramverk::inlasning::sie::las_filer(&filer, 1, &mut d);
    for m in [1u32, 3, 8, 10] {
        let doc = uppfolj(&format!("2026-{m:02}"), &["--metod", "linjar"]);
        let sie = ramverk::inlasning::sie::summa(&bok.utfall, |k| {
            k.ar == 2026 && k.manad <= m && (3000..=7999).contains(&k.konto[..4].parse::<u32>().unwrap())
        });
        assert_eq!(dec(&doc["summa"]["utfall_ack"]) + dec(&doc["ej_fordelat_utfall"]), sie, "månad {m}");
        let objekt: Vec<&Value> = doc["ej_fordelat"].as_array().unwrap().iter().map(|e| &e["objekt"]).collect();
        assert_eq!(objekt, [&Value::from("9000"), &Value::from("9100"), &Value::Null], "månad {m}");
        let summa: Decimal = doc["ej_fordelat"].as_array().unwrap().iter().map(|e| dec(&e["utfall_ack"])).sum();
        assert_eq!(summa, dec(&doc["ej_fordelat_utfall"]));
    }
}

#[test]
fn manader_utan_utfall_varnas_for() {
    // Only January–August is read: November asks for three months with no outcome.
    let ut = ramverk()
        .current_dir(fixtur("sie"))
        .arg("uppfolj")
        .arg(hedemora())
        .args(["--utfall", "hedemora-2024.se", "hedemora-2025.se", "hedemora-2026.se", "--period", "2026-11", "--json"])
        .output()
        .unwrap();
    assert!(ut.status.success());
    let doc: Value = serde_json::from_slice(&ut.stdout).unwrap();
    let varningar: Vec<&str> = doc["varningar"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(
        varningar.contains(&"SIE-filerna har inget utfall för september, oktober och november 2026: månaderna räknas som noll i utfallet till och med 2026-11"),
        "{varningar:?}"
    );
}

#[test]
fn text_for_motet() {
    let ut = uppfolj_kommando(&hedemora(), "2026-03", &[]).output().unwrap();
    assert!(ut.status.success());
    let text = String::from_utf8(ut.stdout).unwrap();
    assert!(text.starts_with("Månadsrapport med prognos och planerade åtgärder mars 2026 — Hedemora kommun"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 120), "{text}");
    let on = text.lines().find(|l| l.starts_with("ON ")).unwrap();
    assert!(on.contains("447\u{a0}500*") && on.contains("−6\u{a0}763") && on.ends_with("behövs"), "{on}");
    let ord = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(ord.contains("Nämnderna behöver åtgärdsplaner: BIN, ON och OFN"), "{text}");
    assert!(ord.contains("Överförmyndaren (OFN): säsongsprognos går inte att beräkna"), "{text}");
    assert!(text.contains("Balanskravet"), "{text}");
    // mnkr: one decimal.
    let ut = uppfolj_kommando(&hedemora(), "2026-03", &["--enhet", "mnkr"]).output().unwrap();
    let text = String::from_utf8(ut.stdout).unwrap();
    assert!(
        text.contains("Belopp i mnkr") && text.lines().any(|l| l.starts_with("KS ") && l.contains("157,4")),
        "{text}"
    );
}

// ---------------------------------------------------------------- a small model by hand

/// The mini model with `ansvar`, `budget`, `budgetandringar` and `prognoser`, and SIE files:
/// 2025 as #PSALDO (every month), 2026 as #VER/#TRANS January–December.
///
/// Nämnd A (object 10, and prefix 1* for 11…): 2025 Jan–Mar 4 000, Apr–Jun 5 000, Jul 2 000,
/// Aug–Nov 5 000, Dec 11 000 (60 000; s(A,3) = 12 000/60 000 = 0.2). 2026: 5 200, 5 100,
/// 5 300, then 5 000 a month (Dec 11 000).
/// Nämnd B (object 20): 3 250 a month in 2025 (s = m/12) and 3 400 a month in 2026.
/// Object 99 (no nämnd) 100 a month and 7 without object in 2026.
fn minimodell(mapp: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let modell = mapp.join("mini");
    kopiera_modell(&fixtur("mini"), &modell);
    std::fs::write(modell.join("ansvar.csv"), "objekt;nämnd\n10;A\n1*;A\n20;B\n").unwrap();
    std::fs::write(modell.join("budget.csv"), "nämnd;budget\nA;61000\nB;40000\n").unwrap();
    std::fs::write(
        modell.join("budgetandringar.csv"),
        "datum;från;till;belopp;beslut\n2026-02-15;RESULTAT;A;500;KF 12\n2026-05-01;A;B;300;KF 40\n",
    )
    .unwrap();
    std::fs::write(modell.join("prognoser.csv"), "nämnd;period;prognos\nB;2026-03;41000\n").unwrap();
    let a25 = [4000, 4000, 4000, 5000, 5000, 5000, 2000, 5000, 5000, 5000, 5000, 11000];
    let mut f25 = String::from("#FORMAT PC8\n#SIETYP 3\n#RAR 0 20250101 20251231\n#DIM 1 \"Ansvar\"\n");
    for (k, a) in a25.iter().enumerate() {
        let p = format!("2025{:02}", k + 1);
        f25.push_str(&format!("#PSALDO 0 {p} 5010 {{1 \"10\"}} {}.00\n", a * 1000));
        f25.push_str(&format!("#PSALDO 0 {p} 5010 {{1 \"20\"}} 3250000.00\n"));
    }
    let a26 = [5200, 5100, 5300, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 11000];
    let mut f26 = String::from("#FORMAT PC8\n#SIETYP 4\n#RAR 0 20260101 20261231\n");
    for (k, a) in a26.iter().enumerate() {
        let datum = format!("2026{:02}28", k + 1);
        f26.push_str(&format!("#VER A {} {datum} \"Månad\"\n{{\n", k + 1));
        // A's outcome split between object 10 and 11 (the prefix 1*).
        f26.push_str(&format!("   #TRANS 5010 {{1 \"10\"}} {}.00\n", (a - 200) * 1000));
        f26.push_str("   #TRANS 6110 {1 \"11\"} 200000.00\n");
        f26.push_str("   #TRANS 5010 {1 \"20\"} 3400000.00\n");
        f26.push_str("   #TRANS 6110 {1 \"99\"} 100000.00\n");
        f26.push_str("   #TRANS 6570 {} 7000.00\n");
        f26.push_str("   #TRANS 8010 {} -9000000.00\n");
        f26.push_str(&format!("   #TRANS 1930 {{}} {}.00\n", -((a + 3400 + 100 + 7 - 9000) * 1000)));
        f26.push_str("}\n");
    }
    let (s25, s26) = (mapp.join("2025.se"), mapp.join("2026.se"));
    std::fs::write(&s25, f25).unwrap();
    std::fs::write(&s26, f26).unwrap();
    (modell, s25, s26)
}

fn mini_uppfolj(modell: &Path, sie: &[&Path], period: &str, metod: &str) -> Value {
    let mut c = ramverk();
    c.arg("uppfolj").arg(modell).arg("--utfall").args(sie).args(["--period", period, "--metod", metod, "--json"]);
    let ut = c.output().unwrap();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    serde_json::from_slice(&ut.stdout).unwrap()
}

#[test]
fn liten_modell_for_hand() {
    let dir = tempfile::tempdir().unwrap();
    let (modell, s25, s26) = minimodell(dir.path());
    let sie = [s25.as_path(), s26.as_path()];
    // March: A ack = 5 200 + 5 100 + 5 300 = 15 600; budget' = 61 000 + 500 (RESULTAT → A in February).
    let lin = mini_uppfolj(&modell, &sie, "2026-03", "linjar");
    let sas = mini_uppfolj(&modell, &sie, "2026-03", "sasong");
    let bud = mini_uppfolj(&modell, &sie, "2026-03", "budget");
    for doc in [&lin, &sas, &bud] {
        let a = namnd(doc, "A");
        assert_eq!(dec(&a["utfall_ack"]), dec!(15600));
        assert_eq!(dec(&a["budget_justerad"]), dec!(61500));
        assert_eq!(dec(&a["budgetandringar"]), dec!(500));
        // No #PBUDGET: the profile is even, 61 500 · 3/12.
        assert_eq!(dec(&a["budget_ack"]), dec!(15375));
        assert_eq!(a["budgetprofil"], "jamn");
        let b = namnd(doc, "B");
        assert_eq!(dec(&b["utfall_ack"]), dec!(10200));
        assert_eq!(dec(&b["budget_justerad"]), dec!(40000));
        // B's own forecast is used whatever the method.
        assert_eq!(dec(&b["prognos"]), dec!(41000));
        assert_eq!(dec(&b["avvikelse"]), dec!(-1000));
        // Object 99 and the bank fee without object: 3 · (100 + 7).
        assert_eq!(dec(&doc["ej_fordelat_utfall"]), dec!(321));
        // 8010: −9 000 a month, shown as revenue.
        assert_eq!(dec(&doc["finansiering"]["skatteintakter_ack"]), dec!(27000));
    }
    assert_eq!(dec(&namnd(&lin, "A")["prognos"]), dec!(62400));
    assert_eq!(dec(&namnd(&sas, "A")["prognos"]), dec!(78000));
    assert_eq!(dec(&namnd(&sas, "A")["sasongsandel"]), dec!(0.2));
    assert_eq!(dec(&namnd(&bud, "A")["prognos"]), dec!(15600) + dec!(61500) - dec!(15375));
    // B's computed forecasts: 10 200 · 4 (linjar; sasong with s = 3/12 alike; budget 10 200 + 40 000 − 10 000).
    assert_eq!(dec(&namnd(&lin, "B")["prognos_berakning"]), dec!(40800));
    assert_eq!(dec(&namnd(&sas, "B")["prognos_berakning"]), dec!(40800));
    assert_eq!(dec(&namnd(&bud, "B")["prognos_berakning"]), dec!(40200));
    // avvikelse_procent = avvikelse / budget' · 100.
    let a = namnd(&sas, "A");
    nara(dec(&a["avvikelse_procent"]), (dec!(61500) - dec!(78000)) / dec!(61500) * dec!(100));

    // The plan under sasong: A's not-selected minskningar, by prioritet, 9/12 of their amount.
    let forslag = json(&["forslag", modell.to_str().unwrap()]);
    let kandidater: Vec<(String, Decimal)> = forslag["vf"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["namnd"] == "A" && p["typ"] == "minskning" && p["vald"] == false)
        .map(|p| (p["id"].as_str().unwrap().to_string(), dec(&p["belopp"]["2026"])))
        .collect();
    let avvikelse = dec!(61500) - dec!(78000);
    let mut tagna = Vec::new();
    let mut summa = Decimal::ZERO;
    for (id, b) in &kandidater {
        if summa <= avvikelse {
            break;
        }
        summa += b * dec!(9) / dec!(12);
        tagna.push(id.clone());
    }
    let plan = &a["atgardsplan"];
    assert_eq!(plan["behovs"], true);
    let poster: Vec<String> =
        plan["poster"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(poster, tagna);
    assert_eq!(dec(&plan["summa"]), summa);
    assert_eq!(dec(&plan["otackt"]), (avvikelse - summa).min(Decimal::ZERO));

    // December: every method gives the outcome; the plan saves nothing; A → B 300 from May counts.
    for metod in ["linjar", "sasong", "budget"] {
        let doc = mini_uppfolj(&modell, &sie, "2026-12", metod);
        assert_eq!(doc["rapport"], "Årsbokslut");
        let a = namnd(&doc, "A");
        let ack = dec!(5200) + dec!(5100) + dec!(5300) + dec!(5000) * dec!(8) + dec!(11000);
        assert_eq!(dec(&a["utfall_ack"]), ack);
        assert_eq!(dec(&a["prognos_berakning"]), ack, "{metod}");
        assert_eq!(dec(&a["budget_justerad"]), dec!(61200));
        assert_eq!(dec(&a["budget_ack"]), dec!(61200));
        let b = namnd(&doc, "B");
        assert_eq!(dec(&b["budget_justerad"]), dec!(40300));
        assert_eq!(dec(&b["prognos_berakning"]), dec!(40800));
        // No own forecast for December: the computed one.
        assert_eq!(b["prognos_namnd"], Value::Null);
        let plan = &a["atgardsplan"];
        assert_eq!(plan["behovs"], true);
        assert!(plan["poster"].as_array().unwrap().is_empty());
        assert_eq!(dec(&plan["otackt"]), dec!(61200) - ack);
        assert!(doc["varningar"].as_array().unwrap().is_empty(), "{metod}: {}", doc["varningar"]);
    }
}

#[test]
fn sasong_faller_tillbaka_med_varning() {
    let dir = tempfile::tempdir().unwrap();
    let (modell, s25, s26) = minimodell(dir.path());
    // Without 2025 no nämnd has a prior full year: both fall back to linjar, each with a warning.
    let doc = mini_uppfolj(&modell, &[s26.as_path()], "2026-03", "sasong");
    for id in ["A", "B"] {
        assert_eq!(namnd(&doc, id)["metod"], "linjar");
    }
    assert_eq!(dec(&namnd(&doc, "A")["prognos"]), dec!(62400));
    let varningar = doc["varningar"].as_array().unwrap();
    assert_eq!(varningar.len(), 2, "{varningar:?}");
    assert!(varningar[0].as_str().unwrap().starts_with("Nämnd A (A): säsongsprognos går inte att beräkna"));
    // With 2025 neither falls back.
    let doc = mini_uppfolj(&modell, &[s25.as_path(), s26.as_path()], "2026-03", "sasong");
    assert!(doc["varningar"].as_array().unwrap().is_empty());
}

#[test]
fn installningarna_i_modell_toml_galler() {
    let dir = tempfile::tempdir().unwrap();
    let (modell, s25, s26) = minimodell(dir.path());
    let mut toml = std::fs::read_to_string(modell.join("modell.toml")).unwrap();
    toml.push_str(
        "\n[uppfoljning]\nmetod = \"linjär\"\ntroskel_procent = \"10,0\"\n\n[uppfoljning.konton]\n\
         verksamhet = [\"5000-5999\", \"6570\"]\nskatteintakter = \"8000-8099\"\n\n\
         [uppfoljning.rapporter]\n3 = \"Kvartalsrapport 1\"\n",
    );
    std::fs::write(modell.join("modell.toml"), toml).unwrap();
    let ut = ramverk()
        .arg("uppfolj")
        .arg(&modell)
        .arg("--utfall")
        .args([&s25, &s26])
        .args(["--period", "2026-03", "--json"])
        .output()
        .unwrap();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    let doc: Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(doc["rapport"], "Kvartalsrapport 1");
    assert_eq!(doc["metod"], "linjar");
    assert_eq!(dec(&doc["troskel_procent"]), dec!(10));
    // Only 5xxx and 6570 are verksamhet: A's 200 a month on 6110 and object 99's 6110 drop out.
    let a = namnd(&doc, "A");
    assert_eq!(dec(&a["utfall_ack"]), dec!(15600) - dec!(600));
    assert_eq!(dec(&doc["ej_fordelat_utfall"]), dec!(21));
    // The linear forecast, 15 000 · 12/3, stays under the budget: no plan.
    assert_eq!(dec(&a["prognos"]), dec!(15000) * dec!(4));
    assert_eq!(a["atgardsplan"]["behovs"], false);
    assert_eq!(dec(&doc["finansiering"]["skatteintakter_ack"]), dec!(27000));
}

#[test]
fn prognos_utanfor_aret_ar_en_varning() {
    let dir = tempfile::tempdir().unwrap();
    let modell = dir.path().join("hedemora");
    kopiera_modell(&hedemora(), &modell);
    let mut text = std::fs::read(modell.join("prognoser.csv")).unwrap();
    text.extend_from_slice("MSN;2025-12;60 000\r\n".as_bytes());
    std::fs::write(modell.join("prognoser.csv"), text).unwrap();
    let doc = uppfolj_i(&modell, "2026-03", &[]);
    let varningar: Vec<&str> = doc["varningar"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(
        varningar.contains(
            &"prognoser.csv rad 6, kolumn \"Period\": 2025-12 ligger utanför budgetåret 2026: prognosen används inte"
        ),
        "{varningar:?}"
    );
    // Not the model's other warnings (the SKR sheet's unknown column).
    assert!(varningar.iter().all(|v| !v.contains("indata.xlsx")), "{varningar:?}");
    assert_eq!(namnd(&doc, "MSN")["prognos_namnd"], Value::Null);
}

//! `ramverk budget` (MODELL §12) on `fixtures/budget-mini`, a model small
//! enough to compute every line by hand: the derivations are the comments.
//! Also the terminal summary, `--enhet`, and the document of a model
//! without a balance sheet.

mod common;

use common::{json::*, *};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

fn mini() -> Value {
    json(&["budget", &fixtur("budget-mini").display().to_string()])
}

/// An exact amount of the document (to 1e-9 tkr).
#[track_caller]
fn lika(doc: &Value, sokvag: &str, vantat: Decimal) {
    nara(tal(doc, sokvag), vantat);
}

// The model (tkr; basår 2025, budget year 2026, plan year 2027):
//
// Revenue. P'(2026) = P(1 nov 2025) = 1000 = Pskr, so r = 1, L = 1, τ = 1:
//   S(2026) = 700 + 10 + 250 + 40 = 1000;  S(2027) = 720 + 0 + 260 + 40 = 1020.
//   Skatteintäkter: Kommunalskatt (typ skatt, empty resultatrad) and the
//   Slutavräkning (resultatrad skatteintakter): 710 and 720.
// Pension (löneskatt 25 %): PK = 40·1.25 + 4·1.25 − 20 = 35 both years.
//   Avsättning 50 → 52 → 55: ΔAV = 2 and 3; AV0 = 50 (the row's 2025 value).
// Central items (table): −6 + 12 + 5 − 3 = 8.
// Investments: I1 100 tkr activated 2025, 10 years → avskr 10 both years,
//   BV 100 and 90; I2 40 tkr activated 2026, 4 years → avskr 2027 10, BV 40.
//   Internränta 3 %: 2026 3; 2027 2.7 + 1.2 = 3.9 (income centrally).
//   External interest (2 % on 50 %): 2026 100·0.01 = 1; 2027 (90 + 40)·0.01 = 1.3.
//   C(2026) = 8 − 3 + 1 = 6;  C(2027) = 8 − 3.9 + 1.3 = 5.4.
//   nya_lan: 2026 40·0.5 = 20, 2027 0.  INV: 2026 40, 2027 0.
// M = 1 % of S: 10 and 10.2.  U(2026) = 1000 − 35 − 6 − 10 = 949.
// KB. A (400/100/150/50 at lön 3, hyra 2, övrigt 1, avgifter 2 %):
//   2026 412 + 102 + 151.5 − 51 = 614.5, + KAP 10 + 3 = 627.5;
//   2027 424.36 + 104.04 + 153.015 − 52.02 = 629.395, + 12.7 = 642.095.
//   B (no breakdown, PKV 2 %): 306 + känd 4 = 310; 2027 312.12 + 4 + KAP 11.2 = 327.32.
// Selection (proportionell, G(2026) = 949 − 937.5 = 11.5): room(A) =
//   627.5·949/937.5 − 627.5 = 7.70…: A-1 (5) fits, A-2 (5 + 4 = 9) does not;
//   room(B) = 3.80…: B-1 (3) fits.
// Frames: 2026 A 632.5, B 313 (Σ 945.5); 2027 A 647.095, B 330.32 (Σ 977.415).
// resultat: 2026 1000 − 35 − 6 − 945.5 = 13.5;  2027 1020 − 35 − 5.4 − 977.415 = 2.185.

#[test]
fn resultatbudget_rad_for_rad() {
    let d = mini();
    let r = |nyckel: &str, ar: &str| format!("resultatbudget.{nyckel}.{ar}");
    // SKI and GSU = S − SKI.
    lika(&d, &r("skatteintakter", "2026"), dec!(710));
    lika(&d, &r("generella_statsbidrag_och_utjamning", "2026"), dec!(290));
    lika(&d, &r("skatteintakter", "2027"), dec!(720));
    lika(&d, &r("generella_statsbidrag_och_utjamning", "2027"), dec!(300));
    // FI = −(−6) = 6; FK = −(12 + 4·1.25 + external interest 1) = −18; 2027 −(12 + 5 + 1.3).
    lika(&d, &r("finansiella_intakter", "2026"), dec!(6));
    lika(&d, &r("finansiella_kostnader", "2026"), dec!(-18));
    lika(&d, &r("finansiella_kostnader", "2027"), dec!(-18.3));
    // AR = resultat of §6.
    lika(&d, &r("arets_resultat", "2026"), dec!(13.5));
    lika(&d, &r("arets_resultat", "2027"), dec!(2.185));
    // VNK = AR − SKI − GSU − FI − FK = 13.5 − 1000 − 6 + 18.
    lika(&d, &r("verksamhetens_nettokostnader", "2026"), dec!(-974.5));
    lika(&d, &r("verksamhetens_nettokostnader", "2027"), dec!(-1005.515));
    // AVS = Σ avskr (10; 2027 20) + avskrivningar_befintliga 30; the line shows −AVS.
    lika(&d, &r("avskrivningar", "2026"), dec!(-40));
    lika(&d, &r("avskrivningar", "2027"), dec!(-50));
    // VI = int·Fint 50·1.02 + the central income 3 = 54; 2027 50·1.0404 + 3.
    lika(&d, &r("verksamhetens_intakter", "2026"), dec!(54));
    lika(&d, &r("verksamhetens_intakter", "2027"), dec!(55.02));
    // VK = VNK + AVS − VI = −974.5 + 40 − 54.
    lika(&d, &r("verksamhetens_kostnader", "2026"), dec!(-988.5));
    lika(&d, &r("verksamhetens_kostnader", "2027"), dec!(-1010.535));
    // Verksamhetens resultat = VNK + SKI + GSU.
    lika(&d, &r("verksamhetens_resultat", "2026"), dec!(25.5));
    lika(&d, &r("verksamhetens_resultat", "2027"), dec!(14.485));
    // The lines add up: VI + VK + avskrivningar = VNK; VR + FI + FK = AR.
    for ar in ["2026", "2027"] {
        let v = |k: &str| tal(&d, &r(k, ar));
        nara(
            v("verksamhetens_intakter") + v("verksamhetens_kostnader") + v("avskrivningar"),
            v("verksamhetens_nettokostnader"),
        );
        nara(v("verksamhetens_resultat") + v("finansiella_intakter") + v("finansiella_kostnader"), v("arets_resultat"));
        nara(v("arets_resultat"), tal(&d, &format!("resultat.{ar}")));
    }
}

#[test]
fn balansbudget_och_kassaflode() {
    let d = mini();
    let b = |nyckel: &str, ar: &str| tal(&d, &format!("balansbudget.{nyckel}.{ar}"));
    // Opening: EK 300, TA 1000, AT 800, AV 50 (pension row, 2025), LS 400, KS = 1000 − 300 − 50 − 400 = 250.
    lika(&d, "ingaende_balans.kortfristiga_skulder", dec!(250));
    lika(&d, "ingaende_balans.avsattningar", dec!(50));
    lika(&d, "ingaende_balans.omsattningstillgangar", dec!(200));
    // 2026: AT = 800 + 40 − 40; EK = 300 + 13.5; AV = 52; LS = 400 + 20 − 10; TA = 313.5 + 52 + 410 + 250.
    nara(b("anlaggningstillgangar", "2026"), dec!(800));
    nara(b("eget_kapital", "2026"), dec!(313.5));
    nara(b("avsattningar", "2026"), dec!(52));
    nara(b("langfristiga_skulder", "2026"), dec!(410));
    nara(b("kortfristiga_skulder", "2026"), dec!(250));
    nara(b("summa_eget_kapital_och_skulder", "2026"), dec!(1025.5));
    nara(b("omsattningstillgangar", "2026"), dec!(225.5));
    // 2027: AT = 800 + 0 − 50; EK = 313.5 + 2.185; AV 55; LS = 410 − 10.
    nara(b("anlaggningstillgangar", "2027"), dec!(750));
    nara(b("eget_kapital", "2027"), dec!(315.685));
    nara(b("langfristiga_skulder", "2027"), dec!(400));
    nara(b("summa_tillgangar", "2027"), dec!(1020.685));
    nara(b("omsattningstillgangar", "2027"), dec!(270.685));
    for ar in ["2026", "2027"] {
        nara(b("summa_tillgangar", ar), b("summa_eget_kapital_och_skulder", ar));
        nara(b("anlaggningstillgangar", ar) + b("omsattningstillgangar", ar), b("summa_tillgangar", ar));
        // §9's totala tillgångar are the balansbudget's (ΔAV and AM included).
        nara(tal(&d, &format!("balans.totala_tillgangar.{ar}")), b("summa_tillgangar", ar));
    }
    // Soliditet 2026 = 313.5 / 1025.5; inkl. pension (313.5 − 95) / 1025.5.
    lika(&d, "soliditet.2026", dec!(313.5) * dec!(100) / dec!(1025.5));
    lika(&d, "soliditet_inkl_pension.2026", dec!(218.5) * dec!(100) / dec!(1025.5));
    // Kassaflöde 2026: KL = 13.5 + 40 + 2; KI = −40; KFI = 20 − 10; KA = 25.5 = 225.5 − 200; LM = 20 + 25.5.
    let k = |nyckel: &str, ar: &str| tal(&d, &format!("kassaflodesbudget.{nyckel}.{ar}"));
    nara(k("lopande_verksamhet", "2026"), dec!(55.5));
    nara(k("investeringsverksamhet", "2026"), dec!(-40));
    nara(k("finansieringsverksamhet", "2026"), dec!(10));
    nara(k("arets_kassaflode", "2026"), dec!(25.5));
    nara(k("likvida_medel", "2026"), dec!(45.5));
    // 2027: KL = 2.185 + 50 + 3; KI = 0; KFI = −10; KA = 45.185 = 270.685 − 225.5; LM = 90.685.
    nara(k("lopande_verksamhet", "2027"), dec!(55.185));
    nara(k("investeringsverksamhet", "2027"), dec!(0));
    nara(k("arets_kassaflode", "2027"), dec!(45.185));
    nara(k("likvida_medel", "2027"), dec!(90.685));
}

#[test]
fn nyckeltal() {
    let d = mini();
    // Nettokostnadsandel = −(VNK + FI + FK)/S·100 = −(−974.5 + 6 − 18)/1000·100.
    lika(&d, "nyckeltal.nettokostnadsandel.2026", dec!(98.65));
    lika(&d, "nyckeltal.nettokostnadsandel.2027", dec!(1017.815) / dec!(1020) * dec!(100));
    // Självfinansieringsgrad = (13.5 + 40)/40·100; none in 2027 (no investment).
    lika(&d, "nyckeltal.sjalvfinansieringsgrad.2026", dec!(133.75));
    assert_eq!(d["nyckeltal"]["sjalvfinansieringsgrad"]["2027"], Value::Null);
    // Per invånare (1000 persons), kr: S·1000/1000, −VNK, LS.
    lika(&d, "nyckeltal.intakter_per_invanare.2026", dec!(1000));
    lika(&d, "nyckeltal.nettokostnad_per_invanare.2027", dec!(1005.515));
    lika(&d, "nyckeltal.skuld_per_invanare.2026", dec!(410));
    lika(&d, "nyckeltal.resultat_procent.2026", dec!(1.35));
    assert_eq!(d["nyckeltal"]["skattesats"], "20");
}

#[test]
fn kanslighet() {
    let d = mini();
    let spakar: Vec<&str> = d["kanslighet"].as_array().unwrap().iter().map(|k| k["spak"].as_str().unwrap()).collect();
    assert_eq!(spakar, ["skatteunderlag", "skattesats", "invanare", "statsbidrag", "lon", "priser"]);
    let k = |i: usize, f: &str| tal(&d, &format!("kanslighet.{i}.{f}"));
    // Skatteunderlag +1: L = 1.05/1.04 on skatt and inkomstutjämning: (700 + 250)·(1.05/1.04 − 1).
    nara(k(0, "intakter"), dec!(950) * (dec!(1.05) / dec!(1.04) - dec!(1)));
    // Skattesats +10 öre: τ = 20.10/20 on skatt: 700·0.005.
    nara(k(1, "intakter"), dec!(3.5));
    // +100 invånare: r = 1.1 on every post but the fixed one: (700 + 10 + 250)·0.1.
    nara(k(2, "intakter"), dec!(96));
    // +100 kr per invånare: 100·1000/1000.
    nara(k(3, "intakter"), dec!(100));
    // Lön +1 pp 2026: A's personal 400·0.01.
    nara(k(4, "kostnader"), dec!(-4));
    nara(k(4, "intakter"), dec!(0));
    // Priser +1 pp on övrigt and pkv: A's övrigt 150·0.01 + B's ram 300·0.01.
    nara(k(5, "kostnader"), dec!(-4.5));
    for i in 0..6 {
        nara(k(i, "resultat"), k(i, "intakter") + k(i, "kostnader"));
    }
    assert_eq!(d["kanslighet"][1]["forandring"], "+10 öre");
    assert_eq!(d["kanslighet"][3]["forandring"], "+100 kr per invånare");
}

#[test]
fn driftbudget_och_mal_och_medel() {
    let d = mini();
    let a = &d["namnder"][0]["driftbudget"];
    // A: basram 600, kompensation 614.5 − 600, kapital 13, tillskott A-1 5 → 632.5.
    for (nyckel, v) in [
        ("basram", dec!(600)),
        ("kompensation", dec!(14.5)),
        ("demografi", dec!(0)),
        ("kanda", dec!(0)),
        ("kapital", dec!(13)),
        ("effektivisering", dec!(0)),
        ("tillskott", dec!(5)),
        ("minskningar", dec!(0)),
        ("ram", dec!(632.5)),
    ] {
        nara(tal(a, nyckel), v);
    }
    // B: 300 + PKV 6 + känd 4 + B-1 3 = 313.
    let b = &d["namnder"][1]["driftbudget"];
    nara(tal(b, "kompensation"), dec!(6));
    nara(tal(b, "kanda"), dec!(4));
    nara(tal(b, "ram"), dec!(313));
    // Goals: 1 named in modell.toml, 2 unnamed, then the items without one.
    let m = &d["mal_och_medel"]["inriktningsmal"];
    assert_eq!(m.as_array().unwrap().len(), 3);
    assert_eq!((m[0]["nr"].as_u64(), m[0]["namn"].as_str()), (Some(1), Some("Fler invånare")));
    nara(tal(&m[0], "valda_tillskott"), dec!(5));
    nara(tal(&m[0], "ej_valda_tillskott"), dec!(4));
    assert_eq!(m[0]["poster"], serde_json::json!(["A-1"]));
    assert_eq!(m[1]["namn"], "Inriktningsmål 2");
    nara(tal(&m[1], "valda_tillskott"), dec!(3));
    nara(tal(&m[1], "valda_minskningar"), dec!(0));
    assert_eq!(m[2]["nr"], Value::Null);
    assert_eq!(m[2]["namn"], "utan inriktningsmål");
    assert_eq!(m[2]["poster"], serde_json::json!([]));
    // Perspektiv in FORMAT's order, those used only.
    let p: Vec<&str> = d["mal_och_medel"]["perspektiv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["perspektiv"].as_str().unwrap())
        .collect();
    assert_eq!(p, ["invånare", "ekonomi", "medarbetare"]);
}

#[test]
fn forslagets_nycklar_finns_kvar() {
    let d = mini();
    let f = json(&["forslag", &fixtur("budget-mini").display().to_string()]);
    for (k, v) in f.as_object().unwrap() {
        if k == "namnder" {
            continue;
        }
        assert_eq!(&d[k], v, "{k}");
    }
    for (n, x) in f["namnder"].as_array().unwrap().iter().enumerate() {
        for (k, v) in x.as_object().unwrap() {
            assert_eq!(&d["namnder"][n][k], v, "namnder.{n}.{k}");
        }
    }
}

#[test]
fn tabell_i_tkr_och_mnkr_json_oforandrad() {
    let modell = fixtur("hedemora-2026").display().to_string();
    let tkr = ramverk().args(["budget", &modell]).assert().success().get_output().stdout.clone();
    let tkr = String::from_utf8(tkr).unwrap();
    assert!(tkr.contains("Belopp i tkr."), "{tkr}");
    assert!(tkr.contains("Resultatbudget") && tkr.contains("Årets resultat"));
    // Hedemora 2026–2028: the target met the budget year (2,3 %), not the plan years (1,2 and 1,0 %).
    let mal = tkr.lines().find(|l| l.starts_with("Resultatmålet")).unwrap();
    assert_eq!(mal.split_whitespace().skip(1).collect::<Vec<_>>().join(" "), "uppfyllt ej uppfyllt ej uppfyllt");
    let mnkr = ramverk().args(["budget", &modell, "--enhet", "mnkr"]).assert().success().get_output().stdout.clone();
    let mnkr = String::from_utf8(mnkr).unwrap();
    assert!(mnkr.contains("Belopp i mnkr."));
    // Skatteintäkter 2026 of Hedemora: 871 087 tkr = 871,1 mnkr.
    let rad = mnkr.lines().find(|l| l.starts_with("Skatteintäkter")).unwrap();
    assert!(rad.contains("871,1"), "{rad}");
    let j1 = json(&["budget", &modell]);
    let j2 = json(&["budget", &modell, "--enhet", "mnkr"]);
    assert_eq!(j1, j2, "--enhet ändrar aldrig JSON");
    ramverk().args(["budget", &modell, "--enhet", "kr"]).assert().code(2);
}

#[test]
fn utan_balansbudget_inga_balansnycklar() {
    // The mini model of the other tests has no anläggningstillgångar: no balansbudget.
    let d = json(&["budget", &fixtur("mini").display().to_string()]);
    assert!(d.get("balansbudget").is_none());
    assert!(d.get("kassaflodesbudget").is_none());
    assert!(d["nyckeltal"].get("skuld_per_invanare").is_none());
    assert!(d["resultatbudget"]["arets_resultat"].is_object());
    // likvida_medel only with likvida_medel.
    let dir = kopia("budget-mini");
    let toml = std::fs::read_to_string(dir.path().join("modell.toml")).unwrap();
    std::fs::write(dir.path().join("modell.toml"), toml.replace("likvida_medel = 20\n", "")).unwrap();
    let d = json(&["budget", &dir.path().display().to_string()]);
    assert!(d["kassaflodesbudget"].get("likvida_medel").is_none());
    assert!(d["kassaflodesbudget"]["arets_kassaflode"].is_object());
}

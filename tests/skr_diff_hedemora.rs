//! Budgetdagen on the Hedemora model: what changed from SKR's December
//! prognosis (`indata.xlsx#SKR`, `skatter-och-bidrag.csv`) to the April one
//! imported from `fixtures/skr/*-april*.xlsx` (`skr-april.csv`,
//! `skatter-och-bidrag-april.csv`). The expected changes are computed here
//! from the input files themselves, not taken from ramverk.

mod common;

use calamine::{Data, Reader};
use common::{json::*, *};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::str::FromStr;

type Ar = i32;

const SERIER: [&str; 9] = ["skatteunderlag", "pkv", "lon", "po", "hyra", "ovrigt", "avgifter", "kpi", "internranta"];
const AR: [Ar; 3] = [2026, 2027, 2028];

fn hedemora() -> String {
    fixtur("hedemora-2026").display().to_string()
}

/// A CSV file as Excel writes it: UTF-8 with BOM, else Windows-1252; rows of fields.
fn csv(namn: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(fixtur("hedemora-2026").join(namn)).expect(namn);
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
    };
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| l.split(';').map(str::to_string).collect()).collect()
}

/// `846 120`, `−1 120`, `3,5` → exact decimal.
fn belopp(s: &str) -> Decimal {
    let t: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    Decimal::from_str(&t.replace('−', "-").replace(',', ".")).unwrap_or_else(|_| panic!("{s} är inget tal"))
}

/// The year of a column heading (`2026`, `Budget 2026`, `Plan 2027`), if any.
fn arsrubrik(s: &str) -> Option<Ar> {
    s.split_whitespace().last()?.parse().ok().filter(|a| (2000..2100).contains(a))
}

/// Rows of a CSV table keyed by their first column, values by year;
/// the second column (e.g. `typ`) is kept alongside.
fn tabell(namn: &str) -> Vec<(String, String, BTreeMap<Ar, Decimal>)> {
    let rader = csv(namn);
    let ar: Vec<(usize, Ar)> = rader[0].iter().enumerate().filter_map(|(i, h)| Some((i, arsrubrik(h)?))).collect();
    assert!(!ar.is_empty(), "{namn}: inga årskolumner");
    rader[1..]
        .iter()
        .map(|r| (r[0].clone(), r[1].clone(), ar.iter().map(|&(i, t)| (t, belopp(&r[i]))).collect()))
        .collect()
}

/// SKR's series from `indata.xlsx#SKR`: percent-formatted cells (0.035 is 3.5).
fn skr_december() -> BTreeMap<String, BTreeMap<Ar, Decimal>> {
    let mut bok = calamine::open_workbook_auto(fixtur("hedemora-2026").join("indata.xlsx")).expect("indata.xlsx");
    let blad = bok.worksheet_range("SKR").expect("bladet SKR");
    let mut rader = blad.rows();
    let rubrik: Vec<Option<Ar>> = rader.next().expect("rubrikrad").iter().map(|c| arsrubrik(&c.to_string())).collect();
    rader
        .filter(|r| !matches!(r[0], Data::Empty))
        .map(|r| {
            let varden = r
                .iter()
                .zip(&rubrik)
                .filter_map(|(c, t)| match (c, t) {
                    (Data::Float(f), Some(t)) => {
                        Some((*t, (Decimal::from_str(&f.to_string()).unwrap() * dec!(100)).normalize()))
                    }
                    _ => None,
                })
                .collect();
            (r[0].to_string(), varden)
        })
        .collect()
}

fn skr_april() -> BTreeMap<String, BTreeMap<Ar, Decimal>> {
    tabell("skr-april.csv").into_iter().map(|(serie, _, v)| (serie, v)).collect()
}

/// The kommun's own invånare 1 november from `modell.toml`.
fn egen_befolkning() -> BTreeMap<Ar, Decimal> {
    let text = std::fs::read_to_string(fixtur("hedemora-2026").join("modell.toml")).unwrap();
    let doc: toml::Table = text.parse().expect("modell.toml");
    doc["befolkning"]["invanare_1_november"]
        .as_table()
        .unwrap()
        .iter()
        .map(|(ar, v)| (ar.parse().unwrap(), Decimal::from(v.as_integer().unwrap())))
        .collect()
}

/// One prognosis's *Skatter & bidrag*: posts by name (typ, tkr per year) and
/// SKR's invånare 1 november.
struct Intakter {
    poster: BTreeMap<String, (String, BTreeMap<Ar, Decimal>)>,
    invanare: BTreeMap<Ar, Decimal>,
    egen: BTreeMap<Ar, Decimal>,
}

fn intakter(namn: &str) -> Intakter {
    let mut poster = BTreeMap::new();
    let mut invanare = None;
    for (post, typ, v) in tabell(namn) {
        if typ == "invanare" {
            invanare = Some(v);
        } else {
            poster.insert(post, (typ, v));
        }
    }
    Intakter { poster, invanare: invanare.expect("raden med invånare"), egen: egen_befolkning() }
}

impl Intakter {
    /// A post as it enters S(t): scaled to the own population unless `fast`.
    fn post(&self, namn: &str, t: Ar) -> Decimal {
        let (typ, v) = &self.poster[namn];
        if typ == "fast" { v[&t] } else { v[&t] * (self.egen[&(t - 1)] / self.invanare[&t]) }
    }

    /// S(t): skatter och generella statsbidrag.
    fn summa(&self, t: Ar) -> Decimal {
        self.poster.keys().map(|p| self.post(p, t)).sum()
    }
}

fn rad<'a>(doc: &'a Value, del: &str, namn: &str) -> &'a Value {
    doc[del].as_array().unwrap().iter().find(|r| r["namn"] == namn).unwrap_or_else(|| panic!("{del}: {namn} saknas"))
}

fn forandring(r: &Value, t: Ar) -> Decimal {
    tal(&r["ar"][t.to_string()], "forandring")
}

#[test]
fn aprilprognosen_har_alla_serier_som_december() {
    let (dec_, apr) = (skr_december(), skr_april());
    for s in SERIER {
        for t in 2024..=2028 {
            assert!(dec_.get(s).and_then(|v| v.get(&t)).is_some(), "december saknar {s} {t}");
            assert!(apr.get(s).and_then(|v| v.get(&t)).is_some(), "april saknar {s} {t}");
        }
    }
    assert_eq!(dec_.keys().collect::<BTreeSet<_>>(), apr.keys().collect::<BTreeSet<_>>());
    let (d, a) = (intakter("skatter-och-bidrag.csv"), intakter("skatter-och-bidrag-april.csv"));
    assert_eq!(d.poster.keys().collect::<Vec<_>>(), a.poster.keys().collect::<Vec<_>>());
    for (post, (typ, _)) in &d.poster {
        assert_eq!(&a.poster[post].0, typ, "{post}");
    }
}

#[test]
fn skr_diff_december_april() {
    let doc = json(&["skr-diff", &hedemora(), "december", "april"]);
    assert_eq!(doc["a"]["namn"], "SKR cirkulär 24:67, december 2024");
    assert_eq!(doc["b"]["namn"], "SKR cirkulär 25:14, april 2025");

    // Every series, both prognoses, straight from indata.xlsx and skr-april.csv.
    let (dec_, apr) = (skr_december(), skr_april());
    for s in SERIER {
        let r = rad(&doc, "serier", s);
        for t in 2024..=2028 {
            let p = &r["ar"][t.to_string()];
            assert_eq!(tal(p, "a"), dec_[s][&t], "{s} {t} december");
            assert_eq!(tal(p, "b"), apr[s][&t], "{s} {t} april");
            assert_eq!(tal(p, "forandring"), apr[s][&t] - dec_[s][&t], "{s} {t}");
        }
    }
    // The revision the April workbooks were made with.
    let su = rad(&doc, "serier", "skatteunderlag");
    assert_eq!(forandring(su, 2026), dec!(-0.4));
    assert_eq!(forandring(su, 2027), dec!(-0.2));
    assert_eq!(forandring(rad(&doc, "serier", "pkv"), 2026), dec!(0.2));
    assert_eq!(forandring(rad(&doc, "serier", "lon"), 2026), dec!(0.2));

    let (d, a) = (intakter("skatter-och-bidrag.csv"), intakter("skatter-och-bidrag-april.csv"));
    let kommunalskatt = rad(&doc, "poster", "Kommunalskatt");
    let inv = rad(&doc, "poster", "Invånare 1 november (SKR)");
    for t in AR {
        nara(forandring(kommunalskatt, t), a.post("Kommunalskatt", t) - d.post("Kommunalskatt", t));
        assert_eq!(forandring(inv, t), a.invanare[&t] - d.invanare[&t]);
        assert!(a.invanare[&t] < d.invanare[&t], "SKR:s invånarantagande {t} lägre i april");
    }

    let s = rad(&doc, "summor", "Skatter och generella statsbidrag");
    let u = rad(&doc, "summor", "Ramutrymme");
    let kb = rad(&doc, "summor", "Kostnad för befintlig verksamhet");
    let g = rad(&doc, "summor", "Glapp");
    let mut summa_ds = Decimal::ZERO;
    for t in AR {
        let ds = a.summa(t) - d.summa(t);
        nara(tal(&s["ar"][t.to_string()], "a"), d.summa(t));
        nara(tal(&s["ar"][t.to_string()], "b"), a.summa(t));
        nara(forandring(s, t), ds);
        // Pension and central items do not depend on SKR's prognosis here, so
        // U = S − PK − C − 2 % · S changes by ΔS · (1 − 2 %).
        for oforandrad in ["Pensionskostnader", "Centrala poster"] {
            assert!(forandring(rad(&doc, "summor", oforandrad), t).is_zero(), "{oforandrad} {t}");
        }
        nara(forandring(u, t), ds * dec!(0.98));
        // Higher wages and PKV raise the cost, so the gap worsens by more than U.
        assert!(forandring(kb, t) > Decimal::ZERO, "kostnaden {t} ökar");
        nara(forandring(g, t), forandring(u, t) - forandring(kb, t));
        assert!(forandring(g, t) < forandring(u, t));
        summa_ds += ds;
    }
    // 2026: about −5.4 mnkr; the period: some tens of millions lower, at most.
    assert!(forandring(s, 2026) < dec!(-4000) && forandring(s, 2026) > dec!(-7000), "{}", forandring(s, 2026));
    assert!(summa_ds < dec!(-15000) && summa_ds > dec!(-40000), "{summa_ds}");
}

fn skriv_modell(mapp: &Path, f: impl Fn(&str) -> String) {
    let fil = mapp.join("modell.toml");
    let text = std::fs::read_to_string(&fil).unwrap();
    std::fs::write(&fil, f(&text)).unwrap();
}

/// `anvand = "april"` reads the same model as `[filer]` pointing at the April files.
#[test]
fn anvand_april_ar_samma_som_filerna_direkt() {
    let via_prognos = kopia("hedemora-2026");
    skriv_modell(via_prognos.path(), |t| {
        assert!(t.contains("anvand = \"december\""));
        t.replace("anvand = \"december\"", "anvand = \"april\"")
    });

    let direkt = kopia("hedemora-2026");
    skriv_modell(direkt.path(), |t| {
        // Without [skr.prognoser] and anvand, [filer] and [skr] prognos apply.
        let mut ut = String::new();
        let mut i_prognos = false;
        for rad in t.lines() {
            if rad.starts_with('[') {
                i_prognos = rad.starts_with("[skr.prognoser.");
            }
            if i_prognos || rad.starts_with("anvand") {
                continue;
            }
            let rad = match rad {
                r if r.starts_with("prognos =") => "prognos = \"SKR cirkulär 25:14, april 2025\"",
                "skr = \"indata.xlsx#SKR\"" => "skr = \"skr-april.csv\"",
                "skatter_och_bidrag = \"skatter-och-bidrag.csv\"" => {
                    "skatter_och_bidrag = \"skatter-och-bidrag-april.csv\""
                }
                r => r,
            };
            ut.push_str(rad);
            ut.push('\n');
        }
        assert!(
            !ut.contains("prognoser") && ut.contains("skr-april.csv") && ut.contains("skatter-och-bidrag-april.csv")
        );
        ut
    });

    let (a, b) = (via_prognos.path().display().to_string(), direkt.path().display().to_string());
    for kommando in ["ram", "befintlig"] {
        let via = json(&[kommando, &a]);
        assert_eq!(via, json(&[kommando, &b]), "{kommando}");
        assert_ne!(via, json(&[kommando, &hedemora()]), "{kommando}: april ska skilja sig från december");
    }
    assert_eq!(json(&["ram", &a])["skr_prognos"], "SKR cirkulär 25:14, april 2025");
}

//! The workbook of `ramverk befintlig --xlsx`: read back with calamine and
//! compared with `--json`, the formulas where they must be, byte-identical for
//! the same inputs, nothing written on bad input, and recalculated by
//! headless LibreOffice to the same numbers.

mod common;

use calamine::Reader;
use common::{arbetsbok::*, *};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const BLAD: [&str; 3] = ["Befintlig verksamhet", "Demografi", "Antaganden"];

/// A scenario on the PO-pålägg (basår included), wages, PKV and efficiency:
/// every factor of §4 moves.
const FAKTORER: &str = r#"
namn = "PO & lön"
effektivisering_procent = { 2026 = 1.5, 2027 = 0.5 }
[index.po]
2025 = 1.0
2026 = 2.0
[index.lon]
2027 = 0.4
[index.pkv]
2026 = 0.3
[index.hyra]
2028 = -1.0
"#;

/// Runs `befintlig` with `--json --xlsx`.
fn kor(modell: &Path, scenario: Option<&Path>, xlsx: &Path) -> Value {
    let mut args: Vec<&OsStr> = vec![OsStr::new("befintlig"), modell.as_os_str()];
    if let Some(s) = scenario {
        args.extend([OsStr::new("--scenario"), s.as_os_str()]);
    }
    kor_json_xlsx(&args, xlsx)
}

/// The rows of the cumulative factors on Antaganden, with their key in the JSON.
const FAKTORRADER: [(&str, &str); 5] = [
    ("Personal: löner och PO-pålägg", "lon"),
    ("Lokaler: hyror", "lokaler"),
    ("Övriga kostnader: priser", "ovrigt"),
    ("Intäkter: avgifter", "intakter"),
    ("Uppräkning med PKV", "pkv"),
];

fn kontrollera_mot_json(fil: &Path, doc: &Value) {
    let mut bok = oppna(fil);
    assert_eq!(bok.sheet_names(), BLAD);
    kontrollera_befintlig_verksamhet(&mut bok, doc);

    // Demografi: per nämnd and age group NIVA (basår and plan years) and the change; per nämnd DEM.
    let d = blad(&mut bok, "Demografi");
    let basar = doc["basar"].as_i64().unwrap();
    for n in doc["namnder"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let linjer = n["demografi"].as_array().unwrap();
        for l in linjer {
            let grupp = l["aldersgrupp"].as_str().unwrap();
            let rader: Vec<u32> = rader_med(&d, 0, id).into_iter().filter(|&r| text(&d, r, 1) == grupp).collect();
            assert_eq!(rader.len(), 2, "{id} {grupp}: en rad för nivån och en för förändringen");
            for t in std::iter::once(basar).chain(planar(doc)) {
                let k = kolumn_med(&d, &arsrubrik(doc, t));
                lika(tal(&d, rader[0], k), belopp(&l["niva"][t.to_string()]), &format!("nivå {id} {grupp} {t}"));
                if t != basar {
                    let v = belopp(&l["forandring"][t.to_string()]);
                    lika(tal(&d, rader[1], k), v, &format!("förändring {id} {grupp} {t}"));
                }
            }
        }
        if !linjer.is_empty() {
            let rad = rad_med(&d, &format!("Summa {id}"));
            for t in planar(doc) {
                let k = kolumn_med(&d, &arsrubrik(doc, t));
                lika(tal(&d, rad, k), belopp(&n["delar"][t.to_string()]["demografi"]), &format!("DEM {id} {t}"));
            }
        }
    }

    // Antaganden: the cumulative factors, basår included.
    let a = blad(&mut bok, "Antaganden");
    for (etikett, nyckel) in FAKTORRADER {
        let rader: Vec<u32> = (0..a.height() as u32).filter(|&r| text_i(&a, r) == etikett).collect();
        assert_eq!(rader.len(), 1, "{etikett}");
        for t in std::iter::once(basar).chain(planar(doc)) {
            let k = kolumn_med(&a, &arsrubrik(doc, t));
            let v = belopp(&doc["indexfaktorer"][nyckel][t.to_string()]);
            assert!(nara(tal(&a, rader[0], k), v, 1e-12), "{etikett} {t}");
        }
    }
    let u = rad_med(&a, "Ramutrymme");
    for t in planar(doc) {
        let k = kolumn_med(&a, &arsrubrik(doc, t));
        lika(tal(&a, u, k), belopp(&doc["ramutrymme"][t.to_string()]), &format!("ramutrymme {t}"));
    }
}

/// Column A of a row as text ("" for a number or nothing).
fn text_i(r: &calamine::Range<calamine::Data>, rad: u32) -> String {
    match r.get_value((rad, 0)) {
        Some(calamine::Data::String(s)) => s.clone(),
        _ => String::new(),
    }
}

#[test]
fn arbetsboken_lases_tillbaka_med_samma_tal_som_json() {
    let dir = tempfile::tempdir().unwrap();
    let faktorer = dir.path().join("faktorer.toml");
    std::fs::write(&faktorer, FAKTORER).unwrap();
    let fall: [(PathBuf, Option<PathBuf>); 6] = [
        (hedemora(), None),
        (hedemora(), Some(faktorer)),
        (hedemora(), Some(scenarier().join("hog-lon.toml"))),
        (hedemora(), Some(scenarier().join("effektivisering.toml"))),
        (hedemora(), Some(scenarier().join("svag.toml"))),
        (mini(), None),
    ];
    for (i, (modell, scenario)) in fall.iter().enumerate() {
        let fil = dir.path().join(format!("{i}.xlsx"));
        let doc = kor(modell, scenario.as_deref(), &fil);
        kontrollera_mot_json(&fil, &doc);
    }
}

#[test]
fn termer_summor_och_glapp_ar_formler() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("befintlig.xlsx");
    kor(&hedemora(), None, &fil);
    let mut bok = oppna(&fil);
    let r = blad(&mut bok, "Befintlig verksamhet");
    let f = formler(&mut bok, "Befintlig verksamhet");
    let k = |rubrik: &str| kolumn_med(&r, rubrik);
    let ar = k("År");
    let bin = rad_med_ar(&r, "BIN", ar, 2026);
    let a = blad(&mut bok, "Antaganden");
    let abs = |rad: u32, kol: u32| {
        let c = adress(rad, kol);
        let (bokstav, siffror) = c.split_at(c.find(|x: char| x.is_ascii_digit()).unwrap());
        format!("${bokstav}${siffror}")
    };
    let bas_bin = rad_med_ar(&r, "BIN", ar, 2025);
    let personal = k("Personal (lön och PO)");
    let lon = rad_med(&a, "Personal: löner och PO-pålägg");
    let ant_budget = kolumn_med(&a, "Budget 2026");
    let pers = maste_ha_formel(&f, bin, personal, "personal");
    assert_eq!(pers, format!("{}*'Antaganden'!{}", abs(bas_bin, personal), abs(lon, ant_budget)));
    let d = blad(&mut bok, "Demografi");
    let summa_bin = rad_med(&d, "Summa BIN");
    let dem = maste_ha_formel(&f, bin, k("Demografi"), "demografi");
    assert_eq!(dem, format!("'Demografi'!{}", adress(summa_bin, kolumn_med(&d, "Budget 2026"))));
    assert!(maste_ha_formel(&f, bin, k("Kända förändringar"), "kända").starts_with("'Antaganden'!"));
    // Kapitalkostnad: avskrivning and internränta of each of BIN's investments, on Antaganden.
    let kap = maste_ha_formel(&f, bin, k("Kapitalkostnad"), "kapital");
    let bin_inv: Vec<String> = (0..a.height() as u32)
        .filter(|&x| text_i(&a, x).starts_with("INV-") && text(&a, x, 1) == "BIN")
        .map(|x| text_i(&a, x))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(!bin_inv.is_empty());
    let mut termer = Vec::new();
    for namn in &bin_inv {
        // The list, avskrivning, bokfört värde, internränta, räntekostnad: one row each.
        let rader = rader_med(&a, 0, namn);
        assert_eq!(rader.len(), 5, "{namn}");
        termer.push(format!("'Antaganden'!{}", adress(rader[1], ant_budget)));
        termer.push(format!("'Antaganden'!{}", adress(rader[3], ant_budget)));
    }
    assert_eq!(kap, termer.join("+"), "avskrivning och internränta");
    let eff = maste_ha_formel(&f, bin, k("Effektivisering (−)"), "eff");
    let eff_rad = rad_med(&a, "Generell effektivisering");
    let termer = format!("{}:{}", adress(bin, personal), adress(bin, k("Ram uppräknad med PKV")));
    assert_eq!(eff, format!("-'Antaganden'!{}*SUM({termer})", abs(eff_rad, ant_budget)));
    let kb = maste_ha_formel(&f, bin, k("Kostnad för befintlig verksamhet"), "KB");
    assert_eq!(kb, format!("SUM({}:{})", adress(bin, personal), adress(bin, k("Effektivisering (−)"))));
    let ofn = rad_med_ar(&r, "OFN", ar, 2027);
    assert!(maste_ha_formel(&f, ofn, k("Ram uppräknad med PKV"), "ram·PKV").contains("'Antaganden'!"));
    assert!(formel(&f, bas_bin, personal).is_none(), "basårets fördelning är indata");
    let s = rad_med_ar(&r, "Summa", ar, 2026);
    assert!(maste_ha_formel(&f, s, k("Kostnad för befintlig verksamhet"), "Σ").starts_with("SUM("));
    assert!(maste_ha_formel(&f, s, k("Ramutrymme"), "U").starts_with("'Antaganden'!"));
    let g = maste_ha_formel(&f, s, k("Glapp (ramutrymme minus kostnad)"), "glapp");
    assert_eq!(g, format!("{}-{}", adress(s, k("Ramutrymme")), adress(s, k("Kostnad för befintlig verksamhet"))));

    let df = formler(&mut bok, "Demografi");
    let budget = kolumn_med(&d, "Budget 2026");
    let niva = rader_med(&d, 0, "BIN")[0];
    let medel = rader_med(&d, 0, "Medelbefolkning")[0];
    let pkv = rad_med(&d, "Uppräkning med PKV");
    let nf = maste_ha_formel(&df, niva, budget, "nivå");
    let c = format!("$C{}", niva + 1);
    let bokstav = adress(0, budget).trim_end_matches('1').to_string();
    assert_eq!(
        nf,
        format!("{c}*{bokstav}${}*{}", pkv + 1, adress(medel, budget)),
        "PKV · kostnad per invånare · medel"
    );
    let grupp = text(&d, medel, 1);
    let bef = rader_med(&d, 0, "Befolkning").into_iter().find(|&x| text(&d, x, 1) == grupp).unwrap();
    let mf = maste_ha_formel(&df, medel, budget, "medelbefolkning");
    assert_eq!(
        mf,
        format!("({}+{})/2", adress(bef, budget - 1), adress(bef, budget)),
        "31 december året före och året"
    );
    assert!(maste_ha_formel(&df, rad_med(&d, "Summa BIN"), budget, "DEM").starts_with("SUM("));

    let af = formler(&mut bok, "Antaganden");
    let plan = kolumn_med(&a, "Plan 2027");
    let fl = maste_ha_formel(&af, lon, plan, "lön och PO");
    let lonserie = rad_med(&a, "Timlöner");
    let po = rad_med(&a, "PO-pålägg");
    assert_eq!(
        fl,
        format!(
            "{}*(1+{})*(1+{})/(1+{})",
            adress(lon, plan - 1),
            adress(lonserie, plan),
            adress(po, plan),
            adress(po, plan - 1)
        ),
        "kedjad på året före med lönen och PO-påläggets förändring"
    );
    let avskr = rad_med(&a, "Summa avskrivningar");
    assert!(maste_ha_formel(&af, avskr - 1, plan, "avskrivning").starts_with("IF(AND("));
    assert!(alla_formler_har_resultat(&fil) > 300);
}

#[test]
fn samma_indata_ger_samma_bytes() {
    samma_bytes(|fil| {
        kor(&hedemora(), None, fil);
    });
}

#[test]
fn fel_indata_skriver_ingen_arbetsbok() {
    let dir = tempfile::tempdir().unwrap();
    // A demography row for a nämnd that does not exist.
    let modell = andrad_modell(&hedemora(), dir.path(), "demografi.csv", "", "XYZ;1-5;10\r\n");
    ingen_arbetsbok_vid_fel(&[OsStr::new("befintlig"), modell.as_os_str()], &["demografi.csv", "XYZ"]);
    let scenario = dir.path().join("fel.toml");
    std::fs::write(&scenario, "namn = \"Fel\"\n[index.lon]\n2026 = \"hög\"\n").unwrap();
    let h = hedemora();
    let args = [OsStr::new("befintlig"), h.as_os_str(), OsStr::new("--scenario"), scenario.as_os_str()];
    ingen_arbetsbok_vid_fel(&args, &["fel.toml"]);
}

/// Every formula recalculated by LibreOffice gives ramverk's stored result,
/// for the base scenario, moved factors, higher wages, an efficiency demand
/// and the mini model.
#[test]
#[cfg_attr(not(libreoffice), ignore = "LibreOffice (soffice) saknas: apt-get install libreoffice-calc-nogui")]
fn libreoffice_raknar_om_till_samma_varden() {
    let dir = tempfile::tempdir().unwrap();
    let faktorer = dir.path().join("faktorer.toml");
    std::fs::write(&faktorer, FAKTORER).unwrap();
    let filer: Vec<PathBuf> = [
        (hedemora(), None),
        (hedemora(), Some(faktorer)),
        (hedemora(), Some(scenarier().join("hog-lon.toml"))),
        (hedemora(), Some(scenarier().join("effektivisering.toml"))),
        (mini(), None),
    ]
    .iter()
    .enumerate()
    .map(|(i, (m, s))| {
        let fil = dir.path().join(format!("befintlig-{i}.xlsx"));
        kor(m, s.as_deref(), &fil);
        fil
    })
    .collect();
    let refs: Vec<&Path> = filer.iter().map(|p| p.as_path()).collect();
    let (antal, _) = libreoffice_kontroll(&refs, &[], dir.path());
    assert!(antal[0] > 300, "{antal:?}");
}

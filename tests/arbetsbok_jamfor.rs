//! The workbook of `ramverk jamfor --xlsx`: read back with calamine and
//! compared with `--json`, the chart, the coloured VF cells, byte-identical
//! output, nothing written on bad input, and recalculated by headless
//! LibreOffice to the same numbers.

mod common;

use calamine::Reader;
use common::{arbetsbok::*, *};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const BLAD: [&str; 4] = ["Jämförelse", "Ramar per scenario", "VF per scenario", "Antaganden"];

fn hedemora_scenarier() -> Vec<PathBuf> {
    ["svag.toml", "stark.toml", "gemensam.toml", "optimal.toml", "hog-lon.toml", "effektivisering.toml"]
        .iter()
        .map(|s| scenarier().join(s))
        .collect()
}

/// A scenario for the mini model: less revenue, the gemensam rule.
const MINI_SCENARIO: &str =
    "namn = \"Mindre intäkter\"\nfordelning = \"gemensam\"\n[intakter_tkr]\n2026 = -2000\n2027 = -2500\n";

/// Runs `jamfor` with `--json --xlsx`.
fn kor(modell: &Path, scenarier: &[PathBuf], regel: Option<&str>, xlsx: &Path) -> Value {
    let mut args: Vec<&OsStr> = vec![OsStr::new("jamfor"), modell.as_os_str()];
    args.extend(scenarier.iter().map(|s| s.as_os_str()));
    if let Some(r) = regel {
        args.extend([OsStr::new("--fordelning"), OsStr::new(r)]);
    }
    kor_json_xlsx(&args, xlsx)
}

fn kontrollera_mot_json(fil: &Path, doc: &Value) {
    let mut bok = oppna(fil);
    assert_eq!(bok.sheet_names(), BLAD);
    let scen = doc["scenarier"].as_array().unwrap();
    assert_eq!(scen[0]["scenario"], "Bas", "Bas först");
    let ar = planar(doc);
    let ja_nej = |b: bool| if b { "ja" } else { "nej" };

    let j = blad(&mut bok, "Jämförelse");
    let ar_kol = kolumn_med(&j, "År");
    for s in scen {
        let k = kolumn_med(&j, s["scenario"].as_str().unwrap());
        assert_eq!(text(&j, rad_med(&j, "Fördelningsregel"), k), s["fordelning"].as_str().unwrap());
        for &t in &ar {
            let y = t.to_string();
            let rad = |etikett: &str| rad_med_ar(&j, etikett, ar_kol, t);
            let vad = |x: &str| format!("{} {x} {t}", s["scenario"]);
            for (etikett, nyckel) in [
                ("Skatter och generella statsbidrag", "skatter_och_bidrag"),
                ("Ramutrymme", "ramutrymme"),
                ("Kostnad för befintlig verksamhet", "kostnad_befintlig"),
                ("Glapp", "glapp"),
                ("Ej fördelat", "ej_fordelat"),
                ("Resultatmål", "resultatmal"),
                ("Resultat", "resultat"),
            ] {
                lika(tal(&j, rad(etikett), k), belopp(&s[nyckel][&y]), &vad(etikett));
            }
            let summa: f64 = s["namnder"].as_array().unwrap().iter().map(|n| belopp(&n["ram"][&y])).sum();
            lika(tal(&j, rad("Summa ramar"), k), summa, &vad("summa ramar"));
            let p = tal(&j, rad("Resultat i % av skatter och bidrag"), k) * 100.0;
            lika(p, belopp(&s["resultat_procent"][&y]), &vad("resultat %"));
            let krav = ja_nej(s["balanskrav_uppfyllt"][&y].as_bool().unwrap());
            assert_eq!(text(&j, rad("Balanskravet uppfyllt"), k), krav, "{}", vad("balanskrav"));
            if s.get("soliditet").is_some() {
                let sol = tal(&j, rad("Soliditet inkl. pensionsförpliktelser"), k) * 100.0;
                lika(sol, belopp(&s["soliditet_inkl_pension"][&y]), &vad("soliditet"));
            }
        }
        let b = ar[0];
        lika(tal(&j, rad_med_ar(&j, "Valda tillskott", ar_kol, b), k), belopp(&s["valda_tillskott"]), "tillskott");
        lika(tal(&j, rad_med_ar(&j, "Valda minskningar", ar_kol, b), k), belopp(&s["valda_minskningar"]), "minskn.");
    }

    // Ramar per scenario: the rounded frames, exactly.
    let r = blad(&mut bok, "Ramar per scenario");
    let ar_kol = kolumn_med(&r, "År");
    for s in scen {
        let k = kolumn_med(&r, s["scenario"].as_str().unwrap());
        for &t in &ar {
            let y = t.to_string();
            let mut summa = 0.0;
            for n in s["namnder"].as_array().unwrap() {
                let v = belopp(&n["ram_avrundad"][&y]);
                assert_eq!(tal(&r, rad_med_ar(&r, n["id"].as_str().unwrap(), ar_kol, t), k), v);
                summa += v;
            }
            assert_eq!(tal(&r, rad_med_ar(&r, "Summa", ar_kol, t), k), summa);
        }
    }

    // VF per scenario: selected or not per scenario, in how many, and "i alla"/"i inget".
    let v = blad(&mut bok, "VF per scenario");
    let antal = kolumn_med(&v, "Antal scenarier");
    let valda_i = kolumn_med(&v, "Valda i");
    for (i, x) in doc["vf_i_scenarier"].as_array().unwrap().iter().enumerate() {
        let id = x["id"].as_str().unwrap();
        let rad = rader_med(&v, 1, id)[0];
        for s in scen {
            let k = kolumn_med(&v, s["scenario"].as_str().unwrap());
            assert_eq!(s["vf"][i]["id"], id);
            assert_eq!(text(&v, rad, k), ja_nej(s["vf"][i]["vald"].as_bool().unwrap()), "{id} {}", s["scenario"]);
        }
        let lista: Vec<&str> = x["valda_i"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        assert_eq!(tal(&v, rad, antal), lista.len() as f64, "{id}");
        let forvantad = if x["i_alla"].as_bool().unwrap() {
            "i alla".to_string()
        } else if x["i_inget"].as_bool().unwrap() {
            "i inget".to_string()
        } else {
            lista.join(", ")
        };
        assert_eq!(text(&v, rad, valda_i), forvantad, "{id}");
    }

    // Antaganden: a column per scenario.
    let a = blad(&mut bok, "Antaganden");
    for s in scen {
        let k = kolumn_med(&a, s["scenario"].as_str().unwrap());
        assert_eq!(text(&a, rad_med(&a, "Fördelningsregel"), k), s["fordelning"].as_str().unwrap());
    }
}

#[test]
fn arbetsboken_lases_tillbaka_med_samma_tal_som_json() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("hedemora.xlsx");
    let doc = kor(&hedemora(), &hedemora_scenarier(), None, &fil);
    kontrollera_mot_json(&fil, &doc);
    let fil = dir.path().join("optimal.xlsx");
    let doc = kor(&hedemora(), &hedemora_scenarier()[..2], Some("optimal"), &fil);
    kontrollera_mot_json(&fil, &doc);
    let scenario = dir.path().join("mindre.toml");
    std::fs::write(&scenario, MINI_SCENARIO).unwrap();
    let fil = dir.path().join("mini.xlsx");
    let doc = kor(&mini(), &[scenario], None, &fil);
    kontrollera_mot_json(&fil, &doc);
}

#[test]
fn diagram_farger_och_formler() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("jamfor.xlsx");
    kor(&hedemora(), &hedemora_scenarier(), None, &fil);
    // A native chart of the budget year's glapp and result per scenario, as bars.
    let diagram = del_av_xlsx(&fil, "xl/charts/chart1.xml");
    assert!(diagram.contains("<c:barChart>") && !diagram.contains("<c:lineChart>"), "bara staplar");
    assert!(diagram.contains("Glapp 2026") && diagram.contains("Resultat 2026"), "serierna");
    assert!(!diagram.contains("Ramutrymme"), "ramutrymmet står i tabellen");
    assert!(diagram.contains("Jämförelse!$C$1:$I$1</c:f>"), "kategorierna är scenarierna: {diagram}");
    let mut bok = oppna(&fil);
    let j = blad(&mut bok, "Jämförelse");
    let (glapp, resultat) = (rad_med_ar(&j, "Glapp", 1, 2026), rad_med_ar(&j, "Resultat", 1, 2026));
    assert!(diagram.contains(&format!("Jämförelse!$C${}:$I${}</c:f>", glapp + 1, glapp + 1)), "glappet 2026");
    assert!(diagram.contains(&format!("Jämförelse!$C${}:$I${}</c:f>", resultat + 1, resultat + 1)), "resultatet 2026");
    let ritning = del_av_xlsx(&fil, "xl/worksheets/_rels/sheet1.xml.rels");
    assert!(ritning.contains("drawing"), "diagrammet sitter på Jämförelse");

    let mut bok = oppna(&fil);
    let j = blad(&mut bok, "Jämförelse");
    let jf = formler(&mut bok, "Jämförelse");
    let (ar, bas) = (kolumn_med(&j, "År"), kolumn_med(&j, "Bas"));
    let rad = |etikett: &str| rad_med_ar(&j, etikett, ar, 2027);
    for etikett in ["Glapp", "Summa ramar", "Ej fördelat", "Resultat", "Resultat i % av skatter och bidrag"] {
        maste_ha_formel(&jf, rad(etikett), bas, etikett);
    }
    assert!(maste_ha_formel(&jf, rad("Balanskravet uppfyllt"), bas, "balanskrav").starts_with("IF("));
    assert!(formel(&jf, rad("Ramutrymme"), bas).is_none(), "ramverks resultat är värden");
    let r = blad(&mut bok, "Ramar per scenario");
    let rf = formler(&mut bok, "Ramar per scenario");
    let summa = rad_med_ar(&r, "Summa", kolumn_med(&r, "År"), 2026);
    assert!(maste_ha_formel(&rf, summa, kolumn_med(&r, "Bas"), "summa").starts_with("SUM("));

    // VF per scenario: ja green, nej red; the count is a formula.
    let v = blad(&mut bok, "VF per scenario");
    let vf = formler(&mut bok, "VF per scenario");
    let st = stilar(&mut bok, "VF per scenario");
    let fyllning = |r: u32, k: u32| {
        st.get((r, k)).and_then(|s| s.fill.as_ref()).and_then(|f| f.get_color()).map(|c| c.to_argb() & 0xFFFFFF)
    };
    let bas = kolumn_med(&v, "Bas");
    let (mut ja, mut nej) = (0, 0);
    for r in 1..=v.end().unwrap().0 {
        match text(&v, r, bas).as_str() {
            "ja" => {
                assert_eq!(fyllning(r, bas), Some(0xC6EFCE));
                ja += 1
            }
            "nej" => {
                assert_eq!(fyllning(r, bas), Some(0xFFC7CE));
                nej += 1
            }
            _ => {}
        }
    }
    assert!(ja > 0 && nej > 0, "{ja} ja, {nej} nej");
    assert!(maste_ha_formel(&vf, 1, kolumn_med(&v, "Antal scenarier"), "antal").starts_with("COUNTIF("));
    let ark = del_av_xlsx(&fil, "xl/worksheets/sheet3.xml");
    assert!(ark.contains("<autoFilter ref=\"A1:"), "autofilter på VF-listan");
    assert!(alla_formler_har_resultat(&fil) > 100);
}

#[test]
fn samma_indata_ger_samma_bytes() {
    samma_bytes(|fil| {
        kor(&hedemora(), &hedemora_scenarier(), None, fil);
    });
}

#[test]
fn fel_scenario_skriver_ingen_arbetsbok() {
    let dir = tempfile::tempdir().unwrap();
    let fel = dir.path().join("fel.toml");
    std::fs::write(&fel, "namn = \"Fel\"\n[skatteunderlag]\n2026 = \"mycket\"\n").unwrap();
    let (h, svag) = (hedemora(), scenarier().join("svag.toml"));
    ingen_arbetsbok_vid_fel(&[OsStr::new("jamfor"), h.as_os_str(), svag.as_os_str(), fel.as_os_str()], &["fel.toml"]);
    // A broken model: every scenario fails, nothing is written.
    let modell = andrad_modell(&h, dir.path(), "ramar.csv", "153340", "tre");
    ingen_arbetsbok_vid_fel(&[OsStr::new("jamfor"), modell.as_os_str(), svag.as_os_str()], &["ramar.csv", "\"tre\""]);
}

/// Every formula recalculated by LibreOffice gives ramverk's stored result.
#[test]
#[cfg_attr(not(libreoffice), ignore = "LibreOffice (soffice) saknas: apt-get install libreoffice-calc-nogui")]
fn libreoffice_raknar_om_till_samma_varden() {
    let dir = tempfile::tempdir().unwrap();
    let hed = dir.path().join("hedemora.xlsx");
    kor(&hedemora(), &hedemora_scenarier(), None, &hed);
    let scenario = dir.path().join("mindre.toml");
    std::fs::write(&scenario, MINI_SCENARIO).unwrap();
    let mini_fil = dir.path().join("mini.xlsx");
    kor(&mini(), &[scenario], Some("optimal"), &mini_fil);
    let (antal, _) = libreoffice_kontroll(&[&hed, &mini_fil], &[], dir.path());
    assert!(antal[0] > 100, "{antal:?}");
}

//! The workbook of `simulera`: read back with calamine it holds the same
//! figures as the JSON, the histogram chart is there, and the same seed gives
//! the same bytes.

mod common;

use common::arbetsbok::{blad, del_av_xlsx, oppna, rad_med, tal, text};
use serde_json::Value;

fn kor(xlsx: &std::path::Path) -> Value {
    let ut = common::ramverk()
        .args(["simulera", &common::hedemora().display().to_string()])
        .args(["--osakerhet", &common::scenarier().join("osakerhet.toml").display().to_string()])
        .args(["--dragningar", "200000", "--json", "--xlsx", &xlsx.display().to_string()])
        .output()
        .unwrap();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    serde_json::from_slice(&ut.stdout).unwrap()
}

fn varde(v: &Value) -> f64 {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn simuleringsbladet_har_json_siffrorna_och_ett_diagram() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("sim.xlsx");
    let doc = kor(&fil);
    let mut bok = oppna(&fil);
    let r = blad(&mut bok, "Simulering");
    for (etikett, nyckel, skala) in [
        ("Ramutrymme (tkr)", "ramutrymme", 1.0),
        ("Glapp (tkr)", "glapp", 1.0),
        ("Resultat i % av skatter och bidrag", "resultat_procent", 0.01),
    ] {
        let rad = rad_med(&r, etikett);
        for (k, p) in ["p5", "p50", "p95", "bas"].iter().enumerate() {
            let cell = tal(&r, rad, k as u32 + 1);
            let json = varde(&doc[nyckel][p]) * skala;
            assert!((cell - json).abs() < 1e-6 * json.abs().max(1.0), "{etikett} {p}: {cell} mot {json}");
        }
    }
    let rad = rad_med(&r, "Negativt resultat (balanskravet nås inte)");
    assert!((tal(&r, rad, 1) - varde(&doc["sannolikhet_negativt_resultat"])).abs() < 1e-12);
    assert!(del_av_xlsx(&fil, "xl/charts/chart1.xml").contains("<c:barChart>"));
    // The chart's red bars (and red plus yellow) hold the draws the probabilities count:
    // 0 % and the target are bin edges. Up to a coarse bin of the histogram.
    let rubrik = rad_med(&r, "Intervall");
    let n = doc["dragningar"].as_f64().unwrap();
    let mut klasser = [0.0; 3];
    for rad in rubrik + 1..rubrik + 1 + doc["histogram"].as_array().unwrap().len() as u32 {
        for (k, summa) in klasser.iter_mut().enumerate() {
            if let Some(calamine::Data::Float(x)) = r.get_value((rad, 3 + k as u32)) {
                *summa += x;
            }
        }
    }
    assert_eq!(klasser.iter().sum::<f64>(), n);
    let negativa = varde(&doc["sannolikhet_negativt_resultat"]);
    let under_mal = varde(&doc["sannolikhet_under_mal"]);
    assert!((klasser[0] / n - negativa).abs() < 0.001, "{klasser:?} mot {negativa}");
    assert!(((klasser[0] + klasser[1]) / n - under_mal).abs() < 0.001, "{klasser:?} mot {under_mal}");
    let v = blad(&mut bok, "VF-sannolikheter");
    assert_eq!(text(&v, 0, 0), "Id");
    // Sorted by probability, largest first.
    let p: Vec<f64> = (1..=doc["vf"].as_array().unwrap().len() as u32).map(|rad| tal(&v, rad, 5)).collect();
    assert!(p.windows(2).all(|w| w[0] >= w[1]), "{p:?}");
    let forsta = doc["vf"].as_array().unwrap().iter().map(|x| varde(&x["sannolikhet_vald"])).fold(0.0, f64::max);
    assert!((p[0] - forsta).abs() < 1e-12);
}

#[test]
fn samma_seed_ger_samma_arbetsbok() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    kor(&a);
    kor(&b);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

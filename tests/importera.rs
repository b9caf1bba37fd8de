//! `ramverk importera` on the SKR-like workbooks of `fixtures/skr/`: golden
//! values, the written CSV files, a round trip into the Hedemora model and
//! `ram`, and workbooks that must be refused.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn skr(fil: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/skr").join(fil)
}

fn ramverk() -> Command {
    Command::cargo_bin("ramverk").unwrap()
}

/// Runs `importera --json` into `ut`; returns the JSON document.
fn importera(filer: &[&str], extra: &[&str], ut: &Path) -> Value {
    let mut cmd = ramverk();
    cmd.arg("importera").args(filer.iter().map(|f| skr(f))).args(extra).arg("--ut").arg(ut).arg("--json");
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn serie<'a>(j: &'a Value, namn: &str) -> &'a Value {
    j["serier"].as_array().unwrap().iter().find(|s| s["serie"] == namn).unwrap_or_else(|| panic!("{namn} saknas: {j}"))
}

fn post<'a>(j: &'a Value, namn: &str) -> &'a Value {
    j["poster"].as_array().unwrap().iter().find(|s| s["post"] == namn).unwrap_or_else(|| panic!("{namn} saknas: {j}"))
}

fn varden(v: &Value) -> Vec<(String, String)> {
    v["varden"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.to_string().trim_matches('"').to_string()))
        .collect()
}

fn ar(par: &[(&str, &str)]) -> Vec<(String, String)> {
    par.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

const TRE: [&str; 3] = ["cirkular-24-67.xlsx", "pkv-2024-12.xlsx", "skatter-och-bidrag-hedemora.xlsx"];

#[test]
fn cirkular_pkv_och_skatter_och_bidrag() {
    let dir = tempfile::tempdir().unwrap();
    let j = importera(&TRE, &[], dir.path());
    let serier: Vec<&str> = j["serier"].as_array().unwrap().iter().map(|s| s["serie"].as_str().unwrap()).collect();
    assert_eq!(serier, ["skatteunderlag", "pkv", "lon", "ovrigt", "po", "kpi", "internranta"]);
    // Plain numbers with footnote marks on the years (2026*, 2027¹, 2028 1)).
    assert_eq!(
        varden(serie(&j, "skatteunderlag")),
        ar(&[("2024", "5.1"), ("2025", "3.4"), ("2026", "3.5"), ("2027", "3.9"), ("2028", "4")])
    );
    assert_eq!(serie(&j, "skatteunderlag")["kalla"], "cirkular-24-67.xlsx#Tabell 1!B6:F6");
    // Text in Swedish format ("4,1").
    assert_eq!(
        varden(serie(&j, "lon")),
        ar(&[("2024", "4.1"), ("2025", "3.4"), ("2026", "3.3"), ("2027", "3.4"), ("2028", "3.5")])
    );
    // Found in both files with the same values: one series.
    assert_eq!(
        varden(serie(&j, "pkv")),
        ar(&[("2024", "3.4"), ("2025", "2.6"), ("2026", "2.9"), ("2027", "3.1"), ("2028", "3.2")])
    );
    // Percent formatted cells (0.4015 shown as 40.15 %).
    assert_eq!(
        varden(serie(&j, "po")),
        ar(&[("2024", "40.15"), ("2025", "40.15"), ("2026", "40.45"), ("2027", "40.45"), ("2028", "40.45")])
    );
    assert_eq!(serie(&j, "po")["kalla"], "pkv-2024-12.xlsx#PKV!B7:F7");
    assert_eq!(
        varden(serie(&j, "ovrigt")),
        ar(&[("2024", "2.3"), ("2025", "1.7"), ("2026", "1.9"), ("2027", "2.2"), ("2028", "2.2")])
    );
    assert_eq!(
        varden(serie(&j, "kpi")),
        ar(&[("2024", "2.8"), ("2025", "1"), ("2026", "1.2"), ("2027", "1.9"), ("2028", "1.9")])
    );
    assert_eq!(
        varden(serie(&j, "internranta")),
        ar(&[("2024", "2.5"), ("2025", "2.75"), ("2026", "3"), ("2027", "3"), ("2028", "3")])
    );
    // Skatter & bidrag in mnkr → tkr.
    let k = post(&j, "Kommunalskatt");
    assert_eq!(k["typ"], "skatt");
    assert_eq!(varden(k), ar(&[("2025", "846120"), ("2026", "872640"), ("2027", "899310"), ("2028", "930480")]));
    assert_eq!(k["kalla"], "skatter-och-bidrag-hedemora.xlsx#Skatter & bidrag!B5:E5");
    // Two slutavräkning rows stay two posts; the footnote mark is removed.
    assert_eq!(
        varden(post(&j, "Slutavräkning 2025")),
        ar(&[("2025", "-3280"), ("2026", "-1120"), ("2027", "0"), ("2028", "0")])
    );
    assert_eq!(
        varden(post(&j, "Slutavräkning 2026")),
        ar(&[("2025", "0"), ("2026", "1870"), ("2027", "-640"), ("2028", "0")])
    );
    assert_eq!(post(&j, "Inkomstutjämning")["typ"], "inkomstutjamning");
    assert_eq!(post(&j, "Regleringsbidrag/avgift")["typ"], "per_invanare");
    assert_eq!(
        varden(post(&j, "LSS-utjämning")),
        ar(&[("2025", "-2870"), ("2026", "-3160"), ("2027", "-3290"), ("2028", "-3410")])
    );
    assert_eq!(post(&j, "Kommunal fastighetsavgift")["typ"], "fast");
    // The population row: persons, never converted, counts as numbers.
    let inv = post(&j, "Antal invånare 1/11");
    assert_eq!(inv["typ"], "invanare");
    assert_eq!(inv["varden"]["2026"], 15170);
    assert_eq!(j["poster"].as_array().unwrap().len(), 10);
    // No Summa row imported; they agree with the posts, so no warnings.
    assert!(!j["poster"].as_array().unwrap().iter().any(|p| p["post"].as_str().unwrap().starts_with("Summa")));
    assert_eq!(j["varningar"], Value::Array(vec![]));
    assert_eq!(j["ej_matchade"], serde_json::json!(["Realt skatteunderlag", "KPIF"]));
    assert_eq!(j["ej_matchade_platser"][0]["kalla"], "cirkular-24-67.xlsx#Tabell 1!A7");

    // The CSV files: UTF-8 with BOM, semicolons, decimal comma, CRLF.
    let skr_csv = std::fs::read_to_string(dir.path().join("skr.csv")).unwrap();
    assert!(skr_csv.starts_with("\u{feff}serie;2024;2025;2026;2027;2028;källa\r\n"), "{skr_csv}");
    assert!(skr_csv.contains("\r\npo;40,15;40,15;40,45;40,45;40,45;pkv-2024-12.xlsx#PKV!B7:F7\r\n"), "{skr_csv}");
    let sob = std::fs::read_to_string(dir.path().join("skatter-och-bidrag.csv")).unwrap();
    assert!(sob.starts_with("\u{feff}post;typ;resultatrad;2025;2026;2027;2028;källa\r\n"), "{sob}");
    assert!(sob.contains("\r\nSlutavräkning 2025;per_invanare;skatteintakter;-3280;-1120;0;0;"), "{sob}");
    assert!(sob.contains("\r\nKommunalskatt;skatt;skatteintakter;"), "{sob}");
    assert!(sob.contains("\r\nInkomstutjämning;inkomstutjamning;statsbidrag;"), "{sob}");
    assert!(sob.contains("\r\nAntal invånare 1/11;invanare;;15290;15170;15110;15050;"), "{sob}");
    // The JSON names the line too (none for the population row).
    assert_eq!(post(&j, "Slutavräkning 2026")["resultatrad"], "skatteintakter");
    assert_eq!(post(&j, "Kostnadsutjämning")["resultatrad"], "statsbidrag");
    assert_eq!(inv["resultatrad"], Value::Null);
}

#[test]
fn ods_och_xls_ger_samma_varden() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let xlsx = importera(&TRE, &[], a.path());
    let andra = importera(&["cirkular-24-67.ods", "pkv-2024-12.ods", "skatter-och-bidrag-hedemora.xls"], &[], b.path());
    for nyckel in ["serier", "poster"] {
        let v = |j: &Value| {
            j[nyckel]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (s.get("serie").or(s.get("post")).cloned(), varden(s)))
                .collect::<Vec<_>>()
        };
        assert_eq!(v(&xlsx), v(&andra), "{nyckel}");
    }
    // ods percentage cells are known from the file itself: no guessing, no warning.
    let varningar = andra["varningar"].as_array().unwrap();
    assert!(varningar.is_empty(), "{varningar:?}");
}

#[test]
fn egen_mappning_lagger_till_etiketter() {
    let dir = tempfile::tempdir().unwrap();
    ramverk()
        .arg("importera")
        .arg(skr("egna-index.xlsx"))
        .arg("--ut")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("inga kända serier eller poster hittades"))
        .stderr(predicates::str::contains("\"Lokalhyror, förändring\""));
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    let mappning = skr("mappning.toml");
    let j =
        importera(&["egna-index.xlsx", "cirkular-24-67.xlsx"], &["--mappning", mappning.to_str().unwrap()], dir.path());
    assert_eq!(
        varden(serie(&j, "hyra")),
        ar(&[("2024", "4.5"), ("2025", "2.8"), ("2026", "2.2"), ("2027", "2"), ("2028", "2")])
    );
    assert_eq!(
        varden(serie(&j, "avgifter")),
        ar(&[("2024", "3"), ("2025", "2.5"), ("2026", "2.3"), ("2027", "2.5"), ("2028", "2.5")])
    );
    // `ignorera` silences the look-alikes.
    assert_eq!(j["ej_matchade"], Value::Array(vec![]));
}

/// Import → a copy of the Hedemora model with the imported CSVs named in its
/// modell.toml → `ram`: the same revenue and ramutrymme as the original.
#[test]
fn rundresa_import_modell_ram() {
    let dir = tempfile::tempdir().unwrap();
    let modell = dir.path().join("hedemora");
    let original = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hedemora-2026");
    std::fs::create_dir(&modell).unwrap();
    for f in std::fs::read_dir(&original).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), modell.join(f.file_name())).unwrap();
    }
    std::fs::remove_file(modell.join("skatter-och-bidrag.csv")).unwrap();
    let toml = std::fs::read_to_string(modell.join("modell.toml")).unwrap();
    assert!(toml.contains("skr = \"indata.xlsx#SKR\""));
    let toml = toml.replace("skr = \"indata.xlsx#SKR\"", "skr = \"skr.csv\"");
    std::fs::write(modell.join("modell.toml"), toml).unwrap();
    let mappning = skr("mappning.toml");
    let mut filer = TRE.to_vec();
    filer.push("egna-index.xlsx");
    importera(&filer, &["--mappning", mappning.to_str().unwrap()], &modell);

    let ram = |mapp: &Path| -> Value {
        let out = ramverk().arg("ram").arg(mapp).arg("--json").output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let importerad = ram(&modell);
    let facit = ram(&original);
    let tal = |v: &Value| v.as_str().unwrap().parse::<f64>().unwrap();
    for nyckel in ["skatter_och_bidrag", "ramutrymme", "resultatmal"] {
        for ar in ["2026", "2027", "2028"] {
            let (a, b) = (tal(&importerad[nyckel][ar]), tal(&facit[nyckel][ar]));
            assert!((a - b).abs() < 0.001, "{nyckel} {ar}: {a} mot {b}");
        }
    }
    assert_eq!(importerad["invanare"], facit["invanare"]);
    // Golden: skatter och generella statsbidrag 2026 ≈ 1 231 163 tkr (README of the model).
    assert!((tal(&importerad["skatter_och_bidrag"]["2026"]) - 1_231_162.953).abs() < 0.001);
    let kommunalskatt = importerad["intakter"]["2026"]["poster"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["post"] == "Kommunalskatt")
        .unwrap();
    assert!((tal(&kommunalskatt["belopp"]) - 870_339.037_6).abs() < 0.001);
}

#[test]
fn trasiga_arbetsbocker_ger_fel_och_inga_filer() {
    for (fil, vantat) in [
        ("fel/inte-en-arbetsbok.xlsx", "filen är ingen arbetsbok"),
        ("fel/trasig.xlsx", "arbetsboken är skadad eller ofullständig"),
        ("fel/losenord.xlsx", "lösenordsskyddad"),
        ("fel/utan-arsrubrik.xlsx", "ingen tabell hittades"),
        ("finns-inte.xlsx", "filen saknas"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        // An existing output file is never damaged.
        std::fs::write(dir.path().join("skr.csv"), "gammal").unwrap();
        let out = ramverk()
            .arg("importera")
            .arg(skr("cirkular-24-67.xlsx"))
            .arg(skr(fil))
            .arg("--ut")
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{fil}");
        let fel = String::from_utf8(out.stderr).unwrap();
        let namn = Path::new(fil).file_name().unwrap().to_str().unwrap();
        assert!(fel.contains(namn) && fel.contains(vantat), "{fil}: {fel}");
        assert!(!fel.contains("panicked"), "{fel}");
        assert_eq!(std::fs::read_to_string(dir.path().join("skr.csv")).unwrap(), "gammal", "{fil}");
        assert!(!dir.path().join("skatter-och-bidrag.csv").exists(), "{fil}");
    }
}

#[test]
fn samma_serie_med_olika_varden_namnger_bada_platserna() {
    let dir = tempfile::tempdir().unwrap();
    let out = ramverk()
        .arg("importera")
        .arg(skr("cirkular-24-67.xlsx"))
        .arg(skr("fel/konflikt-pkv.xlsx"))
        .arg("--ut")
        .arg(dir.path())
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let fel = String::from_utf8(out.stderr).unwrap();
    assert!(
        fel.contains("Serien pkv finns två gånger med olika värden för 2026: 2,9 i cirkular-24-67.xlsx#Tabell 1!D11 och 3 i konflikt-pkv.xlsx#PKV!D6"),
        "{fel}"
    );
    // With --json, stdout still holds one JSON document.
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["ok"], false);
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn lasbar_rapport_pa_svenska() {
    let dir = tempfile::tempdir().unwrap();
    let out = ramverk().arg("importera").args(TRE.iter().map(|f| skr(f))).arg("--ut").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Serier (procent) till skr.csv:"), "{text}");
    assert!(text.contains("Kommunalskatt"), "{text}");
    assert!(text.contains("872\u{a0}640"), "{text}");
    assert!(text.contains("Rader som inte matchades (2), inte importerade:"), "{text}");
    assert!(text.contains("\"Realt skatteunderlag\" (cirkular-24-67.xlsx#Tabell 1!A7)"), "{text}");
    assert!(text.contains("Skrev "), "{text}");
    ramverk().args(["importera", "--help"]).assert().success().stdout(predicates::str::contains("--mappning"));
    ramverk().arg("importera").assert().code(2).stderr(predicates::str::contains("argument saknas"));
}

/// A layout built here, unlike the fixtures: a summary in tusentals kronor
/// with kronor per invånare beside it, a Summa row that does not add up, and
/// a merged unit cell over each block.
#[test]
fn okand_layout_med_summa_som_inte_stammer() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let bok = dir.path().join("prognos.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Resultat").unwrap();
    ws.write(0, 0, "Skatteintäkter och bidrag enligt SKR, april").unwrap();
    let fet = Format::new().set_bold();
    ws.merge_range(2, 1, 2, 3, "Kronor per invånare", &fet).unwrap();
    ws.merge_range(2, 4, 2, 6, "Tusentals kronor", &fet).unwrap();
    ws.write(3, 0, "Post").unwrap();
    for (i, a) in ["2026", "2027", "2028"].iter().enumerate() {
        ws.write(3, 1 + i as u16, format!("Plan {a}")).unwrap();
        ws.write(3, 4 + i as u16, format!("Plan {a}")).unwrap();
    }
    let rader: [(&str, [f64; 3], [f64; 3]); 5] = [
        ("Skatteintäkter, prognos", [57_000.0, 59_000.0, 61_000.0], [870_000.0, 900_000.0, 930_000.0]),
        ("Utjämningsbidrag LSS", [-200.0, -210.0, -220.0], [-3_000.0, -3_100.0, -3_200.0]),
        ("Nytt statsbidrag", [100.0, 100.0, 100.0], [1_500.0, 1_500.0, 1_500.0]),
        ("Summa", [56_900.0, 58_890.0, 60_880.0], [868_500.0, 898_400.0, 928_300.0]),
        ("Invånare den 1 november", [15_170.0, 15_110.0, 15_050.0], [15_170.0, 15_110.0, 15_050.0]),
    ];
    for (r, (etikett, kr, tkr)) in rader.iter().enumerate() {
        let r = 4 + r as u32;
        ws.write(r, 0, *etikett).unwrap();
        for i in 0..3 {
            ws.write(r, 1 + i as u16, kr[i]).unwrap();
            ws.write(r, 4 + i as u16, tkr[i]).unwrap();
        }
    }
    wb.save(&bok).unwrap();
    let out = ramverk().arg("importera").arg(&bok).arg("--ut").arg(dir.path()).arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        varden(post(&j, "Skatteintäkter, prognos")),
        ar(&[("2026", "870000"), ("2027", "900000"), ("2028", "930000")])
    );
    assert_eq!(post(&j, "Skatteintäkter, prognos")["kalla"], "prognos.xlsx#Resultat!E5:G5");
    assert_eq!(
        varden(post(&j, "Utjämningsbidrag LSS")),
        ar(&[("2026", "-3000"), ("2027", "-3100"), ("2028", "-3200")])
    );
    assert_eq!(post(&j, "Invånare den 1 november")["varden"]["2026"], 15170);
    assert_eq!(j["ej_matchade"], serde_json::json!(["Nytt statsbidrag"]));
    let varningar = j["varningar"].as_array().unwrap();
    assert_eq!(varningar.len(), 1, "{varningar:?}");
    let v = varningar[0].as_str().unwrap();
    assert!(v.contains("prognos.xlsx blad \"Resultat\" rad 8: \"Summa\" stämmer inte"), "{v}");
    assert!(v.contains("2026: summan 868\u{a0}500 tkr, posterna 867\u{a0}000 tkr (skillnad 1\u{a0}500 tkr)"), "{v}");
    assert!(v.contains("\"Nytt statsbidrag\""), "{v}");
}

//! The workbook of `ramverk uppfolj --xlsx`: read back with calamine and
//! compared with `--json` (March, August, October, tkr and mnkr), the
//! formulas where they must be, the red deviation (a conditional format),
//! the charts, byte-identical output, and recalculated by headless
//! LibreOffice to the same numbers — also after an economist edits a
//! month's outcome.

mod common;

use calamine::{Data, Range, Reader};
use common::{arbetsbok::*, *};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// `uppfolj` of Hedemora with `--json --xlsx`, run in `fixtures/sie`.
fn kor(period: &str, args: &[&str], xlsx: &Path) -> Value {
    let ut = uppfolj_kommando(&hedemora(), period, args).arg("--json").arg("--xlsx").arg(xlsx).output().unwrap();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    serde_json::from_slice(&ut.stdout).unwrap()
}

fn bladnamn(doc: &Value) -> String {
    match doc["rapport"].as_str().unwrap() {
        "Månadsrapport med prognos och planerade åtgärder" => "Månadsrapport med prognos".to_string(),
        annat => annat.to_string(),
    }
}

/// The first row whose column 0 holds `text` (the table; the blocks below repeat the ids).
fn forsta_rad(r: &Range<Data>, text: &str) -> u32 {
    rader_med(r, 0, text)[0]
}

/// The row of `id` in the block under the section title `titel`.
fn blockrad(r: &Range<Data>, titel: &str, id: &str) -> u32 {
    let start = rad_med(r, titel);
    rader_med(r, 0, id).into_iter().find(|&x| x > start).unwrap_or_else(|| panic!("{id} under {titel}"))
}

fn metodnamn(m: &str) -> &'static str {
    match m {
        "linjar" => "linjär",
        "sasong" => "säsong",
        _ => "budget",
    }
}

fn kontrollera_mot_json(fil: &Path, doc: &Value, skala: f64) {
    let mut bok = oppna(fil);
    let namn = bladnamn(doc);
    assert_eq!(bok.sheet_names(), [namn.as_str(), "Åtgärdsplan", "Resultatprognos", "Ej fördelat utfall"]);
    let r = blad(&mut bok, &namn);
    let f = formler(&mut bok, &namn);
    let k = |rubrik: &str| kolumn_med(&r, rubrik);
    let b = |v: &Value| belopp(v) / skala;
    let m: u32 = doc["period"].as_str().unwrap()[5..].parse().unwrap();
    let titel = format!("Utfall per månad 2026 ({})", if skala == 1.0 { "tkr" } else { "mnkr" });
    for n in doc["namnder"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let rad = forsta_rad(&r, id);
        assert_eq!(text(&r, rad, 1), n["namn"].as_str().unwrap());
        for (rubrik, nyckel) in [
            ("Beslutad budget", "budget"),
            ("Ändringar", "budgetandringar"),
            ("Budget efter ändringar", "budget_justerad"),
            ("Utfall ackumulerat", "utfall_ack"),
            ("Budget ackumulerad", "budget_ack"),
            ("Beräknad prognos", "prognos_berakning"),
            ("Prognos helår", "prognos"),
            ("Avvikelse", "avvikelse"),
        ] {
            lika(tal(&r, rad, k(rubrik)), b(&n[nyckel]), &format!("{id} {rubrik}"));
        }
        match &n["prognos_namnd"] {
            Value::Null => assert_eq!(tal_eller_noll(&r, rad, k("Nämndens prognos")), 0.0),
            p => lika(tal(&r, rad, k("Nämndens prognos")), b(p), &format!("{id} nämndens prognos")),
        }
        lika(tal(&r, rad, k("Avvikelse i procent")) * 100.0, belopp(&n["avvikelse_procent"]), id);
        assert_eq!(text(&r, rad, k("Metod")), metodnamn(n["metod"].as_str().unwrap()));
        let ja = if n["atgardsplan"]["behovs"].as_bool().unwrap() { "ja" } else { "nej" };
        assert_eq!(text(&r, rad, k("Åtgärdsplan behövs")), ja, "{id}");
        for rubrik in ["Budget efter ändringar", "Utfall ackumulerat", "Beräknad prognos", "Prognos helår", "Avvikelse"]
        {
            maste_ha_formel(&f, rad, k(rubrik), &format!("{id} {rubrik}"));
        }
        // The outcome per month.
        let mrad = blockrad(&r, &titel, id);
        for kk in 1..=m {
            lika(tal(&r, mrad, 1 + kk), b(&n["utfall_manad"][kk.to_string()]), &format!("{id} månad {kk}"));
        }
    }
    let summa = forsta_rad(&r, "Summa");
    for (rubrik, nyckel) in [
        ("Budget efter ändringar", "budget_justerad"),
        ("Utfall ackumulerat", "utfall_ack"),
        ("Prognos helår", "prognos"),
        ("Avvikelse", "avvikelse"),
    ] {
        lika(tal(&r, summa, k(rubrik)), b(&doc["summa"][nyckel]), &format!("summa {rubrik}"));
    }

    // Åtgärdsplan: the items, the sum and what stays uncovered.
    let a = blad(&mut bok, "Åtgärdsplan");
    let effekt = kolumn_med(&a, &format!("Effekt resten av året ({})", if skala == 1.0 { "tkr" } else { "mnkr" }));
    for n in doc["namnder"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let plan = &n["atgardsplan"];
        let rader: Vec<u32> = rader_med(&a, 0, id);
        if !plan["behovs"].as_bool().unwrap() {
            assert!(rader.iter().all(|&x| text(&a, x, 2) != "Otäckt efter åtgärderna"), "{id} har ingen plan");
            continue;
        }
        for p in plan["poster"].as_array().unwrap() {
            let rad = rader.iter().copied().find(|&x| text(&a, x, 1) == p["id"].as_str().unwrap()).unwrap();
            lika(tal(&a, rad, effekt), b(&p["effekt"]), &format!("{id} {}", p["id"]));
        }
        let rad = |etikett: &str| rader.iter().copied().find(|&x| text(&a, x, 2) == etikett).unwrap();
        lika(tal(&a, rad("Summa åtgärder"), effekt), b(&plan["summa"]), &format!("{id} summa"));
        lika(tal(&a, rad("Avvikelse enligt prognosen"), effekt), b(&n["avvikelse"]), &format!("{id} avvikelse"));
        lika(tal(&a, rad("Otäckt efter åtgärderna"), effekt), b(&plan["otackt"]), &format!("{id} otäckt"));
    }

    // Resultatprognos.
    let s = blad(&mut bok, "Resultatprognos");
    let (kb, kp) = (kolumn_med(&s, "Budget 2026"), kolumn_med(&s, "Prognos 2026"));
    let res = rad_med(&s, "Resultat");
    lika(tal(&s, res, kb), b(&doc["resultat_budget"]), "resultat budget");
    lika(tal(&s, res, kp), b(&doc["resultat_prognos"]), "resultat prognos");
    let p = rad_med(&s, "Resultat i % av skatter och bidrag");
    lika(tal(&s, p, kp) * 100.0, belopp(&doc["resultat_procent_prognos"]), "resultat % prognos");
    lika(tal(&s, p, kb) * 100.0, belopp(&doc["resultat_procent_budget"]), "resultat % budget");
    let ja = if doc["balanskrav_uppfyllt_prognos"].as_bool().unwrap() { "ja" } else { "nej" };
    assert_eq!(text(&s, rad_med(&s, "Balanskravet uppfyllt"), kp), ja);
    lika(
        tal(&s, rad_med(&s, "Skatteintäkter"), kb),
        b(&doc["finansiering"]["skatteintakter_ack"]),
        "skatteintäkter hittills",
    );

    // Ej fördelat utfall per object.
    let e = blad(&mut bok, "Ej fördelat utfall");
    let ack = kolumn_med(&e, "Utfall ackumulerat");
    for x in doc["ej_fordelat"].as_array().unwrap() {
        let objekt = x["objekt"].as_str().unwrap_or("Utan objekt");
        lika(tal(&e, rad_med(&e, objekt), ack), b(&x["utfall_ack"]), objekt);
    }
    lika(tal(&e, rad_med(&e, "Summa"), ack), b(&doc["ej_fordelat_utfall"]), "ej fördelat");
    assert!(alla_formler_har_resultat(fil) > 150);
}

/// The chart parts of an xlsx.
fn diagram(fil: &Path) -> usize {
    let z = zip::ZipArchive::new(std::fs::File::open(fil).unwrap()).unwrap();
    z.file_names().filter(|n| n.as_ref().is_ok_and(|n| n.starts_with("xl/charts/chart"))).count()
}

#[test]
fn arbetsboken_ar_json_dokumentet() {
    let dir = tempfile::tempdir().unwrap();
    for (period, args, skala) in [
        ("2026-03", vec![], 1.0),
        ("2026-08", vec![], 1.0),
        ("2026-10", vec![], 1.0),
        ("2026-03", vec!["--metod", "budget"], 1.0),
        ("2026-08", vec!["--metod", "linjar", "--enhet", "mnkr"], 1000.0),
    ] {
        let fil = dir.path().join(format!("{period}-{}.xlsx", args.join("")));
        let doc = kor(period, &args, &fil);
        kontrollera_mot_json(&fil, &doc, skala);
        // A chart in total and one per nämnd.
        assert_eq!(diagram(&fil), 1 + doc["namnder"].as_array().unwrap().len());
    }
}

#[test]
fn avvikelsen_rod_bortom_troskeln() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("mars.xlsx");
    let doc = kor("2026-03", &[], &fil);
    let ark = del_av_xlsx(&fil, &bladdel(&fil, &bladnamn(&doc)));
    assert_eq!(ark.matches("<conditionalFormatting").count(), 3, "avvikelse, procent och åtgärdsplan");
    assert!(
        ark.contains("<formula>AND($L2&lt;0,-$L2&gt;"),
        "{}",
        &ark[ark.find("<conditionalFormatting").unwrap()..][..400]
    );
    let stilar = del_av_xlsx(&fil, "xl/styles.xml");
    assert!(stilar.contains("FFC7CE"), "röd fyllning");
    // The formula compares the deviation with the threshold cell, an input of 0.5 %.
    let mut bok = oppna(&fil);
    let r = blad(&mut bok, &bladnamn(&doc));
    let t = rad_med(&r, "Tröskel för åtgärdsplan, underskott i procent av budgeten");
    assert!((tal(&r, t, 6) - 0.005).abs() < 1e-12);
}

#[test]
fn samma_indata_ger_samma_bytes() {
    samma_bytes(|fil| {
        kor("2026-08", &[], fil);
    });
}

#[test]
#[cfg_attr(not(libreoffice), ignore = "LibreOffice (soffice) saknas: apt-get install libreoffice-calc-nogui")]
fn libreoffice_raknar_om_till_samma_tal() {
    let dir = tempfile::tempdir().unwrap();
    let mut filer: Vec<PathBuf> = Vec::new();
    let mut dokument = Vec::new();
    for (period, args) in [
        ("2026-03", vec![]),
        ("2026-08", vec!["--enhet", "mnkr"]),
        ("2026-10", vec!["--metod", "budget"]),
        ("2026-10", vec!["--metod", "linjar"]),
    ] {
        let fil = dir.path().join(format!("{period}{}.xlsx", args.join("")));
        dokument.push(kor(period, &args, &fil));
        filer.push(fil);
    }
    // An economist raises KS's March outcome by 1 000 tkr.
    let original = &filer[0];
    let namn = bladnamn(&dokument[0]);
    let mut bok = oppna(original);
    let r = blad(&mut bok, &namn);
    let rad = blockrad(&r, "Utfall per månad 2026 (tkr)", "KS");
    let mars = tal(&r, rad, 4);
    let andrad = dir.path().join("andrad.xlsx");
    med_andrat_tal(original, &andrad, &bladdel(original, &namn), &adress(rad, 4), mars + 1000.0);
    let refs: Vec<&Path> = filer.iter().map(|f| f.as_path()).collect();
    let (antal, andra) = libreoffice_kontroll(&refs, &[&andrad], dir.path());
    assert!(antal.iter().all(|&n| n > 150), "{antal:?}");

    let mut efter = oppna(&andra[0]);
    let e = blad(&mut efter, &namn);
    let ks = forsta_rad(&r, "KS");
    let skillnad = |rubrik: &str| tal(&e, ks, kolumn_med(&r, rubrik)) - tal(&r, ks, kolumn_med(&r, rubrik));
    assert!((skillnad("Utfall ackumulerat") - 1000.0).abs() < 1e-6);
    // Seasonal: the forecast rises by 1 000 / s(KS, 3).
    let s = belopp(&dokument[0]["namnder"][0]["sasongsandel"]);
    assert!((skillnad("Prognos helår") - 1000.0 / s).abs() < 1e-6, "{}", skillnad("Prognos helår"));
    assert!((skillnad("Avvikelse") + 1000.0 / s).abs() < 1e-6);
    // The kommun's forecast result follows.
    let (fore, rp) = (blad(&mut bok, "Resultatprognos"), blad(&mut efter, "Resultatprognos"));
    let (rad, kol) = (rad_med(&fore, "Resultat"), kolumn_med(&fore, "Prognos 2026"));
    assert!((tal(&rp, rad, kol) - tal(&fore, rad, kol) + 1000.0 / s).abs() < 1e-6);
}

#[test]
fn inget_skrivs_vid_fel() {
    let filer: Vec<PathBuf> = hedemora_sie();
    let modell = hedemora();
    let mut args: Vec<&OsStr> = vec![OsStr::new("uppfolj"), modell.as_os_str(), OsStr::new("--utfall")];
    args.extend(filer.iter().map(|f| f.as_os_str()));
    args.extend([OsStr::new("--period"), OsStr::new("2025-03")]);
    ingen_arbetsbok_vid_fel(&args, &["ligger utanför budgetåret 2026"]);
}

//! The workbook of `ramverk ram --xlsx`: read back with calamine and compared
//! with `--json`, byte-identical for the same inputs, nothing written on bad
//! input, and recalculated by headless LibreOffice to the same numbers.

mod common;

use calamine::{Data, Range, Reader};
use common::{arbetsbok::*, *};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Instant;

const BLAD: [&str; 3] = ["Procentuell ram", "Intäkter", "Antaganden"];

const SKALNING: &str = "Skalning per invånare (egna invånare / SKR:s)";

/// The type of a revenue post as the workbook names it.
fn typtext(typ: &str) -> &str {
    match typ {
        "per_invanare" => "per invånare",
        "inkomstutjamning" => "inkomstutjämning",
        "fast" => "fast belopp",
        annan => annan,
    }
}

/// A scenario that moves every revenue lever (and an `&` in its name).
const ALLA_SPAKAR: &str = r#"
namn = "Alla spakar & index"
resultat_procent = 1.5
[skatteunderlag]
2026 = -1.0
2027 = 0.5
[invanare]
2025 = -50
2027 = 30
[skattesats]
forandring = 0.25
[statsbidrag_kr_per_invanare]
2026 = 95
2028 = 200
[intakter_tkr]
2027 = -5000
[index.pkv]
2026 = 0.5
[index.skatteunderlag]
2027 = 0.3
[index.internranta]
2027 = 1.0
"#;

/// Runs `ram` with `--json --xlsx`; returns the JSON document.
fn kor_ram(modell: &Path, scenario: Option<&Path>, xlsx: &Path) -> Value {
    let mut cmd = ramverk();
    cmd.arg("ram").arg(modell).arg("--json").arg("--xlsx").arg(xlsx);
    if let Some(s) = scenario {
        cmd.arg("--scenario").arg(s);
    }
    let ut = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&ut).unwrap()
}

/// The plan years of a `ram` document.
fn ar(doc: &Value) -> Vec<i64> {
    doc["ar"].as_array().unwrap().iter().map(|a| a.as_i64().unwrap()).collect()
}

fn arsrubrik(doc: &Value, t: i64) -> String {
    if t == doc["basar"].as_i64().unwrap() + 1 { format!("Budget {t}") } else { format!("Plan {t}") }
}

/// Every number of the JSON document is in the workbook, as a number cell.
fn kontrollera_mot_json(fil: &Path, doc: &Value) {
    let mut bok = oppna(fil);
    assert_eq!(bok.sheet_names(), BLAD);
    let pr = blad(&mut bok, "Procentuell ram");
    let int = blad(&mut bok, "Intäkter");
    let ant = blad(&mut bok, "Antaganden");
    let basar = doc["basar"].as_i64().unwrap();
    let ar = ar(doc);

    // Headers.
    let mut rubriker = vec!["Post".to_string(), "Förklaring".into(), format!("Basår {basar}")];
    rubriker.extend(ar.iter().map(|&t| arsrubrik(doc, t)));
    assert_eq!(radtexter(&pr, 0), rubriker);
    let mut rubriker = vec!["Post".to_string(), "Typ".into()];
    rubriker.extend(ar.iter().map(|&t| arsrubrik(doc, t)));
    assert_eq!(radtexter(&int, 0), rubriker);
    let mut rubriker = vec!["Uppgift".to_string(), "Typ / enhet".into(), "Värde".into()];
    rubriker.extend(ar.iter().map(|&t| arsrubrik(doc, t)));
    rubriker.push("Källa".into());
    assert_eq!(radtexter(&ant, 0), rubriker);

    // Procentuell ram: the yearly block.
    let mut rader = RAMUTRYMMESRADER.to_vec();
    rader.extend([("Kostnadsutveckling (PKV)", "kostnadsutveckling"), ("Differens", "differens")]);
    for &t in &ar {
        let k = kolumn_med(&pr, &arsrubrik(doc, t));
        for &(etikett, nyckel) in &rader {
            lika(tal(&pr, rad_med(&pr, etikett), k), belopp(&doc[nyckel][t.to_string()]), &format!("{etikett} {t}"));
        }
        // Percent: stored as a fraction, shown 0.0 %.
        let p = tal(&pr, rad_med(&pr, "Förändring mot året före"), k);
        lika(p * 100.0, belopp(&doc["procent"][t.to_string()]), &format!("procent {t}"));
    }
    let k0 = kolumn_med(&pr, &format!("Basår {basar}"));
    lika(tal(&pr, rad_med(&pr, "Ramutrymme"), k0), belopp(&doc["basram"]), "R0");

    // Procentuell ram: the nämnder, rounded (the frames as decided) and exact (the underlag).
    let namnder = doc["namnder"].as_array().unwrap();
    for n in namnder {
        let id = n["id"].as_str().unwrap();
        let rader = rader_med(&pr, 0, id);
        assert_eq!(rader.len(), 2, "{id} ska finnas i den avrundade och den exakta tabellen");
        let (avrundad, exakt) = (rader[0], rader[1]);
        assert_eq!(text(&pr, avrundad, 1), n["namn"].as_str().unwrap());
        lika(tal(&pr, avrundad, k0), belopp(&n["basram"]), &format!("basram {id}"));
        lika(tal(&pr, exakt, k0), belopp(&n["basram"]), &format!("basram {id}"));
        for &t in &ar {
            let k = kolumn_med(&pr, &arsrubrik(doc, t));
            lika(tal(&pr, exakt, k), belopp(&n["ram"][t.to_string()]), &format!("ram {id} {t}"));
            // Rounded frames: exactly.
            assert_eq!(tal(&pr, avrundad, k), belopp(&n["ram_avrundad"][t.to_string()]), "ram_avrundad {id} {t}");
        }
    }
    let summor = rader_med(&pr, 0, "Summa");
    assert_eq!(summor.len(), 2);
    for &t in &ar {
        let k = kolumn_med(&pr, &arsrubrik(doc, t));
        let u = belopp(&doc["ramutrymme"][t.to_string()]);
        lika(tal(&pr, summor[1], k), u, &format!("summa ramar {t}"));
        let avrundat: f64 = namnder.iter().map(|n| belopp(&n["ram_avrundad"][t.to_string()])).sum();
        assert_eq!(tal(&pr, summor[0], k), avrundat);
        assert_eq!(avrundat, u.round(), "de avrundade ramarna summerar till det avrundade ramutrymmet");
    }

    // Intäkter: each post (the second occurrence is the kommun's amount) and the sum.
    for &t in &ar {
        let k = kolumn_med(&int, &arsrubrik(doc, t));
        let i = &doc["intakter"][t.to_string()];
        for p in i["poster"].as_array().unwrap() {
            let namn = p["post"].as_str().unwrap();
            let rad = *rader_med(&int, 0, namn).last().unwrap_or_else(|| panic!("posten {namn} saknas"));
            assert_eq!(text(&int, rad, 1), typtext(p["typ"].as_str().unwrap()));
            lika(tal(&int, rad, k), belopp(&p["belopp"]), &format!("{namn} {t}"));
        }
        lika(tal(&int, rad_med(&int, "Summa skatter och generella statsbidrag"), k), belopp(&i["summa"]), "S");
        lika(tal(&int, rad_med(&int, SKALNING), k), belopp(&i["skalning"]), "r");
        let l = "Skatteunderlagets nivå med scenariots förändring";
        lika(tal(&int, rad_med(&int, l), k), belopp(&i["skatteunderlagsniva"]), "L");
    }

    // Antaganden: population, PK and C.
    for &t in &ar {
        let k = kolumn_med(&ant, &arsrubrik(doc, t));
        let y = t.to_string();
        let p = tal(&ant, rad_med(&ant, "Invånare som intäkterna räknas på"), k);
        assert_eq!(p, doc["invanare"][&y].as_f64().unwrap(), "P' {t}");
        let skr = tal(&ant, rad_med(&ant, "SKR:s antagande om invånare"), k);
        assert_eq!(skr, doc["invanare_skr"][&y].as_f64().unwrap());
        lika(tal(&ant, rad_med(&ant, "Summa pensionskostnader"), k), belopp(&doc["pension"][&y]), "PK");
        lika(tal(&ant, rad_med(&ant, "Summa centrala poster"), k), belopp(&doc["centrala_poster"][&y]), "C");
    }
}

fn ar_formel(f: &Range<String>, rad: u32, kol: u32, vad: &str) -> String {
    formel(f, rad, kol).unwrap_or_else(|| panic!("{vad} ({}) ska vara en formel", adress(rad, kol)))
}

#[test]
fn arbetsboken_lases_tillbaka_med_samma_tal_som_json() {
    let dir = tempfile::tempdir().unwrap();
    let alla = dir.path().join("alla.toml");
    std::fs::write(&alla, ALLA_SPAKAR).unwrap();
    let scenarier: [(Option<PathBuf>, &str); 4] = [
        (None, "bas.xlsx"),
        (Some(scenarier().join("stark.toml")), "stark.xlsx"),
        (Some(scenarier().join("svag.toml")), "svag.xlsx"),
        (Some(alla), "alla.xlsx"),
    ];
    for (scenario, namn) in scenarier {
        let fil = dir.path().join(namn);
        let doc = kor_ram(&hedemora(), scenario.as_deref(), &fil);
        kontrollera_mot_json(&fil, &doc);
    }
}

#[test]
fn summor_och_harledda_varden_ar_formler() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("ram.xlsx");
    let doc = kor_ram(&hedemora(), None, &fil);
    let mut bok = oppna(&fil);
    let pr = blad(&mut bok, "Procentuell ram");
    let prf = formler(&mut bok, "Procentuell ram");
    let budget = kolumn_med(&pr, "Budget 2026");
    let plan = kolumn_med(&pr, "Plan 2027");
    let bas = kolumn_med(&pr, "Basår 2025");

    let a = |rad: u32, kol: u32| adress(rad, kol);
    let s = rad_med(&pr, "Skatter och generella statsbidrag");
    let int = blad(&mut bok, "Intäkter");
    let summa_s = rad_med(&int, "Summa skatter och generella statsbidrag");
    let int_budget = kolumn_med(&int, "Budget 2026");
    assert_eq!(ar_formel(&prf, s, budget, "S"), format!("'Intäkter'!{}", a(summa_s, int_budget)));
    let pk_rad = rad_med(&pr, "Pensionskostnader inklusive löneskatt");
    let ant = blad(&mut bok, "Antaganden");
    let ant_budget = kolumn_med(&ant, "Budget 2026");
    let pk = ar_formel(&prf, pk_rad, budget, "PK");
    assert_eq!(pk, format!("'Antaganden'!{}", a(rad_med(&ant, "Summa pensionskostnader"), ant_budget)));
    let (c, m) = (rad_med(&pr, "Centrala poster"), rad_med(&pr, "Resultatmål"));
    let u = rad_med(&pr, "Ramutrymme");
    let uf = ar_formel(&prf, u, budget, "U");
    assert_eq!(uf, format!("{}-{}-{}-{}", a(s, budget), a(pk_rad, budget), a(c, budget), a(m, budget)));
    let p = ar_formel(&prf, rad_med(&pr, "Förändring mot året före"), plan, "procent");
    assert_eq!(p, format!("{}/{}-1", a(u, plan), a(u, budget)));
    let ku = rad_med(&pr, "Kostnadsutveckling (PKV)");
    assert_eq!(ar_formel(&prf, ku, bas, "kostnadsutveckling basår"), a(u, bas));
    let pkv = rad_med(&ant, "Prisindex för kommunal verksamhet (PKV)");
    let ant_plan = kolumn_med(&ant, "Plan 2027");
    assert_eq!(
        ar_formel(&prf, ku, plan, "kostnadsutveckling"),
        format!("{}*(1+'Antaganden'!{})", a(ku, budget), a(pkv, ant_plan))
    );
    let d = ar_formel(&prf, rad_med(&pr, "Differens"), plan, "differens");
    assert_eq!(d, format!("{}-{}", a(u, plan), a(ku, plan)));

    // Per nämnd: the rounded frames are values over the exact ones, which
    // are basram·U/R0; the sums are SUM.
    let ks = rader_med(&pr, 0, "KS");
    let summor = rader_med(&pr, 0, "Summa");
    assert!(formel(&prf, ks[0], bas).is_none(), "basramen är indata");
    assert!(formel(&prf, ks[0], budget).is_none(), "den avrundade ramen är ett värde");
    assert_eq!(ar_formel(&prf, u, bas, "basårets ramutrymme"), a(summor[0], bas));
    let kol_bas = adress(0, bas).trim_end_matches('1').to_string();
    let kol_budget = adress(0, budget).trim_end_matches('1').to_string();
    let ram = ar_formel(&prf, ks[1], budget, "ram KS");
    assert_eq!(ram, format!("${kol_bas}{}*{kol_budget}${}/${kol_bas}${}", ks[0] + 1, u + 1, summor[0] + 1));
    let ofn = rader_med(&pr, 0, "OFN");
    for k in [bas, budget, plan] {
        assert_eq!(ar_formel(&prf, summor[0], k, "Summa"), format!("SUM({}:{})", a(ks[0], k), a(ofn[0], k)));
    }
    for k in [budget, plan] {
        assert_eq!(ar_formel(&prf, summor[1], k, "Summa"), format!("SUM({}:{})", a(ks[1], k), a(ofn[1], k)));
    }

    // Intäkter: the factors, each post and the sum.
    let int = blad(&mut bok, "Intäkter");
    let intf = formler(&mut bok, "Intäkter");
    let k = kolumn_med(&int, "Budget 2026");
    let a = |rad: u32| adress(rad, k);
    let r = rad_med(&int, SKALNING);
    let p = rad_med(&int, "Invånare 1 november året före");
    let pskr = rad_med(&int, "SKR:s antagande om invånare");
    assert_eq!(ar_formel(&intf, r, k, "r"), format!("{}/{}", a(p), a(pskr)));
    let l = rad_med(&int, "Skatteunderlagets nivå med scenariots förändring");
    let tau = rad_med(&int, "Skattesatsfaktor (ny skattesats / nuvarande)");
    let skatt = rader_med(&int, 0, "Kommunalskatt");
    let f = ar_formel(&intf, skatt[1], k, "kommunalskatt");
    assert_eq!(f, format!("{}*{}*{}*{}", a(skatt[0]), a(r), a(l), a(tau)), "skatt: belopp, invånare, nivå, skattesats");
    let fast = rader_med(&int, 0, "Kommunal fastighetsavgift");
    assert_eq!(ar_formel(&intf, fast[1], k, "fastighetsavgift"), a(fast[0]), "fast: SKR:s belopp");
    let sr = rad_med(&int, "Summa skatter och generella statsbidrag");
    assert!(ar_formel(&intf, sr, k, "S").starts_with("SUM("));
    let forsta = rader_med(&int, 0, "Kommunalskatt")[0];
    assert!(formel(&intf, forsta, k).is_none(), "SKR:s belopp är indata");

    // Antaganden: PK and C are sums; the investment terms of C are sums of the investments.
    let ant = blad(&mut bok, "Antaganden");
    let antf = formler(&mut bok, "Antaganden");
    let k = kolumn_med(&ant, "Budget 2026");
    assert!(ar_formel(&antf, rad_med(&ant, "Summa pensionskostnader"), k, "PK").starts_with("SUM("));
    assert!(ar_formel(&antf, rad_med(&ant, "Summa centrala poster"), k, "C").starts_with("SUM("));
    assert!(ar_formel(&antf, rad_med(&ant, "Internränta från nämnderna"), k, "internränta").starts_with("-SUM("));
    assert!(ar_formel(&antf, rad_med(&ant, "Räntekostnad för lån"), k, "lån").starts_with("SUM("));
    let p = ar_formel(&antf, rad_med(&ant, "Invånare som intäkterna räknas på"), k, "P'");
    let egen = rad_med(&ant, "Egen befolkningsprognos");
    let delta = rad_med(&ant, "Invånare 1 november året före");
    assert_eq!(p, format!("{}+{}", adress(egen, k), adress(delta, k)));

    // Every formula has a stored numeric result.
    let celler = formelceller(&fil);
    assert!(celler.len() > 150, "{} formler", celler.len());
    for c in &celler {
        assert!(
            matches!(c.varde, Data::Float(_) | Data::Int(_)),
            "{}!{} saknar lagrat resultat",
            c.blad,
            adress(c.rad, c.kol)
        );
    }
    assert_eq!(doc["kommun"], "Hedemora kommun");
}

#[test]
fn format_fyllnad_egenskaper_och_utskrift() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("ram.xlsx");
    kor_ram(&hedemora(), None, &fil);
    let mut bok = oppna(&fil);
    let pr = blad(&mut bok, "Procentuell ram");
    let st = stilar(&mut bok, "Procentuell ram");
    let budget = kolumn_med(&pr, "Budget 2026");
    let bas = kolumn_med(&pr, "Basår 2025");
    let fmt = |rad: u32, kol: u32| {
        st.get((rad, kol)).and_then(|s| s.number_format.as_ref()).map(|n| n.format_code.clone()).unwrap_or_default()
    };
    let fyllning = |rad: u32, kol: u32| st.get((rad, kol)).and_then(|s| s.fill.as_ref()).and_then(|f| f.get_color());
    let u = rad_med(&pr, "Ramutrymme");
    assert_eq!(fmt(u, budget), "#,##0");
    assert_eq!(fmt(rad_med(&pr, "Förändring mot året före"), budget), "0.0%");
    let ks = rader_med(&pr, 0, "KS");
    let indata = fyllning(ks[0], bas).expect("indata har en fyllning");
    assert_eq!(indata.to_argb() & 0xFFFFFF, 0xFFF2CC);
    assert!(fyllning(ks[1], budget).is_none_or(|c| c.is_white()), "formler har ingen fyllning");
    let beraknad = fyllning(ks[0], budget).expect("avrundade ramar är grå");
    assert_ne!(beraknad, indata);
    assert_eq!(fmt(ks[0], budget), "#,##0", "ramen i hela tkr");
    assert_eq!(fmt(ks[1], budget), "#,##0.0", "den exakta ramen med en decimal");
    let st = stilar(&mut bok, "Intäkter");
    let int = blad(&mut bok, "Intäkter");
    let p = rad_med(&int, "Invånare 1 november året före");
    assert_eq!(
        st.get((p, 2)).and_then(|s| s.number_format.clone()).map(|n| n.format_code).unwrap_or_default(),
        "#,##0"
    );

    // Document properties, with the fixed date.
    let core = del_av_xlsx(&fil, "docProps/core.xml");
    assert!(core.contains("<dc:title>Procentuell ram 2026 – Hedemora kommun</dc:title>"), "{core}");
    assert!(core.contains("<dc:subject>Bas</dc:subject>"), "{core}");
    assert!(core.contains("<dc:description>SKR cirkulär 24:67, december 2024</dc:description>"), "{core}");
    assert!(core.contains(">2000-01-01T00:00:00Z</dcterms:created>"), "{core}");

    // Each sheet: frozen header, landscape, one page wide, the header line.
    for i in 1..=3 {
        let ark = del_av_xlsx(&fil, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(ark.contains(r#"state="frozen""#), "blad {i}: frysta rubriker");
        assert!(ark.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "blad {i}: anpassa till sidan");
        assert!(
            ark.contains(r#"orientation="landscape""#) && ark.contains(r#"fitToHeight="0""#),
            "blad {i}: liggande, en sida bred"
        );
        assert!(
            ark.contains("<oddHeader>&amp;LHedemora kommun&amp;CScenario: Bas&amp;RSKR-prognos: SKR cirkulär 24:67, december 2024</oddHeader>"),
            "blad {i}: sidhuvud"
        );
    }
    // The list of nämnder has an autofilter.
    let ark = del_av_xlsx(&fil, "xl/worksheets/sheet1.xml");
    let rubrik = rader_med(&pr, 0, "Nämnd")[0];
    let sista = rader_med(&pr, 0, "OFN")[0];
    assert!(ark.contains(&format!(r#"<autoFilter ref="A{}:F{}"/>"#, rubrik + 1, sista + 1)), "autofilter");
}

#[test]
fn et_tecken_i_namn_escapas_i_sidhuvudet() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("alla.toml");
    std::fs::write(&scenario, ALLA_SPAKAR).unwrap();
    let fil = dir.path().join("ram.xlsx");
    kor_ram(&hedemora(), Some(&scenario), &fil);
    let ark = del_av_xlsx(&fil, "xl/worksheets/sheet2.xml");
    assert!(
        ark.contains("&amp;CScenario: Alla spakar &amp;&amp; index&amp;R"),
        "{}",
        &ark[ark.find("<oddHeader>").unwrap()..]
    );
    let core = del_av_xlsx(&fil, "docProps/core.xml");
    assert!(core.contains("<dc:subject>Alla spakar &amp; index</dc:subject>"), "{core}");
}

#[test]
fn samma_indata_ger_samma_bytes() {
    samma_bytes(|fil| {
        kor_ram(&hedemora(), None, fil);
    });
}

#[test]
fn fel_indata_skriver_ingen_arbetsbok() {
    let dir = tempfile::tempdir().unwrap();
    let modell = dir.path().join("modell");
    kopiera_modell(&hedemora(), &modell);
    let ramar = modell.join("ramar.csv");
    let bytes = std::fs::read(&ramar).unwrap();
    let text = String::from_utf8_lossy(&bytes).replace("153340", "tre");
    std::fs::write(&ramar, text).unwrap();
    // Nothing written, and an existing workbook left as it was.
    ingen_arbetsbok_vid_fel(&["ram".as_ref(), modell.as_os_str()], &["ramar.csv", "\"tre\""]);
}

#[test]
fn befintlig_arbetsbok_ersatts_hel() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("ram.xlsx");
    std::fs::write(&fil, b"gammal arbetsbok").unwrap();
    let doc = kor_ram(&hedemora(), None, &fil);
    kontrollera_mot_json(&fil, &doc);
    assert_eq!(filer_i(dir.path()), ["ram.xlsx"], "ingen tillfällig fil blir kvar");
}

#[test]
fn utfil_som_inte_kan_skrivas_ger_kod_2_pa_svenska() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("finns-inte").join("ram.xlsx");
    let res = ramverk().arg("ram").arg(hedemora()).arg("--xlsx").arg(&fil).assert().code(2);
    let fel = String::from_utf8_lossy(&res.get_output().stderr).into_owned();
    assert!(fel.contains("ram.xlsx: kan inte skrivas: mappen finns inte"), "{fel}");
    assert!(!fel.contains("panic"), "{fel}");
    assert!(res.get_output().stdout.is_empty(), "inget resultat när arbetsboken inte kunde skrivas");
    // A folder as target.
    let res = ramverk().arg("ram").arg(hedemora()).arg("--xlsx").arg(dir.path()).assert().code(2);
    let fel = String::from_utf8_lossy(&res.get_output().stderr).into_owned();
    assert!(fel.contains("är en mapp: ange ett filnamn i mappen"), "{fel}");
}

// ---------------------------------------------------------------- LibreOffice

/// The test of the test: a workbook whose stored results are deliberately
/// wrong comes back from LibreOffice with the right ones, so a match in
/// `libreoffice_raknar_om_till_samma_varden` means LibreOffice recalculated.
#[test]
#[cfg_attr(not(libreoffice), ignore = "LibreOffice (soffice) saknas: apt-get install libreoffice-calc-nogui")]
fn libreoffice_raknar_verkligen_om() {
    use ramverk::utdata::arbetsbok::{Arbetsbok, Dokument, Kolumn, Roll, Slag};
    use rust_decimal::Decimal;
    let soffice = libreoffice();
    let dir = tempfile::tempdir().unwrap();
    let dok = Dokument { titel: "Test".into(), kommun: "K".into(), scenario: "Bas".into(), skr_prognos: "P".into() };
    let mut bok = Arbetsbok::ny(dok);
    let mut indata = bok.nytt_blad("Indata", &[Kolumn::ny("Post", 20.0), Kolumn::tal("Belopp")], 1).unwrap();
    let r = indata.ny_rad();
    let a = indata.tal(r, 1, Decimal::TWO, Slag::Belopp, Roll::Indata).unwrap();
    let r = indata.ny_rad();
    let b = indata.tal(r, 1, Decimal::from(3), Slag::Belopp, Roll::Indata).unwrap();
    let r = indata.ny_rad();
    // 2 + 3 stored as 99.
    let summa =
        indata.formel(r, 1, &format!("={}+{}", a.a1(), b.a1()), Decimal::from(99), Slag::Belopp, Roll::Summa).unwrap();
    let mut resultat = bok.nytt_blad("Resultat på blad", &[Kolumn::ny("Post", 20.0), Kolumn::tal("Andel")], 1).unwrap();
    let r = resultat.ny_rad();
    // (2 + 3) / 10 = 50 %, stored as 7 %.
    let f = format!("={}/10", summa.i("Resultat på blad"));
    resultat.formel(r, 1, &f, Decimal::from(7), Slag::PROCENT, Roll::Formel).unwrap();
    bok.lagg_till(indata);
    bok.lagg_till(resultat);
    let fil = dir.path().join("fel-lagrat.xlsx");
    bok.spara(&fil, &[]).unwrap();
    assert_eq!(tal(&blad(&mut oppna(&fil), "Indata"), 3, 1), 99.0, "det lagrade resultatet är fel med avsikt");

    let start = Instant::now();
    let ut = rakna_om(&soffice, &[&fil], &dir.path().join("lo"));
    eprintln!("LibreOffice: {:.1} s", start.elapsed().as_secs_f64());
    let mut lo = oppna(&ut[0]);
    assert_eq!(tal(&blad(&mut lo, "Indata"), 3, 1), 5.0, "LibreOffice räknade inte om");
    assert_eq!(tal(&blad(&mut lo, "Resultat på blad"), 1, 1), 0.5, "LibreOffice räknade inte om över bladgränsen");
}

/// Headless LibreOffice recalculates every formula of the `ram` workbook
/// (base scenario, and one that moves every lever) to ramverk's stored
/// result. A copy with every stored result set to 0 comes back with the same
/// numbers: each formula computes its value from the inputs.
#[test]
#[cfg_attr(not(libreoffice), ignore = "LibreOffice (soffice) saknas: apt-get install libreoffice-calc-nogui")]
fn libreoffice_raknar_om_till_samma_varden() {
    let soffice = libreoffice();
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("alla.toml");
    std::fs::write(&scenario, ALLA_SPAKAR).unwrap();
    let bas = dir.path().join("bas.xlsx");
    let alla = dir.path().join("alla.xlsx");
    kor_ram(&hedemora(), None, &bas);
    kor_ram(&hedemora(), Some(&scenario), &alla);
    let nollad = dir.path().join("nollad.xlsx");
    let nollade = med_nollade_resultat(&bas, &nollad);
    let mut nb = oppna(&nollad);
    let pr = blad(&mut nb, "Procentuell ram");
    assert_eq!(tal(&pr, rad_med(&pr, "Ramutrymme"), 3), 0.0, "kopian har nollade resultat");

    let start = Instant::now();
    let ut = rakna_om(&soffice, &[&bas, &alla, &nollad], &dir.path().join("lo"));
    eprintln!("LibreOffice: {:.1} s för tre arbetsböcker", start.elapsed().as_secs_f64());
    for (original, omraknad) in [&bas, &alla].into_iter().zip(&ut) {
        let antal = jamfor_omrakning(original, omraknad);
        assert!(antal > 150, "{}: bara {antal} formler", original.display());
        // LibreOffice kept the formulas (it did not flatten them to values).
        assert_eq!(formelceller(omraknad).len(), antal);
    }
    let antal = jamfor_omrakning(&bas, &ut[2]);
    assert_eq!(antal, nollade, "varje formel nollades och räknades om");
}

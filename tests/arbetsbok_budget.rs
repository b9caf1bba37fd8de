//! The workbook of `ramverk budget --xlsx` (MODELL §12): its sheets, every
//! line read back with calamine and compared with `--json` (in tkr and in
//! mnkr), the sums and differences as formulas, plain Swedish in every text
//! cell, percentages with their inputs' decimals, byte-identical output, and
//! headless LibreOffice recalculating every formula to the stored value.

mod common;

use calamine::{Data, Range, Reader};
use common::{arbetsbok::*, *};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const BLAD: [&str; 9] = [
    "Sammanfattning",
    "Resultatbudget",
    "Balansbudget",
    "Kassaflödesbudget",
    "Driftbudget",
    "Investeringsbudget",
    "Känslighetsanalys",
    "Mål och medel",
    "Antaganden",
];

/// Runs `budget` with `--json --xlsx` and the extra arguments.
fn kor(modell: &Path, extra: &[&str], xlsx: &Path) -> Value {
    let mut args: Vec<&OsStr> = vec![OsStr::new("budget"), modell.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    kor_json_xlsx(&args, xlsx)
}

/// The cases: Hedemora in tkr and mnkr, under a scenario and every rule,
/// the hand-computed model, and a model without a balansbudget.
fn fall() -> Vec<(PathBuf, Vec<String>)> {
    let s = |namn: &str| scenarier().join(namn).display().to_string();
    vec![
        (hedemora(), vec![]),
        (hedemora(), vec!["--enhet".into(), "mnkr".into()]),
        (hedemora(), vec!["--scenario".into(), s("svag.toml"), "--fordelning".into(), "optimal".into()]),
        (hedemora(), vec!["--scenario".into(), s("stark.toml"), "--fordelning".into(), "gemensam".into()]),
        (hedemora(), vec!["--scenario".into(), s("effektivisering.toml"), "--enhet".into(), "mnkr".into()]),
        (fixtur("budget-mini"), vec![]),
        (fixtur("mini"), vec![]),
    ]
}

fn faktor(extra: &[String]) -> f64 {
    if extra.iter().any(|a| a == "mnkr") { 1000.0 } else { 1.0 }
}

/// The column of a year of the plan period.
fn ar_kol(r: &Range<Data>, doc: &Value, t: i64) -> u32 {
    kolumn_med(r, &arsrubrik(doc, t))
}

/// The row whose column 0 starts with `borjan` (exactly one).
fn rad_som_borjar(r: &Range<Data>, borjan: &str) -> u32 {
    let (slut, _) = r.end().unwrap_or((0, 0));
    let rader: Vec<u32> = (0..=slut)
        .filter(|&rad| matches!(r.get_value((rad, 0)), Some(Data::String(s)) if s.starts_with(borjan)))
        .collect();
    match rader.as_slice() {
        [rad] => *rad,
        _ => panic!("\"{borjan}…\" finns på raderna {rader:?}, väntade en"),
    }
}

/// The column of `rubrik` in row `rad`.
fn kol_i_rad(r: &Range<Data>, rad: u32, rubrik: &str) -> u32 {
    let bredd = r.end().map(|(_, k)| k + 1).unwrap_or(0);
    (0..bredd)
        .find(|&k| matches!(r.get_value((rad, k)), Some(Data::String(s)) if s == rubrik))
        .unwrap_or_else(|| panic!("\"{rubrik}\" saknas på rad {}: {:?}", rad + 1, radtexter(r, rad)))
}

fn kontrollera_mot_json(fil: &Path, doc: &Value, f: f64) {
    let mut bok = oppna(fil);
    let balans = doc.get("balansbudget").is_some();
    let namn: Vec<&str> =
        BLAD.iter().copied().filter(|b| balans || !["Balansbudget", "Kassaflödesbudget"].contains(b)).collect();
    assert_eq!(bok.sheet_names(), namn);
    let ar = planar(doc);
    let pengar = |v: &Value| belopp(v) / f;

    // Resultatbudget: every line.
    let rb = blad(&mut bok, "Resultatbudget");
    let rader = [
        ("Verksamhetens intäkter", "verksamhetens_intakter"),
        ("Verksamhetens kostnader", "verksamhetens_kostnader"),
        ("Avskrivningar", "avskrivningar"),
        ("Verksamhetens nettokostnader", "verksamhetens_nettokostnader"),
        ("Skatteintäkter", "skatteintakter"),
        ("Generella statsbidrag och utjämning", "generella_statsbidrag_och_utjamning"),
        ("Verksamhetens resultat", "verksamhetens_resultat"),
        ("Finansiella intäkter", "finansiella_intakter"),
        ("Finansiella kostnader", "finansiella_kostnader"),
        ("Årets resultat", "arets_resultat"),
    ];
    for &t in &ar {
        let y = t.to_string();
        let k = ar_kol(&rb, doc, t);
        for (etikett, nyckel) in rader {
            let v = pengar(&doc["resultatbudget"][nyckel][&y]);
            lika(tal(&rb, rad_med(&rb, etikett), k), v, &format!("{etikett} {t}"));
        }
        // Each line is its note's total.
        for (etikett, summa) in [
            ("Verksamhetens kostnader", "Summa verksamhetens kostnader"),
            ("Skatteintäkter", "Summa skatteintäkter"),
            ("Finansiella kostnader", "Summa finansiella kostnader"),
        ] {
            lika(tal(&rb, rad_med(&rb, summa), k), tal(&rb, rad_med(&rb, etikett), k), summa);
        }
    }

    // Balansbudget and kassaflödesbudget.
    if balans {
        let bb = blad(&mut bok, "Balansbudget");
        let rader = [
            ("Anläggningstillgångar", "anlaggningstillgangar"),
            ("Omsättningstillgångar", "omsattningstillgangar"),
            ("Summa tillgångar", "summa_tillgangar"),
            ("Eget kapital", "eget_kapital"),
            ("Avsättningar", "avsattningar"),
            ("Långfristiga skulder", "langfristiga_skulder"),
            ("Kortfristiga skulder", "kortfristiga_skulder"),
            ("Summa eget kapital, avsättningar och skulder", "summa_eget_kapital_och_skulder"),
        ];
        let basar = doc["basar"].as_i64().unwrap();
        let k0 = kolumn_med(&bb, &format!("Prognos {basar}"));
        lika(tal(&bb, rad_med(&bb, "Eget kapital"), k0), pengar(&doc["ingaende_balans"]["eget_kapital"]), "EK0");
        lika(
            tal(&bb, rad_med(&bb, "Kortfristiga skulder"), k0),
            pengar(&doc["ingaende_balans"]["kortfristiga_skulder"]),
            "KS0",
        );
        let kf = blad(&mut bok, "Kassaflödesbudget");
        let kassa = [
            ("Kassaflöde från den löpande verksamheten", "lopande_verksamhet"),
            ("Kassaflöde från investeringsverksamheten", "investeringsverksamhet"),
            ("Kassaflöde från finansieringsverksamheten", "finansieringsverksamhet"),
            ("Årets kassaflöde", "arets_kassaflode"),
        ];
        for &t in &ar {
            let y = t.to_string();
            let k = ar_kol(&bb, doc, t);
            for (etikett, nyckel) in rader {
                lika(tal(&bb, rad_med(&bb, etikett), k), pengar(&doc["balansbudget"][nyckel][&y]), etikett);
            }
            lika(tal(&bb, rad_med(&bb, "Soliditet"), k) * 100.0, belopp(&doc["soliditet"][&y]), "soliditet");
            let k = ar_kol(&kf, doc, t);
            for (etikett, nyckel) in kassa {
                lika(tal(&kf, rad_med(&kf, etikett), k), pengar(&doc["kassaflodesbudget"][nyckel][&y]), etikett);
            }
            if let Some(lm) = doc["kassaflodesbudget"].get("likvida_medel") {
                lika(tal(&kf, rad_med(&kf, "Likvida medel vid årets slut"), k), pengar(&lm[&y]), "likvida medel");
            }
            let avstamning = rad_som_borjar(&kf, "Förändring av omsättningstillgångar");
            lika(tal(&kf, avstamning, k), pengar(&doc["kassaflodesbudget"]["arets_kassaflode"][&y]), "ΔOT");
        }
    }

    // Sammanfattning: the targets and the key ratios.
    let s = blad(&mut bok, "Sammanfattning");
    let uppfyllt = |b: &Value| if b.as_bool().unwrap() { "uppfyllt" } else { "ej uppfyllt" };
    for &t in &ar {
        let y = t.to_string();
        let k = ar_kol(&s, doc, t);
        let p = |borjan: &str| tal(&s, rad_som_borjar(&s, borjan), k) * 100.0;
        lika(p("Resultat i procent"), belopp(&doc["resultat_procent"][&y]), "resultat %");
        lika(p("Mål för resultatet"), belopp(&doc["resultatmal_procent"]), "mål");
        lika(p("Nettokostnadsandel,"), belopp(&doc["nyckeltal"]["nettokostnadsandel"][&y]), "nettokostnadsandel");
        assert_eq!(text(&s, rad_med(&s, "Resultatmålet"), k), uppfyllt(&doc["resultatmal_uppfyllt"][&y]));
        assert_eq!(text(&s, rad_som_borjar(&s, "Balanskravet"), k), uppfyllt(&doc["balanskrav_uppfyllt"][&y]));
        match &doc["nyckeltal"]["sjalvfinansieringsgrad"][&y] {
            Value::Null => assert_eq!(text(&s, rad_som_borjar(&s, "Självfinansieringsgrad"), k), "–"),
            v => lika(p("Självfinansieringsgrad"), belopp(v), "självfinansieringsgrad"),
        }
        let kr = |borjan: &str| tal(&s, rad_som_borjar(&s, borjan), k);
        lika(
            kr("Skatteintäkter och generella statsbidrag per"),
            belopp(&doc["nyckeltal"]["intakter_per_invanare"][&y]),
            "kr/inv",
        );
        lika(kr("Nettokostnad per invånare"), belopp(&doc["nyckeltal"]["nettokostnad_per_invanare"][&y]), "netto/inv");
        if doc.get("soliditet").is_some() {
            let r = rad_med(&s, "Soliditet inklusive pensionsförpliktelserna");
            lika(tal(&s, r, k) * 100.0, belopp(&doc["soliditet_inkl_pension"][&y]), "soliditet inkl.");
        }
        lika(tal(&s, rad_som_borjar(&s, "Årets resultat,"), k), pengar(&doc["resultat"][&y]), "resultat");
        lika(tal(&s, rad_med(&s, "Investeringar"), k), pengar(&doc["investeringsutgifter"][&y]), "investeringar");
        let ramar: f64 =
            doc["namnder"].as_array().unwrap().iter().map(|n| belopp(&n["ram_avrundad"][&y])).sum::<f64>() / f;
        lika(tal(&s, rad_med(&s, "Nämndernas ramar"), k), ramar, "ramar");
    }

    // Driftbudget: the rounded frames, and the bridge adding up to the exact frame.
    let d = blad(&mut bok, "Driftbudget");
    let bro = rad_som_borjar(&d, "Från ram");
    let budget = ar[0].to_string();
    for n in doc["namnder"].as_array().unwrap() {
        let rader = rader_med(&d, 0, n["namn"].as_str().unwrap());
        assert_eq!(rader.len(), 2, "ramtabellen och bryggan");
        for &t in &ar {
            let y = t.to_string();
            let v = tal(&d, rader[0], ar_kol(&d, doc, t));
            assert!((v - belopp(&n["ram_avrundad"][&y]) / f).abs() < 1e-9, "avrundad ram {y}");
        }
        let db = &n["driftbudget"];
        for (rubrik, nyckel) in [
            ("Pris- och lönekompensation", "kompensation"),
            ("Demografi", "demografi"),
            ("Kända förändringar", "kanda"),
            ("Kapitalkostnader", "kapital"),
            ("Effektivisering", "effektivisering"),
            ("Tillskott", "tillskott"),
            ("Minskningar", "minskningar"),
        ] {
            lika(tal(&d, rader[1], kol_i_rad(&d, bro, rubrik)), pengar(&db[nyckel]), rubrik);
        }
        let ram = tal(&d, rader[1], kol_i_rad(&d, bro, &format!("Ram {budget}")));
        lika(ram, pengar(&n["ram"][&budget]), "ram");
    }

    // Investeringsbudget, känslighetsanalys, mål och medel.
    let i = blad(&mut bok, "Investeringsbudget");
    for &t in &ar {
        let v = tal(&i, rad_med(&i, "Summa investeringsutgifter"), ar_kol(&i, doc, t));
        lika(v, pengar(&doc["investeringsutgifter"][&t.to_string()]), "INV");
    }
    let k = blad(&mut bok, "Känslighetsanalys");
    let enhet = if f > 1.0 { "mnkr" } else { "tkr" };
    let (ki, kk, kr) = (
        kolumn_med(&k, &format!("Intäkter, {enhet}")),
        kolumn_med(&k, &format!("Kostnader, {enhet}")),
        kolumn_med(&k, &format!("Resultat, {enhet}")),
    );
    for (rad, spak) in doc["kanslighet"].as_array().unwrap().iter().enumerate() {
        let r = rad as u32 + 1;
        assert_eq!(text(&k, r, 1), spak["forandring"].as_str().unwrap());
        lika(tal(&k, r, ki), pengar(&spak["intakter"]), "intäkter");
        lika(tal(&k, r, kk), pengar(&spak["kostnader"]), "kostnader");
        lika(tal(&k, r, kr), pengar(&spak["resultat"]), "resultat");
    }
    let m = blad(&mut bok, "Mål och medel");
    if !doc["vf"].as_array().unwrap().is_empty() {
        for mal in doc["mal_och_medel"]["inriktningsmal"].as_array().unwrap() {
            let etikett = match mal["nr"].as_u64() {
                Some(nr) => format!("{nr}. {}", mal["namn"].as_str().unwrap()),
                None => "Utan inriktningsmål".to_string(),
            };
            let r = rader_med(&m, 0, &etikett)[0];
            lika(tal(&m, r, 1), pengar(&mal["valda_tillskott"]), "valda tillskott");
            lika(tal(&m, r, 2), pengar(&mal["valda_minskningar"]), "valda minskningar");
            lika(tal(&m, r, 4), pengar(&mal["ej_valda_tillskott"]), "ej valda tillskott");
        }
        // Every VF item is listed once, with its konsekvens.
        for p in doc["vf"].as_array().unwrap() {
            let rader = rader_med(&m, 0, p["rubrik"].as_str().unwrap());
            assert!(!rader.is_empty(), "{}", p["id"]);
            if let Some(k) = p["konsekvens"].as_str() {
                assert!(rader.iter().any(|&r| text(&m, r, 6) == k), "konsekvens för {}", p["id"]);
            }
        }
    }
}

#[test]
fn arbetsboken_lases_tillbaka_med_samma_tal_som_json() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (modell, extra)) in fall().iter().enumerate() {
        let fil = dir.path().join(format!("{i}.xlsx"));
        let args: Vec<&str> = extra.iter().map(String::as_str).collect();
        let doc = kor(modell, &args, &fil);
        kontrollera_mot_json(&fil, &doc, faktor(extra));
    }
}

/// Text a reader must never see: formula notation, references to the
/// specification, and the keys of the model's files.
fn oonskad(text: &str) -> Option<&'static str> {
    const FORBJUDET: [&str; 18] = [
        "U(",
        "S(",
        "KB(",
        "(t)",
        "(B)",
        "§",
        "MODELL",
        "Σ",
        "Δ",
        "δ",
        "Π",
        "internranta",
        "ovrigt",
        "avgifter_",
        "Fpkv",
        "Flön",
        "resultat_procent",
        "anlaggningstillgangar",
    ];
    if let Some(f) = FORBJUDET.iter().find(|f| text.contains(*f)) {
        return Some(f);
    }
    // A raw key: a word with an underscore (kanda_forandringar, lanefinansiering_procent).
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|ord| ord.contains('_') && ord.chars().any(char::is_alphabetic))
        .then_some("nyckel med understreck")
}

#[test]
fn ingen_formelnotation_eller_nycklar_i_texten() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (modell, extra)) in fall().iter().enumerate() {
        let fil = dir.path().join(format!("{i}.xlsx"));
        let args: Vec<&str> = extra.iter().map(String::as_str).collect();
        kor(modell, &args, &fil);
        let mut bok = oppna(&fil);
        let mut antal = 0;
        for namn in bok.sheet_names() {
            let r = blad(&mut bok, &namn);
            for (rad, kol, c) in r.used_cells() {
                if let Data::String(s) = c {
                    antal += 1;
                    if let Some(f) = oonskad(s) {
                        panic!("{namn}!{}: \"{s}\" innehåller {f}", adress(rad as u32, kol as u32));
                    }
                }
            }
        }
        assert!(antal > 200, "{antal} textceller");
    }
    assert_eq!(oonskad("Summa verksamhetens kostnader"), None);
    assert!(oonskad("Centrala poster C(t)").is_some());
    assert!(oonskad("kanda_forandringar").is_some());
}

#[test]
fn summor_och_skillnader_ar_formler() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("budget.xlsx");
    kor(&hedemora(), &[], &fil);
    let mut bok = oppna(&fil);
    let formel_i = |bok: &mut Bok, bladnamn: &str, etikett: &str, rubrik: &str| {
        let r = blad(bok, bladnamn);
        let fr = formler(bok, bladnamn);
        let rad = rad_med(&r, etikett);
        formel(&fr, rad, kolumn_med(&r, rubrik)).unwrap_or_else(|| panic!("{bladnamn}: {etikett} är ingen formel"))
    };
    assert!(formel_i(&mut bok, "Resultatbudget", "Verksamhetens nettokostnader", "Plan 2027").starts_with("SUM("));
    assert!(formel_i(&mut bok, "Resultatbudget", "Årets resultat", "Budget 2026").starts_with("SUM("));
    let ski = formel_i(&mut bok, "Resultatbudget", "Skatteintäkter", "Budget 2026");
    assert!(ski.chars().all(|c| c.is_ascii_alphanumeric()), "raden är notens summa: {ski}");
    assert!(formel_i(&mut bok, "Resultatbudget", "Summa skatteintäkter", "Budget 2026").starts_with("SUM("));
    assert!(formel_i(&mut bok, "Balansbudget", "Summa tillgångar", "Budget 2026").starts_with("SUM("));
    // Omsättningstillgångar = summa tillgångar − anläggningstillgångar.
    assert_eq!(formel_i(&mut bok, "Balansbudget", "Omsättningstillgångar", "Budget 2026"), "C12-C3");
    assert_eq!(formel_i(&mut bok, "Balansbudget", "Eget kapital", "Plan 2028"), "D8+'Resultatbudget'!E11");
    assert_eq!(formel_i(&mut bok, "Kassaflödesbudget", "Årets kassaflöde", "Budget 2026"), "B6+B10+B15");
    assert_eq!(formel_i(&mut bok, "Kassaflödesbudget", "Likvida medel vid årets slut", "Plan 2027"), "C19+C17");
    assert!(formel_i(&mut bok, "Sammanfattning", "Resultatmålet", "Budget 2026").starts_with("IF("));
    assert!(formel_i(&mut bok, "Investeringsbudget", "Summa investeringsutgifter", "Budget 2026").starts_with("SUM("));
    assert!(formel_i(&mut bok, "Investeringsbudget", "Nya lån", "Budget 2026").contains("'Antaganden'!"));
    // The bridge's frame is the sum of its terms.
    let d = blad(&mut bok, "Driftbudget");
    let df = formler(&mut bok, "Driftbudget");
    let bro = rad_som_borjar(&d, "Från ram");
    let rad = rader_med(&d, 0, "Bildningsnämnden")[1];
    assert!(formel(&df, rad, kol_i_rad(&d, bro, "Ram 2026")).unwrap().starts_with("SUM("));
    let k = blad(&mut bok, "Känslighetsanalys");
    let kf = formler(&mut bok, "Känslighetsanalys");
    assert_eq!(formel(&kf, 1, kolumn_med(&k, "Resultat, tkr")).unwrap(), "C2+D2");
    // Every sheet repeats its header row on printed pages, except Mål och medel: its
    // second table (the VF items) would be printed under the first one's headers.
    let bok = del_av_xlsx(&fil, "xl/workbook.xml");
    assert_eq!(bok.matches("_xlnm.Print_Titles").count(), 8, "{bok}");
    assert!(bok.contains(">Resultatbudget!$1:$1<") && !bok.contains("Mål och medel'!$1:$1"), "{bok}");
}

#[test]
fn procent_med_indatas_decimaler_och_mnkr_med_en_decimal() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("mnkr.xlsx");
    kor(&hedemora(), &["--enhet", "mnkr"], &fil);
    let mut bok = oppna(&fil);
    let format = |bok: &mut Bok, bladnamn: &str, rad: u32, kol: u32| {
        stilar(bok, bladnamn).get((rad, kol)).and_then(|s| s.number_format.clone()).map(|n| n.format_code)
    };
    let a = blad(&mut bok, "Antaganden");
    let varde = kolumn_med(&a, "Värde");
    let loneskatt = rad_som_borjar(&a, "Särskild löneskatt");
    assert_eq!(tal(&a, loneskatt, varde), 0.2426);
    assert_eq!(format(&mut bok, "Antaganden", loneskatt, varde).as_deref(), Some("0.00%"));
    assert_eq!(format(&mut bok, "Antaganden", rad_som_borjar(&a, "Resultatmål"), varde).as_deref(), Some("0.0%"));
    let rb = blad(&mut bok, "Resultatbudget");
    let r = rad_med(&rb, "Skatteintäkter");
    let k = kolumn_med(&rb, "Budget 2026");
    assert!((tal(&rb, r, k) - 871.087).abs() < 0.001, "mnkr: {}", tal(&rb, r, k));
    assert_eq!(format(&mut bok, "Resultatbudget", r, k).as_deref(), Some("#,##0.0"));
    assert_eq!(text(&rb, 0, 0), "Resultatbudget, mnkr");
    // The driftbudget's frames rounded as the unit shows them; its bridge exact, one decimal more.
    let d = blad(&mut bok, "Driftbudget");
    let on = rader_med(&d, 0, "Omsorgsnämnden");
    let k = kolumn_med(&d, "Budget 2026");
    assert_eq!(format(&mut bok, "Driftbudget", on[0], k).as_deref(), Some("#,##0.0"));
    let bro = rad_som_borjar(&d, "Från ram");
    assert_eq!(format(&mut bok, "Driftbudget", on[1], kol_i_rad(&d, bro, "Ram 2026")).as_deref(), Some("#,##0.00"));
}

#[test]
fn samma_indata_ger_samma_bytes() {
    samma_bytes(|fil| {
        kor(&hedemora(), &[], fil);
    });
}

#[test]
#[cfg_attr(not(libreoffice), ignore = "LibreOffice (soffice) saknas: apt-get install libreoffice-calc-nogui")]
fn libreoffice_raknar_om_till_samma_tal() {
    let dir = tempfile::tempdir().unwrap();
    let mut filer = Vec::new();
    for (i, (modell, extra)) in fall().iter().enumerate() {
        let fil = dir.path().join(format!("fall{i}.xlsx"));
        let args: Vec<&str> = extra.iter().map(String::as_str).collect();
        kor(modell, &args, &fil);
        filer.push(fil);
    }
    let refs: Vec<&Path> = filer.iter().map(PathBuf::as_path).collect();
    let (antal, _) = libreoffice_kontroll(&refs, &[], dir.path());
    assert!(antal[0] > 300, "Hedemora: {} formler", antal[0]);
    assert!(antal.iter().all(|&n| n > 50), "{antal:?}");
}

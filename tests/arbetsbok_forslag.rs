//! The workbook of `ramverk forslag --xlsx`: read back with calamine and
//! compared with `--json` for every fördelning rule and several scenarios,
//! the formulas where they must be, the VF cut line, byte-identical output,
//! nothing written on bad input, and recalculated by headless LibreOffice to
//! the same numbers — also after an economist edits a VF amount.

mod common;

use calamine::{BorderStyle, Data, Range, Reader};
use common::{arbetsbok::*, *};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const BLAD: [&str; 8] = [
    "Sammanfattning",
    "Ramar",
    "Befintlig verksamhet",
    "VF-listor",
    "Intäkter",
    "Resultatbudget",
    "Investeringar",
    "Antaganden",
];

const GRON: u32 = 0xC6EFCE;
const LINJE: u32 = 0xC00000;

/// Runs `forslag` with `--json --xlsx`.
fn kor(modell: &Path, scenario: Option<&Path>, regel: Option<&str>, xlsx: &Path) -> Value {
    let mut args: Vec<&OsStr> = vec![OsStr::new("forslag"), modell.as_os_str()];
    if let Some(s) = scenario {
        args.extend([OsStr::new("--scenario"), s.as_os_str()]);
    }
    if let Some(r) = regel {
        args.extend([OsStr::new("--fordelning"), OsStr::new(r)]);
    }
    kor_json_xlsx(&args, xlsx)
}

/// The fall the read-back and LibreOffice tests run: every rule, scenarios
/// with rising and falling revenue, and the mini model.
fn fall() -> Vec<(PathBuf, Option<PathBuf>, Option<&'static str>)> {
    let s = |namn: &str| Some(scenarier().join(namn));
    vec![
        (hedemora(), None, None),
        (hedemora(), None, Some("gemensam")),
        (hedemora(), None, Some("optimal")),
        (hedemora(), s("stark.toml"), Some("gemensam")),
        (hedemora(), s("stark.toml"), None),
        (hedemora(), s("svag.toml"), Some("optimal")),
        (hedemora(), s("okade-intakter.toml"), None),
        (hedemora(), s("effektivisering.toml"), Some("gemensam")),
        (mini(), None, None),
        (mini(), None, Some("gemensam")),
    ]
}

fn sum_ar(doc: &Value, f: impl Fn(&Value) -> f64) -> f64 {
    doc["namnder"].as_array().unwrap().iter().map(f).sum()
}

/// Σ of the selected items' amounts of `typ` in year `t`.
fn valda(doc: &Value, typ: &str, t: i64) -> f64 {
    doc["vf"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["vald"].as_bool().unwrap() && p["typ"] == typ)
        .map(|p| p["belopp"][t.to_string()].as_str().map(|_| belopp(&p["belopp"][t.to_string()])).unwrap_or(0.0))
        .sum()
}

fn kontrollera_mot_json(fil: &Path, doc: &Value) {
    let mut bok = oppna(fil);
    assert_eq!(bok.sheet_names(), BLAD);
    let ar = planar(doc);

    // Sammanfattning.
    let s = blad(&mut bok, "Sammanfattning");
    let mut rader = RAMUTRYMMESRADER.to_vec();
    rader.extend([
        ("Kostnad för befintlig verksamhet", "kostnad_befintlig"),
        ("Glapp", "glapp"),
        ("Ej fördelat", "ej_fordelat"),
        ("Resultat", "resultat"),
    ]);
    for &t in &ar {
        let y = t.to_string();
        let k = kolumn_med(&s, &arsrubrik(doc, t));
        for &(etikett, nyckel) in &rader {
            lika(tal(&s, rad_med(&s, etikett), k), belopp(&doc[nyckel][&y]), &format!("{etikett} {t}"));
        }
        let summa = sum_ar(doc, |n| belopp(&n["ram"][&y]));
        lika(tal(&s, rad_med(&s, "Summa ramar"), k), summa, &format!("summa ramar {t}"));
        lika(tal(&s, rad_med(&s, "Valda tillskott"), k), valda(doc, "tillskott", t), "valda tillskott");
        lika(tal(&s, rad_med(&s, "Valda minskningar"), k), valda(doc, "minskning", t), "valda minskningar");
        let p = tal(&s, rad_med(&s, "Resultat i % av skatter och bidrag"), k) * 100.0;
        lika(p, belopp(&doc["resultat_procent"][&y]), &format!("resultat % {t}"));
        lika(tal(&s, rad_med(&s, "Resultatmål i %"), k) * 100.0, belopp(&doc["resultatmal_procent"]), "m");
        let ja_nej = |b: &Value| if b.as_bool().unwrap() { "ja" } else { "nej" };
        assert_eq!(text(&s, rad_med(&s, "Balanskravet uppfyllt"), k), ja_nej(&doc["balanskrav_uppfyllt"][&y]));
        assert_eq!(text(&s, rad_med(&s, "Resultatmålet uppfyllt"), k), ja_nej(&doc["resultatmal_uppfyllt"][&y]));
        let sol = [
            ("Soliditet", &doc["soliditet"]),
            ("Soliditet inkl. pensionsförpliktelser", &doc["soliditet_inkl_pension"]),
            ("Soliditet, koncernen", &doc["koncern"]["soliditet"]),
            ("Soliditet inkl. pensionsförpliktelser, koncernen", &doc["koncern"]["soliditet_inkl_pension"]),
        ];
        for (etikett, v) in sol {
            lika(tal(&s, rad_med(&s, etikett), k) * 100.0, belopp(&v[&y]), &format!("{etikett} {t}"));
        }
        lika(tal(&s, rad_med(&s, "Eget kapital"), k), belopp(&doc["balans"]["eget_kapital"][&y]), "EK");
        lika(tal(&s, rad_med(&s, "Totala tillgångar"), k), belopp(&doc["balans"]["totala_tillgangar"][&y]), "TA");
    }
    let budget = ar[0].to_string();
    let kb = kolumn_med(&s, &arsrubrik(doc, ar[0]));
    lika(tal(&s, rad_med(&s, "Valda tillskott"), kb), belopp(&doc["valda_tillskott"]), "valda_tillskott");
    lika(tal(&s, rad_med(&s, "Valda minskningar"), kb), belopp(&doc["valda_minskningar"]), "valda_minskningar");

    // Ramar: per nämnd and year the frame (rounded, exactly) and the exact underlag, mål-ram and kvar.
    let r = blad(&mut bok, "Ramar");
    let ar_kol = kolumn_med(&r, "År");
    let ram = kolumn_med(&r, "Underlag: exakt ram");
    let avrundad = kolumn_med(&r, "Ram");
    assert_eq!(avrundad, ram + 1);
    let proportionell = doc["fordelning"] == "proportionell";
    for n in doc["namnder"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        for &t in &ar {
            let y = t.to_string();
            let rad = rad_med_ar(&r, id, ar_kol, t);
            lika(tal(&r, rad, ram), belopp(&n["ram"][&y]), &format!("ram {id} {t}"));
            assert_eq!(tal(&r, rad, avrundad), belopp(&n["ram_avrundad"][&y]), "ram_avrundad {id} {t}");
        }
        let rad = rad_med_ar(&r, id, ar_kol, ar[0]);
        if proportionell {
            lika(tal(&r, rad, kolumn_med(&r, &format!("Mål-ram {budget}"))), belopp(&n["mal_ram"]), "mål-ram");
            let kvar = kolumn_med(&r, &format!("Kvar att hantera {budget}"));
            lika(tal(&r, rad, kvar), belopp(&n["kvar_att_hantera"]), &format!("kvar {id}"));
        } else {
            assert!(n.get("mal_ram").is_none());
            assert_eq!(text(&r, 0, avrundad + 1), "", "mål-ram bara för proportionell");
        }
    }
    for &t in &ar {
        let rad = rad_med_ar(&r, "Summa", ar_kol, t);
        let y = t.to_string();
        assert_eq!(tal(&r, rad, avrundad), sum_ar(doc, |n| belopp(&n["ram_avrundad"][&y])), "summa avrundade {t}");
    }

    kontrollera_befintlig_verksamhet(&mut bok, doc);

    // VF-listor: every item, its amounts and whether it is selected.
    let v = blad(&mut bok, "VF-listor");
    let vald = kolumn_med(&v, "Vald");
    for p in doc["vf"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        let rad = rader_med(&v, 1, id)[0];
        assert_eq!(text(&v, rad, 0), p["namnd"].as_str().unwrap());
        assert_eq!(text(&v, rad, 3), p["typ"].as_str().unwrap());
        assert_eq!(tal(&v, rad, 4), p["prioritet"].as_f64().unwrap());
        assert_eq!(text(&v, rad, vald), if p["vald"].as_bool().unwrap() { "ja" } else { "nej" }, "{id}");
        let textkol = |rubrik: &str, nyckel: &str| {
            let forvantat = match &p[nyckel] {
                Value::String(t) => t.clone(),
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            assert_eq!(text(&v, rad, kolumn_med(&v, rubrik)), forvantat, "{id} {rubrik}");
        };
        textkol("Konsekvens", "konsekvens");
        textkol("Perspektiv", "perspektiv");
        textkol("Inriktningsmål", "inriktningsmal");
        for &t in &ar {
            let b = &p["belopp"][t.to_string()];
            let cell = tal_eller_noll(&v, rad, kolumn_med(&v, &arsrubrik(doc, t)));
            assert_eq!(cell, if b.is_string() { belopp(b) } else { 0.0 }, "{id} {t}");
        }
    }

    // Resultatbudget.
    let rb = blad(&mut bok, "Resultatbudget");
    for &t in &ar {
        let y = t.to_string();
        let k = kolumn_med(&rb, &arsrubrik(doc, t));
        let res = tal(&rb, rad_med(&rb, "Årets resultat"), k);
        lika(res, belopp(&doc["resultat"][&y]), &format!("årets resultat {t}"));
        let delar = tal(&rb, rad_med(&rb, "Verksamhetens nettokostnader"), k)
            + tal(&rb, rad_med(&rb, "Skatter och generella statsbidrag"), k)
            + tal(&rb, rad_med(&rb, "Finansnetto"), k);
        lika(delar, res, "nettokostnader + skatter och bidrag + finansnetto");
        let p = tal(&rb, rad_med(&rb, "Resultat i % av skatter och bidrag"), k) * 100.0;
        lika(p, belopp(&doc["resultat_procent"][&y]), "resultat %");
        lika(-tal(&rb, rad_med(&rb, "Nämndernas ramar"), k), sum_ar(doc, |n| belopp(&n["ram"][&y])), "ramar");
    }

    // Investeringar: depreciation and internal interest are the nämnder's capital costs.
    let inv = blad(&mut bok, "Investeringar");
    for &t in &ar {
        let y = t.to_string();
        let k = kolumn_med(&inv, &arsrubrik(doc, t));
        let kap = tal(&inv, rad_med(&inv, "Summa avskrivningar"), k) + tal(&inv, rad_med(&inv, "Summa internränta"), k);
        lika(kap, sum_ar(doc, |n| belopp(&n["delar"][&y]["kapital"])), &format!("kapitalkostnad {t}"));
    }
}

#[test]
fn arbetsboken_lases_tillbaka_med_samma_tal_som_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut regler = std::collections::BTreeSet::new();
    for (i, (modell, scenario, regel)) in fall().iter().enumerate() {
        let fil = dir.path().join(format!("{i}.xlsx"));
        let doc = kor(modell, scenario.as_deref(), *regel, &fil);
        kontrollera_mot_json(&fil, &doc);
        regler.insert(doc["fordelning"].as_str().unwrap().to_string());
    }
    assert_eq!(regler.len(), 3, "varje fördelningsregel: {regler:?}");
}

#[test]
fn utan_investeringar_inget_investeringsblad() {
    let dir = tempfile::tempdir().unwrap();
    let modell = dir.path().join("mini");
    kopiera_modell(&mini(), &modell);
    std::fs::remove_file(modell.join("investeringar.csv")).unwrap();
    let fil = dir.path().join("forslag.xlsx");
    kor(&modell, None, None, &fil);
    let namn: Vec<&str> = BLAD.iter().copied().filter(|b| *b != "Investeringar").collect();
    assert_eq!(oppna(&fil).sheet_names(), namn);
}

#[test]
fn summor_och_harledda_varden_ar_formler() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("forslag.xlsx");
    kor(&hedemora(), None, None, &fil);
    let mut bok = oppna(&fil);
    let s = blad(&mut bok, "Sammanfattning");
    let sf = formler(&mut bok, "Sammanfattning");
    let k = kolumn_med(&s, "Budget 2026");
    let f = |etikett: &str| maste_ha_formel(&sf, rad_med(&s, etikett), k, etikett);
    assert!(f("Skatter och generella statsbidrag").starts_with("'Intäkter'!"));
    assert!(f("Kostnad för befintlig verksamhet").starts_with("'Befintlig verksamhet'!"));
    assert!(f("Summa ramar").starts_with("'Ramar'!"));
    let a = |etikett: &str| adress(rad_med(&s, etikett), k);
    assert_eq!(
        f("Resultat"),
        format!(
            "{}-{}-{}-{}",
            a("Skatter och generella statsbidrag"),
            a("Pensionskostnader inklusive löneskatt"),
            a("Centrala poster"),
            a("Summa ramar")
        )
    );
    assert_eq!(
        f("Resultat i % av skatter och bidrag"),
        format!("{}/{}", a("Resultat"), a("Skatter och generella statsbidrag"))
    );
    assert!(f("Balanskravet uppfyllt").starts_with("IF("));
    assert!(f("Eget kapital").starts_with("'Antaganden'!"), "EK(t0) från Antaganden");
    assert_eq!(f("Soliditet"), format!("{}/{}", a("Eget kapital"), a("Totala tillgångar")));

    let r = blad(&mut bok, "Ramar");
    let rf = formler(&mut bok, "Ramar");
    let ks = rad_med_ar(&r, "KS", kolumn_med(&r, "År"), 2026);
    let tillskott = maste_ha_formel(&rf, ks, kolumn_med(&r, "Valda tillskott"), "tillskott");
    assert!(tillskott.starts_with("SUMIFS('VF-listor'!") && tillskott.contains("\"ja\""), "{tillskott}");
    let kol = |rubrik: &str| kolumn_med(&r, rubrik);
    let exakt = kol("Underlag: exakt ram");
    let ram = maste_ha_formel(&rf, ks, exakt, "ram");
    let (kb, till, minsk) = (kol("Kostnad för befintlig verksamhet"), kol("Valda tillskott"), kol("Valda minskningar"));
    assert_eq!(ram, format!("{}+{}+{}", adress(ks, kb), adress(ks, till), adress(ks, minsk)));
    assert!(maste_ha_formel(&rf, ks, kol("Mål-ram 2026"), "mål").contains("'Sammanfattning'!"));
    let mal = adress(ks, kol("Mål-ram 2026"));
    assert_eq!(maste_ha_formel(&rf, ks, kol("Kvar att hantera 2026"), "kvar"), format!("{mal}-{}", adress(ks, exakt)));
    let avrundad = kol("Ram");
    assert!(formel(&rf, ks, avrundad).is_none(), "de avrundade ramarna är värden");
    assert!(maste_ha_formel(&rf, rad_med_ar(&r, "Summa", 2, 2026), avrundad, "summa").starts_with("SUM("));

    let rb = blad(&mut bok, "Resultatbudget");
    let rbf = formler(&mut bok, "Resultatbudget");
    let k = kolumn_med(&rb, "Plan 2027");
    assert!(maste_ha_formel(&rbf, rad_med(&rb, "Verksamhetens nettokostnader"), k, "VNK").starts_with("SUM("));
    let resultat = maste_ha_formel(&rbf, rad_med(&rb, "Årets resultat"), k, "resultat");
    let (vr, fin) = (rad_med(&rb, "Verksamhetens resultat"), rad_med(&rb, "Finansnetto"));
    assert_eq!(resultat, format!("{}+{}", adress(vr, k), adress(fin, k)));
    assert!(maste_ha_formel(&rbf, rad_med(&rb, "Centrala finansposter"), k, "finans").starts_with("-('Antaganden'!"));

    let v = blad(&mut bok, "VF-listor");
    let vf = formler(&mut bok, "VF-listor");
    let rad = rader_med(&v, 1, "KS-3")[0];
    assert!(formel(&vf, rad, kolumn_med(&v, "Budget 2026")).is_none(), "VF-beloppen är indata");
    assert!(alla_formler_har_resultat(&fil) > 500);
}

/// The rows of the main VF list, per nämnd and typ, in priority order.
fn listor(v: &Range<Data>, doc: &Value) -> Vec<Vec<u32>> {
    let mut ut = Vec::new();
    for n in doc["namnder"].as_array().unwrap() {
        for typ in ["tillskott", "minskning"] {
            let mut poster: Vec<&Value> =
                doc["vf"].as_array().unwrap().iter().filter(|p| p["namnd"] == n["id"] && p["typ"] == typ).collect();
            poster.sort_by_key(|p| p["prioritet"].as_u64());
            ut.push(poster.iter().map(|p| rader_med(v, 1, p["id"].as_str().unwrap())[0]).collect());
        }
    }
    ut
}

/// The cut line: selected items green, a medium red line under the last
/// selected item of each nämnd's list (over the first when none is
/// selected), and in the kommun-wide list of `gemensam` likewise.
#[test]
fn snittlinjen_syns() {
    let dir = tempfile::tempdir().unwrap();
    for (regel, scenario) in [("proportionell", None), ("optimal", None), ("gemensam", Some("stark.toml"))] {
        let fil = dir.path().join(format!("{regel}.xlsx"));
        let scen = scenario.map(|s| scenarier().join(s));
        let doc = kor(&hedemora(), scen.as_deref(), Some(regel), &fil);
        let mut bok = oppna(&fil);
        let v = blad(&mut bok, "VF-listor");
        let st = stilar(&mut bok, "VF-listor");
        let vald_kol = kolumn_med(&v, "Vald");
        let fyllning = |r: u32, k: u32| {
            st.get((r, k)).and_then(|s| s.fill.as_ref()).and_then(|f| f.get_color()).map(|c| c.to_argb() & 0xFFFFFF)
        };
        let kant = |r: u32, k: u32, under: bool| {
            st.get((r, k))
                .and_then(|s| s.borders.as_ref())
                .map(|b| if under { b.bottom.clone() } else { b.top.clone() })
        };
        let linje = |r: u32, under: bool| {
            for k in [0, 2, vald_kol] {
                let b = kant(r, k, under).unwrap_or_else(|| panic!("{regel}: rad {} saknar linje", r + 1));
                assert_eq!(b.style, BorderStyle::Medium, "{regel}: rad {} kolumn {k}", r + 1);
                assert_eq!(b.color.map(|c| c.to_argb() & 0xFFFFFF), Some(LINJE));
            }
        };
        let mut linjer = 0;
        for lista in listor(&v, &doc) {
            let valda: Vec<bool> = lista.iter().map(|&r| text(&v, r, vald_kol) == "ja").collect();
            for (&r, &ja) in lista.iter().zip(&valda) {
                assert_eq!(fyllning(r, 0) == Some(GRON), ja, "{regel}: rad {} grön om vald", r + 1);
            }
            let k = valda.iter().take_while(|v| **v).count();
            if lista.is_empty() || valda[k..].iter().any(|v| *v) {
                continue;
            }
            if k == 0 {
                linje(lista[0], false)
            } else {
                linje(lista[k - 1], true)
            }
            linjer += 1;
        }
        assert!(linjer >= 6, "{regel}: {linjer} linjer");
        // The kommun-wide list of gemensam, with its running sum.
        let lopande_kol = kolumn_med(&v, "Konsekvens") + 1;
        let lopande = (0..v.height() as u32).find(|&r| text(&v, r, lopande_kol) == "Löpande summa 2026");
        assert_eq!(lopande.is_some(), regel == "gemensam", "{regel}: den gemensamma listan");
        if let Some(rubrik) = lopande {
            let rader: Vec<u32> = (rubrik + 1..=v.end().unwrap().0).filter(|&r| !text(&v, r, 1).is_empty()).collect();
            let k = rader.iter().take_while(|&&r| text(&v, r, vald_kol) == "ja").count();
            assert!(k > 0 && k < rader.len(), "ett urval ur den gemensamma listan");
            linje(rader[k - 1], true);
            assert!(doc["glapp"]["2026"].as_str().unwrap().parse::<f64>().unwrap() > 0.0, "tillskott");
        }
    }
    // The autofilter on the list.
    let ark = del_av_xlsx(&dir.path().join("proportionell.xlsx"), "xl/worksheets/sheet4.xml");
    assert!(ark.contains("<autoFilter ref=\"A1:N"), "autofilter på VF-listan");
}

#[test]
fn samma_indata_ger_samma_bytes() {
    samma_bytes(|fil| {
        kor(&hedemora(), None, Some("gemensam"), fil);
    });
}

#[test]
fn fel_indata_skriver_ingen_arbetsbok() {
    let dir = tempfile::tempdir().unwrap();
    let modell = andrad_modell(&hedemora(), dir.path(), "vf.csv", ";tillskott;1;450;", ";tillskott;ett;450;");
    ingen_arbetsbok_vid_fel(&[OsStr::new("forslag"), modell.as_os_str()], &["vf.csv", "\"ett\""]);
    // A bad rule on the command line and in a scenario.
    let h = hedemora();
    ingen_arbetsbok_vid_fel(
        &[OsStr::new("forslag"), h.as_os_str(), OsStr::new("--fordelning"), OsStr::new("slump")],
        &["slump"],
    );
    let scenario = dir.path().join("fel.toml");
    std::fs::write(&scenario, "namn = \"Fel\"\nfordelning = \"slump\"\n").unwrap();
    let args = [OsStr::new("forslag"), h.as_os_str(), OsStr::new("--scenario"), scenario.as_os_str()];
    ingen_arbetsbok_vid_fel(&args, &["fel.toml", "slump"]);
}

/// Every formula recalculated by LibreOffice gives ramverk's stored result,
/// for every rule and scenario; and an economist's edit flows through: a VF
/// amount of a selected item → the nämnd's ram → summa ramar → resultat →
/// the flerårsplan and the soliditet.
#[test]
#[cfg_attr(not(libreoffice), ignore = "LibreOffice (soffice) saknas: apt-get install libreoffice-calc-nogui")]
fn libreoffice_raknar_om_till_samma_varden_och_foljer_en_andring() {
    let dir = tempfile::tempdir().unwrap();
    let filer: Vec<PathBuf> = fall()
        .iter()
        .enumerate()
        .map(|(i, (m, s, r))| {
            let fil = dir.path().join(format!("forslag-{i}.xlsx"));
            kor(m, s.as_deref(), *r, &fil);
            fil
        })
        .collect();
    // KS-3 (selected, −650 in 2026) becomes −1 650.
    let original = &filer[0];
    let mut bok = oppna(original);
    let v = blad(&mut bok, "VF-listor");
    let (rad, kol) = (rader_med(&v, 1, "KS-3")[0], kolumn_med(&v, "Budget 2026"));
    assert_eq!((text(&v, rad, kolumn_med(&v, "Vald")), tal(&v, rad, kol)), ("ja".to_string(), -650.0));
    let andrad = dir.path().join("andrad.xlsx");
    med_andrat_tal(original, &andrad, &bladdel(original, "VF-listor"), &adress(rad, kol), -1650.0);

    let refs: Vec<&Path> = filer.iter().map(|p| p.as_path()).collect();
    let (antal, andra) = libreoffice_kontroll(&refs, &[&andrad], dir.path());
    assert!(antal.iter().all(|&n| n > 200), "{antal:?}");

    let mut fore = oppna(original);
    let mut efter = oppna(&andra[0]);
    let skillnad = |fore: &mut Bok, efter: &mut Bok, blad_namn: &str, rad: &dyn Fn(&Range<Data>) -> u32, kol: &str| {
        let (a, b) = (blad(fore, blad_namn), blad(efter, blad_namn));
        let (r, k) = (rad(&a), kolumn_med(&a, kol));
        tal(&b, r, k) - tal(&a, r, k)
    };
    let ks = |r: &Range<Data>| rad_med_ar(r, "KS", kolumn_med(r, "År"), 2026);
    let nara_1000 = |d: f64, vad: &str| assert!((d - 1000.0).abs() < 1e-6, "{vad}: {d}");
    nara_1000(-skillnad(&mut fore, &mut efter, "Ramar", &ks, "Underlag: exakt ram"), "KS ram");
    nara_1000(-skillnad(&mut fore, &mut efter, "Ramar", &ks, "Valda minskningar"), "KS minskningar");
    let rad = |etikett: &'static str| move |r: &Range<Data>| rad_med(r, etikett);
    nara_1000(-skillnad(&mut fore, &mut efter, "Sammanfattning", &rad("Summa ramar"), "Budget 2026"), "summa ramar");
    nara_1000(skillnad(&mut fore, &mut efter, "Sammanfattning", &rad("Resultat"), "Budget 2026"), "resultat");
    nara_1000(skillnad(&mut fore, &mut efter, "Sammanfattning", &rad("Ej fördelat"), "Budget 2026"), "ej fördelat");
    nara_1000(
        skillnad(&mut fore, &mut efter, "Resultatbudget", &rad("Årets resultat"), "Budget 2026"),
        "flerårsplanen",
    );
    nara_1000(skillnad(&mut fore, &mut efter, "Sammanfattning", &rad("Eget kapital"), "Plan 2028"), "EK 2028");
    assert!(skillnad(&mut fore, &mut efter, "Sammanfattning", &rad("Soliditet"), "Budget 2026") > 0.0);
    // The plan years' amounts of KS-3 did not change.
    assert!(skillnad(&mut fore, &mut efter, "Sammanfattning", &rad("Resultat"), "Plan 2027").abs() < 1e-6);
}

/// Nämnd ids that are wildcards or comparisons in a SUMIFS criterion (`*`,
/// `?`, `<5`): after LibreOffice recalculates, every frame is still the
/// nämnd's own — no id matches another's items.
#[test]
#[cfg_attr(not(libreoffice), ignore = "LibreOffice (soffice) saknas: apt-get install libreoffice-calc-nogui")]
fn namnd_id_som_jokertecken_blandas_inte_ihop() {
    let dir = tempfile::tempdir().unwrap();
    let modell = dir.path().join("jokrar");
    kopiera_modell(&mini(), &modell);
    for (fil, kolumn) in
        [("ramar.csv", 0), ("vf.csv", 0), ("demografi.csv", 0), ("kanda-forandringar.csv", 0), ("investeringar.csv", 1)]
    {
        let sokvag = modell.join(fil);
        let text = std::fs::read_to_string(&sokvag).unwrap();
        let rader: Vec<String> = text
            .lines()
            .map(|rad| {
                let mut celler: Vec<&str> = rad.split(';').collect();
                celler[kolumn] = match celler[kolumn] {
                    "A" => "*",
                    "B" => "?",
                    annan => annan,
                };
                celler.join(";")
            })
            .collect();
        std::fs::write(&sokvag, rader.join("\n") + "\n").unwrap();
    }
    let mut filer = Vec::new();
    for regel in ["proportionell", "gemensam"] {
        let fil = dir.path().join(format!("{regel}.xlsx"));
        let doc = kor(&modell, None, Some(regel), &fil);
        assert_eq!(doc["namnder"][0]["id"], "*");
        filer.push(fil);
    }
    let refs: Vec<&Path> = filer.iter().map(|p| p.as_path()).collect();
    let (antal, _) = libreoffice_kontroll(&refs, &[], dir.path());
    assert!(antal.iter().all(|&n| n > 100), "{antal:?}");
    let mut bok = oppna(&filer[0]);
    let r = blad(&mut bok, "Ramar");
    let rf = formler(&mut bok, "Ramar");
    let rad = rad_med_ar(&r, "*", kolumn_med(&r, "År"), 2026);
    let f = maste_ha_formel(&rf, rad, kolumn_med(&r, "Valda minskningar"), "minskningar");
    assert!(f.contains("SUBSTITUTE(") && f.contains("\"=\"&"), "kriteriet escapas: {f}");
}

//! The workbooks are documents politicians read: no visible cell of any
//! workbook holds formula notation (`U(t)`, `Σ`, `δ`), a reference to the
//! specification (`MODELL §4`) or a raw key of the model files
//! (`internranta`, `per_invanare`, `kanda_forandringar`).

mod common;

use calamine::{Data, Reader};
use common::{arbetsbok::*, *};
use std::path::{Path, PathBuf};

/// A scenario that moves every lever, so that every row the workbooks can show is shown.
const ALLA_SPAKAR: &str = r#"
namn = "Alla spakar"
beskrivning = "En lång beskrivning av ett scenario som flyttar varje spak, för att se att texten inte skriver över något annat på bladet."
resultat_procent = 1.5
fordelning = "gemensam"
[skatteunderlag]
2026 = -1.0
[invanare]
2025 = -50
[skattesats]
forandring = 0.25
[statsbidrag_kr_per_invanare]
2026 = 95
[intakter_tkr]
2027 = -5000
[index.pkv]
2026 = 0.5
[index.lon]
2027 = 0.3
[effektivisering_procent]
2026 = 1.0
"#;

/// Every workbook of every command for the model, base scenario and `scenario`.
fn arbetsbocker(modell: &Path, scenario: &Path, mapp: &Path) -> Vec<PathBuf> {
    let mut filer = Vec::new();
    let mut kor = |namn: &str, args: &[&std::ffi::OsStr]| {
        let fil = mapp.join(format!("{namn}.xlsx"));
        ramverk().args(args).arg("--xlsx").arg(&fil).assert().success();
        filer.push(fil);
    };
    let (m, s) = (modell.as_os_str(), scenario.as_os_str());
    let scen = std::ffi::OsStr::new("--scenario");
    kor("ram", &["ram".as_ref(), m, scen, s]);
    kor("befintlig", &["befintlig".as_ref(), m, scen, s]);
    for regel in ["proportionell", "gemensam", "optimal"] {
        kor(&format!("forslag-{regel}"), &["forslag".as_ref(), m, "--fordelning".as_ref(), regel.as_ref()]);
    }
    kor("forslag-scenario", &["forslag".as_ref(), m, scen, s]);
    kor("budget", &["budget".as_ref(), m, scen, s]);
    kor("budget-mnkr", &["budget".as_ref(), m, "--enhet".as_ref(), "mnkr".as_ref()]);
    kor("jamfor", &["jamfor".as_ref(), m, s]);
    let osakerhet = mapp.join("osakerhet.toml");
    std::fs::write(&osakerhet, "[skatteunderlag]\n2026 = 1.0\n[lon]\n2026 = 0.4\n[invanare]\n2025 = 40\n").unwrap();
    kor(
        "simulera",
        &[
            "simulera".as_ref(),
            m,
            "--osakerhet".as_ref(),
            osakerhet.as_os_str(),
            "--dragningar".as_ref(),
            "2000".as_ref(),
        ],
    );
    if modell.join("ansvar.csv").is_file() {
        let sie = hedemora_sie();
        for (namn, period, extra) in [
            ("uppfolj-mars", "2026-03", vec![scen, s]),
            ("uppfolj-augusti", "2026-08", vec!["--metod".as_ref(), "budget".as_ref()]),
            ("uppfolj-oktober", "2026-10", vec!["--enhet".as_ref(), "mnkr".as_ref()]),
            ("uppfolj-december", "2026-12", vec![]),
        ] {
            let mut args: Vec<&std::ffi::OsStr> = vec!["uppfolj".as_ref(), m, "--utfall".as_ref()];
            args.extend(sie.iter().map(|f| f.as_os_str()));
            args.extend([std::ffi::OsStr::new("--period"), std::ffi::OsStr::new(period)]);
            args.extend(extra);
            kor(namn, &args);
        }
    }
    filer
}

/// What a reader must never see in a cell, and why.
fn anmarkning(text: &str) -> Option<&'static str> {
    const TECKEN: [(&str, &str); 9] = [
        ("§", "hänvisning till specifikationen"),
        ("MODELL", "hänvisning till specifikationen"),
        ("(t)", "formelnotation"),
        ("(t−1)", "formelnotation"),
        ("(t-1)", "formelnotation"),
        ("(n,", "formelnotation"),
        ("·", "formelnotation"),
        ("Σ", "formelnotation"),
        ("Π", "formelnotation"),
    ];
    for (t, varfor) in TECKEN {
        if text.contains(t) && !(t == "§" && beslutsparagraf(text)) {
            return Some(varfor);
        }
    }
    if text.contains(['δ', 'τ', 'Δ']) {
        return Some("formelnotation");
    }
    const NYCKLAR: [&str; 10] = [
        "internranta",
        "ovrigt",
        "inkomstutjamning",
        "ansvarsforbindelse",
        "pkv",
        "lon",
        "po",
        "kpi",
        "hyra",
        "finans",
    ];
    for ord in text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '#')) {
        // A file name (`pension.csv`, `indata.xlsx#SKR`) is a source, not a key.
        if ord.contains('.') {
            continue;
        }
        if ord.contains('_') || NYCKLAR.contains(&ord) {
            return Some("rå nyckel ur modellfilerna");
        }
    }
    None
}

/// A decision of the kommun's bodies cited by its paragraph in the minutes
/// (`KF 2026-04-22 § 45`, the `beslut` of a budget change): the user's own
/// text, not a reference to the specification.
fn beslutsparagraf(text: &str) -> bool {
    text.match_indices('§').all(|(i, _)| {
        let fore: String = text[..i].chars().rev().take(16).collect::<String>().chars().rev().collect();
        let efter = &text[i + '§'.len_utf8()..];
        efter.starts_with(' ')
            && efter[1..].starts_with(|c: char| c.is_ascii_digit())
            && ["KF ", "KS ", "fullmäktige", "styrelsen", "nämnden"].iter().any(|o| fore.contains(o))
    })
}

#[test]
fn ingen_formelnotation_hanvisning_eller_ra_nyckel_i_nagon_cell() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("alla.toml");
    std::fs::write(&scenario, ALLA_SPAKAR).unwrap();
    let mut fynd = Vec::new();
    let mut celler = 0;
    for modell in [hedemora(), fixtur("mini"), fixtur("budget-mini")] {
        let mapp = dir.path().join(modell.file_name().unwrap());
        std::fs::create_dir(&mapp).unwrap();
        for fil in arbetsbocker(&modell, &scenario, &mapp) {
            let mut bok = oppna(&fil);
            for namn in bok.sheet_names() {
                let r = bok.worksheet_range(&namn).unwrap();
                for (rad, kol, v) in r.used_cells() {
                    if let Data::String(text) = v {
                        celler += 1;
                        if let Some(varfor) = anmarkning(text) {
                            let namn_fil = fil.file_name().unwrap().to_string_lossy();
                            fynd.push(format!(
                                "{namn_fil} {namn}!{}: {varfor}: {text}",
                                adress(rad as u32, kol as u32)
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(celler > 2000, "{celler} textceller");
    assert!(fynd.is_empty(), "{} celler:\n{}", fynd.len(), fynd.join("\n"));
}

#[test]
fn kontrollen_hittar_det_den_ska() {
    assert_eq!(anmarkning("U(t) = S(t) − PK(t)"), Some("formelnotation"));
    assert_eq!(anmarkning("Uppräkningsfaktorer (MODELL §4)"), Some("hänvisning till specifikationen"));
    assert_eq!(anmarkning("per_invanare"), Some("rå nyckel ur modellfilerna"));
    assert_eq!(anmarkning("internranta"), Some("rå nyckel ur modellfilerna"));
    assert_eq!(anmarkning("Skatteunderlagets utveckling δ"), Some("formelnotation"));
    assert_eq!(anmarkning("pension.csv"), None);
    assert_eq!(anmarkning("KF 2026-04-22 § 45: medel flyttas"), None);
    assert_eq!(anmarkning("Enligt § 13 i modellen"), Some("hänvisning till specifikationen"));
    assert_eq!(anmarkning("KF 2026-04-22 §45"), Some("hänvisning till specifikationen"));
    assert_eq!(anmarkning("indata.xlsx#SKR"), None);
    assert_eq!(anmarkning("Internränta"), None);
    assert_eq!(anmarkning("Ramar per nämnd, avrundade till hela tkr"), None);
}

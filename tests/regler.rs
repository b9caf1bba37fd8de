//! The input rules FORMAT.md now states (issue 14 item 3), one test each:
//! read through the library from the minikommun's files with one file changed.

mod common;

use common::*;
use ramverk::inlasning::{Inlast, las_modell_fran_texter};
use rust_decimal_macros::dec;

/// The minikommun (without its SKR prognoses) with `andrad` files replaced.
fn las(andrad: &[(&str, &str)]) -> Result<Inlast, String> {
    let texter = mini_texter(andrad);
    let par: Vec<(&str, &str)> = texter.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    las_modell_fran_texter(&par).map_err(|r| r.to_string())
}

fn fel(andrad: &[(&str, &str)]) -> String {
    match las(andrad) {
        Ok(_) => panic!("väntade fel för {andrad:?}"),
        Err(e) => e,
    }
}

#[test]
fn grundmodellen_lases() {
    let m = las(&[]).unwrap().modell;
    assert_eq!(m.namnder.len(), 2);
}

/// Enumeration values and nämnd ids match case-insensitively.
#[test]
fn uppraknade_varden_och_id_oavsett_skiftlage() {
    let vf = "nämnd;id;rubrik;typ;prioritet;2026;2027\na;X-1;T;TILLSKOTT;1;500;500\nb;X-2;M;Minskning;1;-100;-100\n";
    let pension = "post;typ;2026;2027\nP;KOSTNAD;4000;4000\nI;I_Ramar;2000;2000\n";
    let sob = "post;typ;2026;2027\nKommunalskatt;Skatt;80000;82000\nInv;INVANARE;980;975\n";
    let m = las(&[("vf.csv", vf), ("pension.csv", pension), ("skatter-och-bidrag.csv", sob)]).unwrap().modell;
    assert_eq!((m.vf[0].namnd, m.vf[1].namnd), (0, 1));
    assert_eq!(m.vf[0].typ, ramverk::modell::VfTyp::Tillskott);
    assert_eq!(m.pension.len(), 2);
    assert_eq!(m.intaktsposter.len(), 1);
    assert!(m.skr_invanare.is_some());
}

/// Two ids that differ only in case are duplicates (ramar and vf).
#[test]
fn id_som_bara_skiljer_i_skiftlage_ar_dubbletter() {
    let ramar = "nämnd;namn;ram\nA;Nämnd A;60000\na;Nämnd a;39000\n";
    assert!(fel(&[("ramar.csv", ramar)]).contains("ramar.csv rad 3, kolumn \"nämnd\": nämnden \"a\" finns två gånger"));
    let vf = "nämnd;id;rubrik;typ;prioritet;2026;2027\nA;x-1;T;tillskott;1;500;500\nB;X-1;T;tillskott;1;5;5\n";
    assert!(fel(&[("vf.csv", vf)]).contains("vf.csv rad 3, kolumn \"id\": id \"X-1\" finns två gånger"));
}

/// A cell of a percent table may carry a `%` sign.
#[test]
fn procenttecken_i_procenttabeller() {
    let skr =
        std::fs::read_to_string(fixtur("mini").join("skr.csv")).unwrap().replace("pkv;3;2;3", "pkv;3 %;\"2,0 %\";3%");
    let m = las(&[("skr.csv", &skr)]).unwrap().modell;
    assert_eq!(m.skr["pkv"].get(2026), Some(dec!(2.0)));
    assert_eq!(m.skr["pkv"].get(2027), Some(dec!(3)));
    // In an amount table a percent is an error.
    let ramar = "nämnd;namn;ram\nA;Nämnd A;60000 %\nB;Nämnd B;39000\n";
    assert!(fel(&[("ramar.csv", ramar)]).contains("\"60000 %\" är ett procenttal, ett belopp förväntas"));
}

/// Several `ansvarsforbindelse` rows are summed (MODELL §9 AF).
#[test]
fn flera_ansvarsforbindelser_summeras() {
    let pension = "post;typ;2026;2027\nPensionskostnad;kostnad;4000;4000\nAF kommun;ansvarsforbindelse;9000;8000\nAF bolag;Ansvarsforbindelse;1000;1500\n";
    let m = las(&[("pension.csv", pension)]).unwrap().modell;
    assert_eq!(ramverk::berakning::finansiella_mal::ansvarsforbindelse(&m, 2026), Some(dec!(10000)));
    assert_eq!(ramverk::berakning::finansiella_mal::ansvarsforbindelse(&m, 2027), Some(dec!(9500)));
}

/// `kostnad per invånare` ≥ 0, one row per nämnd and åldersgrupp.
#[test]
fn demografi_en_rad_per_namnd_och_grupp_och_inte_negativ() {
    let e = fel(&[("demografi.csv", "nämnd;åldersgrupp;kostnad per invånare\nB;0-5;-1\n")]);
    assert!(
        e.contains(
            "demografi.csv rad 2, kolumn \"kostnad per invånare\": kostnaden per invånare får inte vara negativ"
        ),
        "{e}"
    );
    let e = fel(&[("demografi.csv", "nämnd;åldersgrupp;kostnad per invånare\nB;0-5;100\nb;0–5;90\n")]);
    assert!(
        e.contains(
            "demografi.csv rad 3, kolumn \"åldersgrupp\": nämnden har redan en kostnad för den här åldersgruppen"
        ),
        "{e}"
    );
    let m = las(&[("demografi.csv", "nämnd;åldersgrupp;kostnad per invånare\nB;0-5;0\nA;0-5;1\n")]).unwrap().modell;
    assert_eq!(m.demografi.len(), 2);
}

/// `kommunprioritet` is a positive integer.
#[test]
fn kommunprioritet_ar_ett_positivt_heltal() {
    for (varde, vantat) in [
        ("0", "ett heltal 1, 2, … förväntas"),
        ("-2", "ett heltal 1, 2, … förväntas"),
        ("1,5", "\"1,5\" är inte ett heltal"),
        ("ett", "\"ett\" är inte ett heltal"),
    ] {
        let vf =
            format!("nämnd;id;rubrik;typ;prioritet;2026;2027;kommunprioritet\nA;A-1;T;tillskott;1;500;500;{varde}\n");
        let e = fel(&[("vf.csv", &vf)]);
        assert!(e.contains(&format!("vf.csv rad 2, kolumn \"kommunprioritet\": {vantat}")), "{varde}: {e}");
    }
    let vf = "nämnd;id;rubrik;typ;prioritet;2026;2027;kommunprioritet\nA;A-1;T;tillskott;1;500;500;3\n";
    assert_eq!(las(&[("vf.csv", vf)]).unwrap().modell.vf[0].kommunprioritet, Some(3));
}

/// An SKR series is needed only where an amount it indexes is non-zero: no
/// `hyra` when every nämnd's `lokaler` is 0 or empty.
#[test]
fn skr_serie_kravs_bara_dar_den_indexerar_nagot() {
    let d = kopia("mini");
    let skr = std::fs::read_to_string(d.path().join("skr.csv")).unwrap().replace("hyra;2;2;2\n", "");
    std::fs::write(d.path().join("skr.csv"), &skr).unwrap();
    let ramar =
        "nämnd;namn;ram;personal;lokaler;övrigt;intäkter\nA;Nämnd A;60000;55000;0;10000;5000\nB;Nämnd B;39000;;;;\n";
    std::fs::write(d.path().join("ramar.csv"), ramar).unwrap();
    let ut = ramverk().args(["befintlig", &d.path().display().to_string()]).output().unwrap();
    assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
    // With lokaler non-zero the series is required.
    std::fs::write(d.path().join("ramar.csv"), ramar.replace("55000;0;", "50000;5000;")).unwrap();
    let ut = ramverk().args(["befintlig", &d.path().display().to_string()]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&ut.stderr).contains("serien \"hyra\" saknas"));
}

/// Issue 10 item 5: 9 668 / 96 668 / 290 001 demografi rows took 0.46 / 23.6 /
/// 160 s (a list search per row); 40 000 rows and as many age groups are read
/// in linear time, and a duplicate among them is still found.
#[test]
fn manga_demografirader_linjart() {
    let n = 10_000;
    let mut befolkning = String::from("åldersgrupp;2024;2025;2026;2027\n");
    let mut demografi = String::from("nämnd;åldersgrupp;kostnad per invånare\n");
    for g in 0..n {
        befolkning.push_str(&format!("g{g};1;1;1;1\n"));
        demografi.push_str(&format!("A;g{g};1\nB;g{g};1\n"));
    }
    let m = las(&[("befolkning.csv", &befolkning), ("demografi.csv", &demografi)]).unwrap().modell;
    assert_eq!(m.demografi.len(), 2 * n);
    demografi.push_str("b;G7;2\n");
    let e = fel(&[("befolkning.csv", &befolkning), ("demografi.csv", &demografi)]);
    assert!(e.contains(&format!("demografi.csv rad {}, kolumn \"åldersgrupp\": nämnden har redan", 2 * n + 2)), "{e}");
}

#[test]
fn totala_tillgangar_noll_namner_raden() {
    let toml = mini_text("modell.toml").replacen("totala_tillgangar = 100000", "totala_tillgangar = 0", 1);
    let rad = toml.lines().position(|l| l.starts_with("totala_tillgangar = 0")).unwrap() + 1;
    let e = fel(&[("modell.toml", &toml)]);
    assert!(
        e.contains(&format!(
            "modell.toml rad {rad}, nyckel \"balans.totala_tillgangar\": totala tillgångar ska vara större än 0"
        )),
        "{e}"
    );
}

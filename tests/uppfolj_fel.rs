//! Bad input to `ramverk uppfolj` and `kontrollera --utfall`: the follow-up
//! tables, `[uppfoljning]`, the command line and the SIE files. Each gives
//! exit 2 and a Swedish message naming file, row and column (or record),
//! every error at once, nothing written.

mod common;

use common::{arbetsbok::*, *};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const SIE: [&str; 3] = ["hedemora-2024.se", "hedemora-2025.se", "hedemora-2026.se"];

fn sie() -> Vec<PathBuf> {
    SIE.iter().map(|f| fixtur("sie").join(f)).collect()
}

/// A copy of Hedemora in `mapp` with `fore` replaced by `efter` in `fil` (empty `fore`: appended).
fn andrad(mapp: &Path, fil: &str, fore: &str, efter: &str) -> PathBuf {
    andrad_modell(&hedemora(), mapp, fil, fore, efter)
}

/// `uppfolj MODELL --utfall … --period P ARGS`: exit 2, stderr returned, nothing on stdout.
fn fel_med(modell: &Path, utfall: &[PathBuf], period: &str, args: &[&str]) -> String {
    let ut = ramverk()
        .arg("uppfolj")
        .arg(modell)
        .arg("--utfall")
        .args(utfall)
        .args(["--period", period])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&ut.stderr).to_string();
    assert_eq!(ut.status.code(), Some(2), "väntade exit 2: {stderr}");
    assert!(ut.stdout.is_empty(), "inget på stdout");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn fel(modell: &Path) -> String {
    fel_med(modell, &sie(), "2026-03", &[])
}

/// `kontrollera` reports the same problem (exit 2).
#[track_caller]
fn kontrollera_ser(modell: &Path, text: &str) {
    let ut = ramverk().arg("kontrollera").arg(modell).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    let s = String::from_utf8_lossy(&ut.stdout);
    assert!(s.contains(text), "{text:?} saknas i kontrollera:\n{s}");
}

#[test]
fn budget_saknar_en_namnd() {
    let dir = tempfile::tempdir().unwrap();
    let m2 = andrad(dir.path(), "budget.csv", "REV;1 688\r\n", "");
    let e = fel(&m2);
    innehaller(
        &e,
        &[
            "budget.csv, kolumn \"Nämnd\": nämnden \"REV\" (Kommunrevisionen) saknas: budgeten ska ha en rad för varje nämnd i ramar",
        ],
    );
    kontrollera_ser(&m2, "nämnden \"REV\" (Kommunrevisionen) saknas");
}

#[test]
fn budget_med_okand_eller_dubbel_namnd() {
    let dir = tempfile::tempdir().unwrap();
    let m = andrad(dir.path(), "budget.csv", "", "KS;1\nXYZ;5\n");
    let e = fel(&m);
    innehaller(
        &e,
        &[
            "budget.csv rad 8, kolumn \"Nämnd\": nämnden \"KS\" står två gånger (även på rad 2)",
            "budget.csv rad 9, kolumn \"Nämnd\": nämnden \"XYZ\" finns inte i ramar",
        ],
    );
}

#[test]
fn budgetandringar_varje_regel() {
    let dir = tempfile::tempdir().unwrap();
    let rader = "\
2026-05-01;;ON;100;utan från\n\
2026-05-02;ON;on;100;samma\n\
2026-05-03;RESULTAT;resultat;100;ingen nämnd\n\
2026-05-04;KS;ON;0;noll\n\
2026-05-05;KS;ON;-50;negativt\n\
2025-12-31;KS;ON;100;fel år\n\
2026-02-30;KS;ON;100;inget datum\n\
2026-05-06;KS;XYZ;100;okänd\n\
2026-05-07;KS;;100;utan till\n";
    let m = andrad(dir.path(), "budgetandringar.csv", "", rader);
    let e = fel(&m);
    innehaller(
        &e,
        &[
            "budgetandringar.csv rad 4, kolumn \"Från\": värde saknas: det ska framgå var pengarna tas ifrån (en nämnd eller RESULTAT)",
            "budgetandringar.csv rad 5, kolumn \"Till\": från och till är samma (\"on\"): en ändring flyttar pengar mellan två parter",
            "budgetandringar.csv rad 6, kolumn \"Till\": både från och till är RESULTAT: minst en av dem ska vara en nämnd",
            "budgetandringar.csv rad 7, kolumn \"Belopp\": beloppet ska vara större än 0 (det flyttas från från till till), inte 0",
            "budgetandringar.csv rad 8, kolumn \"Belopp\": beloppet ska vara större än 0 (det flyttas från från till till), inte -50",
            "budgetandringar.csv rad 9, kolumn \"Datum\": 2025-12-31 ligger utanför budgetåret 2026",
            "budgetandringar.csv rad 10, kolumn \"Datum\": \"2026-02-30\" är inget datum: ska skrivas ÅÅÅÅ-MM-DD",
            "budgetandringar.csv rad 11, kolumn \"Till\": \"XYZ\" är varken en nämnd i ramar eller RESULTAT",
            "budgetandringar.csv rad 12, kolumn \"Till\": värde saknas: det ska framgå vart pengarna går (en nämnd eller RESULTAT)",
        ],
    );
    // All at once: nine errors, one per row.
    assert_eq!(e.lines().filter(|l| l.starts_with("fel: budgetandringar.csv")).count(), 9, "{e}");
    kontrollera_ser(&m, "rad 4, kolumn \"Från\": värde saknas");
}

#[test]
fn period_utanfor_budgetaret_eller_felskriven() {
    let e = fel_med(&hedemora(), &sie(), "2025-11", &[]);
    innehaller(&e, &["--period: 2025-11 ligger utanför budgetåret 2026"]);
    for (period, text) in [
        ("2026-13", "ogiltigt värde \"2026-13\" för --period: \"2026-13\": månaden ska vara 01–12"),
        ("mars", "\"mars\" är ingen period: ska skrivas ÅÅÅÅ-MM, till exempel 2026-03"),
        ("2026-3-1", "är ingen period"),
    ] {
        innehaller(&fel_med(&hedemora(), &sie(), period, &[]), &[text]);
    }
}

#[test]
fn dubbel_prognos() {
    let dir = tempfile::tempdir().unwrap();
    let m = andrad(dir.path(), "prognoser.csv", "", "on;2026-03;450000\nKS;2026-15;1\n");
    let e = fel(&m);
    innehaller(
        &e,
        &[
            "prognoser.csv rad 6, kolumn \"Period\": nämnden har redan en prognos för 2026-03 (rad 2): en per nämnd och period",
            "prognoser.csv rad 7, kolumn \"Period\": \"2026-15\": månaden ska vara 01–12",
        ],
    );
}

#[test]
fn okand_metod() {
    let e = fel_med(&hedemora(), &sie(), "2026-03", &["--metod", "snitt"]);
    innehaller(
        &e,
        &["ogiltigt värde \"snitt\" för --metod: okänd prognosmetod \"snitt\": ska vara linjar, sasong eller budget"],
    );
    let dir = tempfile::tempdir().unwrap();
    let m = andrad(dir.path(), "modell.toml", "metod = \"sasong\"", "metod = \"snitt\"");
    let e = fel(&m);
    innehaller(
        &e,
        &[
            "modell.toml rad ",
            "nyckel \"uppfoljning.metod\": okänd prognosmetod \"snitt\": ska vara linjar, sasong eller budget",
        ],
    );
}

#[test]
fn objekt_tva_ganger_i_ansvar() {
    let dir = tempfile::tempdir().unwrap();
    let m = andrad(dir.path(), "ansvar.csv", "", "3*;ON\n7100;KS\n5 4*;KS\n");
    let e = fel(&m);
    innehaller(
        &e,
        &[
            "ansvar.csv rad 10, kolumn \"Objekt\": objektet \"3*\" står två gånger (även på rad 3)",
            "ansvar.csv rad 11, kolumn \"Objekt\": objektet \"7100\" står två gånger (även på rad 8)",
            "ansvar.csv rad 12, kolumn \"Objekt\": \"5 4*\" är inget objekt",
        ],
    );
    kontrollera_ser(&m, "objektet \"3*\" står två gånger");
}

#[test]
fn installningar_i_modell_toml() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("modell");
    kopiera_modell(&hedemora(), &m);
    let text = std::fs::read_to_string(m.join("modell.toml")).unwrap();
    let text = text.replacen("troskel_procent = 0.5", "troskel_procnet = 1", 1).replacen(
        "ansvarsdimension = 1",
        "ansvarsdimension = 0",
        1,
    ) + "\n[uppfoljning.konton]\nverksamhet = \"7999-3000\"\nskateintakter = \"8000-8199\"\n\n\
           [uppfoljning.rapporter]\n13 = \"Extra\"\n";
    std::fs::write(m.join("modell.toml"), text).unwrap();
    let e = fel(&m);
    innehaller(
        &e,
        &[
            "nyckel \"uppfoljning.troskel_procnet\": okänd nyckel: menar du uppfoljning.troskel_procent?",
            "nyckel \"uppfoljning.ansvarsdimension\": ett heltal mellan 1 och 999999 förväntas",
            "nyckel \"uppfoljning.konton.verksamhet\": \"7999-3000\": intervallets början är större än dess slut",
            "nyckel \"uppfoljning.konton.skateintakter\": okänd nyckel: menar du uppfoljning.konton.skatteintakter?",
            "nyckel \"uppfoljning.rapporter.13\": nyckeln ska vara en månad 1–12",
        ],
    );
}

#[test]
fn ansvar_saknas() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("modell");
    kopiera_modell(&hedemora(), &m);
    std::fs::remove_file(m.join("ansvar.csv")).unwrap();
    innehaller(&fel(&m), &["ansvar.csv: filen saknas: uppföljningen behöver tabellen ansvar"]);
    // `kontrollera --utfall` says the same, so that a model it passes also runs.
    let a = ramverk().arg("kontrollera").arg(&m).arg("--utfall").args(sie()).assert().code(2);
    innehaller(
        &String::from_utf8_lossy(&a.get_output().stdout),
        &["fel: ansvar.csv: filen saknas: uppföljningen behöver tabellen ansvar"],
    );
    // The other commands do not need it.
    ramverk().arg("forslag").arg(&m).assert().success();
}

#[test]
fn sie_fel_namner_fil_rad_och_post() {
    let dir = tempfile::tempdir().unwrap();
    let trasig = dir.path().join("trasig.se");
    std::fs::write(
        &trasig,
        "#FORMAT PC8\n#RAR 0 20260101 20261231\n#VER A 1 20260131\n{\n#TRANS 5010 {1 \"3100\"} 12,50\n}\n",
    )
    .unwrap();
    let mut filer = sie();
    filer.push(trasig.clone());
    let e = fel_med(&hedemora(), &filer, "2026-03", &[]);
    innehaller(&e, &[&format!("{} rad 5, post \"#TRANS\": \"12,50\" är inget belopp", trasig.display())]);
    // kontrollera --utfall reads them too, with every other problem of the model.
    let m = andrad(dir.path(), "prognoser.csv", "", "ON;2026-03;1\n");
    let ut = ramverk().arg("kontrollera").arg(&m).arg("--utfall").args(&filer).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    let s = String::from_utf8_lossy(&ut.stdout);
    innehaller(&s, &["post \"#TRANS\": \"12,50\" är inget belopp", "prognoser.csv rad 6"]);
    // A missing file.
    let e = fel_med(&hedemora(), &[dir.path().join("finns-inte.se")], "2026-03", &[]);
    innehaller(&e, &["finns-inte.se: filen saknas"]);
}

#[test]
fn kontrollera_med_korrekta_sie_filer() {
    let ut = ramverk().arg("kontrollera").arg(hedemora()).arg("--utfall").args(sie()).output().unwrap();
    assert!(ut.status.success());
    assert!(String::from_utf8_lossy(&ut.stdout).contains("Modellen och SIE-filerna är korrekta"));
}

#[test]
fn ingen_arbetsbok_vid_fel_och_aldrig_over_en_sie_fil() {
    let dir = tempfile::tempdir().unwrap();
    let m = andrad(dir.path(), "budgetandringar.csv", "", "2026-05-01;;ON;100;utan från\n");
    let mut args: Vec<&OsStr> = vec!["uppfolj".as_ref(), m.as_os_str(), "--utfall".as_ref()];
    let filer = sie();
    args.extend(filer.iter().map(|f| f.as_os_str()));
    args.extend([OsStr::new("--period"), OsStr::new("2026-03")]);
    ingen_arbetsbok_vid_fel(&args, &["värde saknas: det ska framgå var pengarna tas ifrån"]);
    // --xlsx naming one of the SIE files is refused before anything is read.
    let kopia = dir.path().join("2026.se");
    std::fs::copy(&filer[2], &kopia).unwrap();
    let fore = std::fs::read(&kopia).unwrap();
    let ut = ramverk()
        .arg("uppfolj")
        .arg(hedemora())
        .arg("--utfall")
        .arg(&kopia)
        .args(["--period", "2026-03", "--xlsx"])
        .arg(&kopia)
        .output()
        .unwrap();
    assert_eq!(ut.status.code(), Some(2));
    innehaller(&String::from_utf8_lossy(&ut.stderr), &["är en av indatafilerna"]);
    assert_eq!(std::fs::read(&kopia).unwrap(), fore);
}

#[test]
fn fel_som_json_dokument() {
    let dir = tempfile::tempdir().unwrap();
    let m = andrad(dir.path(), "prognoser.csv", "", "ON;2026-03;1\n");
    let ut = ramverk()
        .arg("uppfolj")
        .arg(&m)
        .arg("--utfall")
        .args(sie())
        .args(["--period", "2026-03", "--json"])
        .output()
        .unwrap();
    assert_eq!(ut.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["fel"][0]["fil"], "prognoser.csv");
    assert_eq!(doc["fel"][0]["rad"], 6);
    assert_eq!(doc["fel"][0]["kolumn"], "Period");
}

#[test]
fn fel_i_modellen_och_i_sie_filerna_pa_en_gang() {
    let dir = tempfile::tempdir().unwrap();
    let m = andrad(dir.path(), "vf.csv", "", "KS;KS-99;Ny;minskning;tre;-5;-5;-5\n");
    let trasig = dir.path().join("trasig.se");
    std::fs::write(&trasig, "#VER A 1 20260131\n{\n#TRANS 5010 {} x\n}\n").unwrap();
    let e = fel_med(&m, std::slice::from_ref(&trasig), "2026-03", &[]);
    innehaller(
        &e,
        &["vf.csv rad ", "kolumn \"Prioritet\": \"tre\" är inte ett heltal", "trasig.se rad 3, post \"#TRANS\""],
    );
}

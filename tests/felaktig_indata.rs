//! One test per kind of bad input: exit code 2, a Swedish message naming
//! file, row and column, every error at once, nothing on stdout, no panic.

mod common;

use common::*;
use std::path::Path;

/// Runs a command on the broken model and returns stderr, asserting exit 2.
fn fel(dir: &Path, kommando: &str) -> String {
    let ut = ramverk().args([kommando, &dir.display().to_string()]).output().unwrap();
    let stderr = String::from_utf8_lossy(&ut.stderr).to_string();
    assert_eq!(ut.status.code(), Some(2), "väntade exit 2, stderr: {stderr}");
    assert!(ut.stdout.is_empty(), "inget på stdout vid fel");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    stderr
}

#[test]
fn inte_ett_tal() {
    let d = kopia("mini");
    andra(d.path(), "vf.csv", "minskning;1;-1000", "minskning;tre;-1000");
    innehaller(&fel(d.path(), "forslag"), &["vf.csv rad 3, kolumn \"prioritet\": \"tre\" är inte ett heltal"]);
}

#[test]
fn text_i_beloppskolumn() {
    let d = kopia("mini");
    andra(d.path(), "ramar.csv", "60000;50000", "sextio;50000");
    innehaller(&fel(d.path(), "ram"), &["ramar.csv rad 2, kolumn \"ram\": \"sextio\" är inte ett tal"]);
}

#[test]
fn okand_namnd() {
    let d = kopia("mini");
    andra(d.path(), "kanda-forandringar.csv", "A;Ny", "X;Ny");
    andra(d.path(), "investeringar.csv", "I2;B", "I2;Q");
    let e = fel(d.path(), "befintlig");
    innehaller(&e, &["kanda-forandringar.csv rad 2, kolumn \"nämnd\": nämnden \"X\" finns inte i ramar"]);
    innehaller(&e, &["investeringar.csv rad 3, kolumn \"nämnd\": nämnden \"Q\" finns inte i ramar"]);
}

#[test]
fn dubbla_id_och_prioriteter() {
    let d = kopia("mini");
    andra(d.path(), "ramar.csv", "B;Nämnd B", "A;Nämnd B");
    andra(d.path(), "vf.csv", "A-3;", "A-2;");
    andra(d.path(), "vf.csv", "Minskning A3;minskning;3", "Minskning A3;minskning;2");
    let e = fel(d.path(), "forslag");
    innehaller(&e, &["ramar.csv rad 3, kolumn \"nämnd\": nämnden \"A\" finns två gånger"]);
    innehaller(&e, &["vf.csv rad 4, kolumn \"id\": id \"A-2\" finns två gånger"]);
    innehaller(&e, &["vf.csv rad 5, kolumn \"prioritet\": prioritet 2 finns redan"]);
}

#[test]
fn fel_tecken() {
    let d = kopia("mini");
    andra(d.path(), "vf.csv", "tillskott;1;500", "tillskott;1;-500");
    andra(d.path(), "vf.csv", "minskning;1;-300", "minskning;1;300");
    andra(d.path(), "investeringar.csv", "1000;2025", "-1000;2025");
    let e = fel(d.path(), "forslag");
    innehaller(&e, &["vf.csv rad 2, kolumn \"2026\": en tillskott ska vara större än 0"]);
    innehaller(&e, &["vf.csv rad 7, kolumn \"2026\": en minskning ska vara mindre än 0"]);
    innehaller(&e, &["investeringar.csv rad 2, kolumn \"belopp\": investeringsbeloppet får inte vara negativt"]);
}

#[test]
fn fordelning_som_inte_summerar_till_ramen() {
    let d = kopia("mini");
    andra(d.path(), "ramar.csv", "60000;50000;5000", "60000;50000;7000");
    innehaller(&fel(d.path(), "ram"), &["ramar.csv rad 2, kolumn \"ram\"", "= 62000, men ram är 60000"]);
}

#[test]
fn aldersgrupp_som_inte_finns() {
    let d = kopia("mini");
    andra(d.path(), "demografi.csv", "B;0-5", "B;1-5");
    innehaller(
        &fel(d.path(), "befintlig"),
        &["demografi.csv rad 2, kolumn \"åldersgrupp\": åldersgruppen \"1-5\" finns inte i befolkning"],
    );
}

#[test]
fn ar_som_berakningen_behover_saknas() {
    let d = kopia("mini");
    andra(d.path(), "skr.csv", "lon;3;3;3", "lon;3;3;");
    andra(
        d.path(),
        "skatter-och-bidrag.csv",
        "Kostnadsutjämning;per_invanare;1000;1000",
        "Kostnadsutjämning;per_invanare;1000;",
    );
    let e = fel(d.path(), "befintlig");
    innehaller(&e, &["skr.csv rad 4, kolumn \"2027\": värde saknas: serien lon behövs för 2027"]);
    innehaller(
        &e,
        &["skatter-och-bidrag.csv rad 4, kolumn \"2027\": värde saknas: posten Kostnadsutjämning behövs för 2027"],
    );
}

#[test]
fn arskolumn_saknas() {
    let d = kopia("mini");
    std::fs::write(d.path().join("pension.csv"), "post;typ;2026\nPensionskostnad;kostnad;4000\n").unwrap();
    innehaller(
        &fel(d.path(), "ram"),
        &["pension.csv rad 2: kolumn för år 2027 saknas: pensionsposten Pensionskostnad behövs för 2027"],
    );
}

#[test]
fn kolumn_fil_och_nyckel_saknas() {
    let d = kopia("mini");
    andra(d.path(), "skr.csv", "serie;", "namn;");
    std::fs::remove_file(d.path().join("skatter-och-bidrag.csv")).unwrap();
    andra(d.path(), "modell.toml", "skattesats = 20\n", "");
    let e = fel(d.path(), "ram");
    innehaller(&e, &["modell.toml, nyckel \"skatt.skattesats\": nyckeln saknas men krävs"]);
    let d = kopia("mini");
    andra(d.path(), "skr.csv", "serie;", "namn;");
    std::fs::remove_file(d.path().join("skatter-och-bidrag.csv")).unwrap();
    let e = fel(d.path(), "ram");
    innehaller(&e, &["skr.csv rad 1: kolumnen \"serie\" saknas", "skatter-och-bidrag.csv: filen saknas"]);
}

#[test]
fn namngiven_valfri_tabell_saknas() {
    let d = kopia("mini");
    andra(d.path(), "modell.toml", "[balans]", "[filer]\nvf = \"vf-lista.csv\"\n\n[balans]");
    innehaller(&fel(d.path(), "forslag"), &["vf-lista.csv: filen saknas"]);
}

#[test]
fn ogiltig_toml_och_modellmapp_som_saknas() {
    let d = kopia("mini");
    andra(d.path(), "modell.toml", "antal_ar = 2", "antal_ar = = 2");
    innehaller(&fel(d.path(), "ram"), &["modell.toml rad 9: filen är inte giltig TOML"]);
    let ut = ramverk().args(["ram", "/finns/inte"]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    innehaller(&String::from_utf8_lossy(&ut.stderr), &["/finns/inte: modellmappen finns inte"]);
}

#[test]
fn otillatna_varden_i_modell_toml() {
    let d = kopia("mini");
    andra(d.path(), "modell.toml", "antal_ar = 2", "antal_ar = 12");
    andra(d.path(), "modell.toml", "skattesats = 20", "skattesats = \"tjugo\"");
    let e = fel(d.path(), "ram");
    innehaller(&e, &["modell.toml rad 9, nyckel \"period.antal_ar\": ett heltal mellan 1 och 10 förväntas"]);
    innehaller(&e, &["modell.toml rad 12, nyckel \"skatt.skattesats\": \"tjugo\" är inte ett tal"]);
}

#[test]
fn noll_och_negativ_befolkning() {
    let d = kopia("mini");
    andra(d.path(), "skatter-och-bidrag.csv", "november;invanare;1000;1000", "november;invanare;0;1000");
    andra(d.path(), "befolkning.csv", "0-5;60;60;50", "0-5;60;-60;50");
    let e = fel(d.path(), "ram");
    innehaller(&e, &["skatter-och-bidrag.csv rad 6, kolumn \"2026\": antalet invånare ska vara minst 1"]);
    innehaller(&e, &["befolkning.csv rad 2, kolumn \"2025\": negativt antal invånare"]);
}

#[test]
fn ramar_som_summerar_till_noll() {
    let d = kopia("mini");
    std::fs::write(d.path().join("ramar.csv"), "nämnd;namn;ram\nA;Nämnd A;0\nB;Nämnd B;0\n").unwrap();
    innehaller(&fel(d.path(), "ram"), &["ramar.csv: summan av ramarna är 0"]);
}

#[test]
fn for_stora_tal() {
    let d = kopia("mini");
    andra(d.path(), "centrala-poster.csv", "finans;1000", "finans;99999999999999999999999999999999");
    andra(d.path(), "kanda-forandringar.csv", "500;1000", "1e20;1000");
    let e = fel(d.path(), "befintlig");
    innehaller(&e, &["centrala-poster.csv rad 2, kolumn \"2026\": \"99999999999999999999999999999999\" är för stort"]);
    innehaller(&e, &["kanda-forandringar.csv rad 2, kolumn \"2026\": 100000000000000000000 är orimligt stort"]);
}

#[test]
fn okanda_typer_och_invanarrad() {
    let d = kopia("mini");
    andra(d.path(), "pension.csv", "i_ramar", "i ramen");
    andra(d.path(), "skatter-och-bidrag.csv", "Invånare 1 november;invanare", "Invånare 1 november;per_invanare");
    let e = fel(d.path(), "ram");
    innehaller(&e, &["pension.csv rad 3, kolumn \"typ\": okänd typ \"i ramen\""]);
    innehaller(&e, &["skatter-och-bidrag.csv rad 1: raden med typ invanare (Invånare 1 november) saknas"]);
}

#[test]
fn alla_fel_rapporteras_pa_en_gang() {
    let d = kopia("mini");
    andra(d.path(), "vf.csv", "minskning;1;-1000", "minskning;tre;-1000");
    andra(d.path(), "ramar.csv", "60000;50000", "sextio;50000");
    andra(d.path(), "demografi.csv", "B;0-5", "C;0-5");
    let e = fel(d.path(), "forslag");
    assert_eq!(e.lines().filter(|l| l.starts_with("fel: ")).count(), 3, "{e}");
}

#[test]
fn kontrollera_listar_allt_som_json() {
    let d = kopia("mini");
    andra(d.path(), "vf.csv", "minskning;1;-1000", "minskning;tre;-1000");
    andra(d.path(), "skr.csv", "lon;3;3;3", "lon;3;3;");
    let ut = ramverk().args(["kontrollera", &d.path().display().to_string(), "--json"]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    let j: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(j["ok"], false);
    let fel = j["fel"].as_array().unwrap();
    assert_eq!(fel.len(), 1, "{fel:?}");
    assert_eq!(fel[0]["fil"], "vf.csv");
    assert_eq!(fel[0]["rad"], 3);
    assert_eq!(fel[0]["kolumn"], "prioritet");
    // With readable tables the computations are checked too: the missing lon year.
    let d = kopia("mini");
    andra(d.path(), "skr.csv", "lon;3;3;3", "lon;3;3;");
    let ut = ramverk().args(["kontrollera", &d.path().display().to_string(), "--json"]).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(j["fel"][0]["kolumn"], "2027");
    assert_eq!(j["fel"][0]["rad"], 4);
}

#[test]
fn kontrollera_godkanner_fixturerna() {
    for f in ["mini", "hedemora-2026"] {
        let ut = ramverk().args(["kontrollera", &common::fixtur(f).display().to_string()]).output().unwrap();
        assert_eq!(ut.status.code(), Some(0), "{}", String::from_utf8_lossy(&ut.stdout));
        assert!(String::from_utf8_lossy(&ut.stdout).contains("Modellen är korrekt"));
    }
}

#[test]
fn json_vid_fel_ar_ett_dokument() {
    let d = kopia("mini");
    andra(d.path(), "ramar.csv", "60000;50000", "sextio;50000");
    let ut = ramverk().args(["ram", &d.path().display().to_string(), "--json"]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    let j: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(j["ok"], false);
}

#[test]
fn felaktiga_argument() {
    let ut = ramverk().args(["ram"]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    innehaller(&String::from_utf8_lossy(&ut.stderr), &["fel: argument saknas"]);
    let ut = ramverk().args(["forslag", "x", "--fordelning", "lotteri"]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    innehaller(&String::from_utf8_lossy(&ut.stderr), &["ogiltigt värde \"lotteri\""]);
    let ut =
        ramverk().args(["forklara", &common::fixtur("mini").display().to_string(), "--namnd", "Z"]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    innehaller(&String::from_utf8_lossy(&ut.stderr), &["nämnden \"Z\" finns inte (finns: A, B)"]);
}

#[test]
fn tomma_planar_i_vf_och_kanda_forandringar() {
    let d = kopia("mini");
    andra(d.path(), "vf.csv", "A;A-1;Tillskott A;tillskott;1;500;500", "A;A-1;Tillskott A;tillskott;1;500;");
    std::fs::write(d.path().join("kanda-forandringar.csv"), "nämnd;beskrivning;2026\nA;Ny verksamhet;500\n").unwrap();
    let e = fel(d.path(), "forslag");
    innehaller(
        &e,
        &[
            "vf.csv rad 2, kolumn \"2027\": värde saknas: VF-postens belopp (0 om posten inte gäller året) behövs för 2027",
        ],
    );
    innehaller(&e, &["kanda-forandringar.csv rad 2: kolumn för år 2027 saknas"]);
}

#[test]
fn negativ_kostnadsdel_ar_en_varning() {
    let d = kopia("mini");
    andra(d.path(), "ramar.csv", "A;Nämnd A;60000;50000;5000;10000;5000", "A;Nämnd A;60000;50000;11000;-1000;0");
    let ut = ramverk().args(["kontrollera", &d.path().display().to_string()]).output().unwrap();
    assert_eq!(ut.status.code(), Some(0));
    innehaller(
        &String::from_utf8_lossy(&ut.stdout),
        &["varning: ramar.csv rad 2, kolumn \"övrigt\": -1000 är negativt"],
    );
}

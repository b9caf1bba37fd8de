//! The command line as a new user meets it: help and errors in Swedish,
//! exit code 2 for whatever the user got wrong, and the small things that
//! used to trip people up.

mod common;

use common::*;

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

#[test]
fn utan_argument_hjalpen_och_kod_2() {
    let a = ramverk().assert().code(2);
    let fel = stderr(&a);
    assert!(fel.contains("Användning: ramverk KOMMANDO [ARGUMENT]") && fel.contains("Kommandon:"), "{fel}");
    assert!(a.get_output().stdout.is_empty());
}

#[test]
fn hjalpen_pa_svenska_med_genererad_anvandning() {
    let ut = ramverk().args(["forslag", "--help"]).assert().success().get_output().stdout.clone();
    let hjalp = String::from_utf8(ut).unwrap();
    assert!(
        hjalp
            .contains("Användning: ramverk forslag MODELL [--scenario FIL] [--fordelning REGEL] [--json] [--xlsx FIL]"),
        "{hjalp}"
    );
    assert!(hjalp.contains("Argument:") && hjalp.contains("Flaggor:"), "{hjalp}");
    assert!(hjalp.contains("proportionell, gemensam eller optimal"), "regelnamnen ur Fordelning::ALLA: {hjalp}");
    for engelska in ["Usage", "Options", "Arguments", "[OPTIONS]"] {
        assert!(!hjalp.contains(engelska), "{engelska}: {hjalp}");
    }
    let ut = ramverk().args(["simulera", "--help"]).assert().success().get_output().stdout.clone();
    let hjalp = String::from_utf8(ut).unwrap();
    assert!(hjalp.contains("Användning: ramverk simulera MODELL --osakerhet FIL [--dragningar N]"), "{hjalp}");
}

#[test]
fn felaktiga_flaggor_far_svenska_besked() {
    let h = hedemora();
    let fall: [(&[&str], &str); 5] = [
        (
            &["--fordelning", "optimalt"],
            "ogiltigt värde \"optimalt\" för --fordelning: okänd fördelningsregel \"optimalt\": ska vara proportionell, gemensam eller optimal",
        ),
        (&["--xlsx"], "--xlsx kräver ett värde: FIL"),
        (
            &["--scenario", "a.toml", "--scenario", "b.toml"],
            "--scenario kan bara anges en gång; för att jämföra flera scenarier: ramverk jamfor MODELL SCENARIO...",
        ),
        (&["--okand"], "okänd flagga --okand"),
        (&["--jsno"], "menar du --json?"),
    ];
    for (flaggor, vantat) in fall {
        let a = ramverk().arg("forslag").arg(&h).args(flaggor).assert().code(2);
        let fel = stderr(&a);
        assert!(fel.contains(vantat), "{flaggor:?}: {fel}");
    }
    let a = ramverk().args(["forslg"]).arg(&h).assert().code(2);
    assert!(stderr(&a).contains("okänt kommando forslg (menar du forklara eller forslag?)"), "{}", stderr(&a));
}

#[test]
fn negativt_ar_ar_ett_ar_inte_en_flagga() {
    let a = ramverk().args(["forklara"]).arg(hedemora()).args(["--namnd", "BIN", "--ar", "-5"]).assert().code(2);
    assert!(stderr(&a).contains("--ar: år -5 ligger utanför planperioden 2026–2028"), "{}", stderr(&a));
}

#[test]
fn modell_toml_i_stallet_for_mappen_gar_bra() {
    let via_fil = ramverk().arg("ram").arg(hedemora().join("modell.toml")).arg("--json").assert().success();
    let via_mapp = ramverk().arg("ram").arg(hedemora()).arg("--json").assert().success();
    assert_eq!(via_fil.get_output().stdout, via_mapp.get_output().stdout);
    let a = ramverk().arg("ram").arg(hedemora().join("ramar.csv")).assert().code(2);
    assert!(stderr(&a).contains("är en fil: ange modellmappen"), "{}", stderr(&a));
}

#[test]
fn felstavad_nyckel_i_modell_toml_stoppar_med_forslag() {
    let dir = tempfile::tempdir().unwrap();
    kopiera_modell(&hedemora(), dir.path());
    let toml = dir.path().join("modell.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replace("lanefinansiering_procent = 70", "lanefinansierings_procent = 70")).unwrap();
    let rad = text.lines().position(|l| l.starts_with("lanefinansiering_procent")).unwrap() + 1;
    let a = ramverk().arg("forslag").arg(dir.path()).arg("--json").assert().code(2);
    let fel = stderr(&a);
    let vantat = format!(
        "modell.toml rad {rad}, nyckel \"investeringar.lanefinansierings_procent\": okänd nyckel: menar du \
         investeringar.lanefinansiering_procent?"
    );
    assert!(fel.contains(&vantat), "{fel}");
    let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["ok"], false, "med --json står felen också som JSON");
    // An unknown section too.
    std::fs::write(&toml, text.replace("[investeringar]", "[investering]")).unwrap();
    let fel = stderr(&ramverk().arg("ram").arg(dir.path()).assert().code(2));
    assert!(fel.contains("nyckel \"investering\": okänd nyckel: menar du investeringar?"), "{fel}");
}

#[test]
fn toml_syntaxfel_pa_svenska_med_rad_och_tecken() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("fel.toml");
    std::fs::write(&scenario, "namn = \"Trasig\"\nresultat_procent = = 1\n").unwrap();
    let a = ramverk().arg("forslag").arg(hedemora()).arg("--scenario").arg(&scenario).assert().code(2);
    let fel = stderr(&a);
    assert!(
        fel.contains("fel.toml rad 2: filen är inte giltig TOML (tecken 20: ett likhetstecken för mycket)"),
        "{fel}"
    );
}

#[test]
fn kontrollera_raknar_varningar_pa_svenska() {
    let dir = tempfile::tempdir().unwrap();
    kopiera_modell(&hedemora(), dir.path());
    let ut = ramverk().arg("kontrollera").arg(dir.path()).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(ut).unwrap();
    assert!(text.ends_with("\nModellen är korrekt (1 varning).\n"), "{text}");
    // A second unknown column: two warnings.
    andra(dir.path(), "vf.csv", ";Konsekvens", ";Konsekvens;Kommentar");
    let ut = ramverk().arg("kontrollera").arg(dir.path()).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(ut).unwrap();
    assert!(text.ends_with("\nModellen är korrekt (2 varningar).\n"), "{text}");
}

#[test]
fn enhet_mnkr_andrar_tabellen_och_arbetsboken_men_aldrig_json() {
    let h = hedemora();
    let osakerhet = scenarier().join("osakerhet.toml");
    let fall: Vec<Vec<std::ffi::OsString>> = vec![
        vec!["ram".into(), h.clone().into()],
        vec!["befintlig".into(), h.clone().into()],
        vec!["forslag".into(), h.clone().into()],
        vec!["budget".into(), h.clone().into()],
        vec!["jamfor".into(), h.clone().into(), scenarier().join("svag.toml").into()],
        vec![
            "simulera".into(),
            h.clone().into(),
            "--osakerhet".into(),
            osakerhet.into(),
            "--dragningar".into(),
            "1000".into(),
        ],
    ];
    let dir = tempfile::tempdir().unwrap();
    for args in fall {
        let tkr = ramverk().args(&args).arg("--json").assert().success().get_output().stdout.clone();
        let mnkr =
            ramverk().args(&args).args(["--json", "--enhet", "mnkr"]).assert().success().get_output().stdout.clone();
        assert_eq!(tkr, mnkr, "{args:?}: JSON är alltid tkr");
        let text = ramverk().args(&args).args(["--enhet", "mnkr"]).assert().success().get_output().stdout.clone();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("Belopp i mnkr."), "{args:?}: {text}");
        let fil = dir.path().join(format!("{}.xlsx", args[0].to_string_lossy()));
        ramverk().args(&args).args(["--enhet", "mnkr", "--xlsx"]).arg(&fil).assert().success();
        // Every workbook shows its amounts with one decimal: the scaled tkr format, or mnkr in the cells.
        let stilar = common::arbetsbok::del_av_xlsx(&fil, "xl/styles.xml");
        assert!(
            stilar.contains(r##"formatCode="#,##0.0,""##) || stilar.contains(r##"formatCode="#,##0.0""##),
            "{args:?}"
        );
    }
    // forslag: the total is 1 164 177 tkr in the cell, shown as 1 164,2 (mnkr) by its format.
    let fil = dir.path().join("forslag.xlsx");
    let stilar = common::arbetsbok::del_av_xlsx(&fil, "xl/styles.xml");
    assert!(stilar.contains(r##"formatCode="#,##0.0,""##), "{stilar}");
    let text = String::from_utf8(
        ramverk().arg("forslag").arg(&h).args(["--enhet", "mnkr"]).assert().success().get_output().stdout.clone(),
    )
    .unwrap();
    assert!(text.contains("Summa ramar                         1\u{a0}164,2"), "{text}");
    let a = ramverk().arg("forslag").arg(&h).args(["--enhet", "mkr"]).assert().code(2);
    assert!(stderr(&a).contains("okänd enhet \"mkr\": ska vara tkr eller mnkr"), "{}", stderr(&a));
}

#[test]
fn for_manga_scenarier_for_en_arbetsbok_ar_ett_indatafel() {
    let dir = tempfile::tempdir().unwrap();
    let tom = dir.path().join("tom.toml");
    std::fs::write(&tom, "").unwrap();
    let mut args: Vec<std::ffi::OsString> = vec!["jamfor".into(), hedemora().into()];
    args.extend(std::iter::repeat_n(tom.clone().into_os_string(), 16_000));
    let fil = dir.path().join("jamfor.xlsx");
    let a = ramverk().args(&args).arg("--xlsx").arg(&fil).assert().code(2);
    assert!(stderr(&a).contains("16001 scenarier ryms inte i en arbetsbok (högst 16000"), "{}", stderr(&a));
    assert!(!fil.exists());
}

#[test]
fn noll_dragningar_ar_ett_indatafel() {
    let osakerhet = scenarier().join("osakerhet.toml");
    let a = ramverk()
        .arg("simulera")
        .arg(hedemora())
        .arg("--osakerhet")
        .arg(&osakerhet)
        .args(["--dragningar", "0"])
        .assert()
        .code(2);
    let fel = stderr(&a);
    assert!(fel.contains("fel: --dragningar: antalet dragningar ska vara ett heltal mellan 1 och"), "{fel}");
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("o.toml");
    std::fs::write(&fil, "dragningar = 0\n").unwrap();
    let a = ramverk().arg("simulera").arg(hedemora()).arg("--osakerhet").arg(&fil).assert().code(2);
    assert!(stderr(&a).contains("o.toml rad 1, nyckel \"dragningar\": ett heltal mellan 1 och"), "{}", stderr(&a));
}

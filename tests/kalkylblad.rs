//! Tables as workbook sheets: ods and xlsx with percent-formatted cells give
//! the same model as the CSV files, xls is read with a warning, and errors
//! name the sheet and Excel's row.

mod common;

use common::{json::*, *};

fn med_bok(ext: &str) -> tempfile::TempDir {
    let d = kopia("mini-kalkylblad");
    let toml = d.path().join("modell.toml");
    let text = std::fs::read_to_string(&toml).unwrap().replace("indata.ods", &format!("indata.{ext}"));
    std::fs::write(toml, text).unwrap();
    d
}

#[test]
fn ods_och_xlsx_med_procentceller_ger_samma_modell_som_csv() {
    let csv = json(&["forslag", &fixtur("mini").display().to_string()]);
    for ext in ["ods", "xlsx"] {
        let d = med_bok(ext);
        let bok = json(&["forslag", &d.path().display().to_string()]);
        for nyckel in ["ramutrymme", "indexfaktorer", "namnder", "resultat", "centrala_poster"] {
            assert_eq!(bok[nyckel], csv[nyckel], "{ext}: {nyckel}");
        }
    }
}

#[test]
fn xls_las_med_varning_om_procentformat() {
    let d = med_bok("xls");
    let ut = ramverk().args(["kontrollera", &d.path().display().to_string()]).output().unwrap();
    let text = String::from_utf8_lossy(&ut.stdout);
    assert!(text.contains("indata.xls blad \"SKR\" rad 1: procentformat kan inte läsas ur xls-filer"), "{text}");
}

#[test]
fn fel_i_ett_blad_namnger_blad_och_excels_rad() {
    let d = kopia("mini-kalkylblad");
    // Ramar: header on Excel's row 2 (row 1 empty), B on row 4: make its frame text.
    let mut bok = rust_xlsxwriter::Workbook::new();
    let ark = bok.add_worksheet().set_name("Ramar").unwrap();
    let rader: [[&str; 3]; 3] = [["Nämnd", "Namn", "Ram"], ["A", "Nämnd A", "60000"], ["B", "Nämnd B", "trettionio"]];
    for (i, rad) in rader.iter().enumerate() {
        for (j, v) in rad.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(x) => ark.write_number(i as u32 + 1, j as u16, x).unwrap(),
                Err(_) => ark.write_string(i as u32 + 1, j as u16, *v).unwrap(),
            };
        }
    }
    bok.save(d.path().join("ramar.xlsx")).unwrap();
    let toml = d.path().join("modell.toml");
    let text =
        std::fs::read_to_string(&toml).unwrap().replace("ramar = \"indata.ods#Ramar\"", "ramar = \"ramar.xlsx\"");
    std::fs::write(toml, text).unwrap();
    let ut = ramverk().args(["ram", &d.path().display().to_string()]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    let fel = String::from_utf8_lossy(&ut.stderr);
    assert!(fel.contains("ramar.xlsx blad \"Ramar\" rad 4, kolumn \"Ram\": \"trettionio\" är inte ett tal"), "{fel}");
}

#[test]
fn blad_som_saknas_och_trasig_arbetsbok() {
    let d = kopia("mini-kalkylblad");
    let toml = d.path().join("modell.toml");
    let text = std::fs::read_to_string(&toml).unwrap().replace("indata.ods#SKR", "indata.ods#Serier");
    std::fs::write(&toml, text).unwrap();
    let ut = ramverk().args(["ram", &d.path().display().to_string()]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    let fel = String::from_utf8_lossy(&ut.stderr);
    assert!(fel.contains("bladet \"Serier\" finns inte (arbetsboken har: SKR, Ramar, Investeringar)"), "{fel}");
    std::fs::write(d.path().join("indata.ods"), b"inte en arbetsbok").unwrap();
    let ut = ramverk().args(["ram", &d.path().display().to_string()]).output().unwrap();
    assert_eq!(ut.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&ut.stderr).contains("indata.ods: filen är ingen arbetsbok"));
}

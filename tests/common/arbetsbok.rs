//! Reading a workbook back with calamine, recalculating it with headless
//! LibreOffice, and the checks the workbook tests share.
//!
//! LibreOffice keeps the results stored in an xlsx file unless told to
//! recalculate on load (its default for Excel 2007+ files is "never
//! recalculate", and it ignores the file's `fullCalcOnLoad`). [`rakna_om`]
//! therefore starts it with a fresh user profile whose
//! `registrymodifications.xcu` sets `/org.openoffice.Office.Calc/Formula/Load`
//! `OOXMLRecalcMode` (and `ODFRecalcMode`) to 0, "always recalculate", and
//! converts with `--convert-to xlsx`: the converted file holds LibreOffice's
//! own results.

use super::*;
use calamine::{Data, Range, Reader, StyleRange, Xlsx, open_workbook};
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- calamine

pub type Bok = Xlsx<BufReader<File>>;

pub fn oppna(fil: &Path) -> Bok {
    open_workbook(fil).unwrap_or_else(|e| panic!("{} kan inte öppnas: {e}", fil.display()))
}

/// The cells of a sheet (formula cells hold their stored results).
pub fn blad(bok: &mut Bok, namn: &str) -> Range<Data> {
    bok.worksheet_range(namn).unwrap_or_else(|e| panic!("bladet {namn}: {e}"))
}

/// The formulas of a sheet, without the leading `=`.
pub fn formler(bok: &mut Bok, namn: &str) -> Range<String> {
    bok.worksheet_formula(namn).unwrap_or_else(|e| panic!("formler i {namn}: {e}"))
}

pub fn stilar(bok: &mut Bok, namn: &str) -> StyleRange {
    bok.worksheet_style(namn).unwrap_or_else(|e| panic!("stilar i {namn}: {e}"))
}

/// `D5` for zero-based (row, column).
pub fn adress(rad: u32, kol: u32) -> String {
    let mut k = kol + 1;
    let mut namn = String::new();
    while k > 0 {
        namn.insert(0, (b'A' + ((k - 1) % 26) as u8) as char);
        k = (k - 1) / 26;
    }
    format!("{namn}{}", rad + 1)
}

/// The number in a cell; a panic when it is not a number cell.
pub fn tal(r: &Range<Data>, rad: u32, kol: u32) -> f64 {
    match r.get_value((rad, kol)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        annat => panic!("{} är ingen talcell: {annat:?}", adress(rad, kol)),
    }
}

/// The text in a cell ("" when empty).
pub fn text(r: &Range<Data>, rad: u32, kol: u32) -> String {
    match r.get_value((rad, kol)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        annat => panic!("{} är ingen textcell: {annat:?}", adress(rad, kol)),
    }
}

/// The texts of a row, from column 0 to the last used column.
pub fn radtexter(r: &Range<Data>, rad: u32) -> Vec<String> {
    let bredd = r.end().map(|(_, k)| k + 1).unwrap_or(0);
    let mut v: Vec<String> =
        (0..bredd).map(|k| r.get_value((rad, k)).map(|d| d.to_string()).unwrap_or_default()).collect();
    while v.last().is_some_and(|s| s.is_empty()) {
        v.pop();
    }
    v
}

/// The rows whose column `kol` holds exactly `text`, top to bottom.
pub fn rader_med(r: &Range<Data>, kol: u32, text: &str) -> Vec<u32> {
    let (slut, _) = r.end().unwrap_or((0, 0));
    (0..=slut).filter(|&rad| matches!(r.get_value((rad, kol)), Some(Data::String(s)) if s == text)).collect()
}

/// The only row whose column 0 holds `text`.
pub fn rad_med(r: &Range<Data>, text: &str) -> u32 {
    match rader_med(r, 0, text).as_slice() {
        [rad] => *rad,
        rader => panic!("\"{text}\" finns på raderna {rader:?}, väntade en"),
    }
}

/// The column whose header (row 0) is `rubrik`.
pub fn kolumn_med(r: &Range<Data>, rubrik: &str) -> u32 {
    let bredd = r.end().map(|(_, k)| k + 1).unwrap_or(0);
    (0..bredd)
        .find(|&k| matches!(r.get_value((0, k)), Some(Data::String(s)) if s == rubrik))
        .unwrap_or_else(|| panic!("kolumnen \"{rubrik}\" saknas: {:?}", radtexter(r, 0)))
}

/// The formula of a cell, `None` when it holds none.
pub fn formel(f: &Range<String>, rad: u32, kol: u32) -> Option<String> {
    f.get_value((rad, kol)).filter(|s| !s.is_empty()).cloned()
}

/// A formula cell and its stored result.
#[derive(Debug, Clone)]
pub struct Formelcell {
    pub blad: String,
    pub rad: u32,
    pub kol: u32,
    pub formel: String,
    pub varde: Data,
}

/// Every formula cell of every sheet with its stored result.
pub fn formelceller(fil: &Path) -> Vec<Formelcell> {
    let mut bok = oppna(fil);
    let mut ut = Vec::new();
    for namn in bok.sheet_names() {
        let f = formler(&mut bok, &namn);
        let v = blad(&mut bok, &namn);
        let start = f.start().unwrap_or((0, 0));
        for (r, k, formel) in f.cells() {
            if formel.is_empty() {
                continue;
            }
            let (rad, kol) = (start.0 + r as u32, start.1 + k as u32);
            let varde = v.get_value((rad, kol)).cloned().unwrap_or(Data::Empty);
            ut.push(Formelcell { blad: namn.clone(), rad, kol, formel: formel.clone(), varde });
        }
    }
    ut
}

/// Equal within `tol`, and for small numbers within a relative 1e-9.
pub fn nara(a: f64, b: f64, tol: f64) -> bool {
    let d = (a - b).abs();
    d <= tol.min(1e-9 * a.abs().max(b.abs()).max(1.0))
}

/// The text of a file inside an xlsx (a zip): `docProps/core.xml`, `xl/worksheets/sheet1.xml`.
pub fn del_av_xlsx(fil: &Path, del: &str) -> String {
    let mut z = zip::ZipArchive::new(File::open(fil).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(del).unwrap_or_else(|e| panic!("{del} saknas i {}: {e}", fil.display())).read_to_string(&mut s).unwrap();
    s
}

/// A copy of the xlsx `fil` at `ut` in which every formula's stored result is 0:
/// only a real recalculation can bring the right numbers back.
pub fn med_nollade_resultat(fil: &Path, ut: &Path) -> usize {
    let mut z = zip::ZipArchive::new(File::open(fil).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(File::create(ut).unwrap());
    let mut antal = 0;
    for i in 0..z.len() {
        let mut del = z.by_index(i).unwrap();
        let namn = del.name().unwrap().to_string();
        let mut innehall = Vec::new();
        del.read_to_end(&mut innehall).unwrap();
        if namn.starts_with("xl/worksheets/sheet") {
            let text = String::from_utf8(innehall).unwrap();
            let mut ny = String::with_capacity(text.len());
            let mut rest = text.as_str();
            while let Some(i) = rest.find("</f><v>") {
                let (fore, efter) = rest.split_at(i + "</f><v>".len());
                ny.push_str(fore);
                let slut = efter.find("</v>").unwrap();
                ny.push('0');
                rest = &efter[slut..];
                antal += 1;
            }
            ny.push_str(rest);
            innehall = ny.into_bytes();
        }
        let val = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file(namn, val).unwrap();
        w.write_all(&innehall).unwrap();
    }
    w.finish().unwrap();
    antal
}

// ---------------------------------------------------------------- LibreOffice

/// Set to `1` (as `.ci/run` does) to make a missing LibreOffice a test failure.
pub const KRAV_LIBREOFFICE: &str = "RAMVERK_KRAV_LIBREOFFICE";

/// LibreOffice's `soffice`, from `RAMVERK_SOFFICE` or the `PATH` (or the
/// usual macOS place). The tests that need it carry
/// `#[cfg_attr(not(libreoffice), ignore = …)]`: without LibreOffice they are
/// reported as ignored (build.rs sets the cfg), and with
/// `RAMVERK_KRAV_LIBREOFFICE=1` (CI) a missing LibreOffice fails them here.
pub fn libreoffice() -> PathBuf {
    let hittad = std::env::var_os("RAMVERK_SOFFICE").map(PathBuf::from).filter(|p| p.is_file()).or_else(|| {
        let i_path = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .flat_map(|d| ["soffice", "libreoffice", "soffice.exe"].map(|n| d.join(n)));
        i_path.chain([PathBuf::from("/Applications/LibreOffice.app/Contents/MacOS/soffice")]).find(|p| p.is_file())
    });
    hittad.unwrap_or_else(|| {
        panic!("LibreOffice (soffice) hittades inte, men {KRAV_LIBREOFFICE}=1 kräver det: installera libreoffice-calc-nogui")
    })
}

/// The user profile setting that makes LibreOffice recalculate every formula
/// when it loads an xlsx (OOXMLRecalcMode) or ods (ODFRecalcMode) file:
/// 0 = always, 1 = never (LibreOffice's default for xlsx), 2 = ask.
pub const OMRAKNING_XCU: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#;

/// A path as a `file://` URL (spaces and the like percent-encoded).
fn fil_url(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let mut ut = String::from("file://");
    if !s.starts_with('/') {
        ut.push('/');
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            ut.push(b as char);
        } else {
            ut.push_str(&format!("%{b:02X}"));
        }
    }
    ut
}

/// Opens each of `filer` in headless LibreOffice with full recalculation on
/// load and saves it as xlsx in `ut`; returns the converted files in order.
/// Uses a fresh user profile in a temporary folder, so a running LibreOffice
/// or the user's own settings never interfere.
pub fn rakna_om(soffice: &Path, filer: &[&Path], ut: &Path) -> Vec<PathBuf> {
    let profil = tempfile::tempdir().unwrap();
    let user = profil.path().join("user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(user.join("registrymodifications.xcu"), OMRAKNING_XCU).unwrap();
    std::fs::create_dir_all(ut).unwrap();
    let mut barn = Command::new(soffice)
        .arg(format!("-env:UserInstallation={}", fil_url(profil.path())))
        .args([
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(ut)
        .args(filer)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} kunde inte startas: {e}", soffice.display()));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = barn.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(300) {
            let _ = barn.kill();
            panic!("LibreOffice blev inte klar på 5 minuter");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut utdata = String::new();
    barn.stdout.take().unwrap().read_to_string(&mut utdata).unwrap();
    barn.stderr.take().unwrap().read_to_string(&mut utdata).unwrap();
    assert!(status.success(), "LibreOffice misslyckades ({status}): {utdata}");
    filer
        .iter()
        .map(|f| {
            let u = ut.join(Path::new(f.file_name().unwrap()).with_extension("xlsx"));
            assert!(u.is_file(), "LibreOffice skrev inte {}: {utdata}", u.display());
            u
        })
        .collect()
}

/// Checks that every formula of `original` has, after LibreOffice's
/// recalculation (`omraknad`), the result stored in `original`; returns the
/// number of formulas checked.
pub fn jamfor_omrakning(original: &Path, omraknad: &Path) -> usize {
    let celler = formelceller(original);
    let mut bok = oppna(omraknad);
    let mut fel = Vec::new();
    for c in &celler {
        let r = blad(&mut bok, &c.blad);
        let lagrat = match &c.varde {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            // A formula with a text result (`=IF(…,"ja","nej")`): the same text.
            Data::String(s) => {
                match r.get_value((c.rad, c.kol)) {
                    Some(Data::String(lo)) if lo == s => {}
                    annat => fel.push(format!(
                        "{}!{} ={}: ramverk \"{s}\", LibreOffice {annat:?}",
                        c.blad,
                        adress(c.rad, c.kol),
                        c.formel
                    )),
                }
                continue;
            }
            annat => {
                fel.push(format!(
                    "{}!{} ={}: lagrat resultat är inget tal: {annat:?}",
                    c.blad,
                    adress(c.rad, c.kol),
                    c.formel
                ));
                continue;
            }
        };
        match r.get_value((c.rad, c.kol)) {
            Some(Data::Float(f)) if nara(*f, lagrat, 0.0005) => {}
            Some(Data::Int(i)) if nara(*i as f64, lagrat, 0.0005) => {}
            annat => fel.push(format!(
                "{}!{} ={}: ramverk {lagrat}, LibreOffice {annat:?}",
                c.blad,
                adress(c.rad, c.kol),
                c.formel
            )),
        }
    }
    assert!(fel.is_empty(), "{} av {} formler ger annat i LibreOffice:\n{}", fel.len(), celler.len(), fel.join("\n"));
    celler.len()
}

// ---------------------------------------------------------------- shared by the workbook tests

/// The rows S, PK, C, M and U of MODELL §2 (label, JSON key), written alike
/// on Procentuell ram, Sammanfattning and Antaganden.
pub const RAMUTRYMMESRADER: [(&str, &str); 5] = [
    ("Skatter och generella statsbidrag", "skatter_och_bidrag"),
    ("Pensionskostnader inklusive löneskatt", "pension"),
    ("Centrala poster", "centrala_poster"),
    ("Resultatmål", "resultatmal"),
    ("Ramutrymme", "ramutrymme"),
];

/// Runs `ramverk ARGS --json --xlsx FIL` and returns the JSON document.
pub fn kor_json_xlsx(args: &[&std::ffi::OsStr], xlsx: &Path) -> serde_json::Value {
    let ut = ramverk().args(args).arg("--json").arg("--xlsx").arg(xlsx).assert().success().get_output().stdout.clone();
    serde_json::from_slice(&ut).unwrap()
}

/// An exact amount of the JSON (a string) as f64.
pub fn belopp(v: &serde_json::Value) -> f64 {
    v.as_str().unwrap_or_else(|| panic!("inget belopp: {v}")).parse().unwrap()
}

/// A cell equal to the JSON's exact amount within 0.0005 tkr.
pub fn lika(cell: f64, json: f64, vad: &str) {
    assert!(nara(cell, json, 0.0005), "{vad}: arbetsboken {cell}, JSON {json}");
}

/// The number in a cell, 0 for an empty cell.
pub fn tal_eller_noll(r: &Range<Data>, rad: u32, kol: u32) -> f64 {
    match r.get_value((rad, kol)) {
        Some(Data::Empty) | None => 0.0,
        _ => tal(r, rad, kol),
    }
}

/// The only row whose column 0 holds `text` and column `ar_kol` the year `ar`.
pub fn rad_med_ar(r: &Range<Data>, text: &str, ar_kol: u32, ar: i64) -> u32 {
    let rader: Vec<u32> = rader_med(r, 0, text)
        .into_iter()
        .filter(|&rad| matches!(r.get_value((rad, ar_kol)), Some(Data::Float(f)) if *f == ar as f64))
        .collect();
    match rader.as_slice() {
        [rad] => *rad,
        _ => panic!("\"{text}\" år {ar} finns på raderna {rader:?}, väntade en"),
    }
}

/// The header of a year column: `Basår 2025`, `Budget 2026`, `Plan 2027`.
pub fn arsrubrik(doc: &serde_json::Value, t: i64) -> String {
    let basar = doc["basar"].as_i64().unwrap();
    if t == basar {
        format!("Basår {t}")
    } else if t == basar + 1 {
        format!("Budget {t}")
    } else {
        format!("Plan {t}")
    }
}

/// The plan years of a document.
pub fn planar(doc: &serde_json::Value) -> Vec<i64> {
    doc["ar"].as_array().unwrap().iter().map(|a| a.as_i64().unwrap()).collect()
}

/// Runs `skriv(fil)` twice, past the next second, and checks that the two
/// workbooks are byte-identical (no clock in the file).
pub fn samma_bytes(skriv: impl Fn(&Path)) {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    skriv(&a);
    std::thread::sleep(Duration::from_millis(1100));
    skriv(&b);
    let (x, y) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert!(x == y, "två körningar gav olika filer ({} och {} byte)", x.len(), y.len());
}

/// A copy of the model `fran` in `mapp` whose file `fil` has `fore` (the
/// first occurrence; empty: the end of the file) replaced by `efter`. Bytes,
/// not text: the tables may be in Windows-1252.
pub fn andrad_modell(fran: &Path, mapp: &Path, fil: &str, fore: &str, efter: &str) -> PathBuf {
    let modell = mapp.join("modell");
    kopiera_modell(fran, &modell);
    let sokvag = modell.join(fil);
    let mut bytes = std::fs::read(&sokvag).unwrap();
    let i = if fore.is_empty() {
        bytes.len()
    } else {
        bytes.windows(fore.len()).position(|w| w == fore.as_bytes()).unwrap_or_else(|| panic!("{fore} saknas i {fil}"))
    };
    bytes.splice(i..i + fore.len(), efter.bytes());
    std::fs::write(&sokvag, bytes).unwrap();
    modell
}

/// `ramverk ARGS --xlsx FIL` on wrong input: exit 2, a message naming each
/// of `i_meddelandet`, no file written (not even a temporary one), and an
/// existing workbook left as it was (also with `--json`).
pub fn ingen_arbetsbok_vid_fel(args: &[&std::ffi::OsStr], i_meddelandet: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("ut.xlsx");
    let res = ramverk().args(args).arg("--xlsx").arg(&xlsx).assert().code(2);
    let fel = String::from_utf8_lossy(&res.get_output().stderr).into_owned();
    for text in i_meddelandet {
        assert!(fel.contains(text), "\"{text}\" saknas i: {fel}");
    }
    assert!(filer_i(dir.path()).is_empty(), "ingenting skrivs: {:?}", filer_i(dir.path()));
    std::fs::write(&xlsx, b"gammal arbetsbok").unwrap();
    ramverk().args(args).arg("--json").arg("--xlsx").arg(&xlsx).assert().code(2);
    assert_eq!(std::fs::read(&xlsx).unwrap(), b"gammal arbetsbok");
    assert_eq!(filer_i(dir.path()), ["ut.xlsx"]);
}

/// The files in a folder, by name.
pub fn filer_i(mapp: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(mapp).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// The formula of a cell, which must have one.
pub fn maste_ha_formel(f: &Range<String>, rad: u32, kol: u32, vad: &str) -> String {
    formel(f, rad, kol).unwrap_or_else(|| panic!("{vad} ({}) ska vara en formel", adress(rad, kol)))
}

/// Every formula of the workbook has a stored result (a number, or a text for `IF(…)`).
pub fn alla_formler_har_resultat(fil: &Path) -> usize {
    let celler = formelceller(fil);
    for c in &celler {
        assert!(
            matches!(c.varde, Data::Float(_) | Data::Int(_) | Data::String(_)),
            "{}!{} ={} saknar lagrat resultat",
            c.blad,
            adress(c.rad, c.kol),
            c.formel
        );
    }
    celler.len()
}

/// The zip `bytes` (an xlsx) with the part `del` changed by `andra`; panics
/// when there is no such part.
pub fn andra_zip(bytes: &[u8], del: &str, andra: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut las = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut ut = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut andra = Some(andra);
    for i in 0..las.len() {
        let mut f = las.by_index(i).unwrap();
        let namn = f.name().unwrap().to_string();
        let mut innehall = Vec::new();
        f.read_to_end(&mut innehall).unwrap();
        if namn == del {
            let andra = andra.take().unwrap_or_else(|| panic!("{del} två gånger"));
            innehall = andra(String::from_utf8(innehall).unwrap()).into_bytes();
        }
        let val = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        ut.start_file(namn, val).unwrap();
        ut.write_all(&innehall).unwrap();
    }
    assert!(andra.is_none(), "{del} saknas");
    ut.finish().unwrap().into_inner()
}

/// A copy of the xlsx `fil` at `ut` in which the number in cell `cell` (`H5`)
/// of the part `del` (`xl/worksheets/sheet4.xml`) is `varde`: an edit by an
/// economist, for LibreOffice to follow.
pub fn med_andrat_tal(fil: &Path, ut: &Path, del: &str, cell: &str, varde: f64) {
    let bytes = andra_zip(&std::fs::read(fil).unwrap(), del, |text| {
        let start = text.find(&format!("<c r=\"{cell}\"")).unwrap_or_else(|| panic!("{cell} saknas i {del}"));
        let v = start + text[start..].find("<v>").unwrap() + 3;
        let slut = v + text[v..].find("</v>").unwrap();
        assert!(!text[start..v].contains("<f>"), "{cell} är en formel, inte indata");
        format!("{}{varde}{}", &text[..v], &text[slut..])
    });
    std::fs::write(ut, bytes).unwrap();
}

/// The sheet part (`xl/worksheets/sheetN.xml`) of the sheet named `namn`.
pub fn bladdel(fil: &Path, namn: &str) -> String {
    let i = oppna(fil).sheet_names().iter().position(|n| n == namn).unwrap_or_else(|| panic!("bladet {namn} saknas"));
    format!("xl/worksheets/sheet{}.xml", i + 1)
}

/// Checks the sheet *Befintlig verksamhet* (of `befintlig` and `forslag`)
/// against the JSON's per-nämnd terms, cost, ramutrymme and glapp.
pub fn kontrollera_befintlig_verksamhet(bok: &mut Bok, doc: &serde_json::Value) {
    let r = blad(bok, "Befintlig verksamhet");
    let k = |rubrik: &str| kolumn_med(&r, rubrik);
    let ar_kol = k("År");
    let index: Vec<u32> =
        ["Personal (lön och PO)", "Lokaler", "Övriga kostnader", "Intäkter (−)", "Ram uppräknad med PKV"]
            .iter()
            .map(|x| k(x))
            .collect();
    let (dem, kanda, kap, eff, kost) = (
        k("Demografi"),
        k("Kända förändringar"),
        k("Kapitalkostnad"),
        k("Effektivisering (−)"),
        k("Kostnad för befintlig verksamhet"),
    );
    let basar = doc["basar"].as_i64().unwrap();
    for n in doc["namnder"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let bas = rad_med_ar(&r, id, ar_kol, basar);
        assert_eq!(text(&r, bas, 1), n["namn"].as_str().unwrap());
        // The basår breakdown adds up to the frame within 1 tkr (MODELL §4).
        assert!((tal(&r, bas, kost) - belopp(&n["basram"])).abs() <= 1.0, "basår {id}");
        for t in planar(doc) {
            let y = t.to_string();
            let rad = rad_med_ar(&r, id, ar_kol, t);
            let d = &n["delar"][&y];
            let summa_index: f64 = index.iter().map(|&c| tal_eller_noll(&r, rad, c)).sum();
            lika(summa_index, belopp(&d["index"]), &format!("index {id} {t}"));
            lika(tal_eller_noll(&r, rad, dem), belopp(&d["demografi"]), &format!("demografi {id} {t}"));
            lika(tal_eller_noll(&r, rad, kanda), belopp(&d["kanda"]), &format!("kända {id} {t}"));
            lika(tal_eller_noll(&r, rad, kap), belopp(&d["kapital"]), &format!("kapital {id} {t}"));
            lika(-tal_eller_noll(&r, rad, eff), belopp(&d["effektivisering"]), &format!("effektivisering {id} {t}"));
            lika(tal(&r, rad, kost), belopp(&n["kostnad_befintlig"][&y]), &format!("kostnad {id} {t}"));
        }
    }
    for t in planar(doc) {
        let y = t.to_string();
        let s = rad_med_ar(&r, "Summa", ar_kol, t);
        lika(tal(&r, s, kost), belopp(&doc["kostnad_befintlig"][&y]), &format!("summa kostnad {t}"));
        lika(tal(&r, s, k("Ramutrymme")), belopp(&doc["ramutrymme"][&y]), &format!("ramutrymme {t}"));
        lika(tal(&r, s, k("Glapp (ramutrymme minus kostnad)")), belopp(&doc["glapp"][&y]), &format!("glapp {t}"));
    }
}

/// Recalculates `filer` and `andra` in one LibreOffice run (with a copy of
/// the first file in which every stored result is 0) and checks every formula
/// of `filer`; returns the number of formulas checked per file and the
/// recalculated `andra` (for the test to check what an edit led to).
pub fn libreoffice_kontroll(filer: &[&Path], andra: &[&Path], mapp: &Path) -> (Vec<usize>, Vec<PathBuf>) {
    let soffice = libreoffice();
    let nollad = mapp.join("nollad.xlsx");
    let nollade = med_nollade_resultat(filer[0], &nollad);
    let mut alla: Vec<&Path> = filer.to_vec();
    alla.push(&nollad);
    alla.extend(andra);
    let start = Instant::now();
    let ut = rakna_om(&soffice, &alla, &mapp.join("lo"));
    eprintln!("LibreOffice: {:.1} s för {} arbetsböcker", start.elapsed().as_secs_f64(), alla.len());
    let mut antal = Vec::new();
    for (original, omraknad) in filer.iter().zip(&ut) {
        let n = jamfor_omrakning(original, omraknad);
        assert_eq!(formelceller(omraknad).len(), n, "{}: LibreOffice behöll formlerna", original.display());
        antal.push(n);
    }
    assert_eq!(jamfor_omrakning(filer[0], &ut[filer.len()]), nollade, "varje formel nollades och räknades om");
    (antal, ut[filer.len() + 1..].to_vec())
}

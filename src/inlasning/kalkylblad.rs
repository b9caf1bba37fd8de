//! Workbook sheets (xlsx, xls, ods) through calamine: number cells, numbers as
//! text and percent-formatted cells; the header row is the first non-empty row.
//!
//! Both the model reader and `importera` open workbooks here, so the limits
//! against hostile files are in one place: before calamine sees an xlsx or ods,
//! every part of the zip is unpacked once through a limit ([`MAX_UPPACKAT`])
//! and the declared and real number of shared texts are checked; an ods's
//! repeated cells are counted as calamine would expand them; an xlsx sheet is
//! read cell by cell, never as one dense rectangle, with at most
//! [`MAX_CELLER`] cells and [`MAX_RUTOR`] positions; an xls's sheets, which
//! calamine builds densely when it opens the file, are counted first. A panic inside calamine
//! (a truncated xls) is caught here and reported as a damaged file.

use super::ods::{self, Procentceller};
use super::tabell::{Cell, Rad, Tabell};
use crate::fel::Kalla;
use crate::tal::fran_f64;
use calamine::{Data, Ods, Reader, Sheets, Xls, Xlsb, Xlsx};
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;

/// The most cells with a value read from one sheet (a budget table has a few thousand).
pub const MAX_CELLER: usize = 5_000_000;
/// The most positions (cells and the empty ones between them) of one sheet's grid,
/// and of an ods workbook as calamine expands its repeated cells.
pub const MAX_RUTOR: usize = 10_000_000;
/// The most bytes one part of an xlsx/ods zip may unpack to.
pub const MAX_UPPACKAT: u64 = 256 << 20;
/// The most bytes all parts of a workbook together may unpack to.
pub const MAX_UPPACKAT_TOTALT: u64 = 512 << 20;
/// The most shared texts (`xl/sharedStrings.xml`) of an xlsx.
pub const MAX_TEXTER: usize = 4_000_000;
/// Excel's largest sheet: rows and columns.
const EXCEL_RADER: u32 = 1_048_576;
const EXCEL_KOLUMNER: u32 = 16_384;

fn mb(b: u64) -> u64 {
    b >> 20
}

/// Runs a calamine call; a panic inside it (a damaged file calamine does not
/// expect) becomes the message `skadad`. The panic hook of `main` only records
/// the message, so nothing reaches the user but this error.
fn utan_panik<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err("arbetsboken är skadad eller ofullständig och kan inte läsas (filen verkar avkortad eller trasig)"
            .to_string())
    })
}

/// An open workbook, with what is known of its cells' number formats.
pub struct Arbetsbok {
    bok: Sheets<Cursor<Vec<u8>>>,
    /// ods: the percentage cells of each sheet (calamine does not tell them).
    ods_procent: Option<Procentceller>,
    /// Grid positions of the sheets read so far (`importera` keeps every sheet).
    lasta_rutor: usize,
}

/// The most grid positions of all sheets read from one workbook.
pub const MAX_RUTOR_TOTALT: usize = 2 * MAX_RUTOR;

/// True when the file name names a workbook format calamine reads.
pub fn ar_arbetsbok(namn: &str) -> bool {
    matches!(filandelse(namn).as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
}

fn filandelse(namn: &str) -> String {
    Path::new(namn).extension().and_then(|e| e.to_str()).map(|e| e.to_lowercase()).unwrap_or_default()
}

/// What the bytes of a file are, whatever its name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Innehall {
    /// A zip archive: xlsx (xlsb), or ods when its `mimetype` says so.
    Zip {
        ods: bool,
    },
    /// An OLE compound file: xls, or an encrypted (password-protected) xlsx.
    Ole,
    Annat,
}

fn innehall(bytes: &[u8]) -> Innehall {
    if bytes.starts_with(b"PK\x03\x04") {
        let borjan = &bytes[..bytes.len().min(120)];
        Innehall::Zip { ods: borjan.windows(11).any(|w| w == b"opendocumen") }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Innehall::Ole
    } else {
        Innehall::Annat
    }
}

/// Opens a workbook from its bytes by their content (an xls saved as `.xlsx`
/// opens too); `namn` tells xlsb from xlsx. Errors are Swedish reasons.
pub fn oppna(namn: &str, bytes: Vec<u8>) -> Result<Arbetsbok, String> {
    utan_panik(|| oppna_granskad(namn, bytes))
}

fn oppna_granskad(namn: &str, bytes: Vec<u8>) -> Result<Arbetsbok, String> {
    use calamine::Error as E;
    let sort = innehall(&bytes);
    match sort {
        Innehall::Zip { .. } => granska_zip(&bytes)?,
        Innehall::Ole => super::xls::granska(&bytes, MAX_RUTOR)?,
        Innehall::Annat => {}
    }
    let ods_procent = match sort {
        Innehall::Zip { ods: true } => Some(ods::granska(&bytes, MAX_CELLER, MAX_RUTOR)?),
        _ => None,
    };
    let c = || Cursor::new(bytes.clone());
    let bok = match sort {
        Innehall::Zip { ods: true } => Ods::new(c()).map(Sheets::Ods).map_err(E::Ods),
        Innehall::Zip { ods: false } if filandelse(namn) == "xlsb" => Xlsb::new(c()).map(Sheets::Xlsb).map_err(E::Xlsb),
        Innehall::Zip { ods: false } => Xlsx::new(c()).map(Sheets::Xlsx).map_err(E::Xlsx),
        // An encrypted xlsx is an OLE file that calamine's xlsx reader recognises.
        Innehall::Ole => match Xlsx::new(c()) {
            Err(e @ calamine::XlsxError::Password) => Err(E::Xlsx(e)),
            _ => Xls::new(c()).map(Sheets::Xls).map_err(E::Xls),
        },
        Innehall::Annat => {
            return Err("filen är ingen arbetsbok: innehållet är inte xlsx, xls eller ods \
                        (är det en textfil eller CSV med fel ändelse?)"
                .to_string());
        }
    };
    bok.map(|bok| Arbetsbok { bok, ods_procent, lasta_rutor: 0 }).map_err(|e| oppningsfel(&e))
}

impl Arbetsbok {
    pub fn bladnamn(&self) -> Vec<String> {
        self.bok.sheet_names()
    }

    /// Whether percent number formats are known (xlsx and ods; not xls).
    pub fn format_kant(&self) -> bool {
        matches!(self.bok, Sheets::Xlsx(_) | Sheets::Ods(_))
    }

    /// The sheet's cells by absolute (0-based) row and column, percent formats marked.
    pub fn rutnat(&mut self, blad: &str) -> Result<Vec<Vec<Cell>>, String> {
        self.rutnat_med(blad, MAX_CELLER, MAX_RUTOR)
    }

    fn rutnat_med(&mut self, blad: &str, max_celler: usize, max_rutor: usize) -> Result<Vec<Vec<Cell>>, String> {
        let rader = utan_panik(|| match &mut self.bok {
            Sheets::Xlsx(x) => xlsx_rutnat(x, blad, max_celler, max_rutor),
            Sheets::Xlsb(x) => xlsb_rutnat(x, blad, max_celler, max_rutor),
            _ => self.rutnat_tat(blad),
        })?;
        self.lasta_rutor += rader.iter().map(Vec::len).sum::<usize>();
        if self.lasta_rutor > MAX_RUTOR_TOTALT {
            return Err(format!(
                "arbetsbokens blad är tillsammans för stora för att läsas (högst {MAX_RUTOR_TOTALT} cellpositioner)"
            ));
        }
        Ok(rader)
    }

    /// xls and ods: calamine's dense range (both were counted before they were opened).
    fn rutnat_tat(&mut self, blad: &str) -> Result<Vec<Vec<Cell>>, String> {
        let omrade = self.bok.worksheet_range(blad).map_err(|e| bladfel(blad, &e))?;
        let (hojd, bredd) = omrade.get_size();
        if hojd.saturating_mul(bredd) > MAX_RUTOR {
            return Err(for_stort_blad(blad));
        }
        let ods = self.ods_procent.as_ref().and_then(|p| p.get(blad));
        let procent = |rad: u32, kol: u32| ods.is_some_and(|p| p.contains(&(rad, kol)));
        let (start_rad, start_kol) = omrade.start().unwrap_or((0, 0));
        let mut rader: Vec<Vec<Cell>> = vec![Vec::new(); start_rad as usize];
        for (i, rad) in omrade.rows().enumerate() {
            let abs = start_rad + i as u32;
            let mut celler = vec![Cell::Tom; start_kol as usize];
            celler.extend(rad.iter().enumerate().map(|(j, d)| cell(d, procent(abs, start_kol + j as u32))));
            rader.push(celler);
        }
        Ok(rader)
    }
}

fn for_stort_blad(blad: &str) -> String {
    format!(
        "bladet \"{blad}\" är för stort för att läsas: högst {MAX_CELLER} celler med värden och {MAX_RUTOR} \
         cellpositioner (töm eller ta bort celler långt bort från tabellen, till exempel med Ctrl+End)"
    )
}

/// An xlsx sheet cell by cell in the order of the file: never a dense
/// rectangle, so one cell at XFD1048576 costs one cell; at most [`MAX_CELLER`]
/// values and [`MAX_RUTOR`] grid positions.
fn xlsx_rutnat(
    bok: &mut Xlsx<Cursor<Vec<u8>>>,
    blad: &str,
    max_celler: usize,
    max_rutor: usize,
) -> Result<Vec<Vec<Cell>>, String> {
    let las_fel = |e: calamine::XlsxError| bladfel(blad, &e);
    let mut lasare = match bok.worksheet_cells_reader(blad) {
        Ok(l) => l,
        // A chart sheet: no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(las_fel(e)),
    };
    let procentstil: Vec<bool> = lasare
        .styles()
        .iter()
        .map(|s| s.number_format.as_ref().is_some_and(|f| ar_procentformat(&f.format_code)))
        .collect();
    glest_rutnat(blad, max_celler, max_rutor, || {
        Ok(lasare.next_cell_with_style_id().map_err(las_fel)?.map(|(c, stil)| {
            let (rad, kol) = c.get_position();
            (rad, kol, Data::from(c.get_value().clone()), procentstil.get(stil).copied().unwrap_or(false))
        }))
    })
}

/// An xlsb sheet cell by cell, like an xlsx sheet (its number formats are not read).
fn xlsb_rutnat(
    bok: &mut Xlsb<Cursor<Vec<u8>>>,
    blad: &str,
    max_celler: usize,
    max_rutor: usize,
) -> Result<Vec<Vec<Cell>>, String> {
    let las_fel = |e: calamine::XlsbError| bladfel(blad, &e);
    let mut lasare = bok.worksheet_cells_reader(blad).map_err(las_fel)?;
    glest_rutnat(blad, max_celler, max_rutor, || {
        Ok(lasare.next_cell().map_err(las_fel)?.map(|c| {
            let (rad, kol) = c.get_position();
            (rad, kol, Data::from(c.get_value().clone()), false)
        }))
    })
}

/// A grid from cells in any order: rows up to the last row with a value, each
/// row up to its last value; at most `max_celler` values and `max_rutor` positions.
fn glest_rutnat(
    blad: &str,
    max_celler: usize,
    max_rutor: usize,
    mut nasta: impl FnMut() -> Result<Option<(u32, u32, Data, bool)>, String>,
) -> Result<Vec<Vec<Cell>>, String> {
    let mut rader: Vec<Vec<Cell>> = Vec::new();
    let (mut celler, mut rutor) = (0usize, 0usize);
    while let Some((rad, kol, data, procent)) = nasta()? {
        if matches!(data, Data::Empty) {
            continue;
        }
        if rad >= EXCEL_RADER || kol >= EXCEL_KOLUMNER {
            return Err(format!(
                "bladet \"{blad}\" har en cell utanför Excels största blad (rad {}, kolumn {}): arbetsboken är skadad",
                rad as u64 + 1,
                kol as u64 + 1
            ));
        }
        let (rad, kol) = (rad as usize, kol as usize);
        celler += 1;
        if rader.len() <= rad {
            rader.resize_with(rad + 1, Vec::new);
        }
        let r = &mut rader[rad];
        if r.len() <= kol {
            rutor += kol + 1 - r.len();
            r.resize(kol + 1, Cell::Tom);
        }
        if celler > max_celler || rutor > max_rutor {
            return Err(for_stort_blad(blad));
        }
        r[kol] = cell(&data, procent);
    }
    Ok(rader)
}

/// Unpacks every part of a workbook's zip once, through a limit, before
/// calamine reads it: a zip bomb stops at [`MAX_UPPACKAT`], and the shared
/// texts are counted (calamine reserves room for as many as the file declares).
fn granska_zip(bytes: &[u8]) -> Result<(), String> {
    granska_zip_med(bytes, MAX_UPPACKAT, MAX_UPPACKAT_TOTALT)
}

fn granska_zip_med(bytes: &[u8], max_del: u64, max_totalt: u64) -> Result<(), String> {
    // A zip that cannot be opened is reported by calamine.
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let bomb = |del: &str, max: u64| {
        format!(
            "arbetsboken packas upp till mer än {} MB ({del}): den är skadad eller ingen vanlig arbetsbok",
            mb(max).max(1)
        )
    };
    if zip.len() > 100_000 {
        return Err(format!("arbetsboken har {} delar: den är skadad eller ingen vanlig arbetsbok", zip.len()));
    }
    let mut totalt = 0u64;
    for i in 0..zip.len() {
        let Ok(del) = zip.by_index(i) else { continue };
        let namn = del.name().map(|n| n.to_string()).unwrap_or_default();
        let mut begransad = Raknare { inre: del.take(max_del + 1), antal: 0 };
        if namn.to_lowercase().ends_with("sharedstrings.xml") {
            granska_texter(&mut begransad, &namn)?;
        }
        // Whatever cannot be unpacked is calamine's to report.
        let _ = std::io::copy(&mut begransad, &mut std::io::sink());
        if begransad.antal > max_del {
            return Err(bomb(&namn, max_del));
        }
        totalt += begransad.antal;
        if totalt > max_totalt {
            return Err(bomb("alla delar tillsammans", max_totalt));
        }
    }
    Ok(())
}

/// Counts the bytes read through it.
struct Raknare<R> {
    inre: R,
    antal: u64,
}

impl<R: Read> Read for Raknare<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inre.read(buf)?;
        self.antal += n as u64;
        Ok(n)
    }
}

/// `xl/sharedStrings.xml`: the declared count (`uniqueCount`) and the real number of texts.
fn granska_texter(del: &mut impl Read, namn: &str) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_reader(std::io::BufReader::new(del));
    let mut buf = Vec::new();
    let mut antal = 0usize;
    let for_manga = |n: u64| {
        format!("arbetsboken anger {n} delade texter i {namn} (högst {MAX_TEXTER} läses): den är skadad eller för stor")
    };
    loop {
        buf.clear();
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "sst" => {
                    for a in e.attributes().flatten() {
                        if a.key.local_name().as_ref() == "uniqueCount" {
                            let n: u64 = a.value.trim().parse().unwrap_or(0);
                            if n > MAX_TEXTER as u64 {
                                return Err(for_manga(n));
                            }
                        }
                    }
                }
                "si" => {
                    antal += 1;
                    if antal > MAX_TEXTER {
                        return Err(for_manga(antal as u64));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

/// True when an Excel number format shows the value as a percentage.
pub fn ar_procentformat(kod: &str) -> bool {
    let mut citat = false;
    let mut escape = false;
    for c in kod.chars() {
        if escape {
            escape = false;
            continue;
        }
        match c {
            '\\' => escape = true,
            '"' => citat = !citat,
            '%' if !citat => return true,
            _ => {}
        }
    }
    false
}

/// A calamine cell as our cell; `procent` from its number format.
pub fn cell(data: &Data, procent: bool) -> Cell {
    match data {
        Data::Empty => Cell::Tom,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Tal { varde: (*i).into(), procent },
        Data::Float(f) => match fran_f64(*f) {
            Some(varde) => Cell::Tal { varde, procent },
            None => Cell::Annat(f.to_string()),
        },
        Data::Bool(b) => Cell::Annat(if *b { "SANT" } else { "FALSKT" }.to_string()),
        Data::Error(e) => Cell::Felvarde(felvarde(e).to_string()),
        Data::DateTime(d) => {
            let (ar, man, dag, h, min, sek, _) = d.to_ymd_hms_milli();
            let visas = if d.is_duration() {
                format!("tiden {}", d.as_f64())
            } else if (h, min, sek) == (0, 0, 0) {
                format!("{ar:04}-{man:02}-{dag:02}")
            } else {
                format!("{ar:04}-{man:02}-{dag:02} {h:02}:{min:02}")
            };
            let tal = fran_f64(d.as_f64()).map(|v| v.normalize().to_string()).unwrap_or_default();
            match tal.is_empty() {
                true => Cell::Datum(visas),
                false => Cell::Datum(format!("{visas} (talet {tal})")),
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Datum(s.clone()),
    }
}

/// A formula's error value as Swedish Excel shows it.
pub fn felvarde(e: &calamine::CellErrorType) -> &'static str {
    use calamine::CellErrorType as E;
    match e {
        E::Div0 => "#DIVISION/0! (division med noll)",
        E::NA => "#SAKNAS! (värdet saknas)",
        E::Name => "#NAMN? (okänt namn i formeln)",
        E::Null => "#SKÄRNING! (områdena skär inte varandra)",
        E::Num => "#OGILTIGT! (ogiltigt tal)",
        E::Ref => "#REFERENS! (ogiltig cellreferens)",
        E::Value => "#VÄRDEFEL! (fel sorts värde)",
        E::GettingData => "#HÄMTAR_DATA (data hämtas)",
    }
}

/// Reads one sheet of a workbook into a table (the first sheet when the source
/// names none); the header row is the first non-empty row, and rows are
/// numbered as Excel shows them.
pub fn las(bok: &mut Arbetsbok, kalla: Arc<Kalla>) -> Result<Tabell, String> {
    let namn = bok.bladnamn();
    let kalla = match &kalla.blad {
        Some(_) => kalla,
        None => Arc::new(Kalla { fil: kalla.fil.clone(), blad: namn.first().cloned() }),
    };
    let onskat = kalla.blad.clone().unwrap_or_default();
    let blad = namn
        .iter()
        .find(|n| **n == onskat)
        .or_else(|| namn.iter().find(|n| n.to_lowercase() == onskat.to_lowercase()))
        .cloned()
        .ok_or_else(|| format!("bladet \"{onskat}\" finns inte (arbetsboken har: {})", namn.join(", ")))?;
    let mut rubriker: Option<(usize, Vec<String>)> = None;
    let mut rader = Vec::new();
    for (i, celler) in bok.rutnat(&blad)?.into_iter().enumerate() {
        let nr = i + 1;
        if rubriker.is_none() {
            if !celler.iter().all(Cell::ar_tom) {
                rubriker = Some((nr, celler.iter().map(Cell::rubrik).collect()));
            }
            continue;
        }
        rader.push(Rad { nr, celler });
    }
    let (rubrikrad, rubriker) = rubriker.ok_or_else(|| format!("bladet \"{blad}\" är tomt: en rubrikrad förväntas"))?;
    let mut t = Tabell::ny(kalla, rubrikrad, rubriker, rader);
    t.procentformat_kant = bok.format_kant();
    Ok(t)
}

/// A Swedish message for a sheet that cannot be read; calamine's own (English)
/// words only as a technical detail.
fn bladfel(blad: &str, e: &dyn std::fmt::Display) -> String {
    format!("bladet \"{blad}\" kan inte läsas: arbetsboken är skadad eller ofullständig (teknisk uppgift: {e})")
}

/// A Swedish message for a workbook that cannot be opened.
pub fn oppningsfel(e: &calamine::Error) -> String {
    let text = e.to_string();
    if text.to_lowercase().contains("password") {
        "arbetsboken är lösenordsskyddad: spara den utan lösenord".to_string()
    } else {
        format!("arbetsboken är skadad eller ofullständig och kan inte läsas (teknisk uppgift: {text})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// An xlsx of one sheet "Blad1" with `celler` (row, column, text).
    fn xlsx(celler: &[(u32, u16, &str)]) -> Vec<u8> {
        let mut bok = rust_xlsxwriter::Workbook::new();
        let ark = bok.add_worksheet().set_name("Blad1").unwrap();
        for (r, k, t) in celler {
            ark.write_string(*r, *k, *t).unwrap();
        }
        bok.save_to_buffer().unwrap()
    }

    /// The zip `bytes` with the part `del` changed by `andra`, and `extra` parts added.
    fn andra_zip(bytes: &[u8], del: &str, andra: impl Fn(String) -> String, extra: &[(&str, &[u8])]) -> Vec<u8> {
        let mut las = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut ut = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        for i in 0..las.len() {
            let mut f = las.by_index(i).unwrap();
            let namn = f.name().unwrap().to_string();
            let mut innehall = Vec::new();
            f.read_to_end(&mut innehall).unwrap();
            if namn == del {
                innehall = andra(String::from_utf8(innehall).unwrap()).into_bytes();
            }
            ut.start_file(namn, o).unwrap();
            ut.write_all(&innehall).unwrap();
        }
        for (namn, innehall) in extra {
            ut.start_file(*namn, o).unwrap();
            ut.write_all(innehall).unwrap();
        }
        ut.finish().unwrap().into_inner()
    }

    fn las_blad(bytes: Vec<u8>) -> Result<Vec<Vec<Cell>>, String> {
        oppna("t.xlsx", bytes)?.rutnat("Blad1")
    }

    /// Issue 10 item 2: one cell at XFD1048576 made calamine allocate a dense
    /// 549 GB rectangle; now the sheet is read cell by cell.
    #[test]
    fn en_cell_langst_bort_kostar_en_cell() {
        // Written near A1 and moved by hand: rust_xlsxwriter is slow at the far corner in a debug build.
        let bok = andra_zip(
            &xlsx(&[(0, 0, "nämnd"), (1, 0, "x")]),
            "xl/worksheets/sheet1.xml",
            |x| x.replace("<row r=\"2\"", "<row r=\"1048576\"").replace("r=\"A2\"", "r=\"XFD1048576\""),
            &[],
        );
        let rader = las_blad(bok).unwrap();
        assert_eq!(rader.len(), 1_048_576);
        assert_eq!(rader[0], vec![Cell::Text("nämnd".into())]);
        assert_eq!(rader[1_048_575].len(), 16_384);
        assert_eq!(rader[1_048_575][16_383], Cell::Text("x".into()));
        // A row number past Excel's last row (written by hand) is a damaged file, not an allocation.
        let bytes = andra_zip(
            &xlsx(&[(0, 0, "a")]),
            "xl/worksheets/sheet1.xml",
            |x| x.replace("r=\"A1\"", "r=\"A99999999\""),
            &[],
        );
        let e = las_blad(bytes).unwrap_err();
        assert!(e.contains("utanför Excels största blad") || e.contains("kan inte läsas"), "{e}");
    }

    /// Many far-apart cells: the grid positions are limited.
    #[test]
    fn for_manga_positioner_ar_fel() {
        let celler: Vec<(u32, u16, &str)> = (0..70).map(|i| (i * 10, 16_383, "x")).collect();
        let mut bok = oppna("t.xlsx", xlsx(&celler)).unwrap();
        let Err(e) = bok.rutnat_med("Blad1", 1000, 1_000_000) else {
            panic!("för många positioner ska vara ett fel")
        };
        assert!(e.contains("är för stort för att läsas"), "{e}");
        let mut bok = oppna("t.xlsx", xlsx(&celler[..5])).unwrap();
        assert_eq!(bok.rutnat_med("Blad1", 1000, 1_000_000).unwrap().len(), 41);
        let celler: Vec<(u32, u16, &str)> = (0..20).map(|i| (i, 0, "x")).collect();
        let mut bok = oppna("t.xlsx", xlsx(&celler)).unwrap();
        let Err(e) = bok.rutnat_med("Blad1", 10, 1_000_000) else { panic!("för många celler ska vara ett fel") };
        assert!(e.contains("är för stort för att läsas"), "{e}");
    }

    /// Issue 10 item 2: `uniqueCount=4294967295` made calamine reserve 103 GB.
    #[test]
    fn delade_texter_raknas_fore_calamine() {
        let bok = xlsx(&[(0, 0, "a")]);
        let bytes = andra_zip(
            &bok,
            "xl/sharedStrings.xml",
            |x| {
                let start = x.find("uniqueCount=\"").unwrap() + 13;
                let slut = start + x[start..].find('"').unwrap();
                format!("{}4294967295{}", &x[..start], &x[slut..])
            },
            &[],
        );
        let e = oppna("t.xlsx", bytes).err().unwrap();
        assert!(e.contains("anger 4294967295 delade texter i xl/sharedStrings.xml"), "{e}");
    }

    /// Issue 10 item 4: a zip bomb stops at the unpacking limit.
    #[test]
    fn zipbomb_stoppas() {
        let bok = xlsx(&[(0, 0, "a")]);
        let noll = vec![0u8; 3 << 20];
        let bytes = andra_zip(&bok, "", |x| x, &[("xl/media/bomb.bin", &noll)]);
        assert!(bytes.len() < 100_000);
        let e = granska_zip_med(&bytes, 2 << 20, 100 << 20).unwrap_err();
        assert!(e.contains("packas upp till mer än 2 MB (xl/media/bomb.bin)"), "{e}");
        let e = granska_zip_med(&bytes, 10 << 20, 2 << 20).unwrap_err();
        assert!(e.contains("(alla delar tillsammans)"), "{e}");
        assert!(granska_zip_med(&bytes, 10 << 20, 10 << 20).is_ok());
    }

    /// Issue 10 item 3: a truncated xls made calamine panic ("internt fel");
    /// every truncation is now a Swedish error (or a readable shorter file).
    #[test]
    fn avkortad_xls_ger_fel_inte_panik() {
        let hel = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/mini-kalkylblad/indata.xls")).unwrap();
        let mut skadade = 0;
        for langd in (0..hel.len()).step_by(37) {
            let mut bytes = hel[..langd].to_vec();
            // Also a file of the full length whose tail is zeros.
            if langd % 2 == 1 {
                bytes.resize(hel.len(), 0);
            }
            let utfall = std::panic::catch_unwind(|| {
                oppna("t.xls", bytes).and_then(|mut b| {
                    for n in b.bladnamn() {
                        b.rutnat(&n)?;
                    }
                    Ok(())
                })
            });
            match utfall.expect("ingen panik får nå fram") {
                Ok(()) => {}
                Err(e) => {
                    assert!(e.contains("arbetsbok"), "{e}");
                    skadade += 1;
                }
            }
        }
        assert!(skadade > 100, "{skadade}");
    }

    /// Issue 10 item 17: a date-formatted cell says it is a date, an error value is shown in Swedish.
    #[test]
    fn datum_och_felvarden() {
        use super::super::tabell::tolka_tal;
        use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
        let datum = cell(&Data::DateTime(ExcelDateTime::new(39000.0, ExcelDateTimeType::DateTime, false)), false);
        assert_eq!(datum, Cell::Datum("2006-10-10 (talet 39000)".into()));
        assert_eq!(std::mem::size_of::<Cell>(), 32);
        let e = tolka_tal(&datum, false).unwrap_err();
        assert_eq!(
            e,
            "cellen har datumformat och visas som 2006-10-10 (talet 39000), inte ett tal: formatera cellen som tal"
        );
        let e = tolka_tal(&cell(&Data::Error(CellErrorType::Div0), false), false).unwrap_err();
        assert_eq!(
            e,
            "cellen innehåller felvärdet #DIVISION/0! (division med noll), inte ett tal: rätta formeln i arbetsboken"
        );
        assert!(!e.contains("Div0"));
    }

    #[test]
    fn procentformat() {
        assert!(ar_procentformat("0.0%"));
        assert!(ar_procentformat("0.00 %"));
        assert!(!ar_procentformat("#,##0"));
        assert!(!ar_procentformat("0.0\"%\""));
        assert!(!ar_procentformat("0\\%"));
    }
}

//! Percent-formatted cells of an OpenDocument spreadsheet. calamine reads an
//! ods cell's value but not its type; a cell of `office:value-type="percentage"`
//! shows 0.034 as 3.4 %, so `content.xml` is read once for those positions.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};
use std::io::Cursor;

/// Per sheet, the (row, column) of every percentage cell, 0-based like calamine's positions.
pub type Procentceller = HashMap<String, HashSet<(u32, u32)>>;

fn attribut(e: &BytesStart<'_>, namn: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == namn).map(|a| a.value.to_string())
}

/// A repeat count; absurd ones count as the most calamine reads.
fn upprepning(e: &BytesStart<'_>, namn: &str) -> u64 {
    attribut(e, namn).and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(1).max(1)
}

/// calamine's largest sheet.
const MAX_KOLUMNER: u64 = 16_384;
const MAX_RADER: u64 = 1_048_576;

/// What the sheet being read has so far: the bounding box of its non-empty cells.
#[derive(Default)]
struct Ruta {
    rader: Option<(u64, u64)>,
    kolumner: Option<(u64, u64)>,
}

impl Ruta {
    fn ta_med(&mut self, r0: u64, r1: u64, k0: u64, k1: u64) {
        let ut = |x: Option<(u64, u64)>, a: u64, b: u64| Some(x.map_or((a, b), |(l, h)| (l.min(a), h.max(b))));
        self.rader = ut(self.rader, r0, r1);
        self.kolumner = ut(self.kolumner, k0, k1);
    }
    fn yta(&self) -> u64 {
        match (self.rader, self.kolumner) {
            (Some((r0, r1)), Some((k0, k1))) => (r1 - r0 + 1).saturating_mul(k1 - k0 + 1),
            _ => 0,
        }
    }
}

/// Reads an ods file's `content.xml` once, before calamine does: the
/// percentage cells of each sheet, and the cells calamine would build. Its
/// reader expands `number-columns-repeated` and `number-rows-repeated` into
/// cells (up to 100 million), so a 1 kB file can ask for gigabytes: more than
/// `max_celler` non-empty cells, or more than `max_rutor` positions in all
/// (the cells calamine pushes per row, and each sheet's bounding rectangle),
/// is an error. A file that cannot be read is left to calamine to report.
pub fn granska(bytes: &[u8], max_celler: usize, max_rutor: usize) -> Result<Procentceller, String> {
    let mut ut = Procentceller::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(ut) };
    let Ok(del) = zip.by_name("content.xml") else { return Ok(ut) };
    let mut r = Reader::from_reader(std::io::BufReader::new(del));
    // As calamine reads it: end tags are not matched against their start tags.
    r.config_mut().check_end_names = false;
    r.config_mut().check_comments = false;
    // calamine reads a named table until its end tag and never stops at the
    // end of the file (found by fuzzing: a content.xml cut inside a table
    // made it loop for ever).
    let mut i_blad = false;
    let for_stor = || {
        format!(
            "arbetsboken har för många celler (upprepade celler räknade): högst {max_celler} celler med värden \
             och {max_rutor} cellpositioner läses"
        )
    };
    let (max_celler, max_rutor) = (max_celler as u64, max_rutor as u64);
    let mut buf = Vec::new();
    let mut blad: Option<String> = None;
    let mut ruta = Ruta::default();
    let (mut rad, mut kol) = (0u64, 0u64);
    let mut radupprepning = 1u64;
    // calamine's counts: cells pushed for the row being read, and empty ones waiting.
    let (mut i_raden, mut vantande) = (0u64, 0u64);
    let (mut icke_tomma, mut rutor) = (0u64, 0u64);
    let mut cell_har_varde = false;
    let mut i_cell: Option<(u64, bool)> = None;
    loop {
        buf.clear();
        let (e, tom) = match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e.into_owned(), false),
            Ok(Event::Empty(e)) => (e.into_owned(), true),
            Ok(Event::Text(_)) => {
                cell_har_varde |= i_cell.is_some();
                continue;
            }
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-row" => {
                        rutor = rutor.saturating_add(i_raden);
                        rad = rad.saturating_add(radupprepning);
                    }
                    "table:table" => {
                        rutor = rutor.saturating_add(ruta.yta());
                        ruta = Ruta::default();
                        blad = None;
                        i_blad = false;
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        if let Some((antal, _)) = i_cell.take() {
                            cell_slut(antal, cell_har_varde, &mut i_raden, &mut vantande, &mut kol);
                            if cell_har_varde {
                                icke_tomma = icke_tomma.saturating_add(antal.saturating_mul(radupprepning));
                                ruta.ta_med(rad, rad + radupprepning - 1, kol - antal, kol - 1);
                            }
                        }
                    }
                    _ => {}
                }
                if icke_tomma > max_celler || rutor.saturating_add(ruta.yta()) > max_rutor {
                    return Err(for_stor());
                }
                continue;
            }
            Ok(Event::Eof) if i_blad => {
                return Err(
                    "arbetsboken är skadad: content.xml tar slut mitt i ett blad (filen är avkortad)".to_string()
                );
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => continue,
        };
        match e.name().as_ref() {
            "table:table" => {
                blad = attribut(&e, "table:name");
                rad = 0;
                // An empty `<table:table/>` is a start and an end to calamine.
                i_blad = blad.is_some() && !tom;
            }
            "table:table-row" => {
                kol = 0;
                i_raden = 0;
                vantande = 0;
                radupprepning = upprepning(&e, "table:number-rows-repeated").min(MAX_RADER.saturating_sub(rad).max(1));
                if tom {
                    rad = rad.saturating_add(radupprepning);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let antal =
                    upprepning(&e, "table:number-columns-repeated").min(MAX_KOLUMNER.saturating_sub(kol).max(1));
                let typ = attribut(&e, "office:value-type");
                let formel = attribut(&e, "table:formula").is_some();
                let har_varde = typ.is_some() || formel;
                if typ.as_deref() == Some("percentage")
                    && let Some(b) = &blad
                    && icke_tomma.saturating_add(antal.saturating_mul(radupprepning)) <= max_celler
                {
                    let celler = ut.entry(b.clone()).or_default();
                    for dr in 0..radupprepning {
                        for dk in 0..antal {
                            celler.insert(((rad + dr) as u32, (kol + dk) as u32));
                        }
                    }
                }
                if tom {
                    cell_slut(antal, har_varde, &mut i_raden, &mut vantande, &mut kol);
                    if har_varde {
                        icke_tomma = icke_tomma.saturating_add(antal.saturating_mul(radupprepning));
                        ruta.ta_med(rad, rad + radupprepning - 1, kol - antal, kol - 1);
                    }
                    if icke_tomma > max_celler || rutor.saturating_add(ruta.yta()) > max_rutor {
                        return Err(for_stor());
                    }
                } else {
                    i_cell = Some((antal, har_varde));
                    cell_har_varde = har_varde;
                }
            }
            _ => {}
        }
    }
    Ok(ut)
}

/// A cell of `antal` repeats ends: calamine first pushes the empty cells waiting
/// before it, then this one's repeats if it has a value (else they wait), never
/// more than 16 384 in a row.
fn cell_slut(antal: u64, har_varde: bool, i_raden: &mut u64, vantande: &mut u64, kol: &mut u64) {
    let plats = |i: u64| MAX_KOLUMNER.saturating_sub(i);
    *i_raden += (*vantande).min(plats(*i_raden));
    *vantande = 0;
    if har_varde {
        *i_raden += antal.min(plats(*i_raden));
    } else {
        *vantande = antal.min(plats(*i_raden));
    }
    *kol = kol.saturating_add(antal);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// An ods zip with `content.xml` = `innehall`.
    pub fn ods(innehall: &str) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        z.start_file("mimetype", o.compression_method(zip::CompressionMethod::Stored)).unwrap();
        z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        z.start_file("content.xml", o).unwrap();
        z.write_all(innehall.as_bytes()).unwrap();
        z.finish().unwrap().into_inner()
    }

    fn tabell(rader: &str) -> String {
        format!(
            "<office:document-content><office:body><office:spreadsheet>\
             <table:table table:name=\"B\">{rader}</table:table></office:spreadsheet></office:body></office:document-content>"
        )
    }

    /// Found by fuzzing: a content.xml that ends inside a named table made
    /// calamine's ods reader loop for ever.
    #[test]
    fn avkortat_blad_ar_fel() {
        let x = tabell(
            "<table:table-row><table:table-cell office:value-type=\"float\" office:value=\"1\"/></table:table-row>",
        );
        let avkortad = &x[..x.find("</table:table>").unwrap()];
        let e = granska(&ods(avkortad), 100, 100).unwrap_err();
        assert!(e.contains("tar slut mitt i ett blad"), "{e}");
        assert!(granska(&ods(&x), 100, 100).is_ok());
        // Through the reader: an error naming the damage, not a hang.
        let e = crate::inlasning::kalkylblad::oppna("t.ods", ods(avkortad)).err().unwrap();
        assert!(e.contains("tar slut mitt i ett blad"), "{e}");
    }

    #[test]
    fn procentceller_med_upprepning() {
        let x = tabell(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>a</text:p></table:table-cell>\
             <table:table-cell office:value-type=\"percentage\" office:value=\"0.03\" table:number-columns-repeated=\"2\"/></table:table-row>",
        );
        let p = granska(&ods(&x), 100, 100).unwrap();
        assert_eq!(p["B"], HashSet::from([(0, 1), (0, 2)]));
    }

    /// Issue 10 item 4: a 1 kB ods of repeated percent cells ran past 60 s at
    /// 1.8 GB; now its cells are counted as calamine would build them.
    #[test]
    fn upprepade_celler_begransas() {
        let cell = "<table:table-cell office:value-type=\"percentage\" office:value=\"0.03\" table:number-columns-repeated=\"16384\"/>";
        let x = tabell(&format!("<table:table-row table:number-rows-repeated=\"1048576\">{cell}</table:table-row>"));
        let e = granska(&ods(&x), 4_000_000, 8_000_000).unwrap_err();
        assert!(e.contains("för många celler"), "{e}");
        // Empty repeated cells between values are positions calamine fills in.
        let tom = "<table:table-cell table:number-columns-repeated=\"16000\"/>";
        let varde = "<table:table-cell office:value-type=\"float\" office:value=\"1\"/>";
        let rad = format!("<table:table-row>{tom}{varde}</table:table-row>");
        let e = granska(&ods(&tabell(&rad.repeat(600))), 4_000_000, 8_000_000).unwrap_err();
        assert!(e.contains("för många celler"), "{e}");
        assert!(granska(&ods(&tabell(&rad.repeat(400))), 4_000_000, 8_000_000).is_ok());
    }
}

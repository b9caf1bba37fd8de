//! Percent-formatted cells of an OpenDocument spreadsheet. calamine reads an
//! ods cell's value but not its type; a cell of `office:value-type="percentage"`
//! shows 0.034 as 3.4 %, so `content.xml` is read once for those positions.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

/// Per sheet, the (row, column) of every percentage cell, 0-based like calamine's positions.
pub type Procentceller = HashMap<String, HashSet<(u32, u32)>>;

fn attribut(e: &BytesStart<'_>, namn: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == namn).map(|a| a.value.to_string())
}

fn upprepning(e: &BytesStart<'_>, namn: &str) -> u32 {
    attribut(e, namn).and_then(|v| v.parse().ok()).unwrap_or(1).max(1)
}

/// Reads the percentage cells of an ods file's bytes; empty when it has none or cannot be read.
pub fn procentceller(bytes: &[u8]) -> Procentceller {
    let mut ut = Procentceller::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return ut };
    let mut xml = String::new();
    match zip.by_name("content.xml") {
        Ok(mut f) => {
            if f.read_to_string(&mut xml).is_err() {
                return ut;
            }
        }
        Err(_) => return ut,
    }
    let mut r = Reader::from_str(&xml);
    let mut blad: Option<String> = None;
    let (mut rad, mut kol) = (0u32, 0u32);
    let mut radupprepning = 1u32;
    loop {
        let (e, tom) = match r.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-row" => rad = rad.saturating_add(radupprepning),
                    "table:table" => blad = None,
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => continue,
        };
        match e.name().as_ref() {
            "table:table" => {
                blad = attribut(&e, "table:name");
                rad = 0;
            }
            "table:table-row" => {
                kol = 0;
                radupprepning = upprepning(&e, "table:number-rows-repeated");
                if tom {
                    rad = rad.saturating_add(radupprepning);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let antal = upprepning(&e, "table:number-columns-repeated");
                if attribut(&e, "office:value-type").as_deref() == Some("percentage")
                    && let Some(b) = &blad
                {
                    let celler = ut.entry(b.clone()).or_default();
                    for dr in 0..radupprepning.min(1000) {
                        for dk in 0..antal.min(1000) {
                            celler.insert((rad + dr, kol + dk));
                        }
                    }
                }
                kol = kol.saturating_add(antal);
            }
            _ => {}
        }
    }
    ut
}

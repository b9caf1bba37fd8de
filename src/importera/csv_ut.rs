//! The imported tables as CSV the Swedish Excel way: UTF-8 with BOM,
//! semicolons, decimal comma, CRLF, exact decimals (no rounding, no thousands
//! separator). The files are written together by [`crate::utdata::fil`]:
//! nothing is replaced unless every file was written.

use super::{Import, kalla};
use crate::modell::Ar;
use crate::tal::json_text;
use crate::utdata::fil::Utfil;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const SKR: &str = "skr.csv";
pub const SKATTER_OCH_BIDRAG: &str = "skatter-och-bidrag.csv";

/// An exact decimal with a decimal comma: `-1120`, `3,45`.
pub fn decimal(v: Decimal) -> String {
    json_text(v).replace('.', ",")
}

fn csv(rubriker: Vec<String>, rader: Vec<Vec<String>>) -> Vec<u8> {
    let mut ut = b"\xef\xbb\xbf".to_vec();
    {
        let mut w = csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(&mut ut);
        // Writing to memory cannot fail.
        let _ = w.write_record(&rubriker);
        for r in &rader {
            let _ = w.write_record(r);
        }
        let _ = w.flush();
    }
    ut
}

fn arsceller(ar: &BTreeSet<Ar>, varden: &BTreeMap<Ar, Decimal>) -> impl Iterator<Item = String> {
    ar.iter().map(|a| varden.get(a).map(|v| decimal(*v)).unwrap_or_default()).collect::<Vec<_>>().into_iter()
}

/// `skr.csv`: `serie`, years, `källa`.
pub fn skr(i: &Import) -> Vec<u8> {
    let ar: BTreeSet<Ar> = i.serier.iter().flat_map(|s| s.varden.keys().copied()).collect();
    let rubriker =
        std::iter::once("serie".to_string()).chain(ar.iter().map(Ar::to_string)).chain(["källa".to_string()]).collect();
    let rader = i
        .serier
        .iter()
        .map(|s| std::iter::once(s.serie.clone()).chain(arsceller(&ar, &s.varden)).chain([kalla(&s.celler)]).collect())
        .collect();
    csv(rubriker, rader)
}

/// `skatter-och-bidrag.csv`: `post`, `typ`, `resultatrad`, years, `källa`.
pub fn skatter_och_bidrag(i: &Import) -> Vec<u8> {
    let ar: BTreeSet<Ar> = i.poster.iter().flat_map(|p| p.varden.keys().copied()).collect();
    let rubriker = ["post".to_string(), "typ".to_string(), "resultatrad".to_string()]
        .into_iter()
        .chain(ar.iter().map(Ar::to_string))
        .chain(["källa".to_string()])
        .collect();
    let rader = i
        .poster
        .iter()
        .map(|p| {
            [p.post.clone(), p.typ.namn().to_string(), p.resultatrad().map(|r| r.namn()).unwrap_or("").to_string()]
                .into_iter()
                .chain(arsceller(&ar, &p.varden))
                .chain([kalla(&p.celler)])
                .collect()
        })
        .collect();
    csv(rubriker, rader)
}

/// The tables that have rows, as files in `mapp`.
pub fn utfiler(i: &Import, mapp: &Path) -> Vec<Utfil> {
    let mut filer = Vec::new();
    if !i.serier.is_empty() {
        filer.push(Utfil { fil: mapp.join(SKR), innehall: skr(i) });
    }
    if !i.poster.is_empty() {
        filer.push(Utfil { fil: mapp.join(SKATTER_OCH_BIDRAG), innehall: skatter_och_bidrag(i) });
    }
    filer
}

#[cfg(test)]
mod tests {
    use super::super::mappning::Posttyp;
    use super::super::{Ort, Post, Serie};
    use super::*;
    use crate::modell::Intaktstyp;
    use rust_decimal_macros::dec;

    fn ort(rad: usize, kol: usize) -> Ort {
        Ort { fil: "a.xlsx".into(), blad: "S&B".into(), rad, kol }
    }

    #[test]
    fn svensk_excel_csv() {
        let i = Import {
            serier: vec![Serie {
                serie: "pkv".into(),
                etiketter: vec!["PKV".into()],
                varden: [(2026, dec!(2.90)), (2027, dec!(-0.5))].into(),
                celler: [(2026, ort(3, 1)), (2027, ort(3, 2))].into(),
            }],
            poster: vec![Post {
                post: "Slutavräkning 2026; prel.".into(),
                typ: Posttyp::Intakt(Intaktstyp::PerInvanare),
                varden: [(2027, dec!(-640.000))].into(),
                celler: [(2027, ort(9, 2))].into(),
            }],
            ..Import::default()
        };
        let skr = String::from_utf8(skr(&i)).unwrap();
        assert_eq!(skr, "\u{feff}serie;2026;2027;källa\r\npkv;2,9;-0,5;a.xlsx#S&B!B3:C3\r\n");
        let sob = String::from_utf8(skatter_och_bidrag(&i)).unwrap();
        assert_eq!(
            sob,
            "\u{feff}post;typ;resultatrad;2027;källa\r\n\"Slutavräkning 2026; prel.\";per_invanare;skatteintakter;-640;a.xlsx#S&B!C9\r\n"
        );
    }
}

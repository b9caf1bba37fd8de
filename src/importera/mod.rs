//! `ramverk importera`: SKR's prognosis workbooks (the cirkulär's tables, the
//! PKV file, the *Skatter & bidrag* summary) into the canonical tables `skr`
//! and `skatter-och-bidrag` (FORMAT.md, "SKR spreadsheets").
//!
//! The core is pure: a workbook is a grid of cells per sheet ([`Blad`]);
//! [`hitta`] finds tables by their year headers, [`tabeller`] reads and
//! matches their rows through [`mappning`], and [`importera`] merges
//! everything, reporting the same series found twice with different values.
//! The edges are [`arbetsbok`] (calamine) and [`csv_ut`] (the written files).

pub mod arbetsbok;
pub mod csv_ut;
pub mod enhet;
pub mod hitta;
pub mod mappning;
pub mod rapport;
pub mod tabeller;

use crate::fel::{Diagnos, Fel, Felrapport};
use crate::inlasning::tabell::Cell;
use crate::modell::Ar;
use mappning::{Mappning, Posttyp};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// One sheet of a workbook: every row from row 1, every cell from column A.
#[derive(Debug, Clone)]
pub struct Blad {
    /// The workbook's file name, as shown in `källa`.
    pub fil: String,
    pub namn: String,
    pub rader: Vec<Vec<Cell>>,
    /// True when cells' number formats are known (xlsx): percent formats are
    /// then read from them; otherwise fractions are recognised by their size.
    pub format_kant: bool,
}

/// A workbook: its name as the user gave it, and its sheets.
#[derive(Debug, Clone)]
pub struct Arbetsbok {
    pub fil: String,
    pub blad: Vec<Blad>,
}

/// A cell of a workbook (row 1-based, column 0-based).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ort {
    pub fil: String,
    pub blad: String,
    pub rad: usize,
    pub kol: usize,
}

/// Column letters as Excel shows them: 0 → A, 26 → AA.
pub fn kolumnbokstav(kol: usize) -> String {
    let mut n = kol + 1;
    let mut ut = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        ut.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    ut.reverse();
    String::from_utf8(ut).unwrap_or_default()
}

impl Ort {
    /// `D7`.
    pub fn cell(&self) -> String {
        format!("{}{}", kolumnbokstav(self.kol), self.rad)
    }
}

impl fmt::Display for Ort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}!{}", self.fil, self.blad, self.cell())
    }
}

/// The cells values came from, compactly: `bok.xlsx#Blad!C7:F7` (several
/// places separated by `, `).
pub fn kalla(celler: &BTreeMap<Ar, Ort>) -> String {
    let mut sorterade: Vec<&Ort> = celler.values().collect();
    sorterade.sort();
    sorterade.dedup();
    let mut delar: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorterade.len() {
        let start = sorterade[i];
        let mut j = i;
        while j + 1 < sorterade.len() {
            let n = sorterade[j + 1];
            if n.fil == start.fil && n.blad == start.blad && n.rad == start.rad && n.kol == sorterade[j].kol + 1 {
                j += 1;
            } else {
                break;
            }
        }
        let slut = sorterade[j];
        let omrade = if i == j { start.cell() } else { format!("{}:{}", start.cell(), slut.cell()) };
        // The file and sheet only when they change.
        let foregaende = (i > 0).then(|| sorterade[i - 1]);
        match foregaende {
            Some(f) if f.fil == start.fil && f.blad == start.blad => delar.push(omrade),
            _ => delar.push(format!("{}#{}!{}", start.fil, start.blad, omrade)),
        }
        i = j + 1;
    }
    delar.join(", ")
}

/// What an imported row is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Id {
    Serie(String),
    Post(Posttyp),
}

/// One matched row of a table, values in percent, tkr or persons.
#[derive(Debug, Clone)]
pub struct Importrad {
    pub id: Id,
    /// The label as written (footnote marks removed).
    pub etikett: String,
    pub varden: BTreeMap<Ar, Decimal>,
    pub celler: BTreeMap<Ar, Ort>,
}

/// A row with numbers whose label no pattern matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omatchad {
    pub etikett: String,
    pub ort: Ort,
}

/// A canonical series of `skr`.
#[derive(Debug, Clone)]
pub struct Serie {
    pub serie: String,
    /// The labels it was found under.
    pub etiketter: Vec<String>,
    pub varden: BTreeMap<Ar, Decimal>,
    pub celler: BTreeMap<Ar, Ort>,
}

/// A post of `skatter-och-bidrag`.
#[derive(Debug, Clone)]
pub struct Post {
    pub post: String,
    pub typ: Posttyp,
    pub varden: BTreeMap<Ar, Decimal>,
    pub celler: BTreeMap<Ar, Ort>,
}

impl Post {
    /// The line of the resultatbudget (MODELL §12): skatteintäkter for
    /// kommunalskatt and slutavräkning posts, statsbidrag for the others,
    /// none for the population row.
    pub fn resultatrad(&self) -> Option<crate::modell::Resultatrad> {
        use crate::modell::{Intaktstyp, Resultatrad};
        match self.typ {
            Posttyp::Invanare => None,
            Posttyp::Intakt(Intaktstyp::Skatt) => Some(Resultatrad::Skatteintakter),
            Posttyp::Intakt(_) if crate::inlasning::normalisera(&self.post).starts_with("slutavrakning") => {
                Some(Resultatrad::Skatteintakter)
            }
            Posttyp::Intakt(_) => Some(Resultatrad::Statsbidrag),
        }
    }
}

/// Everything imported from the workbooks.
#[derive(Debug, Clone, Default)]
pub struct Import {
    pub serier: Vec<Serie>,
    pub poster: Vec<Post>,
    pub ej_matchade: Vec<Omatchad>,
    pub varningar: Vec<Fel>,
}

/// The order series are written in: FORMAT.md's, then others as found.
const SERIEORDNING: &[&str] =
    &["skatteunderlag", "pkv", "lon", "ovrigt", "po", "hyra", "avgifter", "kpi", "internranta"];

/// Merges a row's values into an earlier row of the same series or post;
/// a year with a different value is an error naming both cells.
fn sla_ihop(
    namn: &str,
    varden: &mut BTreeMap<Ar, Decimal>,
    celler: &mut BTreeMap<Ar, Ort>,
    rad: &Importrad,
    d: &mut Diagnos,
) {
    for (ar, v) in &rad.varden {
        let ny = &rad.celler[ar];
        match varden.get(ar) {
            Some(fore) if fore != v => {
                let gammal = &celler[ar];
                let meddelande = format!(
                    "{namn} finns två gånger med olika värden för {ar}: {} i {gammal} och {} i {ny}. \
                     Ta bort den ena arbetsboken eller ange etiketten under ignorera i en mappningsfil (--mappning)",
                    tabeller::visa(*fore),
                    tabeller::visa(*v),
                );
                d.fel(Fel { blad: Some(ny.blad.clone()), ..Fel::new(&ny.fil, meddelande).rad(ny.rad) });
            }
            Some(_) => {}
            None => {
                varden.insert(*ar, *v);
                celler.insert(*ar, ny.clone());
            }
        }
    }
}

/// The pure core: every workbook's sheets into canonical series and posts.
pub fn importera(bocker: &[Arbetsbok], m: &Mappning) -> Result<Import, Felrapport> {
    let mut d = Diagnos::default();
    let mut serier: Vec<Serie> = Vec::new();
    let mut poster: Vec<Post> = Vec::new();
    let mut ej_matchade = Vec::new();
    for bok in bocker {
        let mut antal_tabeller = 0;
        for blad in &bok.blad {
            for t in hitta::tabeller(&blad.rader) {
                antal_tabeller += 1;
                let utfall = tabeller::las(blad, &t, m, &mut d);
                ej_matchade.extend(utfall.omatchade);
                for rad in utfall.rader {
                    match &rad.id {
                        Id::Serie(s) => match serier.iter_mut().find(|x| &x.serie == s) {
                            Some(x) => {
                                sla_ihop(&format!("Serien {s}"), &mut x.varden, &mut x.celler, &rad, &mut d);
                                if !x.etiketter.contains(&rad.etikett) {
                                    x.etiketter.push(rad.etikett.clone());
                                }
                            }
                            None => serier.push(Serie {
                                serie: s.clone(),
                                etiketter: vec![rad.etikett.clone()],
                                varden: rad.varden.clone(),
                                celler: rad.celler.clone(),
                            }),
                        },
                        Id::Post(typ) => {
                            // Posts are one per label; the population row is one whatever its label.
                            let samma = |p: &Post| match typ {
                                Posttyp::Invanare => p.typ == Posttyp::Invanare,
                                _ => {
                                    p.typ != Posttyp::Invanare
                                        && mappning::nyckel(&p.post) == mappning::nyckel(&rad.etikett)
                                }
                            };
                            match poster.iter_mut().find(|p| samma(p)) {
                                Some(p) => {
                                    let namn = format!("Posten \"{}\"", p.post);
                                    sla_ihop(&namn, &mut p.varden, &mut p.celler, &rad, &mut d);
                                }
                                None => poster.push(Post {
                                    post: rad.etikett.clone(),
                                    typ: *typ,
                                    varden: rad.varden.clone(),
                                    celler: rad.celler.clone(),
                                }),
                            }
                        }
                    }
                }
            }
        }
        if antal_tabeller == 0 {
            d.fel(Fel::new(
                bok.fil.clone(),
                "ingen tabell hittades: inget blad har en rubrikrad med minst två årtal (t.ex. 2026 och 2027)",
            ));
        }
    }
    if d.ok() && serier.is_empty() && poster.is_empty() {
        let mut etiketter: Vec<String> = ej_matchade.iter().map(|o: &Omatchad| format!("\"{}\"", o.etikett)).collect();
        etiketter.dedup();
        let filer: Vec<&str> = bocker.iter().map(|b| b.fil.as_str()).collect();
        let mut m = "inga kända serier eller poster hittades".to_string();
        if !etiketter.is_empty() {
            m.push_str(&format!(
                " (rader som inte matchades: {}); lägg till etiketterna i en mappningsfil (--mappning)",
                etiketter.join(", ")
            ));
        }
        d.fel(Fel::new(filer.join(", "), m));
    }
    if poster.iter().any(|p| p.typ != Posttyp::Invanare) && !poster.iter().any(|p| p.typ == Posttyp::Invanare) {
        d.varning(Fel::new(
            "skatter-och-bidrag.csv",
            "raden Invånare 1 november hittades inte: modellen behöver den (en post med typ invanare)",
        ));
    }
    serier.sort_by_key(|s| SERIEORDNING.iter().position(|k| *k == s.serie).unwrap_or(SERIEORDNING.len()));
    if !d.ok() {
        return Err(Felrapport(d));
    }
    let varningar = d.varningar;
    Ok(Import { serier, poster, ej_matchade, varningar })
}

/// Reads the user's mapping file (`--mappning`) on top of the built-in one.
pub fn las_mappning(fil: Option<&Path>, d: &mut Diagnos) -> Mappning {
    let Some(f) = fil else { return Mappning::inbyggd() };
    let namn = f.display().to_string();
    match crate::inlasning::fil::las(f) {
        Ok(b) => match mappning::las_fil(&namn, &crate::inlasning::csv::avkoda(&b)) {
            Ok(m) => m,
            Err(Felrapport(fd)) => {
                d.utoka(fd);
                Mappning::inbyggd()
            }
        },
        Err(e) => {
            d.fel(Fel::new(namn, format!("mappningsfilen: {}", e.text())));
            Mappning::inbyggd()
        }
    }
}

/// What the command did.
#[derive(Debug)]
pub struct Resultat {
    pub import: Import,
    pub skrivna: Vec<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn text(t: &str) -> Cell {
        Cell::Text(t.to_string())
    }
    fn tal(v: Decimal) -> Cell {
        Cell::Tal { varde: v, procent: false }
    }
    fn bok(fil: &str, blad: &str, rader: Vec<Vec<Cell>>) -> Arbetsbok {
        Arbetsbok { fil: fil.into(), blad: vec![Blad { fil: fil.into(), namn: blad.into(), rader, format_kant: true }] }
    }

    #[test]
    fn kolumnbokstaver() {
        assert_eq!(kolumnbokstav(0), "A");
        assert_eq!(kolumnbokstav(25), "Z");
        assert_eq!(kolumnbokstav(26), "AA");
        assert_eq!(kolumnbokstav(701), "ZZ");
        assert_eq!(kolumnbokstav(702), "AAA");
    }

    #[test]
    fn kallor_komprimeras() {
        let o = |blad: &str, rad, kol| Ort { fil: "a.xlsx".into(), blad: blad.into(), rad, kol };
        let k: BTreeMap<Ar, Ort> = [
            (2024, o("T1", 7, 2)),
            (2025, o("T1", 7, 3)),
            (2026, o("T1", 7, 4)),
            (2027, o("T1", 7, 6)),
            (2028, o("PKV", 3, 1)),
        ]
        .into();
        assert_eq!(kalla(&k), "a.xlsx#PKV!B3, a.xlsx#T1!C7:E7, G7");
    }

    #[test]
    fn samma_serie_med_olika_varden_ar_fel() {
        let a = bok(
            "cirkular.xlsx",
            "Tabell 1",
            vec![vec![Cell::Tom, text("2025"), text("2026")], vec![text("PKV"), text("2,6"), text("2,9")]],
        );
        let b = bok(
            "pkv.xlsx",
            "PKV",
            vec![
                vec![],
                vec![Cell::Tom, text("2026"), text("2027")],
                vec![text("Prisindex för kommunal verksamhet"), text("3,0"), text("3,1")],
            ],
        );
        let fel = importera(&[a.clone(), b], &Mappning::inbyggd()).unwrap_err();
        assert_eq!(fel.0.fel.len(), 1);
        let t = fel.0.fel[0].to_string();
        assert!(t.contains("Serien pkv finns två gånger med olika värden för 2026: 2,9 i cirkular.xlsx#Tabell 1!C2 och 3 i pkv.xlsx#PKV!B3"), "{t}");
        // Same values: merged, years joined.
        let c = bok(
            "pkv.xlsx",
            "PKV",
            vec![vec![Cell::Tom, text("2026"), text("2027")], vec![text("PKV"), tal(dec!(2.9)), tal(dec!(3.1))]],
        );
        let i = importera(&[a, c], &Mappning::inbyggd()).unwrap();
        assert_eq!(i.serier.len(), 1);
        assert_eq!(i.serier[0].varden.values().copied().collect::<Vec<_>>(), vec![dec!(2.6), dec!(2.9), dec!(3.1)]);
        assert_eq!(kalla(&i.serier[0].celler), "cirkular.xlsx#Tabell 1!B2:C2, pkv.xlsx#PKV!C2");
    }

    #[test]
    fn ingen_arsrubrik_ar_fel() {
        let a = bok("tom.xlsx", "Blad1", vec![vec![text("Skatteunderlag"), text("3,4")]]);
        let fel = importera(&[a], &Mappning::inbyggd()).unwrap_err();
        assert!(fel.to_string().contains("tom.xlsx: ingen tabell hittades"), "{fel}");
    }

    #[test]
    fn inget_matchat_ar_fel() {
        let a = bok(
            "x.xlsx",
            "Blad1",
            vec![vec![Cell::Tom, text("2026"), text("2027")], vec![text("Realt skatteunderlag"), text("1"), text("2")]],
        );
        let fel = importera(&[a], &Mappning::inbyggd()).unwrap_err();
        assert!(
            fel.to_string().contains(
                "inga kända serier eller poster hittades (rader som inte matchades: \"Realt skatteunderlag\")"
            ),
            "{fel}"
        );
    }

    #[test]
    fn egen_etikett_importeras() {
        let a = bok(
            "x.xlsx",
            "Blad1",
            vec![vec![text("tkr"), text("2026"), text("2027")], vec![text("Nytt bidrag"), text("100"), text("200")]],
        );
        assert!(importera(std::slice::from_ref(&a), &Mappning::inbyggd()).is_err());
        let m = mappning::las_fil("m.toml", "[poster]\n\"Nytt bidrag\" = \"per_invanare\"\n").unwrap();
        let i = importera(&[a], &m).unwrap();
        assert_eq!(i.poster[0].post, "Nytt bidrag");
        assert_eq!(i.poster[0].typ, Posttyp::Intakt(crate::modell::Intaktstyp::PerInvanare));
        assert_eq!(i.poster[0].varden[&2027], dec!(200));
    }
}

//! Reading the rows of one found table: each row's label (its first text
//! cell left of the years) is matched, its values are taken from the year
//! columns in the right unit (percent for series, tkr for posts, persons for
//! the population row), and `Summa …` rows are checked against the posts
//! above them.

use super::enhet::{self, Enhet};
use super::hitta::{Tabellomrade, ar_tal};
use super::mappning::{Mal, Mappning, Posttyp, rensa_fotnoter};
use super::{Blad, Id, Importrad, Omatchad, Ort};
use crate::fel::{Diagnos, Fel};
use crate::inlasning::tabell::Cell;
use crate::modell::Ar;
use crate::tal::{TalFel, las_tal, svensk};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What was read from one table.
#[derive(Debug, Default)]
pub struct Utfall {
    pub rader: Vec<Importrad>,
    pub omatchade: Vec<Omatchad>,
}

/// A cell of a year column.
#[derive(Debug, Clone, PartialEq)]
enum Varde {
    Tom,
    Tal {
        v: Decimal,
        /// A number cell with a percent number format (0.034 shown as 3.4 %).
        procentformat: bool,
        /// Written as text; `procenttext` when it ended in `%` (`3,4 %`).
        text: bool,
        procenttext: bool,
    },
    Fel(String),
}

/// Texts SKR uses for "no value".
fn ar_platshallare(t: &str) -> bool {
    matches!(t, ".." | "…" | "." | "-" | "–" | "—" | "x" | "X" | "n/a" | "u" | "")
}

fn tolka(c: &Cell) -> Varde {
    match c {
        Cell::Tom => Varde::Tom,
        Cell::Tal { varde, procent } => {
            Varde::Tal { v: *varde, procentformat: *procent, text: false, procenttext: false }
        }
        Cell::Text(t) => {
            let t = rensa_fotnoter(t);
            if ar_platshallare(t.trim()) {
                return Varde::Tom;
            }
            match las_tal(&t) {
                Ok((v, procenttext)) => Varde::Tal { v, procentformat: false, text: true, procenttext },
                Err(TalFel::Tom) => Varde::Tom,
                Err(_) => Varde::Fel(t.trim().to_string()),
            }
        }
        Cell::Annat(t) | Cell::Felvarde(t) => Varde::Fel(t.clone()),
        Cell::Datum(visas) => Varde::Fel(format!("{visas}, ett datum")),
    }
}

/// The label of a row: its first text cell left of `fore` that is not a number.
fn etikett(rad: &[Cell], fore: usize) -> Option<(usize, String)> {
    rad.iter().take(fore).enumerate().find_map(|(i, c)| match c {
        Cell::Text(t) if !t.trim().is_empty() && las_tal(t).is_err() => Some((i, t.trim().to_string())),
        _ => None,
    })
}

fn text_i(c: &Cell) -> Option<&str> {
    match c {
        Cell::Text(t) => Some(t),
        _ => None,
    }
}

/// Units of a table: per year column (header cell, a unit row under the header,
/// title cells above the column's block) and for the whole table.
struct Enheter {
    kolumn: BTreeMap<usize, Enhet>,
    /// Named in the header row outside the year cells (`Mnkr` over the labels).
    rubrik: Option<Enhet>,
    /// Named in a title row above the header.
    titel: Option<Enhet>,
    /// The row under the header that only names units, if any (not data).
    enhetsrad: Option<usize>,
}

fn enheter(blad: &Blad, t: &Tabellomrade) -> Enheter {
    let rad = |r: usize| blad.rader.get(r).map(Vec::as_slice).unwrap_or(&[]);
    let arskolumner: Vec<usize> = t.arskolumner().collect();
    let rubrik = rad(t.rubrikrad);
    // A row right under the header with unit texts and no numbers in the year columns.
    let enhetsrad = t.data.clone().next().filter(|&r| {
        let celler = rad(r);
        arskolumner.iter().all(|&k| !celler.get(k).is_some_and(ar_tal))
            && arskolumner.iter().any(|&k| celler.get(k).and_then(text_i).and_then(enhet::i_text).is_some())
    });
    let mut kolumn = BTreeMap::new();
    for block in &t.block {
        let (forsta, sista) = (block[0].0, block[block.len() - 1].0);
        let over_blocket = t
            .titel
            .clone()
            .rev()
            .find_map(|r| rad(r).iter().take(sista + 1).skip(forsta).filter_map(text_i).find_map(enhet::i_text));
        for &(k, _) in block {
            let egen = [Some(t.rubrikrad), enhetsrad]
                .into_iter()
                .flatten()
                .find_map(|r| rad(r).get(k).and_then(text_i).and_then(enhet::i_text));
            if let Some(e) = egen.or(over_blocket) {
                kolumn.insert(k, e);
            }
        }
    }
    let i_rubrik = rubrik
        .iter()
        .enumerate()
        .filter(|(i, _)| !arskolumner.contains(i))
        .filter_map(|(_, c)| text_i(c))
        .find_map(enhet::i_text);
    let titel = t.titel.clone().rev().find_map(|r| rad(r).iter().filter_map(text_i).find_map(enhet::i_text));
    Enheter { kolumn, rubrik: i_rubrik, titel, enhetsrad }
}

/// What a row's values are read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slag {
    Serie,
    Belopp,
    Invanare,
}

impl Slag {
    fn tar(self, e: Option<Enhet>) -> bool {
        match self {
            Slag::Serie => matches!(e, None | Some(Enhet::Procent)),
            Slag::Belopp => e.is_none_or(|e| e.till_tkr().is_some()),
            Slag::Invanare => e != Some(Enhet::Procent),
        }
    }
}

/// An element of a table in order, for the `Summa` check.
enum Led {
    Post(BTreeMap<Ar, Decimal>),
    EjImporterad(String),
    Summa { etikett: String, rad: usize, varden: BTreeMap<Ar, Decimal> },
}

/// Series that are levels, not yearly changes.
fn ar_niva(serie: &str) -> bool {
    matches!(serie, "po" | "internranta")
}

/// A number in a message, in Swedish style with the decimals it has (at most 3).
pub fn visa(v: Decimal) -> String {
    svensk(v, v.normalize().scale().min(3))
}

/// Reads one table of a sheet.
pub fn las(blad: &Blad, t: &Tabellomrade, m: &Mappning, d: &mut Diagnos) -> Utfall {
    let mut ut = Utfall::default();
    let fel = |rad: usize, meddelande: String| Fel {
        blad: Some(blad.namn.clone()),
        ..Fel::new(&blad.fil, meddelande).rad(rad)
    };
    let ort = |rad: usize, kol: usize| Ort { fil: blad.fil.clone(), blad: blad.namn.clone(), rad, kol };
    let enheter = enheter(blad, t);
    let forsta = t.forsta_arskolumn();
    let mut led: Vec<Led> = Vec::new();
    let mut antagen_tkr = false;
    for r in t.data.clone() {
        if Some(r) == enheter.enhetsrad {
            continue;
        }
        let nr = r + 1;
        let celler = &blad.rader[r];
        let cell = |k: usize| celler.get(k).map(tolka).unwrap_or(Varde::Tom);
        if t.arskolumner().all(|k| cell(k) == Varde::Tom) {
            continue; // titles, notes, footnotes, sub-headings, blank rows
        }
        let Some((etikettkol, skriven)) = etikett(celler, forsta) else {
            d.varning(fel(nr, "raden har tal men ingen etikett: den ignoreras".into()));
            continue;
        };
        let namn = rensa_fotnoter(&skriven);
        let mal = m.matcha(&skriven);
        let slag = match &mal {
            None | Some(Mal::Ignorera) => {
                led.push(Led::EjImporterad(namn.clone()));
                if mal.is_none() {
                    ut.omatchade.push(Omatchad { etikett: namn, ort: ort(nr, etikettkol) });
                }
                continue;
            }
            Some(Mal::Serie(_)) => Slag::Serie,
            Some(Mal::Post(Posttyp::Invanare)) => Slag::Invanare,
            Some(Mal::Post(_)) | Some(Mal::Summa) => Slag::Belopp,
        };
        // The row's own unit: in its label or in a unit cell before the years.
        let radenhet = enhet::i_text(&skriven)
            .or_else(|| celler.iter().take(forsta).skip(etikettkol + 1).filter_map(text_i).find_map(enhet::i_text));
        // A series ignores the titles' unit: a title or note naming kronor does
        // not turn percentages into money; only the row's, column's or header's own unit can.
        let titelenhet = if slag == Slag::Serie { None } else { enheter.titel };
        let enhet_for = |k: usize| radenhet.or(enheter.kolumn.get(&k).copied()).or(enheter.rubrik).or(titelenhet);
        // Per year: the first column (of the header's blocks) in a unit this row can use.
        let mut tagna: BTreeMap<Ar, (usize, Varde)> = BTreeMap::new();
        for &(k, ar) in t.block.iter().flatten() {
            let v = cell(k);
            if v != Varde::Tom && slag.tar(enhet_for(k)) && !tagna.contains_key(&ar) {
                tagna.insert(ar, (k, v));
            }
        }
        if tagna.is_empty() {
            let enheter: Vec<&str> = t.arskolumner().filter_map(enhet_for).map(Enhet::namn).collect();
            d.varning(fel(
                nr,
                format!(
                    "\"{namn}\" har inga värden i en enhet som kan importeras ({}): raden importeras inte",
                    enheter.first().copied().unwrap_or("okänd enhet")
                ),
            ));
            led.push(Led::EjImporterad(namn));
            continue;
        }
        let mut varden = BTreeMap::new();
        let mut celler_ut = BTreeMap::new();
        let mut felaktig = false;
        for (&ar, (k, v)) in &tagna {
            match v {
                Varde::Fel(text) => {
                    d.fel(fel(
                        nr,
                        format!("cellen {} ({ar}) för \"{namn}\": \"{text}\" är inte ett tal", ort(nr, *k).cell()),
                    ));
                    felaktig = true;
                }
                Varde::Tal { v, procentformat, .. } => {
                    let varde = match slag {
                        Slag::Serie if *procentformat => *v * Decimal::ONE_HUNDRED,
                        Slag::Serie | Slag::Invanare => *v,
                        Slag::Belopp => match enhet_for(*k).and_then(Enhet::till_tkr) {
                            Some(f) => *v * f,
                            None => {
                                antagen_tkr = true;
                                *v
                            }
                        },
                    };
                    varden.insert(ar, varde);
                    celler_ut.insert(ar, ort(nr, *k));
                }
                Varde::Tom => {}
            }
        }
        if felaktig {
            continue;
        }
        match mal {
            Some(Mal::Serie(serie)) => {
                if !blad.format_kant && ser_ut_som_andelar(&serie, &tagna) {
                    let exempel = varden.values().next().copied().unwrap_or_default();
                    for v in varden.values_mut() {
                        *v *= Decimal::ONE_HUNDRED;
                    }
                    d.varning(fel(
                        nr,
                        format!(
                            "\"{namn}\": talformatet kan inte läsas i den här filtypen; värdena ser ut som andelar och läses som procent ({} blir {} %)",
                            visa(exempel),
                            visa(exempel * Decimal::ONE_HUNDRED)
                        ),
                    ));
                } else if ser_ut_som_andelar(&serie, &tagna) {
                    let exempel = varden.values().next().copied().unwrap_or_default();
                    d.varning(fel(
                        nr,
                        format!(
                            "\"{namn}\": värdena ser ut som andelar ({}) men cellerna har inget procentformat; de läses som de står ({} %). Formatera cellerna som procent eller skriv procenttal",
                            visa(exempel),
                            visa(exempel)
                        ),
                    ));
                }
                for (ar, v) in &varden {
                    if v.abs() >= Decimal::ONE_HUNDRED {
                        d.varning(fel(
                            nr,
                            format!(
                                "\"{namn}\" {ar}: {} är orimligt som procent — är raden ett index eller ett belopp?",
                                visa(*v)
                            ),
                        ));
                    }
                }
                ut.rader.push(Importrad { id: Id::Serie(serie), etikett: namn, varden, celler: celler_ut });
            }
            Some(Mal::Post(Posttyp::Invanare)) => {
                for (ar, v) in &varden {
                    if *v <= Decimal::ZERO || !v.fract().is_zero() {
                        d.varning(fel(nr, format!("\"{namn}\" {ar}: {} är inget rimligt antal invånare", visa(*v))));
                    }
                }
                ut.rader.push(Importrad { id: Id::Post(Posttyp::Invanare), etikett: namn, varden, celler: celler_ut });
            }
            Some(Mal::Post(typ)) => {
                led.push(Led::Post(varden.clone()));
                ut.rader.push(Importrad { id: Id::Post(typ), etikett: namn, varden, celler: celler_ut });
            }
            Some(Mal::Summa) => led.push(Led::Summa { etikett: namn, rad: nr, varden }),
            None | Some(Mal::Ignorera) => {}
        }
    }
    if antagen_tkr {
        d.varning(fel(
            t.rubrikrad + 1,
            "ingen enhet (kr, tkr, mnkr) står i tabellens rubrik: beloppen antas vara tkr".into(),
        ));
    }
    kontrollera_summor(&led, &mut |rad, m| d.varning(fel(rad, m)));
    ut
}

/// A series from a sheet whose number formats cannot be read (xls) whose
/// every value is a number cell that looks like a fraction (0.034 for 3.4 %).
fn ser_ut_som_andelar(serie: &str, tagna: &BTreeMap<Ar, (usize, Varde)>) -> bool {
    let grans = if ar_niva(serie) { Decimal::ONE } else { Decimal::new(2, 1) };
    let mut nagot = false;
    for (_, v) in tagna.values() {
        match v {
            Varde::Tal { v, text: false, procentformat: false, .. } if v.abs() < grans => nagot |= !v.is_zero(),
            _ => return false,
        }
    }
    nagot
}

/// Each `Summa` row against the posts since the previous one, or against all
/// posts above it; a warning when neither agrees within 1 tkr.
fn kontrollera_summor(led: &[Led], varna: &mut dyn FnMut(usize, String)) {
    let tolerans = Decimal::ONE;
    let mut sedan: Vec<&BTreeMap<Ar, Decimal>> = vec![];
    let mut alla: Vec<&BTreeMap<Ar, Decimal>> = vec![];
    let mut ej_sedan: Vec<&str> = vec![];
    let mut ej_alla: Vec<&str> = vec![];
    let summa =
        |poster: &[&BTreeMap<Ar, Decimal>], ar: Ar| -> Decimal { poster.iter().filter_map(|p| p.get(&ar)).sum() };
    for l in led {
        match l {
            Led::Post(p) => {
                sedan.push(p);
                alla.push(p);
            }
            Led::EjImporterad(e) => {
                ej_sedan.push(e);
                ej_alla.push(e);
            }
            Led::Summa { etikett, rad, varden } => {
                let stammer = |poster: &[&BTreeMap<Ar, Decimal>]| {
                    !poster.is_empty() && varden.iter().all(|(ar, s)| (*s - summa(poster, *ar)).abs() <= tolerans)
                };
                if !alla.is_empty() && !stammer(&sedan) && !stammer(&alla) {
                    let (poster, ej) = if sedan.is_empty() { (&alla, &ej_alla) } else { (&sedan, &ej_sedan) };
                    let skillnader: Vec<String> = varden
                        .iter()
                        .filter(|(ar, s)| (**s - summa(poster, **ar)).abs() > tolerans)
                        .map(|(ar, s)| {
                            let p = summa(poster, *ar);
                            format!(
                                "{ar}: summan {} tkr, posterna {} tkr (skillnad {} tkr)",
                                visa(*s),
                                visa(p),
                                visa(*s - p)
                            )
                        })
                        .collect();
                    let mut m = format!(
                        "\"{etikett}\" stämmer inte med de importerade posterna ovanför: {}",
                        skillnader.join("; ")
                    );
                    if !ej.is_empty() {
                        let namn: Vec<String> = ej.iter().map(|e| format!("\"{e}\"")).collect();
                        m.push_str(&format!(" — rader som inte importerades: {}", namn.join(", ")));
                    }
                    varna(*rad, m);
                }
                sedan.clear();
                ej_sedan.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::hitta::tabeller;
    use super::*;
    use rust_decimal_macros::dec;

    fn text(t: &str) -> Cell {
        Cell::Text(t.to_string())
    }
    fn tal(v: Decimal) -> Cell {
        Cell::Tal { varde: v, procent: false }
    }
    fn pct(v: Decimal) -> Cell {
        Cell::Tal { varde: v, procent: true }
    }

    fn blad(rader: Vec<Vec<Cell>>, format_kant: bool) -> Blad {
        Blad { fil: "t.xlsx".into(), namn: "Blad1".into(), rader, format_kant }
    }

    fn las_allt(b: &Blad) -> (Vec<Importrad>, Vec<Omatchad>, Diagnos) {
        let mut d = Diagnos::default();
        let m = Mappning::inbyggd();
        let mut rader = vec![];
        let mut om = vec![];
        for t in tabeller(&b.rader) {
            let u = las(b, &t, &m, &mut d);
            rader.extend(u.rader);
            om.extend(u.omatchade);
        }
        (rader, om, d)
    }

    fn varden(r: &Importrad) -> Vec<(Ar, Decimal)> {
        r.varden.iter().map(|(a, v)| (*a, *v)).collect()
    }

    #[test]
    fn procentformat_och_text() {
        let b = blad(
            vec![
                vec![text("Tabell 1"), Cell::Tom],
                vec![Cell::Tom, text("2025"), text("2026*"), text("Plan 2027")],
                vec![text("Skatteunderlag"), pct(dec!(0.034)), pct(dec!(0.035)), pct(dec!(0.039))],
                vec![text("PKV¹"), text("2,6"), text("2,9 %"), tal(dec!(3.1))],
                vec![text("Realt skatteunderlag"), tal(dec!(0.5)), tal(dec!(1.0)), tal(dec!(1.2))],
                vec![text("¹ Prisindex för kommunal verksamhet")],
            ],
            true,
        );
        let (rader, om, d) = las_allt(&b);
        assert!(d.ok(), "{d:?}");
        assert_eq!(rader.len(), 2);
        assert_eq!(rader[0].id, Id::Serie("skatteunderlag".into()));
        assert_eq!(varden(&rader[0]), vec![(2025, dec!(3.4)), (2026, dec!(3.5)), (2027, dec!(3.9))]);
        assert_eq!(rader[1].id, Id::Serie("pkv".into()));
        assert_eq!(varden(&rader[1]), vec![(2025, dec!(2.6)), (2026, dec!(2.9)), (2027, dec!(3.1))]);
        assert_eq!(rader[1].celler[&2026].to_string(), "t.xlsx#Blad1!C4");
        assert_eq!(om.len(), 1);
        assert_eq!(om[0].etikett, "Realt skatteunderlag");
    }

    #[test]
    fn andelar_utan_talformat() {
        // An xls sheet: formats unknown, fractions are read as percent with a warning.
        let b = blad(
            vec![
                vec![Cell::Tom, tal(dec!(2025)), tal(dec!(2026))],
                vec![text("PKV"), tal(dec!(0.026)), tal(dec!(0.029))],
                vec![text("PO-pålägg"), tal(dec!(0.4015)), tal(dec!(0.4045))],
                vec![text("KPI"), tal(dec!(1.0)), tal(dec!(0.1))],
            ],
            false,
        );
        let (rader, _, d) = las_allt(&b);
        assert_eq!(varden(&rader[0]), vec![(2025, dec!(2.6)), (2026, dec!(2.9))]);
        assert_eq!(varden(&rader[1]), vec![(2025, dec!(40.15)), (2026, dec!(40.45))]);
        assert_eq!(varden(&rader[2]), vec![(2025, dec!(1.0)), (2026, dec!(0.1))]);
        assert_eq!(d.varningar.len(), 2);
    }

    #[test]
    fn andelar_utan_procentformat_i_xlsx_varnas() {
        let b = blad(
            vec![
                vec![text("Miljoner kronor (fotnot i tabellen ovan)")],
                vec![Cell::Tom, tal(dec!(2025)), tal(dec!(2026))],
                vec![text("PKV"), tal(dec!(0.026)), tal(dec!(0.029))],
                vec![text("KPI"), tal(dec!(1.0)), tal(dec!(1.2))],
            ],
            true,
        );
        let (rader, _, d) = las_allt(&b);
        // The title's mnkr does not apply to series.
        assert_eq!(rader.len(), 2);
        assert_eq!(varden(&rader[0]), vec![(2025, dec!(0.026)), (2026, dec!(0.029))]);
        assert_eq!(d.varningar.len(), 1, "{:?}", d.varningar);
        assert!(d.varningar[0].meddelande.contains("inget procentformat"));
    }

    #[test]
    fn enheter_blir_tkr_utom_invanare() {
        let b = blad(
            vec![
                vec![text("Skatter och bidrag, Hedemora kommun, miljoner kronor")],
                vec![Cell::Tom, text("Budget 2026"), text("Plan 2027")],
                vec![text("Kommunalskatt"), tal(dec!(872.64)), tal(dec!(899.31))],
                vec![text("Slutavräkning 2026 2)"), text("1,87"), text("−0,64")],
                vec![text("Summa skatteintäkter"), tal(dec!(874.51)), tal(dec!(898.67))],
                vec![text("Invånare 1 november"), tal(dec!(15170)), tal(dec!(15110))],
                vec![text("Kommunal fastighetsavgift, tkr"), tal(dec!(52140)), tal(dec!(53620))],
            ],
            true,
        );
        let (rader, _, d) = las_allt(&b);
        assert!(d.ok() && d.varningar.is_empty(), "{d:?}");
        assert_eq!(varden(&rader[0]), vec![(2026, dec!(872640)), (2027, dec!(899310))]);
        assert_eq!(rader[1].etikett, "Slutavräkning 2026");
        assert_eq!(varden(&rader[1]), vec![(2026, dec!(1870)), (2027, dec!(-640))]);
        assert_eq!(rader[2].id, Id::Post(Posttyp::Invanare));
        assert_eq!(varden(&rader[2]), vec![(2026, dec!(15170)), (2027, dec!(15110))]);
        assert_eq!(varden(&rader[3]), vec![(2026, dec!(52140)), (2027, dec!(53620))]);
    }

    #[test]
    fn kr_och_tkr_i_rubriken() {
        for (rubrik, faktor) in [("Kronor", dec!(0.001)), ("Tusentals kronor", dec!(1)), ("Belopp, mnkr", dec!(1000))] {
            let b = blad(
                vec![
                    vec![text(rubrik), tal(dec!(2026)), tal(dec!(2027))],
                    vec![text("Strukturbidrag"), tal(dec!(6480)), tal(dec!(6450))],
                ],
                true,
            );
            let (rader, _, d) = las_allt(&b);
            assert!(d.varningar.is_empty(), "{d:?}");
            assert_eq!(varden(&rader[0]), vec![(2026, dec!(6480) * faktor), (2027, dec!(6450) * faktor)], "{rubrik}");
        }
        // No unit at all: tkr, with a warning.
        let b = blad(
            vec![
                vec![Cell::Tom, tal(dec!(2026)), tal(dec!(2027))],
                vec![text("Strukturbidrag"), tal(dec!(6480)), tal(dec!(6450))],
            ],
            true,
        );
        let (rader, _, d) = las_allt(&b);
        assert_eq!(varden(&rader[0]), vec![(2026, dec!(6480)), (2027, dec!(6450))]);
        assert!(d.varningar[0].meddelande.contains("antas vara tkr"));
    }

    #[test]
    fn block_med_kr_per_invanare_och_mnkr() {
        let b = blad(
            vec![
                vec![Cell::Tom, text("Kronor per invånare"), Cell::Tom, text("Miljoner kronor")],
                vec![Cell::Tom, tal(dec!(2026)), tal(dec!(2027)), tal(dec!(2026)), tal(dec!(2027))],
                vec![text("Kostnadsutjämning"), tal(dec!(2521)), tal(dec!(2612)), tal(dec!(38.25)), tal(dec!(39.48))],
                vec![
                    text("Invånare 1 november"),
                    tal(dec!(15170)),
                    tal(dec!(15110)),
                    tal(dec!(15170)),
                    tal(dec!(15110)),
                ],
            ],
            true,
        );
        let (rader, _, d) = las_allt(&b);
        assert!(d.ok() && d.varningar.is_empty(), "{d:?}");
        assert_eq!(varden(&rader[0]), vec![(2026, dec!(38250)), (2027, dec!(39480))]);
        assert_eq!(rader[0].celler[&2026].cell(), "D3");
        assert_eq!(varden(&rader[1]), vec![(2026, dec!(15170)), (2027, dec!(15110))]);
    }

    #[test]
    fn summa_kontrolleras() {
        let b = blad(
            vec![
                vec![text("Mnkr"), text("2026"), text("2027")],
                vec![text("Kommunalskatt"), tal(dec!(1026.1)), tal(dec!(1050))],
                vec![text("Slutavräkning innevarande år"), tal(dec!(4.7)), tal(dec!(0))],
                vec![text("Summa skatteintäkter"), tal(dec!(1030.8)), tal(dec!(1050))],
                vec![text("Inkomstutjämning"), tal(dec!(280.1)), tal(dec!(290))],
                vec![text("Nytt generellt bidrag"), tal(dec!(10)), tal(dec!(10))],
                vec![text("Kostnadsutjämning"), tal(dec!(-29.9)), tal(dec!(-30))],
                vec![text("Summa generella statsbidrag och utjämning"), tal(dec!(260.2)), tal(dec!(270))],
                vec![text("Summa skatter och bidrag"), tal(dec!(1291.0)), tal(dec!(1320))],
            ],
            true,
        );
        let (rader, om, d) = las_allt(&b);
        assert!(d.ok());
        assert_eq!(rader.len(), 4);
        assert_eq!(om[0].etikett, "Nytt generellt bidrag");
        // The second Summa misses the unmatched row (10 mnkr); the grand total too.
        assert_eq!(d.varningar.len(), 2, "{:?}", d.varningar);
        let v = &d.varningar[0];
        assert_eq!(v.rad, Some(8));
        assert!(
            v.meddelande
                .contains("2026: summan 260\u{a0}200 tkr, posterna 250\u{a0}200 tkr (skillnad 10\u{a0}000 tkr)"),
            "{v}"
        );
        assert!(v.meddelande.contains("\"Nytt generellt bidrag\""), "{v}");
    }

    #[test]
    fn summa_inom_1_tkr_ar_tyst() {
        let b = blad(
            vec![
                vec![text("Tkr"), text("2026"), text("2027")],
                vec![text("Kommunalskatt"), tal(dec!(1000.4)), tal(dec!(1000))],
                vec![text("Strukturbidrag"), tal(dec!(100.4)), tal(dec!(100))],
                vec![text("Summa"), tal(dec!(1100)), tal(dec!(1101))],
            ],
            true,
        );
        let (_, _, d) = las_allt(&b);
        assert!(d.varningar.is_empty(), "{:?}", d.varningar);
    }

    #[test]
    fn felaktig_cell_i_matchad_rad() {
        let b = blad(
            vec![
                vec![Cell::Tom, text("2026"), text("2027"), text("2028")],
                vec![text("PKV"), text("2,9"), text("tre"), text("..")],
                vec![text("Okänd rad"), text("x y"), text("1"), text("2")],
            ],
            true,
        );
        let (rader, _, d) = las_allt(&b);
        assert!(rader.is_empty());
        assert_eq!(d.fel.len(), 1);
        assert_eq!(
            d.fel[0].to_string(),
            "t.xlsx blad \"Blad1\" rad 2: cellen C2 (2027) för \"PKV\": \"tre\" är inte ett tal"
        );
    }
}

//! The follow-up's tables (FORMAT, MODELL §13): `ansvar`, `budget`,
//! `budgetandringar` and `prognoser`, all optional, with the checks FORMAT
//! names: an object listed twice, a nämnd missing from `budget`, a change
//! without `från`, `från` = `till`, neither a nämnd, `belopp` ≤ 0, a date
//! outside the budget year, a nämnd's forecast given twice for a period.

use super::{NamndIndex, radlasare};
use crate::fel::Diagnos;
use crate::inlasning::normalisera;
use crate::inlasning::tabell::{Cell, Kolumnkarta, Radlasare, Tabell};
use crate::modell::uppfoljning::{Ansvar, Budgetandring, Budgetpart, Datum, Namndprognos, Period};
use crate::modell::{Ar, Modell};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::{BTreeMap, HashMap};

/// Reads the follow-up tables that are present into `m.uppfoljning`.
pub fn bygg(m: &mut Modell, t: &mut BTreeMap<&'static str, Tabell>, index: &NamndIndex, d: &mut Diagnos) {
    let b = m.budgetar();
    if let Some(tab) = t.remove("ansvar") {
        // An object twice is reported here, with the column as headed; the plan is built where it is used.
        m.uppfoljning.ansvar = ansvar(&tab, index, d);
    }
    if let Some(tab) = t.remove("budget") {
        m.uppfoljning.budget = Some(budget(&tab, index, m, d));
    }
    if let Some(tab) = t.remove("budgetandringar") {
        m.uppfoljning.budgetandringar = budgetandringar(&tab, index, b, d);
    }
    if let Some(tab) = t.remove("prognoser") {
        m.uppfoljning.prognoser = prognoser(&tab, index, b, d);
    }
}

fn ansvar(t: &Tabell, index: &NamndIndex, d: &mut Diagnos) -> Vec<Ansvar> {
    let k = Kolumnkarta::ny(t, &["objekt", "namnd"], &["objekt", "namnd"], false, d);
    let mut ut = Vec::new();
    let mut sedda: HashMap<(bool, String), usize> = HashMap::new();
    for r in radlasare(t, &k) {
        let objekt = r.krav_text("objekt", d);
        let namnd = index.las(&r, d);
        let Some(objekt) = objekt else { continue };
        let (kod, prefix) = match objekt.strip_suffix('*') {
            Some(p) => (p.trim_end(), true),
            None => (objekt.as_str(), false),
        };
        if kod.contains('*') || kod.contains(char::is_whitespace) {
            d.fel(r.fel_i(
                "objekt",
                format!("\"{objekt}\" är inget objekt: skriv objektet exakt (1310) eller som prefix med * sist (13*)"),
            ));
            continue;
        }
        if let Some(forsta) = sedda.get(&(prefix, kod.to_string())) {
            d.fel(r.fel_i("objekt", format!("objektet \"{objekt}\" står två gånger (även på rad {forsta})")));
            continue;
        }
        sedda.insert((prefix, kod.to_string()), r.rad.nr);
        if let Some(namnd) = namnd {
            ut.push(Ansvar { objekt: kod.to_string(), prefix, namnd, plats: r.plats() });
        }
    }
    ut
}

/// The budget per nämnd in `ramar` order; every nämnd must have its row.
fn budget(t: &Tabell, index: &NamndIndex, m: &Modell, d: &mut Diagnos) -> Vec<Decimal> {
    let b = m.budgetar();
    let mut k = Kolumnkarta::ny(t, &["namnd", "budget"], &["namnd"], true, d);
    // `Budget 2026` (the budget year's column) serves as `budget`.
    if !k.har("budget") && !k.anvand_ar_som(b, "budget") {
        d.fel(t.fel(format!("kolumnen \"budget\" saknas (eller en kolumn för budgetåret {b})")));
    }
    for (ar, rubrik) in k.arsrubriker.iter() {
        if *ar != b {
            d.varning(t.fel("okänd kolumn ignoreras").kolumn(rubrik));
        }
    }
    let mut ut: Vec<Option<Decimal>> = vec![None; m.namnder.len()];
    let mut rader: HashMap<usize, usize> = HashMap::new();
    for r in radlasare(t, &k) {
        let namnd = index.las(&r, d);
        let belopp = r.krav_tal("budget", false, d);
        let Some(n) = namnd else { continue };
        if let Some(forsta) = rader.get(&n) {
            d.fel(r.fel_i("namnd", format!("nämnden \"{}\" står två gånger (även på rad {forsta})", m.namnder[n].id)));
            continue;
        }
        rader.insert(n, r.rad.nr);
        ut[n] = belopp;
    }
    let kolumn =
        t.kolumner.iter().find(|c| c.norm == "namnd").map(|c| c.rubrik.clone()).unwrap_or_else(|| "nämnd".to_string());
    for (n, namnd) in m.namnder.iter().enumerate() {
        if !rader.contains_key(&n) {
            d.fel(
                t.kalla
                    .fel(format!(
                        "nämnden \"{}\" ({}) saknas: budgeten ska ha en rad för varje nämnd i ramar",
                        namnd.id, namnd.namn
                    ))
                    .kolumn(&kolumn),
            );
        }
    }
    ut.into_iter().map(Option::unwrap_or_default).collect()
}

fn budgetandringar(t: &Tabell, index: &NamndIndex, b: Ar, d: &mut Diagnos) -> Vec<Budgetandring> {
    let kol = ["datum", "fran", "till", "belopp", "beslut"];
    let k = Kolumnkarta::ny(t, &kol, &kol, false, d);
    let mut ut = Vec::new();
    for r in radlasare(t, &k) {
        let datum = match r.cell("datum") {
            Some(c) if !c.ar_tom() => match datum(c) {
                Ok(x) if x.ar == b => Some(x),
                Ok(x) => {
                    d.fel(r.fel_i("datum", format!("{x} ligger utanför budgetåret {b}")));
                    None
                }
                Err(e) => {
                    d.fel(r.fel_i("datum", e));
                    None
                }
            },
            Some(_) => {
                d.fel(r.fel_i("datum", "värde saknas: ett datum ÅÅÅÅ-MM-DD förväntas"));
                None
            }
            None => None,
        };
        let fran = part(&r, "fran", "det ska framgå var pengarna tas ifrån", index, d);
        let till = part(&r, "till", "det ska framgå vart pengarna går", index, d);
        let belopp = r.krav_tal("belopp", false, d).filter(|v| {
            let ok = *v > Decimal::ZERO;
            if !ok {
                d.fel(r.fel_i(
                    "belopp",
                    format!("beloppet ska vara större än 0 (det flyttas från från till till), inte {}", v.normalize()),
                ));
            }
            ok
        });
        let (Some(fran), Some(till)) = (fran, till) else { continue };
        if fran == Budgetpart::Resultat && till == Budgetpart::Resultat {
            d.fel(r.fel_i("till", "både från och till är RESULTAT: minst en av dem ska vara en nämnd"));
            continue;
        }
        if fran == till {
            let text = r.text("till").unwrap_or_default();
            d.fel(r.fel_i(
                "till",
                format!("från och till är samma (\"{text}\"): en ändring flyttar pengar mellan två parter"),
            ));
            continue;
        }
        if let (Some(datum), Some(belopp)) = (datum, belopp) {
            let beslut = r.text("beslut").unwrap_or_default();
            ut.push(Budgetandring { datum, fran, till, belopp, beslut, plats: r.plats() });
        }
    }
    ut
}

/// `från` or `till`: a nämnd id or `RESULTAT`.
fn part(r: &Radlasare<'_>, kolumn: &str, varfor: &str, index: &NamndIndex, d: &mut Diagnos) -> Option<Budgetpart> {
    let Some(text) = r.text(kolumn) else {
        if r.karta.har(kolumn) {
            d.fel(r.fel_i(kolumn, format!("värde saknas: {varfor} (en nämnd eller RESULTAT)")));
        }
        return None;
    };
    if normalisera(&text) == "resultat" {
        return Some(Budgetpart::Resultat);
    }
    match index.0.get(&text.to_lowercase()) {
        Some(&n) => Some(Budgetpart::Namnd(n)),
        None => {
            d.fel(r.fel_i(kolumn, format!("\"{text}\" är varken en nämnd i ramar eller RESULTAT")));
            None
        }
    }
}

fn prognoser(t: &Tabell, index: &NamndIndex, b: Ar, d: &mut Diagnos) -> Vec<Namndprognos> {
    let kol = ["namnd", "period", "prognos"];
    let k = Kolumnkarta::ny(t, &kol, &kol, false, d);
    let mut ut: Vec<Namndprognos> = Vec::new();
    // (nämnd, period) → the row of its first forecast: duplicates found in linear time.
    let mut sedda: HashMap<(usize, Period), usize> = HashMap::new();
    for r in radlasare(t, &k) {
        let namnd = index.las(&r, d);
        let period = match r.cell("period") {
            Some(c) if !c.ar_tom() => period(c).map_err(|e| d.fel(r.fel_i("period", e))).ok(),
            Some(_) => {
                d.fel(r.fel_i("period", "värde saknas: en period ÅÅÅÅ-MM förväntas"));
                None
            }
            None => None,
        };
        let prognos = r.krav_tal("prognos", false, d);
        let (Some(namnd), Some(period), Some(prognos)) = (namnd, period, prognos) else { continue };
        if let Some(forsta) = sedda.get(&(namnd, period)) {
            d.fel(r.fel_i(
                "period",
                format!("nämnden har redan en prognos för {period} (rad {forsta}): en per nämnd och period"),
            ));
            continue;
        }
        sedda.insert((namnd, period), r.plats().rad);
        if period.ar != b {
            d.varning(r.fel_i("period", format!("{period} ligger utanför budgetåret {b}: prognosen används inte")));
        }
        ut.push(Namndprognos { namnd, period, prognos, plats: r.plats() });
    }
    ut
}

/// A date cell: text `ÅÅÅÅ-MM-DD` (also with a time after it), or a
/// spreadsheet date (a serial day number).
fn datum(c: &Cell) -> Result<Datum, String> {
    match c {
        Cell::Tal { varde, .. } => match varde.to_u32() {
            Some(v) if (10_000_000..=99_999_999).contains(&v) => Datum::tolka(&v.to_string()),
            _ => serienummer(*varde).ok_or_else(|| format!("\"{}\" är inget datum: ska skrivas ÅÅÅÅ-MM-DD", c.visa())),
        },
        Cell::Annat(t) => match crate::tal::las_tal(t) {
            Ok((v, false)) => serienummer(v).ok_or_else(|| format!("\"{t}\" är inget datum: ska skrivas ÅÅÅÅ-MM-DD")),
            _ => Datum::tolka(utan_tid(t)),
        },
        _ => {
            let t = c.visa();
            Datum::tolka(&t).or_else(|e| Datum::tolka(utan_tid(&t)).map_err(|_| e))
        }
    }
}

/// A period cell: text `ÅÅÅÅ-MM` (also `ÅÅÅÅMM`), or a spreadsheet date (its month).
fn period(c: &Cell) -> Result<Period, String> {
    let text = c.visa();
    match Period::tolka(&text) {
        Ok(p) => Ok(p),
        Err(e) => match c {
            Cell::Tal { .. } | Cell::Annat(_) => datum(c).map(Datum::period).map_err(|_| e),
            Cell::Text(t) | Cell::Datum(t) => Datum::tolka(utan_tid(t)).map(Datum::period).map_err(|_| e),
            Cell::Tom | Cell::Felvarde(_) => Err(e),
        },
    }
}

/// `2026-04-22` of `2026-04-22T00:00:00` or `2026-04-22 00:00:00`.
fn utan_tid(t: &str) -> &str {
    t.trim().split(['T', ' ']).next().unwrap_or("")
}

/// A spreadsheet's serial day number (1900 system: 1 = 1900-01-01, as Excel
/// and LibreOffice count from 1 March 1900) as a date, for years 1950–2199.
fn serienummer(v: Decimal) -> Option<Datum> {
    let dag = v.trunc().to_i64()?;
    if !(18_264..=109_574).contains(&dag) {
        return None;
    }
    // Days since 1970-01-01 (serial 25569), then the civil date (H. Hinnant's algorithm).
    let z = dag - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let dag_i_manad = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let manad = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let ar = (yoe + era * 400 + i64::from(manad <= 2)) as Ar;
    Datum::ny(ar, manad, dag_i_manad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn kalkylbladsdatum() {
        assert_eq!(serienummer(dec!(46134)), Datum::ny(2026, 4, 22));
        assert_eq!(serienummer(dec!(45658)), Datum::ny(2025, 1, 1));
        assert_eq!(serienummer(dec!(46022.5)), Datum::ny(2025, 12, 31));
        assert_eq!(serienummer(dec!(45717)), Datum::ny(2025, 3, 1));
        assert_eq!(serienummer(dec!(12)), None);
        let tal = |v| Cell::Tal { varde: v, procent: false };
        assert_eq!(datum(&tal(dec!(20260422))), Ok(Datum { ar: 2026, manad: 4, dag: 22 }));
        assert_eq!(datum(&Cell::Annat("46134".into())), Ok(Datum { ar: 2026, manad: 4, dag: 22 }));
        assert_eq!(datum(&Cell::Annat("2026-04-22T00:00:00".into())), Ok(Datum { ar: 2026, manad: 4, dag: 22 }));
        assert_eq!(datum(&Cell::Text("2026-04-22 00:00:00".into())), Ok(Datum { ar: 2026, manad: 4, dag: 22 }));
        assert!(datum(&Cell::Text("22/4".into())).is_err());
        assert_eq!(period(&Cell::Text("2026-03".into())), Ok(Period { ar: 2026, manad: 3 }));
        assert_eq!(period(&tal(dec!(202608))), Ok(Period { ar: 2026, manad: 8 }));
        assert_eq!(period(&Cell::Annat("46082".into())), Ok(Period { ar: 2026, manad: 3 }));
        assert!(period(&Cell::Text("mars".into())).is_err());
    }
}

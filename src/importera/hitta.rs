//! Finding tables in a sheet by their year headers, never by cell address.
//! A header row holds at least two year cells (`2026`, `2026*`, `Budget 2026`,
//! `Plan 2027`, `2026¹`, `2026 1)`) and no other numbers. A table runs from its
//! header to the next header; the rows between the previous table's last row
//! of numbers and the header are its title rows (where a unit may be named).

use super::mappning::rensa_fotnoter;
use crate::inlasning::ar_i_rubrik;
use crate::inlasning::tabell::Cell;
use crate::modell::Ar;
use crate::tal::las_tal;
use rust_decimal::prelude::ToPrimitive;
use std::ops::Range;

/// The year a header cell names, if it names one.
pub fn arscell(c: &Cell) -> Option<Ar> {
    match c {
        Cell::Tal { varde, procent: false } if varde.fract().is_zero() => {
            varde.to_i32().filter(|a| (2000..=2099).contains(a))
        }
        Cell::Text(t) => {
            let t = rensa_fotnoter(t);
            // Long texts are titles or notes, not column headers.
            if t.chars().count() > 40 {
                return None;
            }
            ar_i_rubrik(&t)
        }
        _ => None,
    }
}

/// True when a cell holds a number (a number cell or a number written as text).
pub fn ar_tal(c: &Cell) -> bool {
    match c {
        Cell::Tal { .. } => true,
        Cell::Text(t) => las_tal(&rensa_fotnoter(t)).is_ok(),
        _ => false,
    }
}

/// A run of year columns, left to right with rising years. A header may hold
/// several side by side (e.g. kronor per invånare, then mnkr).
pub type Block = Vec<(usize, Ar)>;

/// The year blocks of a header row, or `None` when the row is not a header.
pub fn rubrikrad(rad: &[Cell]) -> Option<Vec<Block>> {
    let mut ar = Vec::new();
    for (i, c) in rad.iter().enumerate() {
        match arscell(c) {
            Some(a) => ar.push((i, a)),
            // Any other number makes it a row of data.
            None if ar_tal(c) => return None,
            None => {}
        }
    }
    if ar.len() < 2 {
        return None;
    }
    let mut block: Vec<Block> = vec![];
    for (i, a) in ar {
        match block.last_mut() {
            Some(b) if b.last().is_some_and(|&(_, f)| a > f) => b.push((i, a)),
            _ => block.push(vec![(i, a)]),
        }
    }
    // A header is at least one run of two or more years.
    block.iter().any(|b| b.len() >= 2).then_some(block)
}

/// One table found in a sheet; rows are 0-based indexes into the sheet's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tabellomrade {
    pub rubrikrad: usize,
    pub block: Vec<Block>,
    /// Rows above the header that belong to this table (titles, units).
    pub titel: Range<usize>,
    /// Rows below the header up to the next header.
    pub data: Range<usize>,
}

impl Tabellomrade {
    /// The leftmost year column.
    pub fn forsta_arskolumn(&self) -> usize {
        self.block.iter().flatten().map(|&(k, _)| k).min().unwrap_or(0)
    }

    pub fn arskolumner(&self) -> impl Iterator<Item = usize> + '_ {
        self.block.iter().flatten().map(|&(k, _)| k)
    }
}

/// Every table of a sheet, top to bottom.
pub fn tabeller(rader: &[Vec<Cell>]) -> Vec<Tabellomrade> {
    let rubriker: Vec<(usize, Vec<Block>)> =
        rader.iter().enumerate().filter_map(|(i, r)| rubrikrad(r).map(|b| (i, b))).collect();
    let mut ut: Vec<Tabellomrade> = Vec::new();
    let mut titelstart = 0;
    for (n, (rad, block)) in rubriker.iter().enumerate() {
        let slut = rubriker.get(n + 1).map(|r| r.0).unwrap_or(rader.len());
        let t = Tabellomrade { rubrikrad: *rad, block: block.clone(), titel: titelstart..*rad, data: rad + 1..slut };
        // The next table's titles start after this table's last row of numbers.
        let kolumner: Vec<usize> = t.arskolumner().collect();
        let sista = t.data.clone().rev().find(|&r| kolumner.iter().any(|&k| rader[r].get(k).is_some_and(ar_tal)));
        titelstart = sista.map(|s| s + 1).unwrap_or(rad + 1);
        ut.push(t);
    }
    ut
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn text(t: &str) -> Cell {
        Cell::Text(t.to_string())
    }
    fn tal(v: i64) -> Cell {
        Cell::Tal { varde: Decimal::from(v), procent: false }
    }

    #[test]
    fn arsrubriker_i_olika_former() {
        for (c, ar) in [
            (tal(2026), Some(2026)),
            (text("2026"), Some(2026)),
            (text("2026*"), Some(2026)),
            (text("Budget 2026"), Some(2026)),
            (text("Plan 2027"), Some(2027)),
            (text("2026¹"), Some(2026)),
            (text("2026 1)"), Some(2026)),
            (text("Prognos 2025 (2)"), Some(2025)),
            (text("2026e"), Some(2026)),
            (text("2025–2026"), None),
            (text("Slutavräkning"), None),
            (Cell::Tal { varde: Decimal::from(2026), procent: true }, None),
            (Cell::Tal { varde: Decimal::new(20265, 1), procent: false }, None),
            (tal(1999), None),
            (text("Tabell 3. Skatteunderlagets utveckling i kommunerna 2026"), None),
        ] {
            assert_eq!(arscell(&c), ar, "{c:?}");
        }
    }

    #[test]
    fn rubrikrader() {
        let r = rubrikrad(&[text("Procentuell förändring"), tal(2024), text("2025"), text("2026*"), text("Plan 2027")]);
        assert_eq!(r, Some(vec![vec![(1, 2024), (2, 2025), (3, 2026), (4, 2027)]]));
        // Data rows: other numbers than years.
        assert_eq!(rubrikrad(&[text("Kommunalskatt"), tal(846), tal(872)]), None);
        assert_eq!(rubrikrad(&[text("Slutavräkning 2025"), text("-3,3"), text("-1,1")]), None);
        // One year is a title, not a header.
        assert_eq!(rubrikrad(&[text("Skatter och bidrag 2026")]), None);
        assert_eq!(rubrikrad(&[text("2026"), text("Plan 2027"), tal(12)]), None);
        // Two blocks side by side.
        let r = rubrikrad(&[Cell::Tom, tal(2025), tal(2026), tal(2025), tal(2026)]).unwrap();
        assert_eq!(r, vec![vec![(1, 2025), (2, 2026)], vec![(3, 2025), (4, 2026)]]);
    }

    #[test]
    fn tabeller_med_titlar_och_fotnoter() {
        let rader = vec![
            vec![text("Tabell 1. Prognos, procentuell förändring")],
            vec![],
            vec![Cell::Tom, tal(2025), tal(2026)],
            vec![text("Skatteunderlag"), text("3,4"), text("3,5")],
            vec![text("1) Fotnot")],
            vec![text("Tabell 2. Mnkr")],
            vec![Cell::Tom, text("Budget 2026"), text("Plan 2027")],
            vec![text("Kommunalskatt"), tal(872), tal(899)],
        ];
        let t = tabeller(&rader);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].titel, 0..2);
        assert_eq!(t[0].data, 3..6);
        assert_eq!(t[1].titel, 4..6);
        assert_eq!(t[1].data, 7..8);
        assert_eq!(t[1].forsta_arskolumn(), 1);
    }
}

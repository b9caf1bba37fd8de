//! The workbook of `ramverk budget` (MODELL §12): the appendix of *Mål och
//! budget* that kommunfullmäktige reads. Sheets, in reading order:
//! *Sammanfattning* (the financial targets met or not, the key ratios),
//! *Resultatbudget* (with its notes), *Balansbudget* and
//! *Kassaflödesbudget* (when `[balans]` gives anläggningstillgångar),
//! *Driftbudget* (frames per nämnd and the bridge from last year's frame),
//! *Investeringsbudget*, *Känslighetsanalys*, *Mål och medel* and
//! *Antaganden*.
//!
//! Written for the reader, not the engineer: plain Swedish labels (no
//! formula notation, no keys of the model files), amounts in tkr or — with
//! `--enhet mnkr` — mnkr with one decimal, percentages with the decimals of
//! their inputs. Every line that is a sum or a difference is a live formula
//! with its result stored; the lines it adds are values ramverk computed.
//! Each sheet defines its columns once with [`Kolumner`].

mod antaganden;
mod balansbudget;
mod driftbudget;
mod investeringsbudget;
mod kanslighet;
mod kassaflode;
mod mal_och_medel;
mod resultatbudget;
mod sammanfattning;

use super::{Arbetsbok, Arsceller, Blad, Cell, Dokument, Kolumner, Slag};
use crate::berakning::budget::Budget;
use crate::fel::Avbrott;
use crate::modell::Ar;
use crate::utdata::enhet::Enhet;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};
use std::fmt::Debug;

pub const SAMMANFATTNING: &str = "Sammanfattning";
pub const RESULTATBUDGET: &str = "Resultatbudget";
pub const BALANSBUDGET: &str = "Balansbudget";
pub const KASSAFLODESBUDGET: &str = "Kassaflödesbudget";
pub const DRIFTBUDGET: &str = "Driftbudget";
pub const INVESTERINGSBUDGET: &str = "Investeringsbudget";
pub const KANSLIGHETSANALYS: &str = "Känslighetsanalys";
pub const MAL_OCH_MEDEL: &str = "Mål och medel";
pub const ANTAGANDEN: &str = "Antaganden";

/// The workbook of `budget`, sheets in the order of UTDATA.md.
pub fn arbetsbok(b: &Budget<'_>, enhet: Enhet) -> Result<Arbetsbok, Avbrott> {
    let g = &b.forslag.grund;
    let m = g.modell;
    let titel = format!("Mål och budget {}–{} – {}", m.budgetar(), m.sista_ar(), m.kommun);
    let mut bok = Arbetsbok::ny(Dokument::for_grund(titel, g));
    let stil = Stil { enhet, exakt: false };
    // Built in the order they refer to each other, shown in the order of reading.
    let (ant, a) = antaganden::blad(&bok, b, &stil)?;
    let (inv, ic) = investeringsbudget::blad(&bok, b, &stil, &a)?;
    let (rb, rc) = resultatbudget::blad(&bok, b, &stil)?;
    let balans = match (&b.balansbudget, &b.kassaflode) {
        (Some(bb), Some(kf)) => {
            let (mut kfb, kc) = kassaflode::blad(&bok, b, kf, &stil, &a, &rc, &ic)?;
            let (bbb, bc) = balansbudget::blad(&bok, b, bb, &stil, &rc, &ic, &kc)?;
            kassaflode::avstamning(&mut kfb, b, bb, &stil, &kc, &bc)?;
            Some((bbb, kfb, bc))
        }
        _ => None,
    };
    let (drift, dc) = driftbudget::blad(&bok, b, &stil)?;
    let kansl = kanslighet::blad(&bok, b, &stil)?;
    let mom = mal_och_medel::blad(&bok, b, &stil)?;
    let sf = sammanfattning::blad(&bok, b, &stil, &a, &rc, &ic, &dc, balans.as_ref().map(|(_, _, c)| c))?;
    bok.lagg_till(sf);
    bok.lagg_till(rb);
    if let Some((bbb, kfb, _)) = balans {
        bok.lagg_till(bbb);
        bok.lagg_till(kfb);
    }
    bok.lagg_till(drift);
    bok.lagg_till(inv);
    bok.lagg_till(kansl);
    bok.lagg_till(mom);
    bok.lagg_till(ant);
    Ok(bok)
}

/// The header of a year column of the document: `Budget 2026`, `Plan 2027`
/// (the basår: `Utfall/prognos 2025`, the year the balance starts from).
pub fn arsrubrik(b: &Budget<'_>, t: Ar) -> String {
    let m = b.forslag.grund.modell;
    if t == m.basar { format!("Prognos {t}") } else { super::arsrubrik(m, t) }
}

/// The number formats of the document, in the unit of `--enhet`.
pub struct Stil {
    pub enhet: Enhet,
    /// Amounts shown with one decimal more than the unit's (the exact
    /// amounts of the driftbudget's bridge beside the rounded frames).
    pub exakt: bool,
}

/// How a row's numbers look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// An amount in the document's unit.
    Belopp,
    /// A total: bold with a line above.
    Summa,
    /// An amount in bold (a row's total in a table of rows).
    Fet,
    /// A percent number with this many decimals (3.4 shown 3.4 %).
    Procent(u32),
    /// Kronor (per invånare), whole.
    Kr,
    /// Persons.
    Antal,
    /// A plain number with this many decimals (a tax rate, a year).
    Tal(u32),
}

impl Stil {
    /// The cell format of a row of `form`.
    pub fn format(&self, form: Form) -> Format {
        let belopp = match (self.exakt, self.enhet) {
            (false, e) => e.talformat(),
            (true, Enhet::Tkr) => "#,##0.0",
            (true, Enhet::Mnkr) => "#,##0.00",
        };
        match form {
            Form::Belopp => Format::new().set_num_format(belopp),
            Form::Summa => Format::new().set_num_format(belopp).set_bold().set_border_top(FormatBorder::Thin),
            Form::Fet => Format::new().set_num_format(belopp).set_bold(),
            Form::Procent(dp) => Format::new().set_num_format(procentformat(dp)),
            Form::Kr | Form::Antal => Format::new().set_num_format("#,##0"),
            Form::Tal(0) => Format::new().set_num_format("0"),
            Form::Tal(dp) => Format::new().set_num_format(format!("0.{}", "0".repeat(dp as usize))),
        }
    }

    /// The label format of a row of `form` (a total's label is bold).
    pub fn etikett(&self, form: Form) -> Format {
        match form {
            Form::Summa => Format::new().set_bold(),
            _ => Format::new(),
        }
    }

    /// An amount in tkr as the cell holds it (tkr, or mnkr).
    pub fn belopp(&self, tkr: Decimal) -> Decimal {
        self.enhet.i_enhet(tkr)
    }

    /// Kronor per unit of the document (1 000 for tkr, 1 000 000 for mnkr).
    pub fn kr_per_enhet(&self) -> Decimal {
        match self.enhet {
            Enhet::Tkr => Decimal::ONE_THOUSAND,
            Enhet::Mnkr => Decimal::ONE_THOUSAND * Decimal::ONE_THOUSAND,
        }
    }

    /// `Belopp i tkr` / `Belopp i mnkr`.
    pub fn enhetstext(&self) -> String {
        format!("Belopp i {}", self.enhet)
    }
}

/// `0.0%` with `dp` decimals.
pub fn procentformat(dp: u32) -> String {
    if dp == 0 { "0%".to_string() } else { format!("0.{}%", "0".repeat(dp as usize)) }
}

/// The decimals a percent input is shown with: as many as its values have
/// (24.26 → 2, 3.4 → 1), at least 1 and at most 4.
pub fn decimaler<'v>(varden: impl IntoIterator<Item = &'v Decimal>) -> u32 {
    varden.into_iter().map(|v| v.normalize().scale()).max().unwrap_or(1).clamp(1, 4)
}

/// What one cell of a row holds.
#[derive(Debug, Clone, PartialEq)]
pub enum V {
    /// A number computed by ramverk (or an input), in the row's unit.
    Tal(Decimal),
    /// A live formula (`=…`) with its exact result, in the row's unit.
    Formel(String, Decimal),
    /// A text.
    Text(String),
    /// A formula with a text result (`=IF(…,"uppfyllt","ej uppfyllt")`).
    Textformel(String, String),
    /// Nothing.
    Tom,
}

/// Writes `v` at (`rad`, `kol`) in the format of `form`; `None` for [`V::Tom`].
pub fn skriv(b: &mut Blad, rad: u32, kol: u16, v: V, stil: &Stil, form: Form) -> Result<Option<Cell>, Avbrott> {
    let f = stil.format(form);
    let slag = if matches!(form, Form::Procent(_)) { Slag::PROCENT } else { Slag::Tal };
    Ok(Some(match v {
        V::Tal(x) => b.tal_med(rad, kol, x, slag, &f)?,
        V::Formel(formel, x) => b.formel_med(rad, kol, &formel, x, slag, &f)?,
        V::Text(t) => b.text_med(rad, kol, &t, &f.set_align(FormatAlign::Right))?,
        V::Textformel(formel, t) => b.textformel(rad, kol, &formel, &t, &f.set_align(FormatAlign::Right))?,
        V::Tom => return Ok(None),
    }))
}

/// A row on the next free row: `etikett` in column `etikett_kol` (indented
/// `indrag` steps), and per year of `ar` in column `arskol(t)` the cell
/// `cell(t, this sheet's name)` gives, in the format of `form`. Returns the
/// year cells written.
#[allow(clippy::too_many_arguments)]
pub fn arsrad<K: Copy + PartialEq + Debug>(
    b: &mut Blad,
    kol: &Kolumner<K>,
    etikett_kol: K,
    etikett: &str,
    indrag: u8,
    stil: &Stil,
    form: Form,
    ar: &[Ar],
    arskol: impl Fn(Ar) -> K,
    mut cell: impl FnMut(Ar, &str) -> V,
) -> Result<Arsceller, Avbrott> {
    let r = b.ny_rad();
    let mut f = stil.etikett(form);
    if indrag > 0 {
        f = f.set_indent(indrag);
    }
    b.text_med(r, kol.kol(etikett_kol), etikett, &f)?;
    let namn = b.namn().to_string();
    let mut ut = Arsceller::new();
    for &t in ar {
        if let Some(c) = skriv(b, r, kol.kol(arskol(t)), cell(t, &namn), stil, form)? {
            ut.insert(t, c);
        }
    }
    Ok(ut)
}

/// `=a+b+c` of the year-`t` cells of `rader` (those that have one), as
/// written on sheet `blad`; `=SUM(a:z)` when they are one block of a column.
pub fn summaformel(rader: &[&Arsceller], t: Ar, blad: &str) -> Option<String> {
    let celler: Vec<&Cell> = rader.iter().filter_map(|r| r.get(&t)).collect();
    let (a, z) = (celler.first()?, celler.last()?);
    let block = a.blad == z.blad
        && celler.iter().all(|c| c.kol == a.kol && c.blad == a.blad)
        && celler.windows(2).all(|w| w[1].rad == w[0].rad + 1);
    Some(if block && celler.len() > 1 {
        format!("=SUM({})", a.till(z, blad))
    } else {
        format!("={}", celler.iter().map(|c| c.i(blad)).collect::<Vec<_>>().join("+"))
    })
}

/// The sum of the year-`t` cells of `rader` as a formula with result `x`
/// (the value `x` when there are none).
pub fn summa_v(rader: &[&Arsceller], t: Ar, blad: &str, x: Decimal) -> V {
    summaformel(rader, t, blad).map(|f| V::Formel(f, x)).unwrap_or(V::Tal(x))
}

/// A reference `=cell` as a formula on sheet `blad`.
pub fn ref_till(c: &Cell, blad: &str) -> String {
    format!("={}", c.i(blad))
}

/// Makes row `rad` high enough for its wrapped texts: each (text, column
/// width in characters) wraps into lines; the row gets the most lines.
pub fn radhojd(b: &mut Blad, rad: u32, texter: &[(&str, f64)]) -> Result<(), Avbrott> {
    let rader = texter
        .iter()
        // A column holds about 1.1 characters of running text per unit of width.
        .map(|(t, bredd)| super::blad::radbryt(t, (*bredd * 1.1 - 1.0).max(4.0) as usize).len())
        .max()
        .unwrap_or(1);
    if rader > 1 {
        b.ark().set_row_height(rad, 15.0 * rader as f64)?;
    }
    Ok(())
}

/// Writes the header row `rad` of the columns `kol` (row 0 is written by
/// [`Arbetsbok::nytt_blad`]; writing it again aligns it): the headers of the
/// columns `tal` says hold numbers stand right, over their numbers.
pub fn rubriker<K: Copy + PartialEq + Debug>(
    b: &mut Blad,
    rad: u32,
    kol: &Kolumner<K>,
    tal: impl Fn(K) -> bool,
) -> Result<(), Avbrott> {
    let rubriker: Vec<String> = kol.kolumner().into_iter().map(|k| k.rubrik).collect();
    b.rubrikrad(rad, &rubriker)?;
    for k in kol.nycklar().filter(|k| tal(*k)) {
        b.text_med(rad, kol.kol(k), kol.rubrik(k), &super::rubrikformat().set_align(FormatAlign::Right))?;
    }
    Ok(())
}

/// `uppfyllt` or `ej uppfyllt`.
pub fn uppfyllt(ja: bool) -> &'static str {
    if ja { "uppfyllt" } else { "ej uppfyllt" }
}

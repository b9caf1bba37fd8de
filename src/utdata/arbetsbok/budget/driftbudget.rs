//! *Driftbudget*: the frames per nämnd for the budget and plan years with the
//! change against last year's frame, and the bridge from last year's frame
//! to the budget year's — the same terms as `ramverk forklara` (MODELL §12).

use super::{DRIFTBUDGET, Form, Stil, V, skriv};
use crate::berakning::budget::Budget;
use crate::fel::Avbrott;
use crate::modell::Ar;
use crate::utdata::arbetsbok::{Arbetsbok, Arsceller, Blad, Cell, Kolumn, Kolumner};
use rust_decimal::Decimal;

/// The columns of the frames (the sheet's header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Namnd,
    Basram,
    Ar(Ar),
    Forandring,
    Procent,
}

/// The columns of the bridge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum B {
    Namnd,
    Term(usize),
    Ram,
}

/// The bridge's terms in order: label.
const TERMER: [&str; 8] = [
    "Ram",
    "Pris- och lönekompensation",
    "Demografi",
    "Kända förändringar",
    "Kapitalkostnader",
    "Effektivisering",
    "Tillskott",
    "Minskningar",
];

/// The totals other sheets refer to.
#[derive(Debug, Clone, Default)]
pub struct Driftceller {
    /// Σ of the frames per plan year.
    pub summa_ramar: Arsceller,
}

pub fn blad(bok: &Arbetsbok, bu: &Budget<'_>, stil: &Stil) -> Result<(Blad, Driftceller), Avbrott> {
    let f = &bu.forslag;
    let m = f.grund.modell;
    let ar = m.ar();
    let (t0, budgetar) = (m.basar, m.budgetar());
    let enhet = stil.enhet;
    let mut kol = Kolumner::ny()
        .med(K::Namnd, Kolumn::ny(format!("Ramar per nämnd, {enhet}"), 40.0))
        .med(K::Basram, Kolumn::tal(format!("Budget {t0}")));
    for &t in &ar {
        kol.lagg_till(K::Ar(t), Kolumn::tal(super::arsrubrik(bu, t)));
    }
    kol.lagg_till(K::Forandring, Kolumn::tal(format!("Förändring {budgetar}")));
    kol.lagg_till(K::Procent, Kolumn::tal(format!("Förändring {budgetar}, procent")));
    let mut bro = Kolumner::ny().med(B::Namnd, Kolumn::ny(format!("Från ram {t0} till ram {budgetar}, {enhet}"), 40.0));
    for (i, term) in TERMER.iter().enumerate() {
        let rubrik = if i == 0 { format!("{term} {t0}") } else { term.to_string() };
        bro.lagg_till(B::Term(i), Kolumn::ny(rubrik, 19.0));
    }
    bro.lagg_till(B::Ram, Kolumn::tal(format!("Ram {budgetar}")));
    let mut b = bok.nytt_blad(DRIFTBUDGET, &kol.kolumner(), 1)?;
    super::rubriker(&mut b, 0, &kol, |k| !matches!(k, K::Namnd))?;
    // The bridge's columns are wider where they need to be.
    for (i, k) in bro.kolumner().iter().enumerate() {
        let bredd = kol.kolumner().get(i).map(|x| x.bredd).unwrap_or(0.0).max(k.bredd);
        b.kolumnbredd(i as u16, bredd)?;
    }
    let sheet = b.namn().to_string();
    let cell = |rad: u32, kol: u16| Cell { blad: sheet.clone(), rad, kol };

    // The frames: basår as decided, the plan years rounded to add up (§10 of the model).
    let forsta = b.rad();
    for (n, namnd) in m.namnder.iter().enumerate() {
        let r = b.ny_rad();
        b.text(r, kol.kol(K::Namnd), &namnd.namn)?;
        let bas = skriv(&mut b, r, kol.kol(K::Basram), V::Tal(stil.belopp(namnd.ram)), stil, Form::Belopp)?;
        for &t in &ar {
            skriv(&mut b, r, kol.kol(K::Ar(t)), V::Tal(stil.belopp(f.ramar_avrundade[n][&t])), stil, Form::Belopp)?;
        }
        let (bas, ny) = (bas.expect("ram"), cell(r, kol.kol(K::Ar(budgetar))));
        let kolumner = (kol.kol(K::Forandring), kol.kol(K::Procent));
        forandring(&mut b, stil, r, kolumner, (&bas, &ny), (namnd.ram, f.ramar_avrundade[n][&budgetar]), Form::Belopp)?;
    }
    let sista = b.rad().saturating_sub(1);
    let r = b.ny_rad();
    b.text_med(r, kol.kol(K::Namnd), "Summa", &stil.etikett(Form::Summa))?;
    let summa = |b: &mut Blad, k: u16, v: Decimal| {
        let f = format!("=SUM({})", cell(forsta, k).till(&cell(sista, k), &sheet));
        skriv(b, r, k, V::Formel(f, stil.belopp(v)), stil, Form::Summa).map(|c| c.expect("summa"))
    };
    let bas = summa(&mut b, kol.kol(K::Basram), m.basram())?;
    let mut summa_ramar = Arsceller::new();
    for &t in &ar {
        let v: Decimal = f.ramar_avrundade.iter().map(|x| x[&t]).sum();
        summa_ramar.insert(t, summa(&mut b, kol.kol(K::Ar(t)), v)?);
    }
    let sum_b: Decimal = f.ramar_avrundade.iter().map(|x| x[&budgetar]).sum();
    let kolumner = (kol.kol(K::Forandring), kol.kol(K::Procent));
    forandring(&mut b, stil, r, kolumner, (&bas, &summa_ramar[&budgetar]), (m.basram(), sum_b), Form::Summa)?;
    b.tom_rad();
    b.anteckning(&format!(
        "Ramarna för {budgetar} och planåren är avrundade till hela {} tkr så att de tillsammans blir den avrundade \
         summan; bryggan nedan visar de exakta beloppen.",
        crate::tal::svensk(m.enhet_tkr, 0)
    ))?;
    b.tom_rad();

    // The bridge, one row per nämnd: exact amounts, shown with a decimal more
    // so that they read as exact beside the rounded frames above.
    let stil = &Stil { enhet: stil.enhet, exakt: true };
    let rubrikrad = b.ny_rad();
    super::rubriker(&mut b, rubrikrad, &bro, |k| !matches!(k, B::Namnd))?;
    let forsta = b.rad();
    for (n, namnd) in m.namnder.iter().enumerate() {
        let d = &bu.driftbudget[n];
        let r = b.ny_rad();
        b.text(r, bro.kol(B::Namnd), &namnd.namn)?;
        for (i, (_, v)) in d.termer().iter().enumerate() {
            skriv(&mut b, r, bro.kol(B::Term(i)), V::Tal(stil.belopp(*v)), stil, Form::Belopp)?;
        }
        let (a, z) = (cell(r, bro.kol(B::Term(0))), cell(r, bro.kol(B::Term(TERMER.len() - 1))));
        let ram: Decimal = d.termer().iter().map(|(_, v)| stil.belopp(*v)).sum();
        skriv(&mut b, r, bro.kol(B::Ram), V::Formel(format!("=SUM({})", a.till(&z, &sheet)), ram), stil, Form::Fet)?;
    }
    let sista = b.rad().saturating_sub(1);
    let r = b.ny_rad();
    b.text_med(r, bro.kol(B::Namnd), "Summa", &stil.etikett(Form::Summa))?;
    // Per column the sum of one term over the nämnder; the last column the sum of their frames.
    let term = |d: &crate::berakning::budget::driftbudget::Driftbudget, i: usize| stil.belopp(d.termer()[i].1);
    let mut kolumner: Vec<(u16, Decimal)> =
        (0..TERMER.len()).map(|i| (bro.kol(B::Term(i)), bu.driftbudget.iter().map(|d| term(d, i)).sum())).collect();
    let ramar: Decimal =
        bu.driftbudget.iter().flat_map(|d| (0..TERMER.len()).map(move |i| (d, i))).map(|(d, i)| term(d, i)).sum();
    kolumner.push((bro.kol(B::Ram), ramar));
    for (k, v) in kolumner {
        let f = format!("=SUM({})", cell(forsta, k).till(&cell(sista, k), &sheet));
        skriv(&mut b, r, k, V::Formel(f, v), stil, Form::Summa)?;
    }
    b.tom_rad();
    b.anteckning(&format!(
        "{}. Pris- och lönekompensation: förra årets ram uppräknad med löne- och prisökningar enligt SKR (intäkterna \
         med avgiftsökningar). Demografi: fler eller färre invånare i de åldrar nämnden arbetar för. Kända \
         förändringar: redan fattade beslut. Kapitalkostnader: avskrivning och internränta på nya investeringar. \
         Effektivisering: det generella effektiviseringskravet. Tillskott och minskningar: de poster ur nämndens \
         VF-lista som ingår i budgeten (se bladet Mål och medel).",
        stil.enhetstext()
    ))?;
    Ok((b, Driftceller { summa_ramar }))
}

/// The change against basår in the unit and in percent, as formulas.
fn forandring(
    b: &mut Blad,
    stil: &Stil,
    r: u32,
    (k_belopp, k_procent): (u16, u16),
    (bas, ny): (&Cell, &Cell),
    (bas_v, ny_v): (Decimal, Decimal),
    form: Form,
) -> Result<(), Avbrott> {
    let blad = b.namn().to_string();
    let diff = stil.belopp(ny_v) - stil.belopp(bas_v);
    skriv(b, r, k_belopp, V::Formel(format!("={}-{}", ny.i(&blad), bas.i(&blad)), diff), stil, form)?;
    let v = if bas_v.is_zero() {
        V::Text("–".into())
    } else {
        V::Formel(format!("={}/{}-1", ny.i(&blad), bas.i(&blad)), (ny_v / bas_v - Decimal::ONE) * Decimal::ONE_HUNDRED)
    };
    skriv(b, r, k_procent, v, stil, Form::Procent(1))?;
    Ok(())
}

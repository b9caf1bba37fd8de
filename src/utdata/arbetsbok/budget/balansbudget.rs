//! *Balansbudget*: the balance sheet at the end of basår (prognosis) and of
//! each plan year, rolled forward by the result, the investments and their
//! depreciation, the pension provision and the loans; the pension
//! obligations outside the balance sheet and the soliditet (MODELL §9, §12).

use super::investeringsbudget::Investeringsceller;
use super::kassaflode::Kassaceller;
use super::resultatbudget::Resultatceller;
use super::{BALANSBUDGET, Form, Stil, V, arsrad, skriv, summaformel};
use crate::berakning::budget::Budget;
use crate::berakning::budget::balansbudget::{Balansar, Balansbudget};
use crate::berakning::finansiella_mal::ansvarsforbindelse;
use crate::fel::Avbrott;
use crate::modell::Ar;
use crate::utdata::arbetsbok::{Arbetsbok, Arsceller, Blad, Kolumn, Kolumner};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Post,
    Ar(Ar),
}

/// The rows other sheets refer to (basår included).
#[derive(Debug, Clone, Default)]
pub struct Balansceller {
    pub omsattningstillgangar: Arsceller,
    pub langfristiga_skulder: Arsceller,
    pub soliditet: Arsceller,
    pub soliditet_inkl_pension: Arsceller,
}

pub fn blad(
    bok: &Arbetsbok,
    bu: &Budget<'_>,
    bb: &Balansbudget,
    stil: &Stil,
    rc: &Resultatceller,
    ic: &Investeringsceller,
    kc: &Kassaceller,
) -> Result<(Blad, Balansceller), Avbrott> {
    let f = &bu.forslag;
    let m = f.grund.modell;
    let t0 = m.basar;
    let ar: Vec<Ar> = std::iter::once(t0).chain(m.ar()).collect();
    let mut kol = Kolumner::ny().med(K::Post, Kolumn::ny(format!("Balansbudget, {}", stil.enhet), 58.0));
    for &t in &ar {
        kol.lagg_till(K::Ar(t), Kolumn::tal(super::arsrubrik(bu, t)));
    }
    let mut b = bok.nytt_blad(BALANSBUDGET, &kol.kolumner(), 1)?;
    super::rubriker(&mut b, 0, &kol, |k| matches!(k, K::Ar(_)))?;
    let sheet = b.namn().to_string();
    let balans = |t: Ar| -> &Balansar { if t == t0 { &bb.ingaende } else { &bb.ar[&t] } };
    let rad = |b: &mut Blad, etikett: &str, indrag: u8, form: Form, cell: &dyn Fn(Ar, &str) -> V| {
        arsrad(b, &kol, K::Post, etikett, indrag, stil, form, &ar, K::Ar, cell)
    };
    // A row rolled forward: basår's value, then the previous year plus the terms.
    let rullad = |b: &mut Blad, etikett: &str, v: fn(&Balansar) -> Decimal, termer: &dyn Fn(Ar, &str) -> String| {
        let r = b.rad();
        let forra = |t: Ar| crate::utdata::arbetsbok::Cell { blad: sheet.clone(), rad: r, kol: kol.kol(K::Ar(t - 1)) };
        rad(b, etikett, 1, Form::Belopp, &|t, blad| {
            let x = stil.belopp(v(balans(t)));
            if t == t0 { V::Tal(x) } else { V::Formel(format!("={}{}", forra(t).i(blad), termer(t, blad)), x) }
        })
    };

    b.avsnitt("Tillgångar")?;
    let at = rullad(&mut b, "Anläggningstillgångar", |x| x.anlaggningstillgangar, &|t, blad| {
        format!("+{}+{}", ic.utgifter[&t].i(blad), rc.avskrivningar[&t].i(blad))
    })?;
    // Omsättningstillgångar are what the other side leaves: written once that side is.
    let ot_rad = b.ny_rad();
    b.text_med(ot_rad, kol.kol(K::Post), "Omsättningstillgångar", &rust_xlsxwriter::Format::new().set_indent(1))?;
    let cell = |rad: u32, t: Ar| crate::utdata::arbetsbok::Cell { blad: sheet.clone(), rad, kol: kol.kol(K::Ar(t)) };
    rad(&mut b, "Summa tillgångar", 0, Form::Summa, &|t, blad| {
        V::Formel(format!("=SUM({})", cell(ot_rad - 1, t).till(&cell(ot_rad, t), blad)), stil.belopp(balans(t).summa))
    })?;
    b.tom_rad();
    b.avsnitt("Eget kapital, avsättningar och skulder")?;
    let ek =
        rullad(&mut b, "Eget kapital", |x| x.eget_kapital, &|t, blad| format!("+{}", rc.arets_resultat[&t].i(blad)))?;
    let av =
        rullad(&mut b, "Avsättningar", |x| x.avsattningar, &|t, blad| format!("+{}", kc.avsattningar[&t].i(blad)))?;
    let ls = rullad(&mut b, "Långfristiga skulder", |x| x.langfristiga_skulder, &|t, blad| {
        format!("+{}+{}", kc.nya_lan[&t].i(blad), kc.amortering[&t].i(blad))
    })?;
    let ks = rullad(&mut b, "Kortfristiga skulder", |x| x.kortfristiga_skulder, &|_, _| String::new())?;
    let summa = rad(&mut b, "Summa eget kapital, avsättningar och skulder", 0, Form::Summa, &|t, blad| {
        let f = summaformel(&[&ek, &av, &ls, &ks], t, blad).unwrap_or_default();
        V::Formel(f, stil.belopp(balans(t).summa))
    })?;
    let mut ot = Arsceller::new();
    for &t in &ar {
        let x = stil.belopp(balans(t).omsattningstillgangar);
        let v =
            if t == t0 { V::Tal(x) } else { V::Formel(format!("={}-{}", summa[&t].i(&sheet), at[&t].i(&sheet)), x) };
        if let Some(c) = skriv(&mut b, ot_rad, kol.kol(K::Ar(t)), v, stil, Form::Belopp)? {
            ot.insert(t, c);
        }
    }
    b.tom_rad();

    b.avsnitt("Pensionsförpliktelser och soliditet")?;
    let bal = m.balans.as_ref().expect("balansbudgeten har [balans]");
    let af_varde = |t: Ar| {
        if t == t0 {
            bal.ansvarsforbindelse_pension
        } else {
            ansvarsforbindelse(m, t).unwrap_or(bal.ansvarsforbindelse_pension)
        }
    };
    let af =
        rad(&mut b, "Pensionsförpliktelser utanför balansräkningen, med löneskatt", 1, Form::Belopp, &|t, _| {
            V::Tal(stil.belopp(af_varde(t)))
        })?;
    let kvot = |a: Decimal, b: Decimal| if b.is_zero() { Decimal::ZERO } else { a * Decimal::ONE_HUNDRED / b };
    let sol = f.kommun.as_ref();
    let soliditet = rad(&mut b, "Soliditet", 1, Form::Procent(1), &|t, blad| {
        let v = match (t == t0, sol) {
            (false, Some(s)) => s.soliditet[&t],
            _ => kvot(balans(t).eget_kapital, balans(t).summa),
        };
        V::Formel(format!("={}/{}", ek[&t].i(blad), summa[&t].i(blad)), v)
    })?;
    let soliditet_inkl_pension =
        rad(&mut b, "Soliditet inklusive pensionsförpliktelserna", 1, Form::Procent(1), &|t, blad| {
            let v = match (t == t0, sol) {
                (false, Some(s)) => s.soliditet_inkl_pension[&t],
                _ => kvot(balans(t).eget_kapital - af_varde(t), balans(t).summa),
            };
            V::Formel(format!("=({}-{})/{}", ek[&t].i(blad), af[&t].i(blad), summa[&t].i(blad)), v)
        })?;
    b.tom_rad();
    b.anteckning(&format!(
        "{}. Balansen vid utgången av {t0} är en prognos. Anläggningstillgångarna ökar med årets investeringar och \
         minskar med avskrivningarna; det egna kapitalet ökar med årets resultat; de långfristiga skulderna ökar med \
         nya lån och minskar med amorteringar. Omsättningstillgångarna är det som återstår av summan, och de \
         kortfristiga skulderna antas oförändrade.",
        stil.enhetstext()
    ))?;
    Ok((b, Balansceller { omsattningstillgangar: ot, langfristiga_skulder: ls, soliditet, soliditet_inkl_pension }))
}

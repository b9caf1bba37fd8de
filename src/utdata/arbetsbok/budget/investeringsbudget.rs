//! *Investeringsbudget*: the investments by project — amount, the year they
//! are taken into use and their depreciation period — with the outlay per
//! year (the investeringsutgift of the balans- and kassaflödesbudget), the
//! depreciation, the interest and how they are financed (MODELL §8, §12).

use super::antaganden::Antagandeceller;
use super::{Form, INVESTERINGSBUDGET, Stil, V, arsrad, skriv, summaformel};
use crate::berakning::budget::Budget;
use crate::fel::Avbrott;
use crate::modell::Ar;
use crate::utdata::arbetsbok::{Arbetsbok, Arsceller, Blad, Cell, Kolumn, Kolumner};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Projekt,
    Namnd,
    Belopp,
    Aktivering,
    Avskrivningstid,
    Ar(Ar),
}

/// The rows other sheets refer to.
#[derive(Debug, Clone, Default)]
pub struct Investeringsceller {
    /// INV(t): Summa investeringsutgifter.
    pub utgifter: Arsceller,
    /// NL(t): new loans.
    pub nya_lan: Arsceller,
}

pub fn blad(
    bok: &Arbetsbok,
    bu: &Budget<'_>,
    stil: &Stil,
    a: &Antagandeceller,
) -> Result<(Blad, Investeringsceller), Avbrott> {
    let g = &bu.forslag.grund;
    let m = g.modell;
    let ar = m.ar();
    let enhet = stil.enhet;
    let mut kol = Kolumner::ny()
        .med(K::Projekt, Kolumn::ny("Projekt", 46.0))
        .med(K::Namnd, Kolumn::ny("Nämnd", 30.0))
        .med(K::Belopp, Kolumn::tal(format!("Belopp, {enhet}")))
        .med(K::Aktivering, Kolumn::ny("Tas i bruk år", 12.0))
        .med(K::Avskrivningstid, Kolumn::ny("Avskrivningstid (år)", 16.0));
    for &t in &ar {
        kol.lagg_till(K::Ar(t), Kolumn::tal(super::arsrubrik(bu, t)));
    }
    let mut b = bok.nytt_blad(INVESTERINGSBUDGET, &kol.kolumner(), 1)?;
    super::rubriker(&mut b, 0, &kol, |k| !matches!(k, K::Projekt | K::Namnd))?;
    let blad = b.namn().to_string();
    let kap = &g.kapital.investeringar;
    let rad = |b: &mut Blad, etikett: &str, form: Form, cell: &dyn Fn(Ar, &str) -> V| {
        arsrad(b, &kol, K::Projekt, etikett, 0, stil, form, &ar, K::Ar, cell)
    };

    b.avsnitt(&format!("Investeringsutgifter, {enhet}"))?;
    // The list: amount, year of use and depreciation period are the inputs.
    let mut lista: Vec<[Cell; 3]> = Vec::new();
    let mut utgifter: Vec<Arsceller> = Vec::new();
    for inv in &m.investeringar {
        let r = b.ny_rad();
        b.text(r, kol.kol(K::Projekt), &format!("{} {}", inv.id, inv.projekt))?;
        b.text(r, kol.kol(K::Namnd), &m.namnder[inv.namnd].namn)?;
        let belopp = stil.belopp(inv.belopp);
        let bc = skriv(&mut b, r, kol.kol(K::Belopp), V::Tal(belopp), stil, Form::Belopp)?.expect("belopp");
        let ac = skriv(&mut b, r, kol.kol(K::Aktivering), V::Tal(inv.aktiveringsar.into()), stil, Form::Tal(0))?
            .expect("år");
        let lc = skriv(&mut b, r, kol.kol(K::Avskrivningstid), V::Tal(inv.avskrivningstid.into()), stil, Form::Tal(0))?
            .expect("tid");
        let mut celler = Arsceller::new();
        for &t in &ar {
            let v = if inv.aktiveringsar == t { belopp } else { Decimal::ZERO };
            let formel = format!("=IF({}={t},{},0)", ac.i(&blad), bc.i(&blad));
            if let Some(c) = skriv(&mut b, r, kol.kol(K::Ar(t)), V::Formel(formel, v), stil, Form::Belopp)? {
                celler.insert(t, c);
            }
        }
        utgifter.push(celler);
        lista.push([bc, ac, lc]);
    }
    if m.investeringar.is_empty() {
        b.anteckning("Inga investeringar i modellen.")?;
    }
    let refs: Vec<&Arsceller> = utgifter.iter().collect();
    let summa_utgifter = rad(&mut b, "Summa investeringsutgifter", Form::Summa, &|t, blad| {
        let v = stil.belopp(bu.investeringar[&t]);
        summaformel(&refs, t, blad).map(|f| V::Formel(f, v)).unwrap_or(V::Tal(v))
    })?;
    if let (Some(forsta), Some(sista)) = (lista.first(), lista.last()) {
        let r = b.rad() - 1;
        let total: Decimal = m.investeringar.iter().map(|i| stil.belopp(i.belopp)).sum();
        let f = format!("=SUM({})", forsta[0].till(&sista[0], &blad));
        skriv(&mut b, r, kol.kol(K::Belopp), V::Formel(f, total), stil, Form::Summa)?;
    }
    b.tom_rad();

    let termer = |i: usize, t: Ar| {
        let [bel, akt, tid] = &lista[i];
        (format!("AND({t}>{a},{t}<={a}+{l})", a = akt.i(&blad), l = tid.i(&blad)), bel.i(&blad), tid.i(&blad))
    };
    if !m.investeringar.is_empty() {
        b.avsnitt(&format!(
            "Avskrivningar, {enhet}: lika stora belopp varje år under avskrivningstiden, från året efter att \
             investeringen tas i bruk"
        ))?;
        let mut avskr = Vec::new();
        for (i, inv) in m.investeringar.iter().enumerate() {
            avskr.push(rad(&mut b, &format!("{} {}", inv.id, inv.projekt), Form::Belopp, &|t, _| {
                let (villkor, bel, tid) = termer(i, t);
                V::Formel(format!("=IF({villkor},{bel}/{tid},0)"), stil.belopp(kap[i][&t].avskrivning))
            })?);
        }
        let refs: Vec<&Arsceller> = avskr.iter().collect();
        rad(&mut b, "Summa avskrivningar", Form::Summa, &|t, blad| {
            let v: Decimal = kap.iter().map(|k| stil.belopp(k[&t].avskrivning)).sum();
            summaformel(&refs, t, blad).map(|f| V::Formel(f, v)).unwrap_or(V::Tal(v))
        })?;
        b.tom_rad();
        let rantor = |b: &mut Blad, rubrik: &str, summa: &str, v: &dyn Fn(usize, Ar) -> Decimal| {
            b.avsnitt(rubrik)?;
            let mut rader = Vec::new();
            for (i, inv) in m.investeringar.iter().enumerate() {
                rader.push(rad(b, &format!("{} {}", inv.id, inv.projekt), Form::Belopp, &|t, _| {
                    V::Tal(stil.belopp(v(i, t)))
                })?);
            }
            let refs: Vec<&Arsceller> = rader.iter().collect();
            rad(b, summa, Form::Summa, &|t, blad| {
                let s: Decimal = (0..m.investeringar.len()).map(|i| stil.belopp(v(i, t))).sum();
                summaformel(&refs, t, blad).map(|f| V::Formel(f, s)).unwrap_or(V::Tal(s))
            })?;
            b.tom_rad();
            Ok::<(), Avbrott>(())
        };
        if m.kapital.kapitalkostnad_i_ram {
            rantor(
                &mut b,
                &format!("Internränta, {enhet}: bokfört värde vid årets början gånger SKR:s internränta"),
                "Summa internränta",
                &|i, t| kap[i][&t].internranta,
            )?;
        }
        if m.kapital.laneranta.is_some() {
            rantor(
                &mut b,
                &format!("Räntekostnad för lån, {enhet}: bokfört värde gånger lånefinansierad andel och låneränta"),
                "Summa räntekostnad för lån",
                &|i, t| kap[i][&t].extern_ranta,
            )?;
        }
    }

    b.avsnitt(&format!("Finansiering, {enhet}"))?;
    let nya_lan = rad(&mut b, "Nya lån", Form::Belopp, &|t, blad| {
        let v = stil.belopp(g.kapital.nya_lan.get(&t).copied().unwrap_or_default());
        V::Formel(format!("={}*{}", summa_utgifter[&t].i(blad), a.lanefinansiering.abs_i(blad)), v)
    })?;
    rad(&mut b, "Egen finansiering (skatte- och avskrivningsmedel)", Form::Belopp, &|t, blad| {
        let v = stil.belopp(bu.investeringar[&t] - g.kapital.nya_lan.get(&t).copied().unwrap_or_default());
        V::Formel(format!("={}-{}", summa_utgifter[&t].i(blad), nya_lan[&t].i(blad)), v)
    })?;
    b.tom_rad();
    b.anteckning(&format!(
        "{}. {}",
        stil.enhetstext(),
        if m.kapital.kapitalkostnad_i_ram {
            "Avskrivningarna och internräntan på nya investeringar ingår i nämndernas ramar; internräntan är en \
             intäkt för finansförvaltningen."
        } else {
            "Avskrivningarna på nya investeringar budgeteras i finansförvaltningen, utanför nämndernas ramar."
        }
    ))?;
    Ok((b, Investeringsceller { utgifter: summa_utgifter, nya_lan }))
}

//! *Mål och medel*: the styrmodell's link between goals and money — per
//! inriktningsmål and per perspektiv what the selected tillskott add, what
//! the selected minskningar take and which tillskott do not fit, and every
//! VF item under its inriktningsmål with its konsekvens (MODELL §12).

use super::{Form, MAL_OCH_MEDEL, Stil, V, radhojd, skriv};
use crate::berakning::budget::Budget;
use crate::berakning::budget::mal_och_medel::Malsumma;
use crate::fel::Avbrott;
use crate::modell::VfTyp;
use crate::utdata::arbetsbok::{Arbetsbok, Blad, Cell, FARG_VALD, Kolumn, Kolumner};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatAlign};
use std::collections::BTreeMap;

/// The summary tables' columns (the sheet's header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum S {
    Mal,
    ValdaTillskott,
    ValdaMinskningar,
    Netto,
    EjValda,
}

/// The list's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum L {
    Atgard,
    Namnd,
    Typ,
    Perspektiv,
    Belopp,
    IForslaget,
    Konsekvens,
}

/// The name of the group of items without an inriktningsmål, as the document writes it.
pub fn utan_mal() -> String {
    "Utan inriktningsmål".to_string()
}

pub fn blad(bok: &Arbetsbok, bu: &Budget<'_>, stil: &Stil) -> Result<Blad, Avbrott> {
    let f = &bu.forslag;
    let m = f.grund.modell;
    let budgetar = m.budgetar();
    let enhet = stil.enhet;
    let mom = &bu.mal_och_medel;
    let sk = Kolumner::ny()
        .med(S::Mal, Kolumn::ny(format!("Inriktningsmål, budget {budgetar}, {enhet}"), 46.0))
        .med(S::ValdaTillskott, Kolumn::tal("Tillskott i budgeten"))
        .med(S::ValdaMinskningar, Kolumn::tal("Minskningar i budgeten"))
        .med(S::Netto, Kolumn::tal("Netto"))
        .med(S::EjValda, Kolumn::tal("Tillskott som inte ryms"));
    let lk = Kolumner::ny()
        .med(L::Atgard, Kolumn::ny("Åtgärd", 46.0))
        .med(L::Namnd, Kolumn::ny("Nämnd", 20.0))
        .med(L::Typ, Kolumn::ny("Typ", 11.0))
        .med(L::Perspektiv, Kolumn::ny("Perspektiv", 13.0))
        .med(L::Belopp, Kolumn::tal(format!("Belopp {budgetar}, {enhet}")))
        .med(L::IForslaget, Kolumn::ny("I budgeten", 10.0))
        .med(L::Konsekvens, Kolumn::ny("Konsekvens", 56.0));
    let mut b = bok.nytt_blad(MAL_OCH_MEDEL, &sk.kolumner(), 1)?;
    b.flera_tabeller();
    super::rubriker(&mut b, 0, &sk, |k| !matches!(k, S::Mal))?;
    for (i, k) in lk.kolumner().iter().enumerate() {
        let bredd = sk.kolumner().get(i).map(|x| x.bredd).unwrap_or(0.0).max(k.bredd);
        b.kolumnbredd(i as u16, bredd)?;
    }
    let sheet = b.namn().to_string();
    if m.vf.is_empty() {
        b.anteckning("Inga poster ur VF-listorna i modellen.")?;
        return Ok(b);
    }

    // The list comes below the two summaries, which refer to it: leave room for them.
    let start = b.rad();
    // Goals and their total, a blank row, the perspektiv header, rows and
    // total, a blank row, the note (two rows) and a blank row.
    let sammanfattning = mom.inriktningsmal.len() + mom.perspektiv.len() + 8;
    b.rad = start + sammanfattning as u32;
    b.avsnitt("Posterna ur VF-listorna per inriktningsmål")?;
    let rubrikrad = b.ny_rad();
    super::rubriker(&mut b, rubrikrad, &lk, |k| matches!(k, L::Belopp))?;
    let mut belopp: BTreeMap<usize, Cell> = BTreeMap::new();
    let fet = Format::new().set_bold();
    let topp = Format::new().set_align(FormatAlign::Top);
    for mal in &mom.inriktningsmal {
        let r = b.ny_rad();
        let rubrik = match mal.nr {
            Some(nr) => format!("Inriktningsmål {nr}. {}", mal.namn),
            None => utan_mal(),
        };
        b.text_med(r, lk.kol(L::Atgard), &rubrik, &fet)?;
        let mut poster = mal.summa.alla.clone();
        poster.sort_by_key(|&i| (!f.urval.vald[i], i));
        for i in poster {
            let p = &m.vf[i];
            let vald = f.urval.vald[i];
            let fyll = |x: Format| if vald { x.set_background_color(Color::RGB(FARG_VALD)) } else { x };
            let text = fyll(topp.clone().set_text_wrap());
            let r = b.ny_rad();
            b.text_med(r, lk.kol(L::Atgard), &p.rubrik, &text)?;
            b.text_med(r, lk.kol(L::Namnd), &m.namnder[p.namnd].namn, &text)?;
            let typ = if p.typ == VfTyp::Tillskott { "Tillskott" } else { "Minskning" };
            b.text_med(r, lk.kol(L::Typ), typ, &text)?;
            b.text_med(r, lk.kol(L::Perspektiv), p.perspektiv.as_deref().unwrap_or(""), &text)?;
            let v = stil.belopp(p.belopp.eller_noll(budgetar));
            let fmt = fyll(stil.format(Form::Belopp).set_align(FormatAlign::Top));
            belopp.insert(i, b.tal_med(r, lk.kol(L::Belopp), v, crate::utdata::arbetsbok::Slag::Tal, &fmt)?);
            b.text_med(
                r,
                lk.kol(L::IForslaget),
                if vald { "Ja" } else { "Nej" },
                &text.clone().set_align(FormatAlign::Center),
            )?;
            let konsekvens = p.konsekvens.as_deref().unwrap_or("");
            b.text_med(r, lk.kol(L::Konsekvens), konsekvens, &text)?;
            let bredd = |k: L| {
                lk.kolumner()[lk.kol(k) as usize]
                    .bredd
                    .max(sk.kolumner().get(lk.kol(k) as usize).map(|x| x.bredd).unwrap_or(0.0))
            };
            let namnd = &m.namnder[p.namnd].namn;
            let persp = p.perspektiv.as_deref().unwrap_or("");
            radhojd(
                &mut b,
                r,
                &[
                    (&p.rubrik, bredd(L::Atgard)),
                    (namnd, bredd(L::Namnd)),
                    (persp, bredd(L::Perspektiv)),
                    (konsekvens, bredd(L::Konsekvens)),
                ],
            )?;
        }
    }
    let slut = b.rad();
    b.rad = start;

    // The summaries: per goal and per perspektiv, sums of the list's amounts.
    let sammandrag = |b: &mut Blad, rader: Vec<(String, &Malsumma)>| -> Result<(), Avbrott> {
        let forsta = b.rad();
        for (etikett, s) in &rader {
            let r = b.ny_rad();
            b.text_med(r, sk.kol(S::Mal), etikett, &Format::new().set_text_wrap())?;
            radhojd(b, r, &[(etikett, sk.kolumner()[0].bredd)])?;
            let summa = |b: &mut Blad, k: S, typ: VfTyp, vald: bool, v: Decimal| {
                let celler: Vec<String> = s
                    .alla
                    .iter()
                    .filter(|&&i| m.vf[i].typ == typ && f.urval.vald[i] == vald)
                    .map(|i| belopp[i].i(&sheet))
                    .collect();
                let x = if celler.is_empty() {
                    V::Tal(stil.belopp(v))
                } else {
                    V::Formel(format!("={}", celler.join("+")), stil.belopp(v))
                };
                skriv(b, r, sk.kol(k), x, stil, Form::Belopp).map(|c| c.expect("belopp"))
            };
            let t = summa(b, S::ValdaTillskott, VfTyp::Tillskott, true, s.valda_tillskott)?;
            let mi = summa(b, S::ValdaMinskningar, VfTyp::Minskning, true, s.valda_minskningar)?;
            let netto = stil.belopp(s.valda_tillskott) + stil.belopp(s.valda_minskningar);
            skriv(
                b,
                r,
                sk.kol(S::Netto),
                V::Formel(format!("={}+{}", t.i(&sheet), mi.i(&sheet)), netto),
                stil,
                Form::Belopp,
            )?;
            summa(b, S::EjValda, VfTyp::Tillskott, false, s.ej_valda_tillskott)?;
        }
        let sista = b.rad() - 1;
        let r = b.ny_rad();
        b.text_med(r, sk.kol(S::Mal), "Summa", &stil.etikett(Form::Summa))?;
        for k in [S::ValdaTillskott, S::ValdaMinskningar, S::Netto, S::EjValda] {
            let c = |rad| Cell { blad: sheet.clone(), rad, kol: sk.kol(k) };
            let v: Decimal = rader
                .iter()
                .map(|(_, s)| match k {
                    S::ValdaTillskott => stil.belopp(s.valda_tillskott),
                    S::ValdaMinskningar => stil.belopp(s.valda_minskningar),
                    S::Netto => stil.belopp(s.valda_tillskott) + stil.belopp(s.valda_minskningar),
                    _ => stil.belopp(s.ej_valda_tillskott),
                })
                .sum();
            let x = if rader.is_empty() {
                V::Tal(v)
            } else {
                V::Formel(format!("=SUM({})", c(forsta).till(&c(sista), &sheet)), v)
            };
            skriv(b, r, sk.kol(k), x, stil, Form::Summa)?;
        }
        Ok(())
    };
    let mal: Vec<(String, &Malsumma)> = mom
        .inriktningsmal
        .iter()
        .map(|x| (x.nr.map(|nr| format!("{nr}. {}", x.namn)).unwrap_or_else(utan_mal), &x.summa))
        .collect();
    sammandrag(&mut b, mal)?;
    b.tom_rad();
    let r = b.ny_rad();
    super::rubriker(&mut b, r, &sk, |k| !matches!(k, S::Mal))?;
    let rubrik = format!("Perspektiv, budget {budgetar}, {enhet}");
    b.text_med(r, sk.kol(S::Mal), &rubrik, &crate::utdata::arbetsbok::rubrikformat())?;
    let persp: Vec<(String, &Malsumma)> = mom
        .perspektiv
        .iter()
        .map(|x| {
            let mut c = x.perspektiv.chars();
            let namn: String = c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
            (namn, &x.summa)
        })
        .collect();
    sammandrag(&mut b, persp)?;
    b.tom_rad();
    b.anteckning(&format!(
        "{}. Tillskott är positiva och minskningar negativa. Gröna rader ingår i budgeten. Perspektiven följer \
         styrmodellen; poster utan perspektiv räknas bara per inriktningsmål.",
        stil.enhetstext()
    ))?;
    debug_assert!(b.rad() <= start + sammanfattning as u32, "sammandraget får plats");
    b.rad = slut;
    Ok(b)
}

//! *Sammanfattning*: the financial targets with their values and whether
//! they are met, the key ratios and the budget in brief — each a formula on
//! the sheets behind it (MODELL §9, §12).

use super::antaganden::Antagandeceller;
use super::balansbudget::Balansceller;
use super::driftbudget::Driftceller;
use super::investeringsbudget::Investeringsceller;
use super::resultatbudget::Resultatceller;
use super::{Form, SAMMANFATTNING, Stil, V, arsrad, decimaler, ref_till, uppfyllt};
use crate::berakning::budget::Budget;
use crate::fel::Avbrott;
use crate::modell::Ar;
use crate::utdata::arbetsbok::{Arbetsbok, Arsceller, Blad, Kolumn, Kolumner};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, ConditionalFormatText, ConditionalFormatTextRule, Format};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Post,
    Ar(Ar),
}

#[allow(clippy::too_many_arguments)]
pub fn blad(
    bok: &Arbetsbok,
    bu: &Budget<'_>,
    stil: &Stil,
    a: &Antagandeceller,
    rc: &Resultatceller,
    ic: &Investeringsceller,
    dc: &Driftceller,
    bc: Option<&Balansceller>,
) -> Result<Blad, Avbrott> {
    let f = &bu.forslag;
    let g = &f.grund;
    let m = g.modell;
    let ar = m.ar();
    let enhet = stil.enhet;
    let mut kol =
        Kolumner::ny().med(K::Post, Kolumn::ny(format!("{} {}–{}", m.kommun, m.budgetar(), m.sista_ar()), 64.0));
    for &t in &ar {
        kol.lagg_till(K::Ar(t), Kolumn::tal(super::arsrubrik(bu, t)));
    }
    let mut b = bok.nytt_blad(SAMMANFATTNING, &kol.kolumner(), 1)?;
    super::rubriker(&mut b, 0, &kol, |k| matches!(k, K::Ar(_)))?;
    let rad = |b: &mut Blad, etikett: &str, form: Form, cell: &dyn Fn(Ar, &str) -> V| {
        arsrad(b, &kol, K::Post, etikett, 0, stil, form, &ar, K::Ar, cell)
    };
    let rb = &bu.resultatbudget;
    // S(t) as a formula term: skatteintäkter + generella statsbidrag och utjämning.
    let s = |t: Ar, blad: &str| format!("({}+{})", rc.skatteintakter[&t].i(blad), rc.statsbidrag[&t].i(blad));

    b.avsnitt("Finansiella mål")?;
    let resultat = rad(&mut b, &format!("Årets resultat, {enhet}"), Form::Belopp, &|t, blad| {
        V::Formel(ref_till(&rc.arets_resultat[&t], blad), stil.belopp(rb[&t].arets_resultat))
    })?;
    let procent = rad(
        &mut b,
        "Resultat i procent av skatteintäkter och generella statsbidrag",
        Form::Procent(1),
        &|t, blad| V::Formel(format!("={}/{}", resultat[&t].i(blad), s(t, blad)), f.resultat_procent[&t]),
    )?;
    let mal = g.ramutrymme[&m.budgetar()].resultatmal_procent;
    let malrad = rad(&mut b, "Mål för resultatet, procent", Form::Procent(decimaler([&mal])), &|t, blad| {
        V::Formel(ref_till(&a.resultatmal, blad), g.ramutrymme[&t].resultatmal_procent)
    })?;
    let forsta_mal = b.rad();
    let mal_ok = f.resultatmal_uppfyllt();
    rad(&mut b, "Resultatmålet", Form::Belopp, &|t, blad| {
        let villkor = format!("{}>={}", procent[&t].i(blad), malrad[&t].i(blad));
        V::Textformel(
            format!("=IF({villkor},\"{}\",\"{}\")", uppfyllt(true), uppfyllt(false)),
            uppfyllt(mal_ok[&t]).into(),
        )
    })?;
    let krav = f.balanskrav_uppfyllt();
    rad(&mut b, "Balanskravet: resultatet får inte vara negativt", Form::Belopp, &|t, blad| {
        let villkor = format!("{}>=0", resultat[&t].i(blad));
        V::Textformel(
            format!("=IF({villkor},\"{}\",\"{}\")", uppfyllt(true), uppfyllt(false)),
            uppfyllt(krav[&t]).into(),
        )
    })?;
    let sista_mal = b.rad() - 1;
    // Met in green, not met in red.
    for (text, farg) in [("ej", 0x9C0006u32), ("uppfyllt", 0x006100)] {
        let cf = ConditionalFormatText::new()
            .set_rule(ConditionalFormatTextRule::BeginsWith(text.to_string()))
            .set_format(Format::new().set_font_color(Color::RGB(farg)).set_bold());
        let (k0, k1) = (kol.kol(K::Ar(ar[0])), kol.kol(K::Ar(*ar.last().unwrap_or(&ar[0]))));
        b.ark().add_conditional_format(forsta_mal, k0, sista_mal, k1, &cf)?;
    }
    if let Some(sol) = &f.kommun {
        let (s1, s2) = (bc.map(|c| &c.soliditet), bc.map(|c| &c.soliditet_inkl_pension));
        let varde_eller_ref = |celler: Option<&Arsceller>, v: Decimal, t: Ar, blad: &str| match celler {
            Some(c) => V::Formel(ref_till(&c[&t], blad), v),
            None => V::Tal(v),
        };
        rad(&mut b, "Soliditet", Form::Procent(1), &|t, blad| varde_eller_ref(s1, sol.soliditet[&t], t, blad))?;
        rad(&mut b, "Soliditet inklusive pensionsförpliktelserna", Form::Procent(1), &|t, blad| {
            varde_eller_ref(s2, sol.soliditet_inkl_pension[&t], t, blad)
        })?;
    }
    if let Some(k) = &f.koncern {
        rad(&mut b, "Soliditet, koncernen", Form::Procent(1), &|t, _| V::Tal(k.soliditet[&t]))?;
        rad(&mut b, "Soliditet inklusive pensionsförpliktelserna, koncernen", Form::Procent(1), &|t, _| {
            V::Tal(k.soliditet_inkl_pension[&t])
        })?;
    }
    b.tom_rad();

    b.avsnitt("Nyckeltal")?;
    let nt = &bu.nyckeltal;
    rad(
        &mut b,
        "Nettokostnadsandel, procent av skatteintäkter och generella statsbidrag",
        Form::Procent(1),
        &|t, blad| {
            let f = format!(
                "=-({}+{}+{})/{}",
                rc.verksamhetens_nettokostnader[&t].i(blad),
                rc.finansiella_intakter[&t].i(blad),
                rc.finansiella_kostnader[&t].i(blad),
                s(t, blad)
            );
            V::Formel(f, nt.ar[&t].nettokostnadsandel)
        },
    )?;
    rad(&mut b, "Självfinansieringsgrad av investeringarna, procent", Form::Procent(1), &|t, blad| match nt.ar[&t]
        .sjalvfinansieringsgrad
    {
        Some(v) => V::Formel(
            format!(
                "=({}-{})/{}",
                rc.arets_resultat[&t].i(blad),
                rc.avskrivningar[&t].i(blad),
                ic.utgifter[&t].i(blad)
            ),
            v,
        ),
        None => V::Text("–".into()),
    })?;
    let kr = stil.kr_per_enhet();
    rad(&mut b, "Skatteintäkter och generella statsbidrag per invånare, kr", Form::Kr, &|t, blad| {
        V::Formel(format!("={}*{kr}/{}", s(t, blad), a.invanare[&t].i(blad)), nt.ar[&t].intakter_per_invanare)
    })?;
    rad(&mut b, "Nettokostnad per invånare, kr", Form::Kr, &|t, blad| {
        let f = format!("=-{}*{kr}/{}", rc.verksamhetens_nettokostnader[&t].i(blad), a.invanare[&t].i(blad));
        V::Formel(f, nt.ar[&t].nettokostnad_per_invanare)
    })?;
    if let Some(bc) = bc {
        rad(&mut b, "Långfristiga skulder per invånare, kr", Form::Kr, &|t, blad| {
            let f = format!("={}*{kr}/{}", bc.langfristiga_skulder[&t].i(blad), a.invanare[&t].i(blad));
            V::Formel(f, nt.ar[&t].skuld_per_invanare.unwrap_or_default())
        })?;
    }
    rad(&mut b, "Invånare 1 november året före", Form::Antal, &|t, blad| {
        V::Formel(ref_till(&a.invanare[&t], blad), g.intakter[&t].invanare)
    })?;
    rad(&mut b, "Skattesats, kr per 100 kr", Form::Tal(2), &|_, blad| {
        V::Formel(ref_till(&a.skattesats, blad), nt.skattesats)
    })?;
    b.tom_rad();

    b.avsnitt(&format!("Budgeten i sammandrag, {enhet}"))?;
    rad(&mut b, "Skatteintäkter och generella statsbidrag", Form::Belopp, &|t, blad| {
        V::Formel(
            format!("={}", s(t, blad).trim_matches(['(', ')'])),
            stil.belopp(rb[&t].skatteintakter) + stil.belopp(rb[&t].statsbidrag),
        )
    })?;
    rad(&mut b, "Nämndernas ramar", Form::Belopp, &|t, blad| {
        let v: Decimal = f.ramar_avrundade.iter().map(|r| stil.belopp(r[&t])).sum();
        V::Formel(ref_till(&dc.summa_ramar[&t], blad), v)
    })?;
    rad(&mut b, "Investeringar", Form::Belopp, &|t, blad| {
        V::Formel(ref_till(&ic.utgifter[&t], blad), stil.belopp(bu.investeringar[&t]))
    })?;
    rad(&mut b, "Årets resultat", Form::Belopp, &|t, blad| {
        V::Formel(ref_till(&resultat[&t], blad), stil.belopp(rb[&t].arets_resultat))
    })?;
    b.tom_rad();
    let beskrivning = g.scenario.beskrivning.as_deref().map(|x| format!(" ({x})")).unwrap_or_default();
    b.anteckning(&format!(
        "Budgeten bygger på scenariot {}{beskrivning} och prognosen {}, med en skattesats på {} kr per 100 kr. \
         Resultatmålet är \
         {} procent av skatteintäkterna och de generella statsbidragen; balanskravet innebär att resultatet inte får \
         vara negativt. Soliditeten är eget kapital i procent av tillgångarna. Nettokostnadsandelen är \
         verksamhetens nettokostnader och finansnettot i procent av skatteintäkterna och statsbidragen.",
        g.scenario.namn,
        m.skr_prognos,
        crate::tal::svensk(nt.skattesats, 2),
        crate::tal::svensk(mal, decimaler([&mal]))
    ))?;
    Ok(b)
}

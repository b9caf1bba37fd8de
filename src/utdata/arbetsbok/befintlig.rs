//! The workbook of `ramverk befintlig` (MODELL §4, §5, §8): the sheets
//! *Befintlig verksamhet*, *Demografi* and *Antaganden*. The sheet
//! *Befintlig verksamhet* is also part of the `forslag` workbook.
//!
//! Per nämnd and year the terms of KB(n,t) stand side by side: the basår
//! breakdown (inputs) indexed by the factors on Antaganden, demografi (from
//! the sheet Demografi), kända förändringar (Antaganden), kapitalkostnad (the
//! investments), effektivisering, and KB as a live SUM; per year the sum over
//! the nämnder, the ramutrymme and the glapp.

use super::antaganden::{self, Antaganden, Kapitalceller, Val};
use super::{
    Arbetsbok, Arsceller, Arskolumner, Arslista, Arsvarde, Blad, Cell, Dokument, Kolumn, Kolumner, Roll, Slag,
    arslistans_kolumner, arsrubrik,
};
use crate::berakning::Grund;
use crate::berakning::befintlig::{Befintlig, Termtyp};
use crate::fel::Avbrott;
use crate::modell::Ar;
use crate::utdata::enhet::Enhet;
use rust_decimal::Decimal;

pub const BEFINTLIG: &str = "Befintlig verksamhet";
pub const DEMOGRAFI: &str = "Demografi";

/// The columns of *Befintlig verksamhet*: nämnd, namn and år (the
/// year-grouped list), then the terms of the cost, the cost, the ramutrymme
/// and the glapp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kol {
    Namnd,
    Namn,
    Ar,
    Personal,
    Lokaler,
    Ovrigt,
    Intakter,
    Pkv,
    Demografi,
    Kanda,
    Kapital,
    Effektivisering,
    Kostnad,
    Ramutrymme,
    Glapp,
}

/// The columns of *Befintlig verksamhet*, defined once.
pub fn kolumner() -> Kolumner<Kol> {
    let lista = arslistans_kolumner();
    let k = Kolumner::ny()
        .med(Kol::Namnd, lista[0].clone())
        .med(Kol::Namn, lista[1].clone())
        .med(Kol::Ar, lista[2].clone())
        .med(Kol::Personal, Kolumn::tal("Personal (lön och PO)"))
        .med(Kol::Lokaler, Kolumn::tal("Lokaler"))
        .med(Kol::Ovrigt, Kolumn::tal("Övriga kostnader"))
        .med(Kol::Intakter, Kolumn::tal("Intäkter (−)"))
        .med(Kol::Pkv, Kolumn::tal_bredd("Ram uppräknad med PKV", 15.0))
        .med(Kol::Demografi, Kolumn::tal("Demografi"))
        .med(Kol::Kanda, Kolumn::tal("Kända förändringar"))
        .med(Kol::Kapital, Kolumn::tal_bredd("Kapitalkostnad", 15.0))
        .med(Kol::Effektivisering, Kolumn::tal_bredd("Effektivisering (−)", 15.0))
        .med(Kol::Kostnad, Kolumn::tal_bredd("Kostnad för befintlig verksamhet", 19.0))
        .med(Kol::Ramutrymme, Kolumn::tal("Ramutrymme"))
        .med(Kol::Glapp, Kolumn::tal_bredd("Glapp (ramutrymme minus kostnad)", 17.0));
    debug_assert_eq!((k.kol(Kol::Namnd), k.kol(Kol::Namn), k.kol(Kol::Ar)), (0, 1, 2));
    k
}

/// The workbook of `befintlig`: Befintlig verksamhet, Demografi, Antaganden.
pub fn arbetsbok(g: &Grund<'_>, bef: &Befintlig, enhet: Enhet) -> Result<Arbetsbok, Avbrott> {
    let m = g.modell;
    let titel = format!("Kostnad för befintlig verksamhet {}–{} – {}", m.budgetar(), m.sista_ar(), m.kommun);
    let mut bok = Arbetsbok::ny(Dokument::for_grund(titel, g)).i(enhet);
    let val = Val { befintlig: Some(bef), ..Val::default() };
    let mut u = Arsceller::new();
    let (antaganden, a, kap) = antaganden::antaganden(&bok, g, val, |b, a| {
        b.avsnitt(&format!("Ramutrymme ({})", b.enhet()))?;
        u = antaganden::ramutrymme(b, &a.kol, g, a, None, "")?.ramutrymme;
        b.tom_rad();
        Ok(())
    })?;
    let (demografi, dem) = demografi(&bok, g, bef, &a)?;
    let (befintlig, _) = befintlig(&bok, g, bef, &a, &kap, Some(&dem), &u)?;
    bok.lagg_till(befintlig);
    bok.lagg_till(demografi);
    bok.lagg_till(antaganden);
    Ok(bok)
}

/// The cells of *Befintlig verksamhet* that other sheets refer to.
#[derive(Debug, Clone)]
pub struct Befintligceller {
    /// The rows per year and nämnd (the basår's breakdown first) and their sums.
    pub lista: Arslista,
    /// Per plan year: Σn KB(n,t) and G(t).
    pub summa: Arsceller,
    pub glapp: Arsceller,
}

impl Befintligceller {
    /// KB(n,t).
    pub fn kostnad(&self, t: Ar, n: usize) -> Cell {
        self.lista.cell(BEFINTLIG, t, n, kolumner().kol(Kol::Kostnad))
    }
}

/// The sheet *Befintlig verksamhet*. `dem`: per nämnd the cells of DEM(n,t)
/// on the sheet Demografi (without it, ramverk's values); `u`: the cells of U(t).
pub fn befintlig(
    bok: &Arbetsbok,
    g: &Grund<'_>,
    bef: &Befintlig,
    a: &Antaganden,
    kap: &Kapitalceller,
    dem: Option<&[Arsceller]>,
    u: &Arsceller,
) -> Result<(Blad, Befintligceller), Avbrott> {
    let m = g.modell;
    let ar = m.ar();
    let alla: Vec<Ar> = std::iter::once(m.basar).chain(ar.iter().copied()).collect();
    let k = kolumner();
    let kol = |c: Kol| k.kol(c);
    let mut b = bok.nytt_blad(BEFINTLIG, &k.kolumner(), 3)?;
    let Some(f) = &a.faktorer else {
        return Err(Avbrott::Annat("Antaganden saknar uppräkningsfaktorerna".into()));
    };
    let poster: Vec<(&str, &str)> = m.namnder.iter().map(|n| (n.id.as_str(), n.namn.as_str())).collect();
    let mut basrader: Vec<u32> = Vec::new();
    let lista = b.arsgrupperad_lista(&alla, &poster, |b, r, t, n| {
        let namnd = &m.namnder[n];
        let k = &bef.namnder[n];
        let mut ut = Vec::new();
        if t == m.basar {
            basrader.push(r);
            match &namnd.delar {
                Some(d) => {
                    for (kol, v) in [
                        (kol(Kol::Personal), d.personal),
                        (kol(Kol::Lokaler), d.lokaler),
                        (kol(Kol::Ovrigt), d.ovrigt),
                        (kol(Kol::Intakter), -d.intakter),
                    ] {
                        b.tal(r, kol, v, Slag::Belopp, Roll::Indata)?;
                        ut.push((kol, v));
                    }
                }
                None => {
                    b.tal(r, kol(Kol::Pkv), namnd.ram, Slag::Belopp, Roll::Indata)?;
                    ut.push((kol(Kol::Pkv), namnd.ram));
                }
            }
        } else {
            let blad = b.namn().to_string();
            let termer = &k.termer[&t];
            let index: Vec<Decimal> = termer.iter().filter(|x| x.typ == Termtyp::Index).map(|x| x.belopp).collect();
            let kolumner: Vec<(u16, &Arsceller)> = if namnd.delar.is_some() {
                vec![
                    (kol(Kol::Personal), &f.lon),
                    (kol(Kol::Lokaler), &f.lokaler),
                    (kol(Kol::Ovrigt), &f.ovrigt),
                    (kol(Kol::Intakter), &f.intakter),
                ]
            } else {
                vec![(kol(Kol::Pkv), &f.pkv)]
            };
            for ((kol, faktor), v) in kolumner.into_iter().zip(index) {
                let bas = Cell { blad: blad.clone(), rad: basrader[n], kol };
                let formel = format!("={}*{}", bas.absolut(), faktor[&t].abs_i(&blad));
                b.formel(r, kol, &formel, v, Slag::Belopp, Roll::Formel)?;
                ut.push((kol, v));
            }
            // Demografi, kända förändringar and kapitalkostnad: sums of cells elsewhere.
            let mut termer_av = |kol: u16, typ: Termtyp, celler: Vec<&Cell>, varde_utan: bool| {
                let v = k.del(t, typ);
                if !celler.is_empty() {
                    let f = format!("={}", celler.iter().map(|c| c.i(&blad)).collect::<Vec<_>>().join("+"));
                    b.formel(r, kol, &f, v, Slag::Belopp, Roll::Formel)?;
                    ut.push((kol, v));
                } else if varde_utan {
                    b.tal(r, kol, v, Slag::Belopp, Roll::Beraknat)?;
                    ut.push((kol, v));
                }
                Ok::<(), Avbrott>(())
            };
            let har_dem = !k.demografi.is_empty();
            let dem_celler: Vec<&Cell> = dem.and_then(|d| d.get(n)).and_then(|c| c.get(&t)).into_iter().collect();
            termer_av(kol(Kol::Demografi), Termtyp::Demografi, dem_celler, har_dem)?;
            let kanda: Vec<&Cell> = m
                .kanda_forandringar
                .iter()
                .zip(&a.kanda)
                .filter(|(x, _)| x.namnd == n)
                .filter_map(|(_, c)| c.get(&t))
                .collect();
            termer_av(kol(Kol::Kanda), Termtyp::Kand, kanda, false)?;
            let mut kapital: Vec<&Cell> = Vec::new();
            if m.kapital.kapitalkostnad_i_ram {
                for (i, inv) in m.investeringar.iter().enumerate() {
                    if inv.namnd == n {
                        kapital.extend(kap.avskrivning.get(i).and_then(|c| c.get(&t)));
                        kapital.extend(kap.internranta.get(i).and_then(|c| c.get(&t)));
                    }
                }
            }
            termer_av(kol(Kol::Kapital), Termtyp::Kapital, kapital, false)?;
            let eff = -k.del(t, Termtyp::Effektivisering);
            let forsta = Cell { blad: blad.clone(), rad: r, kol: kol(Kol::Personal) }
                .till(&Cell { blad: blad.clone(), rad: r, kol: kol(Kol::Pkv) }, &blad);
            let formel = format!("=-{}*SUM({forsta})", a.effektivisering[&t].abs_i(&blad));
            b.formel(r, kol(Kol::Effektivisering), &formel, eff, Slag::Belopp, Roll::Formel)?;
            ut.push((kol(Kol::Effektivisering), eff));
        }
        let v: Decimal = ut.iter().map(|(_, v)| *v).sum();
        let termer = Cell { blad: BEFINTLIG.into(), rad: r, kol: kol(Kol::Personal) }
            .till(&Cell { blad: BEFINTLIG.into(), rad: r, kol: kol(Kol::Effektivisering) }, BEFINTLIG);
        b.formel(r, kol(Kol::Kostnad), &format!("=SUM({termer})"), v, Slag::Belopp, Roll::Formel)?;
        ut.push((kol(Kol::Kostnad), v));
        Ok(ut)
    })?;
    // Per plan year on the Summa row: the ramutrymme and the glapp.
    let mut summa = Arsceller::new();
    let mut glapp = Arsceller::new();
    for &t in &ar {
        let r = lista.summarader[&t];
        let kb = lista.summa(BEFINTLIG, t, kol(Kol::Kostnad));
        let uc = b.formel(
            r,
            kol(Kol::Ramutrymme),
            &format!("={}", u[&t].i(BEFINTLIG)),
            g.ramutrymme(t),
            Slag::Belopp,
            Roll::Summa,
        )?;
        let f = format!("={}-{}", uc.a1(), kb.a1());
        glapp.insert(t, b.formel(r, kol(Kol::Glapp), &f, bef.glapp[&t], Slag::Belopp, Roll::Summa)?);
        summa.insert(t, kb);
    }
    b.autofilter(lista.forsta, lista.sista, kol(Kol::Glapp))?;
    b.tom_rad();
    b.anteckning(&format!(
        "Basåret {}: ramens fördelning på personal, lokaler, övrigt och intäkter (indata, gula); en nämnd utan \
         fördelning räknas upp med PKV från ramen. Planåren: basårets belopp × uppräkningsfaktorn på bladet \
         Antaganden; demografin från bladet {}; kända förändringar, kapitalkostnader och effektiviseringen \
         (procent av de uppräknade beloppen) från Antaganden{}. Kostnaden är summan av termerna; glappet är \
         ramutrymmet minus summan av kostnaderna (negativt: minskningar behövs).",
        m.basar,
        if dem.is_some() { DEMOGRAFI } else { "Demografi i ramverk befintlig --xlsx (här som värden)" },
        if m.investeringar.is_empty() { "" } else { " och investeringarna" },
    ))?;
    Ok((b, Befintligceller { lista, summa, glapp }))
}

/// The sheet *Demografi* (MODELL §5); returns per nämnd the cells of DEM(n,t)
/// (empty for a nämnd without demografi).
pub fn demografi(
    bok: &Arbetsbok,
    g: &Grund<'_>,
    bef: &Befintlig,
    a: &Antaganden,
) -> Result<(Blad, Vec<Arsceller>), Avbrott> {
    let m = g.modell;
    let ar = m.ar();
    let t0 = m.basar;
    let med_bas: Vec<Ar> = std::iter::once(t0).chain(ar.iter().copied()).collect();
    let befolkningsar: Vec<Ar> = std::iter::once(t0 - 1).chain(med_bas.iter().copied()).collect();
    let bef_kol = Arskolumner::ny(3, befolkningsar.clone());
    let niva_kol = Arskolumner::ny(4, med_bas.clone());
    let plan_kol = Arskolumner::ny(5, ar.clone());
    let mut rubriker =
        vec![Kolumn::ny("Nämnd", 22.0), Kolumn::ny("Åldersgrupp", 16.0), Kolumn::tal("Tkr per invånare")];
    rubriker.push(Kolumn::tal(format!("{}", t0 - 1)));
    rubriker.extend(med_bas.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    let mut b = bok.nytt_blad(DEMOGRAFI, &rubriker, 2)?;
    let mut ut = vec![Arsceller::new(); m.namnder.len()];
    if m.demografi.is_empty() {
        b.anteckning("Ingen demografi i modellen (tabellen demografi saknas eller är tom).")?;
        return Ok((b, ut));
    }
    let Some(f) = &a.faktorer else {
        return Err(Avbrott::Annat("Antaganden saknar uppräkningsfaktorerna".into()));
    };

    b.avsnitt(&format!("Befolkning 31 december (personer, {})", m.kalla("befolkning")))?;
    let mut antal = Vec::new();
    for grupp in &m.befolkning {
        antal.push(b.arsrad(
            &bef_kol,
            "Befolkning",
            &grupp.namn,
            None,
            Slag::Antal,
            |t, _| match grupp.antal.get(t) {
                Some(v) => Arsvarde::Varde(v, Roll::Indata),
                None => Arsvarde::Tom,
            },
        )?);
    }
    b.tom_rad();

    b.avsnitt("Medelbefolkning (personer, medel av 31 december året före och året)")?;
    let mut medel = vec![Arsceller::new(); m.befolkning.len()];
    let mut grupper: Vec<usize> = m.demografi.iter().map(|d| d.grupp).collect();
    grupper.sort_unstable();
    grupper.dedup();
    for &gr in &grupper {
        let grupp = &m.befolkning[gr];
        let n = &antal[gr];
        medel[gr] = b.arsrad(&niva_kol, "Medelbefolkning", &grupp.namn, None, Slag::Decimaler(1), |t, blad| {
            let v = (grupp.antal.eller_noll(t - 1) + grupp.antal.eller_noll(t)) / Decimal::TWO;
            match (n.get(&(t - 1)), n.get(&t)) {
                (Some(x), Some(y)) => Arsvarde::Formel(format!("=({}+{})/2", x.i(blad), y.i(blad)), v),
                _ => Arsvarde::Varde(v, Roll::Beraknat),
            }
        })?;
    }
    b.tom_rad();
    let fpkv =
        b.arsrad(&niva_kol, "Uppräkning med PKV", "faktor, bladet Antaganden", None, Slag::Faktor, |t, blad| {
            Arsvarde::Formel(format!("={}", f.pkv[&t].i(blad)), bef.faktorer.pkv[&t])
        })?;
    b.tom_rad();

    b.avsnitt(&format!("Kostnadsnivå ({}): kostnad per invånare gånger medelbefolkningen, i årets priser", b.enhet()))?;
    let mut nivaer: Vec<Vec<Arsceller>> = vec![Vec::new(); m.namnder.len()];
    for (n, k) in bef.namnder.iter().enumerate() {
        let id = &m.namnder[n].id;
        for (linje, rad) in k.demografi.iter().zip(m.demografi.iter().filter(|d| d.namnd == n)) {
            let r = b.rad();
            let c = Cell { blad: DEMOGRAFI.into(), rad: r, kol: 2 };
            let grupp = &m.befolkning[linje.grupp].namn;
            let celler = b.arsrad(&niva_kol, id, grupp, None, Slag::Belopp, |t, blad| {
                let f = format!("={}*{}*{}", c.fast_kol(), fpkv[&t].fast_rad(), medel[linje.grupp][&t].i(blad));
                Arsvarde::Formel(f, linje.niva[&t])
            })?;
            b.tal(r, 2, rad.kostnad_per_invanare, Slag::tal_som([rad.kostnad_per_invanare]), Roll::Indata)?;
            nivaer[n].push(celler);
        }
    }
    b.tom_rad();

    b.avsnitt(&format!("Volymförändring mot basåret ({}): årets nivå minus basårets nivå i årets priser", b.enhet()))?;
    let mut forandringar: Vec<Vec<Arsceller>> = vec![Vec::new(); m.namnder.len()];
    for (n, k) in bef.namnder.iter().enumerate() {
        let id = &m.namnder[n].id;
        for (linje, niva) in k.demografi.iter().zip(&nivaer[n]) {
            let grupp = &m.befolkning[linje.grupp].namn;
            forandringar[n].push(b.arsrad(&plan_kol, id, grupp, None, Slag::Belopp, |t, blad| {
                let f = format!("={}-{}*{}", niva[&t].i(blad), fpkv[&t].fast_rad(), niva[&t0].fast_kol());
                Arsvarde::Formel(f, linje.forandring[&t])
            })?);
        }
    }
    b.tom_rad();

    b.avsnitt(&format!("Demografi per nämnd ({}), till bladet {BEFINTLIG}", b.enhet()))?;
    for (n, rader) in forandringar.iter().enumerate() {
        if rader.is_empty() {
            continue;
        }
        let namnd = &m.namnder[n];
        let etikett = format!("Summa {}", namnd.id);
        ut[n] = b.summarad(&plan_kol, &etikett, rader, |t| bef.namnder[n].del(t, Termtyp::Demografi))?;
    }
    b.tom_rad();
    b.anteckning(
        "Kostnad per invånare i basårets priser (indata). Nivån är vad åldersgruppen kostar nämnden med årets \
         medelbefolkning i årets priser; förändringen mot basåret är det som går in i kostnaden för befintlig \
         verksamhet.",
    )?;
    Ok((b, ut))
}

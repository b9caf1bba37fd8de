//! The workbook of `ramverk forslag` (MODELL §1–10 for one scenario): the
//! sheets *Sammanfattning*, *Ramar*, *Befintlig verksamhet*, *VF-listor*,
//! *Intäkter*, *Resultatbudget*, *Investeringar* (when the model has any) and
//! *Antaganden*.
//!
//! The chain an economist follows is live: a VF amount (or its ja/nej) on
//! VF-listor → the nämnd's ram on Ramar (SUMIFS over the selected items) →
//! summa ramar, ej fördelat, resultat and soliditet on Sammanfattning and the
//! flerårsplan on Resultatbudget. What is not a formula is the selection
//! itself (which items the rule takes) and the §10 rounding: values, marked.

use super::antaganden::{self, Antaganden, Kapitalceller, Ramutrymmesceller, Val};
use super::befintlig::{self, Befintligceller};
use super::intakter::intakter;
use super::{
    Arbetsbok, Arsceller, Arskolumner, Arslista, Arsvarde, Blad, Cell, Dokument, FARG_GRANS, FARG_VALD, Kolumn, Roll,
    Slag, arslistans_kolumner, arsrubrik, cellformat, ja_nej,
};
use crate::berakning::forslag::Forslag;
use crate::berakning::vf;
use crate::fel::Avbrott;
use crate::modell::{Ar, Fordelning, Modell, VfTyp};
use crate::tal::svensk;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatBorder};

pub const SAMMANFATTNING: &str = "Sammanfattning";
pub const RAMAR: &str = "Ramar";
pub const VF_LISTOR: &str = "VF-listor";
pub const RESULTATBUDGET: &str = "Resultatbudget";
pub const INVESTERINGAR: &str = "Investeringar";

/// The workbook of `forslag`, sheets in the order of UTDATA.md.
pub fn arbetsbok(f: &Forslag<'_>) -> Result<Arbetsbok, Avbrott> {
    let g = &f.grund;
    let m = g.modell;
    let titel = format!("Förslag till ramfördelning {}–{} – {}", m.budgetar(), m.sista_ar(), m.kommun);
    let mut bok = Arbetsbok::ny(Dokument::for_grund(titel, g));
    let val = Val { regel: Some(f.urval.regel), befintlig: Some(&f.befintlig), balans: true };
    // Built in the order they refer to each other, shown in the order of reading.
    let (mut ant, mut a) = antaganden::borja(&bok, g, val)?;
    let (investeringar, kap) = if m.investeringar.is_empty() {
        (None, Kapitalceller::default())
    } else {
        let ar = m.ar();
        let kol = Arskolumner::ny(5, ar.clone());
        let mut rubriker = vec![
            Kolumn::ny("Investering", 46.0),
            Kolumn::ny("Nämnd", 9.0),
            Kolumn::tal("Belopp (tkr)"),
            Kolumn::tal("Aktiveringsår"),
            Kolumn::tal("Avskrivningstid (år)"),
        ];
        rubriker.extend(ar.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
        rubriker.push(Kolumn::ny("Källa", 30.0));
        let mut b = bok.nytt_blad(INVESTERINGAR, &rubriker, 1)?;
        let kap = antaganden::investeringar(&mut b, g, &a, &kol, kol.sista() + 1, false)?;
        b.anteckning(
            "Belopp, aktiveringsår och avskrivningstid är indata; avskrivning, bokfört värde och räntor är formler. \
             Avskrivning och internränta går in i nämndernas kapitalkostnad, internräntan som intäkt bland de \
             centrala posterna.",
        )?;
        (Some(b), kap)
    };
    antaganden::avsluta(&mut ant, g, &mut a, &kap, val)?;
    antaganden::slut(&mut ant, m)?;
    let (intakter, s) = intakter(&bok, g, &a)?;
    let plan = Arskolumner::ny(2, m.ar());
    let mut sammanfattning = bok.nytt_blad(SAMMANFATTNING, &arsrubriker(m, "Post", "Beräkning"), 1)?;
    let rum = antaganden::ramutrymme(&mut sammanfattning, &plan, g, &a, Some(&s), "")?;
    let (befintlig, bc) = befintlig::befintlig(&bok, g, &f.befintlig, &a, &kap, None, &rum.ramutrymme)?;
    let (vf_listor, vfc) = vf_listor(&bok, f)?;
    let (ramar, rc) = ramar(&bok, f, &bc, &vfc, &rum)?;
    sammanfattning_rest(&mut sammanfattning, f, &plan, &a, &kap, &rum, &bc, &rc)?;
    let resultatbudget = resultatbudget(&bok, f, &a, &s, &rc)?;
    bok.lagg_till(sammanfattning);
    bok.lagg_till(ramar);
    bok.lagg_till(befintlig);
    bok.lagg_till(vf_listor);
    bok.lagg_till(intakter);
    bok.lagg_till(resultatbudget);
    if let Some(b) = investeringar {
        bok.lagg_till(b);
    }
    bok.lagg_till(ant);
    Ok(bok)
}

/// The header of a sheet with two text columns and the plan years.
fn arsrubriker(m: &Modell, forsta: &str, andra: &str) -> Vec<Kolumn> {
    let mut k = vec![Kolumn::ny(forsta, 46.0), Kolumn::ny(andra, 52.0)];
    k.extend(m.ar().iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    k
}

/// `=a+b+c` of cells, or `None` without any.
fn summa_av(celler: &[&Cell], blad: &str) -> Option<String> {
    (!celler.is_empty()).then(|| celler.iter().map(|c| c.i(blad)).collect::<Vec<_>>().join("+"))
}

// ---------------------------------------------------------------- VF-listor

/// The columns of VF-listor and where its list is.
struct Vfceller {
    /// The list's first and last row (without the header).
    forsta: u32,
    sista: u32,
    /// The column of each plan year's amount, and of Vald.
    belopp: Arskolumner,
    vald: u16,
}

impl Vfceller {
    /// `'VF-listor'!$C$2:$C$30`: a column of the list, as a range from `fran`.
    fn omrade(&self, kol: u16, fran: &str) -> String {
        let c = |rad| Cell { blad: VF_LISTOR.into(), rad, kol };
        format!("{}:{}", c(self.forsta).abs_i(fran), c(self.sista).absolut())
    }
}

/// Where a line is drawn on a VF row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Grans {
    Ingen,
    Over,
    Under,
}

/// `f` with the fill of a selected item and the cut line.
fn vf_format(f: Format, vald: bool, grans: Grans) -> Format {
    let f = if vald { f.set_background_color(Color::RGB(FARG_VALD)) } else { f };
    match grans {
        Grans::Ingen => f,
        Grans::Over => f.set_border_top(FormatBorder::Medium).set_border_top_color(Color::RGB(FARG_GRANS)),
        Grans::Under => f.set_border_bottom(FormatBorder::Medium).set_border_bottom_color(Color::RGB(FARG_GRANS)),
    }
}

/// The lines of a list walked in order: after the selected prefix (under its
/// last item, or over the first when none is selected); none when the
/// selection is not a prefix of the list.
fn granser(lista: &[usize], vald: &[bool]) -> Vec<Grans> {
    let k = lista.iter().take_while(|&&i| vald[i]).count();
    let mut ut = vec![Grans::Ingen; lista.len()];
    if lista.is_empty() || lista[k..].iter().any(|&i| vald[i]) {
        return ut;
    }
    if k == 0 {
        ut[0] = Grans::Over
    } else {
        ut[k - 1] = Grans::Under
    }
    ut
}

/// The columns that name a VF item: nämnd, id, rubrik, typ, prioritet.
pub(super) fn vf_kolumner() -> Vec<Kolumn> {
    vec![
        Kolumn::ny("Nämnd", 9.0),
        Kolumn::ny("Id", 10.0),
        Kolumn::ny("Rubrik", 52.0),
        Kolumn::ny("Typ", 12.0),
        Kolumn::ny("Prioritet", 10.0),
    ]
}

fn vf_listor(bok: &Arbetsbok, f: &Forslag<'_>) -> Result<(Blad, Vfceller), Avbrott> {
    let m = f.grund.modell;
    let ar = m.ar();
    let b_ar = m.budgetar();
    let belopp = Arskolumner::ny(7, ar.clone());
    let vald_kol = belopp.sista() + 1;
    let mut rubriker = vf_kolumner();
    rubriker.extend([Kolumn::ny("Kommunprioritet", 16.0), Kolumn::ny("Värde", 8.0)]);
    rubriker.extend(ar.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    rubriker.push(Kolumn::ny("Vald", 8.0));
    let mut b = bok.nytt_blad(VF_LISTOR, &rubriker, 3)?;
    let vald = &f.urval.vald;
    let mut rader = vec![0u32; m.vf.len()];
    let forsta = b.rad();
    let (till, minsk) = (vf::listor(m, VfTyp::Tillskott), vf::listor(m, VfTyp::Minskning));
    for n in 0..m.namnder.len() {
        for lista in [&till[n], &minsk[n]] {
            for (&i, grans) in lista.iter().zip(granser(lista, vald)) {
                rader[i] = vf_rad(&mut b, m, f, i, grans, &belopp, vald_kol, None)?;
            }
        }
    }
    let sista = b.rad().saturating_sub(1).max(forsta);
    let vfc = Vfceller { forsta, sista, belopp, vald: vald_kol };
    if m.vf.is_empty() {
        b.anteckning("Inga VF-poster i modellen.")?;
        return Ok((b, vfc));
    }
    b.autofilter(0, sista, vald_kol)?;
    b.tom_rad();
    let regel = f.urval.regel;
    b.anteckning(&format!(
        "Urvalet görs på budgetåret {b_ar} med fördelningsregeln {regel}. Gröna rader är med i förslaget; den röda \
         linjen visar var urvalet slutar i varje nämnds lista{}. Beloppen är indata: ändras ett belopp eller Vald \
         (ja/nej) räknas ramarna, resultatet och soliditeten om. Urvalet självt räknas inte om.",
        if regel == Fordelning::Gemensam { " (och i den gemensamma listan nedan)" } else { "" }
    ))?;
    if regel == Fordelning::Gemensam {
        let glapp = f.befintlig.glapp[&b_ar];
        let typ = if glapp >= Decimal::ZERO { VfTyp::Tillskott } else { VfTyp::Minskning };
        let ordning = vf::gemensam_ordning(m, typ);
        b.tom_rad();
        b.avsnitt(&format!(
            "Gemensam lista för hela kommunen ({}, glappet {b_ar} är {} tkr): kommunprioritet, nämndordning, prioritet",
            if typ == VfTyp::Tillskott { "tillskott" } else { "minskningar" },
            svensk(glapp, 0)
        ))?;
        b.kolumnbredd(vald_kol + 1, 14.0)?;
        let r = b.ny_rad();
        let mut rubriker: Vec<String> = rubriker.iter().map(|k| k.rubrik.clone()).collect();
        rubriker.push(format!("Löpande summa {b_ar}"));
        b.rubrikrad(r, &rubriker)?;
        let mut summa: Option<Cell> = None;
        let mut lopande = Decimal::ZERO;
        for (&i, grans) in ordning.iter().zip(granser(&ordning, vald)) {
            let r = vf_rad(&mut b, m, f, i, grans, &vfc.belopp, vald_kol, Some(rader[i]))?;
            lopande += m.vf[i].belopp.eller_noll(b_ar);
            let denna = Cell { blad: VF_LISTOR.into(), rad: r, kol: vfc.belopp.kol(b_ar) };
            let formel = match &summa {
                Some(s) => format!("={}+{}", s.a1(), denna.a1()),
                None => format!("={}", denna.a1()),
            };
            let fmt = vf_format(cellformat(Slag::Belopp, Roll::Formel), vald[i], grans);
            summa = Some(b.formel_med(r, vald_kol + 1, &formel, lopande, Slag::Belopp, &fmt)?);
        }
    }
    Ok((b, vfc))
}

/// One VF item on the next row. `kopia`: the row of the item in the main
/// list, which this row then refers to (the kommun-wide list of `gemensam`).
#[allow(clippy::too_many_arguments)]
fn vf_rad(
    b: &mut Blad,
    m: &Modell,
    f: &Forslag<'_>,
    i: usize,
    grans: Grans,
    belopp: &Arskolumner,
    vald_kol: u16,
    kopia: Option<u32>,
) -> Result<u32, Avbrott> {
    let p = &m.vf[i];
    let vald = f.urval.vald[i];
    let r = b.ny_rad();
    let text = vf_format(Format::new(), vald, grans);
    b.text_med(r, 0, &m.namnder[p.namnd].id, &text)?;
    b.text_med(r, 1, &p.id, &text)?;
    b.text_med(r, 2, &p.rubrik, &text)?;
    b.text_med(r, 3, p.typ.namn(), &text)?;
    let tal = vf_format(cellformat(Slag::Tal, Roll::Formel), vald, grans);
    b.tal_med(r, 4, p.prioritet.into(), Slag::Tal, &tal)?;
    match p.kommunprioritet {
        Some(k) => b.tal_med(r, 5, k.into(), Slag::Tal, &tal)?,
        None => b.text_med(r, 5, "", &text)?,
    };
    b.tal_med(r, 6, p.varde, Slag::Tal, &tal)?;
    for &t in &belopp.ar {
        let k = belopp.kol(t);
        match (kopia, p.belopp.get(t)) {
            (Some(rad), v) => {
                let fmt = vf_format(cellformat(Slag::Belopp, Roll::Formel), vald, grans);
                let kalla = Cell { blad: VF_LISTOR.into(), rad, kol: k };
                b.formel_med(r, k, &format!("={}", kalla.a1()), v.unwrap_or_default(), Slag::Belopp, &fmt)?;
            }
            (None, Some(v)) => {
                b.tal_med(r, k, v, Slag::Belopp, &vf_format(cellformat(Slag::Belopp, Roll::Indata), false, grans))?;
            }
            (None, None) => {
                b.text_med(r, k, "", &vf_format(cellformat(Slag::Belopp, Roll::Indata), false, grans))?;
            }
        }
    }
    let fet = vf_format(Format::new().set_bold().set_align(rust_xlsxwriter::FormatAlign::Center), vald, grans);
    match kopia {
        Some(rad) => {
            let kalla = Cell { blad: VF_LISTOR.into(), rad, kol: vald_kol };
            b.textformel(r, vald_kol, &format!("={}", kalla.a1()), ja_nej(vald), &fet)?
        }
        None => b.text_med(r, vald_kol, ja_nej(vald), &fet)?,
    };
    Ok(r)
}

// ---------------------------------------------------------------- Ramar

mod ramkol {
    pub const KOSTNAD: u16 = 3;
    pub const TILLSKOTT: u16 = 4;
    pub const MINSKNINGAR: u16 = 5;
    pub const RAM: u16 = 6;
    pub const AVRUNDAD: u16 = 7;
    pub const MAL: u16 = 8;
    pub const KVAR: u16 = 9;
}

fn ramar(
    bok: &Arbetsbok,
    f: &Forslag<'_>,
    bc: &Befintligceller,
    vfc: &Vfceller,
    rum: &Ramutrymmesceller,
) -> Result<(Blad, Arslista), Avbrott> {
    let g = &f.grund;
    let m = g.modell;
    let b_ar = m.budgetar();
    let proportionell = f.urval.mal.as_ref().zip(f.kvar_att_hantera.as_ref());
    let mut rubriker = arslistans_kolumner();
    rubriker.extend([
        Kolumn::ny("Kostnad för befintlig verksamhet", 18.0),
        Kolumn::tal("Valda tillskott"),
        Kolumn::tal("Valda minskningar"),
        Kolumn::tal("Ram"),
        Kolumn::ny(format!("Ram avrundad (hela {} tkr)", svensk(m.enhet_tkr, 0)), 16.0),
    ]);
    if proportionell.is_some() {
        rubriker.push(Kolumn::ny(format!("Mål-ram {b_ar}"), 14.0));
        rubriker.push(Kolumn::ny(format!("Kvar att hantera {b_ar}"), 16.0));
    }
    let sista_kol = rubriker.len() as u16 - 1;
    let mut b = bok.nytt_blad(RAMAR, &rubriker, 3)?;
    let poster: Vec<(&str, &str)> = m.namnder.iter().map(|n| (n.id.as_str(), n.namn.as_str())).collect();
    let ar = m.ar();
    // The Summa row of the budget year, for the mål-ram (known before it is written).
    let n = m.namnder.len() as u32;
    let summa_b = Cell { blad: RAMAR.into(), rad: b.rad() + n, kol: ramkol::KOSTNAD };
    let lista = b.arsgrupperad_lista(&ar, &poster, |b, r, t, n| {
        let blad = b.namn().to_string();
        let kb = f.befintlig.namnder[n].kostnad[&t];
        let id = Cell { blad: blad.clone(), rad: r, kol: 0 };
        b.formel(r, ramkol::KOSTNAD, &format!("={}", bc.kostnad(t, n).i(&blad)), kb, Slag::Belopp, Roll::Formel)?;
        let mut ut = vec![(ramkol::KOSTNAD, kb)];
        for (kol, typ) in [(ramkol::TILLSKOTT, VfTyp::Tillskott), (ramkol::MINSKNINGAR, VfTyp::Minskning)] {
            let v = f.valda(typ, n, t);
            if m.vf.is_empty() {
                b.tal(r, kol, v, Slag::Belopp, Roll::Beraknat)?;
            } else {
                let formel = format!(
                    "=SUMIFS({},{},{},{},\"{}\",{},\"ja\")",
                    vfc.omrade(vfc.belopp.kol(t), &blad),
                    vfc.omrade(0, &blad),
                    id.fast_kol(),
                    vfc.omrade(3, &blad),
                    typ.namn(),
                    vfc.omrade(vfc.vald, &blad),
                );
                b.formel(r, kol, &formel, v, Slag::Belopp, Roll::Formel)?;
            }
            ut.push((kol, v));
        }
        let ram = f.ramar[n][&t];
        let (d, e, ff) = (
            Cell { blad: blad.clone(), rad: r, kol: ramkol::KOSTNAD },
            Cell { blad: blad.clone(), rad: r, kol: ramkol::TILLSKOTT },
            Cell { blad: blad.clone(), rad: r, kol: ramkol::MINSKNINGAR },
        );
        let formel = format!("={}+{}+{}", d.a1(), e.a1(), ff.a1());
        b.formel(r, ramkol::RAM, &formel, ram, Slag::Belopp, Roll::Formel)?;
        ut.push((ramkol::RAM, ram));
        let avrundad = f.ramar_avrundade[n][&t];
        b.tal(r, ramkol::AVRUNDAD, avrundad, Slag::Belopp, Roll::Beraknat)?;
        ut.push((ramkol::AVRUNDAD, avrundad));
        if let (Some((mal, kvar)), true) = (proportionell, t == b_ar) {
            let formel = format!("={}*{}/{}", d.a1(), rum.ramutrymme[&b_ar].abs_i(&blad), summa_b.absolut());
            let mc = b.formel(r, ramkol::MAL, &formel, mal[n], Slag::Belopp, Roll::Formel)?;
            let rc = Cell { blad: blad.clone(), rad: r, kol: ramkol::RAM };
            b.formel(r, ramkol::KVAR, &format!("={}-{}", mc.a1(), rc.a1()), kvar[n], Slag::Belopp, Roll::Formel)?;
            ut.push((ramkol::MAL, mal[n]));
            ut.push((ramkol::KVAR, kvar[n]));
        }
        Ok(ut)
    })?;
    debug_assert_eq!(lista.summarader.get(&b_ar), Some(&summa_b.rad));
    b.autofilter(lista.forsta, lista.sista, sista_kol)?;
    b.tom_rad();
    b.anteckning(
        "Ram = kostnad för befintlig verksamhet + valda tillskott + valda minskningar (summor av de valda posterna \
         på bladet VF-listor). De avrundade ramarna (grå) är värden fördelade efter största rest så att de summerar \
         till den avrundade summan; de räknas inte om.",
    )?;
    if proportionell.is_some() {
        b.anteckning(&format!(
            "Proportionell fördelning: mål-ram = kostnad {b_ar} × ramutrymme / summa kostnad; kvar att hantera = \
             mål-ram − ram (negativt: nämnden behöver hitta så mycket till)."
        ))?;
    }
    Ok((b, lista))
}

// ---------------------------------------------------------------- Sammanfattning

#[allow(clippy::too_many_arguments)]
fn sammanfattning_rest(
    b: &mut Blad,
    f: &Forslag<'_>,
    kol: &Arskolumner,
    a: &Antaganden,
    kap: &Kapitalceller,
    rum: &Ramutrymmesceller,
    bc: &Befintligceller,
    rc: &Arslista,
) -> Result<(), Avbrott> {
    let g = &f.grund;
    let ref_till = |c: &Cell, blad: &str| format!("={}", c.i(blad));
    let summa = |t: Ar, k: u16| rc.summa(RAMAR, t, k);
    let kb = b.arsrad(
        kol,
        "Kostnad för befintlig verksamhet",
        "bladet Befintlig verksamhet",
        None,
        Slag::Belopp,
        |t, blad| Arsvarde::Formel(ref_till(&bc.summa[&t], blad), f.befintlig.summa(t)),
    )?;
    b.arsrad(kol, "Glapp", "ramutrymme − kostnad för befintlig verksamhet", None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(format!("={}-{}", rum.ramutrymme[&t].i(blad), kb[&t].i(blad)), f.befintlig.glapp[&t])
    })?;
    b.arsrad(kol, "Valda tillskott", "bladet Ramar (VF-listor)", None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(ref_till(&summa(t, ramkol::TILLSKOTT), blad), f.valda_summa(VfTyp::Tillskott, t))
    })?;
    b.arsrad(kol, "Valda minskningar", "bladet Ramar (VF-listor)", None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(ref_till(&summa(t, ramkol::MINSKNINGAR), blad), f.valda_summa(VfTyp::Minskning, t))
    })?;
    let summa_ramar = |t: Ar| f.ramar.iter().map(|r| r[&t]).sum::<Decimal>();
    let ramar = b.arsrad(kol, "Summa ramar", "bladet Ramar", None, Slag::Belopp, |t, blad| {
        Arsvarde::Summa(ref_till(&summa(t, ramkol::RAM), blad), summa_ramar(t))
    })?;
    b.arsrad(kol, "Ej fördelat", "ramutrymme − summa ramar", None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(format!("={}-{}", rum.ramutrymme[&t].i(blad), ramar[&t].i(blad)), f.ej_fordelat[&t])
    })?;
    let resultat = b.arsrad(
        kol,
        "Resultat",
        "skatter och bidrag − pension − centrala poster − summa ramar",
        None,
        Slag::Belopp,
        |t, blad| {
            let formel = format!(
                "={}-{}-{}-{}",
                rum.skatter[&t].i(blad),
                rum.pension[&t].i(blad),
                rum.centrala[&t].i(blad),
                ramar[&t].i(blad)
            );
            Arsvarde::Summa(formel, f.resultat[&t])
        },
    )?;
    let procent = b.arsrad(
        kol,
        "Resultat i % av skatter och bidrag",
        "resultat / skatter och bidrag",
        None,
        Slag::Procent,
        |t, blad| {
            Arsvarde::Formel(format!("={}/{}", resultat[&t].i(blad), rum.skatter[&t].i(blad)), f.resultat_procent[&t])
        },
    )?;
    let mal = b.arsrad(kol, "Resultatmål i %", "m, bladet Antaganden", None, Slag::Procent, |t, blad| {
        Arsvarde::Formel(ref_till(&a.resultatmal, blad), g.ramutrymme[&t].resultatmal_procent)
    })?;
    let jamfor =
        |b: &mut Blad, etikett: &str, typ: &str, villkor: &dyn Fn(Ar, &str) -> String, svar: &dyn Fn(Ar) -> bool| {
            let r = b.ny_rad();
            b.text(r, 0, etikett)?;
            b.text(r, 1, typ)?;
            let blad = b.namn().to_string();
            for &t in &kol.ar {
                let formel = format!("=IF({},\"ja\",\"nej\")", villkor(t, &blad));
                b.textformel(
                    r,
                    kol.kol(t),
                    &formel,
                    ja_nej(svar(t)),
                    &Format::new().set_align(rust_xlsxwriter::FormatAlign::Right),
                )?;
            }
            Ok::<(), Avbrott>(())
        };
    let mal_ok = f.resultatmal_uppfyllt();
    jamfor(
        b,
        "Resultatmålet uppfyllt",
        "resultat i % ≥ resultatmål",
        &|t, blad| format!("{}>={}", procent[&t].i(blad), mal[&t].i(blad)),
        &|t| mal_ok[&t],
    )?;
    let krav = f.balanskrav_uppfyllt();
    jamfor(b, "Balanskravet uppfyllt", "resultat ≥ 0", &|t, blad| format!("{}>=0", resultat[&t].i(blad)), &|t| {
        krav[&t]
    })?;

    // Soliditet (MODELL §9).
    if let (Some(sol), Some(bal)) = (&f.kommun, &a.balans) {
        b.tom_rad();
        b.avsnitt("Kommunens soliditet (MODELL §9)")?;
        let nya_lan = b.arsrad(
            kol,
            "Nya lån",
            "lånefinansierade aktiveringar, bladet Investeringar",
            None,
            Slag::Belopp,
            |t, blad| match kap.nya_lan.get(&t) {
                Some(c) => Arsvarde::Formel(ref_till(c, blad), g.kapital.nya_lan[&t]),
                None => Arsvarde::Varde(g.kapital.nya_lan[&t], Roll::Beraknat),
            },
        )?;
        // ΔAV and AM (MODELL §9, §12): rows only when the model gives them.
        let mut andringar = vec![nya_lan];
        let fo = &f.forandringar;
        if fo.avsattning.values().any(|v| !v.is_zero()) {
            andringar.push(b.arsrad(
                kol,
                "Förändring av avsättning för pensioner",
                "pensionsprognosens avsättning, förändring",
                None,
                Slag::Belopp,
                |t, _| Arsvarde::Varde(fo.avsattning[&t], Roll::Beraknat),
            )?);
        }
        if fo.amortering.values().any(|v| !v.is_zero()) {
            andringar.push(b.arsrad(kol, "Amortering (−)", "modell.toml [balans]", None, Slag::Belopp, |t, _| {
                Arsvarde::Varde(-fo.amortering[&t], Roll::Indata)
            })?);
        }
        soliditet(b, f, kol, a, &resultat, &andringar, sol, bal, "")?;
        if let (Some(ksol), Some((kbal, bolag))) = (&f.koncern, &a.koncern) {
            b.tom_rad();
            b.avsnitt("Koncernens soliditet")?;
            let bolagen = b.arsrad(kol, "Bolagens resultat", "bladet Antaganden", None, Slag::Belopp, |t, blad| {
                let v = ksol.resultat[&t] - f.resultat[&t];
                match bolag.get(&t) {
                    Some(c) => Arsvarde::Formel(ref_till(c, blad), v),
                    None => Arsvarde::Varde(v, Roll::Beraknat),
                }
            })?;
            let kres = b.arsrad(
                kol,
                "Resultat, koncernen",
                "kommunens resultat + bolagens",
                None,
                Slag::Belopp,
                |t, blad| {
                    Arsvarde::Formel(format!("={}+{}", resultat[&t].i(blad), bolagen[&t].i(blad)), ksol.resultat[&t])
                },
            )?;
            soliditet(b, f, kol, a, &kres, &andringar, ksol, kbal, ", koncernen")?;
        }
    }
    b.tom_rad();
    b.anteckning(&format!(
        "Belopp i tkr. Fördelningsregel: {}. Ramarna och urvalet finns på bladen Ramar och VF-listor, \
         flerårsplanen på Resultatbudget.",
        f.urval.regel
    ))?;
    b.tom_rad();
    super::teckenforklaring(b)?;
    Ok(())
}

/// EK, TA, the pension obligations and the two soliditet ratios, chained
/// from the opening balance on Antaganden.
#[allow(clippy::too_many_arguments)]
fn soliditet(
    b: &mut Blad,
    f: &Forslag<'_>,
    kol: &Arskolumner,
    a: &Antaganden,
    resultat: &Arsceller,
    andringar: &[Arsceller],
    sol: &crate::berakning::finansiella_mal::Soliditet,
    bal: &antaganden::Balansceller,
    till: &str,
) -> Result<(), Avbrott> {
    let m = f.grund.modell;
    let forra = |celler: &Arsceller, t: Ar, start: &Cell, blad: &str| match celler.get(&(t - 1)) {
        Some(c) => c.i(blad),
        None => start.i(blad),
    };
    let ek_rad = b.rad();
    let blad = b.namn().to_string();
    let pa_rad = |rad: u32| {
        let blad = blad.clone();
        move |t: Ar| Cell { blad: blad.clone(), rad, kol: kol.kol(t) }
    };
    let ek_cell = pa_rad(ek_rad);
    let ek_celler: Arsceller = kol.ar.iter().map(|&t| (t, ek_cell(t))).collect();
    let ek =
        b.arsrad(kol, &format!("Eget kapital{till}"), "föregående år + resultat", None, Slag::Belopp, |t, blad| {
            let f = format!("={}+{}", forra(&ek_celler, t, &bal.eget_kapital, blad), resultat[&t].i(blad));
            Arsvarde::Formel(f, sol.eget_kapital[&t])
        })?;
    let ta_cell = pa_rad(b.rad());
    let ta_celler: Arsceller = kol.ar.iter().map(|&t| (t, ta_cell(t))).collect();
    let ta = b.arsrad(
        kol,
        &format!("Totala tillgångar{till}"),
        "föregående år + resultat + nya lån (+ förändring av avsättning − amortering)",
        None,
        Slag::Belopp,
        |t, blad| {
            let tillagg: String = andringar.iter().map(|c| format!("+{}", c[&t].i(blad))).collect();
            let f =
                format!("={}+{}{tillagg}", forra(&ta_celler, t, &bal.totala_tillgangar, blad), resultat[&t].i(blad),);
            Arsvarde::Formel(f, sol.totala_tillgangar[&t])
        },
    )?;
    let af = b.arsrad(
        kol,
        &format!("Pensionsförpliktelser utanför balansräkningen{till}"),
        "pensionsprognosens ansvarsförbindelse, annars basårets",
        None,
        Slag::Belopp,
        |t, blad| {
            let rader: Vec<&Cell> = m
                .pension
                .iter()
                .zip(&a.pensionsrader)
                .filter(|(p, _)| p.typ == crate::modell::Pensionstyp::Ansvarsforbindelse)
                .filter_map(|(_, c)| c.get(&t))
                .collect();
            let f = summa_av(&rader, blad).unwrap_or_else(|| bal.ansvarsforbindelse.i(blad));
            Arsvarde::Formel(format!("={f}"), sol.ansvarsforbindelse[&t])
        },
    )?;
    b.arsrad(kol, &format!("Soliditet{till}"), "eget kapital / totala tillgångar", None, Slag::Procent, |t, blad| {
        Arsvarde::Summa(format!("={}/{}", ek[&t].i(blad), ta[&t].i(blad)), sol.soliditet[&t])
    })?;
    b.arsrad(
        kol,
        &format!("Soliditet inkl. pensionsförpliktelser{till}"),
        "(eget kapital − pensionsförpliktelser) / totala tillgångar",
        None,
        Slag::Procent,
        |t, blad| {
            let f = format!("=({}-{})/{}", ek[&t].i(blad), af[&t].i(blad), ta[&t].i(blad));
            Arsvarde::Summa(f, sol.soliditet_inkl_pension[&t])
        },
    )?;
    Ok(())
}

// ---------------------------------------------------------------- Resultatbudget

fn resultatbudget(
    bok: &Arbetsbok,
    f: &Forslag<'_>,
    a: &Antaganden,
    s: &Arsceller,
    rc: &Arslista,
) -> Result<Blad, Avbrott> {
    let g = &f.grund;
    let m = g.modell;
    let kol = Arskolumner::ny(2, m.ar());
    let mut b = bok.nytt_blad(RESULTATBUDGET, &arsrubriker(m, "Resultatbudget (tkr)", "Beräkning"), 1)?;
    let u = |t: Ar| &g.ramutrymme[&t];
    // −(the sum of the rows of the given types), from Antaganden.
    let minus = |rader: &[(&'static str, Arsceller)], typer: &[&str], t: Ar, blad: &str, v: Decimal| {
        let celler: Vec<&Cell> =
            rader.iter().filter(|(typ, _)| typer.contains(typ)).filter_map(|(_, c)| c.get(&t)).collect();
        match summa_av(&celler, blad) {
            Some(s) => Arsvarde::Formel(format!("=-({s})"), v),
            None => Arsvarde::Varde(v, Roll::Beraknat),
        }
    };
    let summa_typ = |poster: &[crate::berakning::ramutrymme::Delpost], typer: &[&str]| -> Decimal {
        poster.iter().filter(|p| typer.contains(&p.typ)).map(|p| p.belopp).sum()
    };
    let (pv, pf) = (["kostnad", "i_ramar"], ["finansiell"]);
    let (cv, cf) = (["verksamhet"], ["finans"]);
    let summa_ramar = |t: Ar| f.ramar.iter().map(|r| r[&t]).sum::<Decimal>();

    let ramar =
        b.arsrad(&kol, "Nämndernas ramar", "−summa ramar, bladet Ramar", None, Slag::Belopp, |t, blad| {
            Arsvarde::Formel(format!("=-{}", rc.summa(RAMAR, t, ramkol::RAM).i(blad)), -summa_ramar(t))
        })?;
    let pension = b.arsrad(
        &kol,
        "Pensionskostnader utanför ramarna",
        "kostnad × (1 + löneskatt) − pension i ramarna, bladet Antaganden",
        None,
        Slag::Belopp,
        |t, blad| minus(&a.pk_rader, &pv, t, blad, -summa_typ(&u(t).pensionsposter, &pv)),
    )?;
    let central =
        b.arsrad(&kol, "Centrala poster, verksamhet", "bladet Antaganden", None, Slag::Belopp, |t, blad| {
            minus(&a.c_rader, &cv, t, blad, -summa_typ(&u(t).centrala, &cv))
        })?;
    let vnk_v = |t: Ar| -summa_ramar(t) - summa_typ(&u(t).pensionsposter, &pv) - summa_typ(&u(t).centrala, &cv);
    let vnk = b.summarad(&kol, "Verksamhetens nettokostnader", &[ramar, pension, central], vnk_v)?;
    let sk =
        b.arsrad(&kol, "Skatter och generella statsbidrag", "bladet Intäkter", None, Slag::Belopp, |t, blad| {
            Arsvarde::Formel(format!("={}", s[&t].i(blad)), u(t).skatter_och_bidrag)
        })?;
    let vr_v = |t: Ar| vnk_v(t) + u(t).skatter_och_bidrag;
    let vr = b.arsrad(
        &kol,
        "Verksamhetens resultat",
        "nettokostnader + skatter och bidrag",
        None,
        Slag::Belopp,
        |t, blad| Arsvarde::Summa(format!("={}+{}", vnk[&t].i(blad), sk[&t].i(blad)), vr_v(t)),
    )?;
    b.tom_rad();
    let pfin = b.arsrad(
        &kol,
        "Finansiella pensionskostnader",
        "× (1 + löneskatt), bladet Antaganden",
        None,
        Slag::Belopp,
        |t, blad| minus(&a.pk_rader, &pf, t, blad, -summa_typ(&u(t).pensionsposter, &pf)),
    )?;
    let cfin = b.arsrad(
        &kol,
        "Centrala finansposter",
        "räntor, utdelning, internränta, bladet Antaganden",
        None,
        Slag::Belopp,
        |t, blad| minus(&a.c_rader, &cf, t, blad, -summa_typ(&u(t).centrala, &cf)),
    )?;
    let fn_v = |t: Ar| -u(t).finansnetto_kostnad();
    let finansnetto = b.summarad(&kol, "Finansnetto", &[pfin, cfin], fn_v)?;
    b.tom_rad();
    let resultat =
        b.arsrad(&kol, "Årets resultat", "verksamhetens resultat + finansnetto", None, Slag::Belopp, |t, blad| {
            Arsvarde::Summa(format!("={}+{}", vr[&t].i(blad), finansnetto[&t].i(blad)), f.resultat[&t])
        })?;
    b.arsrad(
        &kol,
        "Resultat i % av skatter och bidrag",
        "årets resultat / skatter och bidrag",
        None,
        Slag::Procent,
        |t, blad| Arsvarde::Formel(format!("={}/{}", resultat[&t].i(blad), sk[&t].i(blad)), f.resultat_procent[&t]),
    )?;
    b.arsrad(&kol, "Resultatmål", "bladet Antaganden", None, Slag::Procent, |t, blad| {
        Arsvarde::Formel(format!("={}", a.resultatmal.i(blad)), u(t).resultatmal_procent)
    })?;
    b.tom_rad();
    b.anteckning(
        "Flerårsplanen: kostnader negativa, intäkter positiva. Verksamhetens nettokostnader är nämndernas ramar, \
         pensionskostnaderna utanför ramarna och de centrala posterna av typen verksamhet; finansnettot är den \
         finansiella pensionskostnaden och de centrala finansposterna.",
    )?;
    Ok(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn granslinjen_efter_det_valda_prefixet() {
        let vald = [true, true, false, false, true];
        assert!(granser(&[0, 1, 2, 3], &vald) == [Grans::Ingen, Grans::Under, Grans::Ingen, Grans::Ingen]);
        assert!(granser(&[2, 3], &vald) == [Grans::Over, Grans::Ingen]);
        assert!(granser(&[0, 1], &vald) == [Grans::Ingen, Grans::Under]);
        // Not a prefix (possible under gemensam): no line.
        assert!(granser(&[2, 4], &vald) == [Grans::Ingen, Grans::Ingen]);
        assert!(granser(&[], &vald).is_empty());
    }
}

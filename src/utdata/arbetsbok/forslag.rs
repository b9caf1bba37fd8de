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
    Arbetsbok, Arsceller, Arskolumner, Arslista, Arsvarde, Blad, Cell, Dokument, FARG_GRANS, FARG_VALD, Kolumn,
    Kolumner, Roll, Slag, arslistans_kolumner, arsrubrik, cellformat, ja_nej,
};
use crate::berakning::forslag::Forslag;
use crate::berakning::vf;
use crate::fel::Avbrott;
use crate::modell::{Ar, Fordelning, Modell, VfTyp};
use crate::tal::svensk;
use crate::utdata::enhet::Enhet;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Color, Format, FormatBorder};

pub const SAMMANFATTNING: &str = "Sammanfattning";
pub const RAMAR: &str = "Ramar";
pub const VF_LISTOR: &str = "VF-listor";
pub const RESULTATBUDGET: &str = "Resultatbudget";
pub const INVESTERINGAR: &str = "Investeringar";

/// The workbook of `forslag`, sheets in the order of UTDATA.md.
pub fn arbetsbok(f: &Forslag<'_>, enhet: Enhet) -> Result<Arbetsbok, Avbrott> {
    let g = &f.grund;
    let m = g.modell;
    let titel = format!("Förslag till ramfördelning {}–{} – {}", m.budgetar(), m.sista_ar(), m.kommun);
    let mut bok = Arbetsbok::ny(Dokument::for_grund(titel, g)).i(enhet);
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
            Kolumn::tal(format!("Belopp ({})", bok.enhet().namn())),
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
    let mut sammanfattning = bok.nytt_blad(SAMMANFATTNING, &arsrubriker(m, "Post", "Förklaring"), 1)?;
    let rum = antaganden::ramutrymme(&mut sammanfattning, &plan, g, &a, Some(&s), "")?;
    let (befintlig, bc) = befintlig::befintlig(&bok, g, &f.befintlig, &a, &kap, None, &rum.ramutrymme)?;
    let (vf_listor, vfc) = vf_listor(&bok, f)?;
    let (ramar, rc) = ramar(&bok, f, &bc, &vfc, &rum)?;
    let sammanhang = Sammanhang { f, kol: &plan, a: &a, kap: &kap, rum: &rum };
    sammanfattning_rest(&mut sammanfattning, &sammanhang, &bc, &rc)?;
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

/// The columns of *VF-listor*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Vfkol {
    Namnd,
    Id,
    Rubrik,
    Typ,
    Prioritet,
    Kommunprioritet,
    Varde,
    Ar(Ar),
    Vald,
    Inriktningsmal,
    Perspektiv,
    Konsekvens,
}

/// The columns that name a VF item: nämnd, id, rubrik, typ, prioritet.
pub(super) fn vf_kolumner() -> Kolumner<Vfkol> {
    Kolumner::ny()
        .med(Vfkol::Namnd, Kolumn::ny("Nämnd", 9.0))
        .med(Vfkol::Id, Kolumn::ny("Id", 10.0))
        .med(Vfkol::Rubrik, Kolumn::ny("Rubrik", 44.0))
        .med(Vfkol::Typ, Kolumn::ny("Typ", 12.0))
        .med(Vfkol::Prioritet, Kolumn::tal_bredd("Prioritet", 10.0))
}

/// The width of the konsekvens column (characters).
const KONSEKVENS_BREDD: f64 = 50.0;

/// The columns of *VF-listor*, defined once.
fn vf_listans_kolumner(m: &Modell) -> Kolumner<Vfkol> {
    let mut k = vf_kolumner()
        .med(Vfkol::Kommunprioritet, Kolumn::tal_bredd("Kommunprioritet", 16.0))
        .med(Vfkol::Varde, Kolumn::tal_bredd("Värde", 8.0));
    for t in m.ar() {
        k.lagg_till(Vfkol::Ar(t), Kolumn::tal(arsrubrik(m, t)));
    }
    k.med(Vfkol::Vald, Kolumn::ny("Vald", 7.0))
        .med(Vfkol::Inriktningsmal, Kolumn::ny("Inriktningsmål", 14.0))
        .med(Vfkol::Perspektiv, Kolumn::ny("Perspektiv", 16.0))
        .med(Vfkol::Konsekvens, Kolumn::ny("Konsekvens", KONSEKVENS_BREDD))
}

/// The columns of VF-listor and where its list is.
struct Vfceller {
    k: Kolumner<Vfkol>,
    /// The list's first and last row (without the header).
    forsta: u32,
    sista: u32,
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
    let f = f.set_align(rust_xlsxwriter::FormatAlign::VerticalCenter);
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

/// What every VF row is written with.
struct Vfrader<'a, 'f> {
    f: &'a Forslag<'f>,
    k: &'a Kolumner<Vfkol>,
}

impl Vfrader<'_, '_> {
    /// Item `i` on the next row of `b`, with the line `grans`. `kopia`: the
    /// row of the item in the main list, which this row then refers to (the
    /// kommun-wide list of `gemensam`).
    fn rad(&self, b: &mut Blad, i: usize, grans: Grans, kopia: Option<u32>) -> Result<u32, Avbrott> {
        let m = self.f.grund.modell;
        let k = self.k;
        let p = &m.vf[i];
        let vald = self.f.urval.vald[i];
        let r = b.ny_rad();
        let text = vf_format(Format::new(), vald, grans);
        b.text_med(r, k.kol(Vfkol::Namnd), &m.namnder[p.namnd].id, &text)?;
        b.text_med(r, k.kol(Vfkol::Id), &p.id, &text)?;
        b.text_med(r, k.kol(Vfkol::Rubrik), &p.rubrik, &text)?;
        b.text_med(r, k.kol(Vfkol::Typ), p.typ.namn(), &text)?;
        let tal = vf_format(cellformat(Slag::Heltal, Roll::Formel), vald, grans);
        b.tal_med(r, k.kol(Vfkol::Prioritet), p.prioritet.into(), Slag::Heltal, &tal)?;
        match p.kommunprioritet {
            Some(kp) => b.tal_med(r, k.kol(Vfkol::Kommunprioritet), kp.into(), Slag::Heltal, &tal)?,
            None => b.text_med(r, k.kol(Vfkol::Kommunprioritet), "", &text)?,
        };
        let varde = vf_format(cellformat(Slag::tal_som([p.varde]), Roll::Formel), vald, grans);
        b.tal_med(r, k.kol(Vfkol::Varde), p.varde, Slag::tal_som([p.varde]), &varde)?;
        for t in m.ar() {
            let kol = k.kol(Vfkol::Ar(t));
            match (kopia, p.belopp.get(t)) {
                (Some(rad), v) => {
                    let fmt = vf_format(cellformat(Slag::Belopp, Roll::Formel), vald, grans);
                    let kalla = Cell { blad: VF_LISTOR.into(), rad, kol };
                    b.formel_med(r, kol, &format!("={}", kalla.a1()), v.unwrap_or_default(), Slag::Belopp, &fmt)?;
                }
                (None, Some(v)) => {
                    let fmt = vf_format(cellformat(Slag::Belopp, Roll::Indata), false, grans);
                    b.tal_med(r, kol, v, Slag::Belopp, &fmt)?;
                }
                (None, None) => {
                    b.text_med(r, kol, "", &vf_format(cellformat(Slag::Belopp, Roll::Indata), false, grans))?;
                }
            }
        }
        let fet = vf_format(Format::new().set_bold().set_align(rust_xlsxwriter::FormatAlign::Center), vald, grans);
        let vald_kol = k.kol(Vfkol::Vald);
        match kopia {
            Some(rad) => {
                let kalla = Cell { blad: VF_LISTOR.into(), rad, kol: vald_kol };
                b.textformel(r, vald_kol, &format!("={}", kalla.a1()), ja_nej(vald), &fet)?
            }
            None => b.text_med(r, vald_kol, ja_nej(vald), &fet)?,
        };
        let mal = p.inriktningsmal.map(|n| n.to_string()).unwrap_or_default();
        let centrerad = vf_format(Format::new().set_align(rust_xlsxwriter::FormatAlign::Center), vald, grans);
        b.text_med(r, k.kol(Vfkol::Inriktningsmal), &mal, &centrerad)?;
        b.text_med(r, k.kol(Vfkol::Perspektiv), p.perspektiv.as_deref().unwrap_or(""), &text)?;
        let radbruten = vf_format(Format::new().set_text_wrap(), vald, grans);
        let konsekvens = p.konsekvens.as_deref().unwrap_or("");
        b.text_med(r, k.kol(Vfkol::Konsekvens), konsekvens, &radbruten)?;
        // A row is as high as its konsekvens text wraps (the file stores no automatic height).
        let rader = super::blad::textrader(konsekvens, KONSEKVENS_BREDD);
        if rader > 1 {
            b.ark().set_row_height(r, 15.0 * rader as f64)?;
        }
        Ok(r)
    }
}

fn vf_listor(bok: &Arbetsbok, f: &Forslag<'_>) -> Result<(Blad, Vfceller), Avbrott> {
    let m = f.grund.modell;
    let b_ar = m.budgetar();
    let k = vf_listans_kolumner(m);
    let mut b = bok.nytt_blad(VF_LISTOR, &k.kolumner(), 3)?;
    let vald = &f.urval.vald;
    let rader = Vfrader { f, k: &k };
    let mut radnr = vec![0u32; m.vf.len()];
    let forsta = b.rad();
    let (till, minsk) = (vf::listor(m, VfTyp::Tillskott), vf::listor(m, VfTyp::Minskning));
    for n in 0..m.namnder.len() {
        for lista in [&till[n], &minsk[n]] {
            for (&i, grans) in lista.iter().zip(granser(lista, vald)) {
                radnr[i] = rader.rad(&mut b, i, grans, None)?;
            }
        }
    }
    let sista = b.rad().saturating_sub(1).max(forsta);
    if m.vf.is_empty() {
        b.anteckning("Inga VF-poster i modellen.")?;
        return Ok((b, Vfceller { k, forsta, sista }));
    }
    b.autofilter(0, sista, k.sista())?;
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
            "Gemensam lista för hela kommunen ({}, glappet {b_ar} är {} {}): kommunprioritet, nämndordning, prioritet",
            if typ == VfTyp::Tillskott { "tillskott" } else { "minskningar" },
            b.enhet.text(glapp),
            b.enhet()
        ))?;
        let lopande_kol = k.sista() + 1;
        b.kolumnbredd(lopande_kol, 14.0)?;
        let r = b.ny_rad();
        let mut rubriker: Vec<String> = k.kolumner().iter().map(|c| c.rubrik.clone()).collect();
        rubriker.push(format!("Löpande summa {b_ar}"));
        b.rubrikrad(r, &rubriker)?;
        let mut summa: Option<Cell> = None;
        let mut lopande = Decimal::ZERO;
        for (&i, grans) in ordning.iter().zip(granser(&ordning, vald)) {
            let r = rader.rad(&mut b, i, grans, Some(radnr[i]))?;
            lopande += m.vf[i].belopp.eller_noll(b_ar);
            let denna = Cell { blad: VF_LISTOR.into(), rad: r, kol: k.kol(Vfkol::Ar(b_ar)) };
            let formel = match &summa {
                Some(s) => format!("={}+{}", s.a1(), denna.a1()),
                None => format!("={}", denna.a1()),
            };
            let fmt = vf_format(cellformat(Slag::Belopp, Roll::Formel), vald[i], grans);
            summa = Some(b.formel_med(r, lopande_kol, &formel, lopande, Slag::Belopp, &fmt)?);
        }
    }
    Ok((b, Vfceller { k, forsta, sista }))
}

// ---------------------------------------------------------------- Ramar

/// The columns of *Ramar*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ramkol {
    Namnd,
    Namn,
    Ar,
    Kostnad,
    Tillskott,
    Minskningar,
    Exakt,
    Ram,
    Mal,
    Kvar,
}

/// The columns of *Ramar*, defined once: the mål-ram columns only under the proportionell rule.
fn ramkolumner(m: &Modell, proportionell: bool) -> Kolumner<Ramkol> {
    let b_ar = m.budgetar();
    let lista = arslistans_kolumner();
    let mut k = Kolumner::ny()
        .med(Ramkol::Namnd, lista[0].clone())
        .med(Ramkol::Namn, lista[1].clone())
        .med(Ramkol::Ar, lista[2].clone())
        .med(Ramkol::Kostnad, Kolumn::tal_bredd("Kostnad för befintlig verksamhet", 19.0))
        .med(Ramkol::Tillskott, Kolumn::tal_bredd("Valda tillskott", 15.0))
        .med(Ramkol::Minskningar, Kolumn::tal_bredd("Valda minskningar", 15.0))
        .med(Ramkol::Exakt, Kolumn::tal_bredd("Underlag: exakt ram", 15.0))
        .med(Ramkol::Ram, Kolumn::tal_bredd("Ram", 15.0));
    if proportionell {
        k.lagg_till(Ramkol::Mal, Kolumn::tal_bredd(format!("Mål-ram {b_ar}"), 15.0));
        k.lagg_till(Ramkol::Kvar, Kolumn::tal_bredd(format!("Kvar att hantera {b_ar}"), 15.0));
    }
    k
}

/// A SUMIFS criterion that matches the text of `cell` exactly: a cell whose
/// text holds a wildcard (`*`, `?`, `~`) or starts like a comparison (`=`,
/// `<`, `>`) is escaped in the formula, so that no id can match another.
fn kriterium(cell: &str, text: &str) -> String {
    if text.contains(['*', '?', '~']) || text.starts_with(['=', '<', '>']) {
        format!("\"=\"&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({cell},\"~\",\"~~\"),\"*\",\"~*\"),\"?\",\"~?\")")
    } else {
        cell.to_string()
    }
}

/// Where *Ramar*'s list is, and its columns.
struct Ramceller {
    lista: Arslista,
    k: Kolumner<Ramkol>,
}

impl Ramceller {
    /// The cell of year `t`'s Summa row in column `c`.
    fn summa(&self, t: Ar, c: Ramkol) -> Cell {
        self.lista.summa(RAMAR, t, self.k.kol(c))
    }
}

fn ramar(
    bok: &Arbetsbok,
    f: &Forslag<'_>,
    bc: &Befintligceller,
    vfc: &Vfceller,
    rum: &Ramutrymmesceller,
) -> Result<(Blad, Ramceller), Avbrott> {
    let g = &f.grund;
    let m = g.modell;
    let b_ar = m.budgetar();
    let proportionell = f.urval.mal.as_ref().zip(f.kvar_att_hantera.as_ref());
    let k = ramkolumner(m, proportionell.is_some());
    let kol = |c: Ramkol| k.kol(c);
    let rubriker = k.kolumner();
    let mut b = bok.nytt_blad(RAMAR, &rubriker, 3)?;
    let poster: Vec<(&str, &str)> = m.namnder.iter().map(|n| (n.id.as_str(), n.namn.as_str())).collect();
    let ar = m.ar();
    // The Summa row of the budget year, for the mål-ram (known before it is written).
    let n = m.namnder.len() as u32;
    let summa_b = Cell { blad: RAMAR.into(), rad: b.rad() + n, kol: kol(Ramkol::Kostnad) };
    let lista = b.arsgrupperad_lista(&ar, &poster, |b, r, t, n| {
        let blad = b.namn().to_string();
        let kb = f.befintlig.namnder[n].kostnad[&t];
        let cell = |c: Ramkol| Cell { blad: blad.clone(), rad: r, kol: kol(c) };
        let id = cell(Ramkol::Namnd);
        b.formel(r, kol(Ramkol::Kostnad), &format!("={}", bc.kostnad(t, n).i(&blad)), kb, Slag::Belopp, Roll::Formel)?;
        let mut ut = vec![(kol(Ramkol::Kostnad), kb)];
        for (c, typ) in [(Ramkol::Tillskott, VfTyp::Tillskott), (Ramkol::Minskningar, VfTyp::Minskning)] {
            let v = f.valda(typ, n, t);
            if m.vf.is_empty() {
                b.tal(r, kol(c), v, Slag::Belopp, Roll::Beraknat)?;
            } else {
                let formel = format!(
                    "=SUMIFS({},{},{},{},\"{}\",{},\"ja\")",
                    vfc.omrade(vfc.k.kol(Vfkol::Ar(t)), &blad),
                    vfc.omrade(vfc.k.kol(Vfkol::Namnd), &blad),
                    kriterium(&id.fast_kol(), &m.namnder[n].id),
                    vfc.omrade(vfc.k.kol(Vfkol::Typ), &blad),
                    typ.namn(),
                    vfc.omrade(vfc.k.kol(Vfkol::Vald), &blad),
                );
                b.formel(r, kol(c), &formel, v, Slag::Belopp, Roll::Formel)?;
            }
            ut.push((kol(c), v));
        }
        let ram = f.ramar[n][&t];
        let (d, e, ff) = (cell(Ramkol::Kostnad), cell(Ramkol::Tillskott), cell(Ramkol::Minskningar));
        let formel = format!("={}+{}+{}", d.a1(), e.a1(), ff.a1());
        b.formel(r, kol(Ramkol::Exakt), &formel, ram, Slag::Exakt, Roll::Formel)?;
        ut.push((kol(Ramkol::Exakt), ram));
        let avrundad = f.ramar_avrundade[n][&t];
        b.tal(r, kol(Ramkol::Ram), avrundad, Slag::Belopp, Roll::Beraknat)?;
        ut.push((kol(Ramkol::Ram), avrundad));
        if let (Some((mal, kvar)), true) = (proportionell, t == b_ar) {
            let formel = format!("={}*{}/{}", d.a1(), rum.ramutrymme[&b_ar].abs_i(&blad), summa_b.absolut());
            let mc = b.formel(r, kol(Ramkol::Mal), &formel, mal[n], Slag::Belopp, Roll::Formel)?;
            let rc = cell(Ramkol::Exakt);
            let f = format!("={}-{}", mc.a1(), rc.a1());
            b.formel(r, kol(Ramkol::Kvar), &f, kvar[n], Slag::Belopp, Roll::Formel)?;
            ut.push((kol(Ramkol::Mal), mal[n]));
            ut.push((kol(Ramkol::Kvar), kvar[n]));
        }
        Ok(ut)
    })?;
    debug_assert_eq!(lista.summarader.get(&b_ar), Some(&summa_b.rad));
    b.autofilter(lista.forsta, lista.sista, k.sista())?;
    b.tom_rad();
    b.anteckning(&format!(
        "Ramen är kostnaden för befintlig verksamhet plus de valda tillskotten och minskningarna på bladet \
         VF-listor. Ramarna avrundas till hela {} tkr så att de summerar till den avrundade summan (de största \
         resterna får den sista enheten); den exakta ramen står som underlag med en decimal och följer ändringar i \
         indata, den avrundade (grå) är ett värde.",
        svensk(m.enhet_tkr, m.enhet_tkr.normalize().scale())
    ))?;
    if proportionell.is_some() {
        b.anteckning(&format!(
            "Proportionell fördelning: varje nämnd får samma andel av ramutrymmet som av kostnaden {b_ar} (mål-ram). \
             Kvar att hantera är mål-ramen minus ramen; negativt betyder att nämnden behöver hitta så mycket till."
        ))?;
    }
    Ok((b, Ramceller { lista, k }))
}

// ---------------------------------------------------------------- Sammanfattning

/// What *Sammanfattning* is written from: the proposal, its year columns,
/// and the cells of Antaganden, the investments and the ramutrymme.
struct Sammanhang<'a, 'f> {
    f: &'a Forslag<'f>,
    kol: &'a Arskolumner,
    a: &'a Antaganden,
    kap: &'a Kapitalceller,
    rum: &'a Ramutrymmesceller,
}

/// One soliditet block: the result it grows by, the other changes of the
/// total assets (new loans, change of the pension provision, amortisation),
/// ramverk's figures and the opening balance, and the label's ending (`, koncernen`).
struct Soliditetsblock<'a> {
    resultat: &'a Arsceller,
    andringar: &'a [Arsceller],
    sol: &'a crate::berakning::finansiella_mal::Soliditet,
    bal: &'a antaganden::Balansceller,
    till: &'a str,
}

fn sammanfattning_rest(
    b: &mut Blad,
    sh: &Sammanhang<'_, '_>,
    bc: &Befintligceller,
    rc: &Ramceller,
) -> Result<(), Avbrott> {
    let Sammanhang { f, kol, a, kap, rum } = *sh;
    let g = &f.grund;
    let ref_till = |c: &Cell, blad: &str| format!("={}", c.i(blad));
    let summa = |t: Ar, k: Ramkol| rc.summa(t, k);
    let kb = b.arsrad(
        kol,
        "Kostnad för befintlig verksamhet",
        "bladet Befintlig verksamhet",
        None,
        Slag::Belopp,
        |t, blad| Arsvarde::Formel(ref_till(&bc.summa[&t], blad), f.befintlig.summa(t)),
    )?;
    b.arsrad(
        kol,
        "Glapp",
        "ramutrymmet minus kostnaden; negativt: minskningar behövs",
        None,
        Slag::Belopp,
        |t, blad| {
            Arsvarde::Formel(format!("={}-{}", rum.ramutrymme[&t].i(blad), kb[&t].i(blad)), f.befintlig.glapp[&t])
        },
    )?;
    b.arsrad(kol, "Valda tillskott", "bladen Ramar och VF-listor", None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(ref_till(&summa(t, Ramkol::Tillskott), blad), f.valda_summa(VfTyp::Tillskott, t))
    })?;
    b.arsrad(kol, "Valda minskningar", "bladen Ramar och VF-listor", None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(ref_till(&summa(t, Ramkol::Minskningar), blad), f.valda_summa(VfTyp::Minskning, t))
    })?;
    let summa_ramar = |t: Ar| f.ramar.iter().map(|r| r[&t]).sum::<Decimal>();
    let ramar = b.arsrad(kol, "Summa ramar", "bladet Ramar", None, Slag::Belopp, |t, blad| {
        Arsvarde::Summa(ref_till(&summa(t, Ramkol::Exakt), blad), summa_ramar(t))
    })?;
    b.arsrad(kol, "Ej fördelat", "ramutrymmet minus summa ramar", None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(format!("={}-{}", rum.ramutrymme[&t].i(blad), ramar[&t].i(blad)), f.ej_fordelat[&t])
    })?;
    let resultat = b.arsrad(
        kol,
        "Resultat",
        "intäkterna minus pensioner, centrala poster och ramar",
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
        "resultatet i procent av skatter och generella statsbidrag",
        None,
        Slag::PROCENT,
        |t, blad| {
            Arsvarde::Formel(format!("={}/{}", resultat[&t].i(blad), rum.skatter[&t].i(blad)), f.resultat_procent[&t])
        },
    )?;
    let mal_slag = Slag::procent_som(kol.ar.iter().map(|t| g.ramutrymme[t].resultatmal_procent));
    let mal = b.arsrad(kol, "Resultatmål i %", "bladet Antaganden", None, mal_slag, |t, blad| {
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
        "resultatet når minst resultatmålet",
        &|t, blad| format!("{}>={}", procent[&t].i(blad), mal[&t].i(blad)),
        &|t| mal_ok[&t],
    )?;
    let krav = f.balanskrav_uppfyllt();
    jamfor(
        b,
        "Balanskravet uppfyllt",
        "resultatet är inte negativt",
        &|t, blad| format!("{}>=0", resultat[&t].i(blad)),
        &|t| krav[&t],
    )?;

    // Soliditet (MODELL §9).
    if let (Some(sol), Some(bal)) = (&f.kommun, &a.balans) {
        b.tom_rad();
        b.avsnitt("Kommunens soliditet")?;
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
            andringar.push(b.arsrad(kol, "Amortering (−)", "bladet Antaganden", None, Slag::Belopp, |t, _| {
                Arsvarde::Varde(-fo.amortering[&t], Roll::Indata)
            })?);
        }
        soliditet(b, sh, &Soliditetsblock { resultat: &resultat, andringar: &andringar, sol, bal, till: "" })?;
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
                "kommunens resultat plus bolagens",
                None,
                Slag::Belopp,
                |t, blad| {
                    Arsvarde::Formel(format!("={}+{}", resultat[&t].i(blad), bolagen[&t].i(blad)), ksol.resultat[&t])
                },
            )?;
            let block =
                Soliditetsblock { resultat: &kres, andringar: &andringar, sol: ksol, bal: kbal, till: ", koncernen" };
            soliditet(b, sh, &block)?;
        }
    }
    b.tom_rad();
    b.anteckning(&format!(
        "Belopp i {}. Fördelningsregel: {}. Ramarna och urvalet finns på bladen Ramar och VF-listor, \
         flerårsplanen på Resultatbudget.",
        b.enhet(),
        f.urval.regel
    ))?;
    b.tom_rad();
    super::teckenforklaring(b)?;
    Ok(())
}

/// EK, TA, the pension obligations and the two soliditet ratios, chained
/// from the opening balance on Antaganden.
fn soliditet(b: &mut Blad, sh: &Sammanhang<'_, '_>, s: &Soliditetsblock<'_>) -> Result<(), Avbrott> {
    let Sammanhang { f, kol, a, .. } = *sh;
    let Soliditetsblock { resultat, andringar, sol, bal, till } = *s;
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
    let ek = b.arsrad(
        kol,
        &format!("Eget kapital{till}"),
        "föregående år plus resultatet",
        None,
        Slag::Belopp,
        |t, blad| {
            let f = format!("={}+{}", forra(&ek_celler, t, &bal.eget_kapital, blad), resultat[&t].i(blad));
            Arsvarde::Formel(f, sol.eget_kapital[&t])
        },
    )?;
    let ta_cell = pa_rad(b.rad());
    let ta_celler: Arsceller = kol.ar.iter().map(|&t| (t, ta_cell(t))).collect();
    let ta = b.arsrad(
        kol,
        &format!("Totala tillgångar{till}"),
        "föregående år plus resultat, nya lån, förändrad avsättning och minus amortering",
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
    b.arsrad(
        kol,
        &format!("Soliditet{till}"),
        "eget kapital i procent av totala tillgångar",
        None,
        Slag::PROCENT,
        |t, blad| Arsvarde::Summa(format!("={}/{}", ek[&t].i(blad), ta[&t].i(blad)), sol.soliditet[&t]),
    )?;
    b.arsrad(
        kol,
        &format!("Soliditet inkl. pensionsförpliktelser{till}"),
        "eget kapital minus pensionsförpliktelserna, i procent av totala tillgångar",
        None,
        Slag::PROCENT,
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
    rc: &Ramceller,
) -> Result<Blad, Avbrott> {
    let g = &f.grund;
    let m = g.modell;
    let kol = Arskolumner::ny(2, m.ar());
    let rubrik = format!("Resultatbudget ({})", bok.enhet().namn());
    let mut b = bok.nytt_blad(RESULTATBUDGET, &arsrubriker(m, &rubrik, "Förklaring"), 1)?;
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
        b.arsrad(&kol, "Nämndernas ramar", "summan av ramarna, bladet Ramar", None, Slag::Belopp, |t, blad| {
            Arsvarde::Formel(format!("=-{}", rc.summa(t, Ramkol::Exakt).i(blad)), -summa_ramar(t))
        })?;
    let pension = b.arsrad(
        &kol,
        "Pensionskostnader utanför ramarna",
        "pensionskostnader med löneskatt minus det som ingår i ramarna, bladet Antaganden",
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
        "nettokostnaderna plus skatter och bidrag",
        None,
        Slag::Belopp,
        |t, blad| Arsvarde::Summa(format!("={}+{}", vnk[&t].i(blad), sk[&t].i(blad)), vr_v(t)),
    )?;
    b.tom_rad();
    let pfin = b.arsrad(
        &kol,
        "Finansiella pensionskostnader",
        "med löneskatt, bladet Antaganden",
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
    let resultat = b.arsrad(
        &kol,
        "Årets resultat",
        "verksamhetens resultat plus finansnettot",
        None,
        Slag::Belopp,
        |t, blad| Arsvarde::Summa(format!("={}+{}", vr[&t].i(blad), finansnetto[&t].i(blad)), f.resultat[&t]),
    )?;
    b.arsrad(
        &kol,
        "Resultat i % av skatter och bidrag",
        "årets resultat i procent av skatter och generella statsbidrag",
        None,
        Slag::PROCENT,
        |t, blad| Arsvarde::Formel(format!("={}/{}", resultat[&t].i(blad), sk[&t].i(blad)), f.resultat_procent[&t]),
    )?;
    let mal_slag = Slag::procent_som(kol.ar.iter().map(|t| u(*t).resultatmal_procent));
    b.arsrad(&kol, "Resultatmål", "bladet Antaganden", None, mal_slag, |t, blad| {
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

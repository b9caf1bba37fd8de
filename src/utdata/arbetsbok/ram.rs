//! The workbook of `ramverk ram` (MODELL §1–3, §8, §10): the sheets
//! *Procentuell ram*, *Intäkter* and *Antaganden*.
//!
//! Every figure an economist needs to audit the frame is in it: the inputs
//! (yellow), and each step from them as a live formula with ramverk's exact
//! result stored. Totals refer across sheets: the ramutrymme on *Procentuell
//! ram* takes the revenue from *Intäkter* and the pensions, central items and
//! result target from *Antaganden*.

use super::antaganden::{self, Antaganden, Val};
use super::intakter::intakter;
use super::{
    Arbetsbok, Arsceller, Arskolumner, Arsvarde, Blad, Cell, Dokument, Kolumn, Kolumner, Roll, Slag, arsrubrik,
};
use crate::berakning::procentuell_ram::Januariram;
use crate::fel::Avbrott;
use crate::modell::Ar;
use crate::tal::svensk;
use crate::utdata::enhet::Enhet;

pub const PROCENTUELL_RAM: &str = "Procentuell ram";

/// The workbook of `ram`, sheets in the order Procentuell ram, Intäkter, Antaganden.
pub fn arbetsbok(j: &Januariram<'_>, enhet: Enhet) -> Result<Arbetsbok, Avbrott> {
    let m = j.grund.modell;
    let titel = format!("Procentuell ram {} – {}", m.budgetar(), m.kommun);
    let mut bok = Arbetsbok::ny(Dokument::for_grund(titel, &j.grund)).i(enhet);
    // Built in the order they refer to each other, shown in the order of reading.
    let (antaganden, a, _) = antaganden::antaganden(&bok, &j.grund, Val::default(), |_, _| Ok(()))?;
    let (intakter, s) = intakter(&bok, &j.grund, &a)?;
    let procentuell = procentuell_ram(&bok, j, &a, &s)?;
    bok.lagg_till(procentuell);
    bok.lagg_till(intakter);
    bok.lagg_till(antaganden);
    Ok(bok)
}

/// The columns of *Procentuell ram*: label, explanation (or the nämnd's
/// name), basår and the plan years.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kol {
    Post,
    Forklaring,
    Ar(Ar),
}

fn procentuell_ram(bok: &Arbetsbok, j: &Januariram<'_>, a: &Antaganden, s: &Arsceller) -> Result<Blad, Avbrott> {
    let g = &j.grund;
    let m = g.modell;
    let ar = m.ar();
    let alla: Vec<Ar> = std::iter::once(m.basar).chain(ar.iter().copied()).collect();
    let mut k =
        Kolumner::ny().med(Kol::Post, Kolumn::ny("Post", 40.0)).med(Kol::Forklaring, Kolumn::ny("Förklaring", 62.0));
    for &t in &alla {
        k.lagg_till(Kol::Ar(t), Kolumn::tal(arsrubrik(m, t)));
    }
    let kol = Arskolumner::ny(k.kol(Kol::Ar(m.basar)), alla.clone());
    let plan = Arskolumner::ny(k.kol(Kol::Ar(m.budgetar())), ar.clone());
    let mut b = bok.nytt_blad(PROCENTUELL_RAM, &k.kolumner(), 1)?;
    let r0 = m.basram();
    let rum = antaganden::ramutrymme(&mut b, &plan, g, a, Some(s), "; basår: ramarnas summa")?;
    let uc = rum.ramutrymme;
    // The basår's ramutrymme is the sum of the frames, written below when its cell is known.
    let u0 = Cell { blad: PROCENTUELL_RAM.to_string(), rad: uc[&m.budgetar()].rad, kol: kol.kol(m.basar) };
    let u_cell = |t: Ar| {
        if t == m.basar { u0.clone() } else { uc[&t].clone() }
    };
    b.arsrad(
        &plan,
        "Förändring mot året före",
        "ramutrymmets förändring i procent",
        None,
        Slag::PROCENT,
        |t, blad| Arsvarde::Formel(format!("={}/{}-1", u_cell(t).i(blad), u_cell(t - 1).i(blad)), j.ram.procent[&t]),
    )?;
    let k_rad = b.rad();
    let ku = b.arsrad(
        &kol,
        "Kostnadsutveckling (PKV)",
        "basårets ramar uppräknade med PKV",
        None,
        Slag::Belopp,
        |t, blad| {
            if t == m.basar {
                return Arsvarde::Formel(format!("={}", u0.i(blad)), r0);
            }
            let v = j.ram.kostnadsutveckling[&t];
            match a.serie("pkv", t, blad) {
                Some(pkv) => {
                    let forra = Cell { blad: blad.to_string(), rad: k_rad, kol: kol.kol(t - 1) };
                    Arsvarde::Formel(format!("={}*(1+{pkv})", forra.a1()), v)
                }
                None => Arsvarde::Varde(v, Roll::Beraknat),
            }
        },
    )?;
    b.arsrad(
        &plan,
        "Differens",
        "ramutrymmet minus kostnadsutvecklingen (negativ: intäkterna räcker inte)",
        None,
        Slag::Belopp,
        |t, blad| Arsvarde::Formel(format!("={}-{}", uc[&t].i(blad), ku[&t].i(blad)), j.ram.differens[&t]),
    )?;
    b.tom_rad();

    let namnrubriker = |forsta: &str| -> Vec<String> {
        ["Nämnd".to_string(), "Namn".to_string()]
            .into_iter()
            .chain(alla.iter().map(|&t| if t == m.basar { format!("Ram {t}") } else { format!("{forsta} {t}") }))
            .collect()
    };
    let fet = rust_xlsxwriter::Format::new().set_bold();

    // The frames per nämnd as decided: rounded so that they add up to the
    // rounded ramutrymme. Values: they do not follow an edit (the exact
    // frames below do).
    b.avsnitt(&format!(
        "Procentuell ram per nämnd ({}, avrundad till hela {} tkr så att summan blir ramutrymmet)",
        b.enhet(),
        svensk(m.enhet_tkr, m.enhet_tkr.normalize().scale())
    ))?;
    let rubrikrad = b.ny_rad();
    b.rubrikrad(rubrikrad, &namnrubriker("Ram"))?;
    let forsta = b.rad();
    let n = m.namnder.len() as u32;
    let mut basramar = Vec::new();
    let mut avrundade = Vec::new();
    for (i, namnd) in m.namnder.iter().enumerate() {
        let r = b.ny_rad();
        b.text(r, k.kol(Kol::Post), &namnd.id)?;
        b.text(r, k.kol(Kol::Forklaring), &namnd.namn)?;
        basramar.push(b.tal(r, kol.kol(m.basar), namnd.ram, Slag::Belopp, Roll::Indata)?);
        let mut rad = Arsceller::new();
        for &t in &ar {
            rad.insert(t, b.tal(r, plan.kol(t), j.ram.ramar_avrundade[i][&t], Slag::Belopp, Roll::Beraknat)?);
        }
        avrundade.push(rad);
    }
    let sista_namnd = b.rad().saturating_sub(1);
    let r = b.ny_rad();
    b.text_med(r, k.kol(Kol::Post), "Summa", &fet)?;
    let r0_cell = b.summa(r, kol.kol(m.basar), basramar.first().zip(basramar.last()), r0, Slag::Belopp)?;
    for &t in &ar {
        let summa = j.ram.ramar_avrundade.iter().map(|k| k[&t]).sum();
        let omr = avrundade.first().zip(avrundade.last()).map(|(x, y)| (&x[&t], &y[&t]));
        b.summa(r, plan.kol(t), omr, summa, Slag::Belopp)?;
    }
    b.autofilter(rubrikrad, sista_namnd, k.sista())?;
    b.formel(u0.rad, u0.kol, &format!("={}", r0_cell.a1()), r0, Slag::Belopp, Roll::Summa)?;
    debug_assert_eq!(r0_cell.rad, forsta + n);
    b.tom_rad();

    // The exact frames: live formulas, the underlag of the rounding above.
    b.avsnitt(&format!(
        "Underlag: exakt procentuell ram ({}, med en decimal till; följer ändringar i indata)",
        b.enhet()
    ))?;
    let rubrikrad = b.ny_rad();
    b.rubrikrad(rubrikrad, &namnrubriker("Exakt"))?;
    let mut exakta = Vec::new();
    for (i, namnd) in m.namnder.iter().enumerate() {
        let r = b.ny_rad();
        b.text(r, k.kol(Kol::Post), &namnd.id)?;
        b.text(r, k.kol(Kol::Forklaring), &namnd.namn)?;
        let bas = &basramar[i];
        b.formel(r, kol.kol(m.basar), &format!("={}", bas.a1()), namnd.ram, Slag::Belopp, Roll::Formel)?;
        let mut rad = Arsceller::new();
        for &t in &ar {
            let f = format!("={}*{}/{}", bas.fast_kol(), uc[&t].fast_rad(), r0_cell.absolut());
            rad.insert(t, b.formel(r, plan.kol(t), &f, j.ram.ramar[i][&t], Slag::Exakt, Roll::Formel)?);
        }
        exakta.push(rad);
    }
    let r = b.ny_rad();
    b.text_med(r, k.kol(Kol::Post), "Summa", &fet)?;
    for &t in &ar {
        let omr = exakta.first().zip(exakta.last()).map(|(x, y)| (&x[&t], &y[&t]));
        let summa = j.ram.ramar.iter().map(|k| k[&t]).sum();
        match omr {
            Some((x, y)) => b.formel(
                r,
                plan.kol(t),
                &format!("=SUM({})", x.till(y, PROCENTUELL_RAM)),
                summa,
                Slag::Exakt,
                Roll::Summa,
            )?,
            None => b.tal(r, plan.kol(t), summa, Slag::Exakt, Roll::Beraknat)?,
        };
    }
    b.tom_rad();
    b.anteckning(&format!(
        "Belopp i {}. Gula celler är indata, vita är formler som räknas om när indata ändras, grå är beräknade \
         av ramverk och räknas inte om. Varje nämnds ram ändras med samma procent som ramutrymmet; ramarna \
         avrundas så att summan blir det avrundade ramutrymmet (de största resterna får den sista enheten).",
        b.enhet()
    ))?;
    Ok(b)
}

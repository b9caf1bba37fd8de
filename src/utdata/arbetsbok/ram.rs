//! The workbook of `ramverk ram` (MODELL §1–3, §8, §10): the sheets
//! *Procentuell ram*, *Intäkter* and *Antaganden*.
//!
//! Every figure an economist needs to audit the frame is in it: the inputs
//! (yellow), and each step from them as a live formula with ramverk's exact
//! result stored. Totals refer across sheets: the ramutrymme on *Procentuell
//! ram* uses S(t) from *Intäkter* and PK(t), C(t) and m from *Antaganden*.

use super::antaganden::{self, Antaganden, Val};
use super::intakter::intakter;
use super::{Arbetsbok, Arsceller, Arskolumner, Arsvarde, Blad, Cell, Dokument, Kolumn, Roll, Slag, arsrubrik};
use crate::berakning::procentuell_ram::Januariram;
use crate::fel::Avbrott;
use crate::modell::Ar;
use crate::tal::svensk;

pub const PROCENTUELL_RAM: &str = "Procentuell ram";

/// The workbook of `ram`, sheets in the order Procentuell ram, Intäkter, Antaganden.
pub fn arbetsbok(j: &Januariram<'_>) -> Result<Arbetsbok, Avbrott> {
    let m = j.grund.modell;
    let titel = format!("Procentuell ram {} – {}", m.budgetar(), m.kommun);
    let mut bok = Arbetsbok::ny(Dokument::for_grund(titel, &j.grund));
    // Built in the order they refer to each other, shown in the order of reading.
    let (antaganden, a, _) = antaganden::antaganden(&bok, &j.grund, Val::default(), |_, _| Ok(()))?;
    let (intakter, s) = intakter(&bok, &j.grund, &a)?;
    let procentuell = procentuell_ram(&bok, j, &a, &s)?;
    bok.lagg_till(procentuell);
    bok.lagg_till(intakter);
    bok.lagg_till(antaganden);
    Ok(bok)
}

fn procentuell_ram(bok: &Arbetsbok, j: &Januariram<'_>, a: &Antaganden, s: &Arsceller) -> Result<Blad, Avbrott> {
    let g = &j.grund;
    let m = g.modell;
    let ar = m.ar();
    let alla: Vec<Ar> = std::iter::once(m.basar).chain(ar.iter().copied()).collect();
    let kol = Arskolumner::ny(2, alla.clone());
    let plan = Arskolumner::ny(3, ar.clone());
    let mut rubriker = vec![Kolumn::ny("Post", 40.0), Kolumn::ny("Beräkning", 58.0)];
    rubriker.extend(alla.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    let mut b = bok.nytt_blad(PROCENTUELL_RAM, &rubriker, 1)?;
    let r0 = m.basram();
    let rum = antaganden::ramutrymme(&mut b, &plan, g, a, Some(s), "; basår: R0 = summan av ramarna")?;
    let uc = rum.ramutrymme;
    // U(t0) := R0 is written below, when the cell with the sum of the frames is known.
    let u0 = Cell { blad: PROCENTUELL_RAM.to_string(), rad: uc[&m.budgetar()].rad, kol: kol.kol(m.basar) };
    let u_cell = |t: Ar| {
        if t == m.basar { u0.clone() } else { uc[&t].clone() }
    };
    b.arsrad(
        &plan,
        "Förändring mot året före",
        "procent(t) = U(t) / U(t−1) − 1",
        None,
        Slag::Procent,
        |t, blad| Arsvarde::Formel(format!("={}/{}-1", u_cell(t).i(blad), u_cell(t - 1).i(blad)), j.ram.procent[&t]),
    )?;
    let k_rad = b.rad();
    let ku =
        b.arsrad(&kol, "Kostnadsutveckling (PKV)", "R0 · Π(1 + pkv); basår: R0", None, Slag::Belopp, |t, blad| {
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
        })?;
    b.arsrad(&plan, "Differens", "U(t) − kostnadsutveckling(t)", None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(format!("={}-{}", uc[&t].i(blad), ku[&t].i(blad)), j.ram.differens[&t])
    })?;
    b.tom_rad();

    // The frames per nämnd, exact and live.
    let namnrubriker = |alla: &[Ar]| -> Vec<String> {
        ["Nämnd".to_string(), "Namn".to_string()].into_iter().chain(alla.iter().map(|t| format!("Ram {t}"))).collect()
    };
    b.avsnitt(&format!("Procentuell ram per nämnd (tkr, exakt): ram(n,t) = ram(n,{}) · U(t) / R0", m.basar))?;
    let rubrikrad = b.ny_rad();
    b.rubrikrad(rubrikrad, &namnrubriker(&alla))?;
    let forsta = b.rad();
    let n = m.namnder.len() as u32;
    let r0_cell = Cell { blad: PROCENTUELL_RAM.to_string(), rad: forsta + n, kol: kol.kol(m.basar) };
    let mut basramar = Vec::new();
    let mut ramar = Vec::new();
    for (i, namnd) in m.namnder.iter().enumerate() {
        let r = b.ny_rad();
        b.text(r, 0, &namnd.id)?;
        b.text(r, 1, &namnd.namn)?;
        let bas = b.tal(r, kol.kol(m.basar), namnd.ram, Slag::Belopp, Roll::Indata)?;
        let mut rad = Arsceller::new();
        for &t in &ar {
            let f = format!("={}*{}/{}", bas.fast_kol(), uc[&t].fast_rad(), r0_cell.absolut());
            rad.insert(t, b.formel(r, plan.kol(t), &f, j.ram.ramar[i][&t], Slag::Belopp, Roll::Formel)?);
        }
        basramar.push(bas);
        ramar.push(rad);
    }
    let sista_namnd = b.rad().saturating_sub(1);
    let r = b.ny_rad();
    b.text_med(r, 0, "Summa", &rust_xlsxwriter::Format::new().set_bold())?;
    b.summa(r, kol.kol(m.basar), basramar.first().zip(basramar.last()), r0, Slag::Belopp)?;
    for &t in &ar {
        let omr = ramar.first().zip(ramar.last()).map(|(x, y)| (&x[&t], &y[&t]));
        b.summa(r, plan.kol(t), omr, j.ram.ramar.iter().map(|k| k[&t]).sum(), Slag::Belopp)?;
    }
    b.autofilter(rubrikrad, sista_namnd, kol.sista())?;
    b.formel(u0.rad, u0.kol, &format!("={}", r0_cell.a1()), r0, Slag::Belopp, Roll::Summa)?;
    b.tom_rad();

    // The rounded frames (MODELL §10): values, they do not follow an edit.
    b.avsnitt(&format!(
        "Avrundade ramar (tkr, MODELL §10): hela {} tkr per nämnd, summan är det avrundade ramutrymmet",
        svensk(m.enhet_tkr, 0)
    ))?;
    let rubrikrad = b.ny_rad();
    b.rubrikrad(rubrikrad, &namnrubriker(&alla))?;
    let mut forsta_rad: Option<(Cell, Arsceller)> = None;
    let mut sista_rad: Option<(Cell, Arsceller)> = None;
    for (i, namnd) in m.namnder.iter().enumerate() {
        let r = b.ny_rad();
        b.text(r, 0, &namnd.id)?;
        b.text(r, 1, &namnd.namn)?;
        let bas =
            b.formel(r, kol.kol(m.basar), &format!("={}", basramar[i].a1()), namnd.ram, Slag::Belopp, Roll::Formel)?;
        let mut rad = Arsceller::new();
        for &t in &ar {
            rad.insert(t, b.tal(r, plan.kol(t), j.ram.ramar_avrundade[i][&t], Slag::Belopp, Roll::Beraknat)?);
        }
        if forsta_rad.is_none() {
            forsta_rad = Some((bas.clone(), rad.clone()));
        }
        sista_rad = Some((bas, rad));
    }
    let r = b.ny_rad();
    b.text_med(r, 0, "Summa", &rust_xlsxwriter::Format::new().set_bold())?;
    let par = forsta_rad.as_ref().zip(sista_rad.as_ref());
    b.summa(r, kol.kol(m.basar), par.map(|(x, y)| (&x.0, &y.0)), r0, Slag::Belopp)?;
    for &t in &ar {
        let summa = j.ram.ramar_avrundade.iter().map(|k| k[&t]).sum();
        b.summa(r, plan.kol(t), par.map(|(x, y)| (&x.1[&t], &y.1[&t])), summa, Slag::Belopp)?;
    }
    b.tom_rad();
    b.anteckning(
        "Belopp i tkr. Gula celler är indata, vita är formler som räknas om när indata ändras, \
         grå är beräknade av ramverk och räknas inte om (de avrundade ramarna fördelas efter största rest).",
    )?;
    Ok(b)
}

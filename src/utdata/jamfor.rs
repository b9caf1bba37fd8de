//! `ramverk jamfor`: Bas and each scenario side by side.

use super::enhet::Enhet;
use super::text::Texttabell;
use crate::berakning::forslag::Forslag;
use crate::modell::VfTyp;
use serde_json::{Value, json};

/// For every VF item the scenarios in which it is selected.
pub fn vf_i_scenarier(forslag: &[Forslag<'_>]) -> Vec<(String, Vec<String>)> {
    let Some(forsta) = forslag.first() else { return vec![] };
    let m = forsta.grund.modell;
    m.vf.iter()
        .enumerate()
        .map(|(i, p)| {
            let valda = forslag.iter().filter(|f| f.urval.vald[i]).map(|f| f.grund.scenario.namn.clone()).collect();
            (p.id.clone(), valda)
        })
        .collect()
}

pub fn json(forslag: &[Forslag<'_>]) -> Value {
    let m = forslag[0].grund.modell;
    let antal = forslag.len();
    json!({
        "kommun": m.kommun,
        "basar": m.basar,
        "ar": m.ar(),
        "scenarier": forslag.iter().map(super::forslag::json).collect::<Vec<_>>(),
        "vf_i_scenarier": vf_i_scenarier(forslag).into_iter().map(|(id, valda)| json!({
            "id": id,
            "i_alla": valda.len() == antal,
            "i_inget": valda.is_empty(),
            "valda_i": valda,
        })).collect::<Vec<_>>(),
    })
}

/// The widest line of `jamfor`'s table: wider comparisons are split into blocks of scenarios.
const BREDD: usize = 120;

pub fn text(forslag: &[Forslag<'_>], e: Enhet) -> String {
    let m = forslag[0].grund.modell;
    let b = m.budgetar();
    let mut ut = format!("Jämförelse av scenarier — {}\nBelopp i {}.\n\n", m.kommun, e.namn());
    let namn: Vec<String> = forslag.iter().map(|f| f.grund.scenario.namn.clone()).collect();
    let mut t = Texttabell::ny(std::iter::once(String::new()).chain(namn.iter().cloned())).i(e);
    let ja_nej = |v: bool| if v { "ja" } else { "nej" }.to_string();
    for ar in m.ar() {
        t.rad([format!("{ar}")]);
        t.belopp("  Ramutrymme", forslag.iter().map(|f| f.grund.ramutrymme(ar)));
        t.belopp("  Glapp", forslag.iter().map(|f| f.befintlig.glapp[&ar]));
        t.belopp("  Summa ramar", forslag.iter().map(|f| f.ramar.iter().map(|r| r[&ar]).sum()));
        t.belopp("  Ej fördelat", forslag.iter().map(|f| f.ej_fordelat[&ar]));
        t.belopp("  Resultat", forslag.iter().map(|f| f.resultat[&ar]));
        t.procent("  Resultat i %", forslag.iter().map(|f| f.resultat_procent[&ar]));
        t.rad(
            std::iter::once("  Resultatmålet uppfyllt".to_string())
                .chain(forslag.iter().map(|f| ja_nej(f.resultatmal_uppfyllt()[&ar]))),
        );
        t.rad(
            std::iter::once("  Balanskravet uppfyllt".to_string())
                .chain(forslag.iter().map(|f| ja_nej(f.balanskrav_uppfyllt()[&ar]))),
        );
        if forslag[0].kommun.is_some() {
            t.procent(
                "  Soliditet inkl. pension",
                forslag.iter().map(|f| f.kommun.as_ref().map(|k| k.soliditet_inkl_pension[&ar]).unwrap_or_default()),
            );
        }
    }
    t.tom();
    t.belopp(&format!("Valda tillskott {b}"), forslag.iter().map(|f| f.valda_summa(VfTyp::Tillskott, b)));
    t.belopp(&format!("Valda minskningar {b}"), forslag.iter().map(|f| f.valda_summa(VfTyp::Minskning, b)));
    t.tom();
    t.rad([format!("Ramar {b}")]);
    for (n, namnd) in m.namnder.iter().enumerate() {
        t.belopp(&format!("  {} {}", namnd.id, namnd.namn), forslag.iter().map(|f| f.ramar_avrundade[n][&b]));
    }
    t.belopp("  Summa", forslag.iter().map(|f| f.ramar_avrundade.iter().map(|r| r[&b]).sum()));
    ut.push_str(&t.skriv_inom(BREDD));
    ut.push_str("\nBedömning per scenario:\n");
    for f in forslag {
        let omdome = super::forslag::omdome(f, e);
        let text = omdome.replace('\n', " ");
        let text = text.trim_end().trim_start_matches("Bedömning: ");
        for (i, rad) in
            super::text::radbryt(&format!("{}: {text}", f.grund.scenario.namn), BREDD - 2).into_iter().enumerate()
        {
            ut.push_str(if i == 0 { "- " } else { "  " });
            ut.push_str(&rad);
            ut.push('\n');
        }
    }
    if !m.vf.is_empty() {
        ut.push_str("\nVF-poster och scenarier där de är valda:\n");
        let mut v = Texttabell::ny(["Id", "Rubrik", "Valda i"]);
        for ((id, valda), p) in vf_i_scenarier(forslag).into_iter().zip(&m.vf) {
            let text = if valda.len() == forslag.len() {
                "i alla".to_string()
            } else if valda.is_empty() {
                "i inget".to_string()
            } else {
                valda.join(", ")
            };
            v.rad([id, p.rubrik.clone(), text]);
        }
        ut.push_str(&v.skriv());
    }
    ut
}

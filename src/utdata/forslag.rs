//! The ramfördelning proposal (`ramverk forslag`) as a table and as JSON.

use super::befintlig::{json_grund, json_namnd};
use super::enhet::Enhet;
use super::json::{arskarta, belopp};
use super::text::Texttabell;
use crate::berakning::finansiella_mal::Soliditet;
use crate::berakning::forslag::Forslag;
use crate::modell::Ar;
use crate::modell::VfTyp;
use crate::tal::svensk_procent;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn soliditet_json(s: &Soliditet) -> Value {
    json!({
        "soliditet": arskarta(&s.soliditet),
        "soliditet_inkl_pension": arskarta(&s.soliditet_inkl_pension),
        "resultat": arskarta(&s.resultat),
        "eget_kapital": arskarta(&s.eget_kapital),
        "totala_tillgangar": arskarta(&s.totala_tillgangar),
        "ansvarsforbindelse": arskarta(&s.ansvarsforbindelse),
    })
}

pub fn json(f: &Forslag<'_>) -> Value {
    let g = &f.grund;
    let m = g.modell;
    let b = m.budgetar();
    let mut o = json_grund(g, &f.befintlig);
    o.insert("fordelning".into(), json!(f.urval.regel.namn()));
    o.insert("ej_fordelat".into(), arskarta(&f.ej_fordelat));
    o.insert("resultat".into(), arskarta(&f.resultat));
    o.insert("resultat_procent".into(), arskarta(&f.resultat_procent));
    o.insert("balanskrav_uppfyllt".into(), json!(f.balanskrav_uppfyllt()));
    o.insert("resultatmal_uppfyllt".into(), json!(f.resultatmal_uppfyllt()));
    if let Some(k) = &f.kommun {
        o.insert("soliditet".into(), arskarta(&k.soliditet));
        o.insert("soliditet_inkl_pension".into(), arskarta(&k.soliditet_inkl_pension));
        o.insert("balans".into(), soliditet_json(k));
    }
    if let Some(k) = &f.koncern {
        o.insert("koncern".into(), soliditet_json(k));
    }
    let namnder: Vec<Value> = (0..m.namnder.len())
        .map(|n| {
            let mut x = json_namnd(g, &f.befintlig, n);
            x.insert("ram".into(), arskarta(&f.ramar[n]));
            x.insert("ram_avrundad".into(), arskarta(&f.ramar_avrundade[n]));
            if let (Some(mal), Some(kvar)) = (&f.urval.mal, &f.kvar_att_hantera) {
                x.insert("mal_ram".into(), belopp(mal[n]));
                x.insert("kvar_att_hantera".into(), belopp(kvar[n]));
            }
            Value::Object(x)
        })
        .collect();
    o.insert("namnder".into(), namnder.into());
    o.insert(
        "vf".into(),
        m.vf.iter()
            .zip(&f.urval.vald)
            .map(|(p, v)| {
                json!({
                    "id": p.id,
                    "namnd": m.namnder[p.namnd].id,
                    "rubrik": p.rubrik,
                    "typ": p.typ.namn(),
                    "prioritet": p.prioritet,
                    "kommunprioritet": p.kommunprioritet,
                    "varde": belopp(p.varde),
                    "inriktningsmal": p.inriktningsmal,
                    "perspektiv": p.perspektiv,
                    "konsekvens": p.konsekvens,
                    "vald": v,
                    "belopp": arskarta(&m.ar().iter().map(|&t| (t, p.belopp.eller_noll(t))).collect()),
                })
            })
            .collect(),
    );
    o.insert("valda_tillskott".into(), belopp(f.valda_summa(VfTyp::Tillskott, b)));
    o.insert("valda_minskningar".into(), belopp(f.valda_summa(VfTyp::Minskning, b)));
    Value::Object(o)
}

fn ja_nej(b: bool) -> String {
    if b { "ja" } else { "nej" }.to_string()
}

/// `2027`, `2027 och 2028`, `2026, 2027 och 2028`.
pub fn arslista(ar: &[Ar]) -> String {
    let texter: Vec<String> = ar.iter().map(|a| a.to_string()).collect();
    match texter.split_last() {
        Some((sista, [])) => sista.clone(),
        Some((sista, forsta)) => format!("{} och {sista}", forsta.join(", ")),
        None => String::new(),
    }
}

/// The verdict under the table, in words: the years that miss the result
/// target, break the balanskrav or leave ej fördelat negative (the frames
/// exceed the ramutrymme) — or that every target is met.
pub fn omdome(f: &Forslag<'_>, e: Enhet) -> String {
    let g = &f.grund;
    let ar = g.modell.ar();
    let mal = f.resultatmal_uppfyllt();
    let krav = f.balanskrav_uppfyllt();
    let missar: Vec<Ar> = ar.iter().copied().filter(|a| !mal[a]).collect();
    let bryter: Vec<Ar> = ar.iter().copied().filter(|a| !krav[a]).collect();
    let negativt: Vec<Ar> = ar.iter().copied().filter(|a| f.ej_fordelat[a] < Decimal::ZERO).collect();
    let procent = |a: Ar| svensk_procent(f.resultat_procent[&a], 1);
    let mut meningar = Vec::new();
    let malet = svensk_procent(g.ramutrymme[&ar[0]].resultatmal_procent, 1);
    if missar.is_empty() {
        meningar.push(format!("Resultatmålet ({malet}) nås alla år."));
    } else {
        let utfall: Vec<String> = missar.iter().map(|&a| format!("{a}: {}", procent(a))).collect();
        meningar.push(format!("Resultatmålet ({malet}) nås inte {} ({}).", arslista(&missar), utfall.join(", ")));
    }
    if bryter.is_empty() {
        meningar.push("Balanskravet uppfylls alla år.".to_string());
    } else {
        let utfall: Vec<String> =
            bryter.iter().map(|&a| format!("{a}: {} {}", e.text(f.resultat[&a]), e.namn())).collect();
        meningar.push(format!(
            "Balanskravet uppfylls inte {}: resultatet är negativt ({}).",
            arslista(&bryter),
            utfall.join(", ")
        ));
    }
    if !negativt.is_empty() {
        let utfall: Vec<String> =
            negativt.iter().map(|&a| format!("{a}: {} {}", e.text(f.ej_fordelat[&a]), e.namn())).collect();
        meningar.push(format!(
            "Ej fördelat är negativt {} ({}): ramarna är större än ramutrymmet.",
            arslista(&negativt),
            utfall.join(", ")
        ));
    }
    let mut ut = String::new();
    for rad in super::text::radbryt(&format!("Bedömning: {}", meningar.join(" ")), 100) {
        ut.push_str(&rad);
        ut.push('\n');
    }
    ut
}

pub fn text(f: &Forslag<'_>, e: Enhet) -> String {
    let g = &f.grund;
    let m = g.modell;
    let ar = m.ar();
    let mut ut = format!(
        "Förslag till ramfördelning {}–{} — {}, scenario {}, fördelning {}\nSKR-prognos: {}\nBelopp i {}.\n\n",
        m.budgetar(),
        m.sista_ar(),
        m.kommun,
        g.scenario.namn,
        f.urval.regel,
        m.skr_prognos,
        e.namn()
    );
    let mut t = Texttabell::ny(std::iter::once(String::new()).chain(ar.iter().map(|a| a.to_string()))).i(e);
    let per = |h: &dyn Fn(i32) -> Decimal| ar.iter().map(|&a| h(a)).collect::<Vec<_>>();
    t.belopp("Skatter och generella statsbidrag", per(&|a| g.ramutrymme[&a].skatter_och_bidrag));
    t.belopp("− Pensionskostnader", per(&|a| g.ramutrymme[&a].pension));
    t.belopp("− Centrala poster", per(&|a| g.ramutrymme[&a].centrala_poster));
    t.belopp("− Resultatmål", per(&|a| g.ramutrymme[&a].resultatmal));
    t.belopp("= Ramutrymme", per(&|a| g.ramutrymme(a)));
    t.belopp("Kostnad för befintlig verksamhet", per(&|a| f.befintlig.summa(a)));
    t.belopp("Glapp", per(&|a| f.befintlig.glapp[&a]));
    t.belopp("Summa ramar", per(&|a| f.ramar.iter().map(|r| r[&a]).sum()));
    t.belopp("Ej fördelat", per(&|a| f.ej_fordelat[&a]));
    t.belopp("Resultat", per(&|a| f.resultat[&a]));
    t.procent("Resultat i % av skatter och bidrag", per(&|a| f.resultat_procent[&a]));
    t.procent("Resultatmål", per(&|a| g.ramutrymme[&a].resultatmal_procent));
    let mal = f.resultatmal_uppfyllt();
    t.rad(std::iter::once("Resultatmålet uppfyllt".to_string()).chain(ar.iter().map(|a| ja_nej(mal[a]))));
    let krav = f.balanskrav_uppfyllt();
    t.rad(std::iter::once("Balanskravet uppfyllt".to_string()).chain(ar.iter().map(|a| ja_nej(krav[a]))));
    if let Some(k) = &f.kommun {
        t.procent("Soliditet", per(&|a| k.soliditet[&a]));
        t.procent("Soliditet inkl. pensionsåtaganden", per(&|a| k.soliditet_inkl_pension[&a]));
    }
    if let Some(k) = &f.koncern {
        t.procent("Soliditet koncernen", per(&|a| k.soliditet[&a]));
        t.procent("Soliditet koncernen inkl. pension", per(&|a| k.soliditet_inkl_pension[&a]));
    }
    ut.push_str(&t.skriv());
    ut.push('\n');
    ut.push_str(&omdome(f, e));
    ut.push('\n');
    let mut r = Texttabell::ny(
        ["Nämnd".to_string(), format!("Ram {}", m.basar)]
            .into_iter()
            .chain(ar.iter().map(|a| format!("Ram {a}")))
            .chain(f.kvar_att_hantera.as_ref().map(|_| "Kvar att hantera".to_string())),
    );
    for (n, namnd) in m.namnder.iter().enumerate() {
        let mut rad = vec![format!("{} {}", namnd.id, namnd.namn), e.text(namnd.ram)];
        rad.extend(ar.iter().map(|a| e.text(f.ramar_avrundade[n][a])));
        if let Some(k) = &f.kvar_att_hantera {
            rad.push(e.text(k[n]));
        }
        r.rad(rad);
    }
    let mut summa = vec!["Summa".to_string(), e.text(m.basram())];
    summa.extend(ar.iter().map(|a| e.text(f.ramar_avrundade.iter().map(|x| x[a]).sum())));
    r.rad(summa);
    ut.push_str(&r.skriv());
    if !m.vf.is_empty() {
        ut.push_str(&format!("\nVF-listor (budgetåret {}; ✔ = med i förslaget):\n", m.budgetar()));
        let mut v = Texttabell::ny(["", "Id", "Nämnd", "Typ", "Prio", "Rubrik", "Belopp"]);
        for (p, vald) in m.vf.iter().zip(&f.urval.vald) {
            v.rad([
                if *vald { "✔" } else { "" }.to_string(),
                p.id.clone(),
                m.namnder[p.namnd].id.clone(),
                p.typ.namn().to_string(),
                p.prioritet.to_string(),
                p.rubrik.clone(),
                e.text(p.belopp.eller_noll(m.budgetar())),
            ]);
        }
        ut.push_str(&v.skriv());
    }
    ut
}

//! Kostnad för befintlig verksamhet (`ramverk befintlig`) as a table and as JSON.

use super::enhet::Enhet;
use super::json::{self, Objekt, arskarta, belopp, per_ar};
use super::text::Texttabell;
use crate::berakning::Grund;
use crate::berakning::befintlig::{Befintlig, Termtyp};
use serde_json::{Value, json};

/// The JSON keys shared by `befintlig` and `forslag`: everything but the nämnder.
pub fn json_grund(g: &Grund<'_>, b: &Befintlig) -> Objekt {
    let mut o = json::grund(g);
    o.insert("basram".into(), belopp(g.modell.basram()));
    o.insert("kostnad_befintlig".into(), per_ar(&g.modell.ar(), |t| belopp(b.summa(t))));
    o.insert("glapp".into(), arskarta(&b.glapp));
    let f = &b.faktorer;
    o.insert(
        "indexfaktorer".into(),
        json!({"lon": arskarta(&f.lon), "lokaler": arskarta(&f.lokaler), "ovrigt": arskarta(&f.ovrigt), "intakter": arskarta(&f.intakter), "pkv": arskarta(&f.pkv)}),
    );
    o
}

/// One nämnd's cost: per year the total and its parts, and its demography levels.
pub fn json_namnd(g: &Grund<'_>, b: &Befintlig, n: usize) -> Objekt {
    let m = g.modell;
    let namnd = &m.namnder[n];
    let k = &b.namnder[n];
    let ar = m.ar();
    let mut o = Objekt::new();
    o.insert("id".into(), json!(namnd.id));
    o.insert("namn".into(), json!(namnd.namn));
    o.insert("basram".into(), belopp(namnd.ram));
    o.insert("kostnad_befintlig".into(), arskarta(&k.kostnad));
    o.insert(
        "delar".into(),
        per_ar(&ar, |t| {
            let mut d = Objekt::new();
            for typ in [Termtyp::Index, Termtyp::Demografi, Termtyp::Kand, Termtyp::Kapital, Termtyp::Effektivisering] {
                d.insert(typ.namn().into(), belopp(k.del(t, typ)));
            }
            Value::Object(d)
        }),
    );
    o.insert(
        "demografi".into(),
        k.demografi
            .iter()
            .map(|l| {
                json!({
                    "aldersgrupp": m.befolkning[l.grupp].namn,
                    "niva": arskarta(&l.niva),
                    "forandring": arskarta(&l.forandring),
                })
            })
            .collect(),
    );
    o
}

pub fn json(g: &Grund<'_>, b: &Befintlig) -> Value {
    let mut o = json_grund(g, b);
    o.insert("namnder".into(), (0..g.modell.namnder.len()).map(|n| Value::Object(json_namnd(g, b, n))).collect());
    Value::Object(o)
}

pub fn text(g: &Grund<'_>, b: &Befintlig, e: Enhet) -> String {
    let m = g.modell;
    let ar = m.ar();
    let mut ut = format!(
        "Kostnad för befintlig verksamhet — {}, scenario {}\nSKR-prognos: {}\nBelopp i {}.\n\n",
        m.kommun,
        g.scenario.namn,
        m.skr_prognos,
        e.namn()
    );
    let mut t = Texttabell::ny(
        ["Nämnd".to_string(), format!("Ram {}", m.basar)].into_iter().chain(ar.iter().map(|a| a.to_string())),
    );
    for (n, namnd) in m.namnder.iter().enumerate() {
        let mut rad = vec![format!("{} {}", namnd.id, namnd.namn), e.text(namnd.ram)];
        rad.extend(ar.iter().map(|a| e.text(b.namnder[n].kostnad[a])));
        t.rad(rad);
    }
    let mut summa = vec!["Summa kostnad".to_string(), e.text(m.basram())];
    summa.extend(ar.iter().map(|a| e.text(b.summa(*a))));
    t.rad(summa);
    let mut rum = vec!["Ramutrymme".to_string(), String::new()];
    rum.extend(ar.iter().map(|a| e.text(g.ramutrymme(*a))));
    t.rad(rum);
    let mut glapp = vec!["Glapp (ramutrymme − kostnad)".to_string(), String::new()];
    glapp.extend(ar.iter().map(|a| e.text(b.glapp[a])));
    t.rad(glapp);
    ut.push_str(&t.skriv());
    ut.push_str("\nDelar per nämnd och år (index, demografi, kända förändringar, kapitalkostnad, effektivisering):\n");
    let mut d = Texttabell::ny(["Nämnd", "År", "Index", "Demografi", "Kända", "Kapital", "Effektivisering", "Summa"]);
    for (n, namnd) in m.namnder.iter().enumerate() {
        for &a in &ar {
            let k = &b.namnder[n];
            let mut rad = vec![namnd.id.clone(), a.to_string()];
            for typ in [Termtyp::Index, Termtyp::Demografi, Termtyp::Kand, Termtyp::Kapital, Termtyp::Effektivisering] {
                rad.push(e.text(k.del(a, typ)));
            }
            rad.push(e.text(k.kostnad[&a]));
            d.rad(rad);
        }
    }
    ut.push_str(&d.skriv());
    ut
}

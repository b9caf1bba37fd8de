//! The January frame (`ramverk ram`) as a table and as JSON.

use super::enhet::Enhet;
use super::json::{self, arskarta, belopp};
use super::text::Texttabell;
use crate::berakning::procentuell_ram::Januariram;
use crate::tal::svensk;
use serde_json::{Value, json};

pub fn json(j: &Januariram<'_>) -> Value {
    let g = &j.grund;
    let m = g.modell;
    let mut o = json::grund(g);
    o.insert("procent".into(), arskarta(&j.ram.procent));
    o.insert("kostnadsutveckling".into(), arskarta(&j.ram.kostnadsutveckling));
    o.insert("differens".into(), arskarta(&j.ram.differens));
    o.insert("basram".into(), belopp(m.basram()));
    o.insert(
        "namnder".into(),
        m.namnder
            .iter()
            .enumerate()
            .map(|(i, n)| {
                json!({
                    "id": n.id,
                    "namn": n.namn,
                    "basram": belopp(n.ram),
                    "ram": arskarta(&j.ram.ramar[i]),
                    "ram_avrundad": arskarta(&j.ram.ramar_avrundade[i]),
                })
            })
            .collect(),
    );
    Value::Object(o)
}

pub fn text(j: &Januariram<'_>, e: Enhet) -> String {
    let g = &j.grund;
    let m = g.modell;
    let ar = m.ar();
    let mut ut = format!(
        "Procentuell ram {} — {}, scenario {}\nSKR-prognos: {}\nBelopp i {}.\n\n",
        m.budgetar(),
        m.kommun,
        g.scenario.namn,
        m.skr_prognos,
        e.namn()
    );
    let mut t = Texttabell::ny(std::iter::once(String::new()).chain(ar.iter().map(|a| a.to_string()))).i(e);
    let r = |f: fn(&crate::berakning::ramutrymme::Ramutrymmesar) -> rust_decimal::Decimal| {
        ar.iter().map(|a| f(&g.ramutrymme[a])).collect::<Vec<_>>()
    };
    t.belopp("Skatter och generella statsbidrag", r(|x| x.skatter_och_bidrag));
    t.belopp("− Pensionskostnader", r(|x| x.pension));
    t.belopp("− Centrala poster", r(|x| x.centrala_poster));
    t.belopp(
        &format!("− Resultatmål ({} %)", svensk(g.ramutrymme[&m.budgetar()].resultatmal_procent, 1)),
        r(|x| x.resultatmal),
    );
    t.belopp("= Ramutrymme", r(|x| x.ramutrymme));
    t.procent("Förändring mot året före", j.ram.procent.values().copied());
    t.belopp("Kostnadsutveckling (PKV)", j.ram.kostnadsutveckling.values().copied());
    t.belopp("Differens", j.ram.differens.values().copied());
    ut.push_str(&t.skriv());
    ut.push('\n');
    let mut n = Texttabell::ny(
        ["Nämnd".to_string(), format!("Ram {}", m.basar)].into_iter().chain(ar.iter().map(|a| format!("Ram {a}"))),
    );
    for (i, namnd) in m.namnder.iter().enumerate() {
        let mut rad = vec![format!("{} {}", namnd.id, namnd.namn), e.text(namnd.ram)];
        rad.extend(j.ram.ramar_avrundade[i].values().map(|v| e.text(*v)));
        n.rad(rad);
    }
    let mut summa = vec!["Summa".to_string(), e.text(m.basram())];
    summa.extend(ar.iter().map(|a| e.text(j.ram.ramar_avrundade.iter().map(|r| r[a]).sum())));
    n.rad(summa);
    ut.push_str(&n.skriv());
    ut
}

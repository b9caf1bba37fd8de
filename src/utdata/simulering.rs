//! `ramverk simulera`: a readable summary and the JSON of UTDATA.md.

use super::enhet::Enhet;
use super::json::belopp;
use super::text::Texttabell;
use crate::berakning::simulering::{Percentiler, Simulering, Spridning};
use crate::modell::Modell;
use crate::tal::{svensk, svensk_procent};
use serde_json::{Value, json};

fn percentiler(p: &Percentiler) -> Value {
    json!({"p5": belopp(p.p5), "p50": belopp(p.p50), "p95": belopp(p.p95), "bas": belopp(p.bas), "noggrannhet": belopp(p.noggrannhet)})
}

pub fn json(m: &Modell, s: &Simulering, sp: &Spridning) -> Value {
    json!({
        "kommun": m.kommun,
        "ar": m.budgetar(),
        "dragningar": s.dragningar,
        "seed": s.seed,
        "fordelning": s.regel.namn(),
        "spridning": {"invanare": sp.invanare, "skatteunderlag": sp.skatteunderlag, "lon": sp.lon},
        "ramutrymme": percentiler(&s.ramutrymme),
        "glapp": percentiler(&s.glapp),
        "resultat_procent": percentiler(&s.resultat_procent),
        "sannolikhet_negativt_resultat": belopp(s.sannolikhet_negativt_resultat),
        "sannolikhet_under_mal": belopp(s.sannolikhet_under_mal),
        "vf": m.vf.iter().zip(&s.vf).map(|(p, sannolikhet)| json!({
            "id": p.id,
            "namnd": m.namnder[p.namnd].id,
            "typ": p.typ.namn(),
            "sannolikhet_vald": belopp(*sannolikhet),
        })).collect::<Vec<_>>(),
        "histogram": s.histogram.iter().map(|(a, b, n)| json!({"fran": belopp(*a), "till": belopp(*b), "antal": n})).collect::<Vec<_>>(),
        "exakta_dragningar": s.exakta_dragningar,
    })
}

pub fn text(m: &Modell, s: &Simulering, e: Enhet) -> String {
    let b = m.budgetar();
    let mut ut = format!(
        "Simulering av budgetåret {b} — {}, {} dragningar (seed {}), fördelning {}\nBelopp i {}.\n\n",
        m.kommun,
        svensk(s.dragningar.into(), 0),
        s.seed,
        s.regel,
        e.namn()
    );
    let mut t = Texttabell::ny(["", "P5", "P50", "P95", "Utan avvikelse"]);
    for (namn, p) in [("Ramutrymme", &s.ramutrymme), ("Glapp", &s.glapp)] {
        t.rad([namn.to_string(), e.text(p.p5), e.text(p.p50), e.text(p.p95), e.text(p.bas)]);
    }
    let p = &s.resultat_procent;
    t.rad([
        "Resultat i % av skatter och bidrag".to_string(),
        svensk_procent(p.p5, 2),
        svensk_procent(p.p50, 2),
        svensk_procent(p.p95, 2),
        svensk_procent(p.bas, 2),
    ]);
    ut.push_str(&t.skriv());
    let hundra = rust_decimal::Decimal::ONE_HUNDRED;
    ut.push_str(&format!(
        "\nSannolikhet att balanskravet inte nås (negativt resultat): {}\nSannolikhet att resultatmålet inte nås: {}\n",
        svensk_procent(s.sannolikhet_negativt_resultat * hundra, 1),
        svensk_procent(s.sannolikhet_under_mal * hundra, 1)
    ));
    if !m.vf.is_empty() {
        ut.push_str("\nVF-poster efter sannolikheten att de behövs eller ryms:\n");
        let mut ordning: Vec<usize> = (0..m.vf.len()).collect();
        ordning.sort_by(|&a, &b| s.vf[b].cmp(&s.vf[a]).then(a.cmp(&b)));
        let mut v = Texttabell::ny(["Id", "Nämnd", "Typ", "Rubrik", "Sannolikhet"]);
        for i in ordning {
            let p = &m.vf[i];
            v.rad([
                p.id.clone(),
                m.namnder[p.namnd].id.clone(),
                p.typ.namn().to_string(),
                p.rubrik.clone(),
                svensk_procent(s.vf[i] * hundra, 1),
            ]);
        }
        ut.push_str(&v.skriv());
    }
    ut.push_str(&format!(
        "\nPercentilerna är exakta till {} tkr (ramutrymme), {} tkr (glapp) och {} procentenheter (resultat).\n",
        svensk(s.ramutrymme.noggrannhet, 3),
        svensk(s.glapp.noggrannhet, 3),
        svensk(s.resultat_procent.noggrannhet, 6)
    ));
    ut
}

//! The report of an import: a readable Swedish text (what was matched, what
//! was not, the warnings, the files written) or the JSON document of UTDATA.md.

use super::mappning::Posttyp;
use super::tabeller::visa;
use super::{Resultat, kalla};
use crate::modell::Ar;
use crate::utdata::json::{antal, belopp};
use crate::utdata::text::Texttabell;
use rust_decimal::Decimal;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

fn arsobjekt(varden: &BTreeMap<Ar, Decimal>, som_antal: bool) -> Value {
    Value::Object(varden.iter().map(|(a, v)| (a.to_string(), if som_antal { antal(*v) } else { belopp(*v) })).collect())
}

/// `{"serier", "poster", "ej_matchade", "varningar"}` and a few more keys:
/// `ej_matchade_platser` (label and cell of each unmatched row) and `filer`.
pub fn json(r: &Resultat) -> Value {
    let i = &r.import;
    let mut ej: Vec<&str> = Vec::new();
    for o in &i.ej_matchade {
        if !ej.contains(&o.etikett.as_str()) {
            ej.push(&o.etikett);
        }
    }
    json!({
        "serier": i.serier.iter().map(|s| json!({
            "serie": s.serie,
            "varden": arsobjekt(&s.varden, false),
            "kalla": kalla(&s.celler),
            "etiketter": s.etiketter,
        })).collect::<Vec<_>>(),
        "poster": i.poster.iter().map(|p| json!({
            "post": p.post,
            "typ": p.typ.namn(),
            "resultatrad": p.resultatrad().map(|r| r.namn()),
            "varden": arsobjekt(&p.varden, p.typ == Posttyp::Invanare),
            "kalla": kalla(&p.celler),
        })).collect::<Vec<_>>(),
        "ej_matchade": ej,
        "ej_matchade_platser": i.ej_matchade.iter().map(|o| json!({
            "etikett": o.etikett,
            "fil": o.ort.fil,
            "blad": o.ort.blad,
            "rad": o.ort.rad,
            "cell": o.ort.cell(),
            "kalla": o.ort.to_string(),
        })).collect::<Vec<_>>(),
        "varningar": i.varningar.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
        "filer": r.skrivna.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
    })
}

/// The readable report.
pub fn text(r: &Resultat) -> String {
    let i = &r.import;
    let mut ut = String::new();
    if !i.serier.is_empty() {
        let ar: BTreeSet<Ar> = i.serier.iter().flat_map(|s| s.varden.keys().copied()).collect();
        ut.push_str("Serier (procent) till skr.csv:\n");
        let mut t = Texttabell::ny(
            ["Serie".to_string()].into_iter().chain(ar.iter().map(Ar::to_string)).chain(["  Källa".to_string()]),
        );
        for s in &i.serier {
            let mut rad = vec![format!("{} ({})", s.serie, s.etiketter.join(", "))];
            rad.extend(ar.iter().map(|a| s.varden.get(a).map(|v| visa(*v)).unwrap_or_default()));
            rad.push(format!("  {}", kalla(&s.celler)));
            t.rad(rad);
        }
        ut.push_str(&t.skriv());
        ut.push('\n');
    }
    if !i.poster.is_empty() {
        let ar: BTreeSet<Ar> = i.poster.iter().flat_map(|p| p.varden.keys().copied()).collect();
        ut.push_str("Poster (tkr; invånare i personer) till skatter-och-bidrag.csv:\n");
        let mut t = Texttabell::ny(
            ["Post".to_string(), "Typ".to_string()]
                .into_iter()
                .chain(ar.iter().map(Ar::to_string))
                .chain(["  Källa".to_string()]),
        );
        for p in &i.poster {
            let mut rad = vec![p.post.clone(), p.typ.namn().to_string()];
            rad.extend(ar.iter().map(|a| p.varden.get(a).map(|v| visa(*v)).unwrap_or_default()));
            rad.push(format!("  {}", kalla(&p.celler)));
            t.rad(rad);
        }
        ut.push_str(&t.skriv());
        ut.push('\n');
    }
    if i.ej_matchade.is_empty() {
        ut.push_str("Alla rader med tal matchades.\n");
    } else {
        ut.push_str(&format!("Rader som inte matchades ({}), inte importerade:\n", i.ej_matchade.len()));
        for o in &i.ej_matchade {
            ut.push_str(&format!("  \"{}\" ({})\n", o.etikett, o.ort));
        }
        ut.push_str("Lägg till en etikett i en mappningsfil (--mappning) om raden ska importeras.\n");
    }
    if !i.varningar.is_empty() {
        ut.push('\n');
        for v in &i.varningar {
            ut.push_str(&format!("varning: {v}\n"));
        }
    }
    ut.push('\n');
    let filer: Vec<String> = r.skrivna.iter().map(|f| f.display().to_string()).collect();
    ut.push_str(&match filer.len() {
        0 => "Inga filer skrevs.\n".to_string(),
        _ => format!("Skrev {}.\n", filer.join(" och ")),
    });
    ut
}

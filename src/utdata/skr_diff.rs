//! `ramverk skr-diff`: what changed between two SKR prognoses.

use super::json::belopp;
use super::text::Texttabell;
use crate::berakning::prognosdiff::{Prognosdiff, Rad};
use crate::tal::svensk;
use serde_json::{Map, Value, json};

/// The two prognoses' keys and labels.
pub struct Namn<'a> {
    pub a: (&'a str, &'a str),
    pub b: (&'a str, &'a str),
}

fn rader(r: &[Rad]) -> Value {
    r.iter()
        .map(|x| {
            let ar: Map<String, Value> =
                x.ar.iter()
                    .map(|(t, p)| {
                        let v = |d: Option<rust_decimal::Decimal>| d.map(belopp).unwrap_or(Value::Null);
                        (t.to_string(), json!({"a": v(p.a), "b": v(p.b), "forandring": v(p.forandring())}))
                    })
                    .collect();
            json!({"namn": x.namn, "typ": x.typ, "ar": ar})
        })
        .collect()
}

pub fn json(n: &Namn<'_>, d: &Prognosdiff) -> Value {
    json!({
        "a": {"nyckel": n.a.0, "namn": n.a.1},
        "b": {"nyckel": n.b.0, "namn": n.b.1},
        "serier": rader(&d.serier),
        "poster": rader(&d.poster),
        "summor": rader(&d.summor),
    })
}

fn tabell(ut: &mut String, rubrik: &str, r: &[Rad], decimaler: u32) {
    let ar: std::collections::BTreeSet<i32> = r.iter().flat_map(|x| x.ar.keys().copied()).collect();
    ut.push_str(rubrik);
    ut.push('\n');
    let mut t = Texttabell::ny(std::iter::once(String::new()).chain(ar.iter().map(|a| a.to_string())));
    for x in r {
        let f = |v: Option<rust_decimal::Decimal>| v.map(|v| svensk(v, decimaler)).unwrap_or_else(|| "–".into());
        t.rad(std::iter::once(x.namn.clone()).chain(ar.iter().map(|a| {
            let p = x.ar.get(a);
            match p {
                Some(p) if p.forandring().is_some_and(|d| !d.is_zero()) => format!(
                    "{} → {} ({}{})",
                    f(p.a),
                    f(p.b),
                    if p.forandring().unwrap_or_default().is_sign_positive() { "+" } else { "" },
                    f(p.forandring())
                ),
                Some(p) => f(p.b.or(p.a)),
                None => "–".into(),
            }
        })));
    }
    ut.push_str(&t.skriv());
    ut.push('\n');
}

pub fn text(n: &Namn<'_>, d: &Prognosdiff) -> String {
    let mut ut = format!("Vad har ändrats från {} ({}) till {} ({})?\n\n", n.a.0, n.a.1, n.b.0, n.b.1);
    tabell(&mut ut, "Ramutrymme och glapp (tkr)", &d.summor, 0);
    tabell(&mut ut, "Skatter och generella statsbidrag per post (tkr)", &d.poster, 0);
    tabell(&mut ut, "SKR:s serier (procent)", &d.serier, 2);
    ut
}

//! JSON documents per UTDATA.md: money, percentages and probabilities as
//! strings holding exact decimals, years as string keys, counts as numbers.

use crate::berakning::Grund;
use crate::fel::{Diagnos, Fel};
use crate::modell::{Ar, Arsbelopp};
use crate::tal::json_text;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};

pub type Objekt = Map<String, Value>;

/// An exact amount as a JSON string.
pub fn belopp(v: Decimal) -> Value {
    Value::String(json_text(v))
}

/// Year → amount.
pub fn arskarta(k: &Arsbelopp) -> Value {
    Value::Object(k.iter().map(|(ar, v)| (ar.to_string(), belopp(*v))).collect())
}

/// Year → anything.
pub fn per_ar<T>(ar: &[Ar], mut f: impl FnMut(Ar) -> T) -> Value
where
    T: Into<Value>,
{
    Value::Object(ar.iter().map(|&t| (t.to_string(), f(t).into())).collect())
}

/// A count of people as a JSON number (whole when it is whole).
pub fn antal(v: Decimal) -> Value {
    if v.fract().is_zero() {
        v.to_i64().map(Value::from).unwrap_or_else(|| belopp(v))
    } else {
        v.to_f64().map(Value::from).unwrap_or_else(|| belopp(v))
    }
}

/// The keys every model command shares: kommun, years, scenario, revenue,
/// pension, central items, result target and ramutrymme.
pub fn grund(g: &Grund<'_>) -> Objekt {
    let m = g.modell;
    let ar = m.ar();
    let mut o = Objekt::new();
    o.insert("kommun".into(), json!(m.kommun));
    if let Some(kod) = &m.kommunkod {
        o.insert("kommunkod".into(), json!(kod));
    }
    o.insert("basar".into(), json!(m.basar));
    o.insert("ar".into(), json!(ar));
    o.insert("scenario".into(), json!(g.scenario.namn));
    o.insert("skr_prognos".into(), json!(m.skr_prognos));
    o.insert("invanare".into(), per_ar(&ar, |t| antal(g.intakter[&t].invanare)));
    o.insert("invanare_skr".into(), per_ar(&ar, |t| antal(g.intakter[&t].invanare_skr)));
    o.insert(
        "intakter".into(),
        per_ar(&ar, |t| {
            let i = &g.intakter[&t];
            json!({
                "poster": i.poster.iter().map(|p| json!({"post": p.post, "typ": p.typ, "belopp": belopp(p.belopp)})).collect::<Vec<_>>(),
                "summa": belopp(i.summa),
                "skalning": belopp(i.skalning),
                "skatteunderlagsniva": belopp(i.skatteunderlagsniva),
            })
        }),
    );
    let u =
        |f: fn(&crate::berakning::ramutrymme::Ramutrymmesar) -> Decimal| per_ar(&ar, |t| belopp(f(&g.ramutrymme[&t])));
    o.insert("skatter_och_bidrag".into(), u(|r| r.skatter_och_bidrag));
    o.insert("pension".into(), u(|r| r.pension));
    o.insert("centrala_poster".into(), u(|r| r.centrala_poster));
    o.insert("resultatmal".into(), u(|r| r.resultatmal));
    o.insert("resultatmal_procent".into(), belopp(g.ramutrymme[&m.budgetar()].resultatmal_procent));
    o.insert("ramutrymme".into(), u(|r| r.ramutrymme));
    o
}

/// `kontrollera`'s document, also printed on stdout with `--json` when input is wrong.
pub fn diagnos(d: &Diagnos) -> Value {
    let fel = |f: &Fel| {
        json!({
            "fil": f.fil,
            "blad": f.blad,
            "rad": f.rad,
            "kolumn": f.kolumn,
            "meddelande": f.meddelande,
            "text": f.to_string(),
        })
    };
    json!({
        "ok": d.ok(),
        "fel": d.fel.iter().map(fel).collect::<Vec<_>>(),
        "varningar": d.varningar.iter().map(fel).collect::<Vec<_>>(),
    })
}

/// Pretty JSON text with a final newline.
pub fn text(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

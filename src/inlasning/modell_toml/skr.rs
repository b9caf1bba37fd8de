//! `[skr]`: the label of the SKR prognosis in use, and the named prognoses
//! of `[skr.prognoser.NYCKEL]`, each with its own skr and skatter-och-bidrag tables.

use super::Dokument;
use crate::fel::Diagnos;
use crate::modell::{Modell, Prognos};

/// One SKR prognosis of `[skr.prognoser.NYCKEL]`: its own skr and
/// skatter-och-bidrag tables, a label and a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prognosversion {
    pub nyckel: String,
    pub namn: String,
    pub datum: Option<String>,
    pub skr: Option<String>,
    pub skatter_och_bidrag: Option<String>,
}

pub fn las(s: &Dokument<'_, '_>, m: &mut Modell, d: &mut Diagnos) -> Vec<Prognosversion> {
    let dok = s.dok;
    let Some(skr) = s.sektion("skr", &["prognos", "anvand", "prognoser"], d) else { return vec![] };
    m.skr_prognos = skr.get("prognos").and_then(|v| dok.text(v, "skr.prognos", d)).unwrap_or_default();
    let mut prognoser = Vec::new();
    if let Some(t) = skr.get("prognoser").and_then(|v| dok.tabell(v, "skr.prognoser", d)) {
        for (nyckel, v) in t {
            let prefix = format!("skr.prognoser.{}", nyckel.get_ref());
            let Some(p) = dok.tabell(v, &prefix, d) else { continue };
            dok.okanda_nycklar(p, &prefix, &["namn", "datum", "skr", "skatter_och_bidrag"], d);
            let text = |k: &str, d: &mut Diagnos| p.get(k).and_then(|v| dok.text(v, &format!("{prefix}.{k}"), d));
            let datum = p.get("datum").map(|v| match v.get_ref() {
                toml::de::DeValue::Datetime(dt) => dt.to_string(),
                _ => dok.text(v, &format!("{prefix}.datum"), d).unwrap_or_default(),
            });
            prognoser.push(Prognosversion {
                nyckel: nyckel.get_ref().to_string(),
                namn: text("namn", d).unwrap_or_else(|| nyckel.get_ref().to_string()),
                datum,
                skr: text("skr", d),
                skatter_och_bidrag: text("skatter_och_bidrag", d),
            });
        }
    }
    m.prognos_i_bruk = match skr.get("anvand") {
        Some(v) => {
            let nyckel = dok.text(v, "skr.anvand", d);
            if let Some(n) = &nyckel
                && !prognoser.iter().any(|p| &p.nyckel == n)
            {
                let finns: Vec<&str> = prognoser.iter().map(|p| p.nyckel.as_str()).collect();
                d.fel(dok.fel(
                    v.span(),
                    "skr.anvand",
                    format!("prognosen \"{n}\" finns inte i [skr.prognoser] (finns: {})", finns.join(", ")),
                ));
            }
            nyckel
        }
        None => prognoser.last().map(|p| p.nyckel.clone()),
    };
    m.prognoser = prognoser
        .iter()
        .map(|p| Prognos { nyckel: p.nyckel.clone(), namn: p.namn.clone(), datum: p.datum.clone() })
        .collect();
    prognoser
}

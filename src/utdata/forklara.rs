//! `ramverk forklara`: how one nämnd's frame for one year is built, term by term.

use super::json::belopp;
use crate::berakning::befintlig::Termtyp;
use crate::berakning::forklara::Forklaring;
use crate::modell::Modell;
use crate::tal::svensk;
use serde_json::{Value, json};

/// The konsekvens text of each term: the selected VF items' own, none for the others.
fn konsekvenser<'m>(m: &'m Modell, f: &Forklaring) -> Vec<Option<&'m str>> {
    let mut vf = f.vf_poster.iter().map(|&i| m.vf[i].konsekvens.as_deref());
    f.termer.iter().map(|t| if t.typ == Termtyp::Vf { vf.next().flatten() } else { None }).collect()
}

pub fn json(m: &Modell, f: &Forklaring) -> Value {
    json!({
        "namnd": m.namnder[f.namnd].id,
        "namn": m.namnder[f.namnd].namn,
        "ar": f.ar,
        "termer": f.termer.iter().zip(konsekvenser(m, f)).map(|(t, konsekvens)| json!({
            "term": t.namn,
            "typ": t.typ.namn(),
            "belopp": belopp(t.belopp),
            "underlag": t.underlag.iter().map(|(k, v)| (k.to_string(), belopp(*v))).collect::<serde_json::Map<_, _>>(),
            "konsekvens": konsekvens,
        })).collect::<Vec<_>>(),
        "kostnad_befintlig": belopp(f.kostnad_befintlig),
        "ram": belopp(f.ram),
    })
}

/// A decimal with up to `dp` decimals, Swedish style, for factors.
fn faktor(v: rust_decimal::Decimal) -> String {
    svensk(v, 4)
}

pub fn text(m: &Modell, scenario: &str, f: &Forklaring) -> String {
    let n = &m.namnder[f.namnd];
    let mut ut = format!(
        "Så byggs ramen {} för {} {} — scenario {}\nBelopp i tkr (tre decimaler).\n\n",
        f.ar, n.id, n.namn, scenario
    );
    let bredd = f.termer.iter().map(|t| t.namn.chars().count()).max().unwrap_or(0).max(34);
    let rad = |namn: &str, v: rust_decimal::Decimal| format!("{namn:<bredd$}  {:>16}\n", svensk(v, 3));
    let mut vf_rubrik = false;
    for (t, konsekvens) in f.termer.iter().zip(konsekvenser(m, f)) {
        if t.typ == Termtyp::Vf && !vf_rubrik {
            ut.push_str(&rad("= Kostnad för befintlig verksamhet", f.kostnad_befintlig));
            ut.push_str("Valda VF-poster:\n");
            vf_rubrik = true;
        }
        ut.push_str(&rad(&t.namn, t.belopp));
        if !t.underlag.is_empty() {
            let u: Vec<String> = t.underlag.iter().map(|(k, v)| format!("{k} {}", faktor(*v))).collect();
            ut.push_str(&format!("    ({})\n", u.join(", ")));
        }
        if let Some(k) = konsekvens {
            for (i, rad) in super::text::radbryt(k, 90).into_iter().enumerate() {
                ut.push_str(if i == 0 { "    Konsekvens: " } else { "                " });
                ut.push_str(&rad);
                ut.push('\n');
            }
        }
    }
    if !vf_rubrik {
        ut.push_str(&rad("= Kostnad för befintlig verksamhet", f.kostnad_befintlig));
    }
    ut.push_str(&rad("= Ram", f.ram));
    ut
}

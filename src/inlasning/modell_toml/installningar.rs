//! The small sections: `[kommun]`, `[period]`, `[skatt]`, `[mal]`,
//! `[avrundning]`, `[fordelning]`, `[befolkning]` and `[index]`.

use super::Dokument;
use crate::fel::Diagnos;
use crate::inlasning::toml_varden::Intervall;
use crate::modell::{Fordelning, Indexmappning, Modell};
use rust_decimal::Decimal;

pub fn las(s: &Dokument<'_, '_>, m: &mut Modell, d: &mut Diagnos) {
    let dok = s.dok;

    let kommun = s.sektion("kommun", &["namn", "kod"], d);
    match kommun.and_then(|t| t.get("namn")) {
        Some(v) => m.kommun = dok.text(v, "kommun.namn", d).unwrap_or_default(),
        None => s.saknas("kommun.namn", d),
    }
    m.kommunkod = kommun.and_then(|t| t.get("kod")).and_then(|v| dok.text(v, "kommun.kod", d));

    let period = s.sektion("period", &["basar", "antal_ar"], d);
    m.basar = match period.and_then(|t| t.get("basar")) {
        Some(v) => dok.heltal(v, "period.basar", 2000, 2099, d).unwrap_or(2000) as i32,
        None => {
            s.saknas("period.basar", d);
            2000
        }
    };
    m.antal_ar = period
        .and_then(|t| t.get("antal_ar"))
        .map(|v| dok.heltal(v, "period.antal_ar", 1, 10, d).unwrap_or(3) as u32)
        .unwrap_or(3);

    let skatt = s.sektion("skatt", &["skattesats", "loneskatt_procent"], d);
    m.skattesats = match skatt.and_then(|t| t.get("skattesats")) {
        Some(v) => match dok.tal(v, "skatt.skattesats", d) {
            Some(x) if x >= Decimal::ONE && x < Decimal::ONE_HUNDRED => x,
            Some(_) => {
                d.fel(dok.fel(
                    v.span(),
                    "skatt.skattesats",
                    "skattesatsen ska vara minst 1 och mindre än 100 (kr per 100 kr)",
                ));
                Decimal::ONE
            }
            None => Decimal::ONE,
        },
        None => {
            s.saknas("skatt.skattesats", d);
            Decimal::ONE
        }
    };
    m.loneskatt_procent = skatt
        .and_then(|t| t.get("loneskatt_procent"))
        .and_then(|v| dok.tal_inom(v, "skatt.loneskatt_procent", Intervall::ny(0, 100, "procent"), d))
        .unwrap_or(Decimal::new(2426, 2));

    let mal = s.sektion("mal", &["resultat_procent"], d);
    m.resultat_procent = match mal.and_then(|t| t.get("resultat_procent")) {
        Some(v) => dok
            .tal_inom(v, "mal.resultat_procent", crate::inlasning::scenario::granser::RESULTAT_PROCENT, d)
            .unwrap_or_default(),
        None => {
            s.saknas("mal.resultat_procent", d);
            Decimal::ZERO
        }
    };

    let avrundning = s.sektion("avrundning", &["enhet_tkr"], d);
    m.enhet_tkr = match avrundning.and_then(|t| t.get("enhet_tkr")) {
        Some(v) => match dok.tal(v, "avrundning.enhet_tkr", d) {
            Some(e) if e >= Decimal::new(1, 4) && e <= Decimal::from(1_000_000) => e,
            Some(_) => {
                d.fel(dok.fel(
                    v.span(),
                    "avrundning.enhet_tkr",
                    "enheten ska vara mellan 0,0001 och 1 000 000 tkr (1 = hela tkr, 100 = tiondels mnkr)",
                ));
                Decimal::ONE
            }
            None => Decimal::ONE,
        },
        None => Decimal::ONE,
    };

    let fordelning = s.sektion("fordelning", &["regel"], d);
    m.fordelning = match fordelning.and_then(|t| t.get("regel")) {
        Some(v) => dok
            .text(v, "fordelning.regel", d)
            .and_then(|t| Fordelning::tolka(&t).map_err(|e| d.fel(dok.fel(v.span(), "fordelning.regel", e))).ok())
            .unwrap_or_default(),
        None => Fordelning::default(),
    };

    let befolkning = s.sektion("befolkning", &["invanare_1_november"], d);
    if let Some(v) = befolkning.and_then(|t| t.get("invanare_1_november")) {
        let karta = dok.arskarta(v, "befolkning.invanare_1_november", d);
        for (ar, p) in &karta {
            if p.is_sign_negative() {
                d.fel(dok.fel(v.span(), &format!("befolkning.invanare_1_november.{ar}"), "negativt antal invånare"));
            } else if *p > Decimal::from(crate::inlasning::tabell::MAX_INVANARE) {
                let text = format!("{} invånare är orimligt många", p.normalize());
                d.fel(dok.fel(v.span(), &format!("befolkning.invanare_1_november.{ar}"), text));
            }
        }
        m.invanare_1_november = karta;
    }

    let index = s.sektion("index", &["personal", "po", "lokaler", "ovrigt", "intakter"], d);
    m.index = Indexmappning::default();
    if let Some(t) = index {
        let ix = &mut m.index;
        for (nyckel, falt) in [
            ("personal", &mut ix.personal),
            ("po", &mut ix.po),
            ("lokaler", &mut ix.lokaler),
            ("ovrigt", &mut ix.ovrigt),
            ("intakter", &mut ix.intakter),
        ] {
            if let Some(text) = t.get(nyckel).and_then(|v| dok.text(v, &format!("index.{nyckel}"), d)) {
                *falt = crate::inlasning::normalisera(&text);
            }
        }
    }
}

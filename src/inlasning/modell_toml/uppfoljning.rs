//! `[uppfoljning]`, `[uppfoljning.konton]` and `[uppfoljning.rapporter]`:
//! the follow-up's settings (MODELL §13), defaults as FORMAT shows them.

use super::Dokument;
use crate::fel::Diagnos;
use crate::inlasning::toml_varden::Varde;
use crate::modell::Modell;
use crate::modell::uppfoljning::{Kontogrupp, Prognosmetod, Uppfoljningsinstallningar};
use rust_decimal::Decimal;
use toml::de::DeValue;

/// The account groups of `[uppfoljning.konton]`, in the order of FORMAT.
const KONTON: [&str; 5] =
    ["verksamhet", "skatteintakter", "statsbidrag", "finansiella_intakter", "finansiella_kostnader"];

pub fn las(s: &Dokument<'_, '_>, m: &mut Modell, d: &mut Diagnos) {
    let mut inst = Uppfoljningsinstallningar::default();
    let kanda = ["ansvarsdimension", "metod", "troskel_procent", "konton", "rapporter"];
    let Some(t) = s.sektion("uppfoljning", &kanda, d) else {
        m.uppfoljning.installningar = inst;
        return;
    };
    let dok = s.dok;
    if let Some(v) = t.get("ansvarsdimension")
        && let Some(dim) = dok.heltal(v, "uppfoljning.ansvarsdimension", 1, 999_999, d)
    {
        inst.ansvarsdimension = dim as u32;
    }
    if let Some(v) = t.get("metod")
        && let Some(text) = dok.text(v, "uppfoljning.metod", d)
    {
        match Prognosmetod::tolka(&text) {
            Ok(metod) => inst.metod = metod,
            Err(e) => d.fel(dok.fel(v.span(), "uppfoljning.metod", e)),
        }
    }
    if let Some(v) = t.get("troskel_procent")
        && let Some(x) = s.icke_negativ(v, "uppfoljning.troskel_procent", d)
    {
        if x >= Decimal::ONE_HUNDRED {
            d.fel(dok.fel(
                v.span(),
                "uppfoljning.troskel_procent",
                "tröskeln ska vara under 100 (procent av budgeten)",
            ));
        } else {
            inst.troskel_procent = x;
        }
    }
    if let Some(k) = t.get("konton").and_then(|v| dok.tabell(v, "uppfoljning.konton", d)) {
        dok.okanda_nycklar(k, "uppfoljning.konton", &KONTON, d);
        let grupper = [
            &mut inst.konton.verksamhet,
            &mut inst.konton.skatteintakter,
            &mut inst.konton.statsbidrag,
            &mut inst.konton.finansiella_intakter,
            &mut inst.konton.finansiella_kostnader,
        ];
        for (namn, grupp) in KONTON.iter().zip(grupper) {
            if let Some(v) = k.get(*namn)
                && let Some(g) = kontogrupp(s, v, &format!("uppfoljning.konton.{namn}"), d)
            {
                *grupp = g;
            }
        }
        overlapp(s, &inst, k.get("verksamhet").map(|v| v.span().start).unwrap_or(0), d);
    }
    if let Some(r) = t.get("rapporter").and_then(|v| dok.tabell(v, "uppfoljning.rapporter", d)) {
        for (nyckel, v) in r {
            let namn = format!("uppfoljning.rapporter.{}", nyckel.get_ref());
            let manad = nyckel.get_ref().trim().parse::<u32>().ok().filter(|m| (1..=12).contains(m));
            let Some(manad) = manad else {
                d.fel(dok.fel(
                    nyckel.span(),
                    &namn,
                    "nyckeln ska vara en månad 1–12 (till exempel 8 = \"Delårsrapport\")",
                ));
                continue;
            };
            match dok.text(v, &namn, d) {
                Some(text) if text.trim().is_empty() => d.fel(dok.fel(v.span(), &namn, "rapportens namn är tomt")),
                Some(text) => {
                    inst.rapporter.insert(manad, text.trim().to_string());
                }
                None => {}
            }
        }
    }
    m.uppfoljning.installningar = inst;
}

/// `"3000-7999"` or a list of such ranges.
fn kontogrupp(s: &Dokument<'_, '_>, v: &Varde<'_>, nyckel: &str, d: &mut Diagnos) -> Option<Kontogrupp> {
    let dok = s.dok;
    let ett = |x: &Varde<'_>, d: &mut Diagnos| {
        let text = dok.text(x, nyckel, d)?;
        Kontogrupp::tolka_intervall(&text).map_err(|e| d.fel(dok.fel(x.span(), nyckel, e))).ok()
    };
    match v.get_ref() {
        DeValue::Array(lista) => {
            if lista.is_empty() {
                d.fel(dok.fel(
                    v.span(),
                    nyckel,
                    "listan är tom: ange minst ett kontointervall, till exempel \"3000-7999\"",
                ));
                return None;
            }
            let intervall: Vec<_> = lista.iter().map(|x| ett(x, d)).collect();
            intervall.into_iter().collect::<Option<Vec<_>>>().map(Kontogrupp)
        }
        _ => ett(v, d).map(|i| Kontogrupp(vec![i])),
    }
}

/// An account in two groups would be counted twice: a warning naming the first overlap.
fn overlapp(s: &Dokument<'_, '_>, inst: &Uppfoljningsinstallningar, pos: usize, d: &mut Diagnos) {
    let k = &inst.konton;
    let grupper = [&k.verksamhet, &k.skatteintakter, &k.statsbidrag, &k.finansiella_intakter, &k.finansiella_kostnader];
    for i in 0..grupper.len() {
        for j in i + 1..grupper.len() {
            let krock = grupper[i].0.iter().find_map(|a| {
                grupper[j].0.iter().find(|b| a.fran <= b.till && b.fran <= a.till).map(|b| a.fran.max(b.fran))
            });
            if let Some(konto) = krock {
                d.varning(s.dok.fel(
                    pos..pos,
                    "uppfoljning.konton",
                    format!("konto {konto} ligger i både {} och {}: det räknas i båda", KONTON[i], KONTON[j]),
                ));
            }
        }
    }
}

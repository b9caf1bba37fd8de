//! `[inriktningsmal]`: the names of the styrmodell's inriktningsmål (1–5)
//! that the VF items refer to (MODELL §12, mål och medel).

use super::Dokument;
use crate::fel::Diagnos;
use crate::modell::Modell;

pub fn las(s: &Dokument<'_, '_>, m: &mut Modell, d: &mut Diagnos) {
    let dok = s.dok;
    let Some(t) = s.rot.get("inriktningsmal").and_then(|v| dok.tabell(v, "inriktningsmal", d)) else { return };
    for (k, v) in t {
        let nyckel = format!("inriktningsmal.{}", k.get_ref());
        let nr = match k.get_ref().trim().parse::<u32>() {
            Ok(nr) if (1..=5).contains(&nr) => nr,
            _ => {
                d.fel(dok.fel(
                    k.span(),
                    &nyckel,
                    format!("\"{}\" är inget inriktningsmål: nycklarna ska vara 1–5", k.get_ref()),
                ));
                continue;
            }
        };
        match dok.text(v, &nyckel, d) {
            Some(namn) if !namn.trim().is_empty() => {
                m.inriktningsmal.insert(nr, namn.trim().to_string());
            }
            Some(_) => d.fel(dok.fel(v.span(), &nyckel, "inriktningsmålets namn saknas")),
            None => {}
        }
    }
}

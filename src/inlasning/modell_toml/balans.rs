//! `[balans]` and `[balans.koncern]`: the opening balance at the end of
//! basår, for soliditet (MODELL §9).

use super::Dokument;
use crate::fel::{Diagnos, Fel};
use crate::modell::{Balans, Koncern, Modell};
use rust_decimal::Decimal;
use toml::de::DeTable;

const NYCKLAR: [&str; 3] = ["eget_kapital", "totala_tillgangar", "ansvarsforbindelse_pension"];

pub fn las(s: &Dokument<'_, '_>, m: &mut Modell, d: &mut Diagnos) {
    let mut kanda = NYCKLAR.to_vec();
    kanda.push("koncern");
    let Some(b) = s.sektion("balans", &kanda, d) else { return };
    m.balans = balans(s, b, "balans", d);
    m.koncern = b.get("koncern").and_then(|v| s.dok.tabell(v, "balans.koncern", d)).and_then(|k| {
        let mut kanda = NYCKLAR.to_vec();
        kanda.push("bolagens_resultat");
        s.dok.okanda_nycklar(k, "balans.koncern", &kanda, d);
        let bolagens_resultat = k
            .get("bolagens_resultat")
            .map(|v| s.dok.arskarta(v, "balans.koncern.bolagens_resultat", d))
            .unwrap_or_default();
        balans(s, k, "balans.koncern", d).map(|balans| Koncern { balans, bolagens_resultat })
    });
}

fn balans(s: &Dokument<'_, '_>, t: &DeTable<'_>, prefix: &str, d: &mut Diagnos) -> Option<Balans> {
    let mut v = [Decimal::ZERO; 3];
    let mut ok = true;
    for (i, n) in NYCKLAR.iter().enumerate() {
        let nyckel = format!("{prefix}.{n}");
        match t.get(*n).map(|x| s.dok.tal(x, &nyckel, d)) {
            Some(Some(x)) => v[i] = x,
            Some(None) => ok = false,
            None => {
                d.fel(Fel::new(s.fil, "nyckeln saknas men krävs när soliditet ska beräknas").kolumn(nyckel));
                ok = false;
            }
        }
    }
    if ok && v[1] <= Decimal::ZERO {
        d.fel(Fel::new(s.fil, "totala tillgångar ska vara större än 0").kolumn(format!("{prefix}.totala_tillgangar")));
        ok = false;
    }
    ok.then_some(Balans { eget_kapital: v[0], totala_tillgangar: v[1], ansvarsforbindelse_pension: v[2] })
}

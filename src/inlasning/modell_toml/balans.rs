//! `[balans]` and `[balans.koncern]`: the opening balance at the end of
//! basår, for soliditet (MODELL §9), and the figures of the balansbudget and
//! kassaflödesbudget (MODELL §12).

use super::Dokument;
use crate::berakning::finansiella_mal::avsattning;
use crate::fel::{Diagnos, Fel};
use crate::modell::{Arsbelopp, Balans, Balansposter, Koncern, Modell};
use crate::tal::svensk;
use rust_decimal::Decimal;
use toml::de::DeTable;

const NYCKLAR: [&str; 3] = ["eget_kapital", "totala_tillgangar", "ansvarsforbindelse_pension"];

/// The optional keys of `[balans]` for the balansbudget (MODELL §12).
const BUDGETNYCKLAR: [&str; 4] = ["anlaggningstillgangar", "avsattningar", "langfristiga_skulder", "likvida_medel"];
const ARSNYCKLAR: [&str; 2] = ["avskrivningar_befintliga", "amortering"];

pub fn las(s: &Dokument<'_, '_>, m: &mut Modell, d: &mut Diagnos) {
    let mut kanda = NYCKLAR.to_vec();
    kanda.extend(BUDGETNYCKLAR);
    kanda.extend(ARSNYCKLAR);
    kanda.push("koncern");
    let Some(b) = s.sektion("balans", &kanda, d) else { return };
    m.balans = balans(s, b, "balans", d);
    m.balansposter = balansposter(s, b, m, d);
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
        let nyckel = format!("{prefix}.totala_tillgangar");
        let span = t.get("totala_tillgangar").map(|x| x.span()).unwrap_or_default();
        d.fel(s.dok.fel(span, &nyckel, "totala tillgångar ska vara större än 0"));
        ok = false;
    }
    ok.then_some(Balans { eget_kapital: v[0], totala_tillgangar: v[1], ansvarsforbindelse_pension: v[2] })
}

/// The balansbudget's keys: amounts at the end of basår (not negative) and
/// amounts per year of the model (basår … last plan year, not negative).
fn balansposter(s: &Dokument<'_, '_>, t: &DeTable<'_>, m: &Modell, d: &mut Diagnos) -> Balansposter {
    let belopp = |n: &str, d: &mut Diagnos| t.get(n).and_then(|v| s.icke_negativ(v, &format!("balans.{n}"), d));
    let (forsta, sista) = (m.basar, m.sista_ar());
    let per_ar = |n: &str, d: &mut Diagnos| -> Arsbelopp {
        let Some(v) = t.get(n) else { return Arsbelopp::new() };
        let nyckel = format!("balans.{n}");
        let karta = s.dok.arskarta(v, &nyckel, d);
        for (ar, x) in &karta {
            let namn = format!("{nyckel}.{ar}");
            if !(forsta..=sista).contains(ar) {
                d.fel(s.dok.fel(v.span(), &namn, format!("år {ar} ligger utanför modellens år {forsta}–{sista}")));
            } else if x.is_sign_negative() && !x.is_zero() {
                d.fel(s.dok.fel(v.span(), &namn, "värdet får inte vara negativt"));
            }
        }
        karta
    };
    let p = Balansposter {
        anlaggningstillgangar: belopp("anlaggningstillgangar", d),
        avsattningar: belopp("avsattningar", d),
        langfristiga_skulder: belopp("langfristiga_skulder", d),
        likvida_medel: belopp("likvida_medel", d),
        avskrivningar_befintliga: per_ar("avskrivningar_befintliga", d),
        amortering: per_ar("amortering", d),
        rad: t.get("totala_tillgangar").map(|v| s.dok.rad(v.span().start)),
    };
    if p.anlaggningstillgangar.is_none() {
        for n in ["avsattningar", "langfristiga_skulder", "likvida_medel"] {
            if let Some(v) = t.get(n) {
                d.varning(s.dok.fel(
                    v.span(),
                    &format!("balans.{n}"),
                    "används bara i balansbudgeten, som kräver balans.anlaggningstillgangar",
                ));
            }
        }
    }
    p
}

/// The checks that need the tables too: the kortfristiga skulder of the
/// opening balance (what is left of totala tillgångar) must not be negative.
pub fn kontrollera(m: &Modell, d: &mut Diagnos) {
    let (Some(bal), Some(_)) = (&m.balans, m.balansposter.anlaggningstillgangar) else { return };
    let p = &m.balansposter;
    let av = p.avsattningar.or_else(|| avsattning(m, m.basar)).unwrap_or_default();
    let ls = p.langfristiga_skulder.unwrap_or_default();
    let ks = bal.totala_tillgangar - bal.eget_kapital - av - ls;
    if ks.is_sign_negative() && !ks.is_zero() {
        let mut f = Fel::new(
            "modell.toml",
            format!(
                "kortfristiga skulder blir negativa ({} tkr): totala tillgångar {} − eget kapital {} − avsättningar {} − \
                 långfristiga skulder {} ska vara minst 0",
                svensk(ks, 0),
                svensk(bal.totala_tillgangar, 0),
                svensk(bal.eget_kapital, 0),
                svensk(av, 0),
                svensk(ls, 0)
            ),
        )
        .kolumn("balans.totala_tillgangar");
        if let Some(r) = p.rad {
            f = f.rad(r);
        }
        d.fel(f);
    }
}

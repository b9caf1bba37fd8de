//! MODELL §1: skatter och generella statsbidrag — SKR's *Skatter & bidrag*
//! result scaled to the kommun's own population, the scenario's skatteunderlag
//! level and tax rate, plus the scenario's own revenue posts.

use super::serier::Serier;
use crate::fel::{Diagnos, Fel};
use crate::modell::{Ar, Intaktstyp, Modell, Scenario};
use crate::tal::{avrunda, faktor, kvot};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct PostBelopp {
    pub post: String,
    /// `skatt`, `inkomstutjamning`, `per_invanare`, `fast` or `scenario`.
    pub typ: &'static str,
    pub belopp: Decimal,
}

/// Revenue of one year and the factors it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Intaktsar {
    /// P'(t): the own invånare 1 november of t−1, with the scenario's change.
    pub invanare: Decimal,
    /// Pskr(t): the population SKR's figures rest on.
    pub invanare_skr: Decimal,
    /// r(t) = P'(t)/Pskr(t).
    pub skalning: Decimal,
    /// L(t): the scenario's skatteunderlag level.
    pub skatteunderlagsniva: Decimal,
    /// τ: own tax rate factor.
    pub skattesatsfaktor: Decimal,
    pub poster: Vec<PostBelopp>,
    /// S(t).
    pub summa: Decimal,
}

pub type Intakter = BTreeMap<Ar, Intaktsar>;

pub const FORANDRAT_STATSBIDRAG: &str = "Förändrat statsbidrag";
pub const OVRIG_INTAKTSFORANDRING: &str = "Övrig intäktsförändring";

/// P for 1 November of year `y`: the own forecast, else interpolated from the
/// 31 December counts: `round((2·N(y−1) + 10·N(y)) / 12)`.
pub fn invanare_1_november(m: &Modell, y: Ar, d: &mut Diagnos) -> Decimal {
    if let Some(p) = m.invanare_1_november.get(&y) {
        return *p;
    }
    if m.befolkning.is_empty() {
        d.fel(
            Fel::new(
                "modell.toml",
                format!(
                    "invånare 1 november {y} saknas: ange den i [befolkning] invanare_1_november eller ge befolkning för {} och {y}",
                    y - 1
                ),
            )
            .kolumn("befolkning.invanare_1_november"),
        );
        return Decimal::ZERO;
    }
    let n = |ar: Ar, d: &mut Diagnos| -> Decimal {
        let vad = format!("befolkningen 31 december {ar} (för invånare 1 november {y})");
        m.befolkning.iter().map(|g| g.antal.krav(ar, &vad, d)).sum()
    };
    let summa = Decimal::TWO * n(y - 1, d) + Decimal::TEN * n(y, d);
    avrunda(summa / Decimal::from(12), 0)
}

pub fn berakna(m: &Modell, s: &Scenario, d: &mut Diagnos) -> Intakter {
    let serier = Serier::ny(m, s);
    let tau = (m.skattesats + s.skattesats_forandring) / m.skattesats;
    let mut niva = Decimal::ONE;
    let mut ut = Intakter::new();
    for t in m.ar() {
        let invanare = invanare_1_november(m, t - 1, d) + Scenario::ar_varde(&s.invanare, t - 1);
        if invanare.is_sign_negative() && !invanare.is_zero() {
            // Only a scenario's change can make it negative: the tables and modell.toml allow no negative count.
            let andring = Scenario::ar_varde(&s.invanare, t - 1);
            let text = format!(
                "invånare 1 november {} blir negativt ({} {} = {})",
                t - 1,
                crate::tal::svensk_tal(invanare - andring),
                crate::tal::svensk_tal(andring),
                crate::tal::svensk_tal(invanare)
            );
            let fel = match &s.fil {
                Some(fil) if !andring.is_zero() => Fel::new(fil, text).kolumn(format!("invanare.{}", t - 1)),
                _ => Fel::new("modell.toml", text).kolumn("befolkning.invanare_1_november"),
            };
            d.fel(fel);
        }
        let invanare_skr = match &m.skr_invanare {
            Some(rad) => rad.krav(t, "Invånare 1 november", d),
            None => Decimal::ZERO,
        };
        let skalning = match kvot(invanare, invanare_skr) {
            Some(r) => r,
            None => {
                if m.skr_invanare.as_ref().is_some_and(|r| r.get(t).is_some()) {
                    d.fel(Fel::new(m.kalla("skatter_och_bidrag"), format!("Invånare 1 november är 0 för {t}")));
                }
                Decimal::ONE
            }
        };
        let delta = Scenario::ar_varde(&s.skatteunderlag, t);
        if !delta.is_zero() {
            let g = serier.varde("skatteunderlag", t, d);
            match kvot(faktor(g + delta), faktor(g)) {
                Some(f) if f > Decimal::ZERO => match niva.checked_mul(f) {
                    Some(n) => niva = n,
                    None => d.fel(
                        Fel::new(
                            s.fil.clone().unwrap_or_else(|| "scenario".into()),
                            format!(
                                "skatteunderlagets nivå {t} blir för stor för att räknas exakt \
                                 (SKR:s utveckling {} % i {})",
                                g.normalize(),
                                m.kalla("skr")
                            ),
                        )
                        .kolumn(format!("skatteunderlag.{t}")),
                    ),
                },
                _ => d.fel(Fel::new(
                    s.fil.clone().unwrap_or_else(|| "scenario".into()),
                    format!("skatteunderlagets utveckling {t} blir −100 % eller lägre"),
                )),
            }
        }
        let mut poster: Vec<PostBelopp> = m
            .intaktsposter
            .iter()
            .map(|p| {
                let a = p.belopp.krav(t, &format!("posten {}", p.post), d);
                let faktorer: &[Decimal] = match p.typ {
                    Intaktstyp::Skatt => &[skalning, niva, tau],
                    Intaktstyp::Inkomstutjamning => &[skalning, niva],
                    Intaktstyp::PerInvanare => &[skalning],
                    Intaktstyp::Fast => &[],
                };
                // Absurd inputs within the read limits can still multiply past a Decimal: name them.
                let belopp = faktorer.iter().try_fold(a, |x, f| x.checked_mul(*f)).unwrap_or_else(|| {
                    d.fel(p.belopp.plats.fel(format!(
                        "posten {} blir för stor för att räknas exakt år {t} (invånarkvot {}, skatteunderlagsnivå {})",
                        p.post,
                        skalning.round_dp(6).normalize(),
                        niva.round_dp(6).normalize()
                    )));
                    Decimal::ZERO
                });
                PostBelopp { post: p.post.clone(), typ: p.typ.namn(), belopp }
            })
            .collect();
        if !s.statsbidrag_kr_per_invanare.is_empty() {
            let bidrag = Scenario::ar_varde(&s.statsbidrag_kr_per_invanare, t);
            poster.push(PostBelopp {
                post: FORANDRAT_STATSBIDRAG.into(),
                typ: "scenario",
                belopp: bidrag * invanare / Decimal::ONE_THOUSAND,
            });
        }
        if !s.intakter_tkr.is_empty() {
            poster.push(PostBelopp {
                post: OVRIG_INTAKTSFORANDRING.into(),
                typ: "scenario",
                belopp: Scenario::ar_varde(&s.intakter_tkr, t),
            });
        }
        let summa = poster.iter().map(|p| p.belopp).sum();
        ut.insert(
            t,
            Intaktsar {
                invanare,
                invanare_skr,
                skalning,
                skatteunderlagsniva: niva,
                skattesatsfaktor: tau,
                poster,
                summa,
            },
        );
    }
    ut
}

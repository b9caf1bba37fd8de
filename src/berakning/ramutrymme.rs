//! MODELL §2: pension with löneskatt, central items, the result target and
//! the ramutrymme — what the nämnder can have in total.

use super::intakter::Intakter;
use super::investeringar::Kapitalkostnader;
use crate::fel::Diagnos;
use crate::modell::{Ar, Centraltyp, Modell, Pensionstyp, Scenario};
use crate::tal::faktor;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A named amount that makes up a total.
#[derive(Debug, Clone, PartialEq)]
pub struct Delpost {
    pub post: String,
    pub typ: &'static str,
    pub belopp: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ramutrymmesar {
    /// S(t).
    pub skatter_och_bidrag: Decimal,
    /// PK(t), with its posts (löneskatt included where it applies, i_ramar negative).
    pub pension: Decimal,
    pub pensionsposter: Vec<Delpost>,
    /// C(t), with its posts (the investment terms of §8 included).
    pub centrala_poster: Decimal,
    pub centrala: Vec<Delpost>,
    /// m: the result target in percent.
    pub resultatmal_procent: Decimal,
    /// M(t).
    pub resultatmal: Decimal,
    /// U(t).
    pub ramutrymme: Decimal,
}

impl Ramutrymmesar {
    /// The part of PK and C that is finansnetto (pension `finansiell`, central `finans`).
    pub fn finansnetto_kostnad(&self) -> Decimal {
        self.pensionsposter
            .iter()
            .chain(&self.centrala)
            .filter(|p| p.typ == "finansiell" || p.typ == "finans")
            .map(|p| p.belopp)
            .sum()
    }
}

pub type Ramutrymme = BTreeMap<Ar, Ramutrymmesar>;

pub fn berakna(
    m: &Modell,
    s: &Scenario,
    intakter: &Intakter,
    kapital: &Kapitalkostnader,
    d: &mut Diagnos,
) -> Ramutrymme {
    let loneskatt = faktor(m.loneskatt_procent);
    let mal = s.resultat_procent.unwrap_or(m.resultat_procent);
    let mut ut = Ramutrymme::new();
    for t in m.ar() {
        let skatter_och_bidrag = intakter[&t].summa;
        let pensionsposter: Vec<Delpost> = m
            .pension
            .iter()
            .filter(|p| p.typ.i_pensionskostnad())
            .map(|p| {
                let b = p.belopp.krav(t, &format!("pensionsposten {}", p.post), d);
                let belopp = match p.typ {
                    Pensionstyp::Kostnad | Pensionstyp::Finansiell => b * loneskatt,
                    _ => -b,
                };
                Delpost { post: p.post.clone(), typ: p.typ.namn(), belopp }
            })
            .collect();
        let pension = pensionsposter.iter().map(|p| p.belopp).sum();
        let mut centrala: Vec<Delpost> = m
            .centrala_poster
            .iter()
            .map(|p| Delpost {
                post: p.post.clone(),
                typ: p.typ.namn(),
                belopp: p.belopp.krav(t, &format!("posten {}", p.post), d),
            })
            .collect();
        for (namn, belopp) in &kapital.centralt {
            let typ = if namn.starts_with("Avskrivningar") { Centraltyp::Verksamhet } else { Centraltyp::Finans };
            centrala.push(Delpost { post: namn.clone(), typ: typ.namn(), belopp: belopp[&t] });
        }
        let centrala_poster = centrala.iter().map(|p| p.belopp).sum();
        let resultatmal = skatter_och_bidrag * mal / Decimal::ONE_HUNDRED;
        ut.insert(
            t,
            Ramutrymmesar {
                skatter_och_bidrag,
                pension,
                pensionsposter,
                centrala_poster,
                centrala,
                resultatmal_procent: mal,
                resultatmal,
                ramutrymme: skatter_och_bidrag - pension - centrala_poster - resultatmal,
            },
        );
    }
    ut
}

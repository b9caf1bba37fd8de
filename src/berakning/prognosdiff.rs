//! What changed between two SKR prognoses (e.g. December and April), series
//! by series and year by year, and what that does to skatter och bidrag,
//! ramutrymme, kostnad för befintlig verksamhet and glapp: the breakdown KCG
//! asks for on budgetdagen.

use super::Grund;
use super::befintlig::Befintlig;
use crate::modell::{Ar, Modell};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// A value in prognosis A and in B (absent where the prognosis lacks it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Par {
    pub a: Option<Decimal>,
    pub b: Option<Decimal>,
}

impl Par {
    pub fn forandring(&self) -> Option<Decimal> {
        Some(self.b? - self.a?)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rad {
    pub namn: String,
    pub typ: String,
    pub ar: BTreeMap<Ar, Par>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prognosdiff {
    /// SKR's series (percent), per year of either table.
    pub serier: Vec<Rad>,
    /// The revenue posts as they enter S(t), and the population they rest on.
    pub poster: Vec<Rad>,
    /// S, PK, C, U, ΣKB and G per plan year.
    pub summor: Vec<Rad>,
}

fn par<T>(a: &BTreeMap<Ar, T>, b: &BTreeMap<Ar, T>, f: impl Fn(&T) -> Decimal) -> BTreeMap<Ar, Par> {
    let ar: BTreeSet<Ar> = a.keys().chain(b.keys()).copied().collect();
    ar.into_iter().map(|t| (t, Par { a: a.get(&t).map(&f), b: b.get(&t).map(&f) })).collect()
}

pub fn jamfor(a: (&Grund<'_>, &Befintlig), b: (&Grund<'_>, &Befintlig)) -> Prognosdiff {
    let (ma, mb): (&Modell, &Modell) = (a.0.modell, b.0.modell);
    let nycklar: BTreeSet<&String> = ma.skr.keys().chain(mb.skr.keys()).collect();
    let tom = BTreeMap::new();
    let serier = nycklar
        .into_iter()
        .map(|k| Rad {
            namn: k.clone(),
            typ: "serie".into(),
            ar: par(
                ma.skr.get(k).map(|r| &r.varden).unwrap_or(&tom),
                mb.skr.get(k).map(|r| &r.varden).unwrap_or(&tom),
                |v| *v,
            ),
        })
        .collect();
    // Posts by (name, typ), in A's order then B's new ones.
    let mut namn: Vec<(String, &'static str)> = Vec::new();
    for g in [a.0, b.0] {
        for i in g.intakter.values() {
            for p in &i.poster {
                if !namn.iter().any(|(n, t)| n == &p.post && *t == p.typ) {
                    namn.push((p.post.clone(), p.typ));
                }
            }
        }
    }
    let belopp = |g: &Grund<'_>, post: &str, typ: &str| -> BTreeMap<Ar, Decimal> {
        g.intakter
            .iter()
            .filter_map(|(t, i)| i.poster.iter().find(|p| p.post == post && p.typ == typ).map(|p| (*t, p.belopp)))
            .collect()
    };
    let mut poster: Vec<Rad> = namn
        .iter()
        .map(|(n, t)| Rad {
            namn: n.clone(),
            typ: t.to_string(),
            ar: par(&belopp(a.0, n, t), &belopp(b.0, n, t), |v| *v),
        })
        .collect();
    let invanare = |g: &Grund<'_>| g.intakter.iter().map(|(t, i)| (*t, i.invanare_skr)).collect::<BTreeMap<_, _>>();
    poster.push(Rad {
        namn: "Invånare 1 november (SKR)".into(),
        typ: "invanare".into(),
        ar: par(&invanare(a.0), &invanare(b.0), |v| *v),
    });
    let summa = |namn: &str, f: &dyn Fn(&Grund<'_>, &Befintlig, Ar) -> Decimal| {
        let per = |x: (&Grund<'_>, &Befintlig)| {
            x.0.modell.ar().into_iter().map(|t| (t, f(x.0, x.1, t))).collect::<BTreeMap<_, _>>()
        };
        Rad { namn: namn.to_string(), typ: "summa".into(), ar: par(&per(a), &per(b), |v| *v) }
    };
    let summor = vec![
        summa("Skatter och generella statsbidrag", &|g, _, t| g.ramutrymme[&t].skatter_och_bidrag),
        summa("Pensionskostnader", &|g, _, t| g.ramutrymme[&t].pension),
        summa("Centrala poster", &|g, _, t| g.ramutrymme[&t].centrala_poster),
        summa("Resultatmål", &|g, _, t| g.ramutrymme[&t].resultatmal),
        summa("Ramutrymme", &|g, _, t| g.ramutrymme(t)),
        summa("Kostnad för befintlig verksamhet", &|_, b, t| b.summa(t)),
        summa("Glapp", &|_, b, t| b.glapp[&t]),
    ];
    Prognosdiff { serier, poster, summor }
}

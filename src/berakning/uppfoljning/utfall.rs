//! MODELL §13, outcome: the SIE records through `ansvar` into `u(n,y,k)`,
//! the net cost per nämnd, year and month on the verksamhet accounts; what
//! maps to no nämnd (or has no object) per object; the finance accounts per
//! month; and the monthly `#PBUDGET` per nämnd.

use crate::modell::Ar;
use crate::modell::uppfoljning::{Ansvarsplan, Bokforing, Bokforingsnyckel, Kontoplan};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

/// Twelve months of amounts, and which months had any record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Manader {
    /// Index 0 = January.
    pub belopp: [Decimal; 12],
    /// Bit k−1 set: month k has at least one record (even when it adds up to zero).
    pub med_poster: u16,
}

impl Manader {
    pub const ALLA: u16 = 0xFFF;

    fn lagg_till(&mut self, manad: u32, v: Decimal) {
        if (1..=12).contains(&manad) {
            self.belopp[manad as usize - 1] += v;
            self.med_poster |= 1 << (manad - 1);
        }
    }

    /// Σ(k ≤ m).
    pub fn ack(&self, m: u32) -> Decimal {
        self.belopp.iter().take(m.min(12) as usize).copied().sum()
    }

    /// Σ(k ≤ 12).
    pub fn ar(&self) -> Decimal {
        self.ack(12)
    }

    /// Whether every month 1…12 has a record.
    pub fn helt_ar(&self) -> bool {
        self.med_poster == Self::ALLA
    }

    /// Whether any month 1…m has a record.
    pub fn poster_till(&self, m: u32) -> bool {
        self.med_poster & ((1u16 << m.min(12)) - 1) != 0
    }
}

/// A finance group of `[uppfoljning.konton]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Finansgrupp {
    Skatteintakter,
    Statsbidrag,
    FinansiellaIntakter,
    FinansiellaKostnader,
}

impl Finansgrupp {
    pub const ALLA: [Finansgrupp; 4] = [
        Finansgrupp::Skatteintakter,
        Finansgrupp::Statsbidrag,
        Finansgrupp::FinansiellaIntakter,
        Finansgrupp::FinansiellaKostnader,
    ];

    pub fn namn(self) -> &'static str {
        match self {
            Finansgrupp::Skatteintakter => "skatteintakter",
            Finansgrupp::Statsbidrag => "statsbidrag",
            Finansgrupp::FinansiellaIntakter => "finansiella_intakter",
            Finansgrupp::FinansiellaKostnader => "finansiella_kostnader",
        }
    }
}

/// The accounting sorted the way §13 reads it. Amounts as SIE books them
/// (costs positive, revenue negative), tkr.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Utfall {
    /// `u(n,y,k)` per nämnd (in `ramar` order) and year.
    pub namnd: Vec<BTreeMap<Ar, Manader>>,
    /// Verksamhet accounts on objects that map to no nämnd, or without object
    /// (`None`), per object and year.
    pub ej_fordelat: BTreeMap<Option<String>, BTreeMap<Ar, Manader>>,
    /// Σ of the finance accounts per group and year (all objects).
    pub finans: BTreeMap<Finansgrupp, BTreeMap<Ar, Manader>>,
    /// `#PBUDGET` on the verksamhet accounts per nämnd and year.
    pub budget: Vec<BTreeMap<Ar, Manader>>,
}

/// Sorts the records of `bok` by nämnd through `ansvar` (exact object, then
/// longest prefix) and by the account ranges of `konton`.
pub fn berakna<'b>(bok: &'b Bokforing, ansvar: &Ansvarsplan, konton: &Kontoplan, antal_namnder: usize) -> Utfall {
    let mut u = Utfall {
        namnd: vec![BTreeMap::new(); antal_namnder],
        budget: vec![BTreeMap::new(); antal_namnder],
        ..Default::default()
    };
    let mut namnd_for: HashMap<&'b str, Option<usize>> = HashMap::new();
    let mut namnd = |k: &'b Bokforingsnyckel| -> Option<usize> {
        let o = k.objekt.as_deref()?;
        *namnd_for.entry(o).or_insert_with(|| ansvar.namnd(o).filter(|&n| n < antal_namnder))
    };
    let mut kontogrupp: HashMap<&'b str, (bool, Vec<Finansgrupp>)> = HashMap::new();
    let mut grupp = |konto: &'b str| -> (bool, Vec<Finansgrupp>) {
        kontogrupp
            .entry(konto)
            .or_insert_with(|| {
                let f = [
                    &konton.skatteintakter,
                    &konton.statsbidrag,
                    &konton.finansiella_intakter,
                    &konton.finansiella_kostnader,
                ];
                let finans =
                    Finansgrupp::ALLA.into_iter().zip(f).filter(|(_, g)| g.innehaller(konto)).map(|(fg, _)| fg);
                (konton.verksamhet.innehaller(konto), finans.collect())
            })
            .clone()
    };
    for (k, &v) in &bok.utfall {
        let (verksamhet, finans) = grupp(&k.konto);
        if verksamhet {
            match namnd(k) {
                Some(n) => u.namnd[n].entry(k.ar).or_default().lagg_till(k.manad, v),
                None => {
                    u.ej_fordelat.entry(k.objekt.clone()).or_default().entry(k.ar).or_default().lagg_till(k.manad, v)
                }
            }
        }
        for fg in finans {
            u.finans.entry(fg).or_default().entry(k.ar).or_default().lagg_till(k.manad, v);
        }
    }
    for (k, &v) in &bok.budget {
        if grupp(&k.konto).0
            && let Some(n) = namnd(k)
        {
            u.budget[n].entry(k.ar).or_default().lagg_till(k.manad, v);
        }
    }
    u
}

impl Utfall {
    /// `u(n,y,·)`, zero when the nämnd has no outcome that year.
    pub fn namnd_ar(&self, n: usize, ar: Ar) -> Manader {
        self.namnd.get(n).and_then(|a| a.get(&ar)).copied().unwrap_or_default()
    }

    /// The ej fördelat outcome of year `ar`, months 1…m, over all objects.
    pub fn ej_fordelat_ack(&self, ar: Ar, m: u32) -> Decimal {
        self.ej_fordelat.values().filter_map(|a| a.get(&ar)).map(|x| x.ack(m)).sum()
    }

    /// Σ of a finance group in year `ar`, month by month (as SIE books it).
    pub fn finans_ar(&self, g: Finansgrupp, ar: Ar) -> Manader {
        self.finans.get(&g).and_then(|a| a.get(&ar)).copied().unwrap_or_default()
    }
}

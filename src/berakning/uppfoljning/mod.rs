//! MODELL §13: the follow-up of the budget year at month m — outcome per
//! nämnd through `ansvar`, the decided budget with the changes up to the
//! period, the monthly budget profile, the helårsprognos (computed, and the
//! nämnd's own when given), the deviation, the åtgärdsplan, the kommun's
//! forecast result and the report's name. Pure: everything comes in as
//! parameters, nothing is read or written here.

pub mod atgardsplan;
pub mod prognos;
pub mod utfall;

#[cfg(test)]
mod tester;

use crate::berakning::forslag::Forslag;
use crate::fel::Diagnos;
use crate::modell::uppfoljning::{
    Ansvarsplan, Bokforing, Budgetandring, Budgetpart, Namndprognos, Period, Prognosmetod, Uppfoljningsinstallningar,
};
use crate::modell::{Namnd, VfPost, VfTyp};
use crate::tal::{kvot, utan_brus};
use atgardsplan::Atgardsplan;
use rust_decimal::Decimal;
use utfall::{Finansgrupp, Manader};

/// `S(B)`, `PK(B)`, `C(B)` and the result target of the model's scenario (MODELL §1–§2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kommunposter {
    pub skatter_och_bidrag: Decimal,
    pub pension: Decimal,
    pub centrala_poster: Decimal,
    /// `m` of §2, percent.
    pub resultatmal_procent: Decimal,
}

/// What the follow-up needs, all resolved by the caller.
pub struct Indata<'a> {
    /// Year B and month m.
    pub period: Period,
    /// `--metod`, else `[uppfoljning] metod`.
    pub metod: Prognosmetod,
    pub installningar: &'a Uppfoljningsinstallningar,
    pub namnder: &'a [Namnd],
    pub ansvar: &'a Ansvarsplan,
    /// `budget(n)` per nämnd: the `budget` table, else `ram_avrundad(n,B)` of `forslag`.
    pub budget: &'a [Decimal],
    pub budgetandringar: &'a [Budgetandring],
    pub prognoser: &'a [Namndprognos],
    pub vf: &'a [VfPost],
    /// Per VF item: selected by `forslag` of the model's scenario and rule.
    pub vald: &'a [bool],
    pub bokforing: &'a Bokforing,
    pub kommun: Kommunposter,
}

/// One nämnd's follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namndrapport {
    /// Index in `ramar`.
    pub namnd: usize,
    pub budget: Decimal,
    /// Net budget change up to the period.
    pub budgetandringar: Decimal,
    /// `budget'(n)`.
    pub budget_justerad: Decimal,
    /// `u(n,B,k)` for k = 1…m.
    pub utfall_manad: Vec<Decimal>,
    /// `ack(n)`.
    pub utfall_ack: Decimal,
    pub budget_ack: Decimal,
    /// `pb(n,·)` when the monthly budget profile came from `#PBUDGET`.
    pub budgetprofil: Option<[Decimal; 12]>,
    pub prognos_berakning: Decimal,
    /// The `prognoser` table's forecast for the period.
    pub prognos_namnd: Option<Decimal>,
    /// The one used: the nämnd's own, else the computed.
    pub prognos: Decimal,
    pub avvikelse: Decimal,
    /// `None` when `budget'(n) = 0`.
    pub avvikelse_procent: Option<Decimal>,
    /// The method actually used for `prognos_berakning`.
    pub metod: Prognosmetod,
    /// `s(n,m)` when `sasong` was used.
    pub sasongsandel: Option<Decimal>,
    pub atgardsplan: Atgardsplan,
}

impl Namndrapport {
    /// The budget profile accumulated month by month, k = 1…12 (for the chart
    /// of accumulated outcome against budget): `budget'·Σ(j≤k) pb/Σ pb`, or `budget'·k/12`.
    pub fn budget_ack_per_manad(&self) -> Vec<Decimal> {
        (1..=12u32)
            .map(|k| match &self.budgetprofil {
                Some(pb) => {
                    let ar: Decimal = pb.iter().copied().sum();
                    let ack: Decimal = pb.iter().take(k as usize).copied().sum();
                    self.budget_justerad * ack / ar
                }
                None => self.budget_justerad * Decimal::from(k) / Decimal::from(12),
            })
            .collect()
    }
}

/// Outcome that maps to no nämnd, per object (`None`: without object).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EjFordelat {
    pub objekt: Option<String>,
    /// `#OBJEKT`'s name, when given.
    pub namn: Option<String>,
    /// Months 1…m.
    pub utfall_manad: Vec<Decimal>,
    pub utfall_ack: Decimal,
}

/// The finance accounts as outcome, revenue positive (−Σ), months 1…m.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finansiering {
    pub skatteintakter: Vec<Decimal>,
    pub statsbidrag: Vec<Decimal>,
    pub finansiella_intakter: Vec<Decimal>,
    pub finansiella_kostnader: Vec<Decimal>,
}

impl Finansiering {
    pub fn manader(&self, g: Finansgrupp) -> &[Decimal] {
        match g {
            Finansgrupp::Skatteintakter => &self.skatteintakter,
            Finansgrupp::Statsbidrag => &self.statsbidrag,
            Finansgrupp::FinansiellaIntakter => &self.finansiella_intakter,
            Finansgrupp::FinansiellaKostnader => &self.finansiella_kostnader,
        }
    }

    /// Accumulated to the period.
    pub fn ack(&self, g: Finansgrupp) -> Decimal {
        self.manader(g).iter().copied().sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summa {
    pub budget: Decimal,
    pub budgetandringar: Decimal,
    pub budget_justerad: Decimal,
    pub utfall_ack: Decimal,
    pub budget_ack: Decimal,
    pub prognos_berakning: Decimal,
    pub prognos: Decimal,
    pub avvikelse: Decimal,
}

/// The month's follow-up report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uppfoljningsrapport {
    pub period: Period,
    /// From `[uppfoljning.rapporter]` and the styrmodell's schedule.
    pub rapport: String,
    /// The method asked for (per nämnd: the one used).
    pub metod: Prognosmetod,
    pub namnder: Vec<Namndrapport>,
    pub summa: Summa,
    /// Σ over objects of `ej_fordelat`, year B, months 1…m.
    pub ej_fordelat_utfall: Decimal,
    /// Objects with records in year B, months 1…m; in code order, without object last.
    pub ej_fordelat: Vec<EjFordelat>,
    pub finansiering: Finansiering,
    pub resultat_budget: Decimal,
    pub resultat_prognos: Decimal,
    /// `None` when `S(B) = 0`.
    pub resultat_procent_budget: Option<Decimal>,
    pub resultat_procent_prognos: Option<Decimal>,
    pub balanskrav_uppfyllt_prognos: bool,
    pub resultatmal_procent: Decimal,
    /// `sasong` fell back to `linjar`: one per nämnd, naming it.
    pub varningar: Vec<String>,
}

/// `budget'(n) − budget(n)`: the changes to and from nämnd `n` dated on or
/// before the last day of the period's month.
pub fn budgetandringar(andringar: &[Budgetandring], namnd: usize, period: Period) -> Decimal {
    andringar
        .iter()
        .filter(|a| a.datum.period() <= period)
        .map(|a| {
            let till = if a.till == Budgetpart::Namnd(namnd) { a.belopp } else { Decimal::ZERO };
            let fran = if a.fran == Budgetpart::Namnd(namnd) { a.belopp } else { Decimal::ZERO };
            till - fran
        })
        .sum()
}

/// A nämnd's not-selected minskningar in prioritet order, as (vf index, b(i,B)).
pub fn kandidater(vf: &[VfPost], vald: &[bool], namnd: usize, ar: crate::modell::Ar) -> Vec<(usize, Decimal)> {
    let mut k: Vec<(usize, &VfPost)> = vf
        .iter()
        .enumerate()
        .filter(|(i, p)| p.namnd == namnd && p.typ == VfTyp::Minskning && !vald.get(*i).copied().unwrap_or(false))
        .collect();
    k.sort_by_key(|(_, p)| p.prioritet);
    k.into_iter().map(|(i, p)| (i, p.belopp.eller_noll(ar))).collect()
}

/// The follow-up of MODELL §13.
pub fn berakna(ind: &Indata<'_>) -> Uppfoljningsrapport {
    let Period { ar: b, manad: m } = ind.period;
    let m = m.clamp(1, 12);
    let inst = ind.installningar;
    let u = utfall::berakna(ind.bokforing, ind.ansvar, &inst.konton, ind.namnder.len());
    let mut varningar = Vec::new();
    let mut namnder = Vec::with_capacity(ind.namnder.len());
    for (n, namnd) in ind.namnder.iter().enumerate() {
        let budget = ind.budget.get(n).copied().unwrap_or_default();
        let andringar = budgetandringar(ind.budgetandringar, n, ind.period);
        let budget_justerad = budget + andringar;
        let i_ar = u.namnd_ar(n, b);
        let utfall_manad: Vec<Decimal> = i_ar.belopp[..m as usize].to_vec();
        let ack = i_ar.ack(m);
        let (budget_ack, profil) = prognos::budget_ack(budget_justerad, u.budget[n].get(&b), m);
        let p = prognos::berakna(ind.metod, m, ack, budget_justerad, budget_ack, &u.namnd[n], b);
        if let Some(r) = &p.reservfall {
            varningar.push(r.varning(&format!("{} ({})", namnd.namn, namnd.id), m));
        }
        let prognos_namnd = ind.prognoser.iter().find(|x| x.namnd == n && x.period == ind.period).map(|x| x.prognos);
        let prognos = prognos_namnd.unwrap_or(p.prognos);
        let avvikelse = budget_justerad - prognos;
        let avvikelse_procent = kvot(avvikelse * Decimal::ONE_HUNDRED, budget_justerad);
        let atgardsplan = atgardsplan::berakna(
            avvikelse,
            budget_justerad,
            inst.troskel_procent,
            m,
            &kandidater(ind.vf, ind.vald, n, b),
        );
        namnder.push(Namndrapport {
            namnd: n,
            budget,
            budgetandringar: andringar,
            budget_justerad,
            utfall_manad,
            utfall_ack: ack,
            budget_ack,
            budgetprofil: profil.map(|x: Manader| x.belopp),
            prognos_berakning: p.prognos,
            prognos_namnd,
            prognos,
            avvikelse,
            avvikelse_procent,
            metod: p.metod,
            sasongsandel: p.sasongsandel,
            atgardsplan,
        });
    }
    let summa = Summa {
        budget: namnder.iter().map(|r| r.budget).sum(),
        budgetandringar: namnder.iter().map(|r| r.budgetandringar).sum(),
        budget_justerad: namnder.iter().map(|r| r.budget_justerad).sum(),
        utfall_ack: namnder.iter().map(|r| r.utfall_ack).sum(),
        budget_ack: namnder.iter().map(|r| r.budget_ack).sum(),
        prognos_berakning: namnder.iter().map(|r| r.prognos_berakning).sum(),
        prognos: namnder.iter().map(|r| r.prognos).sum(),
        avvikelse: namnder.iter().map(|r| r.avvikelse).sum(),
    };
    let mut ej_fordelat: Vec<EjFordelat> = u
        .ej_fordelat
        .iter()
        .filter_map(|(objekt, ar)| {
            let x = ar.get(&b).filter(|x| x.poster_till(m))?;
            Some(EjFordelat {
                objekt: objekt.clone(),
                namn: objekt.as_ref().and_then(|o| ind.bokforing.objektnamn.get(o).cloned()),
                utfall_manad: x.belopp[..m as usize].to_vec(),
                utfall_ack: x.ack(m),
            })
        })
        .collect();
    // Without object last.
    ej_fordelat.sort_by_key(|e| e.objekt.is_none());
    let finans = |g| -> Vec<Decimal> { u.finans_ar(g, b).belopp[..m as usize].iter().map(|v| -*v).collect() };
    let finansiering = Finansiering {
        skatteintakter: finans(Finansgrupp::Skatteintakter),
        statsbidrag: finans(Finansgrupp::Statsbidrag),
        finansiella_intakter: finans(Finansgrupp::FinansiellaIntakter),
        finansiella_kostnader: finans(Finansgrupp::FinansiellaKostnader),
    };
    let k = ind.kommun;
    let fore_namnder = k.skatter_och_bidrag - k.pension - k.centrala_poster;
    let resultat_budget = fore_namnder - summa.budget_justerad;
    let resultat_prognos = fore_namnder - summa.prognos;
    let procent = |r: Decimal| kvot(r * Decimal::ONE_HUNDRED, k.skatter_och_bidrag);
    Uppfoljningsrapport {
        period: Period { ar: b, manad: m },
        rapport: inst.rapportnamn(m),
        metod: ind.metod,
        summa,
        ej_fordelat_utfall: u.ej_fordelat_ack(b, m),
        ej_fordelat,
        finansiering,
        resultat_budget,
        resultat_prognos,
        resultat_procent_budget: procent(resultat_budget),
        resultat_procent_prognos: procent(resultat_prognos),
        balanskrav_uppfyllt_prognos: utan_brus(resultat_prognos) >= Decimal::ZERO,
        resultatmal_procent: k.resultatmal_procent,
        namnder,
        varningar,
    }
}

/// The follow-up of a model at `period` with `metod`: `budget(n)` from the
/// `budget` table, else `ram_avrundad(n,B)` of the proposal `f` (the model's
/// scenario and rule); the candidates of the åtgärdsplan from what `f` did
/// not select; `S`, `PK`, `C` and the result target of year B from `f`'s
/// ground. Besides the core's warnings, one for the months ≤ m of year B
/// that have no outcome at all in `bok`.
pub fn for_modell(f: &Forslag<'_>, bok: &Bokforing, period: Period, metod: Prognosmetod) -> Uppfoljningsrapport {
    let m = f.grund.modell;
    let b = period.ar;
    let upp = &m.uppfoljning;
    let budget: Vec<Decimal> = match &upp.budget {
        Some(x) => x.clone(),
        None => f.ramar_avrundade.iter().map(|r| r.get(&b).copied().unwrap_or_default()).collect(),
    };
    let ansvar = Ansvarsplan::bygg(&upp.ansvar, &mut Diagnos::default());
    let kommun = f.grund.ramutrymme.get(&b).map(|r| Kommunposter {
        skatter_och_bidrag: r.skatter_och_bidrag,
        pension: r.pension,
        centrala_poster: r.centrala_poster,
        resultatmal_procent: r.resultatmal_procent,
    });
    let mut rapport = berakna(&Indata {
        period,
        metod,
        installningar: &upp.installningar,
        namnder: &m.namnder,
        ansvar: &ansvar,
        budget: &budget,
        budgetandringar: &upp.budgetandringar,
        prognoser: &upp.prognoser,
        vf: &m.vf,
        vald: &f.urval.vald,
        bokforing: bok,
        kommun: kommun.unwrap_or_default(),
    });
    let saknas = manader_utan_utfall(bok, b, period.manad);
    if !saknas.is_empty() {
        let namn: Vec<String> = saknas.iter().map(|&k| prognos::manadsnamn(k).to_string()).collect();
        rapport.varningar.push(format!(
            "SIE-filerna har inget utfall för {} {b}: {} räknas som noll i utfallet till och med {}",
            upprakning(&namn),
            if saknas.len() == 1 { "månaden" } else { "månaderna" },
            period
        ));
    }
    rapport
}

/// The months 1…m of year `ar` without a single outcome record.
pub fn manader_utan_utfall(bok: &Bokforing, ar: crate::modell::Ar, m: u32) -> Vec<u32> {
    let mut finns = 0u16;
    for k in bok.utfall.keys().filter(|k| k.ar == ar) {
        if (1..=12).contains(&k.manad) {
            finns |= 1 << (k.manad - 1);
        }
    }
    (1..=m.min(12)).filter(|k| finns & (1 << (k - 1)) == 0).collect()
}

/// `mars`, `mars och april`, `februari, mars och april`.
pub fn upprakning(delar: &[String]) -> String {
    match delar.split_last() {
        Some((sista, [])) => sista.clone(),
        Some((sista, forsta)) => format!("{} och {sista}", forsta.join(", ")),
        None => String::new(),
    }
}

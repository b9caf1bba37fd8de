//! MODELL §13 by hand on small cases, and its invariants as properties.

use super::*;
use crate::fel::{Kalla, Plats};
use crate::modell::uppfoljning::{Bokforingsnyckel, Datum, Kontogrupp};
use crate::modell::{Ar, Arsrad};
use proptest::prelude::*;
use rust_decimal_macros::dec;
use std::collections::BTreeMap;
use std::sync::Arc;

fn plats() -> Plats {
    Plats { kalla: Kalla::fil("test.csv"), rad: 2 }
}

fn namnd(id: &str, namn: &str) -> Namnd {
    Namnd { id: id.into(), namn: namn.into(), ram: Decimal::ZERO, delar: None, plats: plats() }
}

fn vf(id: &str, namnd: usize, typ: VfTyp, prioritet: u32, belopp: Decimal) -> VfPost {
    VfPost {
        id: id.into(),
        namnd,
        rubrik: format!("Rubrik {id}"),
        typ,
        prioritet,
        belopp: Arsrad {
            plats: plats(),
            varden: BTreeMap::from([(2026, belopp)]),
            kolumner: Arc::new(BTreeMap::new()),
        },
        kommunprioritet: None,
        varde: Decimal::ONE,
        inriktningsmal: None,
        perspektiv: None,
        konsekvens: None,
    }
}

/// A kommun of two nämnder: A (objects 1*, and 2900 exactly) and B (2*).
struct Fall {
    namnder: Vec<Namnd>,
    ansvar: Ansvarsplan,
    inst: Uppfoljningsinstallningar,
    bok: Bokforing,
    budget: Vec<Decimal>,
    andringar: Vec<Budgetandring>,
    prognoser: Vec<Namndprognos>,
    vf: Vec<VfPost>,
    vald: Vec<bool>,
}

impl Fall {
    fn nytt() -> Self {
        Fall {
            namnder: vec![namnd("A", "Nämnd A"), namnd("B", "Nämnd B")],
            ansvar: Ansvarsplan::fran_par(&[("1*", 0), ("2*", 1), ("2900", 0)]),
            inst: Uppfoljningsinstallningar::default(),
            bok: Bokforing::default(),
            budget: vec![dec!(1300), dec!(600)],
            andringar: vec![],
            prognoser: vec![],
            vf: vec![],
            vald: vec![],
        }
    }

    fn post(&mut self, ar: Ar, manad: u32, konto: &str, objekt: Option<&str>, belopp: Decimal) -> &mut Self {
        let k = Bokforingsnyckel { ar, manad, konto: konto.into(), objekt: objekt.map(String::from) };
        *self.bok.utfall.entry(k).or_default() += belopp;
        self
    }

    fn budgetpost(&mut self, ar: Ar, manad: u32, konto: &str, objekt: &str, belopp: Decimal) -> &mut Self {
        let k = Bokforingsnyckel { ar, manad, konto: konto.into(), objekt: Some(objekt.into()) };
        *self.bok.budget.entry(k).or_default() += belopp;
        self
    }

    /// Outcome of one object on account 5010 for months 1…12 of a year.
    fn ar(&mut self, ar: Ar, objekt: &str, manader: &[Decimal]) -> &mut Self {
        for (k, v) in manader.iter().enumerate() {
            self.post(ar, k as u32 + 1, "5010", Some(objekt), *v);
        }
        self
    }

    fn rapport(&self, manad: u32, metod: Prognosmetod) -> Uppfoljningsrapport {
        berakna(&Indata {
            period: Period { ar: 2026, manad },
            metod,
            installningar: &self.inst,
            namnder: &self.namnder,
            ansvar: &self.ansvar,
            budget: &self.budget,
            budgetandringar: &self.andringar,
            prognoser: &self.prognoser,
            vf: &self.vf,
            vald: &self.vald,
            bokforing: &self.bok,
            kommun: Kommunposter {
                skatter_och_bidrag: dec!(5000),
                pension: dec!(300),
                centrala_poster: dec!(100),
                resultatmal_procent: dec!(2),
            },
        })
    }
}

/// A: 100, 110, 90 in Jan–Mar 2026 on 1310 (ack 300). Prior years: 2025 with
/// Jan–Mar 300 of 1000, 2024 with 200 of 800.
fn grundfall() -> Fall {
    let mut f = Fall::nytt();
    f.ar(2026, "1310", &[dec!(100), dec!(110), dec!(90)]);
    let mut ar2025 = vec![dec!(90), dec!(100), dec!(110)];
    ar2025.extend([dec!(80); 8]);
    ar2025.push(dec!(60));
    f.ar(2025, "1310", &ar2025);
    let mut ar2024 = vec![dec!(50), dec!(70), dec!(80)];
    ar2024.extend([dec!(70); 8]);
    ar2024.push(dec!(40));
    f.ar(2024, "1310", &ar2024);
    f
}

#[test]
fn linjar() {
    let r = grundfall().rapport(3, Prognosmetod::Linjar);
    let a = &r.namnder[0];
    assert_eq!(a.utfall_manad, [dec!(100), dec!(110), dec!(90)]);
    assert_eq!(a.utfall_ack, dec!(300));
    assert_eq!(a.prognos_berakning, dec!(1200));
    assert_eq!(a.prognos, dec!(1200));
    assert_eq!(a.metod, Prognosmetod::Linjar);
    assert_eq!(a.avvikelse, dec!(100));
    assert_eq!(a.avvikelse_procent.unwrap().round_dp(10), dec!(7.6923076923));
    assert_eq!(a.budget_ack, dec!(325));
    assert!(!a.atgardsplan.behovs);
}

#[test]
fn sasong() {
    let r = grundfall().rapport(3, Prognosmetod::Sasong);
    let a = &r.namnder[0];
    // s = (300/1000 + 200/800)/2 = 0.275; 300/0.275 = 1090.90…
    assert_eq!(a.sasongsandel, Some(dec!(0.275)));
    assert_eq!(a.metod, Prognosmetod::Sasong);
    assert_eq!(a.prognos.round_dp(6), dec!(1090.909091));
    assert!(r.varningar.iter().all(|v| !v.contains("Nämnd A")));
}

#[test]
fn ar_utan_tolv_manader_raknas_inte() {
    let mut f = grundfall();
    // 2023 has only Jan–Nov: not a prior year with outcome for all 12 months.
    for k in 1..=11 {
        f.post(2023, k, "5010", Some("1310"), dec!(1000));
    }
    assert_eq!(f.rapport(3, Prognosmetod::Sasong).namnder[0].sasongsandel, Some(dec!(0.275)));
    // A month of 2023 with a record that adds up to zero still counts as outcome.
    f.post(2023, 12, "5010", Some("1310"), dec!(0));
    // 2023: Jan–Mar 3000 of 11000.
    let s = (dec!(0.3) + dec!(0.25) + dec!(3000) / dec!(11000)) / dec!(3);
    assert_eq!(f.rapport(3, Prognosmetod::Sasong).namnder[0].sasongsandel, Some(s));
}

#[test]
fn sasong_faller_tillbaka_till_linjar_med_varning() {
    // B has 2026 outcome but no prior years.
    let mut f = grundfall();
    f.ar(2026, "2100", &[dec!(50), dec!(50), dec!(50)]);
    let r = f.rapport(3, Prognosmetod::Sasong);
    let b = &r.namnder[1];
    assert_eq!(b.metod, Prognosmetod::Linjar);
    assert_eq!(b.prognos, dec!(600));
    assert_eq!(b.sasongsandel, None);
    assert_eq!(
        r.varningar,
        [
            "Nämnd B (B): säsongsprognos går inte att beräkna (det finns inget tidigare år med utfall för alla tolv månader); linjär prognos används i stället"
        ]
    );
    // A prior year whose total is ≤ 0.
    let mut f = grundfall();
    f.ar(2026, "2100", &[dec!(50), dec!(50), dec!(50)]);
    f.ar(
        2025,
        "2100",
        &[
            dec!(100),
            dec!(-100),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0),
            dec!(0),
        ],
    );
    let r = f.rapport(3, Prognosmetod::Sasong);
    assert_eq!(r.namnder[1].metod, Prognosmetod::Linjar);
    assert!(r.varningar[0].contains("utfallet för helåret 2025 är noll eller negativt"), "{:?}", r.varningar);
    // s(n,m) ≤ 0: Jan–Mar negative (revenue early in the year), the year positive.
    let mut f = grundfall();
    f.ar(2026, "2100", &[dec!(50), dec!(50), dec!(50)]);
    let mut ar = vec![dec!(-300), dec!(0), dec!(0)];
    ar.extend([dec!(100); 9]);
    f.ar(2025, "2100", &ar);
    let r = f.rapport(3, Prognosmetod::Sasong);
    assert_eq!(r.namnder[1].metod, Prognosmetod::Linjar);
    assert!(r.varningar[0].contains("säsongsandelen för januari–mars"), "{:?}", r.varningar);
    // linjar and budget never warn.
    assert!(f.rapport(3, Prognosmetod::Linjar).varningar.is_empty());
    assert!(f.rapport(3, Prognosmetod::Budget).varningar.is_empty());
}

#[test]
fn budgetmetoden_med_och_utan_profil() {
    let mut f = grundfall();
    let r = f.rapport(3, Prognosmetod::Budget);
    // No #PBUDGET: budget_ack = 1300·3/12 = 325; 300 + 1300 − 325.
    assert_eq!(r.namnder[0].budget_ack, dec!(325));
    assert_eq!(r.namnder[0].prognos, dec!(1275));
    assert_eq!(r.namnder[0].budgetprofil, None);
    assert_eq!(r.namnder[0].budget_ack_per_manad()[5], dec!(650));
    // Profile: 120 a month Jan–Mar, 840 the rest of the year (on two objects of A and a revenue account).
    for k in 1..=3 {
        f.budgetpost(2026, k, "5010", "1310", dec!(100));
        f.budgetpost(2026, k, "5010", "2900", dec!(30));
        f.budgetpost(2026, k, "3010", "1310", dec!(-10));
    }
    for k in 4..=12 {
        f.budgetpost(2026, k, "5010", "1310", dec!(840) / dec!(9));
    }
    // Not the verksamhet accounts, not A, not year B: no effect.
    f.budgetpost(2026, 1, "8010", "1310", dec!(99999));
    f.budgetpost(2026, 1, "5010", "2100", dec!(99999));
    f.budgetpost(2025, 1, "5010", "1310", dec!(99999));
    let r = f.rapport(3, Prognosmetod::Budget);
    let a = &r.namnder[0];
    // 1300 · 360/1200 = 390; 300 + 1300 − 390 = 1210.
    assert_eq!(a.budget_ack.round_dp(20), dec!(390));
    assert_eq!(a.prognos.round_dp(20), dec!(1210));
    assert!(a.budgetprofil.is_some());
    let profil = a.budget_ack_per_manad();
    assert_eq!(profil[2], a.budget_ack);
    assert_eq!(profil[11], dec!(1300));
    assert_eq!(r.namnder[0].budget_ack_per_manad().len(), 12);
    // B: only a record on 2100 in January, year total non-zero: its profile is all in January.
    assert_eq!(r.namnder[1].budget_ack, dec!(600));
}

#[test]
fn profil_med_nollsumma_anvands_inte() {
    let mut f = grundfall();
    f.budgetpost(2026, 1, "5010", "1310", dec!(100));
    f.budgetpost(2026, 2, "5010", "1310", dec!(-100));
    assert_eq!(f.rapport(3, Prognosmetod::Budget).namnder[0].budget_ack, dec!(325));
}

#[test]
fn budgetandringar_fore_och_efter_perioden() {
    let mut f = grundfall();
    let andring = |datum: &str, fran, till, belopp| Budgetandring {
        datum: Datum::tolka(datum).unwrap(),
        fran,
        till,
        belopp,
        beslut: "KF".into(),
        plats: plats(),
    };
    f.andringar = vec![
        andring("2026-03-31", Budgetpart::Namnd(0), Budgetpart::Namnd(1), dec!(50)),
        andring("2026-04-01", Budgetpart::Resultat, Budgetpart::Namnd(0), dec!(100)),
        andring("2026-01-15", Budgetpart::Namnd(1), Budgetpart::Resultat, dec!(20)),
    ];
    let r = f.rapport(3, Prognosmetod::Linjar);
    assert_eq!((r.namnder[0].budgetandringar, r.namnder[0].budget_justerad), (dec!(-50), dec!(1250)));
    assert_eq!((r.namnder[1].budgetandringar, r.namnder[1].budget_justerad), (dec!(30), dec!(630)));
    // 5000 − 300 − 100 − (1250 + 630).
    assert_eq!(r.resultat_budget, dec!(2720));
    let r = f.rapport(4, Prognosmetod::Linjar);
    assert_eq!(r.namnder[0].budget_justerad, dec!(1350));
    assert_eq!(r.resultat_budget, dec!(2620));
}

#[test]
fn namndens_egen_prognos_galler() {
    let mut f = grundfall();
    f.prognoser = vec![
        Namndprognos { namnd: 0, period: Period { ar: 2026, manad: 3 }, prognos: dec!(1400), plats: plats() },
        Namndprognos { namnd: 0, period: Period { ar: 2026, manad: 4 }, prognos: dec!(9999), plats: plats() },
    ];
    let r = f.rapport(3, Prognosmetod::Linjar);
    let a = &r.namnder[0];
    assert_eq!((a.prognos_berakning, a.prognos_namnd, a.prognos), (dec!(1200), Some(dec!(1400)), dec!(1400)));
    assert_eq!(a.avvikelse, dec!(-100));
    assert_eq!(r.namnder[1].prognos_namnd, None);
}

#[test]
fn atgardsplan_fran_ej_valda_minskningar() {
    let mut f = grundfall();
    f.vf = vec![
        vf("A-1", 0, VfTyp::Minskning, 1, dec!(-100)),
        vf("A-2", 0, VfTyp::Tillskott, 1, dec!(300)),
        vf("A-4", 0, VfTyp::Minskning, 3, dec!(-200)),
        vf("A-3", 0, VfTyp::Minskning, 2, dec!(-80)),
        vf("B-1", 1, VfTyp::Minskning, 1, dec!(-500)),
    ];
    f.vald = vec![true, false, false, false, false];
    // Linear forecast 1200 against budget 1100: −100, beyond 0.5 % (5.5).
    f.budget[0] = dec!(1100);
    let r = f.rapport(3, Prognosmetod::Linjar);
    let p = &r.namnder[0].atgardsplan;
    assert!(p.behovs);
    // A-3 (prio 2): −60; A-4 (prio 3): −150 → Σ −210 ≤ −100.
    assert_eq!(
        p.poster.iter().map(|a| (f.vf[a.vf].id.as_str(), a.effekt)).collect::<Vec<_>>(),
        [("A-3", dec!(-60)), ("A-4", dec!(-150))]
    );
    assert_eq!((p.summa, p.otackt), (dec!(-210), dec!(0)));
    // B has no deficit (no outcome at all: forecast 0).
    assert!(!r.namnder[1].atgardsplan.behovs);
    // At month 12 nothing can be saved.
    let mut tolv = grundfall();
    tolv.vf = f.vf.clone();
    tolv.vald = f.vald.clone();
    tolv.budget[0] = dec!(1100);
    let mut ar2026 = vec![dec!(100), dec!(110), dec!(90)];
    ar2026.extend([dec!(100); 9]);
    tolv.bok.utfall.retain(|k, _| k.ar != 2026);
    tolv.ar(2026, "1310", &ar2026);
    let r = tolv.rapport(12, Prognosmetod::Sasong);
    let p = &r.namnder[0].atgardsplan;
    assert_eq!(r.namnder[0].prognos, dec!(1200));
    assert!(p.behovs && p.poster.is_empty());
    assert_eq!(p.otackt, dec!(-100));
}

#[test]
fn ej_fordelat_och_finansiering() {
    let mut f = grundfall();
    f.post(2026, 1, "5010", Some("9000"), dec!(40))
        .post(2026, 2, "45110", None, dec!(7))
        .post(2026, 4, "5010", Some("9000"), dec!(1000))
        .post(2026, 1, "8010", Some("1310"), dec!(-900))
        .post(2026, 2, "8010", None, dec!(-900))
        .post(2026, 3, "8210", None, dec!(-300))
        .post(2026, 3, "8410", None, dec!(-5))
        .post(2026, 3, "8510", None, dec!(8))
        .post(2026, 1, "1930", None, dec!(123456))
        .post(2026, 1, "2900", None, dec!(1))
        .post(2026, 2, "5010", Some("2900"), dec!(3));
    let r = f.rapport(3, Prognosmetod::Linjar);
    // 40 on 9000 and 7 without object; the exact 2900 belongs to A; finance and balance accounts are not verksamhet.
    assert_eq!(r.ej_fordelat_utfall, dec!(47));
    assert_eq!(r.ej_fordelat.len(), 2);
    assert_eq!((r.ej_fordelat[0].objekt.as_deref(), r.ej_fordelat[0].utfall_ack), (Some("9000"), dec!(40)));
    assert_eq!(r.ej_fordelat[0].utfall_manad, [dec!(40), dec!(0), dec!(0)]);
    assert_eq!((r.ej_fordelat[1].objekt.as_deref(), r.ej_fordelat[1].utfall_ack), (None, dec!(7)));
    assert_eq!(r.namnder[0].utfall_ack, dec!(303));
    assert_eq!(r.finansiering.ack(Finansgrupp::Skatteintakter), dec!(1800));
    assert_eq!(r.finansiering.skatteintakter, [dec!(900), dec!(900), dec!(0)]);
    assert_eq!(r.finansiering.ack(Finansgrupp::Statsbidrag), dec!(300));
    assert_eq!(r.finansiering.ack(Finansgrupp::FinansiellaIntakter), dec!(5));
    assert_eq!(r.finansiering.ack(Finansgrupp::FinansiellaKostnader), dec!(-8));
}

#[test]
fn kommunens_resultat_och_balanskrav() {
    let f = grundfall();
    let r = f.rapport(3, Prognosmetod::Linjar);
    // Budget 1300 + 600; prognos 1200 + 0.
    assert_eq!(r.resultat_budget, dec!(2700));
    assert_eq!(r.resultat_prognos, dec!(3400));
    assert_eq!(r.resultat_procent_budget, Some(dec!(54)));
    assert_eq!(r.resultat_procent_prognos, Some(dec!(68)));
    assert!(r.balanskrav_uppfyllt_prognos);
    assert_eq!(r.summa.prognos, dec!(1200));
    assert_eq!(r.summa.avvikelse, dec!(700));
    assert_eq!(r.rapport, "Månadsrapport med prognos och planerade åtgärder");
    let mut f = grundfall();
    f.prognoser =
        vec![Namndprognos { namnd: 1, period: Period { ar: 2026, manad: 3 }, prognos: dec!(3400.01), plats: plats() }];
    assert!(!f.rapport(3, Prognosmetod::Linjar).balanskrav_uppfyllt_prognos);
}

#[test]
fn egna_kontointervall() {
    let mut f = grundfall();
    f.inst.konton.verksamhet = Kontogrupp(vec![
        Kontogrupp::tolka_intervall("3000-4999").unwrap(),
        Kontogrupp::tolka_intervall("6000-7999").unwrap(),
    ]);
    f.post(2026, 1, "4010", Some("1310"), dec!(5));
    // 5010 is no longer verksamhet.
    assert_eq!(f.rapport(3, Prognosmetod::Linjar).namnder[0].utfall_ack, dec!(5));
}

fn decimal(max: i64) -> impl Strategy<Value = Decimal> {
    (-max..=max).prop_map(|x| Decimal::new(x, 2))
}

proptest! {
    /// With a uniform seasonal profile in every prior year, sasong gives linjar.
    #[test]
    fn jamn_profil_ger_linjar(niva in prop::collection::vec(1i64..100_000, 1..4), m in 1u32..12,
                               utfall in prop::collection::vec(decimal(1_000_000), 12)) {
        let mut f = Fall::nytt();
        for (i, c) in niva.iter().enumerate() {
            f.ar(2025 - i as Ar, "1310", &[Decimal::new(*c, 2); 12]);
        }
        f.ar(2026, "1310", &utfall[..m as usize]);
        let s = f.rapport(m, Prognosmetod::Sasong).namnder[0].clone();
        let l = f.rapport(m, Prognosmetod::Linjar).namnder[0].clone();
        prop_assert_eq!(s.metod, Prognosmetod::Sasong);
        prop_assert!((s.prognos - l.prognos).abs() < dec!(0.000000001), "{} {}", s.prognos, l.prognos);
    }

    /// At month 12 every method gives the outcome.
    #[test]
    fn manad_tolv_ger_utfallet(tidigare in prop::collection::vec(decimal(1_000_000), 12),
                                utfall in prop::collection::vec(decimal(1_000_000), 12),
                                budget in decimal(10_000_000)) {
        let mut f = Fall::nytt();
        f.ar(2025, "1310", &tidigare);
        f.ar(2026, "1310", &utfall);
        f.budget[0] = budget;
        for k in 1..=12 {
            f.budgetpost(2026, k, "5010", "1310", Decimal::from(k));
        }
        let ack: Decimal = utfall.iter().copied().sum();
        for metod in Prognosmetod::ALLA {
            prop_assert_eq!(f.rapport(12, metod).namnder[0].prognos, ack);
        }
    }

    /// Σ nämnder + ej fördelat = the SIE total of the verksamhet accounts (year B, months ≤ m).
    #[test]
    fn inget_utfall_forsvinner(poster in prop::collection::vec(
        (2024i32..=2027, 1u32..=12, 0usize..8, 0usize..7, decimal(10_000_000)), 0..200), m in 1u32..=12) {
        const KONTON: [&str; 8] = ["3010", "45110", "5010", "7999", "8010", "1930", "2999", "8510"];
        const OBJEKT: [Option<&str>; 7] = [Some("1310"), Some("2900"), Some("2100"), Some("9000"), Some("13"), None, Some("")];
        let mut f = Fall::nytt();
        for (ar, manad, k, o, v) in &poster {
            f.post(*ar, *manad, KONTON[*k], OBJEKT[*o], *v);
        }
        let r = f.rapport(m, Prognosmetod::Sasong);
        let sie: Decimal = f.bok.utfall.iter()
            .filter(|(k, _)| k.ar == 2026 && k.manad <= m && f.inst.konton.verksamhet.innehaller(&k.konto))
            .map(|(_, v)| *v).sum();
        prop_assert_eq!(r.summa.utfall_ack + r.ej_fordelat_utfall, sie);
        let per_objekt: Decimal = r.ej_fordelat.iter().map(|e| e.utfall_ack).sum();
        prop_assert_eq!(per_objekt, r.ej_fordelat_utfall);
    }
}

#[test]
fn manader_utan_utfall_raknas_upp() {
    let mut bok = Bokforing::default();
    for (ar, manad) in [(2026, 1), (2026, 3), (2025, 2)] {
        let k = Bokforingsnyckel { ar, manad, konto: "5010".into(), objekt: None };
        bok.utfall.insert(k, Decimal::ZERO);
    }
    assert_eq!(super::manader_utan_utfall(&bok, 2026, 4), [2, 4]);
    assert_eq!(super::manader_utan_utfall(&bok, 2026, 1), Vec::<u32>::new());
    assert_eq!(super::upprakning(&["mars".into(), "april".into(), "maj".into()]), "mars, april och maj");
}

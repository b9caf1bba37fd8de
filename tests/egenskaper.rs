//! Property tests of the invariants, on random models read through the same
//! readers as model folders: frames add up, revenue scales per capita, the
//! tax rate and more revenue move things the right way, optimal is optimal.

use proptest::prelude::*;
use ramverk::berakning::forslag::Forslag;
use ramverk::berakning::{Grund, procentuell_ram};
use ramverk::fel::Diagnos;
use ramverk::inlasning::las_modell_fran_texter;
use ramverk::modell::{Fordelning, Modell, Scenario, VfTyp};
use ramverk::tal::avrunda;
use rust_decimal::Decimal;

#[derive(Debug, Clone)]
struct Namnd {
    ram: i64,
    delar: Option<(i64, i64, i64)>,
    vf: Vec<(bool, i64, Option<u32>, u32)>,
}

#[derive(Debug, Clone)]
struct Param {
    namnder: Vec<Namnd>,
    skatt: i64,
    utjamning: i64,
    fast: i64,
    pskr: i64,
    egen: i64,
    skattesats: i64,
    enhet: i64,
    pension: i64,
    lon: i64,
}

fn namnd() -> impl Strategy<Value = Namnd> {
    (
        1_000i64..400_000,
        proptest::option::of((0i64..70, 0i64..20, 0i64..20)),
        proptest::collection::vec((any::<bool>(), 1i64..20_000, proptest::option::of(1u32..5), 0u32..4), 0..6),
    )
        .prop_map(|(ram, delar, vf)| Namnd { ram, delar, vf })
}

fn param() -> impl Strategy<Value = Param> {
    (
        proptest::collection::vec(namnd(), 1..6),
        (500_000i64..900_000, 50_000i64..300_000, 0i64..80_000),
        (5_000i64..50_000, -300i64..300),
        (1500i64..2500, prop_oneof![Just(1i64), Just(10), Just(100)]),
        (0i64..80_000, 0i64..60),
    )
        .prop_map(|(namnder, (skatt, utjamning, fast), (pskr, avvikelse), (skattesats, enhet), (pension, lon))| {
            Param { namnder, skatt, utjamning, fast, pskr, egen: pskr + avvikelse, skattesats, enhet, pension, lon }
        })
}

/// The model folder's files as texts.
fn filer(p: &Param) -> Vec<(&'static str, String)> {
    let skattesats = Decimal::new(p.skattesats, 2);
    let toml = format!(
        "[kommun]\nnamn = \"Prov\"\n[period]\nbasar = 2025\nantal_ar = 2\n[skatt]\nskattesats = {skattesats}\n[mal]\nresultat_procent = 2\n\
         [avrundning]\nenhet_tkr = {}\n[befolkning]\ninvanare_1_november = {{ 2025 = {}, 2026 = {} }}\n",
        p.enhet,
        p.egen,
        p.egen - 50
    );
    let mut ramar = String::from("nämnd;namn;ram;personal;lokaler;övrigt;intäkter\n");
    let mut vf = String::from("nämnd;id;rubrik;typ;prioritet;2026;2027;kommunprioritet;värde\n");
    for (i, n) in p.namnder.iter().enumerate() {
        match n.delar {
            Some((p_andel, l_andel, i_andel)) => {
                // Shares of the frame, so that övrigt = ram − personal − lokaler + intäkter ≥ 10 %.
                let (pers, lok, int) = (n.ram * p_andel / 100, n.ram * l_andel / 100, n.ram * i_andel / 100);
                let ovr = n.ram - pers - lok + int;
                ramar.push_str(&format!("N{i};Nämnd {i};{};{pers};{lok};{ovr};{int}\n", n.ram));
            }
            None => ramar.push_str(&format!("N{i};Nämnd {i};{};;;;\n", n.ram)),
        }
        let mut prio = [0u32; 2];
        for (j, (tillskott, belopp, kp, varde)) in n.vf.iter().enumerate() {
            let (typ, tecken, k) = if *tillskott { ("tillskott", 1, 0) } else { ("minskning", -1, 1) };
            prio[k] += 1;
            let b = Decimal::new(tecken * belopp, 1);
            let kp = kp.map(|x| x.to_string()).unwrap_or_default();
            vf.push_str(&format!("N{i};N{i}-{j};Post;{typ};{};{b};{b};{kp};{varde}\n", prio[k]));
        }
    }
    let skr = format!(
        "serie;2025;2026;2027\nskatteunderlag;4;4;4\npkv;3;2,5;3\nlon;3;{};3\npo;40;40;41\nhyra;2;2;2\novrigt;1;1;1\navgifter;2;2;2\n",
        Decimal::new(p.lon, 1)
    );
    let sob = format!(
        "post;typ;2026;2027\nSkatt;skatt;{};{}\nInkomstutjämning;inkomstutjamning;{};{}\nFastighetsavgift;fast;{};{}\nInvånare 1 november;invanare;{};{}\n",
        p.skatt,
        p.skatt + 20_000,
        p.utjamning,
        p.utjamning,
        p.fast,
        p.fast,
        p.pskr,
        p.pskr
    );
    let pension = format!("post;typ;2026;2027\nPension;kostnad;{};{}\n", p.pension, p.pension);
    vec![
        ("modell.toml", toml),
        ("ramar.csv", ramar),
        ("skr.csv", skr),
        ("skatter-och-bidrag.csv", sob),
        ("pension.csv", pension),
        ("vf.csv", vf),
    ]
}

fn modell(p: &Param) -> Modell {
    let f = filer(p);
    let texter: Vec<(&str, &str)> = f.iter().map(|(n, t)| (*n, t.as_str())).collect();
    match las_modell_fran_texter(&texter) {
        Ok(i) => i.modell,
        Err(e) => panic!("genererad modell är fel: {e}\n{f:?}"),
    }
}

fn intakter(m: &Modell, s: &Scenario) -> Vec<Decimal> {
    let g = Grund::berakna(m, s).unwrap();
    m.ar().iter().map(|t| g.intakter[t].summa).collect()
}

fn forslag<'a>(m: &'a Modell, s: &'a Scenario, regel: Fordelning) -> Forslag<'a> {
    Forslag::berakna(m, s, Some(regel)).unwrap()
}

/// Σ b̃ and Σ värde of a selection of one typ in the budget year.
fn objektiv(m: &Modell, vald: &[bool], typ: VfTyp) -> (i128, Decimal) {
    let b = m.budgetar();
    m.vf.iter().zip(vald).filter(|(p, v)| **v && p.typ == typ).fold((0, Decimal::ZERO), |(s, v), (p, _)| {
        (s + ramverk::berakning::vf::heltal_exakt(p.belopp.eller_noll(b)), v + p.varde)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn avrundade_ramar_summerar_till_avrundat_ramutrymme(p in param()) {
        let m = modell(&p);
        let s = Scenario::bas();
        let g = Grund::berakna(&m, &s).unwrap();
        let mut d = Diagnos::default();
        let pr = procentuell_ram::berakna(&g, &mut d);
        for t in m.ar() {
            let summa: Decimal = pr.ramar_avrundade.iter().map(|r| r[&t]).sum();
            prop_assert_eq!(summa, avrunda(g.ramutrymme(t) / m.enhet_tkr, 0) * m.enhet_tkr);
        }
        for regel in Fordelning::ALLA {
            let f = forslag(&m, &s, regel);
            for t in m.ar() {
                let exakt: Decimal = f.ramar.iter().map(|r| r[&t]).sum();
                let summa: Decimal = f.ramar_avrundade.iter().map(|r| r[&t]).sum();
                prop_assert_eq!(summa, avrunda(exakt / m.enhet_tkr, 0) * m.enhet_tkr);
            }
        }
    }

    #[test]
    fn dubbel_befolkning_ger_samma_intakter(p in param()) {
        let m = modell(&p);
        let dubbel = Param { pskr: p.pskr * 2, egen: p.egen * 2, ..p.clone() };
        // P'(2027) = egen − 50 persons: doubled it must be 2·egen − 100.
        let mut m2 = modell(&dubbel);
        m2.invanare_1_november.insert(2026, Decimal::from(2 * (p.egen - 50)));
        let s = Scenario::bas();
        let (a, b) = (intakter(&m, &s), intakter(&m2, &s));
        for (x, y) in a.iter().zip(&b) {
            prop_assert!((x - y).abs() < Decimal::new(1, 12), "{} ≠ {}", x, y);
        }
    }

    #[test]
    fn hogre_skattesats_sanker_aldrig_intakterna(p in param(), hojning in 0i64..300) {
        let m = modell(&p);
        let bas = intakter(&m, &Scenario::bas());
        let s = Scenario { skattesats_forandring: Decimal::new(hojning, 2), ..Scenario::bas() };
        for (x, y) in bas.iter().zip(intakter(&m, &s)) {
            prop_assert!(y >= *x);
        }
    }

    #[test]
    fn mer_intakter_tar_aldrig_bort_tillskott_eller_lagger_till_minskningar(p in param(), mer in 1i64..200_000) {
        let m = modell(&p);
        let bas = Scenario::bas();
        let rikare = Scenario { intakter_tkr: [(2026, Decimal::from(mer)), (2027, Decimal::from(mer))].into(), ..Scenario::bas() };
        for regel in [Fordelning::Proportionell, Fordelning::Gemensam] {
            let a = forslag(&m, &bas, regel);
            let b = forslag(&m, &rikare, regel);
            for (i, post) in m.vf.iter().enumerate() {
                match post.typ {
                    VfTyp::Tillskott => prop_assert!(!a.urval.vald[i] || b.urval.vald[i], "{:?}: tillskott {} föll bort", regel, post.id),
                    VfTyp::Minskning => prop_assert!(a.urval.vald[i] || !b.urval.vald[i], "{:?}: minskning {} tillkom", regel, post.id),
                }
            }
        }
    }

    #[test]
    fn optimal_ar_aldrig_samre_an_proportionell(p in param()) {
        let m = modell(&p);
        let s = Scenario::bas();
        let prop = forslag(&m, &s, Fordelning::Proportionell);
        let opt = forslag(&m, &s, Fordelning::Optimal);
        let g = ramverk::berakning::vf::heltal_exakt(opt.befintlig.glapp[&m.budgetar()]);
        if g >= 0 {
            let (pb, pv) = objektiv(&m, &prop.urval.vald, VfTyp::Tillskott);
            let (_, ov) = objektiv(&m, &opt.urval.vald, VfTyp::Tillskott);
            if pb <= g { prop_assert!(ov >= pv); }
        } else {
            let (pb, pv) = objektiv(&m, &prop.urval.vald, VfTyp::Minskning);
            let (ob, ov) = objektiv(&m, &opt.urval.vald, VfTyp::Minskning);
            if pb <= g {
                prop_assert!(ob <= g);
                prop_assert!(ov <= pv);
            }
        }
    }

    #[test]
    fn ramar_ar_kostnad_plus_valda_poster(p in param(), regel in prop_oneof![Just(Fordelning::Proportionell), Just(Fordelning::Gemensam), Just(Fordelning::Optimal)]) {
        let m = modell(&p);
        let s = Scenario::bas();
        let f = forslag(&m, &s, regel);
        for (n, ram) in f.ramar.iter().enumerate() {
            for t in m.ar() {
                let valda: Decimal = m.vf.iter().zip(&f.urval.vald).filter(|(x, v)| **v && x.namnd == n).map(|(x, _)| x.belopp.eller_noll(t)).sum();
                prop_assert_eq!(ram[&t], f.befintlig.namnder[n].kostnad[&t] + valda);
                // forklara's terms add up to the frame and, without VF items, to the cost.
                let fk = ramverk::berakning::forklara::forklara(&f, n, t);
                prop_assert_eq!(fk.ram, ram[&t]);
                prop_assert_eq!(fk.kostnad_befintlig, f.befintlig.namnder[n].kostnad[&t]);
            }
        }
    }
}

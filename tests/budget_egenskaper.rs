//! The accounting identities of the budget document (MODELL §12) as
//! property tests on generated models, read through the same readers as a
//! model folder: the resultatbudget adds up to §6's result, the balansbudget
//! balances and equals §9's totala tillgångar, the cash flow is the change of
//! omsättningstillgångar, each nämnd's bridge adds up to its frame (and to
//! `forklara`'s), and every lever of the känslighetsanalys equals a full
//! recomputation with the lever in a scenario and the selection held.

use proptest::prelude::*;
use ramverk::berakning::befintlig::Termtyp;
use ramverk::berakning::budget::Budget;
use ramverk::berakning::budget::kanslighet::Spak;
use ramverk::berakning::forslag::Forslag;
use ramverk::berakning::{Grund, befintlig, forklara};
use ramverk::fel::Diagnos;
use ramverk::inlasning::las_modell_fran_texter;
use ramverk::modell::{Fordelning, Modell, Scenario, VfTyp};
use rust_decimal::Decimal;

#[derive(Debug, Clone)]
struct Namnd {
    ram: i64,
    delar: Option<(i64, i64, i64)>,
    vf: Vec<(bool, i64)>,
    kand: i64,
}

#[derive(Debug, Clone)]
struct Param {
    namnder: Vec<Namnd>,
    skatt: i64,
    utjamning: i64,
    slutavrakning: (i64, bool),
    pskr: i64,
    egen: i64,
    pension: (i64, i64, i64),
    avsattning: Option<(Option<i64>, i64, i64, i64)>,
    centrala: Vec<(bool, i64, i64, i64)>,
    investeringar: Vec<(i64, i32, u32, usize)>,
    i_ram: bool,
    laneranta: Option<i64>,
    balans: (i64, i64, i64, i64, i64),
    avskrivningar: (i64, i64, i64),
    amortering: (i64, i64, i64),
    scenario: (i64, i64, i64, i64),
    regel: Fordelning,
}

fn namnd() -> impl Strategy<Value = Namnd> {
    (
        1_000i64..300_000,
        proptest::option::of((0i64..70, 0i64..20, 0i64..20)),
        proptest::collection::vec((any::<bool>(), 1i64..20_000), 0..5),
        -500i64..2_000,
    )
        .prop_map(|(ram, delar, vf, kand)| Namnd { ram, delar, vf, kand })
}

fn param() -> impl Strategy<Value = Param> {
    let intakter = (500_000i64..900_000, 50_000i64..300_000, (-3_000i64..3_000, any::<bool>()));
    let befolkning = (5_000i64..50_000, -300i64..300);
    let pension = (
        (0i64..60_000, 0i64..5_000, 0i64..40_000),
        proptest::option::of((
            proptest::option::of(10_000i64..90_000),
            10_000i64..90_000,
            10_000i64..90_000,
            10_000i64..90_000,
        )),
    );
    let centrala =
        proptest::collection::vec((any::<bool>(), -9_000i64..9_000, -9_000i64..9_000, -9_000i64..9_000), 0..4);
    let investeringar = (
        proptest::collection::vec((1i64..80_000, 2024i32..2029, 1u32..30, 0usize..5), 0..4),
        any::<bool>(),
        proptest::option::of(0i64..60),
    );
    let balans = (
        (100_000i64..900_000, 0i64..600_000, 0i64..1_000_000, 0i64..100, 0i64..100),
        (0i64..60_000, 0i64..60_000, 0i64..60_000),
        (0i64..30_000, 0i64..30_000, 0i64..30_000),
    );
    let scenario = (
        (-20i64..20, -10i64..20, 0i64..30, -200i64..200),
        prop_oneof![Just(Fordelning::Proportionell), Just(Fordelning::Gemensam), Just(Fordelning::Optimal)],
    );
    (proptest::collection::vec(namnd(), 1..5), intakter, befolkning, pension, centrala, investeringar, balans, scenario)
        .prop_map(
            |(
                namnder,
                (skatt, utjamning, slutavrakning),
                (pskr, avvikelse),
                (pension, avsattning),
                centrala,
                (investeringar, i_ram, laneranta),
                (balans, avskrivningar, amortering),
                (scenario, regel),
            )| Param {
                namnder,
                skatt,
                utjamning,
                slutavrakning,
                pskr,
                egen: pskr + avvikelse,
                pension,
                avsattning,
                centrala,
                investeringar,
                i_ram,
                laneranta,
                balans,
                avskrivningar,
                amortering,
                scenario,
                regel,
            },
        )
}

fn d1(v: i64) -> Decimal {
    Decimal::new(v, 1)
}

/// The model folder's files as texts, and the scenario's.
fn filer(p: &Param) -> (Vec<(&'static str, String)>, String) {
    let (ek, ta_extra, at, av_andel, ls_andel) = p.balans;
    let av0 = p.avsattning.and_then(|a| a.0).unwrap_or(0);
    let ta = ek + av0 + ta_extra + 1;
    // Långfristiga skulder: a share of what EK and the provision leave, so that KS ≥ 0.
    let rest = (ta - ek - av0).max(0);
    let ls = rest * ls_andel / 100;
    let avsattningar =
        if av_andel < 30 { format!("avsattningar = {}\n", av0.min(rest - ls).max(0)) } else { String::new() };
    let laneranta = p.laneranta.map(|r| format!("laneranta = {}\n", d1(r))).unwrap_or_default();
    let toml = format!(
        "[kommun]\nnamn = \"Prov\"\n[period]\nbasar = 2025\nantal_ar = 3\n[skatt]\nskattesats = 21.5\n[mal]\nresultat_procent = 2\n\
         [befolkning]\ninvanare_1_november = {{ 2025 = {e}, 2026 = {}, 2027 = {} }}\n\
         [investeringar]\nkapitalkostnad_i_ram = {}\n{laneranta}\
         [balans]\neget_kapital = {ek}\ntotala_tillgangar = {ta}\nansvarsforbindelse_pension = 5000\n\
         anlaggningstillgangar = {at}\nlangfristiga_skulder = {ls}\n{avsattningar}likvida_medel = 1000\n\
         avskrivningar_befintliga = {{ 2026 = {}, 2027 = {}, 2028 = {} }}\namortering = {{ 2026 = {}, 2027 = {}, 2028 = {} }}\n\
         [inriktningsmal]\n1 = \"Mål ett\"\n",
        p.egen - 40,
        p.egen - 90,
        p.i_ram,
        p.avskrivningar.0,
        p.avskrivningar.1,
        p.avskrivningar.2,
        p.amortering.0,
        p.amortering.1,
        p.amortering.2,
        e = p.egen,
    );
    let mut ramar = String::from("nämnd;namn;ram;personal;lokaler;övrigt;intäkter\n");
    let mut vf = String::from("nämnd;id;rubrik;typ;prioritet;2026;2027;2028;inriktningsmål;perspektiv\n");
    let mut kanda = String::from("nämnd;beskrivning;2026;2027;2028\n");
    for (i, n) in p.namnder.iter().enumerate() {
        match n.delar {
            Some((pa, la, ia)) => {
                let (pers, lok, int) = (n.ram * pa / 100, n.ram * la / 100, n.ram * ia / 100);
                let ovr = n.ram - pers - lok + int;
                ramar.push_str(&format!("N{i};Nämnd {i};{};{pers};{lok};{ovr};{int}\n", n.ram));
            }
            None => ramar.push_str(&format!("N{i};Nämnd {i};{};;;;\n", n.ram)),
        }
        let mut prio = [0u32; 2];
        for (j, (tillskott, belopp)) in n.vf.iter().enumerate() {
            let (typ, tecken, k) = if *tillskott { ("tillskott", 1, 0) } else { ("minskning", -1, 1) };
            prio[k] += 1;
            let b = d1(tecken * belopp);
            let mal = ["", "1", "3"][j % 3];
            let persp = ["invånare", "", "ekonomi", "värdegrund"][j % 4];
            vf.push_str(&format!("N{i};N{i}-{j};Post;{typ};{};{b};{b};{b};{mal};{persp}\n", prio[k]));
        }
        kanda.push_str(&format!("N{i};Beslut;{};{};{}\n", n.kand, n.kand, n.kand / 2));
    }
    let skr = "serie;2025;2026;2027;2028\nskatteunderlag;4;4;3,5;4\npkv;3;2,5;3;3,1\nlon;3;3,2;3;3\npo;40;40;41;41\n\
               hyra;2;2;2;2\novrigt;1;1,5;1;1\navgifter;2;2;2,5;2\ninternranta;3;3;2,75;3\n";
    let (sa, rad) = p.slutavrakning;
    let sob = format!(
        "post;typ;resultatrad;2026;2027;2028\nSkatt;skatt;;{s};{};{}\nSlutavräkning;per_invanare;{};{sa};{};0\n\
         Inkomstutjämning;inkomstutjamning;;{u};{u};{u}\nFastighetsavgift;fast;;40000;41000;42000\n\
         Invånare 1 november;invanare;;{pskr};{pskr};{pskr}\n",
        p.skatt + 20_000,
        p.skatt + 40_000,
        if rad { "skatteintakter" } else { "" },
        -sa / 2,
        s = p.skatt,
        u = p.utjamning,
        pskr = p.pskr,
    );
    let (kostnad, finansiell, i_ramar) = p.pension;
    let mut pension = format!(
        "post;typ;2025;2026;2027;2028\nPension;kostnad;;{kostnad};{kostnad};{kostnad}\nRänta;finansiell;;{finansiell};{finansiell};{finansiell}\n\
         I ramar;i_ramar;;{i_ramar};{i_ramar};{i_ramar}\nAnsvarsförbindelse;ansvarsforbindelse;;5000;4800;4600\n"
    );
    if let Some((a0, a1, a2, a3)) = p.avsattning {
        let a0 = a0.map(|x| x.to_string()).unwrap_or_default();
        pension.push_str(&format!("Avsättning;avsattning;{a0};{a1};{a2};{a3}\n"));
    }
    let mut centrala = String::from("post;typ;2026;2027;2028\n");
    for (i, (finans, a, b, c)) in p.centrala.iter().enumerate() {
        let typ = if *finans { "finans" } else { "verksamhet" };
        centrala.push_str(&format!("Post {i};{typ};{a};{b};{c}\n"));
    }
    let mut inv = String::from("id;nämnd;projekt;belopp;aktiveringsår;avskrivningstid\n");
    for (i, (belopp, ar, tid, n)) in p.investeringar.iter().enumerate() {
        inv.push_str(&format!("I{i};N{};Projekt;{belopp};{ar};{tid}\n", n % p.namnder.len()));
    }
    let (delta, lon, eff, bidrag) = p.scenario;
    let scenario = format!(
        "namn = \"Prov\"\n[skatteunderlag]\n2026 = {}\n2027 = {}\n[index.lon]\n2026 = {}\n[effektivisering_procent]\n2027 = {}\n\
         [statsbidrag_kr_per_invanare]\n2026 = {bidrag}\n",
        d1(delta),
        d1(-delta),
        d1(lon),
        d1(eff)
    );
    let filer = vec![
        ("modell.toml", toml),
        ("ramar.csv", ramar),
        ("skr.csv", skr.to_string()),
        ("skatter-och-bidrag.csv", sob),
        ("pension.csv", pension),
        ("centrala-poster.csv", centrala),
        ("kanda-forandringar.csv", kanda),
        ("vf.csv", vf),
        ("investeringar.csv", inv),
    ];
    (filer, scenario)
}

fn modell(p: &Param) -> (Modell, Scenario) {
    let (f, s) = filer(p);
    let texter: Vec<(&str, &str)> = f.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let m = match las_modell_fran_texter(&texter) {
        Ok(i) => i.modell,
        Err(e) => panic!("genererad modell är fel: {e}\n{f:?}"),
    };
    let s = ramverk::inlasning::scenario::las("prov.toml", &s, "prov", &m).expect("scenariot");
    (m, s)
}

/// Equal to well within 0.001 tkr: the sums are exact up to 28 significant digits.
fn nara(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() < Decimal::new(1, 12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn identiteterna_haller(p in param()) {
        let (m, s) = modell(&p);
        for scenario in [Scenario::bas(), s] {
            let b = Budget::berakna(&m, &scenario, Some(p.regel)).expect("budgeten");
            let f = &b.forslag;
            let mut ot_forra = b.balansbudget.as_ref().map(|bb| bb.ingaende.omsattningstillgangar);
            for t in m.ar() {
                let r = &b.resultatbudget[&t];
                // The resultatbudget adds up to §6's result.
                prop_assert!(nara(r.verksamhetens_intakter + r.verksamhetens_kostnader - r.avskrivningar, r.verksamhetens_nettokostnader));
                prop_assert!(nara(r.verksamhetens_resultat() + r.finansiella_intakter + r.finansiella_kostnader, f.resultat[&t]));
                prop_assert!(nara(r.skatteintakter + r.statsbidrag, f.grund.intakter[&t].summa));
                prop_assert!(r.finansiella_intakter >= Decimal::ZERO && r.finansiella_kostnader <= Decimal::ZERO);
                // The balansbudget balances, and its total is §9's.
                let bb = b.balansbudget.as_ref().expect("balansbudget");
                let a = &bb.ar[&t];
                prop_assert!(nara(a.anlaggningstillgangar + a.omsattningstillgangar, a.summa));
                prop_assert!(nara(a.eget_kapital + a.avsattningar + a.langfristiga_skulder + a.kortfristiga_skulder, a.summa));
                let sol = f.kommun.as_ref().expect("soliditet");
                prop_assert!(nara(sol.totala_tillgangar[&t], a.summa));
                prop_assert!(nara(sol.eget_kapital[&t], a.eget_kapital));
                // The cash flow is the change of omsättningstillgångar.
                let k = &b.kassaflode.as_ref().expect("kassaflöde")[&t];
                prop_assert!(nara(k.lopande_verksamhet + k.investeringsverksamhet + k.finansieringsverksamhet, k.arets_kassaflode));
                prop_assert!(nara(k.arets_kassaflode, a.omsattningstillgangar - ot_forra.unwrap()));
                ot_forra = Some(a.omsattningstillgangar);
            }
            // Each nämnd's bridge adds up to its frame, and agrees with forklara.
            let budgetar = m.budgetar();
            for (n, d) in b.driftbudget.iter().enumerate() {
                prop_assert_eq!(d.summa(), f.ramar[n][&budgetar], "brygga {}", n);
                prop_assert_eq!(d.ram, f.ramar[n][&budgetar]);
                // Each term is its own source of §12 (not only a step that makes the sum right).
                let termer = &f.befintlig.namnder[n].termer[&budgetar];
                let av = |typ: Termtyp| termer.iter().filter(|x| x.typ == typ).map(|x| x.belopp).sum::<Decimal>();
                prop_assert!(nara(d.basram, m.namnder[n].ram));
                prop_assert!(nara(d.kompensation, av(Termtyp::Index) - m.namnder[n].ram), "kompensation {}", n);
                prop_assert!(nara(d.demografi, av(Termtyp::Demografi)), "demografi {}", n);
                prop_assert!(nara(d.kanda, av(Termtyp::Kand)), "kända {}", n);
                prop_assert!(nara(d.kapital, av(Termtyp::Kapital)), "kapital {}", n);
                prop_assert!(nara(d.effektivisering, av(Termtyp::Effektivisering)), "effektivisering {}", n);
                prop_assert!(nara(d.tillskott, f.valda(VfTyp::Tillskott, n, budgetar)), "tillskott {}", n);
                prop_assert!(nara(d.minskningar, f.valda(VfTyp::Minskning, n, budgetar)), "minskningar {}", n);
                prop_assert!(nara(forklara::forklara(f, n, budgetar).ram, d.ram));
            }
            // Every lever equals a full recomputation with the lever in a scenario, the selection held.
            for k in &b.kanslighet {
                let s2 = k.spak.scenario(&m, &scenario);
                let mut d = Diagnos::default();
                let g = Grund::berakna_med(&m, &s2, &mut d);
                let bef = befintlig::berakna(&g, &mut d);
                let om = Forslag::med_urval(g, bef, f.urval.clone(), &mut d);
                prop_assert!(d.ok(), "{:?}: {:?}", k.spak, d.fel);
                prop_assert!(nara(om.grund.intakter[&budgetar].summa - f.grund.intakter[&budgetar].summa, k.intakter));
                prop_assert!(nara(om.resultat[&budgetar] - f.resultat[&budgetar], k.resultat), "{:?}: {} mot {}", k.spak, om.resultat[&budgetar] - f.resultat[&budgetar], k.resultat);
                prop_assert!(nara(k.intakter + k.kostnader, k.resultat));
            }
            prop_assert_eq!(b.kanslighet.iter().map(|k| k.spak).collect::<Vec<_>>(), Spak::ALLA.to_vec());
        }
    }
}

//! The SIE reader and the pure core of MODELL §13 on the Hedemora fixture
//! (`fixtures/sie/`, `fixtures/hedemora-2026/ansvar.csv`), against the
//! figures `fixtures/sie/skapa.py` computes on its own (printed when it runs).
//! The tables come from the model's readers (`ansvar.csv`, `budget.csv`,
//! `budgetandringar.csv`); the nämnders' own forecasts are left out, as the
//! generator computes without them. `tests/uppfolj.rs` does the same through
//! the binary's JSON.

use ramverk::berakning::forslag::Forslag;
use ramverk::berakning::uppfoljning::{self, Indata, Kommunposter, Uppfoljningsrapport};
use ramverk::fel::Diagnos;
use ramverk::inlasning::las_modell;
use ramverk::inlasning::sie::las_filer;
use ramverk::modell::uppfoljning::{
    Ansvarsplan, Bokforing, Kodning, Period, Prognosmetod, Uppfoljningsinstallningar, Utfallskalla,
};
use ramverk::modell::{Modell, Scenario};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

mod common;

use common::{fixtur, hedemora_sie as sie_filer};

struct Hedemora {
    modell: Modell,
    bok: Bokforing,
    ansvar: Ansvarsplan,
}

fn hedemora() -> Hedemora {
    let modell = las_modell(&fixtur("hedemora-2026")).unwrap().modell;
    let mut d = Diagnos::default();
    let bok = las_filer(&sie_filer(), 1, &mut d);
    assert!(d.ok(), "{:?}", d.fel);
    let ansvar = Ansvarsplan::bygg(&modell.uppfoljning.ansvar, &mut d);
    assert!(d.ok());
    Hedemora { modell, bok, ansvar }
}

fn rapport(h: &Hedemora, manad: u32, metod: Prognosmetod) -> Uppfoljningsrapport {
    let scenario = Scenario::bas();
    let f = Forslag::berakna(&h.modell, &scenario, None).unwrap();
    let b = h.modell.budgetar();
    // budget.csv is the proposal's rounded frames of the budget year.
    let budget = h.modell.uppfoljning.budget.clone().unwrap();
    let ramar: Vec<Decimal> = f.ramar_avrundade.iter().map(|r| r[&b]).collect();
    assert_eq!(budget, ramar);
    let r = &f.grund.ramutrymme[&b];
    let andringar = &h.modell.uppfoljning.budgetandringar;
    assert_eq!(andringar.len(), 2);
    uppfoljning::berakna(&Indata {
        period: Period { ar: b, manad },
        metod,
        installningar: &Uppfoljningsinstallningar::default(),
        namnder: &h.modell.namnder,
        ansvar: &h.ansvar,
        budget: &budget,
        budgetandringar: andringar,
        prognoser: &[],
        vf: &h.modell.vf,
        vald: &f.urval.vald,
        bokforing: &h.bok,
        kommun: Kommunposter {
            skatter_och_bidrag: r.skatter_och_bidrag,
            pension: r.pension,
            centrala_poster: r.centrala_poster,
            resultatmal_procent: r.resultatmal_procent,
        },
    })
}

fn en_decimal(v: Decimal) -> Decimal {
    ramverk::tal::avrunda(v, 1)
}

#[test]
fn sie_filerna_lases() {
    let h = hedemora();
    let f = &h.bok.filer;
    assert_eq!(
        f.iter().map(|f| f.kodning).collect::<Vec<_>>(),
        [Kodning::Cp437, Kodning::Utf8, Kodning::Cp437, Kodning::Cp437]
    );
    assert_eq!(f[0].utfall.get(&2024), Some(&Utfallskalla::Psaldo));
    assert_eq!(f[1].utfall.get(&2025), Some(&Utfallskalla::Psaldo));
    assert_eq!(f[2].utfall.get(&2026), Some(&Utfallskalla::Trans));
    assert_eq!(f[2].budget, vec![2026]);
    assert_eq!(h.bok.objektnamn["7210"], "Överförmyndaren");
    assert_eq!(h.bok.objektnamn["3210"], "Grundskola F-6");
    assert_eq!(h.bok.kontonamn["45110"], "Bidrag till föreningar och enskilda");
}

/// A nämnd's ack and sasong forecast (None: linjar fallback).
type Forvantat = (&'static str, Decimal, Option<Decimal>);

#[test]
fn utfall_och_prognoser_som_generatorn_raknar() {
    let h = hedemora();
    // (nämnd, ack, sasong) per period as skapa.py prints them, tkr to one decimal.
    let vantat: [(u32, [Forvantat; 6]); 3] = [
        (
            3,
            [
                ("KS", dec!(37301.6), Some(dec!(154357.0))),
                ("BIN", dec!(125935.0), Some(dec!(505713.2))),
                ("ON", dec!(109770.9), Some(dec!(448106.1))),
                ("MSN", dec!(13463.2), Some(dec!(57468.2))),
                ("REV", dec!(396.1), Some(dec!(1679.0))),
                ("OFN", dec!(625.9), None),
            ],
        ),
        (
            8,
            [
                ("KS", dec!(97487.6), Some(dec!(154744.4))),
                ("BIN", dec!(325365.9), Some(dec!(504693.4))),
                ("ON", dec!(286433.4), Some(dec!(446556.4))),
                ("MSN", dec!(36259.2), Some(dec!(57780.1))),
                ("REV", dec!(1037.2), Some(dec!(1680.6))),
                ("OFN", dec!(1632.5), None),
            ],
        ),
        (
            10,
            [
                ("KS", dec!(124357.5), Some(dec!(154785.7))),
                ("BIN", dec!(411455.4), Some(dec!(505005.1))),
                ("ON", dec!(362858.8), Some(dec!(446520.9))),
                ("MSN", dec!(46267.5), Some(dec!(57772.2))),
                ("REV", dec!(1337.4), Some(dec!(1684.3))),
                ("OFN", dec!(2077.2), None),
            ],
        ),
    ];
    for (m, rader) in vantat {
        let r = rapport(&h, m, Prognosmetod::Sasong);
        for (i, (id, ack, sasong)) in rader.into_iter().enumerate() {
            let n = &r.namnder[i];
            assert_eq!(h.modell.namnder[n.namnd].id, id);
            assert_eq!(en_decimal(n.utfall_ack), ack, "{id} ack {m}");
            match sasong {
                Some(s) => {
                    assert_eq!(n.metod, Prognosmetod::Sasong, "{id} {m}");
                    assert_eq!(en_decimal(n.prognos), s, "{id} prognos {m}");
                }
                None => {
                    assert_eq!(n.metod, Prognosmetod::Linjar, "{id} {m}");
                    assert_eq!(n.prognos, n.utfall_ack * dec!(12) / Decimal::from(m));
                }
            }
        }
        assert_eq!(r.varningar.len(), 1);
        assert!(
            r.varningar[0].starts_with("Överförmyndaren (OFN): säsongsprognos går inte att beräkna"),
            "{:?}",
            r.varningar
        );
    }
}

#[test]
fn atgardsplaner_i_fixturen() {
    let h = hedemora();
    let id = |r: &Uppfoljningsrapport, i: usize| -> Vec<String> {
        r.namnder[i].atgardsplan.poster.iter().map(|a| h.modell.vf[a.vf].id.clone()).collect()
    };
    let (ks, bin, on, ofn) = (0, 1, 2, 5);
    // March: BIN covered by BIN-8 with overshoot; ON takes its whole list and stays uncovered; OFN has no list.
    let r = rapport(&h, 3, Prognosmetod::Sasong);
    assert!(!r.namnder[ks].atgardsplan.behovs);
    assert_eq!(id(&r, bin), ["BIN-8"]);
    assert_eq!(r.namnder[bin].atgardsplan.summa, dec!(-4875));
    assert_eq!(r.namnder[bin].atgardsplan.otackt, dec!(0));
    assert_eq!(id(&r, on), ["ON-6", "ON-7", "ON-8"]);
    assert_eq!(r.namnder[on].atgardsplan.summa, dec!(-5400));
    assert_eq!(en_decimal(r.namnder[on].atgardsplan.otackt), dec!(-1969.1));
    assert!(r.namnder[ofn].atgardsplan.behovs && r.namnder[ofn].atgardsplan.poster.is_empty());
    // August: after the KF decisions; only ON needs a plan, worth a third of the year.
    let r = rapport(&h, 8, Prognosmetod::Sasong);
    assert_eq!(r.namnder[on].budget_justerad, dec!(442237));
    assert_eq!(r.namnder[bin].budget_justerad, dec!(504578));
    assert_eq!(r.namnder[on].atgardsplan.summa, dec!(-2400));
    assert_eq!(en_decimal(r.namnder[on].atgardsplan.otackt), dec!(-1919.4));
    assert_eq!(r.namnder.iter().filter(|n| n.atgardsplan.behovs).count(), 1);
    assert_eq!(r.rapport, "Delårsrapport");
}

#[test]
fn inget_utfall_forsvinner_i_fixturen() {
    let h = hedemora();
    for m in 1..=10 {
        let r = rapport(&h, m, Prognosmetod::Linjar);
        let sie = ramverk::inlasning::sie::summa(&h.bok.utfall, |k| {
            k.ar == 2026 && k.manad <= m && (3000..=7999).contains(&k.konto[..4].parse::<u32>().unwrap())
        });
        assert_eq!(r.summa.utfall_ack + r.ej_fordelat_utfall, sie, "månad {m}");
        // Pensions on 9000, the EU project on 9100 and bank fees without object.
        let objekt: Vec<Option<&str>> = r.ej_fordelat.iter().map(|e| e.objekt.as_deref()).collect();
        assert_eq!(objekt, [Some("9000"), Some("9100"), None], "månad {m}");
    }
    // Skatteintäkter January–August: 8/12 of kommunalskatt 870 339 tkr.
    let r = rapport(&h, 8, Prognosmetod::Sasong);
    let skatt = r.finansiering.ack(uppfoljning::utfall::Finansgrupp::Skatteintakter);
    assert_eq!(ramverk::tal::avrunda(skatt, 0), dec!(580226));
}

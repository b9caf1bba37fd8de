//! Criterion benches of the commands' work: reading the Hedemora model and
//! computing `ram`, `befintlig` (also on a large generated model), the optimal
//! selection on generated models of 40 nämnder × 50 items with amounts ×1,
//! ×10 and ×100 and of 160 nämnder × 50 items, `jamfor` with 20 scenarios,
//! and `simulera` per rule (draws per second).

use criterion::{Criterion, criterion_group, criterion_main};
use ramverk::berakning::forslag::Forslag;
use ramverk::berakning::{Grund, befintlig, procentuell_ram};
use ramverk::fel::Diagnos;
use ramverk::inlasning::las_modell;
use ramverk::modell::{Fordelning, Scenario};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::hint::black_box;
use std::path::Path;

#[path = "stod/stor_modell.rs"]
mod stor_modell;

#[path = "stod/optimal_modell.rs"]
#[allow(dead_code)]
mod optimal_modell;

fn hedemora() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/hedemora-2026"))
}

fn ram(c: &mut Criterion) {
    c.bench_function("ram: läs Hedemora och räkna", |b| {
        b.iter(|| {
            let m = las_modell(hedemora()).unwrap().modell;
            let s = Scenario::bas();
            let g = Grund::berakna(&m, &s).unwrap();
            black_box(procentuell_ram::berakna(&g, &mut Diagnos::default()));
        })
    });
}

fn befintlig(c: &mut Criterion) {
    let m = las_modell(hedemora()).unwrap().modell;
    let s = Scenario::bas();
    c.bench_function("befintlig: Hedemora", |b| {
        b.iter(|| {
            let g = Grund::berakna(&m, &s).unwrap();
            black_box(befintlig::berakna(&g, &mut Diagnos::default()));
        })
    });
    let stor =
        stor_modell::modell(&stor_modell::Storlek { namnder: 40, grupper: 30, investeringar: 500, ar: 10, vf: 4 });
    c.bench_function("befintlig: 40 nämnder, 30 åldersgrupper, 500 investeringar, 10 år", |b| {
        b.iter(|| {
            let g = Grund::berakna(&stor, &s).unwrap();
            black_box(befintlig::berakna(&g, &mut Diagnos::default()));
        })
    });
}

fn optimal(c: &mut Criterion) {
    let s = Scenario::bas();
    let mut grupp = c.benchmark_group("optimal");
    grupp.sample_size(10);
    // As ../shared/peers/gen_model.py: cuts for a gap of 2 % of the cost, värde 1–5.
    for (namn, storlek) in [
        ("40 nämnder × 50 minskningar, belopp ×1", optimal_modell::Storlek::minskningar(40, 50, 1)),
        ("40 nämnder × 50 minskningar, belopp ×10", optimal_modell::Storlek::minskningar(40, 50, 10)),
        ("40 nämnder × 50 minskningar, belopp ×100", optimal_modell::Storlek::minskningar(40, 50, 100)),
        ("160 nämnder × 50 minskningar, belopp ×1", optimal_modell::Storlek::minskningar(160, 50, 1)),
        (
            "40 nämnder × 50 tillskott, belopp ×10",
            optimal_modell::Storlek { tillskott: true, ..optimal_modell::Storlek::minskningar(40, 50, 10) },
        ),
    ] {
        let m = optimal_modell::modell(&storlek);
        let g = Grund::berakna(&m, &s).unwrap();
        let b = befintlig::berakna(&g, &mut Diagnos::default());
        let kb: Vec<Decimal> = b.namnder.iter().map(|n| n.kostnad[&m.budgetar()]).collect();
        let u = g.ramutrymme(m.budgetar());
        grupp.bench_function(namn, |bench| {
            bench.iter(|| {
                black_box(ramverk::berakning::vf::valj(&m, Fordelning::Optimal, &kb, u, &mut Diagnos::default()))
            })
        });
    }
    // The old bench's model: tillskott and minskningar mixed, gaps of ±5 %.
    let stor = stor_modell::modell(&stor_modell::Storlek { namnder: 40, grupper: 5, investeringar: 10, ar: 3, vf: 50 });
    let g = Grund::berakna(&stor, &s).unwrap();
    let b = befintlig::berakna(&g, &mut Diagnos::default());
    let kb: Vec<Decimal> = b.namnder.iter().map(|n| n.kostnad[&stor.budgetar()]).collect();
    let summa: Decimal = kb.iter().copied().sum();
    for (namn, u) in [
        ("40 × 50 blandad, glapp −5 %", summa * Decimal::new(95, 2)),
        ("40 × 50 blandad, glapp +5 %", summa * Decimal::new(105, 2)),
    ] {
        grupp.bench_function(namn, |bench| {
            bench.iter(|| {
                black_box(ramverk::berakning::vf::valj(&stor, Fordelning::Optimal, &kb, u, &mut Diagnos::default()))
            })
        });
    }
    grupp.finish();
}

fn jamfor(c: &mut Criterion) {
    let m = las_modell(hedemora()).unwrap().modell;
    let scenarier: Vec<Scenario> = (0..20)
        .map(|i| Scenario {
            namn: format!("S{i}"),
            skatteunderlag: [(2026, Decimal::new(i - 10, 1))].into(),
            fordelning: Some(Fordelning::ALLA[i as usize % 3]),
            ..Scenario::bas()
        })
        .collect();
    c.bench_function("jamfor: Hedemora, 20 scenarier", |b| {
        b.iter(|| {
            let f: Vec<_> = scenarier.par_iter().map(|s| Forslag::berakna(&m, s, None).unwrap()).collect();
            black_box(ramverk::utdata::jamfor::json(&f));
        })
    });
}

fn simulera(c: &mut Criterion) {
    let m = las_modell(hedemora()).unwrap().modell;
    let o = ramverk::inlasning::osakerhet::las_fil(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/osakerhet.toml")),
        &m,
    )
    .unwrap();
    let spridning = ramverk::berakning::simulering::Spridning::fran(&o, m.basar);
    let n = 1_000_000;
    let mut grupp = c.benchmark_group("simulera: Hedemora, 1 000 000 dragningar");
    grupp.sample_size(10);
    grupp.throughput(criterion::Throughput::Elements(n));
    for regel in Fordelning::ALLA {
        let s = ramverk::berakning::simulering::basscenario(Some(regel));
        let bas = Forslag::berakna(&m, &s, None).unwrap();
        grupp.bench_function(regel.namn(), |b| {
            b.iter(|| black_box(ramverk::berakning::simulering::kor(&bas, spridning, n, 2026, &|_| {}).unwrap()))
        });
    }
    grupp.finish();
    // The optimal rule's draws on a large model: 40 nämnder × 50 cuts.
    let stor = optimal_modell::modell(&optimal_modell::Storlek::minskningar(40, 50, 1));
    let spridning = ramverk::berakning::simulering::Spridning { invanare: 400.0, skatteunderlag: 1.0, lon: 0.4 };
    let mut grupp = c.benchmark_group("simulera: 40 nämnder × 50 minskningar, 1 000 000 dragningar");
    grupp.sample_size(10);
    grupp.throughput(criterion::Throughput::Elements(n));
    for regel in [Fordelning::Proportionell, Fordelning::Optimal] {
        let s = ramverk::berakning::simulering::basscenario(Some(regel));
        let bas = Forslag::berakna(&stor, &s, None).unwrap();
        grupp.bench_function(regel.namn(), |b| {
            b.iter(|| black_box(ramverk::berakning::simulering::kor(&bas, spridning, n, 2026, &|_| {}).unwrap()))
        });
    }
    grupp.finish();
}

criterion_group!(benches, ram, befintlig, optimal, jamfor, simulera);
criterion_main!(benches);

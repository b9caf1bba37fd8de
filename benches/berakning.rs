//! Criterion benches of the commands' work: reading the Hedemora model and
//! computing `ram`, `befintlig` (also on a large generated model), the optimal
//! selection on 40 nämnder × 50 items, and `jamfor` with 20 scenarios.

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

#[path = "stor_modell.rs"]
mod stor_modell;

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
    let stor = stor_modell::modell(&stor_modell::Storlek { namnder: 40, grupper: 5, investeringar: 10, ar: 3, vf: 50 });
    let s = Scenario::bas();
    let g = Grund::berakna(&stor, &s).unwrap();
    let b = befintlig::berakna(&g, &mut Diagnos::default());
    let kb: Vec<Decimal> = b.namnder.iter().map(|n| n.kostnad[&stor.budgetar()]).collect();
    // Gaps of ±5 % of the cost: cuts and additions over a wide capacity.
    let summa: Decimal = kb.iter().copied().sum();
    let mut grupp = c.benchmark_group("optimal: 40 nämnder × 50 poster");
    grupp.sample_size(10);
    for (namn, u) in [
        ("minskningar, glapp −5 %", summa * Decimal::new(95, 2)),
        ("tillskott, glapp +5 %", summa * Decimal::new(105, 2)),
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
    let mut grupp = c.benchmark_group("simulera: Hedemora, 1 000 000 dragningar");
    grupp.sample_size(10);
    grupp.throughput(criterion::Throughput::Elements(1_000_000));
    for regel in Fordelning::ALLA {
        let s = ramverk::berakning::simulering::basscenario(Some(regel));
        let bas = Forslag::berakna(&m, &s, None).unwrap();
        grupp.bench_function(regel.namn(), |b| {
            b.iter(|| black_box(ramverk::berakning::simulering::simulera(&bas, spridning, 1_000_000, 2026, &|_| {})))
        });
    }
    grupp.finish();
}

criterion_group!(benches, ram, befintlig, optimal, jamfor, simulera);
criterion_main!(benches);

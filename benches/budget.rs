//! Criterion benches of `ramverk budget` (MODELL §12): the document on
//! Hedemora and on a large generated model (its känslighetsanalys recomputes
//! revenue and cost six times), and the workbook on Hedemora.

use criterion::{Criterion, criterion_group, criterion_main};
use ramverk::berakning::budget::Budget;
use ramverk::inlasning::las_modell;
use ramverk::modell::Scenario;
use ramverk::utdata::enhet::Enhet;
use std::hint::black_box;
use std::path::Path;

#[path = "stod/stor_modell.rs"]
mod stor_modell;

fn hedemora() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/hedemora-2026"))
}

fn budget(c: &mut Criterion) {
    let m = las_modell(hedemora()).unwrap().modell;
    let s = Scenario::bas();
    c.bench_function("budget: Hedemora", |b| {
        b.iter(|| black_box(Budget::berakna(&m, &s, None).unwrap().resultatbudget))
    });
    let stor =
        stor_modell::modell(&stor_modell::Storlek { namnder: 40, grupper: 30, investeringar: 500, ar: 10, vf: 4 });
    c.bench_function("budget: 40 nämnder, 30 åldersgrupper, 500 investeringar, 10 år", |b| {
        b.iter(|| black_box(Budget::berakna(&stor, &s, None).unwrap().resultatbudget))
    });
    let doc = Budget::berakna(&m, &s, None).unwrap();
    c.bench_function("budget: Hedemoras arbetsbok", |b| {
        b.iter(|| black_box(ramverk::utdata::arbetsbok::budget::arbetsbok(&doc, Enhet::Tkr).unwrap().bytes().unwrap()))
    });
}

criterion_group!(benches, budget);
criterion_main!(benches);

//! Criterion bench of the SIE reader: a generated type 4 file of 200 000 and
//! 2 000 000 `#TRANS` lines (a year of a 100 000-inhabitant kommun) written to
//! a temporary folder and read. Memory is measured separately with
//! `/usr/bin/time -v target/release/examples/sie_matning las FIL` (see README).

use criterion::{Criterion, criterion_group, criterion_main};
use ramverk::fel::Diagnos;
use ramverk::inlasning::sie::las_filer;
use std::hint::black_box;
use std::io::BufWriter;
use std::time::Duration;

#[path = "stod/stor_sie.rs"]
mod stor_sie;

fn sie(c: &mut Criterion) {
    let mapp = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("sie");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    for antal in [200_000u64, 2_000_000] {
        let fil = mapp.path().join(format!("ar-{antal}.se"));
        let mut ut = BufWriter::new(std::fs::File::create(&fil).unwrap());
        stor_sie::skriv(&mut ut, antal).unwrap();
        drop(ut);
        g.bench_function(format!("läs {antal} #TRANS"), |b| {
            b.iter(|| {
                let mut d = Diagnos::default();
                let bok = las_filer(std::slice::from_ref(&fil), 1, &mut d);
                assert!(d.ok());
                black_box(bok.utfall.len())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, sie);
criterion_main!(benches);

//! Measures the SIE reader outside criterion, for time and peak memory:
//!
//! ```text
//! cargo build --release --example sie_matning
//! target/release/examples/sie_matning skapa 2000000 /tmp/ar.se
//! /usr/bin/time -v target/release/examples/sie_matning las /tmp/ar.se
//! ```

use ramverk::fel::Diagnos;
use ramverk::inlasning::sie::las_filer;
use std::io::BufWriter;
use std::time::Instant;

#[path = "../benches/stod/stor_sie.rs"]
mod stor_sie;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("skapa") if args.len() == 4 => {
            let antal: u64 = args[2].parse().expect("antal #TRANS-rader");
            let mut ut = BufWriter::new(std::fs::File::create(&args[3]).expect("kan inte skapa filen"));
            stor_sie::skriv(&mut ut, antal).expect("kan inte skriva filen");
        }
        Some("las") if args.len() >= 3 => {
            let start = Instant::now();
            let mut d = Diagnos::default();
            let bok = las_filer(&args[2..], 1, &mut d);
            let tid = start.elapsed();
            let trans: u64 = bok.filer.iter().map(|f| f.antal_trans).sum();
            println!(
                "{trans} #TRANS, {} nycklar i utfallet, {} fel, {:.2} s",
                bok.utfall.len(),
                d.fel.len(),
                tid.as_secs_f64()
            );
            for f in d.fel.iter().take(5) {
                println!("fel: {f}");
            }
        }
        _ => eprintln!("användning: sie_matning skapa ANTAL FIL | sie_matning las FIL..."),
    }
}

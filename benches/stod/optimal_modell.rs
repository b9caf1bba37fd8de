//! A generated model for the optimal rule's scaling, as `../shared/peers/gen_model.py`
//! builds it: `namnder` nämnder × `poster` VF items of one typ, amounts
//! log-uniform in 100–20 000 tkr times `skala` (whole multiples of it, or at
//! full resolution with `fin`), värde 1–5, frames 100 000–900 000 tkr times
//! `skala`, and revenue such that glapp(B) = ∓`glapp_andel`·ΣKB(B).

use std::fmt::Write;

#[derive(Debug, Clone, Copy)]
pub struct Storlek {
    pub namnder: usize,
    pub poster: usize,
    pub skala: i64,
    pub tillskott: bool,
    pub glapp_andel: f64,
    pub fin: bool,
    pub seed: u64,
}

impl Storlek {
    /// Cuts for a gap of 2 % of the cost, amounts whole multiples of the scale.
    pub fn minskningar(namnder: usize, poster: usize, skala: i64) -> Self {
        Storlek { namnder, poster, skala, tillskott: false, glapp_andel: 0.02, fin: false, seed: 1 }
    }
}

/// SplitMix64: a small deterministic generator.
struct Slump(u64);

impl Slump {
    fn nasta(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn enhet(&mut self) -> f64 {
        (self.nasta() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn heltal(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.nasta() % (hi - lo + 1) as u64) as i64
    }
}

/// The model's files as (name, text).
pub fn filer(s: &Storlek) -> Vec<(&'static str, String)> {
    let mut r = Slump(s.seed);
    let pkv = 2.9;
    let ram: Vec<i64> = (0..s.namnder).map(|_| r.heltal(100_000, 900_000) * s.skala).collect();
    let kb: f64 = ram.iter().map(|&x| x as f64 * (1.0 + pkv / 100.0)).sum();
    let g = if s.tillskott { 1.0 } else { -1.0 } * s.glapp_andel * kb;
    // U = S·(1 − m/100) with m = 2, no pension or central items.
    let skatt = (kb + g) / 0.98;
    let p = 100_000;
    let toml = format!(
        "[kommun]\nnamn = \"Testkommun {}x{} x{}\"\n[period]\nbasar = 2025\nantal_ar = 1\n[skatt]\nskattesats = 21.0\n\
         [mal]\nresultat_procent = 2.0\n[fordelning]\nregel = \"optimal\"\n[befolkning]\ninvanare_1_november = {{ 2025 = {p} }}\n",
        s.namnder, s.poster, s.skala
    );
    let mut ramar = String::from("Nämnd;Namn;Ram\n");
    for (i, x) in ram.iter().enumerate() {
        writeln!(ramar, "N{i};Nämnd {i};{x}").unwrap();
    }
    let skr = "Serie;2025;2026\nskatteunderlag;3,4;3,5\npkv;2,6;2,9\nlon;3,4;3,3\novrigt;1,7;1,9\npo;40,15;40,45\nhyra;2,8;2,2\navgifter;2,5;2,3\n";
    let sob = format!("Post;Typ;2026\nKommunalskatt;skatt;{skatt:.3}\nInvånare 1 november;invanare;{p}\n");
    let (typ, tecken) = if s.tillskott { ("tillskott", 1) } else { ("minskning", -1) };
    let mut vf = String::from("Nämnd;Id;Rubrik;Typ;Prioritet;Budget 2026;Värde\n");
    let (lo, hi) = (100f64.ln(), 20_000f64.ln());
    for i in 0..s.namnder {
        for k in 0..s.poster {
            let b = if s.fin {
                let skala = (s.skala as f64).ln();
                (lo + skala + r.enhet() * (hi - lo)).exp().round() as i64
            } else {
                (lo + r.enhet() * (hi - lo)).exp().round() as i64 * s.skala
            };
            writeln!(vf, "N{i};N{i}-{};Post {};{typ};{};{};{}", k + 1, k + 1, k + 1, tecken * b, r.heltal(1, 5))
                .unwrap();
        }
    }
    vec![
        ("modell.toml", toml),
        ("ramar.csv", ramar),
        ("skr.csv", skr.to_string()),
        ("skatter-och-bidrag.csv", sob),
        ("vf.csv", vf),
    ]
}

pub fn modell(s: &Storlek) -> ramverk::modell::Modell {
    let f = filer(s);
    let texter: Vec<(&str, &str)> = f.iter().map(|(n, t)| (*n, t.as_str())).collect();
    ramverk::inlasning::las_modell_fran_texter(&texter).unwrap_or_else(|e| panic!("{e}")).modell
}

/// Writes the model folder.
pub fn skriv(s: &Storlek, mapp: &std::path::Path) {
    std::fs::create_dir_all(mapp).unwrap();
    for (namn, text) in filer(s) {
        std::fs::write(mapp.join(namn), text).unwrap();
    }
}

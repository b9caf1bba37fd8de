//! A generated large model for benchmarks: `n` nämnder, `grupper` age groups,
//! `investeringar` investments, `ar` plan years and `vf` items per nämnd.

use std::fmt::Write;

pub struct Storlek {
    pub namnder: usize,
    pub grupper: usize,
    pub investeringar: usize,
    pub ar: usize,
    pub vf: usize,
}

/// The model's files as (name, text).
pub fn filer(s: &Storlek) -> Vec<(&'static str, String)> {
    let t0 = 2025;
    let sista = t0 + s.ar;
    let ar: Vec<usize> = (t0 + 1..=sista).collect();
    let rubrik = |fran: usize| (fran..=sista).map(|a| a.to_string()).collect::<Vec<_>>().join(";");
    let toml = format!(
        "[kommun]\nnamn = \"Storstad\"\n[period]\nbasar = {t0}\nantal_ar = {}\n[skatt]\nskattesats = 21.5\n[mal]\nresultat_procent = 2\n\
         [investeringar]\nlaneranta = 3\n[balans]\neget_kapital = 5000000\ntotala_tillgangar = 20000000\nansvarsforbindelse_pension = 3000000\n",
        s.ar
    );
    let mut ramar = String::from("nämnd;namn;ram;personal;lokaler;övrigt;intäkter\n");
    for n in 0..s.namnder {
        let ram = 200_000 + 10_000 * n as i64;
        let (p, l, i) = (ram * 6 / 10, ram / 10, ram / 20);
        writeln!(ramar, "N{n};Nämnd {n};{ram};{p};{l};{};{i}", ram - p - l + i).unwrap();
    }
    let mut skr = format!("serie;{}\n", rubrik(t0));
    for (serie, v) in [
        ("skatteunderlag", "4"),
        ("pkv", "3"),
        ("lon", "3,5"),
        ("po", "40"),
        ("hyra", "2"),
        ("ovrigt", "2"),
        ("avgifter", "1"),
        ("internranta", "3"),
    ] {
        writeln!(skr, "{serie};{}", vec![v; s.ar + 1].join(";")).unwrap();
    }
    let belopp_total: i64 = (0..s.namnder).map(|n| 200_000 + 10_000 * n as i64).sum();
    let mut sob = format!("post;typ;{}\n", rubrik(t0 + 1));
    let mut ett = |post: &str, typ: &str, bas: i64| {
        let v: Vec<String> = ar.iter().enumerate().map(|(k, _)| (bas + bas * k as i64 * 4 / 100).to_string()).collect();
        writeln!(sob, "{post};{typ};{}", v.join(";")).unwrap();
    };
    ett("Kommunalskatt", "skatt", belopp_total * 80 / 100);
    ett("Inkomstutjämning", "inkomstutjamning", belopp_total * 20 / 100);
    ett("Kostnadsutjämning", "per_invanare", belopp_total * 3 / 100);
    ett("Fastighetsavgift", "fast", belopp_total * 4 / 100);
    writeln!(sob, "Invånare 1 november;invanare;{}", vec!["400000"; s.ar].join(";")).unwrap();
    let mut bef = format!("åldersgrupp;{}\n", rubrik(t0 - 2));
    for g in 0..s.grupper {
        let v: Vec<String> = (0..s.ar + 3).map(|k| (400_000 / s.grupper + k * g).to_string()).collect();
        writeln!(bef, "G{g};{}", v.join(";")).unwrap();
    }
    let mut dem = String::from("nämnd;åldersgrupp;kostnad per invånare\n");
    for n in 0..s.namnder.min(10) {
        for g in 0..s.grupper {
            writeln!(dem, "N{n};G{g};{},{}", 10 + g, n).unwrap();
        }
    }
    let mut inv = String::from("id;nämnd;projekt;belopp;aktiveringsår;avskrivningstid\n");
    for i in 0..s.investeringar {
        writeln!(
            inv,
            "I{i};N{};Projekt {i};{};{};{}",
            i % s.namnder,
            1_000 + 37 * i,
            t0 - 1 + i % (s.ar + 1),
            5 + i % 40
        )
        .unwrap();
    }
    let mut vf = format!("nämnd;id;rubrik;typ;prioritet;{};kommunprioritet;värde\n", rubrik(t0 + 1));
    for n in 0..s.namnder {
        for k in 0..s.vf {
            let tillskott = k % 2 == 0;
            let b = (300 + (n * 131 + k * 977) % 4_000) as i64 * if tillskott { 1 } else { -1 };
            let typ = if tillskott { "tillskott" } else { "minskning" };
            writeln!(
                vf,
                "N{n};N{n}-{k};Post {k};{typ};{};{};{};{}",
                k / 2 + 1,
                vec![b.to_string(); s.ar].join(";"),
                k / 3 + 1,
                1 + (n + k) % 5
            )
            .unwrap();
        }
    }
    let mut kanda = format!("nämnd;beskrivning;{}\n", rubrik(t0 + 1));
    for n in 0..s.namnder {
        writeln!(kanda, "N{n};Beslut;{}", vec!["1000"; s.ar].join(";")).unwrap();
    }
    vec![
        ("modell.toml", toml),
        ("ramar.csv", ramar),
        ("skr.csv", skr),
        ("skatter-och-bidrag.csv", sob),
        ("befolkning.csv", bef),
        ("demografi.csv", dem),
        ("investeringar.csv", inv),
        ("vf.csv", vf),
        ("kanda-forandringar.csv", kanda),
    ]
}

pub fn modell(s: &Storlek) -> ramverk::modell::Modell {
    let f = filer(s);
    let texter: Vec<(&str, &str)> = f.iter().map(|(n, t)| (*n, t.as_str())).collect();
    ramverk::inlasning::las_modell_fran_texter(&texter).unwrap_or_else(|e| panic!("{e}")).modell
}

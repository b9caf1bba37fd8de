//! Fuzzing every reader (issue 10): mutated and random inputs for CSV tables,
//! workbooks (xlsx, xls, ods), `modell.toml`, scenario and uncertainty files
//! and the SKR import mapping. No input may panic, hang or allocate without
//! bound; a model that reads is also computed (§1–§6, §10).
//!
//! CI runs a few dozen cases per reader (bounded time); a longer run is
//!
//! ```sh
//! RAMVERK_FUZZ_FALL=20000 cargo test --release --test fuzz -- --test-threads=2
//! ```
//!
//! Seeds are the fixtures; mutations flip bits, cut, repeat and insert the
//! tokens readers care about (`−`, `%`, `1e400`, `;`, quotes, BOMs, years…);
//! a zip's parts are mutated inside the zip and packed again.

mod common;

use common::{MINI_TABELLER, fixtur, mini_text, mini_texter};
use proptest::prelude::*;
use proptest::test_runner::Config;
use ramverk::berakning::forslag::Forslag;
use ramverk::inlasning::{las_modell_fran_texter, osakerhet, scenario};
use ramverk::modell::{Fordelning, Modell, Scenario};
use std::io::{Cursor, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The fuzz binary's allocator: counts the bytes in use, and when one input
/// would take more than [`MAX_MINNE`] it prints where (a backtrace) and stops
/// — an unbounded allocation is a finding, not a machine brought down.
struct Raknande;

const MAX_MINNE: usize = 3 << 30;
static I_BRUK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

thread_local! {
    static RAPPORTERAR: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

unsafe impl std::alloc::GlobalAlloc for Raknande {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use std::sync::atomic::Ordering::Relaxed;
        let fore = I_BRUK.fetch_add(layout.size(), Relaxed);
        if fore + layout.size() > MAX_MINNE && !RAPPORTERAR.with(|r| r.replace(true)) {
            eprintln!(
                "fuzz: {} byte begärs med {} i bruk:\n{}",
                layout.size(),
                fore,
                std::backtrace::Backtrace::force_capture()
            );
            std::process::abort();
        }
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        I_BRUK.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOKATOR: Raknande = Raknande;

/// A watchdog: a case running for more than [`MAX_TID`] is a loop; the
/// process stops with what the case was (a hang is a finding too).
struct Vakt(std::thread::ThreadId);

const MAX_TID: std::time::Duration = std::time::Duration::from_secs(120);
type Pagaende = std::collections::HashMap<std::thread::ThreadId, (std::time::Instant, String)>;
static PAGAENDE: std::sync::Mutex<Option<Pagaende>> = std::sync::Mutex::new(None);

impl Vakt {
    fn ny(vad: String) -> Vakt {
        static START: std::sync::Once = std::sync::Once::new();
        START.call_once(|| {
            std::thread::spawn(|| {
                loop {
                    std::thread::sleep(std::time::Duration::from_secs(2));
                    if let Ok(p) = PAGAENDE.lock()
                        && let Some((_, (_, vad))) = p.iter().flatten().find(|(_, (t, _))| t.elapsed() > MAX_TID)
                    {
                        eprintln!("fuzz: ett fall har kört i över {} s: {vad}", MAX_TID.as_secs());
                        std::process::abort();
                    }
                }
            });
        });
        let id = std::thread::current().id();
        if let Ok(mut p) = PAGAENDE.lock() {
            p.get_or_insert_default().insert(id, (std::time::Instant::now(), vad));
        }
        Vakt(id)
    }
}

impl Drop for Vakt {
    fn drop(&mut self) {
        if let Ok(mut p) = PAGAENDE.lock()
            && let Some(p) = p.as_mut()
        {
            p.remove(&self.0);
        }
    }
}

fn fall() -> u32 {
    std::env::var("RAMVERK_FUZZ_FALL").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
}

fn config() -> Config {
    Config { cases: fall(), failure_persistence: None, max_shrink_iters: 2000, ..Config::default() }
}

const TECKEN: &[&str] = &[
    "−",
    "-",
    "--",
    "%",
    " %",
    "1e400",
    "1e-400",
    "NaN",
    "inf",
    ";",
    ",",
    "\t",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\u{feff}",
    "\u{a0}",
    " ",
    "2026",
    "2025",
    "20261",
    "99999999999999999999999999999",
    "0,5",
    "1 234",
    "10 5",
    "=1+1",
    "#",
    "[",
    "]",
    "{",
    "}",
    "=",
    ".",
    "ä",
    "Å",
    "\u{0}",
    "\\",
    "'",
    "sep=;",
    "\u{2212}",
    "0x10",
    "_",
    "-0",
    "1.5e3",
    "999999999999.999999999",
    "typ",
    "nämnd",
    "kostnad",
    "tillskott",
    "minskning",
    "invanare",
    "[index.po]",
    "[filer]",
];

#[derive(Debug, Clone)]
enum Andring {
    Vand(usize, u8),
    Infoga(usize, usize),
    TaBort(usize, usize),
    Upprepa(usize, usize, usize),
    Kapa(usize),
    Byte(usize, u8),
}

fn andring() -> impl Strategy<Value = Andring> {
    prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(p, b)| Andring::Vand(p, b)),
        (any::<usize>(), 0..TECKEN.len()).prop_map(|(p, t)| Andring::Infoga(p, t)),
        (any::<usize>(), 1usize..40).prop_map(|(p, n)| Andring::TaBort(p, n)),
        (any::<usize>(), 1usize..60, 1usize..6).prop_map(|(p, n, k)| Andring::Upprepa(p, n, k)),
        any::<usize>().prop_map(Andring::Kapa),
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Andring::Byte(p, b)),
    ]
}

fn andringar() -> impl Strategy<Value = Vec<Andring>> {
    proptest::collection::vec(andring(), 1..8)
}

/// `fro` with the changes applied (positions taken modulo the length).
fn mutera(fro: &[u8], andringar: &[Andring]) -> Vec<u8> {
    let mut b = fro.to_vec();
    for a in andringar {
        let n = b.len().max(1);
        match *a {
            Andring::Vand(p, bit) if !b.is_empty() => b[p % n] ^= 1 << bit,
            Andring::Infoga(p, t) => {
                let p = p % (b.len() + 1);
                b.splice(p..p, TECKEN[t].bytes());
            }
            Andring::TaBort(p, k) if !b.is_empty() => {
                let p = p % n;
                b.drain(p..(p + k).min(b.len()));
            }
            Andring::Upprepa(p, k, ganger) if !b.is_empty() => {
                let p = p % n;
                let bit = b[p..(p + k).min(b.len())].to_vec();
                for _ in 0..ganger {
                    b.splice(p..p, bit.iter().copied());
                }
            }
            Andring::Kapa(p) => b.truncate(p % (b.len() + 1)),
            Andring::Byte(p, x) if !b.is_empty() => b[p % n] = x,
            _ => {}
        }
    }
    b
}

fn text(b: &[u8]) -> String {
    ramverk::inlasning::csv::avkoda(b)
}

/// Reads the minikommun with `andrad` replaced and, when it reads, computes it
/// with the rules that do not grow with the amounts. A panic is a finding,
/// except rust_decimal's overflow (which `main` reports as an input error).
fn las_och_berakna(andrad: &[(&str, String)], scenario_text: Option<&str>) -> Result<(), String> {
    let texter = mini_texter(andrad);
    let par: Vec<(&str, &str)> = texter.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let utfall = catch_unwind(AssertUnwindSafe(|| {
        let Ok(inlast) = las_modell_fran_texter(&par) else { return };
        let m: &Modell = &inlast.modell;
        let s = match scenario_text {
            Some(t) => match scenario::las("s.toml", t, "s", m) {
                Ok(s) => s,
                Err(_) => return,
            },
            None => Scenario::bas(),
        };
        for regel in [Fordelning::Proportionell, Fordelning::Gemensam] {
            if let Ok(f) = Forslag::berakna(m, &s, Some(regel)) {
                let _ = ramverk::utdata::json::text(&ramverk::utdata::forslag::json(&f));
            }
        }
    }));
    match utfall {
        Ok(()) => Ok(()),
        Err(p) => {
            let text = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
            match text {
                Some(t) if t.ends_with(" overflowed") => Ok(()),
                t => Err(format!("panik: {t:?}")),
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// CSV tables: one table of the minikommun mutated.
    #[test]
    fn csv_tabell(fil in 0..MINI_TABELLER.len(), a in andringar()) {
        let _v = Vakt::ny(format!("csv_tabell {} {a:?}", MINI_TABELLER[fil]));
        let t = text(&mutera(mini_text(MINI_TABELLER[fil]).as_bytes(), &a));
        prop_assert_eq!(las_och_berakna(&[(MINI_TABELLER[fil], t)], None), Ok(()));
    }

    /// CSV tables from scratch: any text of the tokens readers care about.
    #[test]
    fn csv_fritt(fil in 0..MINI_TABELLER.len(), delar in proptest::collection::vec(0..TECKEN.len(), 0..80)) {
        let _v = Vakt::ny(format!("csv_fritt {} {delar:?}", MINI_TABELLER[fil]));
        let t: String = delar.iter().map(|i| TECKEN[*i]).collect();
        prop_assert_eq!(las_och_berakna(&[(MINI_TABELLER[fil], t)], None), Ok(()));
    }

    /// `modell.toml` mutated.
    #[test]
    fn modell_toml(a in andringar()) {
        let _v = Vakt::ny(format!("modell_toml {a:?}"));
        let t = text(&mutera(mini_text("modell.toml").as_bytes(), &a));
        prop_assert_eq!(las_och_berakna(&[("modell.toml", t)], None), Ok(()));
    }

    /// Scenario files: a mutated example or random keys and values, then computed.
    #[test]
    fn scenariofil(fro in 0usize..3, a in andringar()) {
        let _v = Vakt::ny(format!("scenariofil {fro} {a:?}"));
        let exempel = ["svag.toml", "stark.toml", "effektivisering.toml"][fro];
        let t = std::fs::read_to_string(common::scenario(exempel)).unwrap();
        let t = text(&mutera(t.as_bytes(), &a)).replace("2027", "2026").replace("2028", "2027");
        prop_assert_eq!(las_och_berakna(&[], Some(&t)), Ok(()));
    }

    #[test]
    fn scenario_spakar(
        nyckel in prop_oneof![Just("skatteunderlag"), Just("invanare"), Just("statsbidrag_kr_per_invanare"),
            Just("intakter_tkr"), Just("index.po"), Just("index.lon"), Just("effektivisering_procent")],
        ar in 2024i32..2029,
        varde in prop_oneof![any::<f64>().prop_map(|f| f.to_string()), (-200i64..200).prop_map(|i| i.to_string()),
            Just("1e28".to_string()), Just("-100".to_string()), Just("\"−1 000,5\"".to_string())],
        skatt in prop_oneof![Just(String::new()), any::<f64>().prop_map(|f| format!("[skattesats]\nforandring = {f}\n"))],
        mal in prop_oneof![Just(String::new()), (-100i64..100).prop_map(|f| format!("resultat_procent = {f}\n"))],
    ) {
        let t = format!("{mal}{skatt}[{nyckel}]\n{ar} = {varde}\n");
        let _v = Vakt::ny(format!("scenario_spakar {t:?}"));
        prop_assert_eq!(las_och_berakna(&[], Some(&t)), Ok(()));
    }

    /// The uncertainty file.
    #[test]
    fn osakerhetsfil(a in andringar()) {
        let _v = Vakt::ny(format!("osakerhetsfil {a:?}"));
        let t = std::fs::read_to_string(common::scenario("osakerhet.toml")).unwrap();
        let t = text(&mutera(t.as_bytes(), &a));
        let mut m = Modell { basar: 2025, antal_ar: 3, ..Default::default() };
        m.invanare_1_november.insert(2025, rust_decimal::Decimal::from(15000));
        let utfall = catch_unwind(AssertUnwindSafe(|| { let _ = osakerhet::las("o.toml", &t, &m); }));
        prop_assert!(utfall.is_ok());
    }

    /// The SKR import mapping, then used on a workbook.
    #[test]
    fn mappningsfil(a in andringar()) {
        let _v = Vakt::ny(format!("mappningsfil {a:?}"));
        let t = std::fs::read_to_string(fixtur("skr").join("mappning.toml")).unwrap();
        let t = text(&mutera(t.as_bytes(), &a));
        let utfall = catch_unwind(AssertUnwindSafe(|| {
            if let Ok(m) = ramverk::importera::mappning::las_fil("m.toml", &t)
                && let Ok(bok) = ramverk::importera::arbetsbok::las(&fixtur("skr").join("egna-index.xlsx"))
            {
                let _ = ramverk::importera::importera(&[bok], &m);
            }
        }));
        prop_assert!(utfall.is_ok());
    }

    /// Workbooks: the bytes mutated, or one part of the zip mutated and packed again;
    /// read as a model table and by `importera`.
    #[test]
    fn arbetsbok(fro in 0usize..7, inuti in any::<bool>(), del in any::<usize>(), a in andringar()) {
        let _v = Vakt::ny(format!("arbetsbok {fro} {inuti} {del} {a:?}"));
        let (mapp, fil) = [("mini-kalkylblad", "indata.xlsx"), ("mini-kalkylblad", "indata.ods"), ("mini-kalkylblad", "indata.xls"),
            ("skr", "cirkular-24-67.xlsx"), ("skr", "pkv-2024-12.ods"), ("skr", "skatter-och-bidrag-hedemora.xls"),
            ("skr", "skatter-och-bidrag-hedemora.xlsx")][fro];
        let hel = std::fs::read(fixtur(mapp).join(fil)).unwrap();
        let bytes = if inuti && hel.starts_with(b"PK") { mutera_zip(&hel, del, &a) } else { mutera(&hel, &a) };
        let d = tempfile::tempdir().unwrap();
        let sokvag = d.path().join(fil);
        std::fs::write(&sokvag, &bytes).unwrap();
        let utfall = catch_unwind(AssertUnwindSafe(|| {
            if let Ok(mut bok) = ramverk::inlasning::kalkylblad::oppna(fil, bytes.clone()) {
                for n in bok.bladnamn() {
                    let _ = bok.rutnat(&n);
                }
            }
            if let Ok(bok) = ramverk::importera::arbetsbok::las(&sokvag) {
                let _ = ramverk::importera::importera(&[bok], &ramverk::importera::mappning::Mappning::inbyggd());
            }
        }));
        prop_assert!(utfall.is_ok());
        if fro < 3 {
            let toml = mini_text("modell.toml") + &format!("\n[filer]\nramar = \"{fil}#Ramar\"\nskr = \"{fil}#SKR\"\n");
            let texter = [("modell.toml", toml)];
            // The model reader takes files as text: read the workbook through a folder instead.
            std::fs::write(d.path().join("modell.toml"), &texter[0].1).unwrap();
            for f in MINI_TABELLER {
                std::fs::write(d.path().join(f), mini_text(f)).unwrap();
            }
            let utfall = catch_unwind(AssertUnwindSafe(|| { let _ = ramverk::inlasning::las_modell(d.path()); }));
            prop_assert!(utfall.is_ok());
        }
    }
}

/// The zip with part `del` (modulo the number of parts) mutated, packed again.
fn mutera_zip(hel: &[u8], del: usize, a: &[Andring]) -> Vec<u8> {
    let Ok(mut las) = zip::ZipArchive::new(Cursor::new(hel)) else { return hel.to_vec() };
    let val = del % las.len().max(1);
    let mut ut = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..las.len() {
        let Ok(mut f) = las.by_index(i) else { continue };
        let namn = f.name().map(|n| n.to_string()).unwrap_or_default();
        let mut innehall = Vec::new();
        if f.read_to_end(&mut innehall).is_err() {
            continue;
        }
        if i == val {
            innehall = mutera(&innehall, a);
        }
        let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        if ut.start_file(namn, o).is_err() || ut.write_all(&innehall).is_err() {
            return hel.to_vec();
        }
    }
    ut.finish().map(|c| c.into_inner()).unwrap_or_else(|_| hel.to_vec())
}

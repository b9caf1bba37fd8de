//! SIE files (FORMAT, "SIE files"): the accounting outcome and monthly budget
//! that `uppfolj --utfall` reads from the ekonomisystem's export.
//!
//! Each file streams through [`fil::Fillasare`] (line by line, sums per year,
//! month, account and ansvar object, so memory does not grow with the file);
//! then the files are combined into one [`Bokforing`] in tkr, where the same
//! account and month of a year from two files is an error naming both.
//!
//! Why not the `sie4` crate (0.1.1): it reads `#VER`/`#TRANS`, `#KONTO`,
//! `#RAR` and a few header labels but not `#PSALDO`, `#PBUDGET`, `#DIM` or
//! `#OBJEKT`; an unknown label (`#KSUMMA`, `#SRU`, …) or a record out of its
//! group order stops it with a bare "parse error" without line number; it
//! always decodes code page 437 (a UTF-8 file's å ä ö become garbage); it
//! stops a `#VER` block's transactions at the first `#RTRANS`/`#BTRANS`; and
//! it builds owned strings and vectors per record. A small parser on a proper
//! tokenizer ([`falt`]) does exactly what FORMAT says with Swedish errors.

mod falt;
mod fil;
mod kodning;

pub use kodning::avkoda;

use crate::fel::{Diagnos, Fel};
use crate::modell::Ar;
use crate::modell::uppfoljning::{Bokforing, Bokforingsnyckel};
use fil::{Fildata, Fillasare};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;

/// Reads SIE files named by path (each named in messages as given), with
/// `ansvarsdimension` the dimension whose objects are the ansvar. Problems go
/// to `d`; the result holds what could be read.
pub fn las_filer<P: AsRef<Path>>(sokvagar: &[P], ansvarsdimension: u32, d: &mut Diagnos) -> Bokforing {
    let mut filer = Vec::new();
    for p in sokvagar {
        let namn = p.as_ref().display().to_string();
        // A regular file of any size: the reader streams it.
        match super::fil::oppna(p.as_ref()) {
            Ok((f, _)) => {
                let r = std::io::BufReader::with_capacity(1 << 16, f);
                filer.push(Fillasare::ny(&namn, ansvarsdimension).las(r, d));
            }
            Err(e) => d.fel(Fel::new(namn, e.text())),
        }
    }
    kombinera(filer, d)
}

/// The outcome for `modell`: its SIE files, read with the model's
/// ansvarsdimension, and the table the follow-up cannot do without (`ansvar`,
/// which takes the outcome to the nämnder). Used by `uppfolj` and by
/// `kontrollera --utfall`, so that a model `kontrollera` passes also runs.
pub fn las_utfall<P: AsRef<Path>>(modell: &crate::modell::Modell, sokvagar: &[P], d: &mut Diagnos) -> Bokforing {
    if !modell.kallor.iter().any(|(k, _)| k == "ansvar") {
        d.fel(Fel::new(
            modell.kalla("ansvar"),
            "filen saknas: uppföljningen behöver tabellen ansvar (objekt i ansvarsdimensionen → nämnd) för att \
             fördela utfallet på nämnderna",
        ));
    }
    las_filer(sokvagar, modell.uppfoljning.installningar.ansvarsdimension, d)
}

/// Reads SIE files from readers, each with the name used in messages.
pub fn las_kallor<R: BufRead>(kallor: Vec<(String, R)>, ansvarsdimension: u32, d: &mut Diagnos) -> Bokforing {
    let filer = kallor.into_iter().map(|(namn, r)| Fillasare::ny(&namn, ansvarsdimension).las(r, d)).collect();
    kombinera(filer, d)
}

/// Reads SIE files given as bytes (for tests and tools).
pub fn las_bytes(filer: &[(&str, &[u8])], ansvarsdimension: u32, d: &mut Diagnos) -> Bokforing {
    las_kallor(filer.iter().map(|(n, b)| (n.to_string(), *b)).collect(), ansvarsdimension, d)
}

/// kronor → tkr, exact.
fn tkr(v: Decimal) -> Decimal {
    v / Decimal::ONE_THOUSAND
}

/// Year, month and account.
type Manadskonto<'a> = (Ar, u32, &'a str);

/// Combines the files: the same account and month of a year from two files is an error naming both.
fn kombinera(filer: Vec<Fildata>, d: &mut Diagnos) -> Bokforing {
    let mut b = Bokforing::default();
    for budget in [false, true] {
        let mut agare: HashMap<(Ar, u32, &str), usize> = HashMap::new();
        // (earlier file, later file) → (first clash, number of clashes).
        let mut krockar: BTreeMap<(usize, usize), (Manadskonto, usize)> = BTreeMap::new();
        for (i, f) in filer.iter().enumerate() {
            let karta = if budget { &f.budget } else { &f.utfall };
            for k in karta.keys() {
                let kk = (k.ar, k.manad, k.konto.as_str());
                match agare.get(&kk) {
                    Some(&j) if j != i => krockar.entry((j, i)).or_insert((kk, 0)).1 += 1,
                    Some(_) => {}
                    None => {
                        agare.insert(kk, i);
                    }
                }
            }
        }
        for ((j, i), ((ar, manad, konto), antal)) in krockar {
            let vad = if budget { "budget (#PBUDGET)" } else { "utfall" };
            let fler = if antal > 1 { format!(" (och {} konton och månader till)", antal - 1) } else { String::new() };
            d.fel(Fel::new(
                filer[i].fil.namn.clone(),
                format!(
                    "{vad} för konto {konto} {ar:04}-{manad:02} finns i både {} och {}{fler}: samma konto och månad får bara komma från en fil (exportera varje år en gång)",
                    filer[j].fil.namn, filer[i].fil.namn
                ),
            ));
        }
    }
    for f in filer {
        for (kalla, mal) in [(f.utfall, &mut b.utfall), (f.budget, &mut b.budget)] {
            for (k, v) in kalla {
                let post: &mut Decimal = mal.entry(k).or_default();
                *post += tkr(v);
            }
        }
        for (k, n) in f.kontonamn {
            b.kontonamn.entry(k).or_insert(n);
        }
        for (k, n) in f.objektnamn {
            b.objektnamn.entry(k).or_insert(n);
        }
        if b.dimensionsnamn.is_none() {
            b.dimensionsnamn = f.dimensionsnamn;
        }
        b.filer.push(f.fil);
    }
    b
}

/// The sum of the outcome over keys matching `filter` (for tests and reports).
pub fn summa(karta: &BTreeMap<Bokforingsnyckel, Decimal>, filter: impl Fn(&Bokforingsnyckel) -> bool) -> Decimal {
    karta.iter().filter(|(k, _)| filter(k)).map(|(_, v)| *v).sum()
}

#[cfg(test)]
mod tester;

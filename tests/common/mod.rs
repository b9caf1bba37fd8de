//! Helpers shared by the integration tests, in one module: running the
//! binary and finding the fixtures (here), exact decimals out of its JSON
//! ([`json`]), and reading, checking and recalculating workbooks
//! ([`arbetsbok`]).

#![allow(dead_code)]

pub mod arbetsbok;
pub mod json;

use std::path::{Path, PathBuf};

/// The `ramverk` binary as a command.
pub fn ramverk() -> assert_cmd::Command {
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_ramverk"))
}

/// A fixture folder by name (`hedemora-2026`, `mini`).
pub fn fixtur(namn: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(namn)
}

/// The minikommun, computed by hand in `tests/mini.rs`.
pub fn mini() -> PathBuf {
    fixtur("mini")
}

/// The Hedemora example model.
pub fn hedemora() -> PathBuf {
    fixtur("hedemora-2026")
}

/// The repository's `scenarios/` folder.
pub fn scenarier() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// A scenario file of `scenarios/` by name.
pub fn scenario(namn: &str) -> PathBuf {
    scenarier().join(namn)
}

/// Hedemora's SIE files in `fixtures/sie` (2024–2026, with the September–October supplement).
pub const HEDEMORA_SIE: [&str; 4] =
    ["hedemora-2024.se", "hedemora-2025.se", "hedemora-2026.se", "hedemora-2026-sep-okt.se"];

/// [`HEDEMORA_SIE`] as paths.
pub fn hedemora_sie() -> Vec<PathBuf> {
    HEDEMORA_SIE.iter().map(|f| fixtur("sie").join(f)).collect()
}

/// `ramverk uppfolj MODELL --utfall (HEDEMORA_SIE) --period P ARGS`, run in
/// `fixtures/sie` so the files are named as given (relative) in the output.
pub fn uppfolj_kommando(modell: &Path, period: &str, args: &[&str]) -> assert_cmd::Command {
    let mut k = ramverk();
    k.current_dir(fixtur("sie"))
        .arg("uppfolj")
        .arg(modell)
        .arg("--utfall")
        .args(HEDEMORA_SIE)
        .args(["--period", period])
        .args(args);
    k
}

/// The minikommun's tables, for tests that read a model from texts.
pub const MINI_TABELLER: &[&str] = &[
    "ramar.csv",
    "skr.csv",
    "skatter-och-bidrag.csv",
    "befolkning.csv",
    "demografi.csv",
    "pension.csv",
    "centrala-poster.csv",
    "kanda-forandringar.csv",
    "vf.csv",
    "investeringar.csv",
];

/// One file of the minikommun as text; `modell.toml` without its SKR
/// prognoses (which live in other files).
pub fn mini_text(fil: &str) -> String {
    let t = std::fs::read_to_string(fixtur("mini").join(fil)).unwrap();
    if fil == "modell.toml" {
        t.split("# Två SKR-prognoser").next().unwrap().replace("anvand = \"december\"", "")
    } else {
        t
    }
}

/// `modell.toml` and the tables of the minikommun as (name, text), with the
/// files in `andrad` replaced.
pub fn mini_texter<T: AsRef<str>>(andrad: &[(&str, T)]) -> Vec<(String, String)> {
    std::iter::once("modell.toml")
        .chain(MINI_TABELLER.iter().copied())
        .map(|f| {
            let text = andrad.iter().find(|(n, _)| *n == f).map(|(_, t)| t.as_ref().to_string());
            (f.to_string(), text.unwrap_or_else(|| mini_text(f)))
        })
        .collect()
}

/// Copies a model folder (flat) to `till`.
pub fn kopiera_modell(fran: &Path, till: &Path) {
    std::fs::create_dir_all(till).unwrap();
    for e in std::fs::read_dir(fran).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), till.join(e.file_name())).unwrap();
        }
    }
}

/// A copy of a fixture in a temporary folder, to break on purpose.
pub fn kopia(namn: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in std::fs::read_dir(fixtur(namn)).expect("fixtur") {
        let f = f.expect("fil");
        std::fs::copy(f.path(), dir.path().join(f.file_name())).expect("kopiera");
    }
    dir
}

/// Replaces the first `fran` in the model file `fil` with `till` (to break a
/// model copy on purpose); `fran` must be there.
pub fn andra(dir: &Path, fil: &str, fran: &str, till: &str) {
    let sokvag = dir.join(fil);
    let text = std::fs::read_to_string(&sokvag).unwrap();
    assert!(text.contains(fran), "{fil} innehåller inte {fran:?}");
    std::fs::write(&sokvag, text.replacen(fran, till, 1)).unwrap();
}

/// Asserts that `text` holds every one of `delar`.
#[track_caller]
pub fn innehaller(text: &str, delar: &[&str]) {
    for d in delar {
        assert!(text.contains(d), "{d:?} saknas i:\n{text}");
    }
}

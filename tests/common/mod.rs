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

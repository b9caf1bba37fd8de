//! Tells the tests whether LibreOffice is here: with `soffice` on the PATH
//! (or `RAMVERK_KRAV_LIBREOFFICE` set, as CI does) the workbook
//! recalculation tests run; without it they are reported as ignored, never
//! as passed.

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(libreoffice)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=RAMVERK_KRAV_LIBREOFFICE");
    println!("cargo::rerun-if-env-changed=RAMVERK_SOFFICE");
    println!("cargo::rerun-if-env-changed=PATH");
    let mappar: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    let krav = std::env::var_os("RAMVERK_KRAV_LIBREOFFICE").is_some_and(|v| v == "1");
    let hittad = std::env::var_os("RAMVERK_SOFFICE").is_some()
        || mappar.iter().any(|d| ["soffice", "libreoffice", "soffice.exe"].iter().any(|n| d.join(n).is_file()));
    if !hittad {
        // Installing LibreOffice later adds soffice to one of these folders: check again then.
        for d in mappar.iter().filter(|d| d.is_dir()) {
            println!("cargo::rerun-if-changed={}", d.display());
        }
    }
    if krav || hittad {
        println!("cargo::rustc-cfg=libreoffice");
    }
}

//! The edge: a workbook file (xlsx, xls, ods) into grids of cells through
//! calamine. The format is told by the file's content, not its name, so an
//! xls saved as `.xlsx` is read too. Percent number formats are known only for
//! xlsx and ods (percentage cells); not for xls.

use super::{Arbetsbok, Blad};
use crate::fel::Fel;
use crate::inlasning::kalkylblad;
use std::path::Path;

/// Reads every sheet of a workbook. Errors name the file as the user gave it.
pub fn las(sokvag: &Path) -> Result<Arbetsbok, Fel> {
    let fil = sokvag.display().to_string();
    let namn = sokvag.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| fil.clone());
    let bytes = crate::inlasning::fil::las(sokvag).map_err(|e| Fel::new(&fil, e.text()))?;
    let mut bok = kalkylblad::oppna(&namn, bytes).map_err(|m| Fel::new(&fil, m))?;
    let format_kant = bok.format_kant();
    let mut blad = Vec::new();
    for bladnamn in bok.bladnamn() {
        let rader = bok.rutnat(&bladnamn).map_err(|m| Fel { blad: Some(bladnamn.clone()), ..Fel::new(&fil, m) })?;
        blad.push(Blad { fil: namn.clone(), namn: bladnamn, rader, format_kant });
    }
    if blad.is_empty() {
        return Err(Fel::new(fil, "arbetsboken har inga blad"));
    }
    Ok(Arbetsbok { fil, blad })
}

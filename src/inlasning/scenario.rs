//! Scenario files (`scenarios/*.toml`): every key optional, unknown keys an
//! error, years checked against the model they are applied to.

use super::csv::avkoda;
use super::normalisera;
use super::toml_varden::Toml;
use crate::fel::{Diagnos, Fel, Felrapport};
use crate::modell::{Arsbelopp, Fordelning, Modell, Scenario};
use rust_decimal::Decimal;
use std::path::Path;

const NYCKLAR: &[&str] = &[
    "namn",
    "beskrivning",
    "fordelning",
    "resultat_procent",
    "skatteunderlag",
    "invanare",
    "skattesats",
    "statsbidrag_kr_per_invanare",
    "intakter_tkr",
    "index",
    "effektivisering_procent",
];

/// Reads a scenario file for `modell`.
pub fn las_fil(sokvag: &Path, modell: &Modell) -> Result<Scenario, Felrapport> {
    let fil = sokvag.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
    let bytes = super::fil::las(sokvag)
        .map_err(|e| Felrapport::en(Fel::new(sokvag.display().to_string(), format!("scenariofilen: {}", e.text()))))?;
    let standardnamn = sokvag.file_stem().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
    las(&fil, &avkoda(&bytes), &standardnamn, modell)
}

/// Reads a scenario from its text; `standardnamn` is used when it has no `namn`.
pub fn las(fil: &str, text: &str, standardnamn: &str, modell: &Modell) -> Result<Scenario, Felrapport> {
    let mut d = Diagnos::default();
    let (dok, rot) = Toml::las(fil, text).map_err(Felrapport::en)?;
    let rot = rot.get_ref();
    dok.okanda_nycklar(rot, "", NYCKLAR, &mut d);
    let mut s = Scenario { namn: standardnamn.to_string(), fil: Some(fil.to_string()), ..Default::default() };
    let forsta = modell.basar;
    let sista = modell.sista_ar();
    // Year keys must be years of the model: basår and the plan period.
    let ar_inom = |karta: Arsbelopp, nyckel: &str, span: std::ops::Range<usize>, d: &mut Diagnos| -> Arsbelopp {
        for ar in karta.keys() {
            if *ar < forsta || *ar > sista {
                d.fel(dok.fel(
                    span.clone(),
                    &format!("{nyckel}.{ar}"),
                    format!("år {ar} ligger utanför modellens år {forsta}–{sista}"),
                ));
            }
        }
        karta
    };
    for (k, v) in rot {
        let nyckel = k.get_ref().as_ref();
        match nyckel {
            "namn" => s.namn = dok.text(v, nyckel, &mut d).unwrap_or_default(),
            "beskrivning" => s.beskrivning = dok.text(v, nyckel, &mut d),
            "fordelning" => {
                s.fordelning = dok
                    .text(v, nyckel, &mut d)
                    .and_then(|t| Fordelning::tolka(&t).map_err(|m| d.fel(dok.fel(v.span(), nyckel, m))).ok())
            }
            "resultat_procent" => s.resultat_procent = dok.tal(v, nyckel, &mut d),
            "skatteunderlag" => s.skatteunderlag = ar_inom(dok.arskarta(v, nyckel, &mut d), nyckel, v.span(), &mut d),
            "invanare" => s.invanare = ar_inom(dok.arskarta(v, nyckel, &mut d), nyckel, v.span(), &mut d),
            "statsbidrag_kr_per_invanare" => {
                s.statsbidrag_kr_per_invanare = ar_inom(dok.arskarta(v, nyckel, &mut d), nyckel, v.span(), &mut d)
            }
            "intakter_tkr" => s.intakter_tkr = ar_inom(dok.arskarta(v, nyckel, &mut d), nyckel, v.span(), &mut d),
            "effektivisering_procent" => {
                s.effektivisering_procent = ar_inom(dok.arskarta(v, nyckel, &mut d), nyckel, v.span(), &mut d)
            }
            "skattesats" => {
                if let Some(t) = dok.tabell(v, nyckel, &mut d) {
                    dok.okanda_nycklar(t, nyckel, &["forandring"], &mut d);
                    if let Some(x) = t.get("forandring") {
                        let f = dok.tal(x, "skattesats.forandring", &mut d).unwrap_or_default();
                        if modell.skattesats + f <= Decimal::ZERO {
                            d.fel(dok.fel(x.span(), "skattesats.forandring", "skattesatsen blir noll eller negativ"));
                        }
                        s.skattesats_forandring = f;
                    }
                }
            }
            "index" => {
                if let Some(t) = dok.tabell(v, nyckel, &mut d) {
                    for (serie, varden) in t {
                        let namn = format!("index.{}", serie.get_ref());
                        let norm = normalisera(serie.get_ref());
                        if !modell.skr.contains_key(&norm) {
                            let finns: Vec<&str> = modell.skr.keys().map(String::as_str).collect();
                            d.fel(dok.fel(
                                serie.span(),
                                &namn,
                                format!("serien finns inte i skr (finns: {})", finns.join(", ")),
                            ));
                        }
                        let karta = ar_inom(dok.arskarta(varden, &namn, &mut d), &namn, varden.span(), &mut d);
                        s.index.insert(norm, karta);
                    }
                }
            }
            _ => {}
        }
    }
    for (ar, p) in &s.invanare {
        if let Some(&eget) = modell.invanare_1_november.get(ar)
            && eget + p < Decimal::ZERO
        {
            d.fel(Fel::new(fil, format!("invånare 1 november {ar} blir negativt")).kolumn(format!("invanare.{ar}")));
        }
    }
    d.resultat(s)
}

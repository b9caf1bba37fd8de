//! The uncertainty file for `simulera`: every key optional, unknown keys an
//! error, standard deviations not negative, years inside the model.

use super::csv::avkoda;
use super::toml_varden::Toml;
use crate::fel::{Diagnos, Fel, Felrapport};
use crate::modell::{Arsbelopp, Fordelning, Modell, Osakerhet};
use std::path::Path;

pub fn las_fil(sokvag: &Path, modell: &Modell) -> Result<Osakerhet, Felrapport> {
    let fil = sokvag.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
    let bytes = super::fil::las(sokvag).map_err(|e| {
        Felrapport::en(Fel::new(sokvag.display().to_string(), format!("osäkerhetsfilen: {}", e.text())))
    })?;
    las(&fil, &avkoda(&bytes), modell)
}

pub fn las(fil: &str, text: &str, modell: &Modell) -> Result<Osakerhet, Felrapport> {
    let mut d = Diagnos::default();
    let (dok, rot) = Toml::las(fil, text).map_err(Felrapport::en)?;
    let rot = rot.get_ref();
    dok.okanda_nycklar(rot, "", &["dragningar", "seed", "fordelning", "skatteunderlag", "lon", "invanare"], &mut d);
    let mut o = Osakerhet::default();
    let (forsta, sista) = (modell.basar, modell.sista_ar());
    let spridning = |nyckel: &str, d: &mut Diagnos| -> Arsbelopp {
        let Some(v) = rot.get(nyckel) else { return Arsbelopp::new() };
        let karta = dok.arskarta(v, nyckel, d);
        for (ar, sd) in &karta {
            if *ar < forsta || *ar > sista {
                d.fel(dok.fel(
                    v.span(),
                    &format!("{nyckel}.{ar}"),
                    format!("år {ar} ligger utanför modellens år {forsta}–{sista}"),
                ));
            }
            if sd.is_sign_negative() && !sd.is_zero() {
                d.fel(dok.fel(v.span(), &format!("{nyckel}.{ar}"), "en standardavvikelse kan inte vara negativ"));
            }
        }
        karta
    };
    o.skatteunderlag = spridning("skatteunderlag", &mut d);
    o.lon = spridning("lon", &mut d);
    o.invanare = spridning("invanare", &mut d);
    if let Some(v) = rot.get("dragningar") {
        o.dragningar = dok.heltal(v, "dragningar", 1, 1_000_000_000_000, &mut d).map(|x| x as u64);
    }
    if let Some(v) = rot.get("seed") {
        o.seed = dok.heltal(v, "seed", 0, i64::MAX, &mut d).map(|x| x as u64);
    }
    if let Some(v) = rot.get("fordelning") {
        o.fordelning = dok
            .text(v, "fordelning", &mut d)
            .and_then(|t| Fordelning::tolka(&t).map_err(|m| d.fel(dok.fel(v.span(), "fordelning", m))).ok());
    }
    d.resultat(o)
}

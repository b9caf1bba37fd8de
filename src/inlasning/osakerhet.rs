//! The uncertainty file for `simulera`: every key optional, unknown keys an
//! error, standard deviations not negative, years inside the model.

use super::csv::avkoda;
use super::toml_varden::{Intervall, Toml};
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

/// Plausible standard deviations (README, "Val där specifikationen är tyst").
pub mod granser {
    use super::Intervall;
    /// `[skatteunderlag]`, `[lon]`: percentage points of a year's growth.
    pub const PROCENTENHETER: Intervall = Intervall::ny(0, 20, "procentenheter");
    /// `[invanare]`: persons (also at most the population of that year, when known).
    pub const INVANARE: Intervall = Intervall::ny(0, 1_000_000, "invånare");
}

pub fn las(fil: &str, text: &str, modell: &Modell) -> Result<Osakerhet, Felrapport> {
    let mut d = Diagnos::default();
    let (dok, rot) = Toml::las(fil, text).map_err(Felrapport::en)?;
    let rot = rot.get_ref();
    dok.okanda_nycklar(rot, "", &["dragningar", "seed", "fordelning", "skatteunderlag", "lon", "invanare"], &mut d);
    let mut o = Osakerhet::default();
    let (forsta, sista) = (modell.basar, modell.sista_ar());
    let spridning = |nyckel: &str, inom: Intervall, d: &mut Diagnos| -> Arsbelopp {
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
            } else if !inom.rymmer(*sd) {
                d.fel(dok.fel(v.span(), &format!("{nyckel}.{ar}"), inom.fel(*sd)));
            }
        }
        karta
    };
    o.skatteunderlag = spridning("skatteunderlag", granser::PROCENTENHETER, &mut d);
    o.lon = spridning("lon", granser::PROCENTENHETER, &mut d);
    o.invanare = spridning("invanare", granser::INVANARE, &mut d);
    for (ar, sd) in &o.invanare {
        if let Some(&p) = modell.invanare_1_november.get(ar)
            && *sd > p
        {
            let span = rot.get("invanare").map(|v| v.span()).unwrap_or_default();
            let text = format!(
                "standardavvikelsen {} invånare är större än befolkningen {} år {ar}",
                crate::tal::svensk_tal(*sd),
                crate::tal::svensk_tal(p)
            );
            d.fel(dok.fel(span, &format!("invanare.{ar}"), text));
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn modell() -> Modell {
        let mut m = Modell { basar: 2025, antal_ar: 3, ..Default::default() };
        m.invanare_1_november.insert(2025, dec!(15000));
        m
    }

    /// Issue 10 item 10: standard deviations of 10¹² were accepted.
    #[test]
    fn standardavvikelser_inom_rimliga_granser() {
        let fel = |text: &str| las("o.toml", text, &modell()).unwrap_err().0.fel;
        let f = fel("[skatteunderlag]\n2026 = 1e12\n");
        assert_eq!(f[0].kolumn.as_deref(), Some("skatteunderlag.2026"));
        assert!(f[0].meddelande.contains("ligger utanför det rimliga intervallet 0 till 20 procentenheter"), "{f:?}");
        let f = fel("[lon]\n2026 = 25\n");
        assert_eq!(f[0].kolumn.as_deref(), Some("lon.2026"));
        let f = fel("[invanare]\n2025 = 20000\n");
        assert!(f[0].meddelande.contains("större än befolkningen 15000"), "{f:?}");
        assert_eq!((f[0].rad, f[0].kolumn.as_deref()), (Some(1), Some("invanare.2025")));
        let f = fel("[invanare]\n2026 = 2e6\n");
        assert!(f[0].meddelande.contains("intervallet 0 till 1000000 invånare"), "{f:?}");
        let o = las("o.toml", "[skatteunderlag]\n2026 = 20\n[invanare]\n2025 = 15000\n", &modell()).unwrap();
        assert_eq!(o.skatteunderlag[&2026], dec!(20));
    }
}

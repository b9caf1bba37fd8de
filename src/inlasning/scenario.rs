//! Scenario files (`scenarios/*.toml`): every key optional, unknown keys an
//! error, years checked against the model they are applied to.

use super::csv::avkoda;
use super::normalisera;
use super::toml_varden::{Intervall, Toml};
use crate::fel::{Diagnos, Fel, Felrapport};
use crate::modell::{Ar, Arsbelopp, Fordelning, Modell, Scenario};
use crate::tal::svensk_tal;
use rust_decimal::Decimal;
use std::path::Path;
use toml::de::DeValue;

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

/// Plausible ranges of the levers (README, "Val där specifikationen är tyst"):
/// far beyond any scenario a kommun would study, far below what breaks the arithmetic.
pub mod granser {
    use super::Intervall;
    /// `resultat_procent`: the result target, % of skatter och generella statsbidrag.
    pub const RESULTAT_PROCENT: Intervall = Intervall::ny(-50, 50, "procent");
    /// `[skatteunderlag]` and `[index.*]`: percentage points on a series.
    pub const PROCENTENHETER: Intervall = Intervall::ny(-50, 50, "procentenheter");
    /// `[invanare]`: persons on 1 November (also bounded by the population itself).
    pub const INVANARE: Intervall = Intervall::ny(-10_000_000, 10_000_000, "invånare");
    /// `skattesats.forandring`: kr per 100 kr.
    pub const SKATTESATS: Intervall = Intervall::ny(-10, 10, "kr per 100 kr");
    /// `[statsbidrag_kr_per_invanare]`: kr per invånare and year.
    pub const STATSBIDRAG: Intervall = Intervall::ny(-100_000, 100_000, "kr per invånare");
    /// `[intakter_tkr]`: tkr per year (1 000 miljarder kronor).
    pub const INTAKTER: Intervall = Intervall::ny(-1_000_000_000, 1_000_000_000, "tkr");
    /// `[effektivisering_procent]`: % of the indexed cost.
    pub const EFFEKTIVISERING: Intervall = Intervall::ny(0, 100, "procent");
}

/// Where the value of `tabell.ar` stands in the file (the start when not found).
fn arsspann(rot: &toml::de::DeTable<'_>, tabell: &str, ar: Ar) -> std::ops::Range<usize> {
    let Some(v) = rot.get(tabell) else { return 0..0 };
    match v.get_ref() {
        DeValue::Table(t) => t
            .iter()
            .find(|(k, _)| k.get_ref().trim().parse::<Ar>() == Ok(ar))
            .map(|(_, x)| x.span())
            .unwrap_or(v.span()),
        _ => v.span(),
    }
}

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
            "resultat_procent" => s.resultat_procent = dok.tal_inom(v, nyckel, granser::RESULTAT_PROCENT, &mut d),
            "skatteunderlag" => {
                let karta = dok.arskarta_inom(v, nyckel, granser::PROCENTENHETER, &mut d);
                s.skatteunderlag = ar_inom(karta, nyckel, v.span(), &mut d)
            }
            "invanare" => {
                s.invanare = ar_inom(dok.arskarta_inom(v, nyckel, granser::INVANARE, &mut d), nyckel, v.span(), &mut d)
            }
            "statsbidrag_kr_per_invanare" => {
                let karta = dok.arskarta_inom(v, nyckel, granser::STATSBIDRAG, &mut d);
                s.statsbidrag_kr_per_invanare = ar_inom(karta, nyckel, v.span(), &mut d)
            }
            "intakter_tkr" => {
                s.intakter_tkr =
                    ar_inom(dok.arskarta_inom(v, nyckel, granser::INTAKTER, &mut d), nyckel, v.span(), &mut d)
            }
            "effektivisering_procent" => {
                let karta = dok.arskarta_inom(v, nyckel, granser::EFFEKTIVISERING, &mut d);
                s.effektivisering_procent = ar_inom(karta, nyckel, v.span(), &mut d)
            }
            "skattesats" => {
                if let Some(t) = dok.tabell(v, nyckel, &mut d) {
                    dok.okanda_nycklar(t, nyckel, &["forandring"], &mut d);
                    if let Some(x) = t.get("forandring") {
                        let f =
                            dok.tal_inom(x, "skattesats.forandring", granser::SKATTESATS, &mut d).unwrap_or_default();
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
                        let karta = dok.arskarta_inom(varden, &namn, granser::PROCENTENHETER, &mut d);
                        let karta = ar_inom(karta, &namn, varden.span(), &mut d);
                        // The series plus the points must stay above −100 % (a factor 1 + x/100 > 0).
                        if let (Some(rad), DeValue::Table(t)) = (modell.skr.get(&norm), varden.get_ref()) {
                            for (k, x) in t {
                                if let Ok(ar) = k.get_ref().trim().parse::<Ar>()
                                    && let (Some(&delta), Some(bas)) = (karta.get(&ar), rad.get(ar))
                                    && bas + delta <= -Decimal::ONE_HUNDRED
                                {
                                    d.fel(dok.fel(
                                        x.span(),
                                        &format!("{namn}.{}", k.get_ref()),
                                        format!(
                                            "serien {norm} blir {} % år {ar} ({} {} procentenheter): \
                                             en förändring på −100 % eller lägre går inte att räkna med",
                                            svensk_tal(bas + delta),
                                            svensk_tal(bas),
                                            if delta.is_sign_negative() {
                                                format!("− {}", svensk_tal(-delta))
                                            } else {
                                                format!("+ {}", svensk_tal(delta))
                                            }
                                        ),
                                    ));
                                }
                            }
                        }
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
            let text = format!(
                "invånare 1 november {ar} blir negativt ({} {} = {})",
                svensk_tal(eget),
                svensk_tal(*p),
                svensk_tal(eget + p)
            );
            d.fel(dok.fel(arsspann(rot, "invanare", *ar), &format!("invanare.{ar}"), text));
        }
    }
    // The skatteunderlag's growth plus the points must stay above −100 %.
    if let Some(rad) = modell.skr.get("skatteunderlag") {
        for (ar, delta) in &s.skatteunderlag {
            if let Some(g) = rad.get(*ar)
                && g + delta <= -Decimal::ONE_HUNDRED
            {
                let text =
                    format!("skatteunderlagets utveckling {ar} blir −100 % eller lägre ({} %)", svensk_tal(g + delta));
                d.fel(dok.fel(arsspann(rot, "skatteunderlag", *ar), &format!("skatteunderlag.{ar}"), text));
            }
        }
    }
    d.resultat(s)
}

//! Plain Swedish for what the model files name by key: SKR's series, the
//! types of revenue, pension and central posts, the tables. What a reader of
//! a table or a workbook sees is the word, never the key (`internranta`,
//! `per_invanare`, `kanda_forandringar`).

use crate::modell::{Centraltyp, Intaktstyp, Pensionstyp};

/// The name of an SKR series (a key of `skr`); a series of the model's own
/// (for `[index]`) keeps the name it was given.
pub fn serie(nyckel: &str) -> String {
    match nyckel {
        "skatteunderlag" => "Skatteunderlagets utveckling",
        "pkv" => "Prisindex för kommunal verksamhet (PKV)",
        "lon" => "Timlöner",
        "ovrigt" => "Övrig förbrukning, priser",
        "po" => "PO-pålägg",
        "hyra" => "Hyror",
        "avgifter" => "Avgifter och taxor",
        "kpi" => "Konsumentprisindex (KPI)",
        "internranta" => "Internränta",
        annan => return annan.replace('_', " "),
    }
    .to_string()
}

/// How a revenue post follows population, skatteunderlag and tax rate.
pub fn intaktstyp(t: Intaktstyp) -> &'static str {
    match t {
        Intaktstyp::Skatt => "skatt",
        Intaktstyp::Inkomstutjamning => "inkomstutjämning",
        Intaktstyp::PerInvanare => "per invånare",
        Intaktstyp::Fast => "fast belopp",
    }
}

/// The type text of a revenue post as the core names it (`scenario` for a
/// scenario's own posts).
pub fn intaktstyp_text(typ: &str) -> &'static str {
    match Intaktstyp::tolka(typ) {
        Some(t) => intaktstyp(t),
        None => "scenario",
    }
}

/// What a row of the pension forecast is.
pub fn pensionstyp(t: Pensionstyp) -> &'static str {
    match t {
        Pensionstyp::Kostnad => "kostnad",
        Pensionstyp::Finansiell => "finansiell kostnad",
        Pensionstyp::IRamar => "ingår i ramarna",
        Pensionstyp::Ansvarsforbindelse => "ansvarsförbindelse",
        Pensionstyp::Avsattning => "avsättning",
    }
}

/// What a central post is.
pub fn centraltyp(t: Centraltyp) -> &'static str {
    match t {
        Centraltyp::Verksamhet => "verksamhet",
        Centraltyp::Finans => "finansiell",
    }
}

/// The type text of a central term as the core names it (`verksamhet`, `finans`).
pub fn centraltyp_text(typ: &str) -> &'static str {
    match Centraltyp::tolka(typ) {
        Some(t) => centraltyp(t),
        None => "",
    }
}

/// The name of a table of the model (a key of `[filer]`).
pub fn tabell(nyckel: &str) -> String {
    match nyckel {
        "ramar" => "Ramar",
        "skr" => "SKR:s prognos",
        "skatter_och_bidrag" => "Skatter och bidrag",
        "befolkning" => "Befolkning",
        "demografi" => "Demografi",
        "pension" => "Pensionsprognos",
        "centrala_poster" => "Centrala poster",
        "kanda_forandringar" => "Kända förändringar",
        "vf" => "VF-listor",
        "investeringar" => "Investeringar",
        "ansvar" => "Ansvar (objekt till nämnd)",
        "budget" => "Beslutad budget",
        "budgetandringar" => "Budgetändringar",
        "prognoser" => "Nämndernas prognoser",
        annan => return annan.replace('_', " "),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inga_nycklar_syns() {
        for n in ["skatteunderlag", "pkv", "lon", "ovrigt", "po", "hyra", "avgifter", "kpi", "internranta"] {
            assert!(!serie(n).contains('_') && serie(n) != n, "{n}");
        }
        assert_eq!(serie("egen_lon"), "egen lon");
        for (k, _, _) in crate::inlasning::TABELLER {
            assert!(!tabell(k).contains('_'), "{k}");
        }
        for t in Pensionstyp::ALLA {
            assert!(!pensionstyp(*t).contains('_'));
        }
        assert_eq!(intaktstyp_text("per_invanare"), "per invånare");
        assert_eq!(intaktstyp_text("scenario"), "scenario");
        assert_eq!(centraltyp_text("finans"), "finansiell");
    }
}

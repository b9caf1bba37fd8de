//! `[filer]`: where each table of the model is — a CSV file or a sheet of a
//! workbook (`indata.xlsx#Ramar`) — with the defaults of FORMAT.md.

use super::Dokument;
use super::skr::Prognosversion;
use crate::fel::Diagnos;
use std::collections::BTreeMap;

/// The tables of a model: key in `[filer]`, default source, required.
pub const TABELLER: &[(&str, &str, bool)] = &[
    ("ramar", "ramar.csv", true),
    ("skr", "skr.csv", true),
    ("skatter_och_bidrag", "skatter-och-bidrag.csv", true),
    ("befolkning", "befolkning.csv", false),
    ("demografi", "demografi.csv", false),
    ("pension", "pension.csv", false),
    ("centrala_poster", "centrala-poster.csv", false),
    ("kanda_forandringar", "kanda-forandringar.csv", false),
    ("vf", "vf.csv", false),
    ("investeringar", "investeringar.csv", false),
    ("ansvar", "ansvar.csv", false),
    ("budget", "budget.csv", false),
    ("budgetandringar", "budgetandringar.csv", false),
    ("prognoser", "prognoser.csv", false),
];

/// Where the tables are: `[filer]`, and the named SKR prognoses with their own tables.
#[derive(Debug, Clone)]
pub struct Filval {
    /// Table key → (source as written, named explicitly in `[filer]`).
    pub filer: BTreeMap<&'static str, (String, bool)>,
    /// `[skr.prognoser.*]`, in file order.
    pub prognoser: Vec<Prognosversion>,
}

pub fn las(s: &Dokument<'_, '_>, d: &mut Diagnos) -> BTreeMap<&'static str, (String, bool)> {
    let kanda: Vec<&str> = TABELLER.iter().map(|t| t.0).collect();
    let t = s.sektion("filer", &kanda, d);
    TABELLER
        .iter()
        .map(|(nyckel, standard, _)| {
            let namngiven = t.and_then(|t| t.get(*nyckel)).and_then(|v| s.dok.text(v, &format!("filer.{nyckel}"), d));
            let finns = namngiven.is_some();
            (*nyckel, (namngiven.unwrap_or_else(|| standard.to_string()), finns))
        })
        .collect()
}

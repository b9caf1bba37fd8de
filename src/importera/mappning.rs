//! Label patterns → canonical series and posts. A label is compared as a
//! *key*: footnote marks removed, case and diacritics folded, punctuation and
//! spaces alike (`Regleringsbidrag/-avgift` = `regleringsbidrag avgift`).
//! Patterns are exact on the key; only a pattern ending in `…` (or `...`,
//! `*`) is a prefix, as FORMAT.md's "Slutavräkning …". A trailing qualifier
//! (`, procentuell förändring`, `, mnkr`, `(nivå)`, a year) or a repeated
//! short name (`Konsumentprisindex (KPI)`) does not change a label's meaning;
//! words in front of it do ("Realt skatteunderlag" is no `skatteunderlag`).

use crate::fel::{Diagnos, Fel, Felrapport};
use crate::inlasning::normalisera;
use crate::inlasning::toml_varden::Toml;
use crate::modell::Intaktstyp;
use toml::de::DeValue;

/// The `typ` of an imported post of `skatter-och-bidrag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Posttyp {
    Intakt(Intaktstyp),
    /// The population row (`Invånare 1 november`), persons.
    Invanare,
}

impl Posttyp {
    pub fn namn(self) -> &'static str {
        match self {
            Posttyp::Intakt(t) => t.namn(),
            Posttyp::Invanare => "invanare",
        }
    }

    pub fn tolka(text: &str) -> Option<Self> {
        if normalisera(text) == "invanare" {
            Some(Posttyp::Invanare)
        } else {
            Intaktstyp::tolka(text).map(Posttyp::Intakt)
        }
    }
}

/// What a label stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mal {
    /// A canonical series of `skr` (percent).
    Serie(String),
    /// A post of `skatter-och-bidrag`, keeping its label.
    Post(Posttyp),
    /// A sum row: not imported, the posts above are checked against it.
    Summa,
    /// Known but not imported (a user's `ignorera`).
    Ignorera,
}

/// One label pattern.
#[derive(Debug, Clone)]
pub struct Monster {
    /// As written (in FORMAT.md or the user's file).
    pub text: String,
    nyckel: String,
    prefix: bool,
    pub mal: Mal,
}

impl Monster {
    /// `text` ending in `…`, `...` or `*` is a prefix pattern.
    pub fn ny(text: &str, mal: Mal) -> Self {
        let t = text.trim();
        let (kropp, prefix) =
            match t.strip_suffix('…').or_else(|| t.strip_suffix("...")).or_else(|| t.strip_suffix('*')) {
                Some(k) => (k, true),
                None => (t, false),
            };
        Monster { text: t.to_string(), nyckel: nyckel(kropp), prefix, mal }
    }

    fn passar(&self, nyckel: &str) -> bool {
        if self.prefix { nyckel.starts_with(&self.nyckel) } else { nyckel == self.nyckel }
    }
}

const fn p(t: Intaktstyp) -> Inbyggt {
    Inbyggt::Post(Posttyp::Intakt(t))
}

#[derive(Clone, Copy)]
enum Inbyggt {
    Serie(&'static str),
    Post(Posttyp),
    Summa,
}

use Intaktstyp::{Fast, Inkomstutjamning, PerInvanare, Skatt};

/// The built-in mapping: every label of FORMAT.md's list, and a few more of SKR's usual wordings.
const INBYGGDA: &[(&str, Inbyggt)] = &[
    ("Skatteunderlag", Inbyggt::Serie("skatteunderlag")),
    ("Skatteunderlagets utveckling", Inbyggt::Serie("skatteunderlag")),
    ("Skatteunderlagstillväxt", Inbyggt::Serie("skatteunderlag")),
    ("Skatteunderlag, procentuell förändring", Inbyggt::Serie("skatteunderlag")),
    ("Skatteunderlagsutveckling", Inbyggt::Serie("skatteunderlag")),
    ("Skatteunderlagets förändring", Inbyggt::Serie("skatteunderlag")),
    ("PKV", Inbyggt::Serie("pkv")),
    ("Prisindex för kommunal verksamhet", Inbyggt::Serie("pkv")),
    ("Kommunal verksamhet, sammanvägt prisindex", Inbyggt::Serie("pkv")),
    ("Prisindex kommunal verksamhet", Inbyggt::Serie("pkv")),
    ("Timlön", Inbyggt::Serie("lon")),
    ("Timlön kommunal sektor", Inbyggt::Serie("lon")),
    ("Timlöner", Inbyggt::Serie("lon")),
    ("Timlöner kommunal sektor", Inbyggt::Serie("lon")),
    ("Arbetskraftskostnad", Inbyggt::Serie("lon")),
    ("Arbetskraftskostnader", Inbyggt::Serie("lon")),
    ("Löner", Inbyggt::Serie("lon")),
    ("Övrig förbrukning", Inbyggt::Serie("ovrigt")),
    ("Prisförändring övrig förbrukning", Inbyggt::Serie("ovrigt")),
    ("PO-pålägg", Inbyggt::Serie("po")),
    ("PO", Inbyggt::Serie("po")),
    ("Personalomkostnadspålägg", Inbyggt::Serie("po")),
    ("KPI", Inbyggt::Serie("kpi")),
    ("Konsumentprisindex", Inbyggt::Serie("kpi")),
    ("Internränta", Inbyggt::Serie("internranta")),
    ("Internräntan", Inbyggt::Serie("internranta")),
    ("Kommunalskatt", p(Skatt)),
    ("Skatteintäkter", p(Skatt)),
    ("Skatteintäkter, prognos", p(Skatt)),
    ("Kommunal inkomstskatt", p(Skatt)),
    ("Slutavräkning …", p(PerInvanare)),
    ("Kostnadsutjämning", p(PerInvanare)),
    ("Kostnadsutjämningsbidrag", p(PerInvanare)),
    ("Kostnadsutjämningsavgift", p(PerInvanare)),
    ("Kostnadsutjämningsbidrag/avgift", p(PerInvanare)),
    ("Regleringsbidrag", p(PerInvanare)),
    ("Regleringsavgift", p(PerInvanare)),
    ("Regleringsbidrag/avgift", p(PerInvanare)),
    ("Regleringspost", p(PerInvanare)),
    ("Strukturbidrag", p(PerInvanare)),
    ("LSS-utjämning", p(PerInvanare)),
    ("Utjämningsavgift LSS", p(PerInvanare)),
    ("Utjämningsbidrag LSS", p(PerInvanare)),
    ("Utjämningsbidrag/avgift LSS", p(PerInvanare)),
    ("LSS-utjämningsbidrag", p(PerInvanare)),
    ("LSS-utjämningsavgift", p(PerInvanare)),
    ("Inkomstutjämning", p(Inkomstutjamning)),
    ("Inkomstutjämningsbidrag", p(Inkomstutjamning)),
    ("Inkomstutjämningsavgift", p(Inkomstutjamning)),
    ("Inkomstutjämningsbidrag/avgift", p(Inkomstutjamning)),
    ("Kommunal fastighetsavgift", p(Fast)),
    ("Fastighetsavgift", p(Fast)),
    ("Invånare 1 november", Inbyggt::Post(Posttyp::Invanare)),
    ("Invånare 1 nov", Inbyggt::Post(Posttyp::Invanare)),
    ("Invånare 1/11", Inbyggt::Post(Posttyp::Invanare)),
    ("Invånare den 1 november", Inbyggt::Post(Posttyp::Invanare)),
    ("Antal invånare 1 november", Inbyggt::Post(Posttyp::Invanare)),
    ("Antal invånare 1 nov", Inbyggt::Post(Posttyp::Invanare)),
    ("Antal invånare 1/11", Inbyggt::Post(Posttyp::Invanare)),
    ("Antal invånare den 1 november", Inbyggt::Post(Posttyp::Invanare)),
    ("Befolkning 1 november", Inbyggt::Post(Posttyp::Invanare)),
    ("Befolkning 1 nov", Inbyggt::Post(Posttyp::Invanare)),
    ("Befolkning 1/11", Inbyggt::Post(Posttyp::Invanare)),
    ("Befolkning den 1 november", Inbyggt::Post(Posttyp::Invanare)),
    ("Skatteintäkter och generella statsbidrag", Inbyggt::Summa),
    ("Skatter och generella statsbidrag", Inbyggt::Summa),
    ("Skatteintäkter och generella statsbidrag och utjämning", Inbyggt::Summa),
    ("Generella statsbidrag och utjämning", Inbyggt::Summa),
    ("Skatter och bidrag", Inbyggt::Summa),
];

/// Trailing words that qualify a label without changing what it is.
const KVALIFICERINGAR: &[&str] = &[
    "arlig procentuell forandring",
    "procentuell forandring",
    "forandring i procent",
    "arlig forandring",
    "nominell forandring",
    "forandring",
    "procent av lonesumman",
    "av lonesumman",
    "i procent",
    "procent",
    "niva",
    "arsgenomsnitt",
    "arsmedeltal",
    "arsmedel",
    "prognos",
    "netto",
    "lopande priser",
    "nominell",
    "aret fore",
    "aret innan",
    "miljoner kronor",
    "miljoner kr",
    "tusentals kronor",
    "tusental kronor",
    "tusen kronor",
    "i tkr",
    "i mnkr",
    "tkr",
    "mnkr",
    "mkr",
    "kronor",
    "kr",
];

/// Removes footnote marks at the end of a label or header: `*`, `†`,
/// superscript digits (`2026¹`), `1)`, `(1)`, `a)` and a single digit glued to
/// a word (`PKV2`). Returns the text as written otherwise (trimmed).
pub fn rensa_fotnoter(text: &str) -> String {
    let mut s = text.trim().to_string();
    loop {
        let fore = s.clone();
        s = s.trim_end_matches(|c: char| c.is_whitespace() || "*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰⁾⁽".contains(c)).to_string();
        // `1)`, `12)`, `a)` after a space or an opening parenthesis.
        if let Some(kropp) = s.strip_suffix(')') {
            let markering: String = kropp.chars().rev().take_while(|c| c.is_alphanumeric()).collect();
            let fore_markering = &kropp[..kropp.len() - markering.len()];
            let kort = match markering.chars().count() {
                1 => true,
                2 => markering.chars().all(|c| c.is_ascii_digit()),
                _ => false,
            };
            let ar_fotnot =
                kort && (markering.chars().all(|c| c.is_ascii_digit()) || markering.chars().all(|c| c.is_lowercase()));
            if ar_fotnot {
                if let Some(f) = fore_markering.strip_suffix('(') {
                    s = f.to_string();
                } else if fore_markering.ends_with(char::is_whitespace) {
                    s = fore_markering.to_string();
                }
            }
        }
        // A single digit glued to a word: `PKV2`.
        let mut bak = s.chars().rev();
        if let (Some(siffra), Some(fore_siffra)) = (bak.next(), bak.next())
            && siffra.is_ascii_digit()
            && fore_siffra.is_alphabetic()
        {
            s.pop();
        }
        if s == fore {
            return s;
        }
    }
}

/// The words of a text: footnotes removed, lower case, å/ä→a, ö→o, é→e, every
/// character that is not a letter or digit a separator.
pub fn ord(text: &str) -> Vec<String> {
    normalisera(&rensa_fotnoter(text))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The key a label is compared by.
pub fn nyckel(text: &str) -> String {
    ord(text).join(" ")
}

/// The key without a trailing qualifier, if it has one.
fn utan_kvalificering(nyckel: &str) -> Option<String> {
    for k in KVALIFICERINGAR {
        if let Some(rest) = nyckel.strip_suffix(k)
            && let Some(rest) = rest.strip_suffix(' ')
            && !rest.is_empty()
        {
            return Some(rest.to_string());
        }
    }
    // A trailing year: `Invånare 1 november 2025`.
    let (rest, sista) = nyckel.rsplit_once(' ')?;
    let ar_artal = sista.len() == 4 && sista.starts_with("20") && sista.chars().all(|c| c.is_ascii_digit());
    ar_artal.then(|| rest.to_string())
}

/// True for the label of a sum row (`Summa …`, `Totalt …`, `S:a …`).
fn ar_summarad(nyckel: &str) -> bool {
    let mut w = nyckel.split(' ');
    match w.next() {
        Some("summa" | "totalt" | "total" | "totala" | "sum") => true,
        Some("s") => w.next() == Some("a"),
        _ => false,
    }
}

/// The built-in mapping, extended or overridden by a user's patterns.
#[derive(Debug, Clone)]
pub struct Mappning {
    egna: Vec<Monster>,
    inbyggda: Vec<Monster>,
}

impl Default for Mappning {
    fn default() -> Self {
        Self::inbyggd()
    }
}

impl Mappning {
    pub fn inbyggd() -> Self {
        let inbyggda = INBYGGDA
            .iter()
            .map(|(text, m)| {
                let mal = match m {
                    Inbyggt::Serie(s) => Mal::Serie(s.to_string()),
                    Inbyggt::Post(t) => Mal::Post(*t),
                    Inbyggt::Summa => Mal::Summa,
                };
                Monster::ny(text, mal)
            })
            .collect();
        Mappning { egna: vec![], inbyggda }
    }

    /// The built-in mapping with the user's patterns first.
    pub fn med_egna(egna: Vec<Monster>) -> Self {
        Mappning { egna, ..Self::inbyggd() }
    }

    pub fn egna(&self) -> &[Monster] {
        &self.egna
    }

    /// What a label stands for; `None` when no pattern matches.
    pub fn matcha(&self, etikett: &str) -> Option<Mal> {
        let full = nyckel(etikett);
        if full.is_empty() {
            return None;
        }
        let mut kandidater = vec![full.clone()];
        while let Some(k) = kandidater.last().and_then(|k| utan_kvalificering(k)) {
            kandidater.push(k);
        }
        for k in &kandidater {
            if let Some(m) = sok(&self.egna, k) {
                return Some(m.clone());
            }
        }
        if ar_summarad(&full) {
            return Some(Mal::Summa);
        }
        for k in &kandidater {
            if let Some(m) = sok(&self.inbyggda, k) {
                return Some(m.clone());
            }
        }
        // `Konsumentprisindex (KPI)`: a label followed by another name of the same thing.
        for k in &kandidater {
            let w: Vec<&str> = k.split(' ').collect();
            for i in 1..w.len() {
                let (a, b) = (w[..i].join(" "), w[i..].join(" "));
                if let (Some(x), Some(y)) = (self.exakt(&a), self.exakt(&b))
                    && x == y
                    && matches!(x, Mal::Serie(_) | Mal::Post(_))
                {
                    return Some(x.clone());
                }
            }
        }
        None
    }

    fn exakt(&self, nyckel: &str) -> Option<&Mal> {
        self.egna.iter().chain(&self.inbyggda).find(|m| !m.prefix && m.nyckel == nyckel).map(|m| &m.mal)
    }
}

/// The first exact pattern, else the longest prefix pattern, that a key matches.
fn sok<'a>(monster: &'a [Monster], nyckel: &str) -> Option<&'a Mal> {
    if let Some(m) = monster.iter().find(|m| !m.prefix && m.passar(nyckel)) {
        return Some(&m.mal);
    }
    monster.iter().filter(|m| m.prefix && m.passar(nyckel)).max_by_key(|m| m.nyckel.len()).map(|m| &m.mal)
}

/// Reads a user mapping file (TOML, see docs/mappning.md):
///
/// ```toml
/// ignorera = ["Realt skatteunderlag"]
/// summor = ["Totalt skatter och bidrag"]
///
/// [serier]
/// "Timlön, kommunal sektor" = "lon"
///
/// [poster]
/// "Nytt bidrag" = "per_invanare"
/// "Tillfälligt bidrag …" = "fast"
/// ```
pub fn las_fil(fil: &str, text: &str) -> Result<Mappning, Felrapport> {
    let mut d = Diagnos::default();
    let (dok, rot) = Toml::las(fil, text).map_err(Felrapport::en)?;
    let rot = rot.get_ref();
    dok.okanda_nycklar(rot, "", &["serier", "poster", "ignorera", "summor"], &mut d);
    let mut egna: Vec<Monster> = Vec::new();
    let mut lagg_till = |monster: Monster, rad: Fel, d: &mut Diagnos| {
        if monster.nyckel.is_empty() {
            d.fel(rad.clone().kolumn(&monster.text));
            return;
        }
        match egna.iter().find(|m| m.nyckel == monster.nyckel && m.prefix == monster.prefix) {
            Some(fore) if fore.mal != monster.mal => d.fel(Fel {
                meddelande: format!(
                    "etiketten \"{}\" står redan som \"{}\" med ett annat mål",
                    monster.text, fore.text
                ),
                ..rad
            }),
            Some(_) => {}
            None => egna.push(monster),
        }
    };
    let tom_etikett = |span: std::ops::Range<usize>| dok.fel(span, "", "etiketten är tom");
    if let Some(v) = rot.get("serier")
        && let Some(t) = dok.tabell(v, "serier", &mut d)
    {
        for (k, v) in t {
            let namn = format!("serier.\"{}\"", k.get_ref());
            let Some(serie) = dok.text(v, &namn, &mut d) else {
                continue;
            };
            let serie_nyckel = normalisera(&serie);
            if serie_nyckel.is_empty() || !serie_nyckel.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                d.fel(dok.fel(
                    v.span(),
                    &namn,
                    format!("\"{serie}\" är inget serienamn: skriv t.ex. \"lon\", \"pkv\" eller \"hyra\" (bokstäver a–z, siffror och _)"),
                ));
                continue;
            }
            lagg_till(Monster::ny(k.get_ref(), Mal::Serie(serie_nyckel)), tom_etikett(k.span()), &mut d);
        }
    }
    if let Some(v) = rot.get("poster")
        && let Some(t) = dok.tabell(v, "poster", &mut d)
    {
        for (k, v) in t {
            let namn = format!("poster.\"{}\"", k.get_ref());
            let Some(typ) = dok.text(v, &namn, &mut d) else {
                continue;
            };
            match Posttyp::tolka(&typ) {
                Some(typ) => lagg_till(Monster::ny(k.get_ref(), Mal::Post(typ)), tom_etikett(k.span()), &mut d),
                None => d.fel(dok.fel(
                    v.span(),
                    &namn,
                    format!("okänd typ \"{typ}\": ska vara {}, invanare", Intaktstyp::tillatna()),
                )),
            }
        }
    }
    for (nyckel, mal) in [("ignorera", Mal::Ignorera), ("summor", Mal::Summa)] {
        let Some(v) = rot.get(nyckel) else { continue };
        match v.get_ref() {
            DeValue::Array(a) => {
                for e in a.iter() {
                    if let Some(t) = dok.text(e, nyckel, &mut d) {
                        lagg_till(Monster::ny(&t, mal.clone()), tom_etikett(e.span()), &mut d);
                    }
                }
            }
            _ => d.fel(dok.fel(v.span(), nyckel, "en lista med etiketter förväntas: [\"…\", \"…\"]")),
        }
    }
    d.resultat(Mappning::med_egna(egna))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serie(s: &str) -> Option<Mal> {
        Some(Mal::Serie(s.to_string()))
    }
    fn post(t: Intaktstyp) -> Option<Mal> {
        Some(Mal::Post(Posttyp::Intakt(t)))
    }

    /// Every label of FORMAT.md's table, as written there.
    #[test]
    fn alla_etiketter_i_format_md() {
        let m = Mappning::inbyggd();
        let lista: &[(&str, Option<Mal>)] = &[
            ("Skatteunderlag", serie("skatteunderlag")),
            ("Skatteunderlagets utveckling", serie("skatteunderlag")),
            ("Skatteunderlagstillväxt", serie("skatteunderlag")),
            ("Skatteunderlag, procentuell förändring", serie("skatteunderlag")),
            ("PKV", serie("pkv")),
            ("Prisindex för kommunal verksamhet", serie("pkv")),
            ("Kommunal verksamhet, sammanvägt prisindex", serie("pkv")),
            ("Timlön", serie("lon")),
            ("Timlön kommunal sektor", serie("lon")),
            ("Arbetskraftskostnad", serie("lon")),
            ("Löner", serie("lon")),
            ("Övrig förbrukning", serie("ovrigt")),
            ("Prisförändring övrig förbrukning", serie("ovrigt")),
            ("PO-pålägg", serie("po")),
            ("Personalomkostnadspålägg", serie("po")),
            ("KPI", serie("kpi")),
            ("Konsumentprisindex", serie("kpi")),
            ("Internränta", serie("internranta")),
            ("Kommunalskatt", post(Skatt)),
            ("Skatteintäkter", post(Skatt)),
            ("Skatteintäkter, prognos", post(Skatt)),
            ("Slutavräkning 2025", post(PerInvanare)),
            ("Slutavräkning 2026", post(PerInvanare)),
            ("Slutavräkningsdifferens 2024", post(PerInvanare)),
            ("Slutavräkning, korrigering", post(PerInvanare)),
            ("Kostnadsutjämning", post(PerInvanare)),
            ("Regleringsbidrag", post(PerInvanare)),
            ("Regleringsavgift", post(PerInvanare)),
            ("Regleringsbidrag/avgift", post(PerInvanare)),
            ("Strukturbidrag", post(PerInvanare)),
            ("LSS-utjämning", post(PerInvanare)),
            ("Utjämningsavgift LSS", post(PerInvanare)),
            ("Utjämningsbidrag LSS", post(PerInvanare)),
            ("Inkomstutjämning", post(Inkomstutjamning)),
            ("Kommunal fastighetsavgift", post(Fast)),
            ("Fastighetsavgift", post(Fast)),
            ("Invånare 1 november", Some(Mal::Post(Posttyp::Invanare))),
            ("Antal invånare 1/11", Some(Mal::Post(Posttyp::Invanare))),
            ("Befolkning 1 nov", Some(Mal::Post(Posttyp::Invanare))),
        ];
        for (etikett, vantat) in lista {
            assert_eq!(&m.matcha(etikett), vantat, "{etikett}");
        }
    }

    #[test]
    fn skiftlage_och_diakritiska_tecken() {
        let m = Mappning::inbyggd();
        assert_eq!(m.matcha("SKATTEUNDERLAG"), serie("skatteunderlag"));
        assert_eq!(m.matcha("skatteunderlagstillvaxt"), serie("skatteunderlag"));
        assert_eq!(m.matcha("timlon, kommunal sektor"), serie("lon"));
        assert_eq!(m.matcha("  Övrig  förbrukning "), serie("ovrigt"));
        assert_eq!(m.matcha("ovrig forbrukning"), serie("ovrigt"));
        assert_eq!(m.matcha("PO pålägg"), serie("po"));
        assert_eq!(m.matcha("internranta"), serie("internranta"));
        assert_eq!(m.matcha("Regleringsbidrag/-avgift"), post(PerInvanare));
        assert_eq!(m.matcha("Regleringsbidrag / avgift"), post(PerInvanare));
        assert_eq!(m.matcha("SLUTAVRÄKNING 2025"), post(PerInvanare));
        assert_eq!(m.matcha("antal invanare 1/11"), Some(Mal::Post(Posttyp::Invanare)));
        assert_eq!(m.matcha("Lss-utjämning"), post(PerInvanare));
    }

    #[test]
    fn fotnoter_och_kvalificeringar() {
        let m = Mappning::inbyggd();
        assert_eq!(m.matcha("Skatteunderlag*"), serie("skatteunderlag"));
        assert_eq!(m.matcha("Skatteunderlag¹"), serie("skatteunderlag"));
        assert_eq!(m.matcha("Skatteunderlag 1)"), serie("skatteunderlag"));
        assert_eq!(m.matcha("PKV (2)"), serie("pkv"));
        assert_eq!(m.matcha("PKV2"), serie("pkv"));
        assert_eq!(m.matcha("Prisindex för kommunal verksamhet (PKV)"), serie("pkv"));
        assert_eq!(m.matcha("Konsumentprisindex (KPI)"), serie("kpi"));
        assert_eq!(m.matcha("KPI, årsgenomsnitt"), serie("kpi"));
        assert_eq!(m.matcha("PO-pålägg (nivå), %"), serie("po"));
        assert_eq!(m.matcha("PO-pålägg, procent av lönesumman"), serie("po"));
        assert_eq!(m.matcha("Timlön, årlig förändring"), serie("lon"));
        assert_eq!(m.matcha("Kommunalskatt, mnkr"), post(Skatt));
        assert_eq!(m.matcha("Regleringsbidrag/avgift, netto"), post(PerInvanare));
        assert_eq!(m.matcha("Invånare 1 november 2025"), Some(Mal::Post(Posttyp::Invanare)));
        assert_eq!(rensa_fotnoter("Slutavräkning 2025 1)"), "Slutavräkning 2025");
        assert_eq!(rensa_fotnoter("Slutavräkning 2025"), "Slutavräkning 2025");
        assert_eq!(rensa_fotnoter("Kostnadsutjämning*"), "Kostnadsutjämning");
        assert_eq!(
            rensa_fotnoter("Prisindex för kommunal verksamhet (PKV)"),
            "Prisindex för kommunal verksamhet (PKV)"
        );
        assert_eq!(rensa_fotnoter("2026 1)"), "2026");
        assert_eq!(rensa_fotnoter("2026²"), "2026");
        assert_eq!(rensa_fotnoter("Skatteunderlag a)"), "Skatteunderlag");
    }

    #[test]
    fn forvaxlingar_tas_inte() {
        let m = Mappning::inbyggd();
        for etikett in [
            "Realt skatteunderlag",
            "Skatteunderlag, real förändring",
            "Reala skatteunderlagets utveckling",
            "Skatteunderlag, fasta priser",
            "KPIF",
            "KPI med fast ränta",
            "PKV exklusive löner",
            "Timlön, regioner",
            "Löneskatt",
            "Skatteintäkter per invånare kr",
            "Egen skattesats",
            "Fastighetsavgift, antal småhus",
            "Kostnadsutjämning för verksamhet",
            "Invånare totalt",
            "Invånare 31 december",
            "Internränta, fastighetsbolag",
            "Övrigt",
            "Förändring",
            "",
            "*",
        ] {
            assert_eq!(m.matcha(etikett), None, "{etikett}");
        }
    }

    #[test]
    fn summarader() {
        let m = Mappning::inbyggd();
        assert_eq!(m.matcha("Summa skatteintäkter"), Some(Mal::Summa));
        assert_eq!(m.matcha("Summa generella statsbidrag och utjämning"), Some(Mal::Summa));
        assert_eq!(m.matcha("S:a intäkter"), Some(Mal::Summa));
        assert_eq!(m.matcha("Totalt"), Some(Mal::Summa));
        assert_eq!(m.matcha("Skatteintäkter och generella statsbidrag"), Some(Mal::Summa));
    }

    #[test]
    fn egen_mappning_lagger_till_och_ersatter() {
        let text = "ignorera = [\"Arbetskraftskostnad\"]\nsummor = [\"Intäkter totalt\"]\n\n[serier]\n\"Timlön, landsting\" = \"lon_region\"\n\"Lokalhyror, förändring\" = \"hyra\"\n\"KPI\" = \"kpi_egen\"\n\n[poster]\n\"Nytt bidrag\" = \"per_invanare\"\n\"Tillfälligt stöd …\" = \"fast\"\n\"Folkmängd 1 nov\" = \"invanare\"\n";
        let m = las_fil("mappning.toml", text).unwrap();
        assert_eq!(m.matcha("Timlön, landsting"), serie("lon_region"));
        assert_eq!(m.matcha("Lokalhyror, förändring"), serie("hyra"));
        assert_eq!(m.matcha("KPI"), serie("kpi_egen"));
        assert_eq!(m.matcha("Nytt bidrag"), post(PerInvanare));
        assert_eq!(m.matcha("NYTT BIDRAG*"), post(PerInvanare));
        assert_eq!(m.matcha("Tillfälligt stöd 2026"), post(Fast));
        assert_eq!(m.matcha("Folkmängd 1 nov"), Some(Mal::Post(Posttyp::Invanare)));
        assert_eq!(m.matcha("Arbetskraftskostnad"), Some(Mal::Ignorera));
        assert_eq!(m.matcha("Intäkter totalt"), Some(Mal::Summa));
        // The built-in mapping still works.
        assert_eq!(m.matcha("PKV"), serie("pkv"));
        assert_eq!(Mappning::inbyggd().matcha("Nytt bidrag"), None);
    }

    #[test]
    fn fel_i_mappningsfilen() {
        let fel = las_fil("m.toml", "[poster]\n\"Nytt bidrag\" = \"bidrag\"\n").unwrap_err();
        assert!(fel.0.fel[0].meddelande.contains("okänd typ \"bidrag\""), "{fel}");
        assert_eq!(fel.0.fel[0].rad, Some(2));
        let fel = las_fil("m.toml", "[serie]\n\"X\" = \"lon\"\n").unwrap_err();
        assert!(fel.to_string().contains("okänd nyckel"), "{fel}");
        let fel = las_fil("m.toml", "[serier]\n\"X\" = \"lön/pris\"\n").unwrap_err();
        assert!(fel.to_string().contains("inget serienamn"), "{fel}");
        let fel = las_fil("m.toml", "[serier]\n\"X\" = \"lon\"\n[poster]\n\"x\" = \"fast\"\n").unwrap_err();
        assert!(fel.to_string().contains("annat mål"), "{fel}");
        let fel = las_fil("m.toml", "[serier\n").unwrap_err();
        assert!(fel.to_string().contains("inte giltig TOML"), "{fel}");
    }
}

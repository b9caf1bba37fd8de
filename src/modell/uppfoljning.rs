//! Follow-up during the budget year (MODELL §13) as domain types: the
//! `[uppfoljning]` settings, the tables `ansvar`, `budget`, `budgetandringar`
//! and `prognoser`, and the accounting outcome read from SIE files
//! ([`Bokforing`]). No I/O here.

use super::Ar;
use crate::fel::{Diagnos, Plats};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// A month of a year, `ÅÅÅÅ-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub ar: Ar,
    /// 1–12.
    pub manad: u32,
}

impl Period {
    /// Parses `ÅÅÅÅ-MM` (also `ÅÅÅÅ-M` and `ÅÅÅÅMM`); the error says what is expected.
    pub fn tolka(text: &str) -> Result<Period, String> {
        let t = text.trim();
        let fel = || format!("\"{t}\" är ingen period: ska skrivas ÅÅÅÅ-MM, till exempel 2026-03");
        let (ar, manad) = match t.split_once('-') {
            Some((a, m)) => (a, m),
            None if t.len() == 6 && t.is_ascii() => t.split_at(4),
            None => return Err(fel()),
        };
        let siffror = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if ar.len() != 4 || !siffror(ar) || !siffror(manad) || manad.len() > 2 {
            return Err(fel());
        }
        let (ar, manad): (Ar, u32) = (ar.parse().map_err(|_| fel())?, manad.parse().map_err(|_| fel())?);
        if !(1..=12).contains(&manad) {
            return Err(format!("\"{t}\": månaden ska vara 01–12"));
        }
        Ok(Period { ar, manad })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.ar, self.manad)
    }
}

/// A date `ÅÅÅÅ-MM-DD` (of `budgetandringar`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Datum {
    pub ar: Ar,
    pub manad: u32,
    pub dag: u32,
}

impl Datum {
    /// A real calendar date, or `None`.
    pub fn ny(ar: Ar, manad: u32, dag: u32) -> Option<Datum> {
        ((1..=12).contains(&manad) && dag >= 1 && dag <= dagar_i_manad(ar, manad)).then_some(Datum { ar, manad, dag })
    }

    /// Parses `ÅÅÅÅ-MM-DD` (also `ÅÅÅÅMMDD`).
    pub fn tolka(text: &str) -> Result<Datum, String> {
        let t = text.trim();
        let fel = || format!("\"{t}\" är inget datum: ska skrivas ÅÅÅÅ-MM-DD, till exempel 2026-04-22");
        let delar: Vec<&str> = if t.contains('-') {
            t.split('-').collect()
        } else if t.len() == 8 && t.is_ascii() {
            vec![&t[..4], &t[4..6], &t[6..]]
        } else {
            return Err(fel());
        };
        if delar.len() != 3 || delar[0].len() != 4 || delar.iter().any(|d| d.is_empty() || d.len() > 4) {
            return Err(fel());
        }
        let tal: Vec<u32> = delar.iter().map(|d| d.parse::<u32>().map_err(|_| fel())).collect::<Result<_, _>>()?;
        Datum::ny(tal[0] as Ar, tal[1], tal[2]).ok_or_else(fel)
    }

    pub fn period(self) -> Period {
        Period { ar: self.ar, manad: self.manad }
    }
}

impl fmt::Display for Datum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.ar, self.manad, self.dag)
    }
}

/// Days in a month of the Gregorian calendar.
pub fn dagar_i_manad(ar: Ar, manad: u32) -> u32 {
    match manad {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (ar % 4 == 0 && ar % 100 != 0) || ar % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// How the helårsprognos is computed (MODELL §13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Prognosmetod {
    Linjar,
    #[default]
    Sasong,
    Budget,
}

impl Prognosmetod {
    pub const ALLA: [Prognosmetod; 3] = [Prognosmetod::Linjar, Prognosmetod::Sasong, Prognosmetod::Budget];

    pub fn namn(self) -> &'static str {
        match self {
            Prognosmetod::Linjar => "linjar",
            Prognosmetod::Sasong => "sasong",
            Prognosmetod::Budget => "budget",
        }
    }

    /// Parses a method name (case-insensitive, `linjär`/`säsong` too).
    pub fn tolka(text: &str) -> Result<Self, String> {
        let t = crate::inlasning::normalisera(text);
        Self::ALLA
            .into_iter()
            .find(|m| m.namn() == t)
            .ok_or_else(|| format!("okänd prognosmetod \"{text}\": ska vara linjar, sasong eller budget"))
    }
}

impl fmt::Display for Prognosmetod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.namn())
    }
}

/// A range of accounts on their first four digits, `3000-7999` (or one account, `8510`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kontointervall {
    pub fran: u32,
    pub till: u32,
}

/// One group of `[uppfoljning.konton]`: one range or a list of ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kontogrupp(pub Vec<Kontointervall>);

impl Kontogrupp {
    pub fn ett(fran: u32, till: u32) -> Self {
        Kontogrupp(vec![Kontointervall { fran, till }])
    }

    /// Parses `"3000-7999"` (also `–`, and a single four-digit account).
    pub fn tolka_intervall(text: &str) -> Result<Kontointervall, String> {
        let t = text.trim();
        let fel = || {
            format!("\"{t}\" är inget kontointervall: ska skrivas med fyrsiffriga konton, till exempel \"3000-7999\"")
        };
        let (a, b) = match t.split_once(['-', '–', '\u{2212}']) {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (t, t),
        };
        let fyra =
            |s: &str| (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten();
        match (fyra(a), fyra(b)) {
            (Some(fran), Some(till)) if fran <= till => Ok(Kontointervall { fran, till }),
            (Some(_), Some(_)) => Err(format!("\"{t}\": intervallets början är större än dess slut")),
            _ => Err(fel()),
        }
    }

    /// Whether an account (compared on its first four digits) is in the group.
    pub fn innehaller(&self, konto: &str) -> bool {
        match forsta_fyra(konto) {
            Some(k) => self.0.iter().any(|i| i.fran <= k && k <= i.till),
            None => false,
        }
    }
}

/// The first four digits of an account number (`45110` → 4511).
pub fn forsta_fyra(konto: &str) -> Option<u32> {
    let b = konto.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(b[..4].iter().fold(0, |s, c| s * 10 + u32::from(c - b'0')))
}

/// `[uppfoljning.konton]`: the account ranges of Kommun-Bas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kontoplan {
    pub verksamhet: Kontogrupp,
    pub skatteintakter: Kontogrupp,
    pub statsbidrag: Kontogrupp,
    pub finansiella_intakter: Kontogrupp,
    pub finansiella_kostnader: Kontogrupp,
}

impl Default for Kontoplan {
    fn default() -> Self {
        Kontoplan {
            verksamhet: Kontogrupp::ett(3000, 7999),
            skatteintakter: Kontogrupp::ett(8000, 8199),
            statsbidrag: Kontogrupp::ett(8200, 8399),
            finansiella_intakter: Kontogrupp::ett(8400, 8499),
            finansiella_kostnader: Kontogrupp::ett(8500, 8599),
        }
    }
}

/// The styrmodell's report per month, used where `[uppfoljning.rapporter]` says nothing.
pub const STANDARDRAPPORTER: [(u32, &str); 8] = [
    (2, "Månadsrapport"),
    (3, "Månadsrapport med prognos och planerade åtgärder"),
    (4, "Månadsrapport"),
    (5, "Månadsrapport"),
    (8, "Delårsrapport"),
    (9, "Månadsrapport"),
    (10, "Månadsrapport med prognos"),
    (12, "Årsbokslut"),
];

/// `[uppfoljning]` of `modell.toml`, defaults as FORMAT shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uppfoljningsinstallningar {
    /// The SIE dimension whose objects are the ansvar (kostnadsställen).
    pub ansvarsdimension: u32,
    pub metod: Prognosmetod,
    /// An åtgärdsplan is needed beyond this underskott, % of budget.
    pub troskel_procent: Decimal,
    pub konton: Kontoplan,
    /// `[uppfoljning.rapporter]`: report name per month, overriding the default's.
    pub rapporter: BTreeMap<u32, String>,
}

impl Default for Uppfoljningsinstallningar {
    fn default() -> Self {
        Uppfoljningsinstallningar {
            ansvarsdimension: 1,
            metod: Prognosmetod::Sasong,
            troskel_procent: Decimal::new(5, 1),
            konton: Kontoplan::default(),
            rapporter: BTreeMap::new(),
        }
    }
}

impl Uppfoljningsinstallningar {
    /// The report name of month `manad`: `[uppfoljning.rapporter]`, else the
    /// styrmodell's schedule, else "Uppföljning".
    pub fn rapportnamn(&self, manad: u32) -> String {
        if let Some(n) = self.rapporter.get(&manad) {
            return n.clone();
        }
        STANDARDRAPPORTER
            .iter()
            .find(|(m, _)| *m == manad)
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|| "Uppföljning".to_string())
    }
}

/// A row of `ansvar`: an object of the ansvarsdimension, exactly (`1310`) or
/// as a prefix (`13*`, stored without the `*`), and its nämnd.
#[derive(Debug, Clone)]
pub struct Ansvar {
    pub objekt: String,
    pub prefix: bool,
    pub namnd: usize,
    pub plats: Plats,
}

impl Ansvar {
    /// `1310` or `13*` as written in the table.
    pub fn som_skrivet(&self) -> String {
        if self.prefix { format!("{}*", self.objekt) } else { self.objekt.clone() }
    }
}

/// Objects → nämnd: an exact match wins, then the longest prefix.
#[derive(Debug, Clone, Default)]
pub struct Ansvarsplan {
    exakta: HashMap<String, usize>,
    /// Longest prefix first.
    prefix: Vec<(String, usize)>,
}

impl Ansvarsplan {
    /// The plan of the `ansvar` rows; an object (or prefix) listed twice is an error.
    pub fn bygg(rader: &[Ansvar], d: &mut Diagnos) -> Self {
        let mut plan = Ansvarsplan::default();
        let mut sedda: HashMap<(bool, &str), &Ansvar> = HashMap::new();
        for r in rader {
            if let Some(forsta) = sedda.get(&(r.prefix, r.objekt.as_str())) {
                d.fel(r.plats.fel_i(
                    "objekt",
                    format!("objektet \"{}\" står två gånger (även på rad {})", r.som_skrivet(), forsta.plats.rad),
                ));
                continue;
            }
            sedda.insert((r.prefix, r.objekt.as_str()), r);
            if r.prefix {
                plan.prefix.push((r.objekt.clone(), r.namnd));
            } else {
                plan.exakta.insert(r.objekt.clone(), r.namnd);
            }
        }
        plan.prefix.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        plan
    }

    /// A plan from `(objekt as written, nämnd)` pairs, for tests and tools.
    pub fn fran_par(par: &[(&str, usize)]) -> Self {
        let kalla = crate::fel::Kalla::fil("ansvar.csv");
        let rader: Vec<Ansvar> = par
            .iter()
            .enumerate()
            .map(|(i, (o, n))| Ansvar {
                objekt: o.trim_end_matches('*').to_string(),
                prefix: o.ends_with('*'),
                namnd: *n,
                plats: Plats { kalla: kalla.clone(), rad: i + 2 },
            })
            .collect();
        Self::bygg(&rader, &mut Diagnos::default())
    }

    /// The nämnd an object maps to, if any.
    pub fn namnd(&self, objekt: &str) -> Option<usize> {
        if let Some(&n) = self.exakta.get(objekt) {
            return Some(n);
        }
        self.prefix.iter().find(|(p, _)| objekt.starts_with(p.as_str())).map(|&(_, n)| n)
    }
}

/// A side of a budget change: a nämnd or the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Budgetpart {
    Namnd(usize),
    /// `RESULTAT`: money to or from the kommun's result.
    Resultat,
}

/// A row of `budgetandringar`: `belopp` tkr moved from `fran` to `till` on `datum`.
#[derive(Debug, Clone)]
pub struct Budgetandring {
    pub datum: Datum,
    pub fran: Budgetpart,
    pub till: Budgetpart,
    pub belopp: Decimal,
    pub beslut: String,
    pub plats: Plats,
}

/// A row of `prognoser`: a nämnd's own helårsprognos (net cost, tkr) made at `period`.
#[derive(Debug, Clone)]
pub struct Namndprognos {
    pub namnd: usize,
    pub period: Period,
    pub prognos: Decimal,
    pub plats: Plats,
}

/// Everything of a model that the follow-up reads besides the budget round itself.
#[derive(Debug, Clone, Default)]
pub struct Uppfoljning {
    pub installningar: Uppfoljningsinstallningar,
    pub ansvar: Vec<Ansvar>,
    /// The `budget` table per nämnd in `ramar` order, when given.
    pub budget: Option<Vec<Decimal>>,
    pub budgetandringar: Vec<Budgetandring>,
    pub prognoser: Vec<Namndprognos>,
}

/// Where a record of the accounting lies: year and month of the calendar,
/// the account as written (compared on its first four digits), and the
/// object of the ansvarsdimension (`None`: booked without one).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Bokforingsnyckel {
    pub ar: Ar,
    pub manad: u32,
    pub konto: String,
    pub objekt: Option<String>,
}

/// Whence a file's outcome of one year came (FORMAT, SIE files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utfallskalla {
    /// `#VER`/`#TRANS`: every transaction.
    Trans,
    /// `#PSALDO`: the periods' movements.
    Psaldo,
}

/// The text encoding a SIE file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kodning {
    Utf8,
    /// IBM PC-8, code page 437.
    Cp437,
}

impl Kodning {
    pub fn namn(self) -> &'static str {
        match self {
            Kodning::Utf8 => "UTF-8",
            Kodning::Cp437 => "PC8 (teckentabell 437)",
        }
    }
}

/// `#RAR årsnr start slut`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rakenskapsar {
    pub arsnr: i32,
    pub start: Datum,
    pub slut: Datum,
}

/// What was read from one SIE file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Siefil {
    /// The file as the user named it.
    pub namn: String,
    pub kodning: Kodning,
    /// `#FNAMN`, when given.
    pub foretag: Option<String>,
    pub rakenskapsar: Vec<Rakenskapsar>,
    /// Per calendar year with outcome: whence it came.
    pub utfall: BTreeMap<Ar, Utfallskalla>,
    /// Calendar years with `#PBUDGET` records used.
    pub budget: Vec<Ar>,
    /// Number of `#TRANS` records counted.
    pub antal_trans: u64,
}

/// The accounting outcome and monthly budget read from SIE files, combined
/// (FORMAT, SIE files). Amounts in tkr (the files' kronor ÷ 1000, exact),
/// costs positive and revenue negative as SIE books them. A key is present
/// when a record was read for it, even when its amounts add up to zero.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bokforing {
    pub utfall: BTreeMap<Bokforingsnyckel, Decimal>,
    /// `#PBUDGET`.
    pub budget: BTreeMap<Bokforingsnyckel, Decimal>,
    /// `#KONTO`: account → name.
    pub kontonamn: BTreeMap<String, String>,
    /// `#OBJEKT` of the ansvarsdimension: object → name.
    pub objektnamn: BTreeMap<String, String>,
    /// `#DIM` of the ansvarsdimension, when given.
    pub dimensionsnamn: Option<String>,
    pub filer: Vec<Siefil>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perioder_och_datum() {
        assert_eq!(Period::tolka("2026-03"), Ok(Period { ar: 2026, manad: 3 }));
        assert_eq!(Period::tolka("2026-3"), Ok(Period { ar: 2026, manad: 3 }));
        assert_eq!(Period::tolka("202610"), Ok(Period { ar: 2026, manad: 10 }));
        assert!(Period::tolka("2026-13").is_err());
        assert!(Period::tolka("mars").is_err());
        assert_eq!(Period { ar: 2026, manad: 3 }.to_string(), "2026-03");
        assert_eq!(Datum::tolka("2026-04-22"), Ok(Datum { ar: 2026, manad: 4, dag: 22 }));
        assert_eq!(Datum::tolka("20240229"), Ok(Datum { ar: 2024, manad: 2, dag: 29 }));
        assert!(Datum::tolka("2025-02-29").is_err());
        assert!(Datum::tolka("2026-04").is_err());
        // Six or eight bytes that are not six or eight characters: an error, not a panic.
        assert!(Period::tolka("202é1").is_err());
        assert!(Datum::tolka("202é422").is_err());
    }

    #[test]
    fn kontointervall_pa_fyra_siffror() {
        let g = Kontogrupp(vec![Kontogrupp::tolka_intervall("3000-7999").unwrap()]);
        assert!(g.innehaller("45110"));
        assert!(g.innehaller("3000"));
        assert!(!g.innehaller("8010"));
        assert!(!g.innehaller("299"));
        assert_eq!(Kontogrupp::tolka_intervall("8510"), Ok(Kontointervall { fran: 8510, till: 8510 }));
        assert!(Kontogrupp::tolka_intervall("7999-3000").is_err());
        assert!(Kontogrupp::tolka_intervall("300-799").is_err());
        assert_eq!(forsta_fyra("45110"), Some(4511));
    }

    #[test]
    fn exakt_objekt_vinner_sedan_langsta_prefix() {
        let p = Ansvarsplan::fran_par(&[("1*", 0), ("13*", 1), ("1310", 2), ("131*", 3)]);
        assert_eq!(p.namnd("1310"), Some(2));
        assert_eq!(p.namnd("1311"), Some(3));
        assert_eq!(p.namnd("1320"), Some(1));
        assert_eq!(p.namnd("1999"), Some(0));
        assert_eq!(p.namnd("2000"), None);
        assert_eq!(p.namnd("13"), Some(1));
    }

    #[test]
    fn dubbelt_objekt_ar_fel() {
        let kalla = crate::fel::Kalla::fil("ansvar.csv");
        let rad = |o: &str, p: bool, r: usize| Ansvar {
            objekt: o.into(),
            prefix: p,
            namnd: 0,
            plats: Plats { kalla: kalla.clone(), rad: r },
        };
        let mut d = Diagnos::default();
        Ansvarsplan::bygg(&[rad("13", true, 2), rad("13", false, 3), rad("13", true, 4)], &mut d);
        assert_eq!(d.fel.len(), 1);
        assert_eq!(
            d.fel[0].to_string(),
            "ansvar.csv rad 4, kolumn \"objekt\": objektet \"13*\" står två gånger (även på rad 2)"
        );
    }

    #[test]
    fn rapportnamn_fran_schemat() {
        let mut u = Uppfoljningsinstallningar::default();
        assert_eq!(u.rapportnamn(3), "Månadsrapport med prognos och planerade åtgärder");
        assert_eq!(u.rapportnamn(8), "Delårsrapport");
        assert_eq!(u.rapportnamn(6), "Uppföljning");
        u.rapporter.insert(8, "Delårsrapport per 31 augusti".into());
        u.rapporter.insert(6, "Junirapport".into());
        assert_eq!(u.rapportnamn(8), "Delårsrapport per 31 augusti");
        assert_eq!(u.rapportnamn(6), "Junirapport");
        assert_eq!(u.rapportnamn(12), "Årsbokslut");
    }

    #[test]
    fn metoder() {
        assert_eq!(Prognosmetod::tolka("Säsong"), Ok(Prognosmetod::Sasong));
        assert_eq!(Prognosmetod::tolka("linjär"), Ok(Prognosmetod::Linjar));
        assert!(Prognosmetod::tolka("snitt").is_err());
    }
}

//! Input errors that name where they are: file (and sheet), row as the user
//! sees it, column header, and what was expected. Errors are collected, never
//! thrown one at a time, so that every problem of a model is reported at once.

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// One problem in the input, in Swedish.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Fel {
    pub fil: String,
    pub blad: Option<String>,
    pub rad: Option<usize>,
    pub kolumn: Option<String>,
    pub meddelande: String,
    /// What `kolumn` names: a column (a key in a TOML file) or a record's label.
    #[serde(skip)]
    pub slag: Faltslag,
}

/// What the `kolumn` of a [`Fel`] names, which decides the word shown before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Faltslag {
    /// A column header of a table, or a key of a TOML file: `kolumn "prioritet"`, `nyckel "mal.resultat_procent"`.
    #[default]
    Kolumn,
    /// The label of a record of a SIE file: `post "#TRANS"`.
    Post,
}

impl Fel {
    /// An error about `fil`; every quoted value in the message is cut to a
    /// short excerpt ([`utdrag`]), so a huge cell is never echoed whole.
    pub fn new(fil: impl Into<String>, meddelande: impl Into<String>) -> Self {
        let meddelande = korta_citat(&meddelande.into());
        Fel { fil: utdrag_lang(&fil.into()), blad: None, rad: None, kolumn: None, meddelande, slag: Faltslag::Kolumn }
    }
    pub fn rad(mut self, rad: usize) -> Self {
        self.rad = Some(rad);
        self
    }
    pub fn kolumn(mut self, kolumn: impl Into<String>) -> Self {
        self.kolumn = Some(utdrag(&kolumn.into()));
        self
    }
    /// The record of a SIE file the error is in, by its label (`#TRANS`).
    pub fn post(mut self, etikett: impl Into<String>) -> Self {
        self.kolumn = Some(utdrag(&etikett.into()));
        self.slag = Faltslag::Post;
        self
    }
}

/// The longest excerpt of an input value quoted in a message, in characters.
pub const MAX_UTDRAG: usize = 60;

/// The longest message (past its quoted values), in characters: a list of
/// names can be long, but never without end.
pub const MAX_MEDDELANDE: usize = 1000;

/// An input value as quoted in a message: trimmed, line breaks and other
/// control characters as spaces, and at most [`MAX_UTDRAG`] characters
/// (longer ones end in `…`).
pub fn utdrag(text: &str) -> String {
    kapa(text.trim(), MAX_UTDRAG)
}

fn utdrag_lang(text: &str) -> String {
    kapa(text, MAX_MEDDELANDE)
}

fn kapa(text: &str, max: usize) -> String {
    let mut ut = String::new();
    for (i, c) in text.chars().enumerate() {
        if i + 1 == max && text.chars().nth(max).is_some() {
            ut.push('…');
            break;
        }
        ut.push(if c.is_control() { ' ' } else { c });
    }
    ut
}

/// Cuts every `"…"`-quoted part of a message longer than [`MAX_UTDRAG`] to an
/// excerpt, and the message to [`MAX_MEDDELANDE`] characters.
fn korta_citat(meddelande: &str) -> String {
    let delar: Vec<&str> = meddelande.split('"').collect();
    let mut ut = String::with_capacity(meddelande.len().min(4 * MAX_MEDDELANDE));
    for (i, del) in delar.iter().enumerate() {
        if i > 0 {
            ut.push('"');
        }
        // Odd parts are inside quotes (when the closing quote exists).
        if i % 2 == 1 && i + 1 < delar.len() { ut.push_str(&kapa(del, MAX_UTDRAG)) } else { ut.push_str(del) }
    }
    kapa(&ut, MAX_MEDDELANDE)
}

impl fmt::Display for Fel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fil)?;
        if let Some(b) = &self.blad {
            write!(f, " blad \"{b}\"")?;
        }
        // In a TOML file the "column" is a key; in a SIE file a record.
        let ord = match self.slag {
            Faltslag::Post => "post",
            Faltslag::Kolumn if self.fil.ends_with(".toml") => "nyckel",
            Faltslag::Kolumn => "kolumn",
        };
        match (self.rad, &self.kolumn) {
            (Some(r), Some(k)) => write!(f, " rad {r}, {ord} \"{k}\"")?,
            (Some(r), None) => write!(f, " rad {r}")?,
            (None, Some(k)) => write!(f, ", {ord} \"{k}\"")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.meddelande)
    }
}

/// Where a table comes from: a CSV file or a sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Kalla {
    pub fil: String,
    pub blad: Option<String>,
}

impl Kalla {
    pub fn fil(fil: impl Into<String>) -> Arc<Self> {
        Arc::new(Kalla { fil: fil.into(), blad: None })
    }
    pub fn fel(&self, meddelande: impl Into<String>) -> Fel {
        Fel { blad: self.blad.as_deref().map(utdrag), ..Fel::new(self.fil.clone(), meddelande) }
    }
}

impl fmt::Display for Kalla {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.blad {
            Some(b) => write!(f, "{}#{}", self.fil, b),
            None => write!(f, "{}", self.fil),
        }
    }
}

/// A row of a table: where to point when its values are wrong or missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plats {
    pub kalla: Arc<Kalla>,
    pub rad: usize,
}

impl Plats {
    pub fn fel(&self, meddelande: impl Into<String>) -> Fel {
        self.kalla.fel(meddelande).rad(self.rad)
    }
    pub fn fel_i(&self, kolumn: &str, meddelande: impl Into<String>) -> Fel {
        self.fel(meddelande).kolumn(kolumn)
    }
}

/// Collected problems: errors stop the command, warnings are only reported.
/// The same problem is kept once, in the order first found; the check is a
/// hash lookup, so a million bad rows cost linear time.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Diagnos {
    pub fel: Vec<Fel>,
    pub varningar: Vec<Fel>,
    #[serde(skip)]
    index: Box<Dubblettindex>,
}

impl PartialEq for Diagnos {
    fn eq(&self, other: &Self) -> bool {
        self.fel == other.fel && self.varningar == other.varningar
    }
}

impl Eq for Diagnos {}

/// Positions of the errors and warnings by their hash, so that a duplicate is
/// found without scanning the list (a hash collision is checked exactly).
#[derive(Debug, Clone, Default)]
struct Dubblettindex {
    fel: std::collections::HashMap<u64, Vec<usize>>,
    varningar: std::collections::HashMap<u64, Vec<usize>>,
    /// Lengths of the lists when last indexed: entries pushed directly onto
    /// the public lists are indexed before the next check.
    langd: (usize, usize),
}

fn hash(f: &Fel) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(f)
}

/// Adds `ny` to `lista` unless it is there; `index` holds the positions by hash
/// of the first `*langd` entries.
fn lagg_till(lista: &mut Vec<Fel>, index: &mut std::collections::HashMap<u64, Vec<usize>>, langd: &mut usize, ny: Fel) {
    if *langd > lista.len() {
        index.clear();
        *langd = 0;
    }
    while *langd < lista.len() {
        index.entry(hash(&lista[*langd])).or_default().push(*langd);
        *langd += 1;
    }
    let h = hash(&ny);
    let platser = index.entry(h).or_default();
    if platser.iter().any(|&i| lista[i] == ny) {
        return;
    }
    platser.push(lista.len());
    lista.push(ny);
    *langd = lista.len();
}

impl Diagnos {
    /// A diagnosis with these errors and warnings (duplicates kept once).
    pub fn med(fel: Vec<Fel>, varningar: Vec<Fel>) -> Self {
        let mut d = Diagnos::default();
        fel.into_iter().for_each(|f| d.fel(f));
        varningar.into_iter().for_each(|v| d.varning(v));
        d
    }
    /// Adds an error unless the same one is already there.
    pub fn fel(&mut self, fel: Fel) {
        lagg_till(&mut self.fel, &mut self.index.fel, &mut self.index.langd.0, fel);
    }
    pub fn varning(&mut self, v: Fel) {
        lagg_till(&mut self.varningar, &mut self.index.varningar, &mut self.index.langd.1, v);
    }
    pub fn ok(&self) -> bool {
        self.fel.is_empty()
    }
    pub fn utoka(&mut self, annan: Diagnos) {
        annan.fel.into_iter().for_each(|f| self.fel(f));
        annan.varningar.into_iter().for_each(|v| self.varning(v));
    }
    /// `Ok(v)` when there are no errors, else the errors.
    pub fn resultat<T>(self, v: T) -> Result<T, Felrapport> {
        if self.ok() { Ok(v) } else { Err(Felrapport(self)) }
    }
}

/// The input is wrong: every error found, for exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Felrapport(pub Diagnos);

impl Felrapport {
    pub fn en(fel: Fel) -> Self {
        Felrapport(Diagnos::med(vec![fel], vec![]))
    }
}

impl fmt::Display for Felrapport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for fel in &self.0.fel {
            writeln!(f, "fel: {fel}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Felrapport {}

impl From<Diagnos> for Felrapport {
    fn from(d: Diagnos) -> Self {
        Felrapport(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visar_fil_rad_kolumn() {
        let f = Fel::new("vf.csv", "\"tre\" är inte ett heltal").rad(14).kolumn("prioritet");
        assert_eq!(f.to_string(), "vf.csv rad 14, kolumn \"prioritet\": \"tre\" är inte ett heltal");
        let k = Kalla { fil: "indata.xlsx".into(), blad: Some("SKR".into()) };
        assert_eq!(k.fel("x").rad(3).to_string(), "indata.xlsx blad \"SKR\" rad 3: x");
        let sie = Fel::new("2026.se", "väntade ett belopp").rad(7).post("#TRANS");
        assert_eq!(sie.to_string(), "2026.se rad 7, post \"#TRANS\": väntade ett belopp");
        assert_eq!(sie.kolumn.as_deref(), Some("#TRANS"));
        let toml = Fel::new("modell.toml", "x").rad(2).kolumn("mal.resultat_procent");
        assert_eq!(toml.to_string(), "modell.toml rad 2, nyckel \"mal.resultat_procent\": x");
    }

    /// Issue 10 items 4 and 16: an echoed value is never more than a short excerpt.
    #[test]
    fn ekade_varden_kortas() {
        let stor = "x".repeat(100_000_000 / 1000);
        let f = Fel::new("a.csv", format!("\"{stor}\" är inte ett tal")).kolumn(&stor);
        assert_eq!(f.meddelande, format!("\"{}…\" är inte ett tal", "x".repeat(MAX_UTDRAG - 1)));
        assert_eq!(f.kolumn.as_ref().unwrap().chars().count(), MAX_UTDRAG);
        assert_eq!(utdrag(" rad 1\nrad 2 "), "rad 1 rad 2");
        assert_eq!(utdrag(&"å".repeat(60)), "å".repeat(60));
        assert_eq!(utdrag(&"å".repeat(61)), format!("{}…", "å".repeat(59)));
        // Short quotes, and a lone quote, stay as written.
        let m = "texten saknar sitt avslutande citattecken (\")";
        assert_eq!(Fel::new("s.toml", m).meddelande, m);
        let lang = format!("finns: {}", "ab, ".repeat(1000));
        assert_eq!(Fel::new("a", lang).meddelande.chars().count(), MAX_MEDDELANDE);
    }

    #[test]
    fn samma_fel_bara_en_gang() {
        let mut d = Diagnos::default();
        d.fel(Fel::new("a", "b"));
        d.fel(Fel::new("a", "b"));
        assert_eq!(d.fel.len(), 1);
        assert!(!d.ok());
        // Pushed directly onto the list: still found as a duplicate.
        d.fel.push(Fel::new("c", "d"));
        d.fel(Fel::new("c", "d"));
        d.fel(Fel::new("e", "f"));
        assert_eq!(d.fel.len(), 3);
        d.fel.clear();
        d.fel(Fel::new("a", "b"));
        assert_eq!(d.fel.len(), 1);
    }

    /// Issue 10 item 5: 200 000 distinct errors and as many duplicates are
    /// collected in linear time (the old `contains` took minutes here).
    #[test]
    fn manga_fel_linjart() {
        let mut d = Diagnos::default();
        for i in 0..200_000 {
            d.fel(Fel::new("vf.csv", "x").rad(i));
            d.fel(Fel::new("vf.csv", "x").rad(i));
            d.varning(Fel::new("vf.csv", "y").rad(i % 7));
        }
        assert_eq!(d.fel.len(), 200_000);
        assert_eq!(d.varningar.len(), 7);
        assert_eq!(d.fel[12].rad, Some(12));
    }
}

/// Why a command stopped: wrong input (exit 2) or anything else (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Avbrott {
    #[error("{0}")]
    Indata(#[from] Felrapport),
    #[error("fel: {0}")]
    Annat(String),
}

impl From<std::io::Error> for Avbrott {
    fn from(e: std::io::Error) -> Self {
        Avbrott::Annat(io_text(&e))
    }
}

/// An I/O error in Swedish: the kinds a user can act on by name, the rest
/// with the system's error number (never the English text alone).
pub fn io_text(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let text = match e.kind() {
        NotFound => "filen eller mappen finns inte",
        PermissionDenied => "behörighet saknas",
        AlreadyExists => "finns redan",
        StorageFull => "disken är full",
        ReadOnlyFilesystem => "filsystemet är skrivskyddat",
        IsADirectory => "det är en mapp",
        NotADirectory => "en del av sökvägen är ingen mapp",
        InvalidFilename => "ogiltigt filnamn",
        FileTooLarge => "filen är för stor",
        CrossesDevices => "kan inte flyttas mellan filsystem",
        Interrupted | TimedOut => "avbröts",
        InvalidData => "ogiltiga data",
        UnexpectedEof => "filen tog slut oväntat",
        _ => {
            return match e.raw_os_error() {
                // ELOOP: the kind is not yet stable in std.
                Some(40) if cfg!(target_os = "linux") => "symboliska länkar i en slinga".to_string(),
                Some(n) => format!("in- eller utmatningsfel (systemets felkod {n})"),
                None => "in- eller utmatningsfel".to_string(),
            };
        }
    };
    text.to_string()
}

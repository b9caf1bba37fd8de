//! Input errors that name where they are: file (and sheet), row as the user
//! sees it, column header, and what was expected. Errors are collected, never
//! thrown one at a time, so that every problem of a model is reported at once.

use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// One problem in the input, in Swedish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Faltslag {
    /// A column header of a table, or a key of a TOML file: `kolumn "prioritet"`, `nyckel "mal.resultat_procent"`.
    #[default]
    Kolumn,
    /// The label of a record of a SIE file: `post "#TRANS"`.
    Post,
}

impl Fel {
    pub fn new(fil: impl Into<String>, meddelande: impl Into<String>) -> Self {
        Fel {
            fil: fil.into(),
            blad: None,
            rad: None,
            kolumn: None,
            meddelande: meddelande.into(),
            slag: Faltslag::Kolumn,
        }
    }
    pub fn rad(mut self, rad: usize) -> Self {
        self.rad = Some(rad);
        self
    }
    pub fn kolumn(mut self, kolumn: impl Into<String>) -> Self {
        self.kolumn = Some(kolumn.into());
        self
    }
    /// The record of a SIE file the error is in, by its label (`#TRANS`).
    pub fn post(mut self, etikett: impl Into<String>) -> Self {
        self.kolumn = Some(etikett.into());
        self.slag = Faltslag::Post;
        self
    }
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
        Fel { blad: self.blad.clone(), ..Fel::new(self.fil.clone(), meddelande) }
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diagnos {
    pub fel: Vec<Fel>,
    pub varningar: Vec<Fel>,
}

impl Diagnos {
    /// Adds an error unless the same one is already there.
    pub fn fel(&mut self, fel: Fel) {
        if !self.fel.contains(&fel) {
            self.fel.push(fel);
        }
    }
    pub fn varning(&mut self, v: Fel) {
        if !self.varningar.contains(&v) {
            self.varningar.push(v);
        }
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
        Felrapport(Diagnos { fel: vec![fel], varningar: vec![] })
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

    #[test]
    fn samma_fel_bara_en_gang() {
        let mut d = Diagnos::default();
        d.fel(Fel::new("a", "b"));
        d.fel(Fel::new("a", "b"));
        assert_eq!(d.fel.len(), 1);
        assert!(!d.ok());
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

//! The model of one budget round of one kommun, as domain types: what the
//! readers build from a model folder and the computations read. No I/O here.

mod osakerhet;
mod scenario;
pub mod uppfoljning;

pub use osakerhet::Osakerhet;
pub use scenario::Scenario;

use crate::fel::{Diagnos, Fel, Plats};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// A calendar year.
pub type Ar = i32;

/// Amounts per year.
pub type Arsbelopp = BTreeMap<Ar, Decimal>;

/// A row of a table with one amount per year column.
#[derive(Debug, Clone)]
pub struct Arsrad {
    pub plats: Plats,
    pub varden: Arsbelopp,
    /// The table's year columns as headed in the file, for messages.
    pub kolumner: Arc<BTreeMap<Ar, String>>,
}

impl Arsrad {
    pub fn get(&self, ar: Ar) -> Option<Decimal> {
        self.varden.get(&ar).copied()
    }

    /// The value for `ar`, which the computation needs: when it is missing an
    /// error naming `vad` and the year is recorded and zero returned.
    pub fn krav(&self, ar: Ar, vad: &str, d: &mut Diagnos) -> Decimal {
        match self.get(ar) {
            Some(v) => v,
            None => {
                d.fel(self.saknas(ar, vad));
                Decimal::ZERO
            }
        }
    }

    /// The value for `ar`, zero when the cell is empty or the column absent.
    pub fn eller_noll(&self, ar: Ar) -> Decimal {
        self.get(ar).unwrap_or_default()
    }

    pub fn saknas(&self, ar: Ar, vad: &str) -> Fel {
        match self.kolumner.get(&ar) {
            Some(kolumn) => self.plats.fel_i(kolumn, format!("värde saknas: {vad} behövs för {ar}")),
            None => self.plats.fel(format!("kolumn för år {ar} saknas: {vad} behövs för {ar}")),
        }
    }
}

/// How the room is shared between the nämnder's VF-lists (MODELL §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Fordelning {
    #[default]
    Proportionell,
    Gemensam,
    Optimal,
}

impl Fordelning {
    pub const ALLA: [Fordelning; 3] = [Fordelning::Proportionell, Fordelning::Gemensam, Fordelning::Optimal];

    pub fn namn(self) -> &'static str {
        match self {
            Fordelning::Proportionell => "proportionell",
            Fordelning::Gemensam => "gemensam",
            Fordelning::Optimal => "optimal",
        }
    }

    /// The rule names as a Swedish enumeration: `proportionell, gemensam eller optimal`.
    pub fn upprakning() -> String {
        let namn: Vec<&str> = Fordelning::ALLA.iter().map(|f| f.namn()).collect();
        match namn.split_last() {
            Some((sista, [])) => sista.to_string(),
            Some((sista, forsta)) => format!("{} eller {sista}", forsta.join(", ")),
            None => String::new(),
        }
    }

    /// Parses a rule name; the error text says what is allowed.
    pub fn tolka(text: &str) -> Result<Self, String> {
        let t = text.trim().to_lowercase();
        Fordelning::ALLA
            .into_iter()
            .find(|f| f.namn() == t)
            .ok_or_else(|| format!("okänd fördelningsregel \"{text}\": ska vara {}", Fordelning::upprakning()))
    }
}

impl fmt::Display for Fordelning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.namn())
    }
}

/// A nämnd's breakdown of its basår frame (MODELL §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Kostnadsdelar {
    pub personal: Decimal,
    pub lokaler: Decimal,
    pub ovrigt: Decimal,
    pub intakter: Decimal,
}

#[derive(Debug, Clone)]
pub struct Namnd {
    pub id: String,
    pub namn: String,
    /// The frame of basår, tkr.
    pub ram: Decimal,
    /// `None` when all four breakdown columns are empty: the nämnd is indexed by PKV.
    pub delar: Option<Kostnadsdelar>,
    pub plats: Plats,
}

/// A closed set of `typ` values of a table column.
pub trait Typ: Sized + Copy {
    fn tolka(text: &str) -> Option<Self>;
    fn tillatna() -> String;
}

macro_rules! typ_enum {
    ($(#[$m:meta])* $namn:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $namn { $($variant),+ }
        impl $namn {
            pub const ALLA: &'static [$namn] = &[$($namn::$variant),+];
            pub fn namn(self) -> &'static str {
                match self { $($namn::$variant => $text),+ }
            }
            pub fn tolka(text: &str) -> Option<Self> {
                let t = crate::inlasning::normalisera(text);
                Self::ALLA.iter().copied().find(|v| crate::inlasning::normalisera(v.namn()) == t)
            }
            pub fn tillatna() -> String {
                Self::ALLA.iter().map(|v| v.namn()).collect::<Vec<_>>().join(", ")
            }
        }
        impl Typ for $namn {
            fn tolka(text: &str) -> Option<Self> {
                $namn::tolka(text)
            }
            fn tillatna() -> String {
                $namn::tillatna()
            }
        }
    };
}

typ_enum!(
    /// How a post of *skatter och generella statsbidrag* follows population, skatteunderlag and tax rate (MODELL §1).
    Intaktstyp {
        Skatt => "skatt",
        Inkomstutjamning => "inkomstutjamning",
        PerInvanare => "per_invanare",
        Fast => "fast",
    }
);

typ_enum!(
    /// A row of the pension forecast (MODELL §2, §9).
    Pensionstyp {
        Kostnad => "kostnad",
        Finansiell => "finansiell",
        IRamar => "i_ramar",
        Ansvarsforbindelse => "ansvarsforbindelse",
        Avsattning => "avsattning",
    }
);

impl Pensionstyp {
    /// Whether a row of this typ is a cost of PK(t) (MODELL §2); `ansvarsforbindelse`
    /// and `avsattning` are balances, for §9 and §12.
    pub fn i_pensionskostnad(self) -> bool {
        matches!(self, Pensionstyp::Kostnad | Pensionstyp::Finansiell | Pensionstyp::IRamar)
    }
}

typ_enum!(
    /// The line of the resultatbudget a revenue post belongs to (MODELL §12).
    Resultatrad {
        Skatteintakter => "skatteintakter",
        Statsbidrag => "statsbidrag",
    }
);

impl Resultatrad {
    /// The line of a post without `resultatrad`: skatteintäkter for `skatt`, else statsbidrag.
    pub fn standard(typ: Intaktstyp) -> Self {
        match typ {
            Intaktstyp::Skatt => Resultatrad::Skatteintakter,
            _ => Resultatrad::Statsbidrag,
        }
    }
}

typ_enum!(
    /// A central item: part of verksamhetens nettokostnad or of the finansnetto.
    Centraltyp {
        Verksamhet => "verksamhet",
        Finans => "finans",
    }
);

typ_enum!(
    /// A VF item adds to or cuts from a nämnd's frame.
    VfTyp {
        Tillskott => "tillskott",
        Minskning => "minskning",
    }
);

#[derive(Debug, Clone)]
pub struct Intaktspost {
    pub post: String,
    pub typ: Intaktstyp,
    pub belopp: Arsrad,
    /// Skatteintäkter or generella statsbidrag och utjämning (MODELL §12).
    pub resultatrad: Resultatrad,
}

#[derive(Debug, Clone)]
pub struct Pensionspost {
    pub post: String,
    pub typ: Pensionstyp,
    pub belopp: Arsrad,
}

#[derive(Debug, Clone)]
pub struct Centralpost {
    pub post: String,
    pub typ: Centraltyp,
    pub belopp: Arsrad,
}

/// An age group of the population table: persons at 31 December per year.
#[derive(Debug, Clone)]
pub struct Aldersgrupp {
    pub namn: String,
    pub antal: Arsrad,
}

/// A nämnd's cost per inhabitant of an age group, tkr at basår prices (MODELL §5).
#[derive(Debug, Clone)]
pub struct Demografi {
    pub namnd: usize,
    pub grupp: usize,
    pub kostnad_per_invanare: Decimal,
    pub plats: Plats,
}

/// An already decided change: each year's level, tkr (MODELL §4 KAND).
#[derive(Debug, Clone)]
pub struct KandForandring {
    pub namnd: usize,
    pub beskrivning: String,
    pub belopp: Arsrad,
}

/// The styrmodell's perspektiv a VF item may name, in FORMAT's order.
pub const PERSPEKTIV: [&str; 5] = ["invånare", "ekonomi", "medarbetare", "samhälle och miljö", "värdegrund"];

/// An item of a nämnd's VF-list (MODELL §6).
#[derive(Debug, Clone)]
pub struct VfPost {
    pub id: String,
    pub namnd: usize,
    pub rubrik: String,
    pub typ: VfTyp,
    pub prioritet: u32,
    pub belopp: Arsrad,
    pub kommunprioritet: Option<u32>,
    pub varde: Decimal,
    pub inriktningsmal: Option<u32>,
    pub perspektiv: Option<String>,
    pub konsekvens: Option<String>,
}

/// A planned investment (MODELL §8).
#[derive(Debug, Clone)]
pub struct Investering {
    pub id: String,
    pub namnd: usize,
    pub projekt: String,
    pub belopp: Decimal,
    pub aktiveringsar: Ar,
    pub avskrivningstid: u32,
    pub plats: Plats,
}

/// Which SKR series indexes which part of the cost (`modell.toml [index]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexmappning {
    pub personal: String,
    pub po: String,
    pub lokaler: String,
    pub ovrigt: String,
    pub intakter: String,
}

impl Default for Indexmappning {
    fn default() -> Self {
        Indexmappning {
            personal: "lon".into(),
            po: "po".into(),
            lokaler: "hyra".into(),
            ovrigt: "ovrigt".into(),
            intakter: "avgifter".into(),
        }
    }
}

/// `modell.toml [investeringar]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kapitalinstallningar {
    pub kapitalkostnad_i_ram: bool,
    pub laneranta: Option<Decimal>,
    /// Resolved: 100 when `laneranta` is given, else 0, unless set.
    pub lanefinansiering_procent: Decimal,
}

impl Default for Kapitalinstallningar {
    fn default() -> Self {
        Kapitalinstallningar { kapitalkostnad_i_ram: true, laneranta: None, lanefinansiering_procent: Decimal::ZERO }
    }
}

/// Opening balance at the end of basår, for soliditet (MODELL §9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balans {
    pub eget_kapital: Decimal,
    pub totala_tillgangar: Decimal,
    pub ansvarsforbindelse_pension: Decimal,
}

/// `[balans]`'s figures for the balansbudget and kassaflödesbudget (MODELL
/// §12), tkr: at the end of basår, and per year the depreciation of existing
/// assets and the amortisation. Each is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Balansposter {
    /// Enables the balansbudget.
    pub anlaggningstillgangar: Option<Decimal>,
    /// Default: the pension forecast's avsattning rows for basår, else 0.
    pub avsattningar: Option<Decimal>,
    pub langfristiga_skulder: Option<Decimal>,
    pub likvida_medel: Option<Decimal>,
    pub avskrivningar_befintliga: Arsbelopp,
    pub amortering: Arsbelopp,
    /// The line of `[balans]` in modell.toml, for messages about the balance.
    pub rad: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Koncern {
    pub balans: Balans,
    pub bolagens_resultat: Arsbelopp,
}

/// A named SKR prognosis of `[skr.prognoser]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prognos {
    pub nyckel: String,
    pub namn: String,
    pub datum: Option<String>,
}

/// One budget round of one kommun.
#[derive(Debug, Clone, Default)]
pub struct Modell {
    pub kommun: String,
    pub kommunkod: Option<String>,
    /// t0: the year of the frames in `ramar`.
    pub basar: Ar,
    /// N: budget year plus plan years.
    pub antal_ar: u32,
    pub skattesats: Decimal,
    pub loneskatt_procent: Decimal,
    pub resultat_procent: Decimal,
    pub enhet_tkr: Decimal,
    pub fordelning: Fordelning,
    /// Own forecast of invånare 1 november, keyed by the year of that date.
    pub invanare_1_november: BTreeMap<Ar, Decimal>,
    pub index: Indexmappning,
    /// The label of the SKR prognosis in use, shown in every output.
    pub skr_prognos: String,
    /// The named prognoses of `[skr.prognoser]` and the key of the one in use.
    pub prognoser: Vec<Prognos>,
    pub prognos_i_bruk: Option<String>,
    pub kapital: Kapitalinstallningar,
    pub balans: Option<Balans>,
    pub koncern: Option<Koncern>,
    /// `[balans]`'s figures for the balansbudget (MODELL §12).
    pub balansposter: Balansposter,
    /// `[inriktningsmal]`: the names of the inriktningsmål (1–5) that `vf` refers to.
    pub inriktningsmal: BTreeMap<u32, String>,
    pub namnder: Vec<Namnd>,
    /// SKR series by key: percent, levels for `po` and `internranta`.
    pub skr: BTreeMap<String, Arsrad>,
    pub intaktsposter: Vec<Intaktspost>,
    /// `Pskr`: SKR's invånare 1 november row.
    pub skr_invanare: Option<Arsrad>,
    pub befolkning: Vec<Aldersgrupp>,
    pub demografi: Vec<Demografi>,
    pub pension: Vec<Pensionspost>,
    pub centrala_poster: Vec<Centralpost>,
    pub kanda_forandringar: Vec<KandForandring>,
    pub vf: Vec<VfPost>,
    pub investeringar: Vec<Investering>,
    /// Each table's source as named in `[filer]`, for Antaganden.
    pub kallor: Vec<(String, String)>,
    /// Follow-up during the budget year (MODELL §13): `[uppfoljning]` and its tables.
    pub uppfoljning: uppfoljning::Uppfoljning,
}

impl Modell {
    /// The plan period `t0+1 … t0+N`.
    pub fn ar(&self) -> Vec<Ar> {
        (1..=self.antal_ar as Ar).map(|i| self.basar + i).collect()
    }

    /// The budget year B = t0+1.
    pub fn budgetar(&self) -> Ar {
        self.basar + 1
    }

    pub fn sista_ar(&self) -> Ar {
        self.basar + self.antal_ar as Ar
    }

    /// The source of a table (`skr.csv`, `indata.xlsx#SKR`) for messages.
    pub fn kalla(&self, tabell: &str) -> String {
        self.kallor
            .iter()
            .find(|(k, _)| k == tabell)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| format!("{}.csv", tabell.replace('_', "-")))
    }

    /// Σn ram(n,t0).
    pub fn basram(&self) -> Decimal {
        self.namnder.iter().map(|n| n.ram).sum()
    }
}

//! One SIE file, read as it streams: line by line from a `BufRead` into one
//! reused buffer, each record aggregated at once into sums per year, month,
//! account and ansvar object. Memory grows with the distinct keys, never with
//! the number of lines.
//!
//! Encoding: a file is UTF-8 when all its bytes are valid UTF-8, else code
//! page 437. Every byte with a meaning to the parser is ASCII in both, so the
//! parser works on bytes and keeps the few texts it needs (names, object
//! codes, the values quoted in error messages) as raw bytes; each line is
//! checked for UTF-8 as it passes (a line break is never inside a UTF-8
//! sequence, so the lines are valid exactly when the file is), and the raw
//! texts are decoded once at the end, all with the file's one encoding.

use super::falt::{self, OavslutatCitat, Token, Tokens};
use crate::fel::{Diagnos, Fel};
use crate::modell::Ar;
use crate::modell::uppfoljning::{Bokforingsnyckel, Kodning, Rakenskapsar, Siefil, Utfallskalla};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, Read};

/// The hot maps hash with foldhash (no DoS concern for a local file; SipHash costs a third of the time).
type Karta<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Errors kept per file; beyond this only a count (a broken 2-million-line file is one problem).
const MAX_FEL: usize = 100;

/// Longest line read: a file without line breaks is not SIE, and must not fill the memory.
const MAX_RAD: u64 = 1 << 20;

/// No object: booked without one of the ansvarsdimension.
const INGET: u32 = u32::MAX;

/// Year, month, account (interned) and object (interned, or [`INGET`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Nyckel {
    ar: i32,
    manad: u8,
    konto: u32,
    objekt: u32,
}

/// A message whose quoted value is decoded when the file's encoding is known.
struct VantandeFel {
    rad: usize,
    etikett: &'static str,
    fore: String,
    varde: Option<Vec<u8>>,
    efter: String,
}

/// An object list's pairs (dimension, object), sorted.
type Objektpar = Vec<(i64, Vec<u8>)>;

/// The sums of `#PSALDO` or `#PBUDGET` records of one file.
#[derive(Default)]
struct Perioddata {
    /// `{}`: the account's total over all objects.
    total: HashMap<Nyckel, (Decimal, usize)>,
    /// One pair of the ansvarsdimension.
    per_objekt: HashMap<Nyckel, (Decimal, usize)>,
    /// Lists that are not used (other dimensions, several pairs), for duplicates:
    /// (period, account, the list's pairs sorted) → line.
    ovriga: HashMap<(i32, u32, u32, Objektpar), usize>,
    /// (årsnr, year, month) seen, checked against `#RAR` at the end.
    perioder: BTreeSet<(i64, i32, u32)>,
}

impl Perioddata {
    /// Outcome per account, object and month: the object records, and without
    /// object the `{}` total minus the object records of the same account and period.
    fn utfall(&self) -> HashMap<Nyckel, Decimal> {
        let mut objekten: HashMap<Nyckel, Decimal> = HashMap::new();
        for (k, (v, _)) in &self.per_objekt {
            *objekten.entry(Nyckel { objekt: INGET, ..*k }).or_default() += *v;
        }
        let mut ut: HashMap<Nyckel, Decimal> = self.per_objekt.iter().map(|(k, (v, _))| (*k, *v)).collect();
        for (k, (total, _)) in &self.total {
            ut.insert(*k, total - objekten.get(k).copied().unwrap_or_default());
        }
        ut
    }
}

#[derive(Clone, Copy)]
enum Ver {
    Ingen,
    /// `#VER` read, its `{` not yet.
    Vantar {
        rad: usize,
        datum: Option<(i32, u32)>,
    },
    Oppen {
        rad: usize,
        datum: Option<(i32, u32)>,
    },
}

/// What one file gave, texts decoded, amounts still in kronor.
pub struct Fildata {
    pub fil: Siefil,
    pub utfall: BTreeMap<Bokforingsnyckel, Decimal>,
    pub budget: BTreeMap<Bokforingsnyckel, Decimal>,
    pub kontonamn: BTreeMap<String, String>,
    pub objektnamn: BTreeMap<String, String>,
    pub dimensionsnamn: Option<String>,
}

/// The streaming state of one file.
pub struct Fillasare<'n> {
    namn: &'n str,
    dim: i64,
    utf8: bool,
    rad: usize,
    konton: Karta<Box<[u8]>, u32>,
    kontotext: Vec<Box<[u8]>>,
    objekt: Karta<Box<[u8]>, u32>,
    objekttext: Vec<Box<[u8]>>,
    trans: Karta<Nyckel, Decimal>,
    trans_ar: BTreeSet<i32>,
    antal_trans: u64,
    psaldo: Perioddata,
    pbudget: Perioddata,
    kontonamn: HashMap<u32, Vec<u8>>,
    objektnamn: HashMap<u32, Vec<u8>>,
    dimnamn: Option<Vec<u8>>,
    foretag: Option<Vec<u8>>,
    rar: Vec<Rakenskapsar>,
    ver: Ver,
    fel: Vec<VantandeFel>,
    antal_fel: usize,
    /// Lines that start with a label (`#…`), known or not.
    antal_poster: u64,
}

/// A record's problem: the message before and after a quoted raw value.
struct Problem {
    fore: String,
    varde: Option<Vec<u8>>,
    efter: String,
}

fn problem(text: impl Into<String>) -> Problem {
    Problem { fore: text.into(), varde: None, efter: String::new() }
}

/// `"värde" <efter>` with the value decoded later.
fn med_varde(varde: &[u8], efter: impl Into<String>) -> Problem {
    Problem { fore: "\"".into(), varde: Some(varde.to_vec()), efter: format!("\" {}", efter.into()) }
}

type Res<T> = Result<T, Problem>;

/// The object list of a record, as far as the follow-up needs it.
struct Lista<'a> {
    par: usize,
    /// The object of the ansvarsdimension, and how many pairs of it.
    ansvar: Option<Cow<'a, [u8]>>,
    ansvar_antal: usize,
}

impl<'n> Fillasare<'n> {
    pub fn ny(namn: &'n str, ansvarsdimension: u32) -> Self {
        Fillasare {
            namn,
            dim: i64::from(ansvarsdimension),
            utf8: true,
            rad: 0,
            konton: Karta::default(),
            kontotext: Vec::new(),
            objekt: Karta::default(),
            objekttext: Vec::new(),
            trans: Karta::default(),
            trans_ar: BTreeSet::new(),
            antal_trans: 0,
            psaldo: Perioddata::default(),
            pbudget: Perioddata::default(),
            kontonamn: HashMap::new(),
            objektnamn: HashMap::new(),
            dimnamn: None,
            foretag: None,
            rar: Vec::new(),
            ver: Ver::Ingen,
            fel: Vec::new(),
            antal_fel: 0,
            antal_poster: 0,
        }
    }

    /// Reads the whole file; I/O errors are recorded as errors of the file.
    pub fn las<R: BufRead>(mut self, mut r: R, d: &mut Diagnos) -> Fildata {
        let mut buf = Vec::with_capacity(256);
        loop {
            buf.clear();
            match (&mut r).take(MAX_RAD).read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(n) if n as u64 == MAX_RAD && buf.last() != Some(&b'\n') => {
                    d.fel(Fel::new(
                        self.namn,
                        format!("rad {} är längre än 1 MiB: väntade en SIE-fil med en post per rad", self.rad + 1),
                    ));
                    return self.slutfor(d);
                }
                Ok(_) => {
                    self.rad += 1;
                    let mut rad: &[u8] = &buf;
                    while let [rest @ .., b'\n' | b'\r'] = rad {
                        rad = rest;
                    }
                    if self.rad == 1 {
                        rad = rad.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(rad);
                    }
                    if self.utf8 && !rad.is_ascii() && std::str::from_utf8(rad).is_err() {
                        self.utf8 = false;
                    }
                    self.rad_(rad);
                }
                Err(e) => {
                    d.fel(Fel::new(
                        self.namn,
                        format!("filen kan inte läsas efter rad {}: {}", self.rad, crate::fel::io_text(&e)),
                    ));
                    break;
                }
            }
        }
        match self.ver {
            Ver::Vantar { rad, .. } => {
                self.fel_pa(rad, "#VER", problem("verifikationen följs inte av ett { … }-block"))
            }
            Ver::Oppen { rad, .. } => {
                self.fel_pa(rad, "#VER", problem("verifikationens { … }-block avslutas inte med } före filens slut"))
            }
            Ver::Ingen => {}
        }
        self.slutfor(d)
    }

    fn fel_pa(&mut self, rad: usize, etikett: &'static str, p: Problem) {
        self.antal_fel += 1;
        if self.fel.len() < MAX_FEL {
            self.fel.push(VantandeFel { rad, etikett, fore: p.fore, varde: p.varde, efter: p.efter });
        }
    }

    /// One line.
    #[inline]
    fn rad_(&mut self, rad: &[u8]) {
        let mut t = Tokens::ny(rad);
        let forsta = match t.nasta() {
            None => return,
            Some(Ok(Token::Oppna)) => return self.oppna(),
            Some(Ok(Token::Stang)) => return self.stang(),
            Some(Ok(Token::Falt { text, citerat: false })) if text.first() == Some(&b'#') => text,
            // Lines without a label are skipped.
            Some(_) => return,
        };
        // A SIE label is `#` and letters (`#FLAGGA`); `# a comment` of another file is none.
        if forsta.len() > 1 && forsta[1..].iter().all(u8::is_ascii_alphabetic) {
            self.antal_poster += 1;
        }
        let Some(etikett) = ETIKETTER.iter().find(|e| e.as_bytes().eq_ignore_ascii_case(&forsta)).copied() else {
            // Unknown labels are skipped.
            return;
        };
        let r = match etikett {
            "#TRANS" => self.trans(&mut t),
            "#RTRANS" | "#BTRANS" => self.i_ver(etikett).map(|_| ()),
            "#VER" => self.verifikation(&mut t),
            "#PSALDO" => self.periodpost(&mut t, false),
            "#PBUDGET" => self.periodpost(&mut t, true),
            "#RAR" => self.rakenskapsar(&mut t),
            "#KONTO" => self.kontopost(&mut t),
            "#OBJEKT" => self.objektpost(&mut t),
            "#DIM" => self.dimpost(&mut t),
            "#FNAMN" => self.fnamn(&mut t),
            _ => Ok(()),
        };
        if let Err(p) = r {
            let rad = self.rad;
            self.fel_pa(rad, etikett, p);
        }
    }

    fn oppna(&mut self) {
        match self.ver {
            Ver::Vantar { rad, datum } => self.ver = Ver::Oppen { rad, datum },
            _ => {
                let rad = self.rad;
                self.fel_pa(rad, "{", problem("{ utan en #VER före: ett { … }-block hör till en verifikation"));
            }
        }
    }

    fn stang(&mut self) {
        match self.ver {
            Ver::Oppen { .. } => self.ver = Ver::Ingen,
            _ => {
                let rad = self.rad;
                self.fel_pa(rad, "}", problem("} utan ett öppet { … }-block"));
            }
        }
    }

    /// The date of the open `#VER` block a transaction line is in.
    fn i_ver(&mut self, etikett: &str) -> Res<Option<(i32, u32)>> {
        match self.ver {
            Ver::Oppen { datum, .. } => Ok(datum),
            Ver::Vantar { rad, datum } => {
                // Reported once; the block is taken as open.
                self.ver = Ver::Oppen { rad, datum };
                Err(problem(format!("#VER på rad {rad} följs inte av {{: väntade {{ på egen rad före {etikett}")))
            }
            Ver::Ingen => Err(problem(format!("{etikett} utanför ett #VER-block: väntade #VER och {{ före"))),
        }
    }

    fn verifikation(&mut self, t: &mut Tokens<'_>) -> Res<()> {
        let rad = self.rad;
        match self.ver {
            Ver::Oppen { rad: forra, .. } => self.fel_pa(
                forra,
                "#VER",
                problem(format!("verifikationens {{ … }}-block avslutas inte med }} före nästa #VER på rad {rad}")),
            ),
            Ver::Vantar { rad: forra, .. } => {
                self.fel_pa(forra, "#VER", problem("verifikationen följs inte av ett { … }-block"))
            }
            Ver::Ingen => {}
        }
        self.ver = Ver::Vantar { rad, datum: None };
        falt_text(t, "serie")?;
        falt_text(t, "verifikationsnummer")?;
        let d = falt_text(t, "verdatum (ÅÅÅÅMMDD)")?;
        let datum = falt::datum(&d).ok_or_else(|| med_varde(&d, "är inget datum: väntade verdatum som ÅÅÅÅMMDD"))?;
        self.ver = Ver::Vantar { rad, datum: Some(datum) };
        Ok(())
    }

    #[inline]
    fn trans(&mut self, t: &mut Tokens<'_>) -> Res<()> {
        let verdatum = self.i_ver("#TRANS")?;
        let konto = self.konto(t)?;
        let lista = self.lista(t)?;
        let belopp = belopp(t, "belopp")?;
        let datum = match t.nasta() {
            None => None,
            Some(Err(OavslutatCitat)) => return Err(problem("ett citerat fält avslutas inte med \"")),
            Some(Ok(Token::Falt { text, .. })) if text.is_empty() => None,
            Some(Ok(Token::Falt { text, .. })) => Some(
                falt::datum(&text).ok_or_else(|| med_varde(&text, "är inget datum: väntade transdat som ÅÅÅÅMMDD"))?,
            ),
            Some(Ok(_)) => return Err(problem("väntade transdat som ÅÅÅÅMMDD efter beloppet")),
        };
        resten(t)?;
        if lista.ansvar_antal > 1 {
            return Err(problem(format!(
                "objektlistan har {} objekt i ansvarsdimensionen {}: väntade högst ett",
                lista.ansvar_antal, self.dim
            )));
        }
        // A transaction without a date of its own in a #VER without a valid date is already an error.
        let Some((ar, manad)) = datum.or(verdatum) else { return Ok(()) };
        let objekt = match lista.ansvar {
            Some(o) => self.objekt_id(&o),
            None => INGET,
        };
        self.antal_trans += 1;
        self.trans_ar.insert(ar);
        let post = self.trans.entry(Nyckel { ar, manad: manad as u8, konto, objekt }).or_default();
        *post = post.checked_add(belopp).ok_or_else(|| problem("summan blir för stor för ett belopp"))?;
        Ok(())
    }

    fn periodpost(&mut self, t: &mut Tokens<'_>, budget: bool) -> Res<()> {
        let arsnr = falt_text(t, "årsnummer")?;
        let arsnr = falt::heltal(&arsnr)
            .ok_or_else(|| med_varde(&arsnr, "är inget årsnummer: väntade ett heltal (0, -1, …)"))?;
        let p = falt_text(t, "period (ÅÅÅÅMM)")?;
        let (ar, manad) = falt::period(&p).ok_or_else(|| med_varde(&p, "är ingen period: väntade ÅÅÅÅMM"))?;
        let konto = self.konto(t)?;
        let (text, start) = t.rest();
        let lista = self.lista(t)?;
        let saldo = belopp(t, if budget { "belopp" } else { "saldo" })?;
        resten(t)?;
        let rad = self.rad;
        // Only lists with exactly one pair, of the ansvarsdimension, or none are used.
        let anvand = lista.par == 0 || (lista.par == 1 && lista.ansvar_antal == 1);
        let objekt = match (&lista.ansvar, anvand) {
            (Some(o), true) => self.objekt_id(o),
            _ => INGET,
        };
        let data = if budget { &mut self.pbudget } else { &mut self.psaldo };
        data.perioder.insert((arsnr, ar, manad));
        let tidigare = if anvand {
            let karta = if objekt == INGET { &mut data.total } else { &mut data.per_objekt };
            match karta.entry(Nyckel { ar, manad: manad as u8, konto, objekt }) {
                Entry::Occupied(e) => Some(e.get().1),
                Entry::Vacant(e) => {
                    e.insert((saldo, rad));
                    None
                }
            }
        } else {
            match data.ovriga.entry((ar, manad, konto, kanonisk_lista(&text[start..]))) {
                Entry::Occupied(e) => Some(*e.get()),
                Entry::Vacant(e) => {
                    e.insert(rad);
                    None
                }
            }
        };
        match tidigare {
            Some(forra) => Err(problem(format!(
                "samma period, konto och objektlista som på rad {forra}: varje period får bara stå en gång per konto och objektlista"
            ))),
            None => Ok(()),
        }
    }

    fn rakenskapsar(&mut self, t: &mut Tokens<'_>) -> Res<()> {
        let nr = falt_text(t, "årsnummer")?;
        let arsnr =
            falt::heltal(&nr).ok_or_else(|| med_varde(&nr, "är inget årsnummer: väntade ett heltal (0, -1, …)"))?;
        let s = falt_text(t, "startdatum (ÅÅÅÅMMDD)")?;
        let start =
            falt::hela_datum(&s).ok_or_else(|| med_varde(&s, "är inget datum: väntade startdatum som ÅÅÅÅMMDD"))?;
        let s = falt_text(t, "slutdatum (ÅÅÅÅMMDD)")?;
        let slut =
            falt::hela_datum(&s).ok_or_else(|| med_varde(&s, "är inget datum: väntade slutdatum som ÅÅÅÅMMDD"))?;
        if slut < start {
            return Err(problem(format!("räkenskapsåret slutar ({slut}) före det börjar ({start})")));
        }
        if let Some(forra) = self.rar.iter().find(|r| i64::from(r.arsnr) == arsnr) {
            if forra.start != start || forra.slut != slut {
                return Err(problem(format!("årsnummer {arsnr} står redan med andra datum")));
            }
            return Ok(());
        }
        let arsnr = i32::try_from(arsnr).map_err(|_| problem("årsnumret är orimligt stort"))?;
        self.rar.push(Rakenskapsar { arsnr, start, slut });
        Ok(())
    }

    fn kontopost(&mut self, t: &mut Tokens<'_>) -> Res<()> {
        let konto = self.konto(t)?;
        let namn = falt_text(t, "kontonamn").unwrap_or_default();
        self.kontonamn.entry(konto).or_insert_with(|| namn.into_owned());
        Ok(())
    }

    fn objektpost(&mut self, t: &mut Tokens<'_>) -> Res<()> {
        let d = falt_text(t, "dimensionsnummer")?;
        let dim = falt::heltal(&d).ok_or_else(|| med_varde(&d, "är ingen dimension: väntade ett heltal"))?;
        let objekt = falt_text(t, "objektkod")?;
        let namn = falt_text(t, "objektnamn").unwrap_or_default();
        if dim == self.dim {
            let id = self.objekt_id(&objekt);
            self.objektnamn.entry(id).or_insert_with(|| namn.into_owned());
        }
        Ok(())
    }

    fn dimpost(&mut self, t: &mut Tokens<'_>) -> Res<()> {
        let d = falt_text(t, "dimensionsnummer")?;
        let dim = falt::heltal(&d).ok_or_else(|| med_varde(&d, "är ingen dimension: väntade ett heltal"))?;
        let namn = falt_text(t, "dimensionsnamn").unwrap_or_default();
        if dim == self.dim && self.dimnamn.is_none() {
            self.dimnamn = Some(namn.into_owned());
        }
        Ok(())
    }

    fn fnamn(&mut self, t: &mut Tokens<'_>) -> Res<()> {
        if let Ok(n) = falt_text(t, "företagsnamn") {
            self.foretag.get_or_insert_with(|| n.into_owned());
        }
        Ok(())
    }

    /// An account field, interned.
    #[inline]
    fn konto(&mut self, t: &mut Tokens<'_>) -> Res<u32> {
        let k = falt_text(t, "kontonummer")?;
        if !falt::konto(&k) {
            return Err(med_varde(&k, "är inget kontonummer: väntade siffror, minst fyra"));
        }
        if let Some(&id) = self.konton.get(&*k) {
            return Ok(id);
        }
        let id = self.kontotext.len() as u32;
        self.kontotext.push(k.clone().into_owned().into_boxed_slice());
        self.konton.insert(k.into_owned().into_boxed_slice(), id);
        Ok(id)
    }

    #[inline]
    fn objekt_id(&mut self, o: &[u8]) -> u32 {
        if let Some(&id) = self.objekt.get(o) {
            return id;
        }
        let id = self.objekttext.len() as u32;
        self.objekttext.push(o.into());
        self.objekt.insert(o.into(), id);
        id
    }

    /// An object list `{dim objekt …}`.
    #[inline]
    fn lista<'a>(&self, t: &mut Tokens<'a>) -> Res<Lista<'a>> {
        match t.nasta() {
            Some(Ok(Token::Oppna)) => {}
            Some(Err(OavslutatCitat)) => return Err(problem("ett citerat fält avslutas inte med \"")),
            _ => return Err(problem("väntade en objektlista {…} efter kontot (tom: {})")),
        }
        let mut lista = Lista { par: 0, ansvar: None, ansvar_antal: 0 };
        loop {
            let dim = match t.nasta() {
                Some(Ok(Token::Stang)) => return Ok(lista),
                Some(Ok(Token::Falt { text, .. })) => text,
                Some(Ok(Token::Oppna)) => return Err(problem("objektlistan har ett { för mycket")),
                Some(Err(OavslutatCitat)) => return Err(problem("ett citerat fält avslutas inte med \"")),
                None => return Err(problem("objektlistan avslutas inte med }")),
            };
            let dim = falt::heltal(&dim).ok_or_else(|| {
                med_varde(&dim, "är ingen dimension: objektlistan ska bestå av par av dimension och objekt")
            })?;
            let objekt = match t.nasta() {
                Some(Ok(Token::Falt { text, .. })) => text,
                Some(Err(OavslutatCitat)) => return Err(problem("ett citerat fält avslutas inte med \"")),
                _ => {
                    return Err(problem(format!(
                        "dimension {dim} i objektlistan saknar objekt: väntade par av dimension och objekt"
                    )));
                }
            };
            lista.par += 1;
            if dim == self.dim {
                lista.ansvar_antal += 1;
                lista.ansvar = Some(objekt);
            }
        }
    }

    /// Texts decoded, per-year choice of TRANS or PSALDO, errors handed over.
    fn slutfor(mut self, d: &mut Diagnos) -> Fildata {
        let kodning = if self.utf8 { Kodning::Utf8 } else { Kodning::Cp437 };
        let text = |b: &[u8]| super::kodning::avkoda(b, kodning);
        // Periods outside the fiscal year their årsnr names.
        for (data, etikett) in [(&self.psaldo, "#PSALDO"), (&self.pbudget, "#PBUDGET")] {
            for &(arsnr, ar, manad) in &data.perioder {
                if let Some(r) = self.rar.iter().find(|r| i64::from(r.arsnr) == arsnr) {
                    let p = (ar, manad);
                    if p < (r.start.ar, r.start.manad) || p > (r.slut.ar, r.slut.manad) {
                        d.varning(Fel::new(
                            self.namn,
                            format!(
                                "{etikett}: perioden {ar:04}{manad:02} ligger utanför räkenskapsår {arsnr} enligt #RAR ({}–{}); perioden räknas till {ar:04}-{manad:02}",
                                r.start, r.slut
                            ),
                        ));
                    }
                }
            }
        }
        for f in std::mem::take(&mut self.fel) {
            let mut m = f.fore;
            if let Some(v) = &f.varde {
                m.push_str(&text(v));
            }
            m.push_str(&f.efter);
            d.fel(Fel::new(self.namn, m).rad(f.rad).post(f.etikett));
        }
        if self.antal_poster == 0 && self.antal_fel == 0 {
            d.fel(Fel::new(
                self.namn,
                "filen har inga SIE-poster (rader som #VER, #TRANS, #PSALDO, #PBUDGET, #KONTO): väntade en SIE-fil",
            ));
        }
        if self.antal_fel > MAX_FEL {
            d.fel(Fel::new(
                self.namn,
                format!("och {} fel till i filen (bara de {MAX_FEL} första visas)", self.antal_fel - MAX_FEL),
            ));
        }
        let konto = |id: u32| String::from_utf8_lossy(&self.kontotext[id as usize]).into_owned();
        let objektet = |id: u32| (id != INGET).then(|| text(&self.objekttext[id as usize]));
        let nyckel = |k: &Nyckel| Bokforingsnyckel {
            ar: k.ar,
            manad: u32::from(k.manad),
            konto: konto(k.konto),
            objekt: objektet(k.objekt),
        };
        let mut kallor: BTreeMap<Ar, Utfallskalla> = self.trans_ar.iter().map(|&a| (a, Utfallskalla::Trans)).collect();
        let mut utfall: BTreeMap<Bokforingsnyckel, Decimal> = self.trans.iter().map(|(k, v)| (nyckel(k), *v)).collect();
        for (k, v) in self.psaldo.utfall() {
            if !self.trans_ar.contains(&k.ar) {
                kallor.insert(k.ar, Utfallskalla::Psaldo);
                utfall.insert(nyckel(&k), v);
            }
        }
        let budget: BTreeMap<Bokforingsnyckel, Decimal> =
            self.pbudget.utfall().iter().map(|(k, v)| (nyckel(k), *v)).collect();
        let budgetar: BTreeSet<Ar> = budget.keys().map(|k| k.ar).collect();
        Fildata {
            fil: Siefil {
                namn: self.namn.to_string(),
                kodning,
                foretag: self.foretag.as_deref().map(text),
                rakenskapsar: self.rar.clone(),
                utfall: kallor,
                budget: budgetar.into_iter().collect(),
                antal_trans: self.antal_trans,
            },
            utfall,
            budget,
            kontonamn: self.kontonamn.iter().map(|(k, n)| (konto(*k), text(n))).collect(),
            objektnamn: self.objektnamn.iter().filter_map(|(o, n)| Some((objektet(*o)?, text(n)))).collect(),
            dimensionsnamn: self.dimnamn.as_deref().map(text),
        }
    }
}

/// The labels the reader knows; every other is skipped.
const ETIKETTER: [&str; 12] = [
    "#TRANS", "#RTRANS", "#BTRANS", "#VER", "#PSALDO", "#PBUDGET", "#RAR", "#KONTO", "#OBJEKT", "#DIM", "#FNAMN",
    "#FORMAT",
];

/// The next field's text; `vad` names it when it is missing.
#[inline]
fn falt_text<'a>(t: &mut Tokens<'a>, vad: &str) -> Res<Cow<'a, [u8]>> {
    match t.nasta() {
        Some(Ok(Token::Falt { text, .. })) => Ok(text),
        Some(Err(OavslutatCitat)) => Err(problem("ett citerat fält avslutas inte med \"")),
        Some(Ok(_)) => Err(problem(format!("väntade {vad}, inte {{ eller }}"))),
        None => Err(problem(format!("{vad} saknas"))),
    }
}

#[inline]
fn belopp(t: &mut Tokens<'_>, vad: &str) -> Res<Decimal> {
    let b = falt_text(t, vad)?;
    let x = falt::belopp(&b).ok_or_else(|| {
        med_varde(
            &b,
            format!("är inget belopp: väntade {vad} i kronor med punkt som decimaltecken, till exempel -1234.50"),
        )
    })?;
    // The tables' limit (10¹² tkr) in kronor: sums of any file stay exact.
    if x.abs() > Decimal::from(crate::inlasning::tabell::MAX_BELOPP) * Decimal::ONE_THOUSAND {
        return Err(med_varde(&b, "är orimligt stort: högst 1 000 000 000 000 000 kr i en post".to_string()));
    }
    Ok(x)
}

/// The fields after the last one used: only a quote left open is wrong there.
#[inline]
fn resten(t: &mut Tokens<'_>) -> Res<()> {
    while let Some(x) = t.nasta() {
        if x.is_err() {
            return Err(problem("ett citerat fält avslutas inte med \""));
        }
    }
    Ok(())
}

/// The pairs of an object list (starting at its `{`), sorted, for comparing two lists.
fn kanonisk_lista(text: &[u8]) -> Objektpar {
    let mut t = Tokens::ny(text);
    let mut ut = Vec::new();
    let mut falt = Vec::new();
    while let Some(Ok(x)) = t.nasta() {
        match x {
            Token::Oppna => {}
            Token::Stang => break,
            Token::Falt { text, .. } => falt.push(text.into_owned()),
        }
    }
    for par in falt.chunks(2) {
        if let [d, o] = par {
            ut.push((falt::heltal(d).unwrap_or_default(), o.clone()));
        }
    }
    ut.sort();
    ut
}

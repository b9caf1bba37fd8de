//! Values out of a TOML file with the line they stand on, so that every
//! error names file, line and key. Numbers are read exactly from their text
//! (never through f64), and may be Swedish strings (`"22,17"`).

use crate::fel::{Diagnos, Fel};
use crate::modell::{Ar, Arsbelopp};
use crate::tal::{TalFel, las_tal};
use rust_decimal::Decimal;
use std::ops::Range;
use std::str::FromStr;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub type Varde<'a> = Spanned<DeValue<'a>>;

/// A parsed TOML document and its file name.
pub struct Toml<'a> {
    pub fil: String,
    text: &'a str,
}

impl<'a> Toml<'a> {
    /// Parses `text`; a syntax error names its line.
    pub fn las(fil: &str, text: &'a str) -> Result<(Self, Spanned<DeTable<'a>>), Fel> {
        let dok = Toml { fil: fil.to_string(), text };
        match DeTable::parse(text) {
            Ok(t) => Ok((dok, t)),
            Err(e) => {
                let start = e.span().map(|s| s.start).unwrap_or(0);
                let tecken =
                    dok.text[..start.min(dok.text.len())].rsplit('\n').next().unwrap_or("").chars().count() + 1;
                let mening = syntaxfel(e.message());
                Err(Fel::new(fil, format!("filen är inte giltig TOML (tecken {tecken}: {mening})")).rad(dok.rad(start)))
            }
        }
    }

    pub fn rad(&self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        self.text.as_bytes()[..pos].iter().filter(|&&b| b == b'\n').count() + 1
    }

    pub fn fel(&self, span: Range<usize>, nyckel: &str, meddelande: impl Into<String>) -> Fel {
        Fel::new(&self.fil, meddelande).rad(self.rad(span.start)).kolumn(nyckel)
    }

    /// A number: TOML integer or float, or a string in Swedish format.
    pub fn tal(&self, v: &Varde<'a>, nyckel: &str, d: &mut Diagnos) -> Option<Decimal> {
        let r = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => Decimal::from_str(&i.as_str().replace('_', "")).ok(),
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok().map(Decimal::from),
            DeValue::Float(f) => {
                let t = f.as_str().replace('_', "");
                if t.contains(['e', 'E']) { Decimal::from_scientific(&t).ok() } else { Decimal::from_str(&t).ok() }
            }
            DeValue::String(s) => match las_tal(s) {
                Ok((x, false)) => Some(x),
                Ok((_, true)) | Err(TalFel::InteTal) | Err(TalFel::Tom) => {
                    d.fel(self.fel(v.span(), nyckel, format!("\"{s}\" är inte ett tal")));
                    return None;
                }
                Err(TalFel::ForStort) => None,
            },
            annat => {
                d.fel(self.fel(v.span(), nyckel, format!("ett tal förväntas, inte {}", typnamn(annat))));
                return None;
            }
        };
        match r {
            Some(x) if x.abs() <= Decimal::from(super::tabell::MAX_BELOPP) => Some(x),
            _ => {
                d.fel(self.fel(v.span(), nyckel, "talet är orimligt stort eller kan inte läsas"));
                None
            }
        }
    }

    /// A number within `min..=max` (a plausible range; `enhet` names its unit
    /// in the message): outside it is an error naming the key.
    pub fn tal_inom(&self, v: &Varde<'a>, nyckel: &str, inom: Intervall, d: &mut Diagnos) -> Option<Decimal> {
        let x = self.tal(v, nyckel, d)?;
        if inom.rymmer(x) {
            Some(x)
        } else {
            d.fel(self.fel(v.span(), nyckel, inom.fel(x)));
            None
        }
    }

    /// A table keyed by year whose values must lie within `inom`.
    pub fn arskarta_inom(&self, v: &Varde<'a>, nyckel: &str, inom: Intervall, d: &mut Diagnos) -> Arsbelopp {
        let karta = self.arskarta(v, nyckel, d);
        if let DeValue::Table(t) = v.get_ref() {
            for (k, x) in t {
                if let Ok(ar) = k.get_ref().trim().parse::<Ar>()
                    && let Some(&varde) = karta.get(&ar)
                    && !inom.rymmer(varde)
                {
                    d.fel(self.fel(x.span(), &format!("{nyckel}.{}", k.get_ref()), inom.fel(varde)));
                }
            }
        }
        karta.into_iter().filter(|(_, x)| inom.rymmer(*x)).collect()
    }

    /// A whole number within `min..=max`.
    pub fn heltal(&self, v: &Varde<'a>, nyckel: &str, min: i64, max: i64, d: &mut Diagnos) -> Option<i64> {
        let x = self.tal(v, nyckel, d)?;
        match rust_decimal::prelude::ToPrimitive::to_i64(&x) {
            Some(i) if x.fract().is_zero() && (min..=max).contains(&i) => Some(i),
            _ => {
                d.fel(self.fel(v.span(), nyckel, format!("ett heltal mellan {min} och {max} förväntas")));
                None
            }
        }
    }

    pub fn text(&self, v: &Varde<'a>, nyckel: &str, d: &mut Diagnos) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) if s.chars().count() > super::tabell::MAX_TEXTLANGD => {
                let n = s.chars().count();
                let max = super::tabell::MAX_TEXTLANGD;
                d.fel(self.fel(
                    v.span(),
                    nyckel,
                    format!("texten har {n} tecken; högst {max} (Excels gräns för en cell)"),
                ));
                None
            }
            DeValue::String(s) => Some(s.to_string()),
            DeValue::Integer(i) => Some(i.as_str().to_string()),
            annat => {
                d.fel(self.fel(v.span(), nyckel, format!("en text förväntas, inte {}", typnamn(annat))));
                None
            }
        }
    }

    pub fn sanningsvarde(&self, v: &Varde<'a>, nyckel: &str, d: &mut Diagnos) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            DeValue::String(s) if matches!(s.to_lowercase().as_str(), "true" | "ja" | "sant") => Some(true),
            DeValue::String(s) if matches!(s.to_lowercase().as_str(), "false" | "nej" | "falskt") => Some(false),
            annat => {
                d.fel(self.fel(v.span(), nyckel, format!("true eller false förväntas, inte {}", typnamn(annat))));
                None
            }
        }
    }

    pub fn tabell<'b>(&self, v: &'b Varde<'a>, nyckel: &str, d: &mut Diagnos) -> Option<&'b DeTable<'a>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            annat => {
                d.fel(self.fel(v.span(), nyckel, format!("en tabell förväntas, inte {}", typnamn(annat))));
                None
            }
        }
    }

    /// A table keyed by year (`2026 = -1.0`).
    pub fn arskarta(&self, v: &Varde<'a>, nyckel: &str, d: &mut Diagnos) -> Arsbelopp {
        let mut ut = Arsbelopp::new();
        let Some(t) = self.tabell(v, nyckel, d) else { return ut };
        for (k, x) in t {
            let namn = format!("{nyckel}.{}", k.get_ref());
            match k.get_ref().trim().parse::<Ar>() {
                Ok(ar) if (1900..=2199).contains(&ar) => {
                    if let Some(belopp) = self.tal(x, &namn, d) {
                        ut.insert(ar, belopp);
                    }
                }
                _ => d.fel(self.fel(k.span(), &namn, format!("\"{}\" är inte ett årtal", k.get_ref()))),
            }
        }
        ut
    }

    /// Reports every key of `t` that is not in `kanda` as an error, with the
    /// closest known key suggested: a misspelt key must never silently fall
    /// back to its default.
    pub fn okanda_nycklar(&self, t: &DeTable<'a>, prefix: &str, kanda: &[&str], d: &mut Diagnos) {
        for k in t.keys() {
            let nyckel = k.get_ref().as_ref();
            if kanda.contains(&nyckel) {
                continue;
            }
            let namn = |n: &str| if prefix.is_empty() { n.to_string() } else { format!("{prefix}.{n}") };
            let text = match narmast(nyckel, kanda) {
                Some(forslag) => format!("okänd nyckel: menar du {}? (kända: {})", namn(forslag), kanda.join(", ")),
                None if kanda.is_empty() => "okänd nyckel: här finns inga nycklar".to_string(),
                None => format!("okänd nyckel (kända: {})", kanda.join(", ")),
            };
            d.fel(self.fel(k.span(), &namn(nyckel), text));
        }
    }
}

/// A plausible range of a lever, with its unit for the message.
#[derive(Debug, Clone, Copy)]
pub struct Intervall {
    pub min: Decimal,
    pub max: Decimal,
    pub enhet: &'static str,
}

impl Intervall {
    pub const fn ny(min: i64, max: i64, enhet: &'static str) -> Self {
        const fn d(x: i64) -> Decimal {
            let a = x.unsigned_abs();
            Decimal::from_parts(a as u32, (a >> 32) as u32, 0, x < 0, 0)
        }
        Intervall { min: d(min), max: d(max), enhet }
    }
    pub fn rymmer(&self, x: Decimal) -> bool {
        self.min <= x && x <= self.max
    }
    pub fn fel(&self, x: Decimal) -> String {
        format!(
            "{} {} ligger utanför det rimliga intervallet {} till {} {}",
            svensk_tal(x),
            self.enhet,
            svensk_tal(self.min),
            svensk_tal(self.max),
            self.enhet
        )
    }
}

use crate::tal::svensk_tal;

/// The known key closest to a misspelt one, when it is close enough to be
/// what the user meant (a few letters added, dropped, swapped or changed).
pub fn narmast<'k>(nyckel: &str, kanda: &[&'k str]) -> Option<&'k str> {
    let n = super::normalisera(nyckel);
    kanda
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&n, &super::normalisera(k)), *k))
        .filter(|(avstand, k)| *avstand <= (k.chars().count() / 3).clamp(1, 4))
        .min_by_key(|(avstand, _)| *avstand)
        .map(|(_, k)| k)
}

/// The TOML parser's message in Swedish.
fn syntaxfel(engelska: &str) -> &'static str {
    const OVERSATTNINGAR: &[(&str, &str)] = &[
        ("extra `=`", "ett likhetstecken för mycket"),
        ("invalid basic string", "texten saknar sitt avslutande citattecken (\")"),
        ("invalid literal string", "texten saknar sitt avslutande citattecken (')"),
        ("unclosed table", "tabellrubriken saknar sin avslutande ]"),
        ("unclosed array", "listan saknar sin avslutande ]"),
        ("unclosed inline table", "tabellen saknar sin avslutande }"),
        ("duplicate key", "nyckeln eller tabellen står redan tidigare i filen"),
        ("invalid boolean", "ett sanningsvärde ska skrivas true eller false"),
        ("string values must be quoted", "text ska stå inom citattecken, till exempel \"Hedemora kommun\""),
        ("unquoted keys cannot be empty", "en nyckel saknas före likhetstecknet"),
        ("invalid unquoted key", "en nyckel får bara innehålla a–z, 0–9, - och _ (annars inom citattecken)"),
        ("invalid date", "ogiltigt datum"),
        ("invalid time", "ogiltig tid"),
        ("unexpected leading zero", "ett tal får inte börja med 0"),
        ("invalid table header", "ogiltig tabellrubrik"),
        ("invalid inline table", "ogiltig tabell"),
        ("invalid array", "ogiltig lista"),
        ("invalid integer", "ogiltigt heltal"),
        ("invalid float", "ogiltigt decimaltal"),
        ("expected newline", "raden fortsätter efter värdet: en ny rad förväntas"),
        ("missing assignment", "ett likhetstecken (=) saknas"),
        ("expected `=`", "ett likhetstecken (=) saknas"),
    ];
    OVERSATTNINGAR.iter().find(|(en, _)| engelska.contains(en)).map(|(_, sv)| *sv).unwrap_or("ogiltig syntax")
}

fn typnamn(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "en text",
        DeValue::Integer(_) | DeValue::Float(_) => "ett tal",
        DeValue::Boolean(_) => "ett sanningsvärde",
        DeValue::Datetime(_) => "ett datum",
        DeValue::Array(_) => "en lista",
        DeValue::Table(_) => "en tabell",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn tal_exakt_och_svenska() {
        let text = "a = 22.17\nb = \"22,17\"\nc = 1_000\nd = \"x\"\n";
        let (dok, t) = Toml::las("m.toml", text).unwrap();
        let mut d = Diagnos::default();
        let t = t.get_ref();
        assert_eq!(dok.tal(&t["a"], "a", &mut d), Some(dec!(22.17)));
        assert_eq!(dok.tal(&t["b"], "b", &mut d), Some(dec!(22.17)));
        assert_eq!(dok.tal(&t["c"], "c", &mut d), Some(dec!(1000)));
        assert_eq!(dok.tal(&t["d"], "d", &mut d), None);
        assert_eq!(d.fel[0].rad, Some(4));
        assert_eq!(d.fel[0].kolumn.as_deref(), Some("d"));
    }

    #[test]
    fn syntaxfel_pa_svenska_med_rad_och_tecken() {
        let fel = Toml::las("s.toml", "a = 1\nb = = 2\n").err().unwrap();
        assert_eq!(fel.rad, Some(2));
        assert_eq!(fel.meddelande, "filen är inte giltig TOML (tecken 5: ett likhetstecken för mycket)");
        let fel = Toml::las("s.toml", "namn = \"Bas\n").err().unwrap();
        assert_eq!(
            fel.meddelande,
            "filen är inte giltig TOML (tecken 12: texten saknar sitt avslutande citattecken (\"))"
        );
    }

    #[test]
    fn okand_nyckel_far_forslag() {
        let text = "lanefinansierings_procent = 50\nhelt_okand = 1\n";
        let (dok, t) = Toml::las("modell.toml", text).unwrap();
        let mut d = Diagnos::default();
        dok.okanda_nycklar(t.get_ref(), "investeringar", &["laneranta", "lanefinansiering_procent"], &mut d);
        assert_eq!(d.fel.len(), 2);
        let fel = |k: &str| d.fel.iter().find(|f| f.kolumn.as_deref() == Some(k)).unwrap();
        let stavfel = fel("investeringar.lanefinansierings_procent");
        assert!(stavfel.meddelande.starts_with("okänd nyckel: menar du investeringar.lanefinansiering_procent?"));
        assert_eq!(stavfel.rad, Some(1));
        assert_eq!(
            fel("investeringar.helt_okand").meddelande,
            "okänd nyckel (kända: laneranta, lanefinansiering_procent)"
        );
        assert_eq!(narmast("resultat_procnet", &["resultat_procent"]), Some("resultat_procent"));
        assert_eq!(narmast("x", &["resultat_procent"]), None);
    }
}

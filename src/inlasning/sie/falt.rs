//! The fields of a SIE line: tokens separated by spaces or tabs; a field in
//! double quotes may hold spaces, and inside it `\"` is a quote and `\\` a
//! backslash; `{` and `}` delimit object lists (and `#VER` blocks). Works on
//! the line's bytes (every character with a meaning is ASCII, in code page
//! 437 and UTF-8 alike) and borrows from the line unless a field has escapes.

use std::borrow::Cow;

/// One token of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// A field, quoted or not, with its escapes resolved.
    Falt { text: Cow<'a, [u8]>, citerat: bool },
    /// `{`
    Oppna,
    /// `}`
    Stang,
}

/// A quoted field that does not end on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OavslutatCitat;

/// The tokens of one line, in order.
pub struct Tokens<'a> {
    rad: &'a [u8],
    pos: usize,
}

fn mellanrum(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

impl<'a> Tokens<'a> {
    pub fn ny(rad: &'a [u8]) -> Self {
        Tokens { rad, pos: 0 }
    }

    /// The line and the position of the next token.
    pub fn rest(&self) -> (&'a [u8], usize) {
        (self.rad, self.pos)
    }

    /// The next token, `None` at the end of the line.
    #[inline]
    pub fn nasta(&mut self) -> Option<Result<Token<'a>, OavslutatCitat>> {
        let r = self.rad;
        while self.pos < r.len() && mellanrum(r[self.pos]) {
            self.pos += 1;
        }
        if self.pos >= r.len() {
            return None;
        }
        let start = self.pos;
        match r[start] {
            b'{' => {
                self.pos += 1;
                Some(Ok(Token::Oppna))
            }
            b'}' => {
                self.pos += 1;
                Some(Ok(Token::Stang))
            }
            b'"' => Some(self.citerat(start + 1)),
            _ => {
                let mut i = start;
                while i < r.len() && !mellanrum(r[i]) && r[i] != b'{' && r[i] != b'}' {
                    i += 1;
                }
                self.pos = i;
                Some(Ok(Token::Falt { text: Cow::Borrowed(&r[start..i]), citerat: false }))
            }
        }
    }

    /// A quoted field whose text starts at `fran`.
    fn citerat(&mut self, fran: usize) -> Result<Token<'a>, OavslutatCitat> {
        let r = self.rad;
        let mut i = fran;
        let mut escape = false;
        while i < r.len() {
            match r[i] {
                b'"' => {
                    self.pos = i + 1;
                    let text = &r[fran..i];
                    let text = if escape { Cow::Owned(avescapa(text)) } else { Cow::Borrowed(text) };
                    return Ok(Token::Falt { text, citerat: true });
                }
                b'\\' if i + 1 < r.len() && (r[i + 1] == b'"' || r[i + 1] == b'\\') => {
                    escape = true;
                    i += 2;
                }
                _ => i += 1,
            }
        }
        self.pos = r.len();
        Err(OavslutatCitat)
    }
}

/// `\"` → `"`, `\\` → `\`; any other backslash stays as written.
fn avescapa(text: &[u8]) -> Vec<u8> {
    let mut ut = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'\\' && i + 1 < text.len() && (text[i + 1] == b'"' || text[i + 1] == b'\\') {
            ut.push(text[i + 1]);
            i += 2;
        } else {
            ut.push(text[i]);
            i += 1;
        }
    }
    ut
}

/// Parses an amount in kronor as SIE writes it: optional sign, digits, `.`
/// as decimal point (`-1234.50`, `12`, `.5`). No thousands separators, no
/// comma, no exponent. Exact.
#[inline]
pub fn belopp(b: &[u8]) -> Option<rust_decimal::Decimal> {
    let (neg, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let mut mantissa: i128 = 0;
    let mut skala = 0u32;
    let mut punkt = false;
    let mut siffror = 0u32;
    for &c in rest {
        match c {
            b'0'..=b'9' => {
                if siffror == 0 && c == b'0' && !punkt {
                    // Leading zeros do not count towards the 28 digits.
                } else {
                    siffror += 1;
                }
                mantissa = mantissa * 10 + i128::from(c - b'0');
                if punkt {
                    skala += 1;
                }
                if siffror > 28 || skala > 28 {
                    return None;
                }
            }
            b'.' if !punkt => punkt = true,
            _ => return None,
        }
    }
    if !rest.iter().any(u8::is_ascii_digit) {
        return None;
    }
    rust_decimal::Decimal::try_from_i128_with_scale(if neg { -mantissa } else { mantissa }, skala).ok()
}

/// An integer (`0`, `-1`, `6`).
pub fn heltal(b: &[u8]) -> Option<i64> {
    let (neg, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    if rest.is_empty() || rest.len() > 18 || !rest.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = rest.iter().fold(0i64, |s, c| s * 10 + i64::from(c - b'0'));
    Some(if neg { -v } else { v })
}

fn siffror(b: &[u8]) -> Option<u32> {
    b.iter().all(u8::is_ascii_digit).then(|| b.iter().fold(0u32, |s, c| s * 10 + u32::from(c - b'0')))
}

/// A date `ÅÅÅÅMMDD` that exists in the calendar: (year, month).
#[inline]
pub fn datum(b: &[u8]) -> Option<(i32, u32)> {
    if b.len() != 8 {
        return None;
    }
    let (ar, manad, dag) = (siffror(&b[..4])?, siffror(&b[4..6])?, siffror(&b[6..])?);
    crate::modell::uppfoljning::Datum::ny(ar as i32, manad, dag).map(|d| (d.ar, d.manad))
}

/// A full date `ÅÅÅÅMMDD`.
pub fn hela_datum(b: &[u8]) -> Option<crate::modell::uppfoljning::Datum> {
    if b.len() != 8 {
        return None;
    }
    crate::modell::uppfoljning::Datum::ny(siffror(&b[..4])? as i32, siffror(&b[4..6])?, siffror(&b[6..])?)
}

/// A period `ÅÅÅÅMM`: (year, month).
pub fn period(b: &[u8]) -> Option<(i32, u32)> {
    if b.len() != 6 {
        return None;
    }
    let (ar, manad) = (siffror(&b[..4])?, siffror(&b[4..])?);
    (1..=12).contains(&manad).then_some((ar as i32, manad))
}

/// An account number: digits only, at least four (compared on the first four).
pub fn konto(b: &[u8]) -> bool {
    b.len() >= 4 && b.len() <= 20 && b.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn alla(rad: &str) -> Vec<String> {
        let mut t = Tokens::ny(rad.as_bytes());
        let mut ut = vec![];
        while let Some(x) = t.nasta() {
            ut.push(match x {
                Ok(Token::Falt { text, citerat }) => {
                    format!("{}{}", if citerat { "q:" } else { "" }, String::from_utf8(text.into_owned()).unwrap())
                }
                Ok(Token::Oppna) => "{".into(),
                Ok(Token::Stang) => "}".into(),
                Err(OavslutatCitat) => "FEL".into(),
            });
        }
        ut
    }

    #[test]
    fn falt_med_citat_och_mellanrum() {
        assert_eq!(alla("#KONTO 3010 \"Försäljning  av tjänster\""), ["#KONTO", "3010", "q:Försäljning  av tjänster"]);
        assert_eq!(alla("#TRANS\t3010 \t{}  -100.50"), ["#TRANS", "3010", "{", "}", "-100.50"]);
        assert_eq!(
            alla(r#"#OBJEKT 1 "13" "Kontor \"Norr\" \\ väst""#),
            ["#OBJEKT", "1", "q:13", r#"q:Kontor "Norr" \ väst"#]
        );
        assert_eq!(alla(r#"#KONTO 1 "C:\temp""#), ["#KONTO", "1", r"q:C:\temp"]);
        assert_eq!(alla("#FNAMN \"\""), ["#FNAMN", "q:"]);
        assert_eq!(alla("#FNAMN \"öppen"), ["#FNAMN", "FEL"]);
        assert_eq!(alla(r#"#FNAMN "slut\""#), ["#FNAMN", "FEL"]);
    }

    #[test]
    fn objektlistor_citerade_eller_inte() {
        assert_eq!(alla("{1 \"1310\" 6 \"P12\"}"), ["{", "1", "q:1310", "6", "q:P12", "}"]);
        assert_eq!(alla("{\"1\" \"1310\"}"), ["{", "q:1", "q:1310", "}"]);
        assert_eq!(alla("{1 1310}"), ["{", "1", "1310", "}"]);
        assert_eq!(alla("{}"), ["{", "}"]);
        assert_eq!(alla("{ }"), ["{", "}"]);
        assert_eq!(alla("{\"1\" \"A}B\"}"), ["{", "q:1", "q:A}B", "}"]);
    }

    #[test]
    fn belopp_i_kronor() {
        assert_eq!(belopp(b"-1234.50"), Some(dec!(-1234.50)));
        assert_eq!(belopp(b"12"), Some(dec!(12)));
        assert_eq!(belopp(b".5"), Some(dec!(0.5)));
        assert_eq!(belopp(b"+7.25"), Some(dec!(7.25)));
        assert_eq!(belopp(b"0000012.10"), Some(dec!(12.10)));
        assert_eq!(belopp(b"12,50"), None);
        assert_eq!(belopp(b"1 000"), None);
        assert_eq!(belopp(b"1e3"), None);
        assert_eq!(belopp(b"-"), None);
        assert_eq!(belopp(b"."), None);
        assert_eq!(belopp(b"1.2.3"), None);
        assert_eq!(belopp(b"99999999999999999999999999999"), None);
    }

    #[test]
    fn datum_perioder_konton() {
        assert_eq!(datum(b"20260315"), Some((2026, 3)));
        assert_eq!(datum(b"20240229"), Some((2024, 2)));
        assert_eq!(datum(b"20250229"), None);
        assert_eq!(datum(b"20261301"), None);
        assert_eq!(datum(b"2026-03-15"), None);
        assert_eq!(period(b"202603"), Some((2026, 3)));
        assert_eq!(period(b"202600"), None);
        assert_eq!(period(b"2026031"), None);
        assert!(konto(b"45110"));
        assert!(!konto(b"451"));
        assert!(!konto(b"45A0"));
        assert_eq!(heltal(b"-1"), Some(-1));
        assert_eq!(heltal(b"x"), None);
    }
}

//! Numbers as Swedish users write and read them: parsing of cell text
//! (`1 234,5`, `−12`, `3,4 %`), presentation (`1 234 567`, `2,4 %`) and the
//! one rounding rule of the spec (half away from zero, like Excel's ROUND).

use rust_decimal::prelude::*;

/// Decimals beyond which a computed value is arithmetic noise: a chain of
/// exact divisions (28 significant digits) can leave 2.4999…9 where the exact
/// value is 2.5. Comparisons at a limit and rounding look at 20 decimals.
pub const BRUS_DP: u32 = 20;

/// Significant digits a computed value is trusted to: a Decimal holds 28, and
/// the last two can be the noise of a chain of exact divisions.
pub const BRUS_SIFFROR: u32 = 26;

/// The value without its noise: rounded (half away from zero) to [`BRUS_DP`]
/// decimals, and never to more than [`BRUS_SIFFROR`] significant digits — a
/// value with nine integer digits has only 19 decimals, all of them exact
/// digits or noise, so 249 024 686,4999…9 (an exact half computed through
/// ·1000/980) is cut to the half it is, whatever its magnitude (MODELL's
/// preamble: an exact half rounds away from zero however many integer digits).
pub fn utan_brus(v: Decimal) -> Decimal {
    let mantissa = v.mantissa().unsigned_abs();
    if mantissa == 0 {
        return v;
    }
    let siffror = mantissa.ilog10() + 1;
    let heltalssiffror = siffror.saturating_sub(v.scale());
    let dp = BRUS_DP.min(BRUS_SIFFROR.saturating_sub(heltalssiffror));
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds half away from zero to `dp` decimals (Excel's ROUND), never banker's rounding.
pub fn avrunda(v: Decimal, dp: u32) -> Decimal {
    utan_brus(v).round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds half away from zero to whole units of `enhet` (e.g. 1 or 100 tkr).
/// The noise is cut before the division by the unit (which can add digits) and again after.
pub fn avrunda_till_enhet(v: Decimal, enhet: Decimal) -> Decimal {
    avrunda(utan_brus(v) / enhet, 0) * enhet
}

/// Exact division that reports division by zero or an out-of-range quotient as `None`.
pub fn kvot(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() { None } else { a.checked_div(b) }
}

/// `1 + p/100` for a percent number `p`.
pub fn faktor(procent: Decimal) -> Decimal {
    Decimal::ONE + procent / Decimal::ONE_HUNDRED
}

/// The canonical text of an exact amount in JSON: no exponent, no trailing zeros.
pub fn json_text(v: Decimal) -> String {
    let n = v.normalize();
    if n.is_zero() { "0".to_string() } else { n.to_string() }
}

/// Why a text is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TalFel {
    Tom,
    InteTal,
    ForStort,
}

/// Characters that separate thousands like a space does (`1 234 567`, `1'234`).
fn ar_mellanrum(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'')
}

/// Parses a number as Swedish Excel writes it: decimal comma or point, thousands
/// separated by space, no-break space or (with a decimal comma) a point, minus as
/// `-` or `−` (U+2212). A trailing `%` is returned as a flag, the number unchanged.
/// Spaces are allowed only between groups of three digits of the whole part
/// (`1 234 567`): `10 5` is not a number.
pub fn las_tal(text: &str) -> Result<(Decimal, bool), TalFel> {
    let mut t = text.trim_matches(|c: char| c.is_whitespace() || ar_mellanrum(c) && c != '\'');
    if t.is_empty() {
        return Err(TalFel::Tom);
    }
    let procent = t.ends_with('%');
    if procent {
        t = t[..t.len() - 1].trim_end_matches(|c: char| c.is_whitespace() || ar_mellanrum(c) && c != '\'');
    }
    let mut s: String = t.chars().map(|c| if matches!(c, '\u{2212}' | '\u{2013}') { '-' } else { c }).collect();
    if s.contains(ar_mellanrum) {
        s = utan_mellanrum(&s).ok_or(TalFel::InteTal)?;
    }
    if let Some(rest) = s.strip_prefix('+') {
        s = rest.to_string();
    }
    let komma = s.matches(',').count();
    let punkt = s.matches('.').count();
    let normal = match (komma, punkt) {
        (0, 0) | (0, 1) => s,
        (1, 0) => s.replace(',', "."),
        (0, _) => tusental(&s, '.').ok_or(TalFel::InteTal)?,
        (_, 0) => tusental(&s, ',').ok_or(TalFel::InteTal)?,
        _ => {
            // Both: the last one is the decimal separator.
            let (tusen, dec) = if s.rfind(',') > s.rfind('.') { ('.', ',') } else { (',', '.') };
            if s.matches(dec).count() != 1 {
                return Err(TalFel::InteTal);
            }
            let (heltal, decimaler) = s.split_at(s.rfind(dec).unwrap_or(0));
            format!("{}.{}", tusental(heltal, tusen).ok_or(TalFel::InteTal)?, &decimaler[1..])
        }
    };
    if !ar_talform(&normal) {
        return Err(TalFel::InteTal);
    }
    let v =
        if normal.contains(['e', 'E']) { Decimal::from_scientific(&normal) } else { Decimal::from_str_exact(&normal) };
    match v {
        Ok(v) => Ok((v, procent)),
        Err(_) if normal.contains(['e', 'E']) => Err(TalFel::ForStort),
        Err(_) => match Decimal::from_str(&normal) {
            // More decimals than a Decimal holds: round them away.
            Ok(v) => Ok((v, procent)),
            // The form is a number's (checked above): it is too large.
            Err(_) => Err(TalFel::ForStort),
        },
    }
}

/// `-?digits[.digits][e[+-]digits]` (also `.5` and `5.`): the form of a number
/// once separators are normalised.
fn ar_talform(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (heltal, decimaler) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let siffror = |x: &str| x.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = siffror(heltal) && siffror(decimaler) && !(heltal.is_empty() && decimaler.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && siffror(e)
    });
    mantissa_ok && exponent_ok
}

/// Removes spaces used as thousands separators: only between groups of three
/// digits of the whole part, all of the same kind of gap; `None` otherwise.
fn utan_mellanrum(s: &str) -> Option<String> {
    let (tecken, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.strip_prefix('+').unwrap_or(s)),
    };
    // The whole part ends at the decimal separator: the last of `,`/`.` when
    // the number has spaces (a point after spaces is never a thousands point).
    let slut = rest.find([',', '.']).unwrap_or(rest.len());
    let (heltal, decimaler) = rest.split_at(slut);
    if decimaler.contains(ar_mellanrum) || decimaler[1.min(decimaler.len())..].contains([',', '.']) {
        return None;
    }
    let grupper: Vec<&str> = heltal.split(ar_mellanrum).collect();
    let siffror = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    if !grupper.iter().all(|g| siffror(g)) || grupper[0].len() > 3 || grupper[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    Some(format!("{tecken}{}{decimaler}", grupper.concat()))
}

/// Removes a thousands separator used between groups of three digits.
fn tusental(s: &str, sep: char) -> Option<String> {
    let delar: Vec<&str> = s.split(sep).collect();
    let forsta = delar[0].trim_start_matches('-');
    if forsta.is_empty() || forsta.len() > 3 || delar[1..].iter().any(|d| d.len() != 3) {
        return None;
    }
    Some(delar.concat())
}

/// A spreadsheet float as an exact decimal (`Decimal::from_f64`, never `_retain`).
pub fn fran_f64(f: f64) -> Option<Decimal> {
    if f.is_finite() { Decimal::from_f64(f) } else { None }
}

/// A number as a Swedish user writes it in a message: decimal comma, minus sign `−`.
pub fn svensk_tal(x: Decimal) -> String {
    let t = x.normalize().to_string().replace('.', ",");
    match t.strip_prefix('-') {
        Some(r) => format!("−{r}"),
        None => t,
    }
}

/// Swedish presentation of an amount rounded to `dp` decimals: `1 234 567`, `−1 234,5`.
pub fn svensk(v: Decimal, dp: u32) -> String {
    let r = avrunda(v, dp);
    let neg = r.is_sign_negative() && !r.is_zero();
    let text = format!("{:.*}", dp as usize, r.abs());
    let (heltal, dec) = match text.split_once('.') {
        Some((h, d)) => (h.to_string(), Some(d.to_string())),
        None => (text, None),
    };
    let mut grupper = String::new();
    for (i, c) in heltal.chars().enumerate() {
        if i > 0 && (heltal.len() - i) % 3 == 0 {
            grupper.push('\u{a0}');
        }
        grupper.push(c);
    }
    let mut ut = String::new();
    if neg {
        ut.push('−');
    }
    ut.push_str(&grupper);
    if let Some(d) = dec {
        ut.push(',');
        ut.push_str(&d);
    }
    ut
}

/// Swedish percent presentation: `2,4 %`.
pub fn svensk_procent(v: Decimal, dp: u32) -> String {
    format!("{}\u{a0}%", svensk(v, dp))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn avrundar_halva_bort_fran_noll() {
        assert_eq!(avrunda(dec!(2.5), 0), dec!(3));
        assert_eq!(avrunda(dec!(-2.5), 0), dec!(-3));
        assert_eq!(avrunda(dec!(3.5), 0), dec!(4));
        assert_eq!(avrunda(dec!(1.2345), 3), dec!(1.235));
        // Noise of exact division: 1000.5 through two inverse ratios is 1000.4999…9 in 28 digits.
        assert_eq!(avrunda(dec!(1000.5) * (dec!(1.401) / dec!(1.40)) * (dec!(1.40) / dec!(1.401)), 0), dec!(1001));
        assert_eq!(avrunda_till_enhet(dec!(1250), dec!(100)), dec!(1300));
        assert_eq!(avrunda_till_enhet(dec!(-1250), dec!(100)), dec!(-1300));
    }

    #[test]
    fn laser_svenska_tal() {
        let t = |s: &str| las_tal(s).unwrap().0;
        assert_eq!(t("1 234,5"), dec!(1234.5));
        assert_eq!(t("1\u{a0}234\u{a0}567"), dec!(1234567));
        assert_eq!(t("\u{2212}12,25"), dec!(-12.25));
        assert_eq!(t("-0.5"), dec!(-0.5));
        assert_eq!(t("1.234,5"), dec!(1234.5));
        assert_eq!(t("1,234.5"), dec!(1234.5));
        assert_eq!(t("1.234.567"), dec!(1234567));
        assert_eq!(t("+3"), dec!(3));
        assert_eq!(t("1e3"), dec!(1000));
        assert_eq!(las_tal("3,4 %").unwrap(), (dec!(3.4), true));
        assert_eq!(las_tal(""), Err(TalFel::Tom));
        assert_eq!(las_tal("tre"), Err(TalFel::InteTal));
        assert_eq!(las_tal("1,2,3"), Err(TalFel::InteTal));
        assert_eq!(las_tal("-"), Err(TalFel::InteTal));
        assert_eq!(las_tal("99999999999999999999999999999999"), Err(TalFel::ForStort));
        assert_eq!(las_tal("1e400"), Err(TalFel::ForStort));
    }

    /// Issue 10 item 12: spaces only in a thousands pattern.
    #[test]
    fn mellanrum_bara_som_tusentalsavgransare() {
        let t = |s: &str| las_tal(s).map(|x| x.0);
        assert_eq!(t("1 234 567"), Ok(dec!(1234567)));
        assert_eq!(t("-1 234,5"), Ok(dec!(-1234.5)));
        assert_eq!(t("\u{2212}12\u{202f}345,25"), Ok(dec!(-12345.25)));
        assert_eq!(t("1 234.5"), Ok(dec!(1234.5)));
        assert_eq!(t("1'234"), Ok(dec!(1234)));
        assert_eq!(las_tal(" 3,4 % "), Ok((dec!(3.4), true)));
        assert_eq!(las_tal("1 234 %"), Ok((dec!(1234), true)));
        for fel in ["10 5", "1 23", "1234 567", "1 234,5 6", "1 2 3", "1  234", "1 234.567,5", "1 234,567,5", "- 5"] {
            assert_eq!(t(fel), Err(TalFel::InteTal), "{fel}");
        }
    }

    /// Issue 10 item 17: `--5` is not a number (it said "för stort").
    #[test]
    fn dubbelt_minus_ar_inget_tal() {
        for fel in ["--5", "-", "5-", "1-2", "1e", "e5", ".", "-.", "1.2.3e4", "1e+", "0x10", "1_000"] {
            assert_eq!(las_tal(fel), Err(TalFel::InteTal), "{fel}");
        }
        assert_eq!(las_tal(".5").unwrap().0, dec!(0.5));
        assert_eq!(las_tal("5.").unwrap().0, dec!(5));
        assert_eq!(las_tal("1,5e3").unwrap().0, dec!(1500));
        assert_eq!(las_tal("0.1234567890123456789012345678901").unwrap().0, dec!(0.1234567890123456789012345679));
    }

    #[test]
    fn skriver_svenska_tal() {
        assert_eq!(svensk(dec!(1234567.4), 0), "1\u{a0}234\u{a0}567");
        assert_eq!(svensk(dec!(-1234.55), 1), "−1\u{a0}234,6");
        assert_eq!(svensk(dec!(-0.4), 0), "0");
        assert_eq!(svensk_procent(dec!(2.449), 1), "2,4\u{a0}%");
    }

    #[test]
    fn flyttal_blir_rena_decimaler() {
        assert_eq!(fran_f64(0.034).unwrap() * dec!(100), dec!(3.4));
        assert_eq!(fran_f64(22.17).unwrap(), dec!(22.17));
        assert_eq!(fran_f64(f64::NAN), None);
    }

    #[test]
    fn json_text_utan_slutnollor() {
        assert_eq!(json_text(dec!(12.5000)), "12.5");
        assert_eq!(json_text(dec!(-0.000)), "0");
        assert_eq!(json_text(dec!(1200)), "1200");
    }
}

//! CSV as Swedish Excel writes it: UTF-8 with or without BOM (or UTF-16 with
//! BOM), else Windows-1252; `;`, `,` or tab detected from the header line.

use super::tabell::{Cell, Rad, Tabell};
use crate::fel::Kalla;
use std::sync::Arc;

/// Decodes the bytes of a text file the way Excel may have written them.
pub fn avkoda(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The delimiter used in the header line: the most frequent of `;`, tab and `,`
/// outside quotes (ties in that order).
fn avgransare(rubrikrad: &str) -> u8 {
    let mut antal = [0usize; 3];
    let mut citat = false;
    for c in rubrikrad.chars() {
        match c {
            '"' => citat = !citat,
            ';' if !citat => antal[0] += 1,
            '\t' if !citat => antal[1] += 1,
            ',' if !citat => antal[2] += 1,
            _ => {}
        }
    }
    let tecken = [b';', b'\t', b','];
    let mut basta = 0;
    for i in 1..3 {
        if antal[i] > antal[basta] {
            basta = i;
        }
    }
    tecken[basta]
}

/// Reads a CSV text into a table. Row numbers are the lines the user sees.
pub fn las(kalla: Arc<Kalla>, text: &str) -> Result<Tabell, String> {
    let mut text = text;
    let mut radforskjutning = 0;
    let mut avgr = None;
    // Excel's optional first line `sep=;` names the delimiter.
    if let Some(forsta) = text.lines().next() {
        let f = forsta.trim();
        if f.len() == 5 && f.to_ascii_lowercase().starts_with("sep=") {
            avgr = Some(f.as_bytes()[4]);
            text = text.split_once('\n').map(|x| x.1).unwrap_or("");
            radforskjutning = 1;
        }
    }
    let rubrikrad = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let avgr = avgr.unwrap_or_else(|| avgransare(rubrikrad));
    let mut lasare =
        csv::ReaderBuilder::new().delimiter(avgr).has_headers(false).flexible(true).from_reader(text.as_bytes());
    // The line a record starts on, counted from its byte offset (csv's own
    // line count lags behind with CRLF line endings).
    let bytes = text.as_bytes();
    let mut radstart = vec![0usize];
    radstart.extend(bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1));
    let rad_for = |byte: u64| {
        let b = byte as usize;
        // After a CR the record is reported to start at the LF that ends the line before.
        let b = if bytes.get(b) == Some(&b'\n') { b + 1 } else { b };
        radstart.partition_point(|&s| s <= b) + radforskjutning
    };
    let mut rubriker: Option<(usize, Vec<String>)> = None;
    let mut rader = Vec::new();
    // Rows with a value beyond the header's last column: (row, cells, header cells).
    let mut for_manga: Vec<(usize, usize)> = Vec::new();
    for post in lasare.records() {
        let post = post.map_err(|e| {
            let rad = e.position().map(|p| rad_for(p.byte())).unwrap_or(0);
            format!("rad {rad}: filen kan inte läsas som CSV")
        })?;
        let nr = post.position().map(|p| rad_for(p.byte())).unwrap_or(0);
        let celler: Vec<String> = post.iter().map(|s| s.to_string()).collect();
        if rubriker.is_none() {
            if celler.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            rubriker = Some((nr, celler));
            continue;
        }
        if let Some((_, r)) = &rubriker
            && celler.len() > r.len()
            && celler[r.len()..].iter().any(|c| !c.trim().is_empty())
        {
            for_manga.push((nr, celler.len()));
        }
        let celler = celler.into_iter().map(|c| if c.trim().is_empty() { Cell::Tom } else { Cell::Text(c) }).collect();
        rader.push(Rad { nr, celler });
    }
    let (rubrikrad, rubriker) = rubriker.ok_or_else(|| "filen är tom: en rubrikrad förväntas".to_string())?;
    if let Some(&(rad, antal)) = for_manga.first() {
        let ovriga: Vec<String> = for_manga[1..].iter().take(10).map(|(r, _)| r.to_string()).collect();
        let ocksa = match for_manga.len() - 1 {
            0 => String::new(),
            n if n > ovriga.len() => format!(" (också rad {} och {} till)", ovriga.join(", "), n - ovriga.len()),
            _ => format!(" (också rad {})", ovriga.join(", ")),
        };
        let tecken = match avgr {
            b',' => "kommatecken",
            b'\t' => "tabb",
            _ => "semikolon",
        };
        let tips = if avgr == b',' {
            "; ett decimalkomma i en kommaseparerad fil måste stå inom citattecken (\"3,5\")"
        } else {
            ""
        };
        return Err(format!(
            "rad {rad}: raden har {antal} celler men rubrikraden {} (avgränsare {tecken}){ocksa}{tips}",
            rubriker.len()
        ));
    }
    Ok(Tabell::ny(kalla, rubrikrad, rubriker, rader))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tabell(text: &str) -> Tabell {
        las(Kalla::fil("t.csv"), text).unwrap()
    }

    #[test]
    fn semikolon_och_decimalkomma() {
        let t = tabell("Nämnd;Ram\r\nKS;\"1 234,5\"\r\nBIN;2\r\n;;\r\n");
        assert_eq!(t.kolumner[0].norm, "namnd");
        assert_eq!(t.rader.len(), 2);
        assert_eq!(t.rader[0].nr, 2);
        assert_eq!(t.rader[0].celler[1], Cell::Text("1 234,5".into()));
    }

    #[test]
    fn avgransare_fran_rubrikraden() {
        assert_eq!(avgransare("a;b;c"), b';');
        assert_eq!(avgransare("a\tb\tc"), b'\t');
        assert_eq!(avgransare("a,b,c"), b',');
        assert_eq!(avgransare("\"a;x\",b,c"), b',');
        let t = tabell("serie,2026\nlon,\"3,5\"\n");
        assert_eq!(t.rader[0].celler[1], Cell::Text("3,5".into()));
        let t = tabell("sep=,\nserie,2026\nlon,3\n");
        assert_eq!(t.rubrikrad, 2);
        assert_eq!(t.rader[0].nr, 3);
    }

    /// Issue 10 item 12: a comma-separated file with unquoted decimal commas
    /// shifted values silently; a row with more cells than the header is an error.
    #[test]
    fn fler_celler_an_rubriker_ar_fel() {
        let e = las(Kalla::fil("t.csv"), "serie,2026,2027\nlon,3,5,3\npkv,2,2\npo,1,5,1,5\n").unwrap_err();
        assert!(
            e.starts_with("rad 2: raden har 4 celler men rubrikraden 3 (avgränsare kommatecken) (också rad 4)"),
            "{e}"
        );
        // Empty cells after the last column (Excel's trailing `;;`) are no error.
        let t = tabell("serie;2026\nlon;3;;\n");
        assert_eq!(t.rader.len(), 1);
        let many: String = (0..30).map(|i| format!("x,{i},1\n")).collect();
        let e = las(Kalla::fil("t.csv"), &format!("a,b\n{many}")).unwrap_err();
        assert!(e.contains("(också rad 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 och 19 till)"), "{e}");
    }

    #[test]
    fn teckenkodningar() {
        // "Nämnd" in Windows-1252.
        assert_eq!(avkoda(b"N\xe4mnd"), "Nämnd");
        assert_eq!(avkoda(b"\xef\xbb\xbfN\xc3\xa4mnd"), "Nämnd");
        assert_eq!(avkoda("Nämnd".as_bytes()), "Nämnd");
        assert_eq!(avkoda(b"\xff\xfeN\x00\xe4\x00"), "Nä");
    }
}

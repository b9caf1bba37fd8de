//! Text of a SIE file: UTF-8 when the whole file is valid UTF-8, else IBM
//! PC-8 (code page 437) as the standard says. The table of code page 437 is
//! the `oem_cp` crate's (encoding_rs has none).

use crate::modell::uppfoljning::Kodning;
use oem_cp::code_table::DECODING_TABLE_CP437;

/// Decodes raw bytes of a file read in `kodning`.
pub fn avkoda(b: &[u8], kodning: Kodning) -> String {
    match kodning {
        Kodning::Utf8 => String::from_utf8_lossy(b).into_owned(),
        Kodning::Cp437 => b
            .iter()
            .map(|&c| if c < 0x80 { char::from(c) } else { DECODING_TABLE_CP437[usize::from(c - 0x80)] })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svenska_tecken_i_pc8() {
        // å ä ö Å Ä Ö é in code page 437.
        assert_eq!(avkoda(&[0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82], Kodning::Cp437), "åäöÅÄÖé");
        assert_eq!(avkoda(b"Milj\x94", Kodning::Cp437), "Miljö");
        assert_eq!(avkoda("Miljö".as_bytes(), Kodning::Utf8), "Miljö");
    }
}

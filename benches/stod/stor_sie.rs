//! A generated SIE type 4 file of a large kommun's year for benchmarks and
//! the memory measurement: `#VER` blocks of four cost lines on 400 ansvar objects
//! (each booking on 20 of 250 accounts)
//! and one counter line, with text, transdat and code page 437 names, as an
//! ekonomisystem writes them. Deterministic.

use std::io::{self, Write};

/// A line in code page 437 (å ä ö are the only letters beyond ASCII here), with CRLF.
fn rad(ut: &mut impl Write, text: &str) -> io::Result<()> {
    let b: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'å' => 0x86,
            'ä' => 0x84,
            'ö' => 0x94,
            c => c as u8,
        })
        .collect();
    ut.write_all(&b)?;
    ut.write_all(b"\r\n")
}

/// Writes a file with `antal_trans` `#TRANS` lines (rounded up to whole `#VER` blocks) to `ut`.
pub fn skriv(ut: &mut impl Write, antal_trans: u64) -> io::Result<()> {
    ut.write_all(b"#FLAGGA 0\r\n#PROGRAM \"ramverk bench\" 1.0\r\n#FORMAT PC8\r\n#GEN 20260901\r\n#SIETYP 4\r\n")?;
    ut.write_all(b"#FNAMN \"Storkommun\"\r\n#RAR 0 20260101 20261231\r\n#DIM 1 \"Ansvar\"\r\n#DIM 6 \"Projekt\"\r\n")?;
    for o in 0..400u32 {
        rad(ut, &format!("#OBJEKT 1 \"{}\" \"Kostnadsställe {o}\"", 1000 + o * 7))?;
    }
    for k in 0..250u32 {
        rad(ut, &format!("#KONTO {} \"Konto för {k}\"", 3000 + k * 19))?;
    }
    let mut slump: u64 = 0x2026_0901;
    let mut nasta = || {
        slump = slump.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (slump >> 33) as u32
    };
    let mut skrivna = 0u64;
    let mut nr = 0u32;
    while skrivna < antal_trans {
        nr += 1;
        let dag = nr % 243;
        let (manad, dag) = (1 + dag / 31 % 8, 1 + dag % 28);
        rad(ut, &format!("#VER A {nr} 2026{manad:02}{dag:02} \"Leverantörsfaktura {nr}\" 2026{manad:02}{dag:02}"))?;
        rad(ut, "{")?;
        let mut summa: i64 = 0;
        for _ in 0..4 {
            // Each of 400 objects books on 20 of the 250 accounts: 64 000 keys in eight months.
            let o = nasta() % 400;
            let konto = 3000 + ((o * 13 + nasta() % 20) % 250) * 19;
            let objekt = 1000 + o * 7;
            let ore = i64::from(nasta() % 5_000_000) - 500_000;
            summa += ore;
            let tecken = if ore < 0 { "-" } else { "" };
            if nasta() % 5 == 0 {
                let projekt = nasta() % 40;
                rad(
                    ut,
                    &format!(
                        "\t#TRANS {konto} {{1 \"{objekt}\" 6 \"P{projekt}\"}} {tecken}{}.{:02} 2026{manad:02}{dag:02} \"Inköp\" 0",
                        ore.abs() / 100,
                        ore.abs() % 100
                    ),
                )?;
            } else {
                rad(
                    ut,
                    &format!("\t#TRANS {konto} {{1 \"{objekt}\"}} {tecken}{}.{:02}", ore.abs() / 100, ore.abs() % 100),
                )?;
            }
        }
        let tecken = if summa > 0 { "-" } else { "" };
        rad(ut, &format!("\t#TRANS 2440 {{}} {tecken}{}.{:02}", summa.abs() / 100, summa.abs() % 100))?;
        rad(ut, "}")?;
        skrivna += 5;
    }
    Ok(())
}

//! An xls file counted before calamine reads it. calamine's xls reader builds
//! every sheet when the workbook is opened, each as one dense rectangle from
//! its first to its last cell, and reserves room for the sheet's declared
//! dimensions (`DIMENSIONS`, rows as a 32-bit number): a few hundred bytes can
//! ask for terabytes and abort the process. Here the compound file is opened,
//! the workbook stream read, and for every sheet calamine would read (its
//! `BoundSheet8` position) the declared dimensions and the rectangle of its
//! cells are added up, the way calamine will allocate them. A file that cannot
//! be followed is left to calamine to report.

/// calamine's `Cell<Data>` and `Data`: bytes per reserved and per dense position.
const BYTE_PER_RUTA: u64 = 40;

fn u16le(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32le(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

const SLUT: u32 = 0xFFFF_FFFE;

/// A compound file (CFB) just far enough to read one stream.
struct Cfb<'a> {
    bytes: &'a [u8],
    sektor: usize,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn ny(bytes: &'a [u8]) -> Option<Self> {
        if bytes.len() < 512 || !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return None;
        }
        let skift = u16le(bytes, 0x1E)?;
        if skift != 9 && skift != 12 {
            return None;
        }
        let sektor = 1usize << skift;
        let antal_fat = u32le(bytes, 0x2C)? as usize;
        let mut difat: Vec<u32> = (0..109).filter_map(|i| u32le(bytes, 0x4C + 4 * i)).collect();
        let mut nasta = u32le(bytes, 0x44)?;
        let mut varv = 0;
        while nasta < SLUT && varv < bytes.len() / sektor {
            let s = Self::ra_sektor(bytes, sektor, nasta)?;
            let per = sektor / 4 - 1;
            difat.extend((0..per).filter_map(|i| u32le(s, 4 * i)));
            nasta = u32le(s, 4 * per)?;
            varv += 1;
        }
        let mut fat = Vec::new();
        for &s in difat.iter().take(antal_fat) {
            if s >= SLUT - 1 {
                continue;
            }
            let d = Self::ra_sektor(bytes, sektor, s)?;
            fat.extend((0..sektor / 4).filter_map(|i| u32le(d, 4 * i)));
        }
        Some(Cfb { bytes, sektor, fat })
    }

    fn ra_sektor(bytes: &[u8], sektor: usize, nr: u32) -> Option<&[u8]> {
        let start = (nr as usize).checked_add(1)?.checked_mul(sektor)?;
        bytes.get(start..start.checked_add(sektor)?)
    }

    /// The sectors of a chain in the FAT (`kedja`) joined, at most `max` bytes.
    fn kedja(
        &self,
        start: u32,
        fat: &[u32],
        sektor: usize,
        kalla: &dyn Fn(u32) -> Option<&'a [u8]>,
        max: usize,
    ) -> Vec<u8> {
        let mut ut = Vec::new();
        let mut s = start;
        let mut steg = 0;
        while s < SLUT && steg <= fat.len() && ut.len() < max {
            match kalla(s) {
                Some(d) => ut.extend_from_slice(&d[..sektor.min(d.len())]),
                None => break,
            }
            s = fat.get(s as usize).copied().unwrap_or(SLUT);
            steg += 1;
        }
        ut.truncate(max);
        ut
    }

    fn strom(&self, start: u32, storlek: usize) -> Vec<u8> {
        let kalla = |s: u32| Self::ra_sektor(self.bytes, self.sektor, s);
        self.kedja(start, &self.fat, self.sektor, &kalla, storlek)
    }

    /// The stream named one of `namn` (calamine: "Workbook", else "Book").
    fn las(&self, namn: &[&str]) -> Option<Vec<u8>> {
        let dir_start = u32le(self.bytes, 0x30)?;
        let katalog = self.strom(dir_start, self.bytes.len());
        let poster: Vec<&[u8]> = katalog.chunks_exact(128).collect();
        let rot = poster.first()?;
        let namn_pa = |p: &[u8]| {
            let langd = (u16le(p, 0x40).unwrap_or(0) as usize).min(64).saturating_sub(2);
            let enheter: Vec<u16> = (0..langd / 2).filter_map(|i| u16le(p, 2 * i)).collect();
            String::from_utf16_lossy(&enheter)
        };
        let post = namn.iter().find_map(|n| poster.iter().find(|p| p.get(0x42) == Some(&2) && namn_pa(p) == *n))?;
        let start = u32le(post, 0x74)?;
        let storlek = (u32le(post, 0x78)? as usize).min(self.bytes.len());
        let grans = u32le(self.bytes, 0x38).unwrap_or(4096) as usize;
        if storlek >= grans {
            return Some(self.strom(start, storlek));
        }
        // A small stream lies in the mini stream, 64-byte sectors chained in the mini FAT.
        let mini = self.strom(u32le(rot, 0x74)?, (u32le(rot, 0x78)? as usize).min(self.bytes.len()));
        let minifat_bytes = self.strom(u32le(self.bytes, 0x3C)?, self.bytes.len());
        let minifat: Vec<u32> = (0..minifat_bytes.len() / 4).filter_map(|i| u32le(&minifat_bytes, 4 * i)).collect();
        let kalla = |s: u32| {
            let a = (s as usize).checked_mul(64)?;
            mini.get(a..a.checked_add(64)?)
        };
        let mut ut = Vec::new();
        let mut s = start;
        let mut steg = 0;
        while s < SLUT && steg <= minifat.len() && ut.len() < storlek {
            match kalla(s) {
                Some(d) => ut.extend_from_slice(d),
                None => break,
            }
            s = minifat.get(s as usize).copied().unwrap_or(SLUT);
            steg += 1;
        }
        ut.truncate(storlek);
        Some(ut)
    }
}

/// The records of a BIFF stream from `pos`: (type, data).
fn poster(strom: &[u8], pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = strom.get(pos..).unwrap_or(&[]);
    std::iter::from_fn(move || {
        let typ = u16le(rest, 0)?;
        let langd = u16le(rest, 2)? as usize;
        let data = rest.get(4..4 + langd)?;
        rest = &rest[4 + langd..];
        Some((typ, data))
    })
}

/// The positions calamine will allocate for one sheet read from `pos`:
/// the declared dimensions it reserves plus the rectangle of its cells.
fn blad_rutor(strom: &[u8], pos: usize) -> u64 {
    let mut reserverat = 0u64;
    let mut ruta: Option<(u32, u32, u32, u32)> = None;
    let mut ta_med = |r: u32, k0: u32, k1: u32| {
        ruta = Some(match ruta {
            None => (r, r, k0, k1),
            Some((a, b, c, d)) => (a.min(r), b.max(r), c.min(k0), d.max(k1)),
        });
    };
    let mut sett_bof = false;
    let mut djup = 0usize;
    for (typ, d) in poster(strom, pos) {
        if djup > 0 {
            match typ {
                0x0809 => djup += 1,
                0x000A => djup -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if sett_bof => djup += 1,
            0x0809 => sett_bof = true,
            0x000A => break,
            0x0200 => {
                let (rf, rl, mut cf, cl) = match d.len() {
                    10 => (
                        u16le(d, 0).unwrap_or(0) as u32,
                        u16le(d, 2).unwrap_or(0) as u32,
                        u16le(d, 4).unwrap_or(0) as u32,
                        u16le(d, 6).unwrap_or(0) as u32,
                    ),
                    14 | 16 => (
                        u32le(d, 0).unwrap_or(0),
                        u32le(d, 4).unwrap_or(0),
                        u16le(d, 8).unwrap_or(0) as u32,
                        u16le(d, 10).unwrap_or(0) as u32,
                    ),
                    _ => continue,
                };
                if 0xFF < cf || cl < cf {
                    cf = 0;
                }
                let (start, slut) =
                    if 1 <= rl && 1 <= cl { ((rf, cf), (rl - 1, cl - 1)) } else { ((rf, cf), (rf, cf)) };
                // calamine: (end − start + 1) in u32, wrapping in a release build.
                let rader = slut.0.wrapping_sub(start.0).wrapping_add(1) as u64;
                let kolumner = slut.1.wrapping_sub(start.1).wrapping_add(1) as u64;
                reserverat = reserverat.saturating_add(rader.saturating_mul(kolumner));
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(r), Some(k)) = (u16le(d, 0), u16le(d, 2)) {
                    ta_med(r as u32, k as u32, k as u32);
                }
            }
            0x00BD => {
                if let (Some(r), Some(k0), Some(k1)) = (u16le(d, 0), u16le(d, 2), u16le(d, d.len().saturating_sub(2))) {
                    ta_med(r as u32, k0 as u32, (k1 as u32).max(k0 as u32));
                }
            }
            _ => {}
        }
    }
    let yta = ruta.map_or(0, |(a, b, c, d)| (b - a + 1) as u64 * (d - c + 1) as u64);
    // Values and formulas each get a rectangle.
    reserverat.saturating_add(yta.saturating_mul(2))
}

/// calamine's compound-file reader follows sector chains until their end
/// marker or until it has the length a directory entry declares — the
/// directory's own chain without any limit: a chain that loops (found by
/// fuzzing: 2 GB and growing) never ends. Every chain it will follow is walked
/// here first, step by step as calamine does; more steps than the file has
/// sectors is a loop.
fn granska_kedjor(bytes: &[u8]) -> Result<(), String> {
    let slinga = || {
        "arbetsboken är skadad: dess sektorkedjor går i en slinga (filen kan inte läsas; spara om den i Excel)"
            .to_string()
    };
    let Some(skift) = u16le(bytes, 0x1E) else { return Ok(()) };
    let storlek: u64 = match skift {
        9 => 512,
        12 => 4096,
        _ => return Ok(()),
    };
    let maxid = bytes.len() as u64 / storlek;
    let sektor = |id: u32| -> Option<&[u8]> {
        let start = (id as usize).checked_mul(storlek as usize)?;
        // calamine counts sector ids from the start of the file, the header being sector 0's predecessor.
        let start = start.checked_add(if storlek == 512 { 512 } else { 4096 })?;
        bytes.get(start..start.checked_add(storlek as usize)?.min(bytes.len()))
    };
    // DIFAT: the header's 109 entries, then its own chain (calamine bounds that loop itself).
    let mut difat: Vec<u32> = (0..109).filter_map(|i| u32le(bytes, 76 + 4 * i)).collect();
    let mut id = u32le(bytes, 68).unwrap_or(SLUT);
    let mut varv = 0u64;
    while id < 0xFFFF_FFFA {
        varv += 1;
        if varv > maxid + 1 || u64::from(id) > maxid {
            return Ok(());
        }
        let Some(d) = sektor(id) else { return Ok(()) };
        difat.extend((0..d.len() / 4).filter_map(|i| u32le(d, 4 * i)));
        match difat.pop() {
            Some(n) => id = n,
            None => return Ok(()),
        }
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < 0xFFFF_FFFC) {
        if u64::from(id) > maxid {
            return Ok(());
        }
        let Some(d) = sektor(id) else { return Ok(()) };
        fat.extend((0..d.len() / 4).filter_map(|i| u32le(d, 4 * i)));
    }
    // A chain as calamine's `get_chain` walks it: Err for a loop, else its bytes (up to `langd`).
    let kedja = |start: u32, langd: u64, fat: &[u32], storlek: u64, maxid: u64| -> Result<u64, ()> {
        let (mut id, mut langs, mut steg) = (start, 0u64, 0u64);
        while id != SLUT {
            if u64::from(id) > maxid {
                return Ok(langs);
            }
            steg += 1;
            if steg > maxid + 2 {
                return Err(());
            }
            langs += storlek;
            if langs >= langd {
                return Ok(langs);
            }
            match fat.get(id as usize) {
                Some(&n) => id = n,
                None => return Ok(langs),
            }
        }
        Ok(langs)
    };
    let dir_start = u32le(bytes, 48).unwrap_or(SLUT);
    kedja(dir_start, u64::MAX, &fat, storlek, maxid).map_err(|_| slinga())?;
    // The directory entries themselves, to follow the chains calamine reads next.
    let mut katalog = Vec::new();
    let mut id = dir_start;
    while id != SLUT && u64::from(id) <= maxid && katalog.len() as u64 <= bytes.len() as u64 {
        let Some(d) = sektor(id) else { break };
        katalog.extend_from_slice(d);
        match fat.get(id as usize) {
            Some(&n) => id = n,
            None => break,
        }
    }
    let poster: Vec<&[u8]> = katalog.chunks_exact(128).collect();
    let langd_i = |p: &[u8]| {
        if storlek == 512 {
            u64::from(u32le(p, 120).unwrap_or(0))
        } else {
            u64::from_le_bytes(p[120..128].try_into().unwrap_or([0; 8]))
        }
    };
    let Some(rot) = poster.first() else { return Ok(()) };
    let mini_fat_langd = u64::from(u32le(bytes, 64).unwrap_or(0));
    if mini_fat_langd > 0 {
        kedja(u32le(rot, 116).unwrap_or(SLUT), langd_i(rot), &fat, storlek, maxid).map_err(|_| slinga())?;
        kedja(u32le(bytes, 60).unwrap_or(SLUT), mini_fat_langd.saturating_mul(storlek), &fat, storlek, maxid)
            .map_err(|_| slinga())?;
    }
    // The workbook stream (a large one; a small one lies in the mini stream, under 4 096 bytes).
    let namn_pa = |p: &[u8]| {
        let enheter: Vec<u16> = (0..32).filter_map(|i| u16le(p, 2 * i)).take_while(|&c| c != 0).collect();
        String::from_utf16_lossy(&enheter)
    };
    for namn in ["Workbook", "Book"] {
        if let Some(p) = poster.iter().find(|p| namn_pa(p).eq_ignore_ascii_case(namn)) {
            let langd = langd_i(p);
            if langd >= 4096 {
                kedja(u32le(p, 116).unwrap_or(SLUT), langd, &fat, storlek, maxid).map_err(|_| slinga())?;
            }
            break;
        }
    }
    Ok(())
}

/// Checks an xls file's bytes (or any compound file calamine opens): no sector
/// chain that loops, and at most `max_rutor` positions over all sheets
/// (reserved and dense), else a Swedish error. Anything not understood is
/// left to calamine.
pub fn granska(bytes: &[u8], max_rutor: usize) -> Result<(), String> {
    granska_kedjor(bytes)?;
    let Some(cfb) = Cfb::ny(bytes) else { return Ok(()) };
    let Some(strom) = cfb.las(&["Workbook", "Book"]) else { return Ok(()) };
    let mut blad = Vec::new();
    for (typ, d) in poster(&strom, 0) {
        match typ {
            0x0085 => blad.extend(u32le(d, 0)),
            0x000A => break,
            _ => {}
        }
    }
    if blad.len() > 10_000 {
        return Err(format!("arbetsboken anger {} blad: den är skadad eller ingen vanlig arbetsbok", blad.len()));
    }
    let mut summa = 0u64;
    for pos in blad {
        summa = summa.saturating_add(blad_rutor(&strom, pos as usize));
        if summa > max_rutor as u64 {
            return Err(format!(
                "arbetsbokens blad är för stora för att läsas: de anger mer än {max_rutor} cellpositioner \
                 (cirka {} MB minne); arbetsboken är skadad eller har celler långt bort från tabellerna \
                 (spara den som xlsx)",
                (max_rutor as u64 * BYTE_PER_RUTA) >> 20
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtur() -> Vec<u8> {
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/mini-kalkylblad/indata.xls")).unwrap()
    }

    #[test]
    fn vanlig_xls_gar_igenom() {
        let b = fixtur();
        let cfb = Cfb::ny(&b).unwrap();
        let strom = cfb.las(&["Workbook", "Book"]).unwrap();
        assert_eq!(u16le(&strom, 0), Some(0x0809));
        let blad: Vec<u32> = poster(&strom, 0).filter(|(t, _)| *t == 0x0085).filter_map(|(_, d)| u32le(d, 0)).collect();
        assert_eq!(blad.len(), 3);
        assert!(blad_rutor(&strom, blad[0] as usize) < 1000);
        assert!(granska(&b, 10_000_000).is_ok());
        assert!(granska(&b, 10).is_err());
    }

    /// A DIMENSIONS record of 4 294 967 295 rows made calamine reserve
    /// terabytes (an abort); it is counted first.
    #[test]
    fn orimliga_dimensioner() {
        let mut b = fixtur();
        let cfb = Cfb::ny(&b).unwrap();
        let strom = cfb.las(&["Workbook", "Book"]).unwrap();
        // Find the first DIMENSIONS record of the stream in the file's bytes and make it huge.
        let mut pos = 0;
        let mut i = 0;
        for (typ, d) in poster(&strom, 0) {
            if typ == 0x0200 && d.len() == 14 {
                pos = i;
                break;
            }
            i += 4 + d.len();
        }
        assert!(pos > 0);
        let monster = &strom[pos..pos + 18];
        let i_filen = b.windows(18).position(|w| w == monster).expect("posten finns i filen");
        b[i_filen + 8..i_filen + 12].copy_from_slice(&u32::MAX.to_le_bytes());
        let e = granska(&b, 10_000_000).unwrap_err();
        assert!(e.contains("för stora för att läsas"), "{e}");
    }

    /// Found by fuzzing: a directory chain that loops made calamine's reader
    /// grow without end (2 GB and more).
    #[test]
    fn sektorkedja_i_slinga() {
        let mut b = fixtur();
        assert!(granska_kedjor(&b).is_ok());
        // Point the FAT entry of the directory's first sector at itself.
        let dir = u32le(&b, 48).unwrap() as usize;
        let fat0 = u32le(&b, 76).unwrap() as usize;
        let plats = 512 + fat0 * 512 + 4 * dir;
        b[plats..plats + 4].copy_from_slice(&(dir as u32).to_le_bytes());
        let e = granska_kedjor(&b).unwrap_err();
        assert!(e.contains("slinga"), "{e}");
        let e = granska(&b, 10_000_000).unwrap_err();
        assert!(e.contains("slinga"), "{e}");
    }
}

//! The SIE reader on hand-written snippets of every rule of FORMAT.

use super::*;
use crate::modell::uppfoljning::{Kodning, Utfallskalla};
use rust_decimal_macros::dec;

fn las(filer: &[(&str, &[u8])]) -> (Bokforing, Diagnos) {
    let mut d = Diagnos::default();
    let b = las_bytes(filer, 1, &mut d);
    (b, d)
}

fn en(text: &str) -> (Bokforing, Diagnos) {
    las(&[("a.se", text.as_bytes())])
}

fn utfall(b: &Bokforing, ar: Ar, manad: u32, konto: &str, objekt: Option<&str>) -> Option<Decimal> {
    b.utfall.get(&Bokforingsnyckel { ar, manad, konto: konto.into(), objekt: objekt.map(String::from) }).copied()
}

fn budget(b: &Bokforing, ar: Ar, manad: u32, konto: &str, objekt: Option<&str>) -> Option<Decimal> {
    b.budget.get(&Bokforingsnyckel { ar, manad, konto: konto.into(), objekt: objekt.map(String::from) }).copied()
}

fn fel(d: &Diagnos) -> Vec<String> {
    d.fel.iter().map(|f| f.to_string()).collect()
}

/// Code page 437 bytes of a text (å ä ö Å Ä Ö é and ASCII only).
fn pc8(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'å' => 0x86,
            'ä' => 0x84,
            'ö' => 0x94,
            'Å' => 0x8F,
            'Ä' => 0x8E,
            'Ö' => 0x99,
            'é' => 0x82,
            c if c.is_ascii() => c as u8,
            c => panic!("{c} inte i testets PC8-tabell"),
        })
        .collect()
}

const VER_FIL: &str = r#"#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#FNAMN "Exempels kommun"
#RAR 0 20260101 20261231
#DIM 1 "Ansvar"
#OBJEKT 1 "1310" "Förskola Norr"
#KONTO 5010 "Löner månadsavlönade"
#VER A 1 20260125 "Lön januari"
{
   #TRANS 5010 {1 "1310"} 1000.50
   #TRANS 5010 {"1" "1310" "6" "P1"} 200.25 20260125 "med projekt"
   #TRANS 5010 {} 50
   #TRANS 1930 {} -1250.75
}
#VER B 7 20260302 "Faktura"
{
	#TRANS	6410	{1 1310}	300.00	20260227	"levererat i februari"
	#TRANS 2440 {} -300.00
}
"#;

#[test]
fn transaktioner_i_verifikationer() {
    let (b, d) = en(VER_FIL);
    assert!(d.ok(), "{:?}", fel(&d));
    assert_eq!(utfall(&b, 2026, 1, "5010", Some("1310")), Some(dec!(1.20075)));
    assert_eq!(utfall(&b, 2026, 1, "5010", None), Some(dec!(0.05)));
    assert_eq!(utfall(&b, 2026, 1, "1930", None), Some(dec!(-1.25075)));
    // transdat before verdatum: February, not March.
    assert_eq!(utfall(&b, 2026, 2, "6410", Some("1310")), Some(dec!(0.3)));
    assert_eq!(utfall(&b, 2026, 3, "6410", Some("1310")), None);
    assert_eq!(utfall(&b, 2026, 3, "2440", None), Some(dec!(-0.3)));
    assert_eq!(b.filer[0].utfall.get(&2026), Some(&Utfallskalla::Trans));
    assert_eq!(b.filer[0].antal_trans, 6);
    assert_eq!(b.filer[0].foretag.as_deref(), Some("Exempels kommun"));
    assert_eq!(b.kontonamn["5010"], "Löner månadsavlönade");
    assert_eq!(b.objektnamn["1310"], "Förskola Norr");
    assert_eq!(b.dimensionsnamn.as_deref(), Some("Ansvar"));
    assert_eq!(b.filer[0].kodning, Kodning::Utf8);
}

#[test]
fn pc8_och_utf8_kanns_igen_per_fil() {
    let text = "#KONTO 5010 \"Löner, Åsa och Märta\"\n#OBJEKT 1 \"ÖV\" \"Överförmyndaren\"\n";
    let (b, d) = las(&[("pc8.se", &pc8(text))]);
    assert!(d.ok());
    assert_eq!(b.filer[0].kodning, Kodning::Cp437);
    assert_eq!(b.kontonamn["5010"], "Löner, Åsa och Märta");
    assert_eq!(b.objektnamn["ÖV"], "Överförmyndaren");
    // The same text in UTF-8, with a byte order mark.
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice(text.as_bytes());
    let (b, d) = las(&[("utf8.se", &utf8)]);
    assert!(d.ok());
    assert_eq!(b.filer[0].kodning, Kodning::Utf8);
    assert_eq!(b.kontonamn["5010"], "Löner, Åsa och Märta");
    assert_eq!(b.objektnamn["ÖV"], "Överförmyndaren");
}

#[test]
fn en_enda_ogiltig_utf8_rad_gor_hela_filen_till_pc8() {
    // The first name is valid UTF-8 ("Ã¤" would be its PC8 reading is irrelevant): the
    // last line is not, so every text of the file is code page 437.
    let mut f = "#KONTO 3010 \"Avgifter\"\n".as_bytes().to_vec();
    f.extend_from_slice(&pc8("#OBJEKT 1 \"10\" \"Bildningsnämnden\"\n"));
    let (b, _) = las(&[("x.se", &f)]);
    assert_eq!(b.filer[0].kodning, Kodning::Cp437);
    assert_eq!(b.objektnamn["10"], "Bildningsnämnden");
}

#[test]
fn citat_och_escape_i_namn() {
    let (b, d) = en(r#"#KONTO 6990 "Övrigt \"diverse\" \\ annat"
#OBJEKT 1 "A B" "Med mellanslag"
#OBJEKT 6 "P1" "Projekt, annan dimension"
"#);
    assert!(d.ok());
    assert_eq!(b.kontonamn["6990"], r#"Övrigt "diverse" \ annat"#);
    assert_eq!(b.objektnamn["A B"], "Med mellanslag");
    assert!(!b.objektnamn.contains_key("P1"));
}

#[test]
fn trans_foredras_framfor_psaldo_per_fil_och_ar() {
    let (b, d) = en(r#"#RAR 0 20260101 20261231
#RAR -1 20250101 20251231
#PSALDO 0 202601 5010 {} 999999.00
#PSALDO -1 202512 5010 {} 4000.00
#PSALDO -1 202512 5010 {1 "1310"} 3000.00
#VER A 1 20260115 ""
{
#TRANS 5010 {1 "1310"} 100.00
#TRANS 1930 {} -100.00
}
"#);
    assert!(d.ok(), "{:?}", fel(&d));
    // 2026 has transactions: the PSALDO of 2026 is not used.
    assert_eq!(utfall(&b, 2026, 1, "5010", Some("1310")), Some(dec!(0.1)));
    assert_eq!(utfall(&b, 2026, 1, "5010", None), None);
    // 2025 only has PSALDO: used, without object = total − the ansvar records.
    assert_eq!(utfall(&b, 2025, 12, "5010", Some("1310")), Some(dec!(3)));
    assert_eq!(utfall(&b, 2025, 12, "5010", None), Some(dec!(1)));
    assert_eq!(b.filer[0].utfall.get(&2025), Some(&Utfallskalla::Psaldo));
    assert_eq!(b.filer[0].utfall.get(&2026), Some(&Utfallskalla::Trans));
}

#[test]
fn rtrans_och_btrans_hoppas_over() {
    let (b, d) = en(r#"#VER A 1 20260210 "Rättelse"
{
#TRANS 6410 {1 "10"} 500.00
#BTRANS 6440 {1 "10"} 500.00 20260210 "Borttagen"
#RTRANS 6410 {1 "10"} 500.00 20260210 "Tillagd"
#TRANS 6410 {1 "10"} 500.00 20260210 "Tillagd"
#TRANS 2440 {} -1000.00
}
"#);
    assert!(d.ok());
    assert_eq!(utfall(&b, 2026, 2, "6410", Some("10")), Some(dec!(1)));
    assert_eq!(utfall(&b, 2026, 2, "6440", Some("10")), None);
}

#[test]
fn objektlistregeln_for_psaldo() {
    let (b, d) = en(r#"#PSALDO 0 202603 4010 {} 10000.00 5
#PSALDO 0 202603 4010 {1 "100"} 6000.00
#PSALDO 0 202603 4010 {"1" 200} 2500.00
#PSALDO 0 202603 4010 {6 "P1"} 7000.00
#PSALDO 0 202603 4010 {1 "100" 6 "P1"} 4000.00
#PSALDO 0 202603 3010 {1 "100"} -800.00
#PSALDO 0 202603 3020 {} -50.00
"#);
    assert!(d.ok(), "{:?}", fel(&d));
    assert_eq!(utfall(&b, 2026, 3, "4010", Some("100")), Some(dec!(6)));
    assert_eq!(utfall(&b, 2026, 3, "4010", Some("200")), Some(dec!(2.5)));
    assert_eq!(utfall(&b, 2026, 3, "4010", None), Some(dec!(1.5)));
    // No {} total: the ansvar records are all there is.
    assert_eq!(utfall(&b, 2026, 3, "3010", Some("100")), Some(dec!(-0.8)));
    assert_eq!(utfall(&b, 2026, 3, "3010", None), None);
    assert_eq!(utfall(&b, 2026, 3, "3020", None), Some(dec!(-0.05)));
    assert_eq!(b.utfall.len(), 5);
}

#[test]
fn annan_ansvarsdimension() {
    let mut d = Diagnos::default();
    let text = b"#PSALDO 0 202603 4010 {} 100.00\n#PSALDO 0 202603 4010 {2 \"K1\"} 60.00\n#PSALDO 0 202603 4010 {1 \"X\"} 30.00\n";
    let b = las_bytes(&[("a.se", text)], 2, &mut d);
    assert!(d.ok());
    assert_eq!(utfall(&b, 2026, 3, "4010", Some("K1")), Some(dec!(0.06)));
    assert_eq!(utfall(&b, 2026, 3, "4010", None), Some(dec!(0.04)));
}

#[test]
fn pbudget_med_samma_regel() {
    let (b, d) = en(r#"#PBUDGET 0 202601 5010 {} 120000.00
#PBUDGET 0 202601 5010 {1 "100"} 100000.00
#PBUDGET 0 202601 5010 {1 "100" 6 "P"} 1.00
#PBUDGET 0 202607 5010 {1 "100"} 40000.00
"#);
    assert!(d.ok());
    assert_eq!(budget(&b, 2026, 1, "5010", Some("100")), Some(dec!(100)));
    assert_eq!(budget(&b, 2026, 1, "5010", None), Some(dec!(20)));
    assert_eq!(budget(&b, 2026, 7, "5010", Some("100")), Some(dec!(40)));
    assert!(b.utfall.is_empty());
    assert_eq!(b.filer[0].budget, vec![2026]);
}

#[test]
fn femsiffriga_konton_behalls() {
    let (b, _) = en("#PSALDO 0 202601 45110 {1 \"10\"} 100.00\n");
    assert_eq!(utfall(&b, 2026, 1, "45110", Some("10")), Some(dec!(0.1)));
}

#[test]
fn okanda_etiketter_och_rader_utan_etikett_hoppas_over() {
    let (b, d) = en(r#"Det här är ingen post
#KSUMMA 12345
#SRU 3010 7410
#IB 0 1930 50000.00
#RES 0 3010 -1000.00
#OIB 0 1930 {1 "10"} 5.00
#UNDERDIM 11 1 "Delansvar"

#PSALDO 0 202601 3010 {} -1000.00
"#);
    assert!(d.ok(), "{:?}", fel(&d));
    assert_eq!(b.utfall.len(), 1);
}

#[test]
fn konflikt_mellan_filer_namnger_bada() {
    let a = b"#PSALDO 0 202603 5010 {1 \"10\"} 100.00\n#PSALDO 0 202604 5010 {1 \"10\"} 100.00\n";
    let b2 = b"#VER A 1 20260315 \"\"\n{\n#TRANS 5010 {1 \"20\"} 100.00\n#TRANS 1930 {} -100.00\n}\n#VER A 2 20260415 \"\"\n{\n#TRANS 5010 {} 5.00\n#TRANS 1930 {} -5.00\n}\n";
    let (_, d) = las(&[("2026-mars.se", a), ("2026.se", b2)]);
    assert_eq!(
        fel(&d),
        [
            "2026.se: utfall för konto 5010 2026-03 finns i både 2026-mars.se och 2026.se (och 1 konton och månader till): samma konto och månad får bara komma från en fil (exportera varje år en gång)"
        ]
    );
    // Different months or years combine.
    let c = b"#PSALDO 0 202605 5010 {1 \"10\"} 100.00\n#PSALDO 0 202505 5010 {1 \"10\"} 7.00\n";
    let (b, d) = las(&[("2026-mars.se", a), ("maj.se", c)]);
    assert!(d.ok(), "{:?}", fel(&d));
    assert_eq!(b.utfall.len(), 4);
    assert_eq!(b.filer.len(), 2);
}

#[test]
fn budgetkonflikt_mellan_filer() {
    let a = b"#PBUDGET 0 202603 5010 {1 \"10\"} 100.00\n";
    let (_, d) = las(&[("a.se", a), ("b.se", a)]);
    assert_eq!(d.fel.len(), 1);
    assert!(d.fel[0].meddelande.starts_with("budget (#PBUDGET) för konto 5010 2026-03 finns i både a.se och b.se"));
}

#[test]
fn dubbla_psaldo_i_en_fil_ar_fel() {
    let (_, d) = en(r#"#PSALDO 0 202603 5010 {1 "10"} 100.00
#PSALDO 0 202603 5010 {"1" 10} 100.00
#PSALDO 0 202603 5010 {} 100.00
#PSALDO 0 202603 5010 {} 100.00
#PSALDO 0 202603 5010 {1 "10" 6 "P"} 1.00
#PSALDO 0 202603 5010 {6 "P" 1 "10"} 1.00
#PBUDGET 0 202603 5010 {1 "10"} 100.00
#PSALDO 0 202604 5010 {1 "10"} 100.00
"#);
    let alla = fel(&d);
    assert_eq!(alla.len(), 3, "{alla:?}");
    assert_eq!(
        alla[0],
        "a.se rad 2, post \"#PSALDO\": samma period, konto och objektlista som på rad 1: varje period får bara stå en gång per konto och objektlista"
    );
    assert!(alla[1].starts_with("a.se rad 4, post \"#PSALDO\": samma period, konto och objektlista som på rad 3"));
    assert!(alla[2].starts_with("a.se rad 6, post \"#PSALDO\": samma period, konto och objektlista som på rad 5"));
}

#[test]
fn felaktiga_poster_namnger_fil_rad_etikett_och_vad_som_vantades() {
    let text = pc8(r#"#RAR 0 20260101 20261331
#PSALDO 0 202613 5010 {} 1.00
#PSALDO 0 202603 50A0 {} 1.00
#PSALDO 0 202603 5010 1.00
#PSALDO 0 202603 5010 {1} 1.00
#PSALDO 0 202603 5010 {1 "10"} 1,50
#PSALDO 0 202603 5010 {1 "10"
#PSALDO x 202603 5010 {} 1.00
#TRANS 5010 {} 1.00
#VER A 1 2026013 "fel datum"
{
#TRANS 5010 {} 1.00
#TRANS 5010 {1 "10" 1 "20"} 1.00
#TRANS 5010 {} 1.00 20260230
#TRANS 5010 {} "Åtta kronor"
#TRANS 5010 {x "10"} 1.00
#TRANS 5010 {} 1.00 20260101 "öppet citat
#TRANS 5010 {}
}
}
#VER A 2 20260101 "utan block"
#VER A 3 20260101 "utan slut"
{
#TRANS 5010 {} 1.00
"#);
    let (_, d) = las(&[("fel.se", &text)]);
    let alla = fel(&d);
    let vantat = [
        "fel.se rad 1, post \"#RAR\": \"20261331\" är inget datum: väntade slutdatum som ÅÅÅÅMMDD",
        "fel.se rad 2, post \"#PSALDO\": \"202613\" är ingen period: väntade ÅÅÅÅMM",
        "fel.se rad 3, post \"#PSALDO\": \"50A0\" är inget kontonummer: väntade siffror, minst fyra",
        "fel.se rad 4, post \"#PSALDO\": väntade en objektlista {…} efter kontot (tom: {})",
        "fel.se rad 5, post \"#PSALDO\": dimension 1 i objektlistan saknar objekt: väntade par av dimension och objekt",
        "fel.se rad 6, post \"#PSALDO\": \"1,50\" är inget belopp: väntade saldo i kronor med punkt som decimaltecken, till exempel -1234.50",
        "fel.se rad 7, post \"#PSALDO\": objektlistan avslutas inte med }",
        "fel.se rad 8, post \"#PSALDO\": \"x\" är inget årsnummer: väntade ett heltal (0, -1, …)",
        "fel.se rad 9, post \"#TRANS\": #TRANS utanför ett #VER-block: väntade #VER och { före",
        "fel.se rad 10, post \"#VER\": \"2026013\" är inget datum: väntade verdatum som ÅÅÅÅMMDD",
        "fel.se rad 13, post \"#TRANS\": objektlistan har 2 objekt i ansvarsdimensionen 1: väntade högst ett",
        "fel.se rad 14, post \"#TRANS\": \"20260230\" är inget datum: väntade transdat som ÅÅÅÅMMDD",
        "fel.se rad 15, post \"#TRANS\": \"Åtta kronor\" är inget belopp: väntade belopp i kronor med punkt som decimaltecken, till exempel -1234.50",
        "fel.se rad 16, post \"#TRANS\": \"x\" är ingen dimension: objektlistan ska bestå av par av dimension och objekt",
        "fel.se rad 17, post \"#TRANS\": ett citerat fält avslutas inte med \"",
        "fel.se rad 18, post \"#TRANS\": belopp saknas",
        "fel.se rad 20, post \"}\": } utan ett öppet { … }-block",
        "fel.se rad 21, post \"#VER\": verifikationen följs inte av ett { … }-block",
        "fel.se rad 22, post \"#VER\": verifikationens { … }-block avslutas inte med } före filens slut",
    ];
    for (i, v) in vantat.iter().enumerate() {
        assert!(alla.contains(&v.to_string()), "saknas ({i}): {v}\nfick:\n{}", alla.join("\n"));
    }
    assert_eq!(alla.len(), vantat.len(), "{}", alla.join("\n"));
}

#[test]
fn tusen_fel_blir_hundra_och_en_summering() {
    let text = "#PSALDO 0 202603 5010 {} x\n".repeat(1000);
    let (_, d) = en(&text);
    assert_eq!(d.fel.len(), 101);
    assert_eq!(d.fel[100].to_string(), "a.se: och 900 fel till i filen (bara de 100 första visas)");
}

#[test]
fn period_utanfor_rakenskapsaret_ar_en_varning() {
    let (b, d) = en("#RAR 0 20260101 20261231\n#PSALDO 0 202512 5010 {} 1.00\n");
    assert!(d.ok());
    assert_eq!(d.varningar.len(), 1);
    assert!(d.varningar[0].meddelande.contains("perioden 202512 ligger utanför räkenskapsår 0"));
    assert_eq!(utfall(&b, 2025, 12, "5010", None), Some(dec!(0.001)));
}

#[test]
fn belopp_i_tkr_exakt() {
    let (b, _) = en("#PSALDO 0 202601 5010 {} 1234567.89\n#PSALDO 0 202602 5010 {} -0.01\n");
    assert_eq!(utfall(&b, 2026, 1, "5010", None), Some(dec!(1234.56789)));
    assert_eq!(utfall(&b, 2026, 2, "5010", None), Some(dec!(-0.00001)));
}

#[test]
fn en_nyckel_finns_aven_nar_summan_ar_noll() {
    let (b, _) = en("#VER A 1 20260110 \"\"\n{\n#TRANS 5010 {1 \"10\"} 100.00\n#TRANS 5010 {1 \"10\"} -100.00\n}\n");
    assert_eq!(utfall(&b, 2026, 1, "5010", Some("10")), Some(Decimal::ZERO));
}

/// Files as several systems write them: CRLF line ends, tabs, quoted
/// dimension numbers, empty transdat, quantities and signatures after the amount.
#[test]
fn olika_systems_konventioner() {
    // Visma-like: CRLF, empty transdat and text, quantity.
    let visma = "#FLAGGA 0\r\n#PROGRAM \"Visma Administration\" 2024.1\r\n#FORMAT PC8\r\n#SIETYP 4\r\n#RAR 0 20260101 20261231\r\n#VER \"A\" \"12\" 20260131 \"Lön\" 20260201\r\n{\r\n#TRANS 5010 {\"1\" \"310\"} 25000.00 \"\" \"\" 0\r\n#TRANS 1930 {} -25000.00 \"\" \"\" 0\r\n}\r\n";
    // Fortnox-like: transdat, text, quantity and signature.
    let fortnox = "#VER A 5 20260205 \"Inköp\" 20260206 \"AB\"\n{\n\t#TRANS 4010 {1 \"320\"} 1200.00 20260205 \"Material\" 0 \"AB\"\n\t#TRANS 2440 {} -1200.00 20260205 \"Material\" 0 \"AB\"\n}\n";
    // Raindance-like: five-digit accounts, unquoted objects, several dimensions.
    let raindance = "#DIM 1 \"Ansvar\"\n#DIM 2 \"Verksamhet\"\n#PSALDO 0 202601 45110 {1 330} 800.00\n#PSALDO 0 202601 45110 {1 330 2 410} 800.00\n#PSALDO 0 202601 45110 {} 900.00\n";
    let (b, d) = las(&[
        ("visma.se", visma.as_bytes()),
        ("fortnox.se", fortnox.as_bytes()),
        ("raindance.se", raindance.as_bytes()),
    ]);
    assert!(d.ok(), "{:?}", fel(&d));
    assert_eq!(utfall(&b, 2026, 1, "5010", Some("310")), Some(dec!(25)));
    assert_eq!(utfall(&b, 2026, 2, "4010", Some("320")), Some(dec!(1.2)));
    assert_eq!(utfall(&b, 2026, 1, "45110", Some("330")), Some(dec!(0.8)));
    assert_eq!(utfall(&b, 2026, 1, "45110", None), Some(dec!(0.1)));
}

#[test]
fn en_fil_utan_sie_poster_ar_fel() {
    let (_, d) = las(&[("budget.xlsx", b"PK\x03\x04 inte en SIE-fil\n\xff\xfe\n")]);
    assert_eq!(
        fel(&d),
        [
            "budget.xlsx: filen har inga SIE-poster (rader som #VER, #TRANS, #PSALDO, #PBUDGET, #KONTO): väntade en SIE-fil"
        ]
    );
    let (_, d) = en("");
    assert_eq!(d.fel.len(), 1);
    // Only balances (SIE type 1): a SIE file, though without outcome.
    let (b, d) = en("#FLAGGA 0\n#IB 0 1930 1.00\n");
    assert!(d.ok() && b.utfall.is_empty());
}

#[test]
fn en_rad_over_en_mebibyte_stoppar_filen() {
    let mut f = b"#KONTO 3010 \"A\"\n".to_vec();
    f.extend(std::iter::repeat_n(b'x', 2 << 20));
    let (b, d) = las(&[("binar.se", &f)]);
    assert_eq!(fel(&d), ["binar.se: rad 2 är längre än 1 MiB: väntade en SIE-fil med en post per rad"]);
    assert_eq!(b.kontonamn["3010"], "A");
}

#[test]
fn filen_saknas() {
    let mut d = Diagnos::default();
    las_filer(&["/finns/inte.se"], 1, &mut d);
    assert_eq!(d.fel.len(), 1);
    assert_eq!(d.fel[0].to_string(), "/finns/inte.se: filen saknas");
    // A folder: one error in Swedish, not an English I/O text and a second "no records".
    let mapp = tempfile::tempdir().unwrap();
    let mut d = Diagnos::default();
    las_filer(&[mapp.path()], 1, &mut d);
    assert_eq!(d.fel.len(), 1, "{:?}", d.fel);
    assert!(d.fel[0].to_string().ends_with("kan inte läsas: det är en mapp, inte en fil"), "{}", d.fel[0]);
}

#[test]
fn orimligt_stora_belopp_ar_fel_med_rad() {
    let (_, d) = en("#RAR 0 20260101 20261231\n#PSALDO 0 202601 4010 {} 9999999999999999999999999999\n");
    assert_eq!(d.fel.len(), 1, "{:?}", d.fel);
    let f = d.fel[0].to_string();
    assert!(f.contains("rad 2") && f.contains("är orimligt stort: högst 1 000 000 000 000 000 kr"), "{f}");
}

#[test]
fn en_fil_med_kommentarer_ar_ingen_sie_fil() {
    // `modell.toml` given by mistake: `# …` lines are not SIE records.
    let mut d = Diagnos::default();
    las_bytes(&[("modell.toml", b"# Hedemora\n[kommun]\nnamn = \"Hedemora\"\n#\n")], 1, &mut d);
    assert_eq!(d.fel.len(), 1, "{:?}", d.fel);
    assert!(d.fel[0].to_string().starts_with("modell.toml: filen har inga SIE-poster"), "{}", d.fel[0]);
}

mod egenskaper {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// A field as a SIE writer quotes it.
    fn citera(text: &str) -> String {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }

    proptest! {
        /// Any name survives quoting and the tokenizer, in UTF-8 and in code page 437.
        #[test]
        fn namn_tal_citat_och_backstreck(namn in "[a-zA-Z0-9 åäöÅÄÖé\"\\\\{}#\t-]{0,30}") {
            let rad = format!("#KONTO 3010 {}\n", citera(&namn));
            let (b, d) = en(&rad);
            prop_assert!(d.ok(), "{:?}", d.fel);
            prop_assert_eq!(&b.kontonamn["3010"], &namn);
            let (b, d) = las(&[("pc8.se", &pc8(&rad))]);
            prop_assert!(d.ok());
            prop_assert_eq!(&b.kontonamn["3010"], &namn);
        }

        /// The same transactions read as #VER/#TRANS and as #PSALDO (per object
        /// and with {} totals, other dimensions beside) give the same outcome.
        #[test]
        fn trans_och_psaldo_ger_samma_utfall(
            poster in prop::collection::vec((1u32..=12, 0usize..4, 0usize..4, -5_000_000i64..5_000_000, any::<bool>()), 1..60)
        ) {
            const KONTON: [&str; 4] = ["3010", "45110", "5010", "8010"];
            const OBJEKT: [Option<&str>; 4] = [Some("1310"), Some("2 00"), Some("9\"x"), None];
            let mut ver = String::new();
            let mut per_objekt: BTreeMap<(u32, &str, Option<&str>), i64> = BTreeMap::new();
            let mut projekt: BTreeMap<(u32, &str), i64> = BTreeMap::new();
            for (i, (manad, k, o, ore, med_projekt)) in poster.iter().enumerate() {
                let (konto, objekt) = (KONTON[*k], OBJEKT[*o]);
                let mut lista = String::new();
                if *med_projekt {
                    lista.push_str("6 \"P1\" ");
                    *projekt.entry((*manad, konto)).or_default() += ore;
                }
                if let Some(o) = objekt {
                    lista.push_str(&format!("1 {}", citera(o)));
                }
                let belopp = Decimal::new(*ore, 2);
                ver.push_str(&format!("#VER A {i} 2026{manad:02}15 \"\"\n{{\n#TRANS {konto} {{{lista}}} {belopp}\n}}\n"));
                *per_objekt.entry((*manad, konto, objekt)).or_default() += ore;
            }
            let mut psaldo = String::new();
            let mut totaler: BTreeMap<(u32, &str), i64> = BTreeMap::new();
            for ((manad, konto, objekt), ore) in &per_objekt {
                *totaler.entry((*manad, konto)).or_default() += ore;
                if let Some(o) = objekt {
                    psaldo.push_str(&format!("#PSALDO 0 2026{manad:02} {konto} {{1 {}}} {}\n", citera(o), Decimal::new(*ore, 2)));
                }
            }
            for ((manad, konto), ore) in &totaler {
                psaldo.push_str(&format!("#PSALDO 0 2026{manad:02} {konto} {{}} {}\n", Decimal::new(*ore, 2)));
            }
            for ((manad, konto), ore) in &projekt {
                psaldo.push_str(&format!("#PSALDO 0 2026{manad:02} {konto} {{6 \"P1\"}} {}\n", Decimal::new(*ore, 2)));
            }
            let (a, d) = las(&[("ver.se", ver.as_bytes())]);
            prop_assert!(d.ok(), "{:?}", d.fel);
            let (b, d) = las(&[("psaldo.se", psaldo.as_bytes())]);
            prop_assert!(d.ok(), "{:?}", d.fel);
            // PSALDO has a key without object for every account and month with a total; compare non-zero sums.
            let utan_nollor = |k: &BTreeMap<Bokforingsnyckel, Decimal>| -> BTreeMap<Bokforingsnyckel, Decimal> {
                k.iter().filter(|(_, v)| !v.is_zero()).map(|(k, v)| (k.clone(), *v)).collect()
            };
            prop_assert_eq!(utan_nollor(&a.utfall), utan_nollor(&b.utfall));
        }
    }
}

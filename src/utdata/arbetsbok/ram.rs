//! The workbook of `ramverk ram` (MODELL §1–3, §8, §10): the sheets
//! *Procentuell ram*, *Intäkter* and *Antaganden*.
//!
//! Every figure an economist needs to audit the frame is in it: the inputs
//! (yellow), and each step from them as a live formula with ramverk's exact
//! result stored. Totals refer across sheets: the ramutrymme on *Procentuell
//! ram* uses S(t) from *Intäkter* and PK(t), C(t) and m from *Antaganden*.

use super::{Arbetsbok, Blad, Cell, Dokument, Kolumn, Roll, Slag, arsrubrik};
use crate::berakning::intakter::{FORANDRAT_STATSBIDRAG, OVRIG_INTAKTSFORANDRING};
use crate::fel::Avbrott;
use crate::modell::{Ar, Intaktstyp, Pensionstyp, Scenario};
use crate::tal::svensk;
use crate::utdata::ram::Januariram;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::path::Path;

pub const PROCENTUELL_RAM: &str = "Procentuell ram";
pub const INTAKTER: &str = "Intäkter";
pub const ANTAGANDEN: &str = "Antaganden";

/// Writes the workbook of `ram` to `fil` (through a temporary file).
pub fn skriv(j: &Januariram<'_>, fil: &Path) -> Result<(), Avbrott> {
    arbetsbok(j)?.spara(fil)
}

/// The workbook of `ram`, sheets in the order Procentuell ram, Intäkter, Antaganden.
pub fn arbetsbok(j: &Januariram<'_>) -> Result<Arbetsbok, Avbrott> {
    let m = j.grund.modell;
    let titel = format!("Procentuell ram {} – {}", m.budgetar(), m.kommun);
    let mut bok = Arbetsbok::ny(Dokument::for_grund(titel, &j.grund));
    // Built in the order they refer to each other, shown in the order of reading.
    let (antaganden, a) = antaganden(&bok, j)?;
    let (intakter, s) = intakter(&bok, j, &a)?;
    let procentuell = procentuell_ram(&bok, j, &a, &s)?;
    bok.lagg_till(procentuell);
    bok.lagg_till(intakter);
    bok.lagg_till(antaganden);
    Ok(bok)
}

type Arsceller = BTreeMap<Ar, Cell>;

/// The cells of *Antaganden* that other sheets refer to.
struct Antaganden {
    skattesats: Cell,
    skattesats_forandring: Cell,
    resultatmal: Cell,
    /// SKR's series as read, and the scenario's percentage points on them.
    serier: BTreeMap<String, Arsceller>,
    index: BTreeMap<String, Arsceller>,
    /// δ(t): the scenario's points on the skatteunderlag growth.
    skatteunderlag: Arsceller,
    statsbidrag: Arsceller,
    ovriga_intakter: Arsceller,
    /// P'(t) and Pskr(t).
    invanare: Arsceller,
    invanare_skr: Arsceller,
    /// PK(t) and C(t).
    pension: Arsceller,
    centrala: Arsceller,
}

impl Antaganden {
    /// A series' value for year `t` as the computation uses it (SKR's value
    /// plus the scenario's points), as a formula term on sheet `fran`; `None`
    /// when the series has no value for `t`.
    fn serie(&self, serie: &str, t: Ar, fran: &str) -> Option<String> {
        let v = self.serier.get(serie)?.get(&t)?.i(fran);
        Some(match self.index.get(serie).and_then(|k| k.get(&t)) {
            Some(d) => format!("({v}+{})", d.i(fran)),
            None => v,
        })
    }
}

/// Columns of a sheet whose years start at `forsta`.
struct Arskolumner {
    forsta: u16,
    ar: Vec<Ar>,
}

impl Arskolumner {
    fn kol(&self, t: Ar) -> u16 {
        let i = self.ar.iter().position(|&a| a == t).unwrap_or(0);
        self.forsta + i as u16
    }
    fn sista(&self) -> u16 {
        self.forsta + self.ar.len().saturating_sub(1) as u16
    }
}

/// A value or a formula with its result, for one year.
enum Post {
    Varde(Decimal, Roll),
    Formel(String, Decimal),
    /// A formula shown as a total (bold, a line above).
    Total(String, Decimal),
    Tom,
}

/// A row of a label, a type and one cell per year, with the source (if any)
/// in column `kalla`.
#[allow(clippy::too_many_arguments)]
fn arsrad(
    b: &mut Blad,
    kolumner: &Arskolumner,
    etikett: &str,
    typ: &str,
    kalla: Option<(u16, &str)>,
    slag: Slag,
    mut cell: impl FnMut(Ar, &str) -> Post,
) -> Result<Arsceller, Avbrott> {
    let r = b.ny_rad();
    b.text(r, 0, etikett)?;
    if !typ.is_empty() {
        b.text(r, 1, typ)?;
    }
    if let Some((k, text)) = kalla {
        b.text(r, k, text)?;
    }
    let mut ut = Arsceller::new();
    for &t in &kolumner.ar {
        let k = kolumner.kol(t);
        let c = match cell(t, b.namn()) {
            Post::Varde(v, roll) => b.tal(r, k, v, slag, roll)?,
            Post::Formel(f, v) => b.formel(r, k, &f, v, slag, Roll::Formel)?,
            Post::Total(f, v) => b.formel(r, k, &f, v, slag, Roll::Summa)?,
            Post::Tom => continue,
        };
        ut.insert(t, c);
    }
    Ok(ut)
}

/// A setting on its own row: label, type or unit, the value (a number, or a
/// text given as `Err`) in column C, and its source.
fn installning(
    b: &mut Blad,
    kalla_kol: u16,
    etikett: &str,
    typ: &str,
    varde: Result<(Decimal, Slag), &str>,
    kalla: &str,
) -> Result<Cell, Avbrott> {
    let r = b.ny_rad();
    b.text(r, 0, etikett)?;
    if !typ.is_empty() {
        b.text(r, 1, typ)?;
    }
    b.text(r, kalla_kol, kalla)?;
    match varde {
        Ok((v, slag)) => b.tal(r, 2, v, slag, Roll::Indata),
        Err(text) => b.text(r, 2, text),
    }
}

/// A total row: per year the sum of the cells of `rader` in that year's column.
fn summarad(
    b: &mut Blad,
    kolumner: &Arskolumner,
    etikett: &str,
    rader: &[Arsceller],
    mut resultat: impl FnMut(Ar) -> Decimal,
) -> Result<Arsceller, Avbrott> {
    let r = b.ny_rad();
    b.text_med(r, 0, etikett, &rust_xlsxwriter::Format::new().set_bold())?;
    let mut ut = Arsceller::new();
    for &t in &kolumner.ar {
        let celler: Vec<&Cell> = rader.iter().filter_map(|rad| rad.get(&t)).collect();
        let omrade = match (celler.first(), celler.last()) {
            (Some(a), Some(z)) if z.rad - a.rad + 1 == celler.len() as u32 => Some((*a, *z)),
            _ => None,
        };
        let c = if omrade.is_none() && !celler.is_empty() {
            // Not one block of rows: add the cells one by one.
            let f = format!(
                "={}",
                celler
                    .iter()
                    .map(|c| c.i(b.namn()))
                    .collect::<Vec<_>>()
                    .join("+")
            );
            b.formel(
                r,
                kolumner.kol(t),
                &f,
                resultat(t),
                Slag::Belopp,
                Roll::Summa,
            )?
        } else {
            b.summa(r, kolumner.kol(t), omrade, resultat(t), Slag::Belopp)?
        };
        ut.insert(t, c);
    }
    Ok(ut)
}

fn antaganden(bok: &Arbetsbok, j: &Januariram<'_>) -> Result<(Blad, Antaganden), Avbrott> {
    let g = &j.grund;
    let m = g.modell;
    let s = g.scenario;
    let ar = m.ar();
    let kol = Arskolumner {
        forsta: 3,
        ar: ar.clone(),
    };
    let kalla_kol = kol.sista() + 1;
    let mut rubriker = vec![
        Kolumn::ny("Uppgift", 58.0),
        Kolumn::ny("Typ / enhet", 30.0),
        Kolumn::tal("Värde"),
    ];
    rubriker.extend(ar.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    rubriker.push(Kolumn::ny("Källa", 34.0));
    let mut b = bok.blad(ANTAGANDEN, &rubriker, 1)?;
    let budget = &g.ramutrymme[&m.budgetar()];
    let scenariokalla = s
        .fil
        .clone()
        .unwrap_or_else(|| "basscenariot: inga förändringar".to_string());

    // Settings of the model and the scenario.
    b.avsnitt("Modell och scenario")?;
    let installning =
        |b: &mut Blad,
         etikett: &str,
         typ: &str,
         varde: Result<(Decimal, Slag), &str>,
         kalla: &str| { installning(b, kalla_kol, etikett, typ, varde, kalla) };
    installning(&mut b, "Kommun", "", Err(&m.kommun), "modell.toml [kommun]")?;
    if let Some(kod) = &m.kommunkod {
        installning(&mut b, "Kommunkod", "", Err(kod), "modell.toml [kommun]")?;
    }
    installning(
        &mut b,
        "Basår t0 (året för ramarna)",
        "år",
        Ok((m.basar.into(), Slag::Tal)),
        "modell.toml [period]",
    )?;
    installning(
        &mut b,
        "Budgetår",
        "år",
        Ok((m.budgetar().into(), Slag::Tal)),
        "modell.toml [period]",
    )?;
    installning(
        &mut b,
        "Antal år (budgetår och planår)",
        "år",
        Ok((m.antal_ar.into(), Slag::Tal)),
        "modell.toml [period]",
    )?;
    installning(
        &mut b,
        "SKR-prognos",
        "",
        Err(&m.skr_prognos),
        "modell.toml [skr]",
    )?;
    installning(&mut b, "Scenario", "", Err(&s.namn), &scenariokalla)?;
    if let Some(text) = &s.beskrivning {
        installning(
            &mut b,
            "Scenariots beskrivning",
            "",
            Err(text),
            &scenariokalla,
        )?;
    }
    let skattesats = installning(
        &mut b,
        "Skattesats s0",
        "kr per 100 kr",
        Ok((m.skattesats, Slag::Tal)),
        "modell.toml [skatt]",
    )?;
    let skattesats_forandring = installning(
        &mut b,
        "Skattesatsens förändring Δs (scenario)",
        "kr per 100 kr",
        Ok((s.skattesats_forandring, Slag::Tal)),
        &scenariokalla,
    )?;
    let loneskatt = installning(
        &mut b,
        "Särskild löneskatt på pensioner",
        "procent",
        Ok((m.loneskatt_procent, Slag::Procent)),
        "modell.toml [skatt]",
    )?;
    let mal_kalla = if s.resultat_procent.is_some() {
        scenariokalla.as_str()
    } else {
        "modell.toml [mal]"
    };
    let resultatmal = installning(
        &mut b,
        "Resultatmål m",
        "procent av skatter och bidrag",
        Ok((budget.resultatmal_procent, Slag::Procent)),
        mal_kalla,
    )?;
    installning(
        &mut b,
        "Avrundningsenhet för ramarna",
        "tkr",
        Ok((m.enhet_tkr, Slag::Tal)),
        "modell.toml [avrundning]",
    )?;
    let regel = s.fordelning.unwrap_or(m.fordelning);
    installning(
        &mut b,
        "Fördelningsregel (används från maj)",
        "",
        Err(regel.namn()),
        "modell.toml [fordelning]",
    )?;
    let i_ram = m.kapital.kapitalkostnad_i_ram;
    installning(
        &mut b,
        "Kapitalkostnad i nämndernas ramar",
        "",
        Err(if i_ram { "ja" } else { "nej" }),
        "modell.toml [investeringar]",
    )?;
    let laneranta = match m.kapital.laneranta {
        Some(r) => Some(installning(
            &mut b,
            "Låneränta",
            "procent",
            Ok((r, Slag::Procent)),
            "modell.toml [investeringar]",
        )?),
        None => None,
    };
    let lanefinansiering = installning(
        &mut b,
        "Lånefinansierad andel av investeringarna",
        "procent",
        Ok((m.kapital.lanefinansiering_procent, Slag::Procent)),
        "modell.toml [investeringar]",
    )?;
    b.tom_rad();

    // SKR's series.
    b.avsnitt("SKR:s prognos")?;
    let skr_kalla = m.kalla("skr");
    let mut serier = BTreeMap::new();
    for (serie, rad) in &m.skr {
        let typ = if matches!(serie.as_str(), "po" | "internranta") {
            "nivå, procent"
        } else {
            "förändring, procent"
        };
        let celler = arsrad(
            &mut b,
            &kol,
            serie,
            typ,
            Some((kalla_kol, &skr_kalla)),
            Slag::Procent,
            |t, _| match rad.get(t) {
                Some(v) => Post::Varde(v, Roll::Indata),
                None => Post::Tom,
            },
        )?;
        serier.insert(serie.clone(), celler);
    }
    b.tom_rad();

    // The scenario's levers.
    b.avsnitt(&format!("Scenariots förändringar: {}", s.namn))?;
    let lever = Some((kalla_kol, scenariokalla.as_str()));
    let varde =
        |k: &crate::modell::Arsbelopp, ar: Ar| Post::Varde(Scenario::ar_varde(k, ar), Roll::Indata);
    let skatteunderlag = arsrad(
        &mut b,
        &kol,
        "Skatteunderlagets utveckling δ",
        "procentenheter",
        lever,
        Slag::Procent,
        |t, _| varde(&s.skatteunderlag, t),
    )?;
    let invanare_delta = arsrad(
        &mut b,
        &kol,
        "Invånare 1 november året före ΔP",
        "personer (scenariots år = året före)",
        lever,
        Slag::Antal,
        |t, _| varde(&s.invanare, t - 1),
    )?;
    let statsbidrag = arsrad(
        &mut b,
        &kol,
        "Generellt statsbidrag",
        "kr per invånare",
        lever,
        Slag::Tal,
        |t, _| varde(&s.statsbidrag_kr_per_invanare, t),
    )?;
    let ovriga_intakter = arsrad(
        &mut b,
        &kol,
        "Övrig intäktsförändring",
        "tkr",
        lever,
        Slag::Belopp,
        |t, _| varde(&s.intakter_tkr, t),
    )?;
    let mut index = BTreeMap::new();
    for (serie, k) in &s.index {
        let celler = arsrad(
            &mut b,
            &kol,
            &format!("Index {serie}"),
            "procentenheter på SKR:s serie",
            lever,
            Slag::Procent,
            |t, _| varde(k, t),
        )?;
        index.insert(serie.clone(), celler);
    }
    arsrad(
        &mut b,
        &kol,
        "Generell effektivisering (används från maj)",
        "procent",
        lever,
        Slag::Procent,
        |t, _| varde(&s.effektivisering_procent, t),
    )?;
    b.tom_rad();

    // Population.
    b.avsnitt("Befolkning: invånare 1 november året före intäktsåret")?;
    let egen = ar
        .iter()
        .all(|t| m.invanare_1_november.contains_key(&(t - 1)));
    let interpolerad = ar
        .iter()
        .all(|t| !m.invanare_1_november.contains_key(&(t - 1)));
    let bef_kalla = format!(
        "{}, (2·N(t−2) + 10·N(t−1)) / 12 avrundat",
        m.kalla("befolkning")
    );
    let p_kalla = if egen {
        "modell.toml [befolkning]".to_string()
    } else if interpolerad {
        bef_kalla
    } else {
        format!("modell.toml [befolkning], annars {bef_kalla}")
    };
    let p = arsrad(
        &mut b,
        &kol,
        "Egen prognos P(t)",
        "personer",
        Some((kalla_kol, &p_kalla)),
        Slag::Antal,
        |t, _| {
            let roll = if m.invanare_1_november.contains_key(&(t - 1)) {
                Roll::Indata
            } else {
                Roll::Beraknat
            };
            Post::Varde(
                g.intakter[&t].invanare - Scenario::ar_varde(&s.invanare, t - 1),
                roll,
            )
        },
    )?;
    let invanare = arsrad(
        &mut b,
        &kol,
        "Invånare för intäkterna P'(t) = P(t) + ΔP",
        "personer",
        None,
        Slag::Antal,
        |t, blad| {
            Post::Formel(
                format!("={}+{}", p[&t].i(blad), invanare_delta[&t].i(blad)),
                g.intakter[&t].invanare,
            )
        },
    )?;
    let sob_kalla = m.kalla("skatter_och_bidrag");
    let invanare_skr = arsrad(
        &mut b,
        &kol,
        "SKR:s antagande Pskr(t)",
        "personer",
        Some((kalla_kol, &sob_kalla)),
        Slag::Antal,
        |t, _| Post::Varde(g.intakter[&t].invanare_skr, Roll::Indata),
    )?;
    b.tom_rad();

    // Pension.
    b.avsnitt("Pensionsprognos (tkr utan löneskatt; ansvarsförbindelsen inklusive löneskatt)")?;
    let pension_kalla = m.kalla("pension");
    let mut pensionsrader = Vec::new();
    for p in &m.pension {
        let celler = arsrad(
            &mut b,
            &kol,
            &p.post,
            p.typ.namn(),
            Some((kalla_kol, &pension_kalla)),
            Slag::Belopp,
            |t, _| match p.belopp.get(t) {
                Some(v) => Post::Varde(v, Roll::Indata),
                None => Post::Tom,
            },
        )?;
        pensionsrader.push(celler);
    }
    if m.pension.is_empty() {
        b.anteckning("Ingen pensionsprognos i modellen.")?;
    }
    b.tom_rad();
    b.avsnitt("Pensionskostnader i ramutrymmet (tkr): kostnad och finansiell × (1 + löneskatt), i_ramar dras av")?;
    let mut pk_rader = Vec::new();
    let i_pk = m
        .pension
        .iter()
        .zip(&pensionsrader)
        .filter(|(p, _)| p.typ != Pensionstyp::Ansvarsforbindelse);
    for (i, (p, in_celler)) in i_pk.enumerate() {
        let celler = arsrad(
            &mut b,
            &kol,
            &p.post,
            p.typ.namn(),
            None,
            Slag::Belopp,
            |t, blad| {
                let v = g.ramutrymme[&t].pensionsposter[i].belopp;
                match in_celler.get(&t) {
                    Some(c) if matches!(p.typ, Pensionstyp::Kostnad | Pensionstyp::Finansiell) => {
                        Post::Formel(format!("={}*(1+{})", c.i(blad), loneskatt.abs_i(blad)), v)
                    }
                    Some(c) => Post::Formel(format!("=-{}", c.i(blad)), v),
                    None => Post::Varde(v, Roll::Beraknat),
                }
            },
        )?;
        pk_rader.push(celler);
    }
    let pension = summarad(&mut b, &kol, "Pensionskostnader PK(t)", &pk_rader, |t| {
        g.ramutrymme[&t].pension
    })?;
    b.tom_rad();

    // Investments and their capital costs (MODELL §8).
    let mut avskrivningar = Vec::new();
    let mut internrantor = Vec::new();
    let mut externa_rantor = Vec::new();
    if !m.investeringar.is_empty() {
        let inv_kalla = m.kalla("investeringar");
        b.avsnitt("Investeringar (tkr)")?;
        for inv in &m.investeringar {
            let r = b.ny_rad();
            b.text(r, 0, &format!("{} {}", inv.id, inv.projekt))?;
            let namnd = &m.namnder[inv.namnd].id;
            b.text(
                r,
                1,
                &format!(
                    "{namnd}, aktiveras {}, {} år",
                    inv.aktiveringsar, inv.avskrivningstid
                ),
            )?;
            b.tal(r, 2, inv.belopp, Slag::Belopp, Roll::Indata)?;
            b.text(r, kalla_kol, &inv_kalla)?;
        }
        b.tom_rad();
        let kap = &g.kapital.investeringar;
        let namn = |i: usize| format!("{} {}", m.investeringar[i].id, m.investeringar[i].projekt);
        b.avsnitt("Avskrivning (tkr): belopp / avskrivningstid, från året efter aktiveringen")?;
        for (i, k) in kap.iter().enumerate() {
            avskrivningar.push(arsrad(
                &mut b,
                &kol,
                &namn(i),
                "",
                None,
                Slag::Belopp,
                |t, _| Post::Varde(k[&t].avskrivning, Roll::Beraknat),
            )?);
        }
        b.tom_rad();
        b.avsnitt("Bokfört värde vid årets början (tkr)")?;
        let mut bokfort = Vec::new();
        for (i, k) in kap.iter().enumerate() {
            bokfort.push(arsrad(
                &mut b,
                &kol,
                &namn(i),
                "",
                None,
                Slag::Belopp,
                |t, _| Post::Varde(k[&t].bokfort_varde, Roll::Beraknat),
            )?);
        }
        if i_ram {
            b.tom_rad();
            b.avsnitt("Internränta (tkr) = bokfört värde × internränta (SKR)")?;
            for (i, bv) in bokfort.iter().enumerate() {
                internrantor.push(arsrad(
                    &mut b,
                    &kol,
                    &namn(i),
                    "",
                    None,
                    Slag::Belopp,
                    |t, blad| {
                        let v = kap[i][&t].internranta;
                        let ranta =
                            serier
                                .get("internranta")
                                .and_then(|k| k.get(&t))
                                .map(|c| match index.get("internranta").and_then(|k| k.get(&t)) {
                                    Some(d) => format!("({}+{})", c.i(blad), d.i(blad)),
                                    None => c.i(blad),
                                });
                        match ranta {
                            Some(r) => Post::Formel(format!("={}*{r}", bv[&t].i(blad)), v),
                            None => Post::Varde(v, Roll::Beraknat),
                        }
                    },
                )?);
            }
        }
        if let Some(lr) = &laneranta {
            b.tom_rad();
            b.avsnitt(
                "Räntekostnad för lån (tkr) = bokfört värde × lånefinansierad andel × låneränta",
            )?;
            for (i, bv) in bokfort.iter().enumerate() {
                externa_rantor.push(arsrad(
                    &mut b,
                    &kol,
                    &namn(i),
                    "",
                    None,
                    Slag::Belopp,
                    |t, blad| {
                        let f = format!(
                            "={}*{}*{}",
                            bv[&t].i(blad),
                            lanefinansiering.abs_i(blad),
                            lr.abs_i(blad)
                        );
                        Post::Formel(f, kap[i][&t].extern_ranta)
                    },
                )?);
            }
        }
        b.tom_rad();
    }

    // Central items, with the investment terms.
    b.avsnitt("Centrala poster (tkr, + kostnad, − intäkt)")?;
    let central_kalla = m.kalla("centrala_poster");
    let mut c_rader = Vec::new();
    for p in &m.centrala_poster {
        c_rader.push(arsrad(
            &mut b,
            &kol,
            &p.post,
            p.typ.namn(),
            Some((kalla_kol, &central_kalla)),
            Slag::Belopp,
            |t, _| match p.belopp.get(t) {
                Some(v) => Post::Varde(v, Roll::Indata),
                None => Post::Tom,
            },
        )?);
    }
    let forsta_term = m.centrala_poster.len();
    for (i, (namn, belopp)) in g.kapital.centralt.iter().enumerate() {
        let typ = g.ramutrymme[&m.budgetar()]
            .centrala
            .get(forsta_term + i)
            .map(|p| p.typ)
            .unwrap_or("");
        let (tecken, rader) = match namn.as_str() {
            "Internränta från nämnderna" => ("-", &internrantor),
            "Avskrivningar" => ("", &avskrivningar),
            "Räntekostnad för lån" => ("", &externa_rantor),
            _ => ("", &Vec::new()),
        };
        let rader = rader.clone();
        c_rader.push(arsrad(
            &mut b,
            &kol,
            namn,
            typ,
            Some((kalla_kol, "investeringarna ovan")),
            Slag::Belopp,
            |t, blad| {
                let v = belopp[&t];
                match (
                    rader.first().and_then(|r| r.get(&t)),
                    rader.last().and_then(|r| r.get(&t)),
                ) {
                    (Some(a), Some(z)) => {
                        Post::Formel(format!("={tecken}SUM({})", a.till(z, blad)), v)
                    }
                    _ => Post::Varde(v, Roll::Beraknat),
                }
            },
        )?);
    }
    let centrala = summarad(&mut b, &kol, "Centrala poster C(t)", &c_rader, |t| {
        g.ramutrymme[&t].centrala_poster
    })?;
    b.tom_rad();

    // Sources.
    b.avsnitt("Källor")?;
    for (tabell, kalla) in &m.kallor {
        let r = b.ny_rad();
        b.text(r, 0, tabell)?;
        b.text(r, 2, kalla)?;
    }
    b.tom_rad();
    super::teckenforklaring(&mut b)?;

    let a = Antaganden {
        skattesats,
        skattesats_forandring,
        resultatmal,
        serier,
        index,
        skatteunderlag,
        statsbidrag,
        ovriga_intakter,
        invanare,
        invanare_skr,
        pension,
        centrala,
    };
    Ok((b, a))
}

fn intakter(
    bok: &Arbetsbok,
    j: &Januariram<'_>,
    a: &Antaganden,
) -> Result<(Blad, Arsceller), Avbrott> {
    let g = &j.grund;
    let m = g.modell;
    let ar = m.ar();
    let kol = Arskolumner {
        forsta: 2,
        ar: ar.clone(),
    };
    let mut rubriker = vec![Kolumn::ny("Post", 58.0), Kolumn::ny("Typ", 18.0)];
    rubriker.extend(ar.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    let mut b = bok.blad(INTAKTER, &rubriker, 1)?;
    let i = |t: Ar| &g.intakter[&t];

    b.avsnitt("Faktorer")?;
    let p = arsrad(
        &mut b,
        &kol,
        "Invånare 1 november året före P'(t)",
        "personer",
        None,
        Slag::Antal,
        |t, blad| Post::Formel(format!("={}", a.invanare[&t].i(blad)), i(t).invanare),
    )?;
    let pskr = arsrad(
        &mut b,
        &kol,
        "SKR:s antagande Pskr(t)",
        "personer",
        None,
        Slag::Antal,
        |t, blad| {
            Post::Formel(
                format!("={}", a.invanare_skr[&t].i(blad)),
                i(t).invanare_skr,
            )
        },
    )?;
    let r = arsrad(
        &mut b,
        &kol,
        "Skalning per invånare r(t) = P'(t) / Pskr(t)",
        "faktor",
        None,
        Slag::Faktor,
        |t, blad| {
            if i(t).invanare_skr.is_zero() {
                Post::Varde(i(t).skalning, Roll::Beraknat)
            } else {
                Post::Formel(
                    format!("={}/{}", p[&t].i(blad), pskr[&t].i(blad)),
                    i(t).skalning,
                )
            }
        },
    )?;
    // L(t) chains on the year before: its cell is on the row about to be written.
    let l_rad = b.rad();
    let mut foregaende: Option<Ar> = None;
    let l = arsrad(
        &mut b,
        &kol,
        "Skatteunderlagets nivå L(t) = L(t−1) · (1 + g + δ) / (1 + g)",
        "faktor",
        None,
        Slag::Faktor,
        |t, blad| {
            let niva = i(t).skatteunderlagsniva;
            let post = match a.serie("skatteunderlag", t, blad) {
                Some(gt) => {
                    let kvot = format!("(1+{gt}+{})/(1+{gt})", a.skatteunderlag[&t].i(blad));
                    match foregaende {
                        Some(f) => Post::Formel(
                            format!(
                                "={}*{kvot}",
                                Cell {
                                    blad: blad.to_string(),
                                    rad: l_rad,
                                    kol: kol.kol(f)
                                }
                                .a1()
                            ),
                            niva,
                        ),
                        None => Post::Formel(format!("={kvot}"), niva),
                    }
                }
                None => Post::Varde(niva, Roll::Beraknat),
            };
            foregaende = Some(t);
            post
        },
    )?;
    let tau = arsrad(
        &mut b,
        &kol,
        "Skattesatsfaktor τ = (s0 + Δs) / s0",
        "faktor",
        None,
        Slag::Faktor,
        |t, blad| {
            let s0 = a.skattesats.abs_i(blad);
            Post::Formel(
                format!("=({s0}+{})/{s0}", a.skattesats_forandring.abs_i(blad)),
                i(t).skattesatsfaktor,
            )
        },
    )?;
    b.tom_rad();

    b.avsnitt("SKR:s belopp enligt Skatter & bidrag (tkr)")?;
    let sob_kalla = m.kalla("skatter_och_bidrag");
    b.anteckning(&format!("Källa: {sob_kalla}"))?;
    let mut skr = Vec::new();
    for post in &m.intaktsposter {
        skr.push(arsrad(
            &mut b,
            &kol,
            &post.post,
            post.typ.namn(),
            None,
            Slag::Belopp,
            |t, _| Post::Varde(post.belopp.get(t).unwrap_or_default(), Roll::Indata),
        )?);
    }
    b.tom_rad();

    b.avsnitt(
        "Kommunens belopp (tkr): skatt A·r·L·τ, inkomstutjämning A·r·L, per invånare A·r, fast A",
    )?;
    let mut rader = Vec::new();
    for (n, post) in m.intaktsposter.iter().enumerate() {
        rader.push(arsrad(
            &mut b,
            &kol,
            &post.post,
            post.typ.namn(),
            None,
            Slag::Belopp,
            |t, blad| {
                let belopp = i(t).poster[n].belopp;
                let (ac, rc, lc, tc) = (
                    skr[n][&t].i(blad),
                    r[&t].i(blad),
                    l[&t].i(blad),
                    tau[&t].i(blad),
                );
                let f = match post.typ {
                    Intaktstyp::Skatt => format!("={ac}*{rc}*{lc}*{tc}"),
                    Intaktstyp::Inkomstutjamning => format!("={ac}*{rc}*{lc}"),
                    Intaktstyp::PerInvanare => format!("={ac}*{rc}"),
                    Intaktstyp::Fast => format!("={ac}"),
                };
                Post::Formel(f, belopp)
            },
        )?);
    }
    let scenarioposter: Vec<&str> = ar
        .first()
        .map(|&t| {
            i(t).poster[m.intaktsposter.len()..]
                .iter()
                .map(|p| p.post.as_str())
                .collect()
        })
        .unwrap_or_default();
    for (k, namn) in scenarioposter.iter().enumerate() {
        let n = m.intaktsposter.len() + k;
        rader.push(arsrad(
            &mut b,
            &kol,
            namn,
            "scenario",
            None,
            Slag::Belopp,
            |t, blad| {
                let belopp = i(t).poster[n].belopp;
                match *namn {
                    FORANDRAT_STATSBIDRAG => Post::Formel(
                        format!("={}*{}/1000", a.statsbidrag[&t].i(blad), p[&t].i(blad)),
                        belopp,
                    ),
                    OVRIG_INTAKTSFORANDRING => {
                        Post::Formel(format!("={}", a.ovriga_intakter[&t].i(blad)), belopp)
                    }
                    _ => Post::Varde(belopp, Roll::Beraknat),
                }
            },
        )?);
    }
    let summa = summarad(
        &mut b,
        &kol,
        "Skatter och generella statsbidrag S(t)",
        &rader,
        |t| i(t).summa,
    )?;
    Ok((b, summa))
}

fn procentuell_ram(
    bok: &Arbetsbok,
    j: &Januariram<'_>,
    a: &Antaganden,
    s: &Arsceller,
) -> Result<Blad, Avbrott> {
    let g = &j.grund;
    let m = g.modell;
    let ar = m.ar();
    let alla: Vec<Ar> = std::iter::once(m.basar).chain(ar.iter().copied()).collect();
    let kol = Arskolumner {
        forsta: 2,
        ar: alla.clone(),
    };
    let plan = Arskolumner {
        forsta: 3,
        ar: ar.clone(),
    };
    let mut rubriker = vec![Kolumn::ny("Post", 40.0), Kolumn::ny("Beräkning", 58.0)];
    rubriker.extend(alla.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    let mut b = bok.blad(PROCENTUELL_RAM, &rubriker, 1)?;
    let u = |t: Ar| &g.ramutrymme[&t];
    let r0 = m.basram();
    let ref_till = |celler: &Arsceller, t: Ar, blad: &str| format!("={}", celler[&t].i(blad));

    let sk = arsrad(
        &mut b,
        &plan,
        "Skatter och generella statsbidrag",
        "S(t), bladet Intäkter",
        None,
        Slag::Belopp,
        |t, blad| Post::Formel(ref_till(s, t, blad), u(t).skatter_och_bidrag),
    )?;
    let pk = arsrad(
        &mut b,
        &plan,
        "Pensionskostnader inklusive löneskatt",
        "PK(t), bladet Antaganden",
        None,
        Slag::Belopp,
        |t, blad| Post::Formel(ref_till(&a.pension, t, blad), u(t).pension),
    )?;
    let c = arsrad(
        &mut b,
        &plan,
        "Centrala poster",
        "C(t), bladet Antaganden",
        None,
        Slag::Belopp,
        |t, blad| Post::Formel(ref_till(&a.centrala, t, blad), u(t).centrala_poster),
    )?;
    let mal = u(m.budgetar()).resultatmal_procent;
    let forklaring = format!(
        "M(t) = S(t) · m, m = {} % (bladet Antaganden)",
        svensk(mal, 1)
    );
    let mc = arsrad(
        &mut b,
        &plan,
        "Resultatmål",
        &forklaring,
        None,
        Slag::Belopp,
        |t, blad| {
            Post::Formel(
                format!("={}*{}", sk[&t].i(blad), a.resultatmal.abs_i(blad)),
                u(t).resultatmal,
            )
        },
    )?;
    // U(t0) := R0 is written below, when the cell with the sum of the frames is known.
    let u0 = Cell {
        blad: PROCENTUELL_RAM.to_string(),
        rad: b.rad(),
        kol: kol.kol(m.basar),
    };
    let uc = arsrad(
        &mut b,
        &plan,
        "Ramutrymme",
        "U(t) = S(t) − PK(t) − C(t) − M(t); basår: R0 = summan av ramarna",
        None,
        Slag::Belopp,
        |t, blad| {
            let f = format!(
                "={}-{}-{}-{}",
                sk[&t].i(blad),
                pk[&t].i(blad),
                c[&t].i(blad),
                mc[&t].i(blad)
            );
            Post::Total(f, u(t).ramutrymme)
        },
    )?;
    let u_cell = |t: Ar| {
        if t == m.basar {
            u0.clone()
        } else {
            uc[&t].clone()
        }
    };
    arsrad(
        &mut b,
        &plan,
        "Förändring mot året före",
        "procent(t) = U(t) / U(t−1) − 1",
        None,
        Slag::Procent,
        |t, blad| {
            Post::Formel(
                format!("={}/{}-1", u_cell(t).i(blad), u_cell(t - 1).i(blad)),
                j.ram.procent[&t],
            )
        },
    )?;
    let k_rad = b.rad();
    let ku = arsrad(
        &mut b,
        &kol,
        "Kostnadsutveckling (PKV)",
        "R0 · Π(1 + pkv); basår: R0",
        None,
        Slag::Belopp,
        |t, blad| {
            if t == m.basar {
                return Post::Formel(format!("={}", u0.i(blad)), r0);
            }
            let v = j.ram.kostnadsutveckling[&t];
            match a.serie("pkv", t, blad) {
                Some(pkv) => {
                    let forra = Cell {
                        blad: blad.to_string(),
                        rad: k_rad,
                        kol: kol.kol(t - 1),
                    };
                    Post::Formel(format!("={}*(1+{pkv})", forra.a1()), v)
                }
                None => Post::Varde(v, Roll::Beraknat),
            }
        },
    )?;
    arsrad(
        &mut b,
        &plan,
        "Differens",
        "U(t) − kostnadsutveckling(t)",
        None,
        Slag::Belopp,
        |t, blad| {
            Post::Formel(
                format!("={}-{}", uc[&t].i(blad), ku[&t].i(blad)),
                j.ram.differens[&t],
            )
        },
    )?;
    b.tom_rad();

    // The frames per nämnd, exact and live.
    let namnrubriker = |alla: &[Ar]| -> Vec<String> {
        ["Nämnd".to_string(), "Namn".to_string()]
            .into_iter()
            .chain(alla.iter().map(|t| format!("Ram {t}")))
            .collect()
    };
    b.avsnitt(&format!(
        "Procentuell ram per nämnd (tkr, exakt): ram(n,t) = ram(n,{}) · U(t) / R0",
        m.basar
    ))?;
    let rubrikrad = b.ny_rad();
    b.rubrikrad(rubrikrad, &namnrubriker(&alla))?;
    let forsta = b.rad();
    let n = m.namnder.len() as u32;
    let r0_cell = Cell {
        blad: PROCENTUELL_RAM.to_string(),
        rad: forsta + n,
        kol: kol.kol(m.basar),
    };
    let mut basramar = Vec::new();
    let mut ramar = Vec::new();
    for (i, namnd) in m.namnder.iter().enumerate() {
        let r = b.ny_rad();
        b.text(r, 0, &namnd.id)?;
        b.text(r, 1, &namnd.namn)?;
        let bas = b.tal(r, kol.kol(m.basar), namnd.ram, Slag::Belopp, Roll::Indata)?;
        let mut rad = Arsceller::new();
        for &t in &ar {
            let f = format!(
                "={}*{}/{}",
                bas.fast_kol(),
                uc[&t].fast_rad(),
                r0_cell.absolut()
            );
            rad.insert(
                t,
                b.formel(
                    r,
                    plan.kol(t),
                    &f,
                    j.ram.ramar[i][&t],
                    Slag::Belopp,
                    Roll::Formel,
                )?,
            );
        }
        basramar.push(bas);
        ramar.push(rad);
    }
    let sista_namnd = b.rad().saturating_sub(1);
    let r = b.ny_rad();
    b.text_med(r, 0, "Summa", &rust_xlsxwriter::Format::new().set_bold())?;
    b.summa(
        r,
        kol.kol(m.basar),
        basramar.first().zip(basramar.last()),
        r0,
        Slag::Belopp,
    )?;
    for &t in &ar {
        let omr = ramar
            .first()
            .zip(ramar.last())
            .map(|(x, y)| (&x[&t], &y[&t]));
        b.summa(
            r,
            plan.kol(t),
            omr,
            j.ram.ramar.iter().map(|k| k[&t]).sum(),
            Slag::Belopp,
        )?;
    }
    b.autofilter(rubrikrad, sista_namnd, kol.sista())?;
    b.formel(
        u0.rad,
        u0.kol,
        &format!("={}", r0_cell.a1()),
        r0,
        Slag::Belopp,
        Roll::Summa,
    )?;
    b.tom_rad();

    // The rounded frames (MODELL §10): values, they do not follow an edit.
    b.avsnitt(&format!(
        "Avrundade ramar (tkr, MODELL §10): hela {} tkr per nämnd, summan är det avrundade ramutrymmet",
        svensk(m.enhet_tkr, 0)
    ))?;
    let rubrikrad = b.ny_rad();
    b.rubrikrad(rubrikrad, &namnrubriker(&alla))?;
    let mut forsta_rad: Option<(Cell, Arsceller)> = None;
    let mut sista_rad: Option<(Cell, Arsceller)> = None;
    for (i, namnd) in m.namnder.iter().enumerate() {
        let r = b.ny_rad();
        b.text(r, 0, &namnd.id)?;
        b.text(r, 1, &namnd.namn)?;
        let bas = b.formel(
            r,
            kol.kol(m.basar),
            &format!("={}", basramar[i].a1()),
            namnd.ram,
            Slag::Belopp,
            Roll::Formel,
        )?;
        let mut rad = Arsceller::new();
        for &t in &ar {
            rad.insert(
                t,
                b.tal(
                    r,
                    plan.kol(t),
                    j.ram.ramar_avrundade[i][&t],
                    Slag::Belopp,
                    Roll::Beraknat,
                )?,
            );
        }
        if forsta_rad.is_none() {
            forsta_rad = Some((bas.clone(), rad.clone()));
        }
        sista_rad = Some((bas, rad));
    }
    let r = b.ny_rad();
    b.text_med(r, 0, "Summa", &rust_xlsxwriter::Format::new().set_bold())?;
    let par = forsta_rad.as_ref().zip(sista_rad.as_ref());
    b.summa(
        r,
        kol.kol(m.basar),
        par.map(|(x, y)| (&x.0, &y.0)),
        r0,
        Slag::Belopp,
    )?;
    for &t in &ar {
        let summa = j.ram.ramar_avrundade.iter().map(|k| k[&t]).sum();
        b.summa(
            r,
            plan.kol(t),
            par.map(|(x, y)| (&x.1[&t], &y.1[&t])),
            summa,
            Slag::Belopp,
        )?;
    }
    b.tom_rad();
    b.anteckning(
        "Belopp i tkr. Gula celler är indata, vita är formler som räknas om när indata ändras, \
         grå är beräknade av ramverk och räknas inte om (de avrundade ramarna fördelas efter största rest).",
    )?;
    Ok(b)
}

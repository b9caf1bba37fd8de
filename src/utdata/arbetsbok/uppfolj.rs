//! The workbook of `ramverk uppfolj` (MODELL §13): the report's sheet (named
//! for the report) with the table per nämnd, the outcome per month, the
//! budget profile and outcome accumulated with charts; *Åtgärdsplan*;
//! *Resultatprognos*; *Ej fördelat utfall*.
//!
//! What is live: the outcome per month and the nämnders' own forecasts are
//! inputs (yellow); outcome and budget accumulated, the computed forecast
//! (linear, seasonal, by the budget profile), the forecast used, the
//! deviation, whether an åtgärdsplan is needed (red beyond the threshold, by
//! a conditional format), the plans' effect and what stays uncovered, and the
//! kommun's forecast result are formulas. The seasonal share of earlier years
//! and which items the plan takes are ramverk's values (grey / as listed).

use super::{Arbetsbok, Blad, Cell, Dokument, Kolumn, Kolumner, Roll, Slag, cellformat, ja_nej};
use crate::berakning::uppfoljning::prognos::manadsnamn;
use crate::berakning::uppfoljning::utfall::Finansgrupp;
use crate::berakning::uppfoljning::{Namndrapport, Uppfoljningsrapport};
use crate::fel::Avbrott;
use crate::modell::uppfoljning::{Budgetpart, Prognosmetod, Utfallskalla};
use crate::modell::{Modell, VfTyp};
use crate::tal::svensk_procent;
use crate::utdata::uppfolj::{
    Uppfoljningsvy, Visningsenhet, manader_text, metodnamn, periodtext, resultatmal_uppfyllt,
};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartFont, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartType, Color,
    ConditionalFormatFormula, Format, FormatAlign,
};

pub const ATGARDSPLAN: &str = "Åtgärdsplan";
pub const RESULTATPROGNOS: &str = "Resultatprognos";
pub const EJ_FORDELAT: &str = "Ej fördelat utfall";

/// Red fill and dark red text: a deviation beyond the threshold.
const FARG_RODFARG: u32 = 0xFFC7CE;
const FARG_RODTEXT: u32 = 0x9C0006;
/// The chart's lines: budget (blue, dashed) and outcome (orange).
const FARG_BUDGET: u32 = 0x4F81BD;
const FARG_UTFALL: u32 = 0xE36C09;

/// The first month column of the blocks under the table (January).
const FORSTA_MANAD: u16 = 2;

/// The columns of the report's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kol {
    Namnd,
    Namn,
    Budget,
    Andringar,
    Justerad,
    UtfallAck,
    BudgetAck,
    Sasong,
    Beraknad,
    Egen,
    Prognos,
    Avvikelse,
    AvvikelseProcent,
    Metod,
    Atgard,
}

/// Amounts in the unit asked for: tkr whole, or mnkr with one decimal.
#[derive(Clone, Copy)]
struct Enhet(Visningsenhet);

impl Enhet {
    fn v(self, x: Decimal) -> Decimal {
        self.0.i_enhet(x)
    }
    fn slag(self) -> Slag {
        match self.0 {
            Visningsenhet::Tkr => Slag::Belopp,
            Visningsenhet::Mnkr => Slag::Decimaler(1),
        }
    }
    fn namn(self) -> &'static str {
        self.0.namn()
    }
}

/// The sheet name of the report: its name, without the characters a sheet
/// name cannot hold, shortened at a word to Excel's 31 characters; another
/// sheet's name or nothing left gives "Uppföljning".
pub fn bladnamn(rapport: &str) -> String {
    let rent: String = rapport.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect();
    let ord: Vec<&str> = rent.split_whitespace().collect();
    let mut namn = String::new();
    for o in &ord {
        let langd = namn.chars().count() + usize::from(!namn.is_empty()) + o.chars().count();
        if langd > 31 {
            break;
        }
        if !namn.is_empty() {
            namn.push(' ');
        }
        namn.push_str(o);
    }
    // A name cut short does not end on a small word ("Månadsrapport med prognos och").
    if namn.split_whitespace().count() < ord.len() {
        while let Some((fore, sista)) = namn.rsplit_once(' ') {
            if !["och", "med", "för", "i", "per", "av", "till", "om", "samt"].contains(&sista) {
                break;
            }
            namn = fore.to_string();
        }
    }
    let namn = namn.trim_matches('\'').to_string();
    let upptagna = [ATGARDSPLAN, RESULTATPROGNOS, EJ_FORDELAT];
    if namn.is_empty() || upptagna.iter().any(|u| u.to_lowercase() == namn.to_lowercase()) {
        "Uppföljning".to_string()
    } else {
        namn
    }
}

/// The workbook of `uppfolj`.
pub fn arbetsbok(v: &Uppfoljningsvy<'_, '_>) -> Result<Arbetsbok, Avbrott> {
    let (f, r) = (v.f, v.r);
    let m = f.grund.modell;
    let titel = format!("{} {} – {}", r.rapport, periodtext(r), m.kommun);
    let mut bok = Arbetsbok::ny(Dokument::for_grund(titel, &f.grund));
    let e = Enhet(v.enhet);
    let namn = bladnamn(&r.rapport);
    let (rapport, celler) = rapportblad(&bok, v, &namn, e)?;
    let atgard = atgardsplan(&bok, v, &celler, e)?;
    let (ejf, ejf_summa) = ej_fordelat(&bok, v, e)?;
    let res = resultatprognos(&bok, v, &celler, ejf_summa.as_ref(), e)?;
    bok.lagg_till(rapport);
    bok.lagg_till(atgard);
    bok.lagg_till(res);
    bok.lagg_till(ejf);
    Ok(bok)
}

/// The page header of every sheet: kommun left, the report and its month
/// in bold in the centre, the scenario right; the SKR prognosis in the
/// footer's centre, between the sheet's name and the page number.
fn sidhuvud(b: &mut Blad, v: &Uppfoljningsvy<'_, '_>) -> Result<(), Avbrott> {
    let m = v.f.grund.modell;
    let titel = format!("{}, {}", v.r.rapport, periodtext(v.r));
    let scenario = format!("Scenario: {}", v.f.grund.scenario.namn);
    let mut max = 90;
    let text = loop {
        let t = |x: &str| super::dokument::sidhuvudtext(x, max);
        let s = format!("&L{}&C&\"-,Bold\"{}&R{}", t(&m.kommun), t(&titel), t(&scenario));
        if s.encode_utf16().count() <= 255 || max <= 20 {
            break s;
        }
        max -= 10;
    };
    let skr = super::dokument::sidhuvudtext(&format!("SKR-prognos: {}", m.skr_prognos), 120);
    b.ark().set_footer(format!("&L&A&C{skr}&RSida &P av &N"));
    b.ark().set_header(&text);
    Ok(())
}

/// Where the report's table is, for the other sheets' formulas.
struct Rapportceller {
    k: Kolumner<Kol>,
    blad: String,
    /// The row of each nämnd (in the order of the report) and of the Summa row.
    rader: Vec<u32>,
    summa: u32,
}

impl Rapportceller {
    fn cell(&self, rad: u32, k: Kol) -> Cell {
        Cell { blad: self.blad.clone(), rad, kol: self.k.kol(k) }
    }
}

fn kolumner(r: &Uppfoljningsrapport) -> Kolumner<Kol> {
    let tal = |t: &str| Kolumn::tal_bredd(t, 12.5);
    let mut k = Kolumner::ny()
        .med(Kol::Namnd, Kolumn::ny("Nämnd", 11.0))
        .med(Kol::Namn, Kolumn::ny("Namn", 32.0))
        .med(Kol::Budget, tal("Beslutad budget"))
        .med(Kol::Andringar, tal("Ändringar"))
        .med(Kol::Justerad, tal("Budget efter ändringar"))
        .med(Kol::UtfallAck, tal("Utfall ackumulerat"))
        .med(Kol::BudgetAck, tal("Budget ackumulerad"));
    if r.namnder.iter().any(|n| n.metod == Prognosmetod::Sasong) {
        k.lagg_till(Kol::Sasong, Kolumn::tal_bredd("Säsongsandel", 14.0));
    }
    k.med(Kol::Beraknad, tal("Beräknad prognos"))
        .med(Kol::Egen, tal("Nämndens prognos"))
        .med(Kol::Prognos, tal("Prognos helår"))
        .med(Kol::Avvikelse, tal("Avvikelse"))
        .med(Kol::AvvikelseProcent, tal("Avvikelse i procent"))
        .med(Kol::Metod, Kolumn::tal_bredd("Metod", 10.0))
        .med(Kol::Atgard, Kolumn::tal_bredd("Åtgärdsplan behövs", 12.5))
}

/// Month `k`'s column in the blocks under the table.
fn manadskol(k: u32) -> u16 {
    FORSTA_MANAD + (k as u16 - 1)
}

/// `Januari`.
fn manadsrubrik(k: u32) -> String {
    let n = manadsnamn(k);
    let mut c = n.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A header row of a block under the table: `forsta` (text, right-aligned
/// when it heads numbers) in the first columns, then the months right-aligned.
fn blockrubrik(b: &mut Blad, forsta: &[(&str, bool)], manader: bool) -> Result<u32, Avbrott> {
    let r = b.ny_rad();
    let f = super::rubrikformat();
    let hoger = super::rubrikformat().set_align(FormatAlign::Right);
    for (i, (t, tal)) in forsta.iter().enumerate() {
        b.text_med(r, i as u16, t, if *tal { &hoger } else { &f })?;
    }
    if manader {
        for k in 1..=12 {
            b.text_med(r, manadskol(k), &manadsrubrik(k), &hoger)?;
        }
    }
    Ok(r)
}

/// The summa row under a block of nämnd rows: `=SUM(…)` per month column.
fn blocksumma(
    b: &mut Blad,
    rader: &[u32],
    manader: impl Iterator<Item = (u32, Decimal)>,
    slag: Slag,
) -> Result<u32, Avbrott> {
    let r = b.ny_rad();
    b.text_med(r, 0, "Summa", &Format::new().set_bold())?;
    for (k, v) in manader {
        let kol = manadskol(k);
        let omr = match (rader.first(), rader.last()) {
            (Some(&a), Some(&z)) => {
                Some((Cell { blad: b.namn().into(), rad: a, kol }, Cell { blad: b.namn().into(), rad: z, kol }))
            }
            _ => None,
        };
        b.summa(r, kol, omr.as_ref().map(|(a, z)| (a, z)), v, slag)?;
    }
    Ok(r)
}

fn rapportblad(
    bok: &Arbetsbok,
    v: &Uppfoljningsvy<'_, '_>,
    namn: &str,
    e: Enhet,
) -> Result<(Blad, Rapportceller), Avbrott> {
    let (f, r) = (v.f, v.r);
    let m = f.grund.modell;
    let manad = r.period.manad;
    let k = kolumner(r);
    let mut b = bok.nytt_blad(namn, &k.kolumner(), 2)?;
    b.flera_tabeller();
    sidhuvud(&mut b, v)?;
    let bs = e.slag();
    let n_antal = r.namnder.len() as u32;
    let rader: Vec<u32> = (1..=n_antal).collect();
    let summa = n_antal + 1;
    let c = Rapportceller { k: k.clone(), blad: namn.to_string(), rader: rader.clone(), summa };
    let cell = |rad: u32, kol: u16| Cell { blad: namn.to_string(), rad, kol };

    // ---- The blocks under the table, written first: the table refers to them.
    b.rad = summa + 2;
    // Outcome per month.
    b.avsnitt(&format!("Utfall per månad {} ({})", r.period.ar, e.namn()))?;
    blockrubrik(&mut b, &[("Nämnd", false), ("Namn", false)], true)?;
    let mut utfallsrader = Vec::new();
    for n in &r.namnder {
        let rad = b.ny_rad();
        b.text(rad, 0, &m.namnder[n.namnd].id)?;
        b.text(rad, 1, &m.namnder[n.namnd].namn)?;
        for (i, x) in n.utfall_manad.iter().enumerate() {
            b.tal(rad, manadskol(i as u32 + 1), e.v(*x), bs, Roll::Indata)?;
        }
        utfallsrader.push(rad);
    }
    let manadssumma = |k: u32| r.namnder.iter().map(|n| n.utfall_manad[k as usize - 1]).sum::<Decimal>();
    blocksumma(&mut b, &utfallsrader, (1..=manad).map(|k| (k, e.v(manadssumma(k)))), bs)?;

    // The monthly budget of the ekonomisystem (#PBUDGET), where a nämnd has one.
    let mut periodbudget: Vec<Option<u32>> = vec![None; r.namnder.len()];
    if r.namnder.iter().any(|n| n.budgetprofil.is_some()) {
        b.tom_rad();
        b.avsnitt(&format!("Periodbudget per månad ur ekonomisystemet ({})", e.namn()))?;
        blockrubrik(&mut b, &[("Nämnd", false), ("Namn", false)], true)?;
        for (i, n) in r.namnder.iter().enumerate() {
            let Some(pb) = &n.budgetprofil else { continue };
            let rad = b.ny_rad();
            b.text(rad, 0, &m.namnder[n.namnd].id)?;
            b.text(rad, 1, &m.namnder[n.namnd].namn)?;
            for (j, x) in pb.iter().enumerate() {
                b.tal(rad, manadskol(j as u32 + 1), e.v(*x), bs, Roll::Indata)?;
            }
            periodbudget[i] = Some(rad);
        }
    }

    // Budget accumulated month by month: by the monthly budget, else evenly.
    b.tom_rad();
    b.avsnitt(&format!("Budget ackumulerad per månad ({})", e.namn()))?;
    let kategorirad = blockrubrik(&mut b, &[("Nämnd", false), ("Profil", false)], true)?;
    let mut budgetrader = Vec::new();
    for (i, n) in r.namnder.iter().enumerate() {
        let rad = b.ny_rad();
        b.text(rad, 0, &m.namnder[n.namnd].id)?;
        b.text(rad, 1, if periodbudget[i].is_some() { "periodbudget" } else { "jämnt över året" })?;
        let just = c.cell(rader[i], Kol::Justerad).absolut();
        let profil = n.budget_ack_per_manad();
        for kk in 1..=12u32 {
            let formel = match periodbudget[i] {
                Some(p) => format!(
                    "={just}*SUM({}:{})/SUM({}:{})",
                    cell(p, manadskol(1)).absolut(),
                    cell(p, manadskol(kk)).fast_rad(),
                    cell(p, manadskol(1)).absolut(),
                    cell(p, manadskol(12)).absolut()
                ),
                None => format!("={just}*{kk}/12"),
            };
            b.formel(rad, manadskol(kk), &formel, e.v(profil[kk as usize - 1]), bs, Roll::Formel)?;
        }
        budgetrader.push(rad);
    }
    let budgetsumma_v = |kk: u32| r.namnder.iter().map(|n| n.budget_ack_per_manad()[kk as usize - 1]).sum::<Decimal>();
    let budgetsumma = blocksumma(&mut b, &budgetrader, (1..=12).map(|kk| (kk, e.v(budgetsumma_v(kk)))), bs)?;

    // Outcome accumulated month by month, to the period.
    b.tom_rad();
    b.avsnitt(&format!("Utfall ackumulerat per månad ({})", e.namn()))?;
    blockrubrik(&mut b, &[("Nämnd", false), ("Namn", false)], true)?;
    let mut ackrader = Vec::new();
    for (i, n) in r.namnder.iter().enumerate() {
        let rad = b.ny_rad();
        b.text(rad, 0, &m.namnder[n.namnd].id)?;
        b.text(rad, 1, &m.namnder[n.namnd].namn)?;
        for kk in 1..=manad {
            let formel = format!(
                "=SUM({}:{})",
                cell(utfallsrader[i], manadskol(1)).fast_kol(),
                cell(utfallsrader[i], manadskol(kk)).a1()
            );
            let ack: Decimal = n.utfall_manad[..kk as usize].iter().copied().sum();
            b.formel(rad, manadskol(kk), &formel, e.v(ack), bs, Roll::Formel)?;
        }
        ackrader.push(rad);
    }
    let acksumma_v = |kk: u32| (1..=kk).map(manadssumma).sum::<Decimal>();
    let acksumma = blocksumma(&mut b, &ackrader, (1..=manad).map(|kk| (kk, e.v(acksumma_v(kk)))), bs)?;

    // The charts: in total, then one per nämnd.
    b.tom_rad();
    let diagramrad = b.ny_rad();
    let kategorier = (namn, kategorirad, manadskol(1), kategorirad, manadskol(12));
    let diagram = |titel: &str, budget: u32, utfall: u32, bredd: u32, hojd: u32, stort: bool| {
        let mut d = Chart::new(ChartType::Line);
        d.add_series()
            .set_name("Budget ackumulerad")
            .set_categories(kategorier)
            .set_values((namn, budget, manadskol(1), budget, manadskol(12)))
            .set_format(
                ChartFormat::new().set_line(
                    ChartLine::new()
                        .set_color(Color::RGB(FARG_BUDGET))
                        .set_width(2.0)
                        .set_dash_type(ChartLineDashType::Dash),
                ),
            );
        d.add_series()
            .set_name("Utfall ackumulerat")
            .set_categories(kategorier)
            .set_values((namn, utfall, manadskol(1), utfall, manadskol(manad)))
            .set_format(
                ChartFormat::new().set_line(ChartLine::new().set_color(Color::RGB(FARG_UTFALL)).set_width(2.5)),
            );
        d.title().set_name(titel).set_font(ChartFont::new().set_size(if stort { 13 } else { 9 }).set_bold());
        d.y_axis().set_num_format(if e.0 == Visningsenhet::Mnkr { "#,##0.0" } else { "#,##0" });
        if stort {
            d.legend().set_position(ChartLegendPosition::Bottom);
        } else {
            d.legend().set_hidden();
            d.x_axis().set_label_interval(3);
        }
        d.set_width(bredd).set_height(hojd);
        d
    };
    let total = diagram(
        &format!("Nämnderna totalt: utfall mot budget, ackumulerat ({})", e.namn()),
        budgetsumma,
        acksumma,
        880,
        320,
        true,
    );
    b.ark().insert_chart(diagramrad, 0, &total)?;
    let per_rad = 3usize;
    let forsta_smatt = diagramrad + 17;
    // The nämnder's charts start a printed page of their own.
    b.ark().set_page_breaks(&[forsta_smatt])?;
    for (i, n) in r.namnder.iter().enumerate() {
        let namnd = &m.namnder[n.namnd];
        let d = diagram(&format!("{} {}", namnd.id, namnd.namn), budgetrader[i], ackrader[i], 450, 240, false);
        let rad = forsta_smatt + (i / per_rad) as u32 * 13;
        let kol = [0u16, 4, 9][i % per_rad];
        b.ark().insert_chart(rad, kol, &d)?;
    }
    b.rad = forsta_smatt + r.namnder.len().div_ceil(per_rad) as u32 * 13;
    let rad = b.ny_rad();
    b.text_med(
        rad,
        0,
        "Diagrammen: utfallet ackumulerat (heldragen linje) mot budgeten ackumulerad efter sin månadsprofil (streckad).",
        &Format::new().set_italic().set_font_color(Color::RGB(0x595959)),
    )?;

    // The budget changes up to the period: the table's "Budgetändringar" adds them up.
    let andringar: Vec<_> = m.uppfoljning.budgetandringar.iter().filter(|a| a.datum.period() <= r.period).collect();
    let mut andringsomrade = None;
    if !andringar.is_empty() {
        b.tom_rad();
        b.avsnitt(&format!("Budgetändringar till och med {} ({})", periodtext(r), e.namn()))?;
        let rubriker = [("Datum", false), ("Från", false), ("Till", false), ("Belopp", true), ("  Beslut", false)];
        blockrubrik(&mut b, &rubriker, false)?;
        let part = |p: Budgetpart| match p {
            Budgetpart::Namnd(n) => m.namnder[n].id.clone(),
            Budgetpart::Resultat => "Resultatet".to_string(),
        };
        let forsta = b.rad();
        for a in &andringar {
            let rad = b.ny_rad();
            b.text(rad, 0, &a.datum.to_string())?;
            b.text(rad, 1, &part(a.fran))?;
            b.text(rad, 2, &part(a.till))?;
            b.tal(rad, 3, e.v(a.belopp), bs, Roll::Indata)?;
            b.text_med(rad, 4, &a.beslut, &Format::new().set_indent(1))?;
        }
        andringsomrade = Some((forsta, b.rad() - 1));
    }

    // Settings the formulas use.
    b.tom_rad();
    b.avsnitt("Inställningar")?;
    let rad = b.ny_rad();
    b.text(rad, 0, "Tröskel för åtgärdsplan, underskott i procent av budgeten")?;
    let troskel = m.uppfoljning.installningar.troskel_procent;
    let troskel_slag = Slag::procent_som([troskel]);
    let troskelcell = b.tal(rad, manadskol(5), troskel, troskel_slag, Roll::Indata)?;

    // ---- The table.
    for (i, n) in r.namnder.iter().enumerate() {
        nämndrad(
            &mut b,
            v,
            &c,
            i,
            n,
            &NamndBlock {
                utfall: utfallsrader[i],
                budget: budgetrader[i],
                troskel: &troskelcell,
                andringar: andringsomrade,
            },
            e,
        )?;
    }
    summarad(&mut b, v, &c, e)?;
    // Red where an åtgärdsplan is needed: deviation beyond the threshold.
    let rod = Format::new().set_background_color(Color::RGB(FARG_RODFARG)).set_font_color(Color::RGB(FARG_RODTEXT));
    let forsta = c.cell(rader[0], Kol::Avvikelse);
    let regel = format!(
        "=AND({avv}<0,-{avv}>{t}*{just})",
        avv = forsta.fast_kol(),
        t = troskelcell.absolut(),
        just = c.cell(rader[0], Kol::Justerad).fast_kol()
    );
    let villkor = ConditionalFormatFormula::new().set_rule(regel.as_str()).set_format(&rod);
    let sista = *rader.last().unwrap_or(&1);
    for kol in [Kol::Avvikelse, Kol::AvvikelseProcent, Kol::Atgard] {
        let x = k.kol(kol);
        b.ark().add_conditional_format(rader[0], x, sista, x, &villkor)?;
    }

    // Notes and sources.
    b.tom_rad();
    anteckningar(&mut b, v, e)?;
    b.tom_rad();
    super::teckenforklaring(&mut b)?;
    Ok((b, c))
}

/// The cells under the table one nämnd's row refers to.
struct NamndBlock<'a> {
    utfall: u32,
    budget: u32,
    troskel: &'a Cell,
    andringar: Option<(u32, u32)>,
}

#[allow(non_snake_case)]
fn nämndrad(
    b: &mut Blad,
    v: &Uppfoljningsvy<'_, '_>,
    c: &Rapportceller,
    i: usize,
    n: &Namndrapport,
    x: &NamndBlock<'_>,
    e: Enhet,
) -> Result<(), Avbrott> {
    let m = v.f.grund.modell;
    let manad = v.r.period.manad;
    let rad = c.rader[i];
    let k = &c.k;
    let bs = e.slag();
    let at = |kol: Kol| c.cell(rad, kol).a1();
    let namnd = &m.namnder[n.namnd];
    b.text(rad, k.kol(Kol::Namnd), &namnd.id)?;
    b.text(rad, k.kol(Kol::Namn), &namnd.namn)?;
    b.tal(rad, k.kol(Kol::Budget), e.v(n.budget), bs, Roll::Indata)?;
    match x.andringar {
        Some((a, z)) => {
            let omr = |kol: u16| {
                let cell = |r| Cell { blad: c.blad.clone(), rad: r, kol };
                format!("{}:{}", cell(a).absolut(), cell(z).absolut())
            };
            let formel = format!(
                "=SUMPRODUCT(({till}={id})*{belopp})-SUMPRODUCT(({fran}={id})*{belopp})",
                till = omr(2),
                fran = omr(1),
                belopp = omr(3),
                id = c.cell(rad, Kol::Namnd).fast_kol()
            );
            b.formel(rad, k.kol(Kol::Andringar), &formel, e.v(n.budgetandringar), bs, Roll::Formel)?
        }
        None => b.tal(rad, k.kol(Kol::Andringar), e.v(n.budgetandringar), bs, Roll::Indata)?,
    };
    b.formel(
        rad,
        k.kol(Kol::Justerad),
        &format!("={}+{}", at(Kol::Budget), at(Kol::Andringar)),
        e.v(n.budget_justerad),
        bs,
        Roll::Formel,
    )?;
    let utfall = |kk: u32| Cell { blad: c.blad.clone(), rad: x.utfall, kol: manadskol(kk) };
    b.formel(
        rad,
        k.kol(Kol::UtfallAck),
        &format!("=SUM({}:{})", utfall(1).a1(), utfall(manad).a1()),
        e.v(n.utfall_ack),
        bs,
        Roll::Formel,
    )?;
    let budget_ack = Cell { blad: c.blad.clone(), rad: x.budget, kol: manadskol(manad) };
    b.formel(rad, k.kol(Kol::BudgetAck), &format!("={}", budget_ack.a1()), e.v(n.budget_ack), bs, Roll::Formel)?;
    if k.har(Kol::Sasong) {
        match n.sasongsandel {
            Some(s) => {
                b.tal(rad, k.kol(Kol::Sasong), s * Decimal::ONE_HUNDRED, Slag::PROCENT, Roll::Beraknat)?;
            }
            None => {
                b.ark().write_blank(rad, k.kol(Kol::Sasong), &cellformat(Slag::PROCENT, Roll::Formel))?;
            }
        }
    }
    let formel = if manad >= 12 {
        format!("={}", at(Kol::UtfallAck))
    } else {
        match n.metod {
            Prognosmetod::Sasong => format!("={}/{}", at(Kol::UtfallAck), at(Kol::Sasong)),
            Prognosmetod::Linjar => format!("={}*12/{manad}", at(Kol::UtfallAck)),
            Prognosmetod::Budget => format!("={}+{}-{}", at(Kol::UtfallAck), at(Kol::Justerad), at(Kol::BudgetAck)),
        }
    };
    b.formel(rad, k.kol(Kol::Beraknad), &formel, e.v(n.prognos_berakning), bs, Roll::Formel)?;
    match n.prognos_namnd {
        Some(p) => {
            b.tal(rad, k.kol(Kol::Egen), e.v(p), bs, Roll::Indata)?;
        }
        None => {
            b.ark().write_blank(rad, k.kol(Kol::Egen), &cellformat(bs, Roll::Indata))?;
        }
    }
    b.formel(
        rad,
        k.kol(Kol::Prognos),
        &format!("=IF({egen}=\"\",{ber},{egen})", egen = at(Kol::Egen), ber = at(Kol::Beraknad)),
        e.v(n.prognos),
        bs,
        Roll::Formel,
    )?;
    b.formel(
        rad,
        k.kol(Kol::Avvikelse),
        &format!("={}-{}", at(Kol::Justerad), at(Kol::Prognos)),
        e.v(n.avvikelse),
        bs,
        Roll::Formel,
    )?;
    let procentformel = format!("=IF({just}=0,\"\",{avv}/{just})", just = at(Kol::Justerad), avv = at(Kol::Avvikelse));
    match n.avvikelse_procent {
        Some(p) => b.formel(rad, k.kol(Kol::AvvikelseProcent), &procentformel, p, Slag::PROCENT, Roll::Formel)?,
        None => b.textformel(
            rad,
            k.kol(Kol::AvvikelseProcent),
            &procentformel,
            "",
            &cellformat(Slag::PROCENT, Roll::Formel),
        )?,
    };
    b.text_med(rad, k.kol(Kol::Metod), metodnamn(n.metod), &Format::new().set_align(FormatAlign::Right))?;
    let behovs = format!(
        "=IF(AND({avv}<0,-{avv}>{t}*{just}),\"ja\",\"nej\")",
        avv = at(Kol::Avvikelse),
        t = x.troskel.absolut(),
        just = at(Kol::Justerad)
    );
    b.textformel(
        rad,
        k.kol(Kol::Atgard),
        &behovs,
        ja_nej(n.atgardsplan.behovs),
        &Format::new().set_align(FormatAlign::Center),
    )?;
    Ok(())
}

fn summarad(b: &mut Blad, v: &Uppfoljningsvy<'_, '_>, c: &Rapportceller, e: Enhet) -> Result<(), Avbrott> {
    let r = v.r;
    let s = &r.summa;
    let rad = c.summa;
    let k = &c.k;
    b.text_med(rad, k.kol(Kol::Namnd), "Summa", &Format::new().set_bold())?;
    let (forsta, sista) = (c.rader[0], *c.rader.last().unwrap_or(&c.rader[0]));
    for (kol, varde) in [
        (Kol::Budget, s.budget),
        (Kol::Andringar, s.budgetandringar),
        (Kol::Justerad, s.budget_justerad),
        (Kol::UtfallAck, s.utfall_ack),
        (Kol::BudgetAck, s.budget_ack),
        (Kol::Beraknad, s.prognos_berakning),
        (Kol::Prognos, s.prognos),
        (Kol::Avvikelse, s.avvikelse),
    ] {
        let (a, z) = (c.cell(forsta, kol), c.cell(sista, kol));
        b.summa(rad, k.kol(kol), Some((&a, &z)), e.v(varde), e.slag())?;
    }
    let just = c.cell(rad, Kol::Justerad).a1();
    let formel = format!("=IF({just}=0,\"\",{}/{just})", c.cell(rad, Kol::Avvikelse).a1());
    let procent = crate::tal::kvot(s.avvikelse * Decimal::ONE_HUNDRED, s.budget_justerad);
    match procent {
        Some(p) => b.formel(rad, k.kol(Kol::AvvikelseProcent), &formel, p, Slag::PROCENT, Roll::Summa)?,
        None => {
            b.textformel(rad, k.kol(Kol::AvvikelseProcent), &formel, "", &cellformat(Slag::PROCENT, Roll::Summa))?
        }
    };
    Ok(())
}

/// What the table shows and where the numbers come from.
fn anteckningar(b: &mut Blad, v: &Uppfoljningsvy<'_, '_>, e: Enhet) -> Result<(), Avbrott> {
    let (f, r) = (v.f, v.r);
    let m = f.grund.modell;
    let inst = &m.uppfoljning.installningar;
    let manad = r.period.manad;
    let metod = match r.metod {
        Prognosmetod::Linjar => format!("linjär: utfallet hittills gånger 12/{manad}"),
        Prognosmetod::Sasong => {
            "säsong: utfallet hittills delat med den andel av helåret som samma månader brukar stå för, \
             medelvärdet av tidigare hela år (en nämnd utan något tidigare helt år får linjär prognos)"
                .to_string()
        }
        Prognosmetod::Budget => {
            "budget: utfallet hittills plus den del av budgeten som återstår enligt budgetens månadsprofil".to_string()
        }
    };
    b.anteckning(&format!(
        "{} per {} för {}. Belopp i {}. Utfall {} ur ekonomisystemets SIE-filer, fördelat på nämnderna med \
         tabellen ansvar. Budget efter ändringar är den beslutade budgeten med budgetändringarna till och med \
         perioden. Prognosmetod {metod}. I december är prognosen utfallet. Finns nämndens egen prognos används den. \
         Avvikelse är budget minus prognos: negativ är ett underskott. En åtgärdsplan behövs vid ett underskott \
         större än tröskeln; den står på bladet Åtgärdsplan och avvikelsen visas då i rött.",
        r.rapport,
        periodtext(r),
        m.kommun,
        e.namn(),
        manader_text(manad),
    ))?;
    b.tom_rad();
    b.avsnitt("Underlag")?;
    let dimension = match &v.bok.dimensionsnamn {
        Some(n) => format!("{} ({n})", inst.ansvarsdimension),
        None => inst.ansvarsdimension.to_string(),
    };
    let rad = b.ny_rad();
    b.text(rad, 0, &format!("Ansvarsdimension i SIE-filerna: {dimension}"))?;
    for fil in &v.bok.filer {
        let ar: Vec<String> = fil
            .utfall
            .iter()
            .map(|(ar, k)| match k {
                Utfallskalla::Trans => {
                    format!("{ar} ur verifikationer ({} transaktioner)", crate::tal::svensk(fil.antal_trans.into(), 0))
                }
                Utfallskalla::Psaldo => format!("{ar} ur periodsaldon"),
            })
            .collect();
        let budget = if fil.budget.is_empty() {
            String::new()
        } else {
            let ar: Vec<String> = fil.budget.iter().map(|a| a.to_string()).collect();
            format!("; periodbudget {}", ar.join(", "))
        };
        let namn = std::path::Path::new(&fil.namn).file_name().map(|n| n.to_string_lossy().into_owned());
        let rad = b.ny_rad();
        b.text(
            rad,
            0,
            &format!(
                "{}: {}; utfall {}{budget}",
                namn.unwrap_or_else(|| fil.namn.clone()),
                fil.kodning.namn(),
                if ar.is_empty() { "inget".to_string() } else { ar.join(", ") }
            ),
        )?;
    }
    let rad = b.ny_rad();
    b.text(
        rad,
        0,
        &format!("Scenario {}, fördelning {}; SKR-prognos: {}", f.grund.scenario.namn, f.urval.regel, m.skr_prognos),
    )?;
    Ok(())
}

// ---------------------------------------------------------------- Åtgärdsplan

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Akol {
    Namnd,
    Id,
    Rubrik,
    Belopp,
    Effekt,
    Konsekvens,
}

fn atgardsplan(bok: &Arbetsbok, v: &Uppfoljningsvy<'_, '_>, c: &Rapportceller, e: Enhet) -> Result<Blad, Avbrott> {
    let (f, r) = (v.f, v.r);
    let m = f.grund.modell;
    let manad = r.period.manad.min(12);
    let k = Kolumner::ny()
        .med(Akol::Namnd, Kolumn::ny("Nämnd", 9.0))
        .med(Akol::Id, Kolumn::ny("Åtgärd", 10.0))
        .med(Akol::Rubrik, Kolumn::ny("Rubrik", 46.0))
        .med(Akol::Belopp, Kolumn::tal_bredd(format!("Belopp helår {} ({})", r.period.ar, e.namn()), 14.0))
        .med(Akol::Effekt, Kolumn::tal_bredd(format!("Effekt resten av året ({})", e.namn()), 14.0))
        .med(Akol::Konsekvens, Kolumn::ny("Konsekvens", 80.0));
    let mut b = bok.nytt_blad(ATGARDSPLAN, &k.kolumner(), 2)?;
    sidhuvud(&mut b, v)?;
    let bs = e.slag();
    let fet = Format::new().set_bold();
    let plan: Vec<&Namndrapport> = r.namnder.iter().filter(|n| n.atgardsplan.behovs).collect();
    for n in &plan {
        let namnd = &m.namnder[n.namnd];
        let i = r.namnder.iter().position(|x| x.namnd == n.namnd).unwrap_or(0);
        let rad = b.ny_rad();
        b.text_med(rad, k.kol(Akol::Namnd), &namnd.id, &fet)?;
        b.text_med(rad, k.kol(Akol::Rubrik), &namnd.namn, &fet)?;
        let mut effekter = Vec::new();
        for a in &n.atgardsplan.poster {
            let p = &m.vf[a.vf];
            let rad = b.ny_rad();
            b.text(rad, k.kol(Akol::Namnd), &namnd.id)?;
            b.text(rad, k.kol(Akol::Id), &p.id)?;
            b.text(rad, k.kol(Akol::Rubrik), &p.rubrik)?;
            let belopp = b.tal(rad, k.kol(Akol::Belopp), e.v(a.belopp), bs, Roll::Indata)?;
            let formel = format!("={}*{}/12", belopp.a1(), 12 - manad);
            effekter.push(b.formel(rad, k.kol(Akol::Effekt), &formel, e.v(a.effekt), bs, Roll::Formel)?);
            let konsekvens = p.konsekvens.as_deref().unwrap_or("");
            b.text_med(rad, k.kol(Akol::Konsekvens), konsekvens, &Format::new().set_text_wrap())?;
            let rader = super::blad::textrader(konsekvens, 80.0);
            if rader > 1 {
                b.ark().set_row_height(rad, 15.0 * rader as f64)?;
            }
        }
        if n.atgardsplan.poster.is_empty() {
            let rad = b.ny_rad();
            let varfor = if manad >= 12 {
                "I december kan ingen åtgärd längre ge effekt under året."
            } else {
                "Nämnden har inga minskningar kvar i VF-listan som inte redan ingår i budgeten."
            };
            b.text(rad, k.kol(Akol::Namnd), &namnd.id)?;
            b.text_med(rad, k.kol(Akol::Rubrik), varfor, &Format::new().set_italic())?;
        }
        let rad = b.ny_rad();
        b.text(rad, k.kol(Akol::Namnd), &namnd.id)?;
        b.text_med(rad, k.kol(Akol::Rubrik), "Summa åtgärder", &fet)?;
        let summa =
            b.summa(rad, k.kol(Akol::Effekt), effekter.first().zip(effekter.last()), e.v(n.atgardsplan.summa), bs)?;
        let rad = b.ny_rad();
        b.text(rad, k.kol(Akol::Namnd), &namnd.id)?;
        b.text(rad, k.kol(Akol::Rubrik), "Avvikelse enligt prognosen")?;
        let avv = c.cell(c.rader[i], Kol::Avvikelse);
        let avv = b.formel(
            rad,
            k.kol(Akol::Effekt),
            &format!("={}", avv.i(ATGARDSPLAN)),
            e.v(n.avvikelse),
            bs,
            Roll::Formel,
        )?;
        let rad = b.ny_rad();
        b.text(rad, k.kol(Akol::Namnd), &namnd.id)?;
        b.text_med(rad, k.kol(Akol::Rubrik), "Otäckt efter åtgärderna", &fet)?;
        let formel = format!("=MIN(0,{}-{})", avv.a1(), summa.a1());
        b.formel(rad, k.kol(Akol::Effekt), &formel, e.v(n.atgardsplan.otackt), bs, Roll::Summa)?;
        b.tom_rad();
    }
    // The candidates a plan did not need, for the discussion.
    let ovriga: Vec<usize> = (0..m.vf.len())
        .filter(|&i| {
            let p = &m.vf[i];
            p.typ == VfTyp::Minskning
                && !f.urval.vald[i]
                && !plan.iter().any(|n| n.atgardsplan.poster.iter().any(|a| a.vf == i))
        })
        .collect();
    if plan.is_empty() {
        b.anteckning(&format!(
            "Ingen nämnd behöver en åtgärdsplan {}: ingen prognos visar ett underskott större än {} av budgeten.",
            periodtext(r),
            svensk_procent(m.uppfoljning.installningar.troskel_procent, 1)
        ))?;
        b.tom_rad();
    }
    if !ovriga.is_empty() {
        b.avsnitt("Övriga ej valda minskningar i VF-listorna")?;
        let forsta = b.rad();
        for &i in &ovriga {
            let p = &m.vf[i];
            let rad = b.ny_rad();
            b.text(rad, k.kol(Akol::Namnd), &m.namnder[p.namnd].id)?;
            b.text(rad, k.kol(Akol::Id), &p.id)?;
            b.text(rad, k.kol(Akol::Rubrik), &p.rubrik)?;
            let belopp = b.tal(rad, k.kol(Akol::Belopp), e.v(p.belopp.eller_noll(r.period.ar)), bs, Roll::Indata)?;
            let effekt = p.belopp.eller_noll(r.period.ar) * Decimal::from(12 - manad) / Decimal::from(12);
            b.formel(
                rad,
                k.kol(Akol::Effekt),
                &format!("={}*{}/12", belopp.a1(), 12 - manad),
                e.v(effekt),
                bs,
                Roll::Formel,
            )?;
            let konsekvens = p.konsekvens.as_deref().unwrap_or("");
            b.text_med(rad, k.kol(Akol::Konsekvens), konsekvens, &Format::new().set_text_wrap())?;
            let rader = super::blad::textrader(konsekvens, 80.0);
            if rader > 1 {
                b.ark().set_row_height(rad, 15.0 * rader as f64)?;
            }
        }
        let _ = forsta;
        b.tom_rad();
    }
    b.anteckning(&format!(
        "En nämnd vars prognos visar ett underskott större än tröskeln tar sina minskningar ur VF-listan som inte \
         ingår i budgeten, i prioritetsordning, tills underskottet är täckt (den sista får gå över). En åtgärd som \
         beslutas efter {} sparar bara resten av året: helårsbeloppet gånger {} av 12 månader. Otäckt är det \
         underskott som finns kvar när listan är slut.",
        periodtext(r),
        12 - manad
    ))?;
    Ok(b)
}

// ---------------------------------------------------------------- Resultatprognos

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rkol {
    Post,
    Forklaring,
    Budget,
    Prognos,
}

fn resultatprognos(
    bok: &Arbetsbok,
    v: &Uppfoljningsvy<'_, '_>,
    c: &Rapportceller,
    ejf_summa: Option<&Cell>,
    e: Enhet,
) -> Result<Blad, Avbrott> {
    let (f, r) = (v.f, v.r);
    let m: &Modell = f.grund.modell;
    let ar = r.period.ar;
    let k = Kolumner::ny()
        .med(Rkol::Post, Kolumn::ny(format!("Resultatprognos {ar} ({})", e.namn()), 40.0))
        .med(Rkol::Forklaring, Kolumn::ny("Förklaring", 56.0))
        .med(Rkol::Budget, Kolumn::tal(format!("Budget {ar}")))
        .med(Rkol::Prognos, Kolumn::tal(format!("Prognos {ar}")));
    let mut b = bok.nytt_blad(RESULTATPROGNOS, &k.kolumner(), 1)?;
    sidhuvud(&mut b, v)?;
    let bs = e.slag();
    let ru = &f.grund.ramutrymme[&ar];
    let (kb, kp) = (k.kol(Rkol::Budget), k.kol(Rkol::Prognos));
    let rad2 = |b: &mut Blad, post: &str, forklaring: &str| -> Result<u32, Avbrott> {
        let rad = b.ny_rad();
        b.text(rad, k.kol(Rkol::Post), post)?;
        b.text(rad, k.kol(Rkol::Forklaring), forklaring)?;
        Ok(rad)
    };
    let varde = |b: &mut Blad, post: &str, forklaring: &str, x: Decimal| -> Result<(Cell, Cell), Avbrott> {
        let rad = rad2(b, post, forklaring)?;
        let a = b.tal(rad, kb, e.v(x), bs, Roll::Beraknat)?;
        let p = b.formel(rad, kp, &format!("={}", a.a1()), e.v(x), bs, Roll::Formel)?;
        Ok((a, p))
    };
    let s = varde(&mut b, "Skatter och generella statsbidrag", "modellens prognos för året", ru.skatter_och_bidrag)?;
    let pk = varde(&mut b, "Pensionskostnader inklusive löneskatt", "modellens pensionsprognos", ru.pension)?;
    let cp = varde(&mut b, "Centrala poster", "modellens centrala poster", ru.centrala_poster)?;
    let rad = rad2(&mut b, "Nämndernas nettokostnad", "budget efter ändringar; prognos för helåret")?;
    let nb = b.formel(
        rad,
        kb,
        &format!("={}", c.cell(c.summa, Kol::Justerad).i(RESULTATPROGNOS)),
        e.v(r.summa.budget_justerad),
        bs,
        Roll::Formel,
    )?;
    let np = b.formel(
        rad,
        kp,
        &format!("={}", c.cell(c.summa, Kol::Prognos).i(RESULTATPROGNOS)),
        e.v(r.summa.prognos),
        bs,
        Roll::Formel,
    )?;
    let rad = rad2(&mut b, "Resultat", "skatter och bidrag minus pensioner, centrala poster och nämnderna")?;
    let rb = b.formel(
        rad,
        kb,
        &format!("={}-{}-{}-{}", s.0.a1(), pk.0.a1(), cp.0.a1(), nb.a1()),
        e.v(r.resultat_budget),
        bs,
        Roll::Summa,
    )?;
    let rp = b.formel(
        rad,
        kp,
        &format!("={}-{}-{}-{}", s.1.a1(), pk.1.a1(), cp.1.a1(), np.a1()),
        e.v(r.resultat_prognos),
        bs,
        Roll::Summa,
    )?;
    let rad = rad2(
        &mut b,
        "Resultat i % av skatter och bidrag",
        "resultatet i procent av skatter och generella statsbidrag",
    )?;
    let procent = |b: &mut Blad, kol: u16, res: &Cell, sk: &Cell, v: Option<Decimal>| -> Result<Cell, Avbrott> {
        let formel = format!("=IF({s}=0,\"\",{r}/{s})", s = sk.a1(), r = res.a1());
        match v {
            Some(p) => b.formel(rad, kol, &formel, p, Slag::PROCENT, Roll::Formel),
            None => b.textformel(rad, kol, &formel, "", &cellformat(Slag::PROCENT, Roll::Formel)),
        }
    };
    let pb = procent(&mut b, kb, &rb, &s.0, r.resultat_procent_budget)?;
    let pp = procent(&mut b, kp, &rp, &s.1, r.resultat_procent_prognos)?;
    let rad = rad2(&mut b, "Resultatmål i %", "modellens mål för resultatet")?;
    let mal_slag = Slag::procent_som([r.resultatmal_procent]);
    let mal = b.tal(rad, kb, r.resultatmal_procent, mal_slag, Roll::Indata)?;
    let malp = b.formel(rad, kp, &format!("={}", mal.a1()), r.resultatmal_procent, mal_slag, Roll::Formel)?;
    let hoger = Format::new().set_align(FormatAlign::Right);
    let rad = rad2(&mut b, "Resultatmålet uppfyllt", "resultatet når minst resultatmålet")?;
    let budget_mal = r.resultat_procent_budget.is_some_and(|p| crate::tal::utan_brus(p) >= r.resultatmal_procent);
    b.textformel(
        rad,
        kb,
        &format!("=IF(AND(ISNUMBER({p}),{p}>={m}),\"ja\",\"nej\")", p = pb.a1(), m = mal.a1()),
        ja_nej(budget_mal),
        &hoger,
    )?;
    b.textformel(
        rad,
        kp,
        &format!("=IF(AND(ISNUMBER({p}),{p}>={m}),\"ja\",\"nej\")", p = pp.a1(), m = malp.a1()),
        ja_nej(resultatmal_uppfyllt(r)),
        &hoger,
    )?;
    let rad = rad2(&mut b, "Balanskravet uppfyllt", "resultatet är inte negativt")?;
    b.textformel(
        rad,
        kb,
        &format!("=IF({}>=0,\"ja\",\"nej\")", rb.a1()),
        ja_nej(r.resultat_budget >= Decimal::ZERO),
        &hoger,
    )?;
    b.textformel(
        rad,
        kp,
        &format!("=IF({}>=0,\"ja\",\"nej\")", rp.a1()),
        ja_nej(r.balanskrav_uppfyllt_prognos),
        &hoger,
    )?;

    // Finance accounts so far.
    b.tom_rad();
    let fin = &r.finansiering;
    let hr = b.ny_rad();
    let rubrik = format!("Finansiering {} {}", manader_text(r.period.manad), ar);
    b.rubrikrad(hr, &[rubrik, "Förklaring".to_string(), "Utfall".to_string()])?;
    let mut celler = Vec::new();
    for (g, post, forklaring) in [
        (Finansgrupp::Skatteintakter, "Skatteintäkter", "intäkter positiva"),
        (Finansgrupp::Statsbidrag, "Generella statsbidrag och utjämning", "intäkter positiva"),
        (Finansgrupp::FinansiellaIntakter, "Finansiella intäkter", "intäkter positiva"),
        (Finansgrupp::FinansiellaKostnader, "Finansiella kostnader", "kostnader negativa"),
    ] {
        let rad = rad2(&mut b, post, forklaring)?;
        celler.push(b.tal(rad, kb, e.v(fin.ack(g)), bs, Roll::Indata)?);
    }
    let rad = b.ny_rad();
    b.text_med(rad, 0, "Summa finansiering", &Format::new().set_bold())?;
    let summa: Decimal = Finansgrupp::ALLA.iter().map(|g| fin.ack(*g)).sum();
    b.summa(rad, kb, celler.first().zip(celler.last()), e.v(summa), bs)?;
    let rad = rad2(&mut b, "Nämndernas utfall", "utfall ackumulerat, nämnderna")?;
    b.formel(
        rad,
        kb,
        &format!("={}", c.cell(c.summa, Kol::UtfallAck).i(RESULTATPROGNOS)),
        e.v(r.summa.utfall_ack),
        bs,
        Roll::Formel,
    )?;
    let rad = rad2(&mut b, "Ej fördelat utfall", "verksamhetskonton utan nämnd, bladet Ej fördelat utfall")?;
    match ejf_summa {
        Some(x) => {
            b.formel(rad, kb, &format!("={}", x.i(RESULTATPROGNOS)), e.v(r.ej_fordelat_utfall), bs, Roll::Formel)?
        }
        None => b.tal(rad, kb, e.v(r.ej_fordelat_utfall), bs, Roll::Beraknat)?,
    };
    b.tom_rad();
    b.anteckning(&format!(
        "Resultatet enligt prognosen: skatter och generella statsbidrag, pensionskostnader och centrala poster \
         enligt modellen för {ar} ({}), och nämndernas nettokostnad enligt helårsprognosen. Balanskravet är \
         uppfyllt när resultatet inte är negativt. Finansieringen hittills är utfallet på finansens konton.",
        m.skr_prognos
    ))?;
    Ok(b)
}

// ---------------------------------------------------------------- Ej fördelat utfall

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ekol {
    Objekt,
    Namn,
    Manad(u32),
    Ack,
}

fn ej_fordelat(bok: &Arbetsbok, v: &Uppfoljningsvy<'_, '_>, e: Enhet) -> Result<(Blad, Option<Cell>), Avbrott> {
    let r = v.r;
    let manad = r.period.manad;
    let mut k = Kolumner::ny().med(Ekol::Objekt, Kolumn::ny("Objekt", 11.0)).med(Ekol::Namn, Kolumn::ny("Namn", 34.0));
    for kk in 1..=manad {
        k.lagg_till(Ekol::Manad(kk), Kolumn::tal_bredd(manadsrubrik(kk), 11.0));
    }
    k.lagg_till(Ekol::Ack, Kolumn::tal_bredd("Utfall ackumulerat", 12.0));
    let mut b = bok.nytt_blad(EJ_FORDELAT, &k.kolumner(), 2)?;
    sidhuvud(&mut b, v)?;
    let bs = e.slag();
    let mut ack = Vec::new();
    for x in &r.ej_fordelat {
        let rad = b.ny_rad();
        b.text(rad, k.kol(Ekol::Objekt), x.objekt.as_deref().unwrap_or("Utan objekt"))?;
        b.text(rad, k.kol(Ekol::Namn), x.namn.as_deref().unwrap_or(""))?;
        let mut celler = Vec::new();
        for (i, v) in x.utfall_manad.iter().enumerate() {
            celler.push(b.tal(rad, k.kol(Ekol::Manad(i as u32 + 1)), e.v(*v), bs, Roll::Indata)?);
        }
        let omr = celler.first().zip(celler.last());
        let formel = omr.map(|(a, z)| format!("=SUM({}:{})", a.a1(), z.a1())).unwrap_or_else(|| "=0".into());
        ack.push(b.formel(rad, k.kol(Ekol::Ack), &formel, e.v(x.utfall_ack), bs, Roll::Formel)?);
    }
    let mut summa = None;
    if !r.ej_fordelat.is_empty() {
        let rad = b.ny_rad();
        b.text_med(rad, 0, "Summa", &Format::new().set_bold())?;
        for kk in 1..=manad {
            let kol = k.kol(Ekol::Manad(kk));
            let v: Decimal = r.ej_fordelat.iter().map(|x| x.utfall_manad[kk as usize - 1]).sum();
            let a = Cell { blad: EJ_FORDELAT.into(), rad: 1, kol };
            let z = Cell { blad: EJ_FORDELAT.into(), rad: rad - 1, kol };
            b.summa(rad, kol, Some((&a, &z)), e.v(v), bs)?;
        }
        summa = Some(b.summa(rad, k.kol(Ekol::Ack), ack.first().zip(ack.last()), e.v(r.ej_fordelat_utfall), bs)?);
        b.autofilter(0, rad - 1, k.sista())?;
    }
    b.tom_rad();
    let text = if r.ej_fordelat.is_empty() {
        "Allt utfall på verksamhetskontona hör till en nämnd enligt tabellen ansvar.".to_string()
    } else {
        format!(
            "Utfall på verksamhetskonton {} {} som inte hör till någon nämnd: objekt som saknas i tabellen ansvar, \
             och bokningar utan objekt. Det ingår inte i nämndernas utfall; lägg till objekten i ansvar för att \
             fördela dem.",
            manader_text(manad),
            r.period.ar
        )
    };
    b.anteckning(&text)?;
    Ok((b, summa))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bladnamnet_ar_rapportens_kortat_vid_ett_ord() {
        assert_eq!(bladnamn("Delårsrapport"), "Delårsrapport");
        assert_eq!(bladnamn("Månadsrapport med prognos och planerade åtgärder"), "Månadsrapport med prognos");
        assert_eq!(bladnamn("Rapport [mars]: utfall/prognos?"), "Rapport mars utfall prognos");
        assert_eq!(bladnamn("Åtgärdsplan"), "Uppföljning");
        assert_eq!(bladnamn("  "), "Uppföljning");
        assert_eq!(bladnamn(&"x".repeat(40)), "Uppföljning");
        assert!(bladnamn("Ekonomisk månadsuppföljning per den sista augusti").chars().count() <= 31);
    }

    #[test]
    fn manadsrubriker() {
        assert_eq!(manadsrubrik(1), "Januari");
        assert_eq!(manadsrubrik(12), "December");
        assert_eq!(manadskol(1), 2);
        assert_eq!(manadskol(12), 13);
    }
}

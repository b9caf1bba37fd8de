//! The workbook of `ramverk jamfor` (MODELL §7): Bas and each scenario side
//! by side on the sheets *Jämförelse* (with a chart of the glapp and the
//! result of the budget year per scenario), *Ramar per scenario*, *VF per
//! scenario* and *Antaganden* (each scenario's levers and the model's settings).
//!
//! Each scenario's figures are ramverk's results (grey values); what follows
//! from them on the sheet (glapp, summa ramar, ej fördelat, resultat,
//! resultat %, balanskrav, the sums) are live formulas.

use super::antaganden::{ANTAGANDEN, kallor, modellinstallningar};
use super::forslag::{Vfkol, vf_kolumner};
use super::{
    Arbetsbok, Arsvarde, Blad, Cell, Dokument, FARG_EJ_VALD, FARG_VALD, Installning, Kolumn, Kolumner, Roll, Slag,
    arslistans_kolumner, ja_nej,
};
use crate::berakning::forslag::Forslag;
use crate::berakning::vf;
use crate::fel::Avbrott;
use crate::modell::{Ar, Arsbelopp, Scenario, VfTyp};
use crate::utdata::enhet::Enhet;
use crate::utdata::jamfor::vf_i_scenarier;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartType, Color, Format, FormatAlign};
use std::collections::BTreeSet;

pub const JAMFORELSE: &str = "Jämförelse";
pub const RAMAR_PER_SCENARIO: &str = "Ramar per scenario";
pub const VF_PER_SCENARIO: &str = "VF per scenario";

/// The workbook of `jamfor`: Jämförelse, Ramar per scenario, VF per scenario, Antaganden.
pub fn arbetsbok(forslag: &[Forslag<'_>], enhet: Enhet) -> Result<Arbetsbok, Avbrott> {
    let Some(bas) = forslag.first() else {
        return Err(Avbrott::Annat("inga scenarier att jämföra".into()));
    };
    let m = bas.grund.modell;
    let namn: Vec<&str> = forslag.iter().map(|f| f.grund.scenario.namn.as_str()).collect();
    let scenario = match namn.as_slice() {
        [en] => en.to_string(),
        [forsta, andra] => format!("{forsta} och {andra}"),
        [forsta, resten @ ..] => format!("{forsta} och {} scenarier", resten.len()),
        [] => String::new(),
    };
    let dokument = Dokument {
        titel: format!("Jämförelse av scenarier {}–{} – {}", m.budgetar(), m.sista_ar(), m.kommun),
        kommun: m.kommun.clone(),
        scenario,
        skr_prognos: m.skr_prognos.clone(),
    };
    let mut bok = Arbetsbok::ny(dokument).i(enhet);
    let jamforelse = jamforelse(&bok, forslag)?;
    let ramar = ramar(&bok, forslag)?;
    let vf = vf_per_scenario(&bok, forslag)?;
    let antaganden = antaganden(&bok, forslag)?;
    bok.lagg_till(jamforelse);
    bok.lagg_till(ramar);
    bok.lagg_till(vf);
    bok.lagg_till(antaganden);
    Ok(bok)
}

/// The most scenarios (Bas included) a comparison workbook holds: one column
/// each, beside the few label and summary columns, within a sheet's 16 384.
pub const MAX_SCENARIER: usize = 16_000;

/// The first scenario column.
const FORSTA: u16 = 2;

/// The header: two columns, then one per scenario.
fn rubriker(forslag: &[Forslag<'_>], forsta: &[Kolumn]) -> Vec<Kolumn> {
    let mut k = forsta.to_vec();
    k.extend(forslag.iter().map(|f| Kolumn::tal_bredd(f.grund.scenario.namn.clone(), 18.0)));
    k
}

/// One row, the label in A and `typ` (a year or unit) in B, per scenario the
/// value or formula `cell(scenario, this sheet)` gives.
fn scenariorad(
    b: &mut Blad,
    etikett: &str,
    ar: Option<Ar>,
    antal: usize,
    slag: Slag,
    mut cell: impl FnMut(usize, &str) -> Arsvarde,
) -> Result<Vec<Cell>, Avbrott> {
    let r = b.ny_rad();
    b.text(r, 0, etikett)?;
    if let Some(t) = ar {
        b.tal(r, 1, t.into(), Slag::Heltal, Roll::Formel)?;
    }
    let mut ut = Vec::with_capacity(antal);
    for j in 0..antal {
        let k = FORSTA + j as u16;
        let blad = b.namn().to_string();
        ut.push(match cell(j, &blad) {
            Arsvarde::Varde(v, roll) => b.tal(r, k, v, slag, roll)?,
            Arsvarde::Formel(f, v) => b.formel(r, k, &f, v, slag, Roll::Formel)?,
            Arsvarde::Summa(f, v) => b.formel(r, k, &f, v, slag, Roll::Summa)?,
            Arsvarde::Tom => Cell { blad, rad: r, kol: k },
        });
    }
    Ok(ut)
}

fn jamforelse(bok: &Arbetsbok, forslag: &[Forslag<'_>]) -> Result<Blad, Avbrott> {
    let m = forslag[0].grund.modell;
    let n = forslag.len();
    let b_ar = m.budgetar();
    let rub = rubriker(forslag, &[Kolumn::ny("Post", 44.0), Kolumn::tal_bredd("År", 7.0)]);
    let sista_kol = FORSTA + n as u16 - 1;
    let mut b = bok.nytt_blad(JAMFORELSE, &rub, 2)?;
    let r = b.ny_rad();
    b.text(r, 0, "Fördelningsregel")?;
    for (j, f) in forslag.iter().enumerate() {
        b.text_med(r, FORSTA + j as u16, f.urval.regel.namn(), &Format::new().set_align(FormatAlign::Right))?;
    }
    let varde = |v: Decimal| Arsvarde::Varde(v, Roll::Beraknat);
    let mut diagram: Option<(u32, u32)> = None;
    for t in m.ar() {
        let u = &|j: usize| &forslag[j].grund.ramutrymme[&t];
        let sk = scenariorad(&mut b, "Skatter och generella statsbidrag", Some(t), n, Slag::Belopp, |j, _| {
            varde(u(j).skatter_och_bidrag)
        })?;
        let rum = scenariorad(&mut b, "Ramutrymme", Some(t), n, Slag::Belopp, |j, _| varde(u(j).ramutrymme))?;
        let kb = scenariorad(&mut b, "Kostnad för befintlig verksamhet", Some(t), n, Slag::Belopp, |j, _| {
            varde(forslag[j].befintlig.summa(t))
        })?;
        let glapp = scenariorad(&mut b, "Glapp", Some(t), n, Slag::Belopp, |j, blad| {
            Arsvarde::Formel(format!("={}-{}", rum[j].i(blad), kb[j].i(blad)), forslag[j].befintlig.glapp[&t])
        })?;

        let till = scenariorad(&mut b, "Valda tillskott", Some(t), n, Slag::Belopp, |j, _| {
            varde(forslag[j].valda_summa(VfTyp::Tillskott, t))
        })?;
        let minsk = scenariorad(&mut b, "Valda minskningar", Some(t), n, Slag::Belopp, |j, _| {
            varde(forslag[j].valda_summa(VfTyp::Minskning, t))
        })?;
        let ramar = scenariorad(&mut b, "Summa ramar", Some(t), n, Slag::Belopp, |j, blad| {
            let f = format!("={}+{}+{}", kb[j].i(blad), till[j].i(blad), minsk[j].i(blad));
            Arsvarde::Summa(f, forslag[j].ramar.iter().map(|r| r[&t]).sum())
        })?;
        let ej = scenariorad(&mut b, "Ej fördelat", Some(t), n, Slag::Belopp, |j, blad| {
            Arsvarde::Formel(format!("={}-{}", rum[j].i(blad), ramar[j].i(blad)), forslag[j].ej_fordelat[&t])
        })?;
        let mal = scenariorad(&mut b, "Resultatmål", Some(t), n, Slag::Belopp, |j, _| varde(u(j).resultatmal))?;
        let res = scenariorad(&mut b, "Resultat", Some(t), n, Slag::Belopp, |j, blad| {
            Arsvarde::Summa(format!("={}+{}", mal[j].i(blad), ej[j].i(blad)), forslag[j].resultat[&t])
        })?;
        if t == b_ar {
            diagram = Some((glapp[0].rad, res[0].rad));
        }
        scenariorad(&mut b, "Resultat i % av skatter och bidrag", Some(t), n, Slag::PROCENT, |j, blad| {
            Arsvarde::Formel(format!("={}/{}", res[j].i(blad), sk[j].i(blad)), forslag[j].resultat_procent[&t])
        })?;
        let r = b.ny_rad();
        b.text(r, 0, "Balanskravet uppfyllt")?;
        b.tal(r, 1, t.into(), Slag::Heltal, Roll::Formel)?;
        let hoger = Format::new().set_align(FormatAlign::Right);
        for (j, f) in forslag.iter().enumerate() {
            let formel = format!("=IF({}>=0,\"ja\",\"nej\")", res[j].a1());
            b.textformel(r, FORSTA + j as u16, &formel, ja_nej(f.balanskrav_uppfyllt()[&t]), &hoger)?;
        }
        if forslag.iter().all(|f| f.kommun.is_some()) {
            let sol = |j: usize| forslag[j].kommun.as_ref().map(|k| (&k.soliditet, &k.soliditet_inkl_pension));
            let v = |x: Option<&Arsbelopp>| varde(x.and_then(|a| a.get(&t)).copied().unwrap_or_default());
            scenariorad(&mut b, "Soliditet", Some(t), n, Slag::PROCENT, |j, _| v(sol(j).map(|s| s.0)))?;
            scenariorad(&mut b, "Soliditet inkl. pensionsförpliktelser", Some(t), n, Slag::PROCENT, |j, _| {
                v(sol(j).map(|s| s.1))
            })?;
        }
    }
    let sista = b.rad() - 1;
    b.autofilter(0, sista, sista_kol)?;
    b.tom_rad();
    b.anteckning(&format!(
        "Belopp i {}. Grå celler är ramverks resultat för respektive scenario; glapp, summa ramar, ej fördelat, \
         resultat, resultat i % och balanskravet är formler på dem.",
        b.enhet()
    ))?;
    if let Some((glapp, resultat)) = diagram {
        // Glapp and result of the budget year as bars per scenario, to the
        // right of the table at its top; the ramutrymme stays in the table.
        let kategorier = (JAMFORELSE, 0, FORSTA, 0, sista_kol);
        let mut stapel = Chart::new(ChartType::Column);
        stapel
            .add_series()
            .set_name(&format!("Glapp {b_ar}"))
            .set_categories(kategorier)
            .set_values((JAMFORELSE, glapp, FORSTA, glapp, sista_kol))
            .set_format(
                rust_xlsxwriter::ChartFormat::new()
                    .set_solid_fill(rust_xlsxwriter::ChartSolidFill::new().set_color(Color::RGB(0xC0504D))),
            );
        stapel
            .add_series()
            .set_name(&format!("Resultat {b_ar}"))
            .set_categories(kategorier)
            .set_values((JAMFORELSE, resultat, FORSTA, resultat, sista_kol))
            .set_format(
                rust_xlsxwriter::ChartFormat::new()
                    .set_solid_fill(rust_xlsxwriter::ChartSolidFill::new().set_color(Color::RGB(0x4F81BD))),
            );
        let e = bok.enhet();
        stapel.title().set_name(&format!("Glapp och resultat {b_ar} per scenario ({})", e.namn()));
        let talformat = if e == crate::utdata::enhet::Enhet::Mnkr { "#,##0.0," } else { "#,##0" };
        stapel.y_axis().set_name(e.namn()).set_num_format(talformat);
        stapel.x_axis().set_label_position(rust_xlsxwriter::ChartAxisLabelPosition::Low);
        stapel.legend().set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
        stapel.set_width(640).set_height(360);
        b.ark().insert_chart(1, sista_kol + 2, &stapel)?;
    }
    Ok(b)
}

fn ramar(bok: &Arbetsbok, forslag: &[Forslag<'_>]) -> Result<Blad, Avbrott> {
    let m = forslag[0].grund.modell;
    let n = forslag.len();
    let mut rub = arslistans_kolumner();
    rub.extend(forslag.iter().map(|f| Kolumn::tal_bredd(f.grund.scenario.namn.clone(), 18.0)));
    let mut b = bok.nytt_blad(RAMAR_PER_SCENARIO, &rub, 3)?;
    let poster: Vec<(&str, &str)> = m.namnder.iter().map(|x| (x.id.as_str(), x.namn.as_str())).collect();
    let lista = b.arsgrupperad_lista(&m.ar(), &poster, |b, r, t, i| {
        let mut ut = Vec::with_capacity(n);
        for (j, f) in forslag.iter().enumerate() {
            let k = 3 + j as u16;
            let v = f.ramar_avrundade[i][&t];
            b.tal(r, k, v, Slag::Belopp, Roll::Beraknat)?;
            ut.push((k, v));
        }
        Ok(ut)
    })?;
    b.autofilter(lista.forsta, lista.sista, 2 + n as u16)?;
    b.tom_rad();
    b.anteckning(&format!(
        "Ramar per nämnd i {}, avrundade till hela {} tkr så att de summerar till den avrundade summan. \
         Summaraderna är formler.",
        b.enhet(),
        crate::tal::svensk(m.enhet_tkr, m.enhet_tkr.normalize().scale())
    ))?;
    Ok(b)
}

/// The columns of *VF per scenario*: the item, its amount, one per scenario, the count and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vfskol {
    Post(Vfkol),
    Belopp,
    Scenario(usize),
    Antal,
    ValdaI,
}

fn vf_per_scenario(bok: &Arbetsbok, forslag: &[Forslag<'_>]) -> Result<Blad, Avbrott> {
    let m = forslag[0].grund.modell;
    let n = forslag.len();
    let b_ar = m.budgetar();
    let mut k = Kolumner::ny();
    for (c, kolumn) in vf_kolumner().poster() {
        k.lagg_till(Vfskol::Post(*c), kolumn.clone());
    }
    k.lagg_till(Vfskol::Belopp, Kolumn::tal(format!("Belopp {b_ar}")));
    for (j, f) in forslag.iter().enumerate() {
        k.lagg_till(Vfskol::Scenario(j), Kolumn::tal_bredd(f.grund.scenario.namn.clone(), 18.0));
    }
    k.lagg_till(Vfskol::Antal, Kolumn::tal_bredd("Antal scenarier", 10.0));
    k.lagg_till(Vfskol::ValdaI, Kolumn::ny("Valda i", 36.0));
    let kol = |c: Vfskol| k.kol(c);
    let mut b = bok.nytt_blad(VF_PER_SCENARIO, &k.kolumner(), 3)?;
    if m.vf.is_empty() {
        b.anteckning("Inga VF-poster i modellen.")?;
        return Ok(b);
    }
    let valda_i = vf_i_scenarier(forslag);
    let (till, minsk) = (vf::listor(m, VfTyp::Tillskott), vf::listor(m, VfTyp::Minskning));
    let ordning = (0..m.namnder.len()).flat_map(|x| till[x].iter().chain(&minsk[x]).copied().collect::<Vec<_>>());
    let ja = Format::new().set_background_color(Color::RGB(FARG_VALD)).set_align(FormatAlign::Center);
    let nej = Format::new().set_background_color(Color::RGB(FARG_EJ_VALD)).set_align(FormatAlign::Center);
    for i in ordning {
        let p = &m.vf[i];
        let r = b.ny_rad();
        b.text(r, kol(Vfskol::Post(Vfkol::Namnd)), &m.namnder[p.namnd].id)?;
        b.text(r, kol(Vfskol::Post(Vfkol::Id)), &p.id)?;
        b.text(r, kol(Vfskol::Post(Vfkol::Rubrik)), &p.rubrik)?;
        b.text(r, kol(Vfskol::Post(Vfkol::Typ)), p.typ.namn())?;
        b.tal(r, kol(Vfskol::Post(Vfkol::Prioritet)), p.prioritet.into(), Slag::Heltal, Roll::Formel)?;
        b.tal(r, kol(Vfskol::Belopp), p.belopp.eller_noll(b_ar), Slag::Belopp, Roll::Beraknat)?;
        for (j, f) in forslag.iter().enumerate() {
            let vald = f.urval.vald[i];
            b.text_med(r, kol(Vfskol::Scenario(j)), ja_nej(vald), if vald { &ja } else { &nej })?;
        }
        let (a, z) = (
            Cell { blad: VF_PER_SCENARIO.into(), rad: r, kol: kol(Vfskol::Scenario(0)) },
            Cell { blad: VF_PER_SCENARIO.into(), rad: r, kol: kol(Vfskol::Scenario(n - 1)) },
        );
        let antal = valda_i[i].1.len();
        let formel = format!("=COUNTIF({},\"ja\")", a.till(&z, VF_PER_SCENARIO));
        b.formel(r, kol(Vfskol::Antal), &formel, antal.into(), Slag::Heltal, Roll::Formel)?;
        let text = match antal {
            0 => "i inget".to_string(),
            x if x == n => "i alla".to_string(),
            _ => valda_i[i].1.join(", "),
        };
        b.text(r, kol(Vfskol::ValdaI), &text)?;
    }
    let sista = b.rad() - 1;
    b.autofilter(0, sista, k.sista())?;
    b.tom_rad();
    b.anteckning(&format!(
        "Grönt ja: posten är med i scenariots förslag; rött nej: den är inte med. Urvalet görs på budgetåret {b_ar}."
    ))?;
    Ok(b)
}

fn antaganden(bok: &Arbetsbok, forslag: &[Forslag<'_>]) -> Result<Blad, Avbrott> {
    let m = forslag[0].grund.modell;
    let n = forslag.len();
    let kalla_kol = FORSTA + n as u16;
    let mut rub = rubriker(forslag, &[Kolumn::ny("Uppgift", 52.0), Kolumn::ny("År / enhet", 18.0)]);
    rub.push(Kolumn::ny("Källa", 34.0));
    let mut b = bok.nytt_blad(ANTAGANDEN, &rub, 2)?;
    let s = |j: usize| -> &Scenario { forslag[j].grund.scenario };
    let hoger = Format::new().set_align(FormatAlign::Right);

    b.avsnitt("Scenarierna")?;
    // Each scenario's file and description as a note of its own: long texts
    // wrap over the row instead of running into the next scenario's column.
    for j in 0..n {
        let fil = s(j).fil.clone().unwrap_or_else(|| "inga förändringar".into());
        let text = match &s(j).beskrivning {
            Some(beskrivning) => format!("{} ({fil}): {beskrivning}", s(j).namn),
            None => format!("{} ({fil})", s(j).namn),
        };
        b.anteckning(&text)?;
    }
    let r = b.ny_rad();
    b.text(r, 0, "Fördelningsregel")?;
    for (j, f) in forslag.iter().enumerate() {
        b.text_med(r, FORSTA + j as u16, f.urval.regel.namn(), &hoger)?;
    }
    let indata = |v: Decimal| Arsvarde::Varde(v, Roll::Indata);
    let mal = |j: usize| forslag[j].grund.ramutrymme[&m.budgetar()].resultatmal_procent;
    let mal_slag = Slag::procent_som((0..n).map(mal));
    scenariorad(&mut b, "Resultatmål", None, n, mal_slag, |j, _| indata(mal(j)))?;
    let ds_slag = Slag::tal_som((0..n).map(|j| s(j).skattesats_forandring).chain([Decimal::new(1, 2)]));
    scenariorad(&mut b, "Skattesatsens förändring, kr per 100 kr", None, n, ds_slag, |j, _| {
        indata(s(j).skattesats_forandring)
    })?;
    b.tom_rad();

    b.avsnitt("Scenariernas spakar per år (ingen förändring = 0)")?;
    let ar = m.ar();
    type Spak = fn(&Scenario) -> &Arsbelopp;
    let spakar: [(&str, Slag, Spak); 4] = [
        ("Skatteunderlagets utveckling, procentenheter", Slag::PROCENT, |s| &s.skatteunderlag),
        ("Generellt statsbidrag, kr per invånare", Slag::Tal, |s| &s.statsbidrag_kr_per_invanare),
        ("Övrig intäktsförändring", Slag::Belopp, |s| &s.intakter_tkr),
        ("Generell effektivisering, procent", Slag::PROCENT, |s| &s.effektivisering_procent),
    ];
    for (etikett, slag, karta) in spakar {
        for &t in &ar {
            scenariorad(&mut b, etikett, Some(t), n, slag, |j, _| indata(Scenario::ar_varde(karta(s(j)), t)))?;
        }
    }
    for &t in &ar {
        scenariorad(&mut b, "Invånare 1 november, förändring i personer", Some(t - 1), n, Slag::Antal, |j, _| {
            indata(Scenario::ar_varde(&s(j).invanare, t - 1))
        })?;
    }
    let serier: BTreeSet<&String> = forslag.iter().flat_map(|f| f.grund.scenario.index.keys()).collect();
    for serie in serier {
        for t in std::iter::once(m.basar).chain(ar.iter().copied()) {
            let etikett = format!("Index: {}, procentenheter", crate::utdata::etiketter::serie(serie));
            scenariorad(&mut b, &etikett, Some(t), n, Slag::PROCENT, |j, _| {
                indata(s(j).index.get(serie).map(|k| Scenario::ar_varde(k, t)).unwrap_or_default())
            })?;
        }
    }
    b.tom_rad();

    b.avsnitt("Modellens inställningar")?;
    let r = b.ny_rad();
    let mut underrubrik = vec!["Uppgift".to_string(), "Typ / enhet".into(), "Värde".into()];
    underrubrik.resize(kalla_kol as usize, String::new());
    underrubrik.push("Källa".into());
    b.rubrikrad(r, &underrubrik)?;
    modellinstallningar(&mut b, m, kalla_kol)?;
    let regel = Installning::Text(m.fordelning.namn());
    b.installning(
        "Resultatmål (modellen)",
        "procent",
        Installning::Tal(m.resultat_procent, Slag::procent_som([m.resultat_procent])),
        Some((kalla_kol, "modell.toml")),
    )?;
    b.installning("Fördelningsregel (modellen)", "", regel, Some((kalla_kol, "modell.toml")))?;
    b.tom_rad();
    kallor(&mut b, m)?;
    b.anteckning(
        "Spakarna är indata i scenariofilerna (gula); varje scenario är beräknat från dem av ramverk. \
         Bas ändrar ingenting.",
    )?;
    Ok(b)
}

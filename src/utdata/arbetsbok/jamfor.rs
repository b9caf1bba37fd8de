//! The workbook of `ramverk jamfor` (MODELL §7): Bas and each scenario side
//! by side on the sheets *Jämförelse* (with a chart of ramutrymme and glapp
//! in the budget year), *Ramar per scenario*, *VF per scenario* and
//! *Antaganden* (each scenario's levers and the model's settings).
//!
//! Each scenario's figures are ramverk's results (grey values); what follows
//! from them on the sheet (glapp, summa ramar, ej fördelat, resultat,
//! resultat %, balanskrav, the sums) are live formulas.

use super::antaganden::{ANTAGANDEN, kallor, modellinstallningar};
use super::forslag::vf_kolumner;
use super::{
    Arbetsbok, Arsvarde, Blad, Cell, Dokument, FARG_EJ_VALD, FARG_VALD, Installning, Kolumn, Roll, Slag,
    arslistans_kolumner, ja_nej,
};
use crate::berakning::forslag::Forslag;
use crate::berakning::vf;
use crate::fel::Avbrott;
use crate::modell::{Ar, Arsbelopp, Scenario, VfTyp};
use crate::utdata::jamfor::vf_i_scenarier;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartType, Color, Format, FormatAlign};
use std::collections::BTreeSet;

pub const JAMFORELSE: &str = "Jämförelse";
pub const RAMAR_PER_SCENARIO: &str = "Ramar per scenario";
pub const VF_PER_SCENARIO: &str = "VF per scenario";

/// The workbook of `jamfor`: Jämförelse, Ramar per scenario, VF per scenario, Antaganden.
pub fn arbetsbok(forslag: &[Forslag<'_>]) -> Result<Arbetsbok, Avbrott> {
    let Some(bas) = forslag.first() else {
        return Err(Avbrott::Annat("inga scenarier att jämföra".into()));
    };
    let m = bas.grund.modell;
    let namn: Vec<&str> = forslag.iter().map(|f| f.grund.scenario.namn.as_str()).collect();
    let dokument = Dokument {
        titel: format!("Jämförelse av scenarier {}–{} – {}", m.budgetar(), m.sista_ar(), m.kommun),
        kommun: m.kommun.clone(),
        scenario: namn.join(", "),
        skr_prognos: m.skr_prognos.clone(),
    };
    let mut bok = Arbetsbok::ny(dokument);
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

/// The first scenario column.
const FORSTA: u16 = 2;

/// The header: two columns, then one per scenario.
fn rubriker(forslag: &[Forslag<'_>], forsta: &[Kolumn]) -> Vec<Kolumn> {
    let mut k = forsta.to_vec();
    k.extend(forslag.iter().map(|f| Kolumn::ny(f.grund.scenario.namn.clone(), 18.0)));
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
        b.tal(r, 1, t.into(), Slag::Tal, Roll::Formel)?;
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
    let rub = rubriker(forslag, &[Kolumn::ny("Post", 44.0), Kolumn::ny("År", 7.0)]);
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
        if t == b_ar {
            diagram = Some((rum[0].rad, glapp[0].rad));
        }
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
        scenariorad(&mut b, "Resultat i % av skatter och bidrag", Some(t), n, Slag::Procent, |j, blad| {
            Arsvarde::Formel(format!("={}/{}", res[j].i(blad), sk[j].i(blad)), forslag[j].resultat_procent[&t])
        })?;
        let r = b.ny_rad();
        b.text(r, 0, "Balanskravet uppfyllt")?;
        b.tal(r, 1, t.into(), Slag::Tal, Roll::Formel)?;
        let hoger = Format::new().set_align(FormatAlign::Right);
        for (j, f) in forslag.iter().enumerate() {
            let formel = format!("=IF({}>=0,\"ja\",\"nej\")", res[j].a1());
            b.textformel(r, FORSTA + j as u16, &formel, ja_nej(f.balanskrav_uppfyllt()[&t]), &hoger)?;
        }
        if forslag.iter().all(|f| f.kommun.is_some()) {
            let sol = |j: usize| forslag[j].kommun.as_ref().map(|k| (&k.soliditet, &k.soliditet_inkl_pension));
            let v = |x: Option<&Arsbelopp>| varde(x.and_then(|a| a.get(&t)).copied().unwrap_or_default());
            scenariorad(&mut b, "Soliditet", Some(t), n, Slag::Procent, |j, _| v(sol(j).map(|s| s.0)))?;
            scenariorad(&mut b, "Soliditet inkl. pensionsförpliktelser", Some(t), n, Slag::Procent, |j, _| {
                v(sol(j).map(|s| s.1))
            })?;
        }
    }
    let sista = b.rad() - 1;
    b.autofilter(0, sista, sista_kol)?;
    b.tom_rad();
    b.anteckning(
        "Belopp i tkr. Grå celler är ramverks resultat för respektive scenario; glapp, summa ramar, ej fördelat, \
         resultat, resultat i % och balanskravet är formler på dem.",
    )?;
    if let Some((rum, glapp)) = diagram {
        // To the right of the table, at its top.
        let kategorier = (JAMFORELSE, 0, FORSTA, 0, sista_kol);
        let mut stapel = Chart::new(ChartType::Column);
        stapel
            .add_series()
            .set_name(&format!("Ramutrymme {b_ar}"))
            .set_categories(kategorier)
            .set_values((JAMFORELSE, rum, FORSTA, rum, sista_kol));
        let mut linje = Chart::new(ChartType::Line);
        linje
            .add_series()
            .set_name(&format!("Glapp {b_ar} (höger axel)"))
            .set_categories(kategorier)
            .set_values((JAMFORELSE, glapp, FORSTA, glapp, sista_kol))
            .set_marker(rust_xlsxwriter::ChartMarker::new().set_type(rust_xlsxwriter::ChartMarkerType::Circle))
            .set_secondary_axis(true);
        stapel.combine(&linje);
        stapel.y2_axis().set_name("Glapp, tkr").set_num_format("#,##0");
        stapel.title().set_name(&format!("Ramutrymme och glapp {b_ar} per scenario"));
        stapel.x_axis().set_name("Scenario");
        stapel.y_axis().set_name("Ramutrymme, tkr").set_num_format("#,##0").set_min(0);
        stapel.legend().set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
        stapel.set_width(720).set_height(380);
        b.ark().insert_chart(1, sista_kol + 2, &stapel)?;
    }
    Ok(b)
}

fn ramar(bok: &Arbetsbok, forslag: &[Forslag<'_>]) -> Result<Blad, Avbrott> {
    let m = forslag[0].grund.modell;
    let n = forslag.len();
    let mut rub = arslistans_kolumner();
    rub.extend(forslag.iter().map(|f| Kolumn::ny(f.grund.scenario.namn.clone(), 18.0)));
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
        "Ramar per nämnd i tkr, avrundade till hela {} tkr så att de summerar till den avrundade summan \
         (MODELL §10). Summaraderna är formler.",
        crate::tal::svensk(m.enhet_tkr, 0)
    ))?;
    Ok(b)
}

fn vf_per_scenario(bok: &Arbetsbok, forslag: &[Forslag<'_>]) -> Result<Blad, Avbrott> {
    let m = forslag[0].grund.modell;
    let n = forslag.len();
    let b_ar = m.budgetar();
    let mut rub = vf_kolumner();
    rub.push(Kolumn::tal(format!("Belopp {b_ar}")));
    rub.extend(forslag.iter().map(|f| Kolumn::ny(f.grund.scenario.namn.clone(), 18.0)));
    rub.push(Kolumn::ny("Antal scenarier", 10.0));
    rub.push(Kolumn::ny("Valda i", 36.0));
    let forsta = 6u16;
    let antal_kol = forsta + n as u16;
    let mut b = bok.nytt_blad(VF_PER_SCENARIO, &rub, 3)?;
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
        b.text(r, 0, &m.namnder[p.namnd].id)?;
        b.text(r, 1, &p.id)?;
        b.text(r, 2, &p.rubrik)?;
        b.text(r, 3, p.typ.namn())?;
        b.tal(r, 4, p.prioritet.into(), Slag::Tal, Roll::Formel)?;
        b.tal(r, 5, p.belopp.eller_noll(b_ar), Slag::Belopp, Roll::Beraknat)?;
        for (j, f) in forslag.iter().enumerate() {
            let vald = f.urval.vald[i];
            b.text_med(r, forsta + j as u16, ja_nej(vald), if vald { &ja } else { &nej })?;
        }
        let (a, z) = (
            Cell { blad: VF_PER_SCENARIO.into(), rad: r, kol: forsta },
            Cell { blad: VF_PER_SCENARIO.into(), rad: r, kol: antal_kol - 1 },
        );
        let antal = valda_i[i].1.len();
        let formel = format!("=COUNTIF({},\"ja\")", a.till(&z, VF_PER_SCENARIO));
        b.formel(r, antal_kol, &formel, antal.into(), Slag::Tal, Roll::Formel)?;
        let text = match antal {
            0 => "i inget".to_string(),
            x if x == n => "i alla".to_string(),
            _ => valda_i[i].1.join(", "),
        };
        b.text(r, antal_kol + 1, &text)?;
    }
    let sista = b.rad() - 1;
    b.autofilter(0, sista, antal_kol + 1)?;
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
    let textrad = |b: &mut Blad, etikett: &str, text: &dyn Fn(usize) -> String| -> Result<(), Avbrott> {
        let r = b.ny_rad();
        b.text(r, 0, etikett)?;
        for j in 0..n {
            b.text_med(r, FORSTA + j as u16, &text(j), &hoger)?;
        }
        Ok(())
    };
    textrad(&mut b, "Scenariofil", &|j| s(j).fil.clone().unwrap_or_else(|| "basscenariot".into()))?;
    textrad(&mut b, "Beskrivning", &|j| s(j).beskrivning.clone().unwrap_or_default())?;
    textrad(&mut b, "Fördelningsregel", &|j| forslag[j].urval.regel.namn().to_string())?;
    let indata = |v: Decimal| Arsvarde::Varde(v, Roll::Indata);
    scenariorad(&mut b, "Resultatmål", None, n, Slag::Procent, |j, _| {
        indata(forslag[j].grund.ramutrymme[&m.budgetar()].resultatmal_procent)
    })?;
    scenariorad(&mut b, "Skattesatsens förändring Δs, kr per 100 kr", None, n, Slag::Tal, |j, _| {
        indata(s(j).skattesats_forandring)
    })?;
    b.tom_rad();

    b.avsnitt("Scenariernas spakar per år (ingen förändring = 0)")?;
    let ar = m.ar();
    type Spak = fn(&Scenario) -> &Arsbelopp;
    let spakar: [(&str, Slag, Spak); 4] = [
        ("Skatteunderlagets utveckling δ, procentenheter", Slag::Procent, |s| &s.skatteunderlag),
        ("Generellt statsbidrag, kr per invånare", Slag::Tal, |s| &s.statsbidrag_kr_per_invanare),
        ("Övrig intäktsförändring, tkr", Slag::Belopp, |s| &s.intakter_tkr),
        ("Generell effektivisering, procent", Slag::Procent, |s| &s.effektivisering_procent),
    ];
    for (etikett, slag, karta) in spakar {
        for &t in &ar {
            scenariorad(&mut b, etikett, Some(t), n, slag, |j, _| indata(Scenario::ar_varde(karta(s(j)), t)))?;
        }
    }
    for &t in &ar {
        scenariorad(&mut b, "Invånare 1 november ΔP, personer", Some(t - 1), n, Slag::Antal, |j, _| {
            indata(Scenario::ar_varde(&s(j).invanare, t - 1))
        })?;
    }
    let serier: BTreeSet<&String> = forslag.iter().flat_map(|f| f.grund.scenario.index.keys()).collect();
    for serie in serier {
        for t in std::iter::once(m.basar).chain(ar.iter().copied()) {
            let etikett = format!("Index {serie}, procentenheter på SKR:s serie");
            scenariorad(&mut b, &etikett, Some(t), n, Slag::Procent, |j, _| {
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
        "Resultatmål m (modellen)",
        "procent",
        Installning::Tal(m.resultat_procent, Slag::Procent),
        Some((kalla_kol, "modell.toml [mal]")),
    )?;
    b.installning("Fördelningsregel (modellen)", "", regel, Some((kalla_kol, "modell.toml [fordelning]")))?;
    b.tom_rad();
    kallor(&mut b, m)?;
    b.anteckning(
        "Spakarna är indata i scenariofilerna (gula); varje scenario är beräknat från dem av ramverk. \
         Bas ändrar ingenting.",
    )?;
    Ok(b)
}

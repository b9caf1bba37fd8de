//! The workbook of `ramverk simulera` (MODELL §11): *Simulering* with the
//! percentiles, the probabilities and a histogram chart of the result, and
//! *VF-sannolikheter* with every VF item sorted by the probability that it is
//! selected.

use super::{Arbetsbok, Blad, Dokument, Kolumn, Kolumner, Roll, Slag};
use crate::berakning::forslag::Forslag;
use crate::berakning::simulering::{Percentiler, Simulering, Spridning};
use crate::fel::Avbrott;
use crate::tal::{fran_f64, svensk, svensk_procent};
use crate::utdata::enhet::Enhet;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartFormat, ChartSolidFill, ChartType, Color};

pub const SIMULERING: &str = "Simulering";
pub const VF_SANNOLIKHETER: &str = "VF-sannolikheter";

/// The columns of *Simulering*: the measure, the percentiles, the base value and the accuracy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Simkol {
    Matt,
    P5,
    P50,
    P95,
    Bas,
    Noggrannhet,
}

/// The columns of *VF-sannolikheter*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vfkol {
    Id,
    Namnd,
    Typ,
    Rubrik,
    Belopp,
    Sannolikhet,
    Vald,
}

pub fn arbetsbok(bas: &Forslag<'_>, s: &Simulering, sp: &Spridning, enhet: Enhet) -> Result<Arbetsbok, Avbrott> {
    let m = bas.grund.modell;
    let titel = format!("Simulering av budgetåret {} – {}", m.budgetar(), m.kommun);
    let mut bok = Arbetsbok::ny(Dokument::for_grund(titel, &bas.grund)).i(enhet);
    let sim = simulering(&bok, bas, s, sp)?;
    let vf = sannolikheter(&bok, bas, s)?;
    bok.lagg_till(sim);
    bok.lagg_till(vf);
    Ok(bok)
}

fn simulering(bok: &Arbetsbok, bas: &Forslag<'_>, s: &Simulering, sp: &Spridning) -> Result<Blad, Avbrott> {
    let m = bas.grund.modell;
    let b = m.budgetar();
    let k = Kolumner::ny()
        .med(Simkol::Matt, Kolumn::ny("Mått", 42.0))
        .med(Simkol::P5, Kolumn::tal("P5"))
        .med(Simkol::P50, Kolumn::tal("P50"))
        .med(Simkol::P95, Kolumn::tal("P95"))
        .med(Simkol::Bas, Kolumn::tal("Utan avvikelse"))
        .med(Simkol::Noggrannhet, Kolumn::tal("Noggrannhet"));
    let kol = |c: Simkol| k.kol(c);
    let mut blad = bok.nytt_blad(SIMULERING, &k.kolumner(), 1)?;
    blad.avsnitt(&format!(
        "Budgetåret {b}: {} dragningar, startvärde {}, fördelningsregel {}",
        svensk(Decimal::from(s.dragningar), 0),
        s.seed,
        s.regel
    ))?;
    let percentilrad = |blad: &mut Blad, namn: &str, p: &Percentiler, slag: Slag| -> Result<(), Avbrott> {
        let r = blad.ny_rad();
        blad.text(r, kol(Simkol::Matt), namn)?;
        for (c, v) in [(Simkol::P5, p.p5), (Simkol::P50, p.p50), (Simkol::P95, p.p95), (Simkol::Bas, p.bas)] {
            blad.tal(r, kol(c), v, slag, Roll::Beraknat)?;
        }
        // The accuracy of a percentage is in percentage points: shown with four decimals.
        let nogg = if slag == Slag::PROCENT { Slag::Procent(4) } else { slag };
        blad.tal(r, kol(Simkol::Noggrannhet), p.noggrannhet, nogg, Roll::Beraknat)?;
        Ok(())
    };
    let e = blad.enhet();
    percentilrad(&mut blad, &format!("Ramutrymme ({e})"), &s.ramutrymme, Slag::Belopp)?;
    percentilrad(&mut blad, &format!("Glapp ({e})"), &s.glapp, Slag::Belopp)?;
    percentilrad(&mut blad, "Resultat i % av skatter och bidrag", &s.resultat_procent, Slag::PROCENT)?;
    blad.anteckning(&format!(
        "P5, P50 och P95: i 5, 50 och 95 procent av dragningarna blir utfallet lägre. Noggrannheten är det största \
         felet i percentilerna ({e}; för resultatet i procentenheter)."
    ))?;
    blad.tom_rad();
    blad.avsnitt("Sannolikheter")?;
    let hundra = Decimal::ONE_HUNDRED;
    for (namn, p) in [
        ("Negativt resultat (balanskravet nås inte)", s.sannolikhet_negativt_resultat),
        ("Resultatet under målet", s.sannolikhet_under_mal),
    ] {
        let r = blad.ny_rad();
        blad.text(r, kol(Simkol::Matt), namn)?;
        blad.tal(r, kol(Simkol::P5), p * hundra, Slag::PROCENT, Roll::Beraknat)?;
    }
    blad.tom_rad();
    blad.avsnitt("Standardavvikelser som når budgetåret")?;
    for (namn, v) in [
        (format!("Invånare 1 november {} (personer)", m.basar), sp.invanare),
        (format!("Skatteunderlagets utveckling {b} (procentenheter)"), sp.skatteunderlag),
        (format!("Löneökning {b} (procentenheter)"), sp.lon),
    ] {
        let r = blad.ny_rad();
        blad.text(r, kol(Simkol::Matt), &namn)?;
        let v = fran_f64(v).unwrap_or_default();
        blad.tal(r, kol(Simkol::P5), v, Slag::tal_som([v]), Roll::Indata)?;
    }
    blad.tom_rad();
    blad.avsnitt("Fördelning av resultatet i procent av skatter och bidrag")?;
    let mal = bas.grund.ramutrymme[&b].resultatmal_procent;
    let mal_text = crate::tal::svensk_procent(mal, mal.normalize().scale().max(1));
    let rubrik = blad.ny_rad();
    // The draws of each interval in one of three columns by where its middle
    // lies: under 0 % (the balanskrav is broken), under the target, at or above it.
    let klasser = ["Negativt resultat".to_string(), format!("Under målet {mal_text}"), "Når målet".to_string()];
    let mut rubriker = vec!["Intervall".to_string(), "Från".into(), "Till".into()];
    rubriker.extend(klasser.iter().cloned());
    blad.rubrikrad(rubrik, &rubriker)?;
    let forsta = rubrik + 1;
    for (fran, till, antal) in &s.histogram {
        let r = blad.ny_rad();
        let etikett = format!("{} – {}", svensk_procent(*fran, 2), svensk_procent(*till, 2));
        blad.text(r, 0, &etikett)?;
        blad.tal(r, 1, *fran, Slag::Procent(2), Roll::Beraknat)?;
        blad.tal(r, 2, *till, Slag::Procent(2), Roll::Beraknat)?;
        let mitt = (*fran + *till) / Decimal::TWO;
        let klass = if mitt < Decimal::ZERO {
            0
        } else if mitt < mal {
            1
        } else {
            2
        };
        blad.tal(r, 3 + klass, Decimal::from(*antal), Slag::Antal, Roll::Beraknat)?;
    }
    let sista = blad.rad() - 1;
    let mut diagram = Chart::new(ChartType::ColumnStacked);
    for (i, (namn, farg)) in klasser.iter().zip([0xC0504D, 0xF2C314, 0x70AD47]).enumerate() {
        let k = 3 + i as u16;
        diagram
            .add_series()
            .set_name(namn)
            .set_categories((SIMULERING, forsta, 0, sista, 0))
            .set_values((SIMULERING, forsta, k, sista, k))
            .set_gap(10)
            .set_overlap(100)
            .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(farg))));
    }
    diagram.title().set_name(&format!("Resultat {b} i % av skatter och bidrag"));
    diagram.x_axis().set_name("Resultat i % av skatter och bidrag");
    diagram.y_axis().set_name("Antal dragningar").set_num_format("#,##0");
    diagram.legend().set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    diagram.set_width(720).set_height(420);
    blad.ark().insert_chart(rubrik, 7, &diagram)?;
    blad.tom_rad();
    blad.anteckning(&format!(
        "Röda staplar: balanskravet nås inte (negativt resultat). Gula: resultatet är positivt men under \
         resultatmålet {mal_text}. Gröna: målet nås."
    ))?;
    Ok(blad)
}

fn sannolikheter(bok: &Arbetsbok, bas: &Forslag<'_>, s: &Simulering) -> Result<Blad, Avbrott> {
    let m = bas.grund.modell;
    let b = m.budgetar();
    let k = Kolumner::ny()
        .med(Vfkol::Id, Kolumn::ny("Id", 10.0))
        .med(Vfkol::Namnd, Kolumn::ny("Nämnd", 10.0))
        .med(Vfkol::Typ, Kolumn::ny("Typ", 12.0))
        .med(Vfkol::Rubrik, Kolumn::ny("Rubrik", 48.0))
        .med(Vfkol::Belopp, Kolumn::tal(format!("Belopp {b}")))
        .med(Vfkol::Sannolikhet, Kolumn::tal("Sannolikhet"))
        .med(Vfkol::Vald, Kolumn::ny("Vald utan avvikelse", 12.0));
    let kol = |c: Vfkol| k.kol(c);
    let mut blad = bok.nytt_blad(VF_SANNOLIKHETER, &k.kolumner(), 1)?;
    let mut ordning: Vec<usize> = (0..m.vf.len()).collect();
    ordning.sort_by(|&x, &y| s.vf[y].cmp(&s.vf[x]).then(x.cmp(&y)));
    for i in ordning {
        let p = &m.vf[i];
        let r = blad.ny_rad();
        blad.text(r, kol(Vfkol::Id), &p.id)?;
        blad.text(r, kol(Vfkol::Namnd), &m.namnder[p.namnd].id)?;
        blad.text(r, kol(Vfkol::Typ), p.typ.namn())?;
        blad.text(r, kol(Vfkol::Rubrik), &p.rubrik)?;
        blad.tal(r, kol(Vfkol::Belopp), p.belopp.eller_noll(b), Slag::Belopp, Roll::Indata)?;
        blad.tal(r, kol(Vfkol::Sannolikhet), s.vf[i] * Decimal::ONE_HUNDRED, Slag::PROCENT, Roll::Beraknat)?;
        blad.text(r, kol(Vfkol::Vald), super::ja_nej(bas.urval.vald[i]))?;
    }
    let sista = blad.rad() - 1;
    if sista > 0 {
        blad.autofilter(0, sista, k.sista())?;
    }
    Ok(blad)
}

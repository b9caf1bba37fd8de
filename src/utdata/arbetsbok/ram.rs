//! The workbook of `ramverk ram` (MODELL §1–3, §8, §10): the sheets
//! *Procentuell ram*, *Intäkter* and *Antaganden*.
//!
//! Every figure an economist needs to audit the frame is in it: the inputs
//! (yellow), and each step from them as a live formula with ramverk's exact
//! result stored. Totals refer across sheets: the ramutrymme on *Procentuell
//! ram* uses S(t) from *Intäkter* and PK(t), C(t) and m from *Antaganden*.

use super::{
    Arbetsbok, Arsceller, Arskolumner, Arsvarde, Blad, Cell, Dokument, Installning, Kolumn, Roll, Slag, arsrubrik,
};
use crate::berakning::intakter::{FORANDRAT_STATSBIDRAG, OVRIG_INTAKTSFORANDRING};
use crate::fel::Avbrott;
use crate::modell::{Ar, Intaktstyp, Pensionstyp, Scenario};
use crate::tal::svensk;
use crate::utdata::ram::Januariram;
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
        serieuttryck(&self.serier, &self.index, serie, t, fran)
    }
}

/// See [`Antaganden::serie`].
fn serieuttryck(
    serier: &BTreeMap<String, Arsceller>,
    index: &BTreeMap<String, Arsceller>,
    serie: &str,
    t: Ar,
    fran: &str,
) -> Option<String> {
    let v = serier.get(serie)?.get(&t)?.i(fran);
    Some(match index.get(serie).and_then(|k| k.get(&t)) {
        Some(d) => format!("({v}+{})", d.i(fran)),
        None => v,
    })
}

fn antaganden(bok: &Arbetsbok, j: &Januariram<'_>) -> Result<(Blad, Antaganden), Avbrott> {
    let g = &j.grund;
    let m = g.modell;
    let s = g.scenario;
    let ar = m.ar();
    let kol = Arskolumner::ny(3, ar.clone());
    let kalla_kol = kol.sista() + 1;
    let mut rubriker = vec![Kolumn::ny("Uppgift", 58.0), Kolumn::ny("Typ / enhet", 30.0), Kolumn::tal("Värde")];
    rubriker.extend(ar.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    rubriker.push(Kolumn::ny("Källa", 34.0));
    let mut b = bok.nytt_blad(ANTAGANDEN, &rubriker, 1)?;
    let budget = &g.ramutrymme[&m.budgetar()];
    let scenariokalla = s.fil.clone().unwrap_or_else(|| "basscenariot: inga förändringar".to_string());

    // Settings of the model and the scenario.
    b.avsnitt("Modell och scenario")?;
    let installning = |b: &mut Blad, etikett: &str, typ: &str, varde: Installning<'_>, kalla: &str| {
        b.installning(etikett, typ, varde, Some((kalla_kol, kalla)))
    };
    installning(&mut b, "Kommun", "", Installning::Text(&m.kommun), "modell.toml [kommun]")?;
    if let Some(kod) = &m.kommunkod {
        installning(&mut b, "Kommunkod", "", Installning::Text(kod), "modell.toml [kommun]")?;
    }
    installning(
        &mut b,
        "Basår t0 (året för ramarna)",
        "år",
        Installning::Tal(m.basar.into(), Slag::Tal),
        "modell.toml [period]",
    )?;
    installning(&mut b, "Budgetår", "år", Installning::Tal(m.budgetar().into(), Slag::Tal), "modell.toml [period]")?;
    installning(
        &mut b,
        "Antal år (budgetår och planår)",
        "år",
        Installning::Tal(m.antal_ar.into(), Slag::Tal),
        "modell.toml [period]",
    )?;
    installning(&mut b, "SKR-prognos", "", Installning::Text(&m.skr_prognos), "modell.toml [skr]")?;
    installning(&mut b, "Scenario", "", Installning::Text(&s.namn), &scenariokalla)?;
    if let Some(text) = &s.beskrivning {
        installning(&mut b, "Scenariots beskrivning", "", Installning::Text(text), &scenariokalla)?;
    }
    let skattesats = installning(
        &mut b,
        "Skattesats s0",
        "kr per 100 kr",
        Installning::Tal(m.skattesats, Slag::Tal),
        "modell.toml [skatt]",
    )?;
    let skattesats_forandring = installning(
        &mut b,
        "Skattesatsens förändring Δs (scenario)",
        "kr per 100 kr",
        Installning::Tal(s.skattesats_forandring, Slag::Tal),
        &scenariokalla,
    )?;
    let loneskatt = installning(
        &mut b,
        "Särskild löneskatt på pensioner",
        "procent",
        Installning::Tal(m.loneskatt_procent, Slag::Procent),
        "modell.toml [skatt]",
    )?;
    let mal_kalla = if s.resultat_procent.is_some() { scenariokalla.as_str() } else { "modell.toml [mal]" };
    let resultatmal = installning(
        &mut b,
        "Resultatmål m",
        "procent av skatter och bidrag",
        Installning::Tal(budget.resultatmal_procent, Slag::Procent),
        mal_kalla,
    )?;
    installning(
        &mut b,
        "Avrundningsenhet för ramarna",
        "tkr",
        Installning::Tal(m.enhet_tkr, Slag::Tal),
        "modell.toml [avrundning]",
    )?;
    let regel = s.fordelning.unwrap_or(m.fordelning);
    installning(
        &mut b,
        "Fördelningsregel (används från maj)",
        "",
        Installning::Text(regel.namn()),
        "modell.toml [fordelning]",
    )?;
    let i_ram = m.kapital.kapitalkostnad_i_ram;
    installning(
        &mut b,
        "Kapitalkostnad i nämndernas ramar",
        "",
        Installning::Text(if i_ram { "ja" } else { "nej" }),
        "modell.toml [investeringar]",
    )?;
    let laneranta = match m.kapital.laneranta {
        Some(r) => Some(installning(
            &mut b,
            "Låneränta",
            "procent",
            Installning::Tal(r, Slag::Procent),
            "modell.toml [investeringar]",
        )?),
        None => None,
    };
    let lanefinansiering = installning(
        &mut b,
        "Lånefinansierad andel av investeringarna",
        "procent",
        Installning::Tal(m.kapital.lanefinansiering_procent, Slag::Procent),
        "modell.toml [investeringar]",
    )?;
    b.tom_rad();

    // SKR's series.
    b.avsnitt("SKR:s prognos")?;
    let skr_kalla = m.kalla("skr");
    let mut serier = BTreeMap::new();
    for (serie, rad) in &m.skr {
        let typ =
            if matches!(serie.as_str(), "po" | "internranta") { "nivå, procent" } else { "förändring, procent" };
        let celler =
            b.arsrad(&kol, serie, typ, Some((kalla_kol, &skr_kalla)), Slag::Procent, |t, _| match rad.get(t) {
                Some(v) => Arsvarde::Varde(v, Roll::Indata),
                None => Arsvarde::Tom,
            })?;
        serier.insert(serie.clone(), celler);
    }
    b.tom_rad();

    // The scenario's levers.
    b.avsnitt(&format!("Scenariots förändringar: {}", s.namn))?;
    let lever = Some((kalla_kol, scenariokalla.as_str()));
    let varde = |k: &crate::modell::Arsbelopp, ar: Ar| Arsvarde::Varde(Scenario::ar_varde(k, ar), Roll::Indata);
    let skatteunderlag =
        b.arsrad(&kol, "Skatteunderlagets utveckling δ", "procentenheter", lever, Slag::Procent, |t, _| {
            varde(&s.skatteunderlag, t)
        })?;
    let invanare_delta = b.arsrad(
        &kol,
        "Invånare 1 november året före ΔP",
        "personer (scenariots år = året före)",
        lever,
        Slag::Antal,
        |t, _| varde(&s.invanare, t - 1),
    )?;
    let statsbidrag = b.arsrad(&kol, "Generellt statsbidrag", "kr per invånare", lever, Slag::Tal, |t, _| {
        varde(&s.statsbidrag_kr_per_invanare, t)
    })?;
    let ovriga_intakter =
        b.arsrad(&kol, "Övrig intäktsförändring", "tkr", lever, Slag::Belopp, |t, _| varde(&s.intakter_tkr, t))?;
    let mut index = BTreeMap::new();
    for (serie, k) in &s.index {
        let celler = b.arsrad(
            &kol,
            &format!("Index {serie}"),
            "procentenheter på SKR:s serie",
            lever,
            Slag::Procent,
            |t, _| varde(k, t),
        )?;
        index.insert(serie.clone(), celler);
    }
    b.arsrad(&kol, "Generell effektivisering (används från maj)", "procent", lever, Slag::Procent, |t, _| {
        varde(&s.effektivisering_procent, t)
    })?;
    b.tom_rad();

    // Population.
    b.avsnitt("Befolkning: invånare 1 november året före intäktsåret")?;
    let egen = ar.iter().all(|t| m.invanare_1_november.contains_key(&(t - 1)));
    let interpolerad = ar.iter().all(|t| !m.invanare_1_november.contains_key(&(t - 1)));
    let bef_kalla = format!("{}, (2·N(t−2) + 10·N(t−1)) / 12 avrundat", m.kalla("befolkning"));
    let p_kalla = if egen {
        "modell.toml [befolkning]".to_string()
    } else if interpolerad {
        bef_kalla
    } else {
        format!("modell.toml [befolkning], annars {bef_kalla}")
    };
    let p = b.arsrad(&kol, "Egen prognos P(t)", "personer", Some((kalla_kol, &p_kalla)), Slag::Antal, |t, _| {
        let roll = if m.invanare_1_november.contains_key(&(t - 1)) { Roll::Indata } else { Roll::Beraknat };
        Arsvarde::Varde(g.intakter[&t].invanare - Scenario::ar_varde(&s.invanare, t - 1), roll)
    })?;
    let invanare =
        b.arsrad(&kol, "Invånare för intäkterna P'(t) = P(t) + ΔP", "personer", None, Slag::Antal, |t, blad| {
            Arsvarde::Formel(format!("={}+{}", p[&t].i(blad), invanare_delta[&t].i(blad)), g.intakter[&t].invanare)
        })?;
    let sob_kalla = m.kalla("skatter_och_bidrag");
    let invanare_skr =
        b.arsrad(&kol, "SKR:s antagande Pskr(t)", "personer", Some((kalla_kol, &sob_kalla)), Slag::Antal, |t, _| {
            Arsvarde::Varde(g.intakter[&t].invanare_skr, Roll::Indata)
        })?;
    b.tom_rad();

    // Pension.
    b.avsnitt("Pensionsprognos (tkr utan löneskatt; ansvarsförbindelsen inklusive löneskatt)")?;
    let pension_kalla = m.kalla("pension");
    let mut pensionsrader = Vec::new();
    for p in &m.pension {
        let celler =
            b.arsrad(&kol, &p.post, p.typ.namn(), Some((kalla_kol, &pension_kalla)), Slag::Belopp, |t, _| {
                match p.belopp.get(t) {
                    Some(v) => Arsvarde::Varde(v, Roll::Indata),
                    None => Arsvarde::Tom,
                }
            })?;
        pensionsrader.push(celler);
    }
    if m.pension.is_empty() {
        b.anteckning("Ingen pensionsprognos i modellen.")?;
    }
    b.tom_rad();
    b.avsnitt("Pensionskostnader i ramutrymmet (tkr): kostnad och finansiell × (1 + löneskatt), i_ramar dras av")?;
    let mut pk_rader = Vec::new();
    let i_pk = m.pension.iter().zip(&pensionsrader).filter(|(p, _)| p.typ != Pensionstyp::Ansvarsforbindelse);
    for (i, (p, in_celler)) in i_pk.enumerate() {
        let celler = b.arsrad(&kol, &p.post, p.typ.namn(), None, Slag::Belopp, |t, blad| {
            let v = g.ramutrymme[&t].pensionsposter[i].belopp;
            match in_celler.get(&t) {
                Some(c) if matches!(p.typ, Pensionstyp::Kostnad | Pensionstyp::Finansiell) => {
                    Arsvarde::Formel(format!("={}*(1+{})", c.i(blad), loneskatt.abs_i(blad)), v)
                }
                Some(c) => Arsvarde::Formel(format!("=-{}", c.i(blad)), v),
                None => Arsvarde::Varde(v, Roll::Beraknat),
            }
        })?;
        pk_rader.push(celler);
    }
    let pension = b.summarad(&kol, "Pensionskostnader PK(t)", &pk_rader, |t| g.ramutrymme[&t].pension)?;
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
            b.text(r, 1, &format!("{namnd}, aktiveras {}, {} år", inv.aktiveringsar, inv.avskrivningstid))?;
            b.tal(r, 2, inv.belopp, Slag::Belopp, Roll::Indata)?;
            b.text(r, kalla_kol, &inv_kalla)?;
        }
        b.tom_rad();
        let kap = &g.kapital.investeringar;
        let namn = |i: usize| format!("{} {}", m.investeringar[i].id, m.investeringar[i].projekt);
        b.avsnitt("Avskrivning (tkr): belopp / avskrivningstid, från året efter aktiveringen")?;
        for (i, k) in kap.iter().enumerate() {
            avskrivningar.push(b.arsrad(&kol, &namn(i), "", None, Slag::Belopp, |t, _| {
                Arsvarde::Varde(k[&t].avskrivning, Roll::Beraknat)
            })?);
        }
        b.tom_rad();
        b.avsnitt("Bokfört värde vid årets början (tkr)")?;
        let mut bokfort = Vec::new();
        for (i, k) in kap.iter().enumerate() {
            bokfort.push(b.arsrad(&kol, &namn(i), "", None, Slag::Belopp, |t, _| {
                Arsvarde::Varde(k[&t].bokfort_varde, Roll::Beraknat)
            })?);
        }
        if i_ram {
            b.tom_rad();
            b.avsnitt("Internränta (tkr) = bokfört värde × internränta (SKR)")?;
            for (i, bv) in bokfort.iter().enumerate() {
                internrantor.push(b.arsrad(&kol, &namn(i), "", None, Slag::Belopp, |t, blad| {
                    let v = kap[i][&t].internranta;
                    let ranta = serieuttryck(&serier, &index, "internranta", t, blad);
                    match ranta {
                        Some(r) => Arsvarde::Formel(format!("={}*{r}", bv[&t].i(blad)), v),
                        None => Arsvarde::Varde(v, Roll::Beraknat),
                    }
                })?);
            }
        }
        if let Some(lr) = &laneranta {
            b.tom_rad();
            b.avsnitt("Räntekostnad för lån (tkr) = bokfört värde × lånefinansierad andel × låneränta")?;
            for (i, bv) in bokfort.iter().enumerate() {
                externa_rantor.push(b.arsrad(&kol, &namn(i), "", None, Slag::Belopp, |t, blad| {
                    let f = format!("={}*{}*{}", bv[&t].i(blad), lanefinansiering.abs_i(blad), lr.abs_i(blad));
                    Arsvarde::Formel(f, kap[i][&t].extern_ranta)
                })?);
            }
        }
        b.tom_rad();
    }

    // Central items, with the investment terms.
    b.avsnitt("Centrala poster (tkr, + kostnad, − intäkt)")?;
    let central_kalla = m.kalla("centrala_poster");
    let mut c_rader = Vec::new();
    for p in &m.centrala_poster {
        c_rader.push(b.arsrad(
            &kol,
            &p.post,
            p.typ.namn(),
            Some((kalla_kol, &central_kalla)),
            Slag::Belopp,
            |t, _| match p.belopp.get(t) {
                Some(v) => Arsvarde::Varde(v, Roll::Indata),
                None => Arsvarde::Tom,
            },
        )?);
    }
    let forsta_term = m.centrala_poster.len();
    for (i, (namn, belopp)) in g.kapital.centralt.iter().enumerate() {
        let typ = g.ramutrymme[&m.budgetar()].centrala.get(forsta_term + i).map(|p| p.typ).unwrap_or("");
        let (tecken, rader) = match namn.as_str() {
            "Internränta från nämnderna" => ("-", &internrantor),
            "Avskrivningar" => ("", &avskrivningar),
            "Räntekostnad för lån" => ("", &externa_rantor),
            _ => ("", &Vec::new()),
        };
        let rader = rader.clone();
        c_rader.push(b.arsrad(
            &kol,
            namn,
            typ,
            Some((kalla_kol, "investeringarna ovan")),
            Slag::Belopp,
            |t, blad| {
                let v = belopp[&t];
                match (rader.first().and_then(|r| r.get(&t)), rader.last().and_then(|r| r.get(&t))) {
                    (Some(a), Some(z)) => Arsvarde::Formel(format!("={tecken}SUM({})", a.till(z, blad)), v),
                    _ => Arsvarde::Varde(v, Roll::Beraknat),
                }
            },
        )?);
    }
    let centrala = b.summarad(&kol, "Centrala poster C(t)", &c_rader, |t| g.ramutrymme[&t].centrala_poster)?;
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

fn intakter(bok: &Arbetsbok, j: &Januariram<'_>, a: &Antaganden) -> Result<(Blad, Arsceller), Avbrott> {
    let g = &j.grund;
    let m = g.modell;
    let ar = m.ar();
    let kol = Arskolumner::ny(2, ar.clone());
    let mut rubriker = vec![Kolumn::ny("Post", 58.0), Kolumn::ny("Typ", 18.0)];
    rubriker.extend(ar.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    let mut b = bok.nytt_blad(INTAKTER, &rubriker, 1)?;
    let i = |t: Ar| &g.intakter[&t];

    b.avsnitt("Faktorer")?;
    let p = b.arsrad(&kol, "Invånare 1 november året före P'(t)", "personer", None, Slag::Antal, |t, blad| {
        Arsvarde::Formel(format!("={}", a.invanare[&t].i(blad)), i(t).invanare)
    })?;
    let pskr = b.arsrad(&kol, "SKR:s antagande Pskr(t)", "personer", None, Slag::Antal, |t, blad| {
        Arsvarde::Formel(format!("={}", a.invanare_skr[&t].i(blad)), i(t).invanare_skr)
    })?;
    let r =
        b.arsrad(&kol, "Skalning per invånare r(t) = P'(t) / Pskr(t)", "faktor", None, Slag::Faktor, |t, blad| {
            if i(t).invanare_skr.is_zero() {
                Arsvarde::Varde(i(t).skalning, Roll::Beraknat)
            } else {
                Arsvarde::Formel(format!("={}/{}", p[&t].i(blad), pskr[&t].i(blad)), i(t).skalning)
            }
        })?;
    // L(t) chains on the year before: its cell is on the row about to be written.
    let l_rad = b.rad();
    let mut foregaende: Option<Ar> = None;
    let l = b.arsrad(
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
                        Some(f) => Arsvarde::Formel(
                            format!("={}*{kvot}", Cell { blad: blad.to_string(), rad: l_rad, kol: kol.kol(f) }.a1()),
                            niva,
                        ),
                        None => Arsvarde::Formel(format!("={kvot}"), niva),
                    }
                }
                None => Arsvarde::Varde(niva, Roll::Beraknat),
            };
            foregaende = Some(t);
            post
        },
    )?;
    let tau = b.arsrad(&kol, "Skattesatsfaktor τ = (s0 + Δs) / s0", "faktor", None, Slag::Faktor, |t, blad| {
        let s0 = a.skattesats.abs_i(blad);
        Arsvarde::Formel(format!("=({s0}+{})/{s0}", a.skattesats_forandring.abs_i(blad)), i(t).skattesatsfaktor)
    })?;
    b.tom_rad();

    b.avsnitt("SKR:s belopp enligt Skatter & bidrag (tkr)")?;
    let sob_kalla = m.kalla("skatter_och_bidrag");
    b.anteckning(&format!("Källa: {sob_kalla}"))?;
    let mut skr = Vec::new();
    for post in &m.intaktsposter {
        skr.push(b.arsrad(&kol, &post.post, post.typ.namn(), None, Slag::Belopp, |t, _| {
            Arsvarde::Varde(post.belopp.get(t).unwrap_or_default(), Roll::Indata)
        })?);
    }
    b.tom_rad();

    b.avsnitt("Kommunens belopp (tkr): skatt A·r·L·τ, inkomstutjämning A·r·L, per invånare A·r, fast A")?;
    let mut rader = Vec::new();
    for (n, post) in m.intaktsposter.iter().enumerate() {
        rader.push(b.arsrad(&kol, &post.post, post.typ.namn(), None, Slag::Belopp, |t, blad| {
            let belopp = i(t).poster[n].belopp;
            let (ac, rc, lc, tc) = (skr[n][&t].i(blad), r[&t].i(blad), l[&t].i(blad), tau[&t].i(blad));
            let f = match post.typ {
                Intaktstyp::Skatt => format!("={ac}*{rc}*{lc}*{tc}"),
                Intaktstyp::Inkomstutjamning => format!("={ac}*{rc}*{lc}"),
                Intaktstyp::PerInvanare => format!("={ac}*{rc}"),
                Intaktstyp::Fast => format!("={ac}"),
            };
            Arsvarde::Formel(f, belopp)
        })?);
    }
    let scenarioposter: Vec<&str> = ar
        .first()
        .map(|&t| i(t).poster[m.intaktsposter.len()..].iter().map(|p| p.post.as_str()).collect())
        .unwrap_or_default();
    for (k, namn) in scenarioposter.iter().enumerate() {
        let n = m.intaktsposter.len() + k;
        rader.push(b.arsrad(&kol, namn, "scenario", None, Slag::Belopp, |t, blad| {
            let belopp = i(t).poster[n].belopp;
            match *namn {
                FORANDRAT_STATSBIDRAG => {
                    Arsvarde::Formel(format!("={}*{}/1000", a.statsbidrag[&t].i(blad), p[&t].i(blad)), belopp)
                }
                OVRIG_INTAKTSFORANDRING => Arsvarde::Formel(format!("={}", a.ovriga_intakter[&t].i(blad)), belopp),
                _ => Arsvarde::Varde(belopp, Roll::Beraknat),
            }
        })?);
    }
    let summa = b.summarad(&kol, "Skatter och generella statsbidrag S(t)", &rader, |t| i(t).summa)?;
    Ok((b, summa))
}

fn procentuell_ram(bok: &Arbetsbok, j: &Januariram<'_>, a: &Antaganden, s: &Arsceller) -> Result<Blad, Avbrott> {
    let g = &j.grund;
    let m = g.modell;
    let ar = m.ar();
    let alla: Vec<Ar> = std::iter::once(m.basar).chain(ar.iter().copied()).collect();
    let kol = Arskolumner::ny(2, alla.clone());
    let plan = Arskolumner::ny(3, ar.clone());
    let mut rubriker = vec![Kolumn::ny("Post", 40.0), Kolumn::ny("Beräkning", 58.0)];
    rubriker.extend(alla.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    let mut b = bok.nytt_blad(PROCENTUELL_RAM, &rubriker, 1)?;
    let u = |t: Ar| &g.ramutrymme[&t];
    let r0 = m.basram();
    let ref_till = |celler: &Arsceller, t: Ar, blad: &str| format!("={}", celler[&t].i(blad));

    let sk = b.arsrad(
        &plan,
        "Skatter och generella statsbidrag",
        "S(t), bladet Intäkter",
        None,
        Slag::Belopp,
        |t, blad| Arsvarde::Formel(ref_till(s, t, blad), u(t).skatter_och_bidrag),
    )?;
    let pk = b.arsrad(
        &plan,
        "Pensionskostnader inklusive löneskatt",
        "PK(t), bladet Antaganden",
        None,
        Slag::Belopp,
        |t, blad| Arsvarde::Formel(ref_till(&a.pension, t, blad), u(t).pension),
    )?;
    let c = b.arsrad(&plan, "Centrala poster", "C(t), bladet Antaganden", None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(ref_till(&a.centrala, t, blad), u(t).centrala_poster)
    })?;
    let mal = u(m.budgetar()).resultatmal_procent;
    let forklaring = format!("M(t) = S(t) · m, m = {} % (bladet Antaganden)", svensk(mal, 1));
    let mc = b.arsrad(&plan, "Resultatmål", &forklaring, None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(format!("={}*{}", sk[&t].i(blad), a.resultatmal.abs_i(blad)), u(t).resultatmal)
    })?;
    // U(t0) := R0 is written below, when the cell with the sum of the frames is known.
    let u0 = Cell { blad: PROCENTUELL_RAM.to_string(), rad: b.rad(), kol: kol.kol(m.basar) };
    let uc = b.arsrad(
        &plan,
        "Ramutrymme",
        "U(t) = S(t) − PK(t) − C(t) − M(t); basår: R0 = summan av ramarna",
        None,
        Slag::Belopp,
        |t, blad| {
            let f = format!("={}-{}-{}-{}", sk[&t].i(blad), pk[&t].i(blad), c[&t].i(blad), mc[&t].i(blad));
            Arsvarde::Summa(f, u(t).ramutrymme)
        },
    )?;
    let u_cell = |t: Ar| {
        if t == m.basar { u0.clone() } else { uc[&t].clone() }
    };
    b.arsrad(
        &plan,
        "Förändring mot året före",
        "procent(t) = U(t) / U(t−1) − 1",
        None,
        Slag::Procent,
        |t, blad| Arsvarde::Formel(format!("={}/{}-1", u_cell(t).i(blad), u_cell(t - 1).i(blad)), j.ram.procent[&t]),
    )?;
    let k_rad = b.rad();
    let ku =
        b.arsrad(&kol, "Kostnadsutveckling (PKV)", "R0 · Π(1 + pkv); basår: R0", None, Slag::Belopp, |t, blad| {
            if t == m.basar {
                return Arsvarde::Formel(format!("={}", u0.i(blad)), r0);
            }
            let v = j.ram.kostnadsutveckling[&t];
            match a.serie("pkv", t, blad) {
                Some(pkv) => {
                    let forra = Cell { blad: blad.to_string(), rad: k_rad, kol: kol.kol(t - 1) };
                    Arsvarde::Formel(format!("={}*(1+{pkv})", forra.a1()), v)
                }
                None => Arsvarde::Varde(v, Roll::Beraknat),
            }
        })?;
    b.arsrad(&plan, "Differens", "U(t) − kostnadsutveckling(t)", None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(format!("={}-{}", uc[&t].i(blad), ku[&t].i(blad)), j.ram.differens[&t])
    })?;
    b.tom_rad();

    // The frames per nämnd, exact and live.
    let namnrubriker = |alla: &[Ar]| -> Vec<String> {
        ["Nämnd".to_string(), "Namn".to_string()].into_iter().chain(alla.iter().map(|t| format!("Ram {t}"))).collect()
    };
    b.avsnitt(&format!("Procentuell ram per nämnd (tkr, exakt): ram(n,t) = ram(n,{}) · U(t) / R0", m.basar))?;
    let rubrikrad = b.ny_rad();
    b.rubrikrad(rubrikrad, &namnrubriker(&alla))?;
    let forsta = b.rad();
    let n = m.namnder.len() as u32;
    let r0_cell = Cell { blad: PROCENTUELL_RAM.to_string(), rad: forsta + n, kol: kol.kol(m.basar) };
    let mut basramar = Vec::new();
    let mut ramar = Vec::new();
    for (i, namnd) in m.namnder.iter().enumerate() {
        let r = b.ny_rad();
        b.text(r, 0, &namnd.id)?;
        b.text(r, 1, &namnd.namn)?;
        let bas = b.tal(r, kol.kol(m.basar), namnd.ram, Slag::Belopp, Roll::Indata)?;
        let mut rad = Arsceller::new();
        for &t in &ar {
            let f = format!("={}*{}/{}", bas.fast_kol(), uc[&t].fast_rad(), r0_cell.absolut());
            rad.insert(t, b.formel(r, plan.kol(t), &f, j.ram.ramar[i][&t], Slag::Belopp, Roll::Formel)?);
        }
        basramar.push(bas);
        ramar.push(rad);
    }
    let sista_namnd = b.rad().saturating_sub(1);
    let r = b.ny_rad();
    b.text_med(r, 0, "Summa", &rust_xlsxwriter::Format::new().set_bold())?;
    b.summa(r, kol.kol(m.basar), basramar.first().zip(basramar.last()), r0, Slag::Belopp)?;
    for &t in &ar {
        let omr = ramar.first().zip(ramar.last()).map(|(x, y)| (&x[&t], &y[&t]));
        b.summa(r, plan.kol(t), omr, j.ram.ramar.iter().map(|k| k[&t]).sum(), Slag::Belopp)?;
    }
    b.autofilter(rubrikrad, sista_namnd, kol.sista())?;
    b.formel(u0.rad, u0.kol, &format!("={}", r0_cell.a1()), r0, Slag::Belopp, Roll::Summa)?;
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
        let bas =
            b.formel(r, kol.kol(m.basar), &format!("={}", basramar[i].a1()), namnd.ram, Slag::Belopp, Roll::Formel)?;
        let mut rad = Arsceller::new();
        for &t in &ar {
            rad.insert(t, b.tal(r, plan.kol(t), j.ram.ramar_avrundade[i][&t], Slag::Belopp, Roll::Beraknat)?);
        }
        if forsta_rad.is_none() {
            forsta_rad = Some((bas.clone(), rad.clone()));
        }
        sista_rad = Some((bas, rad));
    }
    let r = b.ny_rad();
    b.text_med(r, 0, "Summa", &rust_xlsxwriter::Format::new().set_bold())?;
    let par = forsta_rad.as_ref().zip(sista_rad.as_ref());
    b.summa(r, kol.kol(m.basar), par.map(|(x, y)| (&x.0, &y.0)), r0, Slag::Belopp)?;
    for &t in &ar {
        let summa = j.ram.ramar_avrundade.iter().map(|k| k[&t]).sum();
        b.summa(r, plan.kol(t), par.map(|(x, y)| (&x.1[&t], &y.1[&t])), summa, Slag::Belopp)?;
    }
    b.tom_rad();
    b.anteckning(
        "Belopp i tkr. Gula celler är indata, vita är formler som räknas om när indata ändras, \
         grå är beräknade av ramverk och räknas inte om (de avrundade ramarna fördelas efter största rest).",
    )?;
    Ok(b)
}

//! The sheet *Antaganden*, shared by the workbooks of `ram`, `befintlig` and
//! `forslag`: the settings of the model and the scenario, SKR's series, the
//! scenario's levers, the population, the pension forecast, the investments
//! with their capital costs (MODELL §8), the central items and the sources.
//! `befintlig` and `forslag` add a basår column, the cumulative index factors
//! of §4 and the kända förändringar; `forslag` the opening balance of §9.
//!
//! It is written in two steps around the investments, because `forslag` puts
//! them on a sheet of their own (*Investeringar*) that refers to the interest
//! rates here while the central items here refer to it: [`borja`], then
//! [`investeringar`] on whichever sheet, then [`avsluta`]. [`antaganden`] does
//! all three on one sheet.

use super::{
    Arbetsbok, Arsceller, Arskolumner, Arsvarde, Blad, Cell, Installning, Kolumn, Roll, Slag, arsrubrik,
    teckenforklaring,
};
use crate::berakning::Grund;
use crate::berakning::befintlig::Befintlig;
use crate::fel::Avbrott;
use crate::modell::{Ar, Arsbelopp, Balans, Fordelning, Modell, Pensionstyp, Scenario};
use crate::utdata::etiketter;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub const ANTAGANDEN: &str = "Antaganden";

/// What a report shows on Antaganden beyond what `ram` shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Val<'a> {
    /// The rule the proposal used (`forslag`); `None`: the rule in force,
    /// noted as used from May (`ram`).
    pub regel: Option<Fordelning>,
    /// MODELL §4 (`befintlig`, `forslag`): a basår column, the cumulative
    /// index factors and the kända förändringar.
    pub befintlig: Option<&'a Befintlig>,
    /// MODELL §9 (`forslag`): the opening balance of the kommun and the koncern.
    pub balans: bool,
}

/// The cumulative factors of §4, per year from basår (= 1).
#[derive(Debug, Clone, Default)]
pub struct Faktorceller {
    pub lon: Arsceller,
    pub lokaler: Arsceller,
    pub ovrigt: Arsceller,
    pub intakter: Arsceller,
    pub pkv: Arsceller,
}

/// The opening balance at the end of basår (inputs).
#[derive(Debug, Clone)]
pub struct Balansceller {
    pub eget_kapital: Cell,
    pub totala_tillgangar: Cell,
    pub ansvarsforbindelse: Cell,
}

/// The cells of *Antaganden* that other sheets refer to.
#[derive(Debug, Clone)]
pub struct Antaganden {
    /// The plan years' columns, and the columns with basår (the same without §4).
    pub kol: Arskolumner,
    pub alla: Arskolumner,
    pub kalla_kol: u16,
    pub skattesats: Cell,
    pub skattesats_forandring: Cell,
    pub resultatmal: Cell,
    pub lanefinansiering: Cell,
    pub laneranta: Option<Cell>,
    /// SKR's series as read, and the scenario's percentage points on them.
    pub serier: BTreeMap<String, Arsceller>,
    pub index: BTreeMap<String, Arsceller>,
    /// δ(t): the scenario's points on the skatteunderlag growth.
    pub skatteunderlag: Arsceller,
    pub statsbidrag: Arsceller,
    pub ovriga_intakter: Arsceller,
    /// eff(t): the general efficiency demand in percent.
    pub effektivisering: Arsceller,
    /// P'(t) and Pskr(t).
    pub invanare: Arsceller,
    pub invanare_skr: Arsceller,
    /// The pension forecast as read, per row of the table.
    pub pensionsrader: Vec<Arsceller>,
    /// PK(t)'s rows by the type of the pension post, and PK(t).
    pub pk_rader: Vec<(&'static str, Arsceller)>,
    pub pension: Arsceller,
    pub faktorer: Option<Faktorceller>,
    /// Per kand förändring (in table order), its level per year.
    pub kanda: Vec<Arsceller>,
    /// C(t)'s rows by type (`verksamhet`, `finans`), and C(t).
    pub c_rader: Vec<(&'static str, Arsceller)>,
    pub centrala: Arsceller,
    pub balans: Option<Balansceller>,
    /// The koncern's opening balance and the companies' result per year.
    pub koncern: Option<(Balansceller, Arsceller)>,
}

impl Antaganden {
    /// A series' value for year `t` as the computation uses it (SKR's value
    /// plus the scenario's points), as a formula term on sheet `fran`; `None`
    /// when the series has no value for `t`.
    pub fn serie(&self, serie: &str, t: Ar, fran: &str) -> Option<String> {
        let v = self.serier.get(serie)?.get(&t)?.i(fran);
        Some(match self.index.get(serie).and_then(|k| k.get(&t)) {
            Some(d) => format!("({v}+{})", d.i(fran)),
            None => v,
        })
    }
}

/// The cells of the investments' capital costs (MODELL §8), per investment.
#[derive(Debug, Clone, Default)]
pub struct Kapitalceller {
    pub avskrivning: Vec<Arsceller>,
    pub internranta: Vec<Arsceller>,
    pub extern_ranta: Vec<Arsceller>,
    /// nya_lan(t) (MODELL §9); empty without investments.
    pub nya_lan: Arsceller,
}

/// The whole sheet, investments included: `ram` and `befintlig`. `tillagg`
/// writes what the report adds before the sources.
pub fn antaganden(
    bok: &Arbetsbok,
    g: &Grund<'_>,
    val: Val<'_>,
    tillagg: impl FnOnce(&mut Blad, &Antaganden) -> Result<(), Avbrott>,
) -> Result<(Blad, Antaganden, Kapitalceller), Avbrott> {
    let (mut b, mut a) = borja(bok, g, val)?;
    let kap = investeringar(&mut b, g, &a, &a.kol.clone(), a.kalla_kol, true)?;
    avsluta(&mut b, g, &mut a, &kap, val)?;
    tillagg(&mut b, &a)?;
    slut(&mut b, g.modell)?;
    Ok((b, a, kap))
}

/// The cells of the model's own settings.
#[derive(Debug, Clone)]
pub struct Modellceller {
    pub skattesats: Cell,
    pub loneskatt: Cell,
    pub laneranta: Option<Cell>,
    pub lanefinansiering: Cell,
}

/// The model's own settings (not the scenario's), one per row, the source
/// in column `kalla_kol`: for every Antaganden, and for `jamfor`'s.
pub fn modellinstallningar(b: &mut Blad, m: &Modell, kalla_kol: u16) -> Result<Modellceller, Avbrott> {
    let rad = |b: &mut Blad, etikett: &str, typ: &str, varde: Installning<'_>, kalla: &str| {
        b.installning(etikett, typ, varde, Some((kalla_kol, kalla)))
    };
    rad(b, "Kommun", "", Installning::Text(&m.kommun), "modell.toml")?;
    if let Some(kod) = &m.kommunkod {
        rad(b, "Kommunkod", "", Installning::Text(kod), "modell.toml")?;
    }
    let period = "modell.toml";
    rad(b, "Basår (året för ramarna)", "år", Installning::Tal(m.basar.into(), Slag::Heltal), period)?;
    rad(b, "Budgetår", "år", Installning::Tal(m.budgetar().into(), Slag::Heltal), period)?;
    rad(b, "Antal år (budgetår och planår)", "år", Installning::Tal(m.antal_ar.into(), Slag::Heltal), period)?;
    rad(b, "SKR-prognos", "", Installning::Text(&m.skr_prognos), "modell.toml")?;
    let skatt = "modell.toml";
    let skattesats =
        rad(b, "Skattesats", "kr per 100 kr", Installning::Tal(m.skattesats, Slag::tal_som([m.skattesats])), skatt)?;
    let loneskatt = rad(
        b,
        "Särskild löneskatt på pensioner",
        "procent",
        Installning::Tal(m.loneskatt_procent, Slag::procent_som([m.loneskatt_procent])),
        skatt,
    )?;
    rad(
        b,
        "Avrundningsenhet för ramarna",
        "tkr",
        Installning::Tal(m.enhet_tkr, Slag::tal_som([m.enhet_tkr])),
        "modell.toml",
    )?;
    let inv = "modell.toml";
    let i_ram = super::ja_nej(m.kapital.kapitalkostnad_i_ram);
    rad(b, "Kapitalkostnad i nämndernas ramar", "", Installning::Text(i_ram), inv)?;
    let laneranta = match m.kapital.laneranta {
        Some(r) => Some(rad(b, "Låneränta", "procent", Installning::Tal(r, Slag::procent_som([r])), inv)?),
        None => None,
    };
    let lanefinansiering = rad(
        b,
        "Lånefinansierad andel av investeringarna",
        "procent",
        Installning::Tal(m.kapital.lanefinansiering_procent, Slag::procent_som([m.kapital.lanefinansiering_procent])),
        inv,
    )?;
    Ok(Modellceller { skattesats, loneskatt, laneranta, lanefinansiering })
}

/// Settings, SKR's series, the scenario's levers, the factors of §4, the
/// population and the pension forecast.
pub fn borja(bok: &Arbetsbok, g: &Grund<'_>, val: Val<'_>) -> Result<(Blad, Antaganden), Avbrott> {
    let m = g.modell;
    let s = g.scenario;
    let ar = m.ar();
    let alla_ar: Vec<Ar> =
        if val.befintlig.is_some() { std::iter::once(m.basar).chain(ar.iter().copied()).collect() } else { ar.clone() };
    let alla = Arskolumner::ny(3, alla_ar.clone());
    let kol = Arskolumner::ny(alla.kol(m.budgetar()), ar.clone());
    let kalla_kol = alla.sista() + 1;
    let mut rubriker = vec![Kolumn::ny("Uppgift", 58.0), Kolumn::ny("Typ / enhet", 30.0), Kolumn::tal("Värde")];
    rubriker.extend(alla_ar.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    rubriker.push(Kolumn::ny("Källa", 34.0));
    let mut b = bok.nytt_blad(ANTAGANDEN, &rubriker, 1)?;
    let e = b.enhet();
    let budget = &g.ramutrymme[&m.budgetar()];
    let scenariokalla = s.fil.clone().unwrap_or_else(|| "basscenariot: inga förändringar".to_string());

    // Settings of the model and the scenario.
    b.avsnitt("Modell och scenario")?;
    let mc = modellinstallningar(&mut b, m, kalla_kol)?;
    let installning = |b: &mut Blad, etikett: &str, typ: &str, varde: Installning<'_>, kalla: &str| {
        b.installning(etikett, typ, varde, Some((kalla_kol, kalla)))
    };
    installning(&mut b, "Scenario", "", Installning::Text(&s.namn), &scenariokalla)?;
    if let Some(text) = &s.beskrivning {
        // A note wraps over the row's width instead of running into the next cells.
        b.anteckning(text)?;
    }
    let skattesats_forandring = installning(
        &mut b,
        "Skattesatsens förändring i scenariot",
        "kr per 100 kr",
        Installning::Tal(s.skattesats_forandring, Slag::tal_som([s.skattesats_forandring, Decimal::new(1, 2)])),
        &scenariokalla,
    )?;
    let mal_kalla = if s.resultat_procent.is_some() { scenariokalla.as_str() } else { "modell.toml" };
    let resultatmal = installning(
        &mut b,
        "Resultatmål",
        "procent av skatter och bidrag",
        Installning::Tal(budget.resultatmal_procent, Slag::procent_som([budget.resultatmal_procent])),
        mal_kalla,
    )?;
    let regelkalla = if s.fordelning.is_some() { scenariokalla.as_str() } else { "modell.toml" };
    match val.regel {
        Some(regel) => installning(&mut b, "Fördelningsregel", "", Installning::Text(regel.namn()), regelkalla)?,
        None => installning(
            &mut b,
            "Fördelningsregel (används från maj)",
            "",
            Installning::Text(s.fordelning.unwrap_or(m.fordelning).namn()),
            regelkalla,
        )?,
    };
    let Modellceller { skattesats, loneskatt, laneranta, lanefinansiering } = mc;
    b.tom_rad();

    // SKR's series.
    b.avsnitt("SKR:s prognos")?;
    let skr_kalla = m.kalla("skr");
    let mut serier = BTreeMap::new();
    for (serie, rad) in &m.skr {
        let typ =
            if matches!(serie.as_str(), "po" | "internranta") { "nivå, procent" } else { "förändring, procent" };
        let slag = Slag::procent_som(rad.varden.values().copied());
        let namn = etiketter::serie(serie);
        let celler = b.arsrad(&alla, &namn, typ, Some((kalla_kol, &skr_kalla)), slag, |t, _| indata(rad.get(t)))?;
        serier.insert(serie.clone(), celler);
    }
    b.tom_rad();

    // The scenario's levers.
    b.avsnitt(&format!("Scenariots förändringar: {}", s.namn))?;
    let lever = Some((kalla_kol, scenariokalla.as_str()));
    let varde = |k: &crate::modell::Arsbelopp, ar: Ar| Arsvarde::Varde(Scenario::ar_varde(k, ar), Roll::Indata);
    let skatteunderlag =
        b.arsrad(&kol, "Skatteunderlagets utveckling", "procentenheter", lever, Slag::PROCENT, |t, _| {
            varde(&s.skatteunderlag, t)
        })?;
    let invanare_delta =
        b.arsrad(&kol, "Invånare 1 november året före", "personer (förändring)", lever, Slag::Antal, |t, _| {
            varde(&s.invanare, t - 1)
        })?;
    let statsbidrag = b.arsrad(&kol, "Generellt statsbidrag", "kr per invånare", lever, Slag::Tal, |t, _| {
        varde(&s.statsbidrag_kr_per_invanare, t)
    })?;
    let ovriga_intakter =
        b.arsrad(&kol, "Övrig intäktsförändring", e, lever, Slag::Belopp, |t, _| varde(&s.intakter_tkr, t))?;
    let mut index = BTreeMap::new();
    for (serie, k) in &s.index {
        let celler = b.arsrad(
            &alla,
            &format!("Index: {}", etiketter::serie(serie)),
            "procentenheter på SKR:s serie",
            lever,
            Slag::PROCENT,
            |t, _| varde(k, t),
        )?;
        index.insert(serie.clone(), celler);
    }
    let eff_etikett = if val.befintlig.is_some() {
        "Generell effektivisering"
    } else {
        "Generell effektivisering (används från maj)"
    };
    let effektivisering =
        b.arsrad(&kol, eff_etikett, "procent", lever, Slag::PROCENT, |t, _| varde(&s.effektivisering_procent, t))?;
    b.tom_rad();

    let mut a = Antaganden {
        kol: kol.clone(),
        alla: alla.clone(),
        kalla_kol,
        skattesats,
        skattesats_forandring,
        resultatmal,
        lanefinansiering,
        laneranta,
        serier,
        index,
        skatteunderlag,
        statsbidrag,
        ovriga_intakter,
        effektivisering,
        invanare: Arsceller::new(),
        invanare_skr: Arsceller::new(),
        pensionsrader: Vec::new(),
        pk_rader: Vec::new(),
        pension: Arsceller::new(),
        faktorer: None,
        kanda: Vec::new(),
        c_rader: Vec::new(),
        centrala: Arsceller::new(),
        balans: None,
        koncern: None,
    };

    if let Some(bef) = val.befintlig {
        a.faktorer = Some(faktorer(&mut b, m, &a, bef)?);
        b.tom_rad();
    }

    // Population.
    b.avsnitt("Befolkning: invånare 1 november året före intäktsåret")?;
    let egen = ar.iter().all(|t| m.invanare_1_november.contains_key(&(t - 1)));
    let interpolerad = ar.iter().all(|t| !m.invanare_1_november.contains_key(&(t - 1)));
    let bef_kalla = format!("{}, vägt mellan åren, hela personer", m.kalla("befolkning"));
    let p_kalla = if egen {
        "modell.toml".to_string()
    } else if interpolerad {
        bef_kalla
    } else {
        format!("modell.toml, annars {bef_kalla}")
    };
    let p =
        b.arsrad(&kol, "Egen befolkningsprognos", "personer", Some((kalla_kol, &p_kalla)), Slag::Antal, |t, _| {
            let roll = if m.invanare_1_november.contains_key(&(t - 1)) { Roll::Indata } else { Roll::Beraknat };
            Arsvarde::Varde(g.intakter[&t].invanare - Scenario::ar_varde(&s.invanare, t - 1), roll)
        })?;
    a.invanare =
        b.arsrad(&kol, "Invånare som intäkterna räknas på", "personer", None, Slag::Antal, |t, blad| {
            Arsvarde::Formel(format!("={}+{}", p[&t].i(blad), invanare_delta[&t].i(blad)), g.intakter[&t].invanare)
        })?;
    let sob_kalla = m.kalla("skatter_och_bidrag");
    a.invanare_skr = b.arsrad(
        &kol,
        "SKR:s antagande om invånare",
        "personer",
        Some((kalla_kol, &sob_kalla)),
        Slag::Antal,
        |t, _| Arsvarde::Varde(g.intakter[&t].invanare_skr, Roll::Indata),
    )?;
    b.tom_rad();

    // Pension.
    b.avsnitt(&format!("Pensionsprognos ({e} utan löneskatt; ansvarsförbindelsen inklusive löneskatt)"))?;
    let pension_kalla = m.kalla("pension");
    for p in &m.pension {
        let typ = etiketter::pensionstyp(p.typ);
        a.pensionsrader.push(tabellrad(&mut b, &kol, &p.post, typ, (kalla_kol, &pension_kalla), &p.belopp)?);
    }
    if m.pension.is_empty() {
        b.anteckning("Ingen pensionsprognos i modellen.")?;
    }
    b.tom_rad();
    b.avsnitt(&format!(
        "Pensionskostnader i ramutrymmet ({e}): kostnaderna med löneskatt, minus det som redan ingår i ramarna"
    ))?;
    let i_pk = m.pension.iter().zip(&a.pensionsrader).filter(|(p, _)| p.typ.i_pensionskostnad());
    for (i, (p, in_celler)) in i_pk.enumerate() {
        let celler = b.arsrad(&kol, &p.post, etiketter::pensionstyp(p.typ), None, Slag::Belopp, |t, blad| {
            let v = g.ramutrymme[&t].pensionsposter[i].belopp;
            match in_celler.get(&t) {
                Some(c) if matches!(p.typ, Pensionstyp::Kostnad | Pensionstyp::Finansiell) => {
                    Arsvarde::Formel(format!("={}*(1+{})", c.i(blad), loneskatt.abs_i(blad)), v)
                }
                Some(c) => Arsvarde::Formel(format!("=-{}", c.i(blad)), v),
                None => Arsvarde::Varde(v, Roll::Beraknat),
            }
        })?;
        a.pk_rader.push((p.typ.namn(), celler));
    }
    let rader: Vec<Arsceller> = a.pk_rader.iter().map(|(_, c)| c.clone()).collect();
    a.pension = b.summarad(&kol, "Summa pensionskostnader", &rader, |t| g.ramutrymme[&t].pension)?;
    b.tom_rad();
    Ok((b, a))
}

/// A row of amounts of a model table (inputs, tkr; empty where the table has none).
fn tabellrad(
    b: &mut Blad,
    kol: &Arskolumner,
    etikett: &str,
    typ: &str,
    kalla: (u16, &str),
    rad: &crate::modell::Arsrad,
) -> Result<Arsceller, Avbrott> {
    b.arsrad(kol, etikett, typ, Some(kalla), Slag::Belopp, |t, _| indata(rad.get(t)))
}

/// An input value, or an empty cell.
fn indata(v: Option<Decimal>) -> Arsvarde {
    match v {
        Some(v) => Arsvarde::Varde(v, Roll::Indata),
        None => Arsvarde::Tom,
    }
}

/// The cumulative factors of §4 as chained formulas on the series above:
/// `F(t) = F(t−1) · (1 + x[t])`, Flön also with the change of the PO-pålägg.
/// A year whose series value is missing gets ramverk's value (grey).
fn faktorer(b: &mut Blad, m: &Modell, a: &Antaganden, bef: &Befintlig) -> Result<Faktorceller, Avbrott> {
    b.avsnitt("Uppräkningsfaktorer för befintlig verksamhet (sammanlagt från basåret)")?;
    let ix = &m.index;
    let po = m.skr.contains_key(&ix.po);
    let f = &bef.faktorer;
    let rader: [(String, &str, &Arsbelopp); 5] = [
        ("Personal: löner och PO-pålägg".to_string(), ix.personal.as_str(), &f.lon),
        ("Lokaler: hyror".to_string(), ix.lokaler.as_str(), &f.lokaler),
        ("Övriga kostnader: priser".to_string(), ix.ovrigt.as_str(), &f.ovrigt),
        ("Intäkter: avgifter".to_string(), ix.intakter.as_str(), &f.intakter),
        ("Uppräkning med PKV".to_string(), "pkv", &f.pkv),
    ];
    let mut ut: Vec<Arsceller> = Vec::with_capacity(5);
    for (i, (etikett, serie, varden)) in rader.iter().enumerate() {
        let rad = b.rad();
        let blad = b.namn().to_string();
        let forra = |t: Ar| Cell { blad: blad.clone(), rad, kol: a.alla.kol(t - 1) };
        let typ = format!("faktor: {}", etiketter::serie(serie));
        let celler = b.arsrad(&a.alla, etikett, &typ, None, Slag::Faktor, |t, blad| {
            let v = varden.get(&t).copied().unwrap_or(Decimal::ONE);
            if t == m.basar {
                return Arsvarde::Varde(v, Roll::Beraknat);
            }
            let steg = a.serie(serie, t, blad).map(|x| format!("(1+{x})"));
            let po_steg = if i == 0 && po {
                match (a.serie(&ix.po, t, blad), a.serie(&ix.po, t - 1, blad)) {
                    (Some(x), Some(y)) => Some(format!("*(1+{x})/(1+{y})")),
                    _ => None,
                }
            } else {
                Some(String::new())
            };
            match (steg, po_steg) {
                (Some(s), Some(p)) => Arsvarde::Formel(format!("={}*{s}{p}", forra(t).a1()), v),
                _ => Arsvarde::Varde(v, Roll::Beraknat),
            }
        })?;
        ut.push(celler);
    }
    let mut it = ut.into_iter();
    let mut nasta = || it.next().unwrap_or_default();
    Ok(Faktorceller { lon: nasta(), lokaler: nasta(), ovrigt: nasta(), intakter: nasta(), pkv: nasta() })
}

/// The investments (MODELL §8) on `b`, years in `kol`: the list (belopp,
/// aktiveringsår, avskrivningstid as inputs in columns C–E, under a header
/// row of their own when `underrubrik`), and per investment and year the
/// depreciation, the book value, the internal and the external interest as
/// formulas on them, each with its sum, and the new loans of §9.
pub fn investeringar(
    b: &mut Blad,
    g: &Grund<'_>,
    a: &Antaganden,
    kol: &Arskolumner,
    kalla_kol: u16,
    underrubrik: bool,
) -> Result<Kapitalceller, Avbrott> {
    let m = g.modell;
    let mut ut = Kapitalceller::default();
    if m.investeringar.is_empty() {
        return Ok(ut);
    }
    let inv_kalla = m.kalla("investeringar");
    let e = b.enhet();
    b.avsnitt(&format!("Investeringar ({e})"))?;
    if underrubrik {
        let r = b.ny_rad();
        let belopp = format!("Belopp ({e})");
        let rubriker = ["Investering", "Nämnd", &belopp, "Aktiveringsår", "Avskrivningstid (år)"];
        b.rubrikrad(r, &rubriker.map(String::from))?;
    }
    // Belopp, aktiveringsår and avskrivningstid of each investment.
    let mut lista: Vec<[Cell; 3]> = Vec::new();
    for inv in &m.investeringar {
        let r = b.ny_rad();
        b.text(r, 0, &format!("{} {}", inv.id, inv.projekt))?;
        b.text(r, 1, &m.namnder[inv.namnd].id)?;
        let belopp = b.tal(r, 2, inv.belopp, Slag::Belopp, Roll::Indata)?;
        let akt = b.tal(r, 3, inv.aktiveringsar.into(), Slag::Tal, Roll::Indata)?;
        let tid = b.tal(r, 4, inv.avskrivningstid.into(), Slag::Tal, Roll::Indata)?;
        b.text(r, kalla_kol, &inv_kalla)?;
        lista.push([belopp, akt, tid]);
    }
    let kap = &g.kapital.investeringar;
    let namn = |i: usize| format!("{} {}", m.investeringar[i].id, m.investeringar[i].projekt);
    let namnd = |i: usize| m.namnder[m.investeringar[i].namnd].id.clone();
    // The condition a < t ≤ a+L, and I and L, as formula terms.
    let termer = |i: usize, t: Ar, blad: &str| {
        let [belopp, akt, tid] = &lista[i];
        let (bel, a, l) = (belopp.abs_i(blad), akt.abs_i(blad), tid.abs_i(blad));
        (format!("AND({t}>{a},{t}<={a}+{l})"), bel, a, l)
    };
    b.tom_rad();

    b.avsnitt(&format!("Avskrivning ({e}): lika stor varje år, från året efter aktiveringen"))?;
    for (i, k) in kap.iter().enumerate() {
        ut.avskrivning.push(b.arsrad(kol, &namn(i), &namnd(i), None, Slag::Belopp, |t, blad| {
            let (villkor, bel, _, l) = termer(i, t, blad);
            Arsvarde::Formel(format!("=IF({villkor},{bel}/{l},0)"), k[&t].avskrivning)
        })?);
    }
    b.summarad(kol, "Summa avskrivningar", &ut.avskrivning, |t| kap.iter().map(|k| k[&t].avskrivning).sum())?;
    b.tom_rad();

    b.avsnitt(&format!("Bokfört värde vid årets början ({e}): beloppet minus gjorda avskrivningar"))?;
    let mut bokfort = Vec::new();
    for (i, k) in kap.iter().enumerate() {
        bokfort.push(b.arsrad(kol, &namn(i), &namnd(i), None, Slag::Belopp, |t, blad| {
            let (villkor, bel, a, l) = termer(i, t, blad);
            Arsvarde::Formel(format!("=IF({villkor},{bel}-{bel}/{l}*({t}-{a}-1),0)"), k[&t].bokfort_varde)
        })?);
    }
    b.summarad(kol, "Summa bokfört värde", &bokfort, |t| kap.iter().map(|k| k[&t].bokfort_varde).sum())?;

    if m.kapital.kapitalkostnad_i_ram {
        b.tom_rad();
        b.avsnitt(&format!("Internränta ({e}): bokfört värde gånger SKR:s internränta"))?;
        for (i, bv) in bokfort.iter().enumerate() {
            ut.internranta.push(b.arsrad(kol, &namn(i), &namnd(i), None, Slag::Belopp, |t, blad| {
                let v = kap[i][&t].internranta;
                match a.serie("internranta", t, blad) {
                    Some(r) => Arsvarde::Formel(format!("={}*{r}", bv[&t].i(blad)), v),
                    None => Arsvarde::Varde(v, Roll::Beraknat),
                }
            })?);
        }
        b.summarad(kol, "Summa internränta", &ut.internranta, |t| kap.iter().map(|k| k[&t].internranta).sum())?;
    }
    if let Some(lr) = &a.laneranta {
        b.tom_rad();
        b.avsnitt(&format!("Räntekostnad för lån ({e}): bokfört värde gånger lånefinansierad andel och låneränta"))?;
        for (i, bv) in bokfort.iter().enumerate() {
            ut.extern_ranta.push(b.arsrad(kol, &namn(i), &namnd(i), None, Slag::Belopp, |t, blad| {
                let f = format!("={}*{}*{}", bv[&t].i(blad), a.lanefinansiering.abs_i(blad), lr.abs_i(blad));
                Arsvarde::Formel(f, kap[i][&t].extern_ranta)
            })?);
        }
        b.summarad(kol, "Summa räntekostnad för lån", &ut.extern_ranta, |t| {
            kap.iter().map(|k| k[&t].extern_ranta).sum()
        })?;
    }
    b.tom_rad();
    let (forsta, sista) = (&lista[0], &lista[lista.len() - 1]);
    ut.nya_lan = b.arsrad(
        kol,
        &format!("Nya lån ({e})"),
        "årets aktiveringar gånger lånefinansierad andel",
        None,
        Slag::Belopp,
        |t, blad| {
            let akt = format!("{}:{}", forsta[1].abs_i(blad), sista[1].absolut());
            let bel = format!("{}:{}", forsta[0].abs_i(blad), sista[0].absolut());
            let f = format!("=SUMIF({akt},{t},{bel})*{}", a.lanefinansiering.abs_i(blad));
            Arsvarde::Formel(f, g.kapital.nya_lan[&t])
        },
    )?;
    b.tom_rad();
    Ok(ut)
}

/// Kända förändringar (with §4), the central items with the investments'
/// terms, and (with `val.balans`) the opening balance.
pub fn avsluta(
    b: &mut Blad,
    g: &Grund<'_>,
    a: &mut Antaganden,
    kap: &Kapitalceller,
    val: Val<'_>,
) -> Result<(), Avbrott> {
    let m = g.modell;
    let kol = a.kol.clone();
    let kalla_kol = a.kalla_kol;
    let e = b.enhet();
    if val.befintlig.is_some() {
        b.avsnitt(&format!("Kända förändringar ({e}, nivån för respektive år, räknas inte upp)"))?;
        let kalla = m.kalla("kanda_forandringar");
        for k in &m.kanda_forandringar {
            let namnd = &m.namnder[k.namnd].id;
            a.kanda.push(tabellrad(b, &kol, &k.beskrivning, namnd, (kalla_kol, &kalla), &k.belopp)?);
        }
        if m.kanda_forandringar.is_empty() {
            b.anteckning("Inga kända förändringar i modellen.")?;
        }
        b.tom_rad();
    }

    // Central items, with the investment terms.
    b.avsnitt(&format!("Centrala poster ({e}, + kostnad, − intäkt)"))?;
    let central_kalla = m.kalla("centrala_poster");
    for p in &m.centrala_poster {
        let celler = tabellrad(b, &kol, &p.post, etiketter::centraltyp(p.typ), (kalla_kol, &central_kalla), &p.belopp)?;
        a.c_rader.push((p.typ.namn(), celler));
    }
    let forsta_term = m.centrala_poster.len();
    let kalla = if b.namn() == ANTAGANDEN { "investeringarna ovan" } else { "bladet Investeringar" };
    for (i, (namn, belopp)) in g.kapital.centralt.iter().enumerate() {
        let typ = g.ramutrymme[&m.budgetar()].centrala.get(forsta_term + i).map(|p| p.typ).unwrap_or("");
        let (tecken, rader) = match namn.as_str() {
            "Internränta från nämnderna" => ("-", &kap.internranta),
            "Avskrivningar" => ("", &kap.avskrivning),
            "Räntekostnad för lån" => ("", &kap.extern_ranta),
            _ => ("", &Vec::new()),
        };
        let typtext = etiketter::centraltyp_text(typ);
        let celler = b.arsrad(&kol, namn, typtext, Some((kalla_kol, kalla)), Slag::Belopp, |t, blad| {
            let v = belopp[&t];
            match (rader.first().and_then(|r| r.get(&t)), rader.last().and_then(|r| r.get(&t))) {
                (Some(a), Some(z)) => Arsvarde::Formel(format!("={tecken}SUM({})", a.till(z, blad)), v),
                _ => Arsvarde::Varde(v, Roll::Beraknat),
            }
        })?;
        a.c_rader.push((typ, celler));
    }
    let rader: Vec<Arsceller> = a.c_rader.iter().map(|(_, c)| c.clone()).collect();
    a.centrala = b.summarad(&kol, "Summa centrala poster", &rader, |t| g.ramutrymme[&t].centrala_poster)?;
    b.tom_rad();

    if val.balans {
        let kalla = Some((kalla_kol, "modell.toml"));
        let balans = |b: &mut Blad, bal: &Balans, till: &str| -> Result<Balansceller, Avbrott> {
            let rad = |b: &mut Blad, etikett: &str, v: Decimal| {
                b.installning(&format!("{etikett}{till}"), e, Installning::Tal(v, Slag::Belopp), kalla)
            };
            Ok(Balansceller {
                eget_kapital: rad(b, "Eget kapital", bal.eget_kapital)?,
                totala_tillgangar: rad(b, "Totala tillgångar", bal.totala_tillgangar)?,
                ansvarsforbindelse: rad(
                    b,
                    "Pensionsförpliktelser utanför balansräkningen inkl. löneskatt",
                    bal.ansvarsforbindelse_pension,
                )?,
            })
        };
        if let Some(bal) = &m.balans {
            b.avsnitt(&format!("Balans vid utgången av {} ({e}, för soliditeten)", m.basar))?;
            a.balans = Some(balans(b, bal, "")?);
            if let Some(k) = &m.koncern {
                let celler = balans(b, &k.balans, ", koncernen")?;
                let res = b.arsrad(&kol, "Bolagens resultat", e, kalla, Slag::Belopp, |t, _| {
                    indata(k.bolagens_resultat.get(&t).copied())
                })?;
                a.koncern = Some((celler, res));
            }
            b.tom_rad();
        }
    }
    Ok(())
}

/// The sources of the tables and the legend of the fills.
pub fn slut(b: &mut Blad, m: &Modell) -> Result<(), Avbrott> {
    kallor(b, m)?;
    teckenforklaring(b)
}

/// The source of each table of the model (column C), then an empty row.
pub fn kallor(b: &mut Blad, m: &Modell) -> Result<(), Avbrott> {
    b.avsnitt("Källor")?;
    for (tabell, kalla) in &m.kallor {
        let r = b.ny_rad();
        b.text(r, 0, &etiketter::tabell(tabell))?;
        b.text(r, 2, kalla)?;
    }
    b.tom_rad();
    Ok(())
}

/// The rows S, PK, C, M and U of MODELL §2, years in `kol` on sheet `b`.
#[derive(Debug, Clone)]
pub struct Ramutrymmesceller {
    pub skatter: Arsceller,
    pub pension: Arsceller,
    pub centrala: Arsceller,
    pub resultatmal: Arsceller,
    pub ramutrymme: Arsceller,
}

/// Writes S(t) (a reference to `s` on Intäkter, or ramverk's value where the
/// workbook has no Intäkter), PK(t) and C(t) from Antaganden, M(t) = S·m and
/// U(t) = S − PK − C − M as formulas, column B explaining each (`om_u` is
/// added to U's explanation).
pub fn ramutrymme(
    b: &mut Blad,
    kol: &Arskolumner,
    g: &Grund<'_>,
    a: &Antaganden,
    s: Option<&Arsceller>,
    om_u: &str,
) -> Result<Ramutrymmesceller, Avbrott> {
    let m = g.modell;
    let u = |t: Ar| &g.ramutrymme[&t];
    let ref_till = |celler: &Arsceller, t: Ar, blad: &str| format!("={}", celler[&t].i(blad));
    let har = if b.namn() == ANTAGANDEN { "ovan" } else { "bladet Antaganden" };
    let sk = match s {
        Some(s) => b.arsrad(
            kol,
            "Skatter och generella statsbidrag",
            "från bladet Intäkter",
            None,
            Slag::Belopp,
            |t, blad| Arsvarde::Formel(ref_till(s, t, blad), u(t).skatter_och_bidrag),
        )?,
        None => b.arsrad(
            kol,
            "Skatter och generella statsbidrag",
            "beräknad av ramverk (uträkningen finns i ramverk ram --xlsx)",
            None,
            Slag::Belopp,
            |t, _| Arsvarde::Varde(u(t).skatter_och_bidrag, Roll::Beraknat),
        )?,
    };
    let pk = b.arsrad(
        kol,
        "Pensionskostnader inklusive löneskatt",
        &format!("se {har}"),
        None,
        Slag::Belopp,
        |t, blad| Arsvarde::Formel(ref_till(&a.pension, t, blad), u(t).pension),
    )?;
    let c = b.arsrad(kol, "Centrala poster", &format!("se {har}"), None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(ref_till(&a.centrala, t, blad), u(t).centrala_poster)
    })?;
    let mal = u(m.budgetar()).resultatmal_procent;
    let forklaring = format!(
        "{} av skatter och generella statsbidrag",
        crate::tal::svensk_procent(mal, mal.normalize().scale().max(1))
    );
    let mc = b.arsrad(kol, "Resultatmål", &forklaring, None, Slag::Belopp, |t, blad| {
        Arsvarde::Formel(format!("={}*{}", sk[&t].i(blad), a.resultatmal.abs_i(blad)), u(t).resultatmal)
    })?;
    let uc = b.arsrad(
        kol,
        "Ramutrymme",
        &format!("intäkter minus pensioner, centrala poster och resultatmål{om_u}"),
        None,
        Slag::Belopp,
        |t, blad| {
            let f = format!("={}-{}-{}-{}", sk[&t].i(blad), pk[&t].i(blad), c[&t].i(blad), mc[&t].i(blad));
            Arsvarde::Summa(f, u(t).ramutrymme)
        },
    )?;
    Ok(Ramutrymmesceller { skatter: sk, pension: pk, centrala: c, resultatmal: mc, ramutrymme: uc })
}

//! *Antaganden*: what the budget rests on, in plain words — the kommun and
//! the period, the tax rate and the result target, SKR's prognosis, the
//! scenario's changes, the population, the pension forecast, the opening
//! balance, the inriktningsmål and where every table comes from.

use super::{ANTAGANDEN, Form, Stil, V, arsrad, decimaler, skriv};
use crate::berakning::budget::Budget;
use crate::fel::Avbrott;
use crate::modell::{Ar, Arsbelopp, Modell, Scenario};
use crate::utdata::arbetsbok::{Arbetsbok, Arsceller, Blad, Cell, Kolumn, Kolumner};
use crate::utdata::etiketter;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Uppgift,
    Varde,
    Ar(Ar),
    Kalla,
}

/// The cells other sheets refer to.
#[derive(Debug, Clone)]
pub struct Antagandeceller {
    /// The result target m, percent.
    pub resultatmal: Cell,
    /// The skattesats of the budget, s0 + Δs.
    pub skattesats: Cell,
    /// The borrowed share of the investments, percent.
    pub lanefinansiering: Cell,
    /// P'(t): invånare 1 november the year before, for the revenue.
    pub invanare: Arsceller,
}

struct Skrivare<'b> {
    b: Blad,
    kol: Kolumner<K>,
    stil: &'b Stil,
    ar: Vec<Ar>,
}

impl Skrivare<'_> {
    /// A setting: label, value in Värde, source.
    fn installning(&mut self, etikett: &str, v: V, form: Form, kalla: &str) -> Result<Option<Cell>, Avbrott> {
        let r = self.b.ny_rad();
        self.b.text(r, self.kol.kol(K::Uppgift), etikett)?;
        let k = self.kol.kol(K::Varde);
        // A text value reads from the left (it may run on over the year columns).
        let c = match v {
            V::Text(t) => Some(self.b.text(r, k, &t)?),
            v => skriv(&mut self.b, r, k, v, self.stil, form)?,
        };
        if !kalla.is_empty() {
            self.b.text_med(r, self.kol.kol(K::Kalla), kalla, &rust_xlsxwriter::Format::new().set_indent(1))?;
        }
        Ok(c)
    }

    /// A row per year, with its source.
    fn per_ar(
        &mut self,
        etikett: &str,
        form: Form,
        kalla: &str,
        cell: impl FnMut(Ar, &str) -> V,
    ) -> Result<Arsceller, Avbrott> {
        let ar = self.ar.clone();
        let c = arsrad(&mut self.b, &self.kol, K::Uppgift, etikett, 0, self.stil, form, &ar, K::Ar, cell)?;
        if !kalla.is_empty() {
            let r = self.b.rad() - 1;
            self.b.text_med(r, self.kol.kol(K::Kalla), kalla, &rust_xlsxwriter::Format::new().set_indent(1))?;
        }
        Ok(c)
    }
}

fn varde(k: &Arsbelopp, t: Ar) -> V {
    k.get(&t).map(|v| V::Tal(*v)).unwrap_or(V::Tom)
}

pub fn blad(bok: &Arbetsbok, bu: &Budget<'_>, stil: &Stil) -> Result<(Blad, Antagandeceller), Avbrott> {
    let f = &bu.forslag;
    let g = &f.grund;
    let m: &Modell = g.modell;
    let s = g.scenario;
    let ar: Vec<Ar> = std::iter::once(m.basar).chain(m.ar()).collect();
    let mut kol = Kolumner::ny().med(K::Uppgift, Kolumn::ny("Antagande", 56.0)).med(K::Varde, Kolumn::tal("Värde"));
    for &t in &ar {
        kol.lagg_till(K::Ar(t), Kolumn::tal(t.to_string()));
    }
    kol.lagg_till(K::Kalla, Kolumn::ny("Källa", 36.0));
    let mut b = bok.nytt_blad(ANTAGANDEN, &kol.kolumner(), 1)?;
    super::rubriker(&mut b, 0, &kol, |k| matches!(k, K::Varde | K::Ar(_)))?;
    let mut w = Skrivare { b, kol, stil, ar: m.ar() };
    let scenariokalla = s.fil.clone().unwrap_or_else(|| "basscenariot".to_string());
    let tkr = stil.enhet.namn();

    w.b.avsnitt("Kommun och budgetperiod")?;
    w.installning("Kommun", V::Text(m.kommun.clone()), Form::Belopp, "modell.toml")?;
    w.installning("Budgetår", V::Tal(m.budgetar().into()), Form::Tal(0), "modell.toml")?;
    if m.antal_ar > 1 {
        let plan = format!("{}–{}", m.budgetar() + 1, m.sista_ar());
        w.installning("Planår", V::Text(plan), Form::Belopp, "modell.toml")?;
    }
    w.installning("Scenario", V::Text(s.namn.clone()), Form::Belopp, &scenariokalla)?;
    if let Some(text) = &s.beskrivning {
        w.installning("Scenariots beskrivning", V::Text(text.clone()), Form::Belopp, &scenariokalla)?;
    }
    w.installning("Fördelning av VF-posterna", V::Text(f.urval.regel.namn().to_string()), Form::Belopp, "")?;
    w.installning("SKR:s prognos", V::Text(m.skr_prognos.clone()), Form::Belopp, "modell.toml")?;
    w.b.tom_rad();

    w.b.avsnitt("Skattesats och resultatmål")?;
    w.installning(
        "Skattesats, kr per 100 kr",
        V::Tal(m.skattesats),
        Form::Tal(decimaler([&m.skattesats]).max(2)),
        "modell.toml",
    )?;
    let andring = s.skattesats_forandring;
    let skattesats = if andring.is_zero() {
        w.installning("Skattesats i budgeten", V::Tal(m.skattesats), Form::Tal(2), "")?
    } else {
        w.installning(
            "Förändring av skattesatsen, kr per 100 kr",
            V::Tal(andring),
            Form::Tal(decimaler([&andring]).max(2)),
            &scenariokalla,
        )?;
        w.installning("Skattesats i budgeten", V::Tal(m.skattesats + andring), Form::Tal(2), "")?
    }
    .expect("skattesatsen skrivs");
    let mal = g.ramutrymme[&m.budgetar()].resultatmal_procent;
    let malkalla = if s.resultat_procent.is_some() { scenariokalla.as_str() } else { "modell.toml" };
    let resultatmal = w
        .installning(
            "Resultatmål, procent av skatter och generella statsbidrag",
            V::Tal(mal),
            Form::Procent(decimaler([&mal])),
            malkalla,
        )?
        .expect("resultatmålet skrivs");
    w.installning(
        "Särskild löneskatt på pensionskostnader",
        V::Tal(m.loneskatt_procent),
        Form::Procent(decimaler([&m.loneskatt_procent])),
        "modell.toml",
    )?;
    w.b.tom_rad();

    w.b.avsnitt("Investeringar och lån")?;
    let i_ram = if m.kapital.kapitalkostnad_i_ram { "ja" } else { "nej" };
    w.installning("Kapitalkostnaderna ingår i nämndernas ramar", V::Text(i_ram.into()), Form::Belopp, "modell.toml")?;
    let andel = m.kapital.lanefinansiering_procent;
    let lanefinansiering = w
        .installning(
            "Andel av investeringarna som lånefinansieras",
            V::Tal(andel),
            Form::Procent(decimaler([&andel])),
            "modell.toml",
        )?
        .expect("andelen skrivs");
    if let Some(r) = m.kapital.laneranta {
        w.installning("Låneränta", V::Tal(r), Form::Procent(decimaler([&r])), "modell.toml")?;
    }
    w.b.tom_rad();

    w.b.avsnitt("SKR:s prognos, procent (förändring från föregående år där inget annat anges)")?;
    let skr_kalla = m.kalla("skr");
    // SKR's order: revenue, prices and wages, then the rest.
    const ORDNING: [&str; 9] =
        ["skatteunderlag", "pkv", "lon", "po", "ovrigt", "hyra", "avgifter", "kpi", "internranta"];
    let mut serier: Vec<(&String, &crate::modell::Arsrad)> = m.skr.iter().collect();
    serier.sort_by_key(|(k, _)| ORDNING.iter().position(|o| o == k).unwrap_or(ORDNING.len()));
    for (serie, rad) in serier {
        let dp = decimaler(rad.varden.values());
        w.per_ar(&etiketter::serie(serie), Form::Procent(dp), &skr_kalla, |t, _| varde(&rad.varden, t))?;
    }
    w.b.tom_rad();

    w.b.avsnitt(&format!("Scenariots förändringar: {}", s.namn))?;
    let mut nagon = false;
    let mut lever = |w: &mut Skrivare<'_>, etikett: &str, k: &Arsbelopp, form: Form, forskjut: Ar| {
        if k.is_empty() {
            return Ok::<(), Avbrott>(());
        }
        nagon = true;
        w.per_ar(etikett, form, &scenariokalla, |t, _| V::Tal(Scenario::ar_varde(k, t - forskjut)))?;
        Ok(())
    };
    let dp = |k: &Arsbelopp| decimaler(k.values());
    lever(
        &mut w,
        "Skatteunderlagets utveckling, procentenheter",
        &s.skatteunderlag,
        Form::Tal(dp(&s.skatteunderlag)),
        0,
    )?;
    lever(&mut w, "Invånare 1 november året före, förändring", &s.invanare, Form::Antal, 1)?;
    lever(&mut w, "Generellt statsbidrag, kr per invånare", &s.statsbidrag_kr_per_invanare, Form::Kr, 0)?;
    let intakter: Arsbelopp = s.intakter_tkr.iter().map(|(t, v)| (*t, stil.belopp(*v))).collect();
    lever(&mut w, &format!("Övriga intäkter, {tkr}"), &intakter, Form::Belopp, 0)?;
    for (serie, k) in &s.index {
        let etikett = format!("{}, procentenheter", etiketter::serie(serie));
        lever(&mut w, &etikett, k, Form::Tal(dp(k)), 0)?;
    }
    let eff = &s.effektivisering_procent;
    lever(&mut w, "Generellt effektiviseringskrav på nämnderna, procent", eff, Form::Tal(dp(eff)), 0)?;
    if !nagon {
        w.b.anteckning("Inga förändringar: SKR:s prognos och modellens antaganden gäller.")?;
    }
    if !s.skattesats_forandring.is_zero() || s.resultat_procent.is_some() || s.fordelning.is_some() {
        w.b.anteckning("Scenariots skattesats, resultatmål och fördelning står ovan.")?;
    }
    w.b.tom_rad();

    w.b.avsnitt("Befolkning")?;
    let invanare =
        w.per_ar("Invånare 1 november året före, underlag för intäkterna", Form::Antal, "", |t, _| {
            V::Tal(g.intakter[&t].invanare)
        })?;
    w.per_ar("SKR:s antagande om invånare 1 november", Form::Antal, &m.kalla("skatter_och_bidrag"), |t, _| {
        V::Tal(g.intakter[&t].invanare_skr)
    })?;
    w.b.tom_rad();

    if !m.pension.is_empty() {
        w.b.avsnitt(&format!(
            "Pensionsprognos, {tkr} (kostnader utan löneskatt; avsättning och ansvarsförbindelse med löneskatt)"
        ))?;
        let kalla = m.kalla("pension");
        w.ar = std::iter::once(m.basar).chain(m.ar()).collect();
        for p in &m.pension {
            let etikett = format!("{} ({})", p.post, etiketter::pensionstyp(p.typ));
            w.per_ar(&etikett, Form::Belopp, &kalla, |t, _| {
                p.belopp.get(t).map(|v| V::Tal(stil.belopp(v))).unwrap_or(V::Tom)
            })?;
        }
        w.ar = m.ar();
        w.b.tom_rad();
    }

    if let Some(bal) = &m.balans {
        w.b.avsnitt(&format!("Balans vid utgången av {}, {tkr}", m.basar))?;
        let p = &m.balansposter;
        let rader: [(&str, Option<Decimal>); 7] = [
            ("Eget kapital", Some(bal.eget_kapital)),
            ("Summa tillgångar", Some(bal.totala_tillgangar)),
            ("Pensionsförpliktelser utanför balansräkningen, med löneskatt", Some(bal.ansvarsforbindelse_pension)),
            ("Anläggningstillgångar", p.anlaggningstillgangar),
            ("Avsättningar", p.avsattningar),
            ("Långfristiga skulder", p.langfristiga_skulder),
            ("Likvida medel", p.likvida_medel),
        ];
        for (etikett, v) in rader {
            if let Some(v) = v {
                w.installning(etikett, V::Tal(stil.belopp(v)), Form::Belopp, "modell.toml")?;
            }
        }
        if p.avsattningar.is_none() && p.anlaggningstillgangar.is_some() {
            w.b.anteckning("Avsättningarna vid årets början är pensionsprognosens avsättning (0 utan den).")?;
        }
        let k = |x: &Arsbelopp| -> Arsbelopp { x.iter().map(|(t, v)| (*t, stil.belopp(*v))).collect() };
        if !p.avskrivningar_befintliga.is_empty() {
            let a = k(&p.avskrivningar_befintliga);
            w.per_ar(
                &format!("Avskrivningar på befintliga tillgångar, {tkr}"),
                Form::Belopp,
                "modell.toml",
                |t, _| varde(&a, t),
            )?;
        }
        if !p.amortering.is_empty() {
            let a = k(&p.amortering);
            w.per_ar(&format!("Amortering av befintliga lån, {tkr}"), Form::Belopp, "modell.toml", |t, _| {
                varde(&a, t)
            })?;
        }
        if let Some(k) = &m.koncern {
            let r = |e: &str, v: Decimal, w: &mut Skrivare<'_>| {
                w.installning(&format!("{e}, koncernen"), V::Tal(stil.belopp(v)), Form::Belopp, "modell.toml")
            };
            r("Eget kapital", k.balans.eget_kapital, &mut w)?;
            r("Summa tillgångar", k.balans.totala_tillgangar, &mut w)?;
            r("Pensionsförpliktelser utanför balansräkningen", k.balans.ansvarsforbindelse_pension, &mut w)?;
            let res: Arsbelopp = k.bolagens_resultat.iter().map(|(t, v)| (*t, stil.belopp(*v))).collect();
            w.per_ar(&format!("De kommunala bolagens resultat, {tkr}"), Form::Belopp, "modell.toml", |t, _| {
                varde(&res, t)
            })?;
        }
        w.b.tom_rad();
    }

    if !bu.mal_och_medel.inriktningsmal.is_empty() {
        w.b.avsnitt("Inriktningsmål")?;
        for x in &bu.mal_och_medel.inriktningsmal {
            let r = w.b.ny_rad();
            let nr = x.nr.map(|n| n.to_string()).unwrap_or_default();
            let etikett = if nr.is_empty() { super::mal_och_medel::utan_mal() } else { format!("{nr}. {}", x.namn) };
            w.b.text(r, w.kol.kol(K::Uppgift), &etikett)?;
            let kalla = if x.nr.is_some_and(|n| m.inriktningsmal.contains_key(&n)) { "modell.toml" } else { "" };
            if !kalla.is_empty() {
                w.b.text_med(r, w.kol.kol(K::Kalla), kalla, &rust_xlsxwriter::Format::new().set_indent(1))?;
            }
        }
        w.b.tom_rad();
    }

    w.b.avsnitt("Källor")?;
    let mut kallor: Vec<&(String, String)> = m.kallor.iter().collect();
    kallor.sort_by_key(|(k, _)| crate::inlasning::TABELLER.iter().position(|(t, _, _)| t == k));
    for (tabell, kalla) in kallor {
        let r = w.b.ny_rad();
        w.b.text(r, w.kol.kol(K::Uppgift), &etiketter::tabell(tabell))?;
        w.b.text_med(r, w.kol.kol(K::Kalla), kalla, &rust_xlsxwriter::Format::new().set_indent(1))?;
    }
    Ok((w.b, Antagandeceller { resultatmal, skattesats, lanefinansiering, invanare }))
}

//! Each table of FORMAT.md into domain types, with the checks within and
//! across tables: unknown nämnd, duplicate ids and priorities, wrong signs,
//! breakdowns that do not add up, age groups that do not match.

use super::normalisera;
use super::tabell::{Kolumnkarta, Radlasare, Redovisat, Tabell};
use crate::fel::Diagnos;
use crate::modell::*;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap, HashSet};

mod uppfoljning;

/// Fills the model's tables; false only when a required table is absent.
pub fn bygg(m: &mut Modell, mut t: BTreeMap<&'static str, Tabell>, d: &mut Diagnos) -> bool {
    m.kallor = t.iter().map(|(k, v)| (k.to_string(), v.kalla.to_string())).collect();
    m.namnder = t.get("ramar").map(|t| ramar(t, m.basar, d)).unwrap_or_default();
    m.skr = t.get("skr").map(|t| skr(t, d)).unwrap_or_default();
    (m.intaktsposter, m.skr_invanare) =
        t.get("skatter_och_bidrag").map(|t| skatter_och_bidrag(t, d)).unwrap_or_default();
    m.befolkning = t.remove("befolkning").map(|t| befolkning(&t, d)).unwrap_or_default();
    let index = NamndIndex::ny(&m.namnder);
    if let Some(tab) = t.remove("demografi") {
        m.demografi = demografi(&tab, &index, &m.befolkning, d);
    }
    m.pension = t.remove("pension").map(|t| pension(&t, &m.ar(), d)).unwrap_or_default();
    m.centrala_poster = t.remove("centrala_poster").map(|t| centrala_poster(&t, d)).unwrap_or_default();
    let planar = m.ar();
    m.kanda_forandringar = t.remove("kanda_forandringar").map(|t| kanda(&t, &index, &planar, d)).unwrap_or_default();
    m.vf = t.remove("vf").map(|t| vf(&t, &index, &planar, d)).unwrap_or_default();
    m.investeringar = t.remove("investeringar").map(|t| investeringar(&t, &index, d)).unwrap_or_default();
    uppfoljning::bygg(m, &mut t, &index, d);
    ["ramar", "skr", "skatter_och_bidrag"].iter().all(|k| t.contains_key(k))
}

/// Looks up nämnd ids named in other tables.
struct NamndIndex(HashMap<String, usize>);

impl NamndIndex {
    fn ny(namnder: &[Namnd]) -> Self {
        NamndIndex(namnder.iter().enumerate().map(|(i, n)| (n.id.to_lowercase(), i)).collect())
    }

    /// The nämnd of a row; an unknown id is an error.
    fn las(&self, r: &Radlasare<'_>, d: &mut Diagnos) -> Option<usize> {
        let id = r.krav_text("namnd", d)?;
        match self.0.get(&id.to_lowercase()) {
            Some(&i) => Some(i),
            None => {
                d.fel(r.fel_i("namnd", format!("nämnden \"{id}\" finns inte i ramar")));
                None
            }
        }
    }
}

fn radlasare<'a>(t: &'a Tabell, k: &'a Kolumnkarta) -> impl Iterator<Item = Radlasare<'a>> {
    t.rader.iter().map(move |rad| Radlasare { tabell: t, karta: k, rad })
}

fn arsrad(r: &Radlasare<'_>, procent: bool, d: &mut Diagnos) -> Arsrad {
    Arsrad { plats: r.plats(), varden: r.arsvarden(procent, d), kolumner: r.karta.arsrubriker.clone() }
}

fn ramar(t: &Tabell, basar: Ar, d: &mut Diagnos) -> Vec<Namnd> {
    let mut k = Kolumnkarta::ny(
        t,
        &["namnd", "namn", "ram", "personal", "lokaler", "ovrigt", "intakter"],
        &["namnd", "namn"],
        true,
        d,
    );
    // `Ram 2025` (the basår's year column) serves as `ram`.
    if !k.har("ram") && !k.anvand_ar_som(basar, "ram") {
        d.fel(t.fel("kolumnen \"ram\" saknas"));
    }
    for (ar, rubrik) in k.arsrubriker.iter() {
        if *ar != basar {
            d.varning(t.fel("okänd kolumn ignoreras").kolumn(rubrik));
        }
    }
    let mut ut: Vec<Namnd> = Vec::new();
    let mut sedda = HashSet::new();
    for r in radlasare(t, &k) {
        let id = r.krav_text("namnd", d);
        let namn = r.krav_text("namn", d);
        let ram = r.krav_tal("ram", false, d);
        let mut delar = [None; 4];
        let mut ok = true;
        for (i, kol) in ["personal", "lokaler", "ovrigt", "intakter"].iter().enumerate() {
            match r.tal(kol, false, d) {
                Ok(Some(v)) if v.is_sign_negative() && !v.is_zero() => {
                    d.varning(
                        r.fel_i(kol, format!("{} är negativt (intäkter anges positivt och dras av)", v.normalize())),
                    );
                    delar[i] = Some(v);
                }
                Ok(v) => delar[i] = v,
                Err(Redovisat) => ok = false,
            }
        }
        let delar = if delar.iter().all(Option::is_none) {
            None
        } else {
            let [p, l, o, i] = delar.map(Option::unwrap_or_default);
            Some(Kostnadsdelar { personal: p, lokaler: l, ovrigt: o, intakter: i })
        };
        if let (Some(ram), Some(k), true) = (ram, delar, ok) {
            let summa = k.personal + k.lokaler + k.ovrigt - k.intakter;
            if (summa - ram).abs() > Decimal::ONE {
                d.fel(r.fel_i(
                    "ram",
                    format!(
                        "personal + lokaler + övrigt − intäkter = {}, men ram är {} (skillnad {} tkr; högst 1 tkr tillåts)",
                        summa.normalize(),
                        ram.normalize(),
                        (summa - ram).normalize()
                    ),
                ));
            }
        }
        if let Some(id) = &id
            && !sedda.insert(id.to_lowercase())
        {
            d.fel(r.fel_i("namnd", format!("nämnden \"{id}\" finns två gånger")));
        }
        // A nämnd whose row has errors is still known to the other tables, so
        // that one bad cell does not turn every reference to it into an error.
        if let Some(id) = id {
            let namn = namn.unwrap_or_else(|| id.clone());
            ut.push(Namnd { id, namn, ram: ram.unwrap_or_default(), delar, plats: r.plats() });
        }
    }
    if t.rader.is_empty() {
        d.fel(t.fel("tabellen har inga nämnder"));
    }
    ut
}

fn skr(t: &Tabell, d: &mut Diagnos) -> BTreeMap<String, Arsrad> {
    let k = Kolumnkarta::ny(t, &["serie", "kalla"], &["serie"], true, d);
    if !t.procentformat_kant {
        d.varning(t.fel(
            "procentformat kan inte läsas ur xls-filer: talen läses som de står (3,4 betyder 3,4 %); spara som xlsx eller ods",
        ));
    }
    let mut ut = BTreeMap::new();
    for r in radlasare(t, &k) {
        let Some(serie) = r.krav_text("serie", d) else { continue };
        let rad = arsrad(&r, true, d);
        // po and internranta are levels (a PO-pålägg of 40 %): 0–100 %; the rest yearly changes.
        let niva = matches!(normalisera(&serie).as_str(), "po" | "internranta");
        for (ar, v) in &rad.varden {
            if niva && (v.is_sign_negative() && !v.is_zero() || *v > Decimal::ONE_HUNDRED) {
                d.fel(r.plats().fel_i(
                    &rad.kolumner[ar],
                    format!("{} % är orimligt för serien {serie} (en nivå 0–100 %)", v.normalize()),
                ));
            } else if *v <= -Decimal::ONE_HUNDRED || *v > Decimal::from(1000) {
                d.fel(
                    r.plats().fel_i(&rad.kolumner[ar], format!("{} % är orimligt för serien {serie}", v.normalize())),
                );
            }
        }
        if ut.insert(normalisera(&serie), rad).is_some() {
            d.fel(r.fel_i("serie", format!("serien \"{serie}\" finns två gånger")));
        }
    }
    ut
}

fn skatter_och_bidrag(t: &Tabell, d: &mut Diagnos) -> (Vec<Intaktspost>, Option<Arsrad>) {
    let k = Kolumnkarta::ny(t, &["post", "typ", "kalla", "resultatrad"], &["post", "typ"], true, d);
    let mut poster = Vec::new();
    let mut invanare: Option<Arsrad> = None;
    for r in radlasare(t, &k) {
        let post = r.krav_text("post", d);
        let typ = r.krav_text("typ", d);
        let rad = arsrad(&r, false, d);
        // MODELL §12: the line of the resultatbudget; empty = by typ.
        let resultatrad = r.text("resultatrad").and_then(|x| {
            let v = Resultatrad::tolka(&x);
            if v.is_none() {
                d.fel(
                    r.fel_i("resultatrad", format!("okänd resultatrad \"{x}\": ska vara {}", Resultatrad::tillatna())),
                );
            }
            v
        });
        let (Some(post), Some(typ)) = (post, typ) else { continue };
        if normalisera(&typ) == "invanare" {
            for (ar, v) in &rad.varden {
                if *v < Decimal::ONE {
                    d.fel(r.plats().fel_i(&rad.kolumner[ar], "antalet invånare ska vara minst 1"));
                } else if *v > Decimal::from(super::tabell::MAX_INVANARE) {
                    d.fel(r.plats().fel_i(&rad.kolumner[ar], format!("{} invånare är orimligt många", v.normalize())));
                }
            }
            if invanare.is_some() {
                d.fel(r.fel_i("typ", "mer än en rad med typ invanare: exakt en (Invånare 1 november) förväntas"));
            }
            invanare = Some(rad);
            continue;
        }
        match Intaktstyp::tolka(&typ) {
            Some(typ) => {
                let resultatrad = resultatrad.unwrap_or(Resultatrad::standard(typ));
                poster.push(Intaktspost { post, typ, belopp: rad, resultatrad })
            }
            None => {
                d.fel(r.fel_i("typ", format!("okänd typ \"{typ}\": ska vara {}, invanare", Intaktstyp::tillatna())))
            }
        }
    }
    if invanare.is_none() {
        d.fel(t.fel("raden med typ invanare (Invånare 1 november) saknas: exakt en förväntas"));
    }
    (poster, invanare)
}

fn befolkning(t: &Tabell, d: &mut Diagnos) -> Vec<Aldersgrupp> {
    let k = Kolumnkarta::ny(t, &["aldersgrupp"], &["aldersgrupp"], true, d);
    let mut ut: Vec<Aldersgrupp> = Vec::new();
    let mut sedda = HashSet::new();
    for r in radlasare(t, &k) {
        let Some(namn) = r.krav_text("aldersgrupp", d) else { continue };
        let antal = arsrad(&r, false, d);
        for (ar, v) in &antal.varden {
            if v.is_sign_negative() && !v.is_zero() {
                d.fel(r.plats().fel_i(&antal.kolumner[ar], "negativt antal invånare"));
            } else if *v > Decimal::from(super::tabell::MAX_INVANARE) {
                d.fel(r.plats().fel_i(&antal.kolumner[ar], format!("{} invånare är orimligt många", v.normalize())));
            }
        }
        if !sedda.insert(gruppnyckel(&namn)) {
            d.fel(r.fel_i("aldersgrupp", format!("åldersgruppen \"{namn}\" finns två gånger")));
        }
        ut.push(Aldersgrupp { namn, antal });
    }
    ut
}

/// Age-group labels match ignoring case, spaces and the kind of dash (`1–5` = `1-5`).
fn gruppnyckel(namn: &str) -> String {
    namn.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if matches!(c, '–' | '—' | '−') { '-' } else { c })
        .collect::<String>()
        .to_lowercase()
}

fn demografi(t: &Tabell, index: &NamndIndex, grupper: &[Aldersgrupp], d: &mut Diagnos) -> Vec<Demografi> {
    let k = Kolumnkarta::ny(
        t,
        &["namnd", "aldersgrupp", "kostnad_per_invanare"],
        &["namnd", "aldersgrupp", "kostnad_per_invanare"],
        false,
        d,
    );
    let mut ut: Vec<Demografi> = Vec::new();
    // Age groups by key (the first of a duplicated one) and the (nämnd, group) pairs seen: linear in the rows.
    let mut gruppindex: HashMap<String, usize> = HashMap::new();
    for (i, g) in grupper.iter().enumerate() {
        gruppindex.entry(gruppnyckel(&g.namn)).or_insert(i);
    }
    let mut par = HashSet::new();
    for r in radlasare(t, &k) {
        let namnd = index.las(&r, d);
        let grupp = r.krav_text("aldersgrupp", d).and_then(|g| {
            let i = gruppindex.get(&gruppnyckel(&g)).copied();
            if i.is_none() {
                let finns: Vec<&str> = grupper.iter().take(10).map(|x| x.namn.as_str()).collect();
                let mening = if finns.is_empty() {
                    "befolkningstabellen saknas eller är tom".to_string()
                } else if grupper.len() > finns.len() {
                    format!("finns: {}, … ({} grupper)", finns.join(", "), grupper.len())
                } else {
                    format!("finns: {}", finns.join(", "))
                };
                d.fel(r.fel_i("aldersgrupp", format!("åldersgruppen \"{g}\" finns inte i befolkning ({mening})")));
            }
            i
        });
        let kostnad = r.krav_tal("kostnad_per_invanare", false, d);
        if let Some(kv) = kostnad
            && kv.is_sign_negative()
            && !kv.is_zero()
        {
            d.fel(r.fel_i("kostnad_per_invanare", "kostnaden per invånare får inte vara negativ"));
        } else if kostnad.is_some_and(|k| k > Decimal::from(super::tabell::MAX_KOSTNAD_PER_INVANARE)) {
            d.fel(r.fel_i("kostnad_per_invanare", "kostnaden per invånare är orimligt stor (högst 100 000 tkr)"));
        }
        if let (Some(namnd), Some(grupp), Some(kostnad_per_invanare)) = (namnd, grupp, kostnad) {
            if !par.insert((namnd, grupp)) {
                d.fel(r.fel_i("aldersgrupp", "nämnden har redan en kostnad för den här åldersgruppen"));
            }
            ut.push(Demografi { namnd, grupp, kostnad_per_invanare, plats: r.plats() });
        }
    }
    ut
}

/// The rows of a table of `post`, `typ` and years (pension, centrala-poster).
fn poster<T: Typ>(t: &Tabell, d: &mut Diagnos) -> Vec<(String, T, Arsrad)> {
    let k = Kolumnkarta::ny(t, &["post", "typ"], &["post", "typ"], true, d);
    let mut ut = Vec::new();
    for r in radlasare(t, &k) {
        let post = r.krav_text("post", d);
        let typ = r.krav_text("typ", d);
        let belopp = arsrad(&r, false, d);
        let (Some(post), Some(typ)) = (post, typ) else { continue };
        match T::tolka(&typ) {
            Some(typ) => ut.push((post, typ, belopp)),
            None => d.fel(r.fel_i("typ", format!("okänd typ \"{typ}\": ska vara {}", T::tillatna()))),
        }
    }
    ut
}

fn pension(t: &Tabell, planar: &[Ar], d: &mut Diagnos) -> Vec<Pensionspost> {
    let ut: Vec<Pensionspost> =
        poster(t, d).into_iter().map(|(post, typ, belopp)| Pensionspost { post, typ, belopp }).collect();
    // A pension provision is a level per year. MODELL §12 defines a year
    // without a level (ΔAV is 0 there), so a gap is no error — but it is
    // seldom meant: a warning names each.
    for p in ut.iter().filter(|p| p.typ == Pensionstyp::Avsattning) {
        for &t in planar.iter().filter(|&&t| p.belopp.get(t).is_none()) {
            let mut v = p.belopp.saknas(t, &format!("avsättningen {} (en nivå per år)", p.post));
            v.meddelande = format!(
                "värde saknas för avsättningen {} {t}: förändringen av avsättningen räknas som 0 det året och året efter",
                p.post
            );
            d.varning(v);
        }
    }
    ut
}

fn centrala_poster(t: &Tabell, d: &mut Diagnos) -> Vec<Centralpost> {
    poster(t, d).into_iter().map(|(post, typ, belopp)| Centralpost { post, typ, belopp }).collect()
}

/// Every plan year's amount must be there (0 where nothing changes).
fn alla_planar(belopp: &Arsrad, planar: &[Ar], vad: &str, d: &mut Diagnos) {
    for &t in planar {
        if belopp.get(t).is_none() {
            d.fel(belopp.saknas(t, vad));
        }
    }
}

fn kanda(t: &Tabell, index: &NamndIndex, planar: &[Ar], d: &mut Diagnos) -> Vec<KandForandring> {
    let k = Kolumnkarta::ny(t, &["namnd", "beskrivning"], &["namnd", "beskrivning"], true, d);
    let mut ut = Vec::new();
    for r in radlasare(t, &k) {
        let namnd = index.las(&r, d);
        let beskrivning = r.krav_text("beskrivning", d);
        let belopp = arsrad(&r, false, d);
        alla_planar(&belopp, planar, "den kända förändringens belopp (0 om inget ändras)", d);
        if let (Some(namnd), Some(beskrivning)) = (namnd, beskrivning) {
            ut.push(KandForandring { namnd, beskrivning, belopp });
        }
    }
    ut
}

fn vf(t: &Tabell, index: &NamndIndex, planar: &[Ar], d: &mut Diagnos) -> Vec<VfPost> {
    let budgetar = planar[0];
    let k = Kolumnkarta::ny(
        t,
        &[
            "namnd",
            "id",
            "rubrik",
            "typ",
            "prioritet",
            "kommunprioritet",
            "varde",
            "inriktningsmal",
            "perspektiv",
            "konsekvens",
        ],
        &["namnd", "id", "rubrik", "typ", "prioritet"],
        true,
        d,
    );
    let mut ut: Vec<VfPost> = Vec::new();
    let mut ids = HashSet::new();
    let mut prioriteter = HashSet::new();
    for r in radlasare(t, &k) {
        let namnd = index.las(&r, d);
        let id = r.krav_text("id", d);
        let rubrik = r.krav_text("rubrik", d);
        let typ = r.krav_text("typ", d).and_then(|x| {
            let typ = VfTyp::tolka(&x);
            if typ.is_none() {
                d.fel(r.fel_i("typ", format!("okänd typ \"{x}\": ska vara {}", VfTyp::tillatna())));
            }
            typ
        });
        let prioritet = positivt_heltal(&r, "prioritet", d);
        if prioritet.is_none() && r.text("prioritet").is_none() {
            d.fel(r.fel_i("prioritet", "värde saknas: ett heltal 1, 2, … förväntas"));
        }
        let kommunprioritet = positivt_heltal(&r, "kommunprioritet", d);
        let varde = match r.tal("varde", false, d) {
            Ok(Some(v)) if v.is_sign_negative() && !v.is_zero() => {
                d.fel(r.fel_i("varde", "värdet får inte vara negativt"));
                Decimal::ONE
            }
            Ok(Some(v)) => v,
            _ => Decimal::ONE,
        };
        let inriktningsmal = match r.heltal("inriktningsmal", d) {
            Ok(Some(v)) if (1..=5).contains(&v) => Some(v as u32),
            Ok(Some(_)) => {
                d.fel(r.fel_i("inriktningsmal", "inriktningsmål ska vara 1–5"));
                None
            }
            _ => None,
        };
        let perspektiv = r.text("perspektiv").and_then(|p| {
            let hit = PERSPEKTIV.iter().find(|x| normalisera(x) == normalisera(&p));
            if hit.is_none() {
                d.fel(r.fel_i("perspektiv", format!("okänt perspektiv \"{p}\": ska vara {}", PERSPEKTIV.join(", "))));
            }
            hit.map(|x| x.to_string())
        });
        let belopp = arsrad(&r, false, d);
        if let Some(typ) = typ {
            let kolumn = belopp.kolumner.get(&budgetar).cloned();
            match (belopp.get(budgetar), kolumn) {
                (Some(b), Some(kol)) => {
                    let fel_tecken = match typ {
                        VfTyp::Tillskott => b <= Decimal::ZERO,
                        VfTyp::Minskning => b >= Decimal::ZERO,
                    };
                    if fel_tecken {
                        let krav = if typ == VfTyp::Tillskott { "större än 0" } else { "mindre än 0" };
                        d.fel(r.plats().fel_i(
                            &kol,
                            format!("en {} ska vara {krav} budgetåret {budgetar}, inte {}", typ.namn(), b.normalize()),
                        ));
                    }
                }
                (None, Some(kol)) => d.fel(r.plats().fel_i(&kol, format!("beloppet för budgetåret {budgetar} saknas"))),
                (_, None) => d.fel(r.plats().fel(format!("kolumn för budgetåret {budgetar} saknas"))),
            }
            alla_planar(&belopp, &planar[1..], "VF-postens belopp (0 om posten inte gäller året)", d);
        }
        if let Some(id) = &id
            && !ids.insert(id.to_lowercase())
        {
            d.fel(r.fel_i("id", format!("id \"{id}\" finns två gånger")));
        }
        if let (Some(n), Some(ty), Some(p)) = (namnd, typ, prioritet)
            && !prioriteter.insert((n, ty, p))
        {
            d.fel(r.fel_i("prioritet", format!("prioritet {p} finns redan för nämndens {}", ty.namn())));
        }
        if let (Some(namnd), Some(id), Some(rubrik), Some(typ), Some(prioritet)) = (namnd, id, rubrik, typ, prioritet) {
            ut.push(VfPost {
                id,
                namnd,
                rubrik,
                typ,
                prioritet,
                belopp,
                kommunprioritet,
                varde,
                inriktningsmal,
                perspektiv,
                konsekvens: r.text("konsekvens"),
            });
        }
    }
    ut
}

fn positivt_heltal(r: &Radlasare<'_>, kolumn: &str, d: &mut Diagnos) -> Option<u32> {
    match r.heltal(kolumn, d) {
        Ok(Some(v)) if v >= 1 => Some(v as u32),
        Ok(Some(_)) => {
            d.fel(r.fel_i(kolumn, "ett heltal 1, 2, … förväntas"));
            None
        }
        _ => None,
    }
}

fn investeringar(t: &Tabell, index: &NamndIndex, d: &mut Diagnos) -> Vec<Investering> {
    let kol = ["id", "namnd", "projekt", "belopp", "aktiveringsar", "avskrivningstid"];
    let k = Kolumnkarta::ny(t, &kol, &kol, false, d);
    let mut ut: Vec<Investering> = Vec::new();
    let mut ids = HashSet::new();
    for r in radlasare(t, &k) {
        let id = r.krav_text("id", d);
        let namnd = index.las(&r, d);
        let projekt = r.krav_text("projekt", d);
        let belopp = r.krav_tal("belopp", false, d);
        if belopp.is_some_and(|b| b.is_sign_negative() && !b.is_zero()) {
            d.fel(r.fel_i("belopp", "investeringsbeloppet får inte vara negativt"));
        }
        let aktiveringsar = match r.heltal("aktiveringsar", d) {
            Ok(Some(a)) if (1900..=2199).contains(&a) => Some(a as Ar),
            Ok(Some(_)) => {
                d.fel(r.fel_i("aktiveringsar", "ett årtal förväntas"));
                None
            }
            Ok(None) => {
                d.fel(r.fel_i("aktiveringsar", "värde saknas: ett årtal förväntas"));
                None
            }
            Err(Redovisat) => None,
        };
        let avskrivningstid = match r.heltal("avskrivningstid", d) {
            Ok(Some(l)) if (1..=100).contains(&l) => Some(l as u32),
            Ok(_) => {
                d.fel(r.fel_i("avskrivningstid", "ett antal år 1–100 förväntas"));
                None
            }
            Err(Redovisat) => None,
        };
        if let Some(id) = &id
            && !ids.insert(id.to_lowercase())
        {
            d.fel(r.fel_i("id", format!("id \"{id}\" finns två gånger")));
        }
        if let (Some(id), Some(namnd), Some(projekt), Some(belopp), Some(aktiveringsar), Some(avskrivningstid)) =
            (id, namnd, projekt, belopp, aktiveringsar, avskrivningstid)
        {
            ut.push(Investering { id, namnd, projekt, belopp, aktiveringsar, avskrivningstid, plats: r.plats() });
        }
    }
    ut
}

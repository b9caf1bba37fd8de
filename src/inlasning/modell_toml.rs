//! `modell.toml`: the settings of a model and where its tables are.

use super::toml_varden::Toml;
use crate::fel::{Diagnos, Fel};
use crate::modell::{Balans, Fordelning, Indexmappning, Kapitalinstallningar, Koncern, Modell, Prognos};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use toml::de::DeTable;

/// The tables of a model: key in `[filer]`, default source, required.
pub const TABELLER: &[(&str, &str, bool)] = &[
    ("ramar", "ramar.csv", true),
    ("skr", "skr.csv", true),
    ("skatter_och_bidrag", "skatter-och-bidrag.csv", true),
    ("befolkning", "befolkning.csv", false),
    ("demografi", "demografi.csv", false),
    ("pension", "pension.csv", false),
    ("centrala_poster", "centrala-poster.csv", false),
    ("kanda_forandringar", "kanda-forandringar.csv", false),
    ("vf", "vf.csv", false),
    ("investeringar", "investeringar.csv", false),
];

/// One SKR prognosis of `[skr.prognoser.NYCKEL]`: its own skr and
/// skatter-och-bidrag tables, a label and a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prognosversion {
    pub nyckel: String,
    pub namn: String,
    pub datum: Option<String>,
    pub skr: Option<String>,
    pub skatter_och_bidrag: Option<String>,
}

/// Where the tables are: `[filer]`, and the named SKR prognoses with their own tables.
#[derive(Debug, Clone)]
pub struct Filval {
    /// Table key → (source as written, named explicitly in `[filer]`).
    pub filer: BTreeMap<&'static str, (String, bool)>,
    /// `[skr.prognoser.*]`, in file order.
    pub prognoser: Vec<Prognosversion>,
}

/// Reads the settings into a model without tables, and where its tables are;
/// `None` when they have errors (recorded in `d`).
pub fn las(fil: &str, text: &str, d: &mut Diagnos) -> Option<(Modell, Filval)> {
    let (dok, rot) = match Toml::las(fil, text) {
        Ok(x) => x,
        Err(f) => {
            d.fel(f);
            return None;
        }
    };
    let fel_fore = d.fel.len();
    let rot = rot.get_ref();
    let saknas = |d: &mut Diagnos, nyckel: &str| d.fel(Fel::new(fil, "nyckeln saknas men krävs").kolumn(nyckel));
    dok.okanda_nycklar(
        rot,
        "",
        &[
            "kommun",
            "period",
            "skatt",
            "mal",
            "avrundning",
            "fordelning",
            "befolkning",
            "index",
            "skr",
            "investeringar",
            "balans",
            "filer",
        ],
        false,
        d,
    );
    let tom = DeTable::new();
    let sektion = |namn: &str, d: &mut Diagnos| -> &DeTable<'_> {
        rot.get(namn).and_then(|v| dok.tabell(v, namn, d)).unwrap_or(&tom)
    };

    let kommun_t = sektion("kommun", d);
    dok.okanda_nycklar(kommun_t, "kommun", &["namn", "kod"], false, d);
    let kommun = match kommun_t.get("namn") {
        Some(v) => dok.text(v, "kommun.namn", d).unwrap_or_default(),
        None => {
            saknas(d, "kommun.namn");
            String::new()
        }
    };
    let kommunkod = kommun_t.get("kod").and_then(|v| dok.text(v, "kommun.kod", d));

    let period = sektion("period", d);
    dok.okanda_nycklar(period, "period", &["basar", "antal_ar"], false, d);
    let basar = match period.get("basar") {
        Some(v) => dok.heltal(v, "period.basar", 2000, 2099, d).unwrap_or(2000) as i32,
        None => {
            saknas(d, "period.basar");
            2000
        }
    };
    let antal_ar =
        period.get("antal_ar").map(|v| dok.heltal(v, "period.antal_ar", 1, 10, d).unwrap_or(3) as u32).unwrap_or(3);

    let skatt = sektion("skatt", d);
    dok.okanda_nycklar(skatt, "skatt", &["skattesats", "loneskatt_procent"], false, d);
    let skattesats = match skatt.get("skattesats") {
        Some(v) => match dok.tal(v, "skatt.skattesats", d) {
            Some(s) if s >= Decimal::ONE && s < Decimal::ONE_HUNDRED => s,
            Some(_) => {
                d.fel(dok.fel(
                    v.span(),
                    "skatt.skattesats",
                    "skattesatsen ska vara minst 1 och mindre än 100 (kr per 100 kr)",
                ));
                Decimal::ONE
            }
            None => Decimal::ONE,
        },
        None => {
            saknas(d, "skatt.skattesats");
            Decimal::ONE
        }
    };
    let loneskatt_procent = skatt
        .get("loneskatt_procent")
        .and_then(|v| icke_negativ(&dok, v, "skatt.loneskatt_procent", d))
        .unwrap_or(Decimal::new(2426, 2));

    let mal = sektion("mal", d);
    dok.okanda_nycklar(mal, "mal", &["resultat_procent"], false, d);
    let resultat_procent = match mal.get("resultat_procent") {
        Some(v) => dok.tal(v, "mal.resultat_procent", d).unwrap_or_default(),
        None => {
            saknas(d, "mal.resultat_procent");
            Decimal::ZERO
        }
    };

    let avrundning = sektion("avrundning", d);
    dok.okanda_nycklar(avrundning, "avrundning", &["enhet_tkr"], false, d);
    let enhet_tkr = match avrundning.get("enhet_tkr") {
        Some(v) => match dok.tal(v, "avrundning.enhet_tkr", d) {
            Some(e) if e > Decimal::ZERO => e,
            Some(_) => {
                d.fel(dok.fel(v.span(), "avrundning.enhet_tkr", "enheten ska vara större än 0 (1 = hela tkr)"));
                Decimal::ONE
            }
            None => Decimal::ONE,
        },
        None => Decimal::ONE,
    };

    let ford = sektion("fordelning", d);
    dok.okanda_nycklar(ford, "fordelning", &["regel"], false, d);
    let fordelning = match ford.get("regel") {
        Some(v) => dok
            .text(v, "fordelning.regel", d)
            .and_then(|t| Fordelning::tolka(&t).map_err(|m| d.fel(dok.fel(v.span(), "fordelning.regel", m))).ok())
            .unwrap_or_default(),
        None => Fordelning::default(),
    };

    let bef = sektion("befolkning", d);
    dok.okanda_nycklar(bef, "befolkning", &["invanare_1_november"], false, d);
    let invanare_1_november = match bef.get("invanare_1_november") {
        Some(v) => {
            let karta = dok.arskarta(v, "befolkning.invanare_1_november", d);
            for (ar, p) in &karta {
                if p.is_sign_negative() {
                    d.fel(dok.fel(
                        v.span(),
                        &format!("befolkning.invanare_1_november.{ar}"),
                        "negativt antal invånare",
                    ));
                }
            }
            karta
        }
        None => BTreeMap::new(),
    };

    let idx = sektion("index", d);
    dok.okanda_nycklar(idx, "index", &["personal", "po", "lokaler", "ovrigt", "intakter"], false, d);
    let mut index = Indexmappning::default();
    for (nyckel, falt) in [
        ("personal", &mut index.personal),
        ("po", &mut index.po),
        ("lokaler", &mut index.lokaler),
        ("ovrigt", &mut index.ovrigt),
        ("intakter", &mut index.intakter),
    ] {
        if let Some(t) = idx.get(nyckel).and_then(|v| dok.text(v, &format!("index.{nyckel}"), d)) {
            *falt = super::normalisera(&t);
        }
    }

    let skr = sektion("skr", d);
    dok.okanda_nycklar(skr, "skr", &["prognos", "anvand", "prognoser"], false, d);
    let skr_prognos = skr.get("prognos").and_then(|v| dok.text(v, "skr.prognos", d)).unwrap_or_default();
    let mut prognoser = Vec::new();
    if let Some(t) = skr.get("prognoser").and_then(|v| dok.tabell(v, "skr.prognoser", d)) {
        for (nyckel, v) in t {
            let prefix = format!("skr.prognoser.{}", nyckel.get_ref());
            let Some(p) = dok.tabell(v, &prefix, d) else { continue };
            dok.okanda_nycklar(p, &prefix, &["namn", "datum", "skr", "skatter_och_bidrag"], false, d);
            let text = |k: &str, d: &mut Diagnos| p.get(k).and_then(|v| dok.text(v, &format!("{prefix}.{k}"), d));
            let datum = p.get("datum").map(|v| match v.get_ref() {
                toml::de::DeValue::Datetime(dt) => dt.to_string(),
                _ => dok.text(v, &format!("{prefix}.datum"), d).unwrap_or_default(),
            });
            prognoser.push(Prognosversion {
                nyckel: nyckel.get_ref().to_string(),
                namn: text("namn", d).unwrap_or_else(|| nyckel.get_ref().to_string()),
                datum,
                skr: text("skr", d),
                skatter_och_bidrag: text("skatter_och_bidrag", d),
            });
        }
    }
    let prognos_i_bruk = match skr.get("anvand") {
        Some(v) => {
            let nyckel = dok.text(v, "skr.anvand", d);
            if let Some(n) = &nyckel
                && !prognoser.iter().any(|p| &p.nyckel == n)
            {
                let finns: Vec<&str> = prognoser.iter().map(|p| p.nyckel.as_str()).collect();
                d.fel(dok.fel(
                    v.span(),
                    "skr.anvand",
                    format!("prognosen \"{n}\" finns inte i [skr.prognoser] (finns: {})", finns.join(", ")),
                ));
            }
            nyckel
        }
        None => prognoser.last().map(|p| p.nyckel.clone()),
    };

    let inv = sektion("investeringar", d);
    dok.okanda_nycklar(
        inv,
        "investeringar",
        &["kapitalkostnad_i_ram", "laneranta", "lanefinansiering_procent"],
        false,
        d,
    );
    let kapitalkostnad_i_ram = inv
        .get("kapitalkostnad_i_ram")
        .and_then(|v| dok.sanningsvarde(v, "investeringar.kapitalkostnad_i_ram", d))
        .unwrap_or(true);
    let laneranta = inv.get("laneranta").and_then(|v| icke_negativ(&dok, v, "investeringar.laneranta", d));
    let lanefinansiering_procent = inv
        .get("lanefinansiering_procent")
        .and_then(|v| icke_negativ(&dok, v, "investeringar.lanefinansiering_procent", d))
        .unwrap_or(if laneranta.is_some() { Decimal::ONE_HUNDRED } else { Decimal::ZERO });

    let balans_nycklar = ["eget_kapital", "totala_tillgangar", "ansvarsforbindelse_pension"];
    let las_balans = |t: &DeTable<'_>, prefix: &str, d: &mut Diagnos| -> Option<Balans> {
        let mut v = [Decimal::ZERO; 3];
        let mut ok = true;
        for (i, n) in balans_nycklar.iter().enumerate() {
            let nyckel = format!("{prefix}.{n}");
            match t.get(*n).map(|x| dok.tal(x, &nyckel, d)) {
                Some(Some(x)) => v[i] = x,
                Some(None) => ok = false,
                None => {
                    d.fel(Fel::new(fil, "nyckeln saknas men krävs när soliditet ska beräknas").kolumn(nyckel));
                    ok = false;
                }
            }
        }
        if ok && v[1] <= Decimal::ZERO {
            d.fel(
                Fel::new(fil, "totala tillgångar ska vara större än 0").kolumn(format!("{prefix}.totala_tillgangar")),
            );
            ok = false;
        }
        ok.then_some(Balans { eget_kapital: v[0], totala_tillgangar: v[1], ansvarsforbindelse_pension: v[2] })
    };
    let (balans, koncern) = match rot.get("balans").and_then(|v| dok.tabell(v, "balans", d)) {
        Some(b) => {
            let mut kanda = balans_nycklar.to_vec();
            kanda.push("koncern");
            dok.okanda_nycklar(b, "balans", &kanda, false, d);
            let balans = las_balans(b, "balans", d);
            let koncern = b.get("koncern").and_then(|v| dok.tabell(v, "balans.koncern", d)).and_then(|k| {
                let mut kanda = balans_nycklar.to_vec();
                kanda.push("bolagens_resultat");
                dok.okanda_nycklar(k, "balans.koncern", &kanda, false, d);
                let bolagens_resultat = k
                    .get("bolagens_resultat")
                    .map(|v| dok.arskarta(v, "balans.koncern.bolagens_resultat", d))
                    .unwrap_or_default();
                las_balans(k, "balans.koncern", d).map(|balans| Koncern { balans, bolagens_resultat })
            });
            (balans, koncern)
        }
        None => (None, None),
    };

    let filer_t = sektion("filer", d);
    let kanda: Vec<&str> = TABELLER.iter().map(|t| t.0).collect();
    dok.okanda_nycklar(filer_t, "filer", &kanda, true, d);
    let mut filer = BTreeMap::new();
    for (nyckel, standard, _) in TABELLER {
        let namngiven = filer_t.get(*nyckel).and_then(|v| dok.text(v, &format!("filer.{nyckel}"), d));
        let namngiven_finns = namngiven.is_some();
        filer.insert(*nyckel, (namngiven.unwrap_or_else(|| standard.to_string()), namngiven_finns));
    }

    if d.fel.len() > fel_fore {
        return None;
    }
    let modell = Modell {
        kommun,
        kommunkod,
        basar,
        antal_ar,
        skattesats,
        loneskatt_procent,
        resultat_procent,
        enhet_tkr,
        fordelning,
        invanare_1_november,
        index,
        skr_prognos,
        prognoser: prognoser
            .iter()
            .map(|p| Prognos { nyckel: p.nyckel.clone(), namn: p.namn.clone(), datum: p.datum.clone() })
            .collect(),
        prognos_i_bruk,
        kapital: Kapitalinstallningar { kapitalkostnad_i_ram, laneranta, lanefinansiering_procent },
        balans,
        koncern,
        ..Modell::default()
    };
    Some((modell, Filval { filer, prognoser }))
}

fn icke_negativ(dok: &Toml<'_>, v: &super::toml_varden::Varde<'_>, nyckel: &str, d: &mut Diagnos) -> Option<Decimal> {
    let x = dok.tal(v, nyckel, d)?;
    if x.is_sign_negative() && !x.is_zero() {
        d.fel(dok.fel(v.span(), nyckel, "värdet får inte vara negativt"));
        return None;
    }
    Some(x)
}

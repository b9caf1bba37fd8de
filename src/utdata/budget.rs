//! The budget document (`ramverk budget`, MODELL §12) as a terminal summary
//! and as JSON: the keys of `forslag` plus the budget's own.

use super::enhet::Enhet;
use super::json::{Objekt, belopp, per_ar};
use super::text::Texttabell;
use crate::berakning::budget::Budget;
use crate::berakning::budget::driftbudget::Driftbudget;
use crate::berakning::budget::mal_och_medel::Malsumma;
use crate::modell::{Ar, Modell};
use crate::tal::{svensk, svensk_procent};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// Year → amount of a line of the document.
fn rad(m: &Modell, f: impl Fn(Ar) -> Decimal) -> Value {
    per_ar(&m.ar(), |t| belopp(f(t)))
}

fn malsumma(m: &Modell, s: &Malsumma, o: &mut Objekt) {
    o.insert("valda_tillskott".into(), belopp(s.valda_tillskott));
    o.insert("valda_minskningar".into(), belopp(s.valda_minskningar));
    o.insert("ej_valda_tillskott".into(), belopp(s.ej_valda_tillskott));
    o.insert("poster".into(), s.poster.iter().map(|&i| json!(m.vf[i].id)).collect());
}

fn driftbudget_json(d: &Driftbudget) -> Value {
    let mut o = Objekt::new();
    for (nyckel, v) in d.termer() {
        o.insert(nyckel.into(), belopp(v));
    }
    o.insert("ram".into(), belopp(d.ram));
    Value::Object(o)
}

pub fn json(b: &Budget<'_>) -> Value {
    let f = &b.forslag;
    let m = f.grund.modell;
    let mut doc = super::forslag::json(f);
    let Value::Object(o) = &mut doc else { return doc };
    let rb = &b.resultatbudget;
    o.insert(
        "resultatbudget".into(),
        json!({
            "verksamhetens_intakter": rad(m, |t| rb[&t].verksamhetens_intakter),
            "verksamhetens_kostnader": rad(m, |t| rb[&t].verksamhetens_kostnader),
            "avskrivningar": rad(m, |t| rb[&t].avskrivningar_rad()),
            "verksamhetens_nettokostnader": rad(m, |t| rb[&t].verksamhetens_nettokostnader),
            "skatteintakter": rad(m, |t| rb[&t].skatteintakter),
            "generella_statsbidrag_och_utjamning": rad(m, |t| rb[&t].statsbidrag),
            "verksamhetens_resultat": rad(m, |t| rb[&t].verksamhetens_resultat()),
            "finansiella_intakter": rad(m, |t| rb[&t].finansiella_intakter),
            "finansiella_kostnader": rad(m, |t| rb[&t].finansiella_kostnader),
            "arets_resultat": rad(m, |t| rb[&t].arets_resultat),
        }),
    );
    o.insert("investeringsutgifter".into(), rad(m, |t| b.investeringar[&t]));
    if let Some(bb) = &b.balansbudget {
        let a = |t: Ar| &bb.ar[&t];
        o.insert(
            "balansbudget".into(),
            json!({
                "anlaggningstillgangar": rad(m, |t| a(t).anlaggningstillgangar),
                "omsattningstillgangar": rad(m, |t| a(t).omsattningstillgangar),
                "summa_tillgangar": rad(m, |t| a(t).summa),
                "eget_kapital": rad(m, |t| a(t).eget_kapital),
                "avsattningar": rad(m, |t| a(t).avsattningar),
                "langfristiga_skulder": rad(m, |t| a(t).langfristiga_skulder),
                "kortfristiga_skulder": rad(m, |t| a(t).kortfristiga_skulder),
                "summa_eget_kapital_och_skulder": rad(m, |t| a(t).summa),
            }),
        );
        let i = &bb.ingaende;
        o.insert(
            "ingaende_balans".into(),
            json!({
                "ar": m.basar,
                "anlaggningstillgangar": belopp(i.anlaggningstillgangar),
                "omsattningstillgangar": belopp(i.omsattningstillgangar),
                "eget_kapital": belopp(i.eget_kapital),
                "avsattningar": belopp(i.avsattningar),
                "langfristiga_skulder": belopp(i.langfristiga_skulder),
                "kortfristiga_skulder": belopp(i.kortfristiga_skulder),
                "summa": belopp(i.summa),
            }),
        );
    }
    if let Some(kf) = &b.kassaflode {
        let mut k = Objekt::new();
        k.insert("lopande_verksamhet".into(), rad(m, |t| kf[&t].lopande_verksamhet));
        k.insert("investeringsverksamhet".into(), rad(m, |t| kf[&t].investeringsverksamhet));
        k.insert("finansieringsverksamhet".into(), rad(m, |t| kf[&t].finansieringsverksamhet));
        k.insert("arets_kassaflode".into(), rad(m, |t| kf[&t].arets_kassaflode));
        if m.balansposter.likvida_medel.is_some() {
            k.insert("likvida_medel".into(), rad(m, |t| kf[&t].likvida_medel.unwrap_or_default()));
        }
        o.insert("kassaflodesbudget".into(), Value::Object(k));
    }
    let nt = &b.nyckeltal;
    let mut n = Objekt::new();
    n.insert("resultat_procent".into(), rad(m, |t| nt.ar[&t].resultat_procent));
    n.insert("nettokostnadsandel".into(), rad(m, |t| nt.ar[&t].nettokostnadsandel));
    n.insert(
        "sjalvfinansieringsgrad".into(),
        per_ar(&m.ar(), |t| nt.ar[&t].sjalvfinansieringsgrad.map(belopp).unwrap_or(Value::Null)),
    );
    n.insert("intakter_per_invanare".into(), rad(m, |t| nt.ar[&t].intakter_per_invanare));
    n.insert("nettokostnad_per_invanare".into(), rad(m, |t| nt.ar[&t].nettokostnad_per_invanare));
    if b.balansbudget.is_some() {
        n.insert("skuld_per_invanare".into(), rad(m, |t| nt.ar[&t].skuld_per_invanare.unwrap_or_default()));
    }
    n.insert("skattesats".into(), belopp(nt.skattesats));
    o.insert("nyckeltal".into(), Value::Object(n));
    o.insert(
        "kanslighet".into(),
        b.kanslighet
            .iter()
            .map(|k| {
                json!({
                    "spak": k.spak.namn(),
                    "forandring": k.spak.forandring(),
                    "intakter": belopp(k.intakter),
                    "kostnader": belopp(k.kostnader),
                    "resultat": belopp(k.resultat),
                })
            })
            .collect(),
    );
    let mom = &b.mal_och_medel;
    let inriktningsmal: Vec<Value> = mom
        .inriktningsmal
        .iter()
        .map(|x| {
            let mut o = Objekt::new();
            o.insert("nr".into(), json!(x.nr));
            o.insert("namn".into(), json!(x.namn));
            malsumma(m, &x.summa, &mut o);
            Value::Object(o)
        })
        .collect();
    let perspektiv: Vec<Value> = mom
        .perspektiv
        .iter()
        .map(|x| {
            let mut o = Objekt::new();
            o.insert("perspektiv".into(), json!(x.perspektiv));
            malsumma(m, &x.summa, &mut o);
            Value::Object(o)
        })
        .collect();
    o.insert("mal_och_medel".into(), json!({"inriktningsmal": inriktningsmal, "perspektiv": perspektiv}));
    if let Some(Value::Array(namnder)) = o.get_mut("namnder") {
        for (x, d) in namnder.iter_mut().zip(&b.driftbudget) {
            if let Value::Object(x) = x {
                x.insert("driftbudget".into(), driftbudget_json(d));
            }
        }
    }
    doc
}

/// The readable summary: the resultatbudget, the financial targets met or
/// not, the key ratios, the sensitivity and the frames of the budget year.
pub fn text(b: &Budget<'_>, enhet: Enhet) -> String {
    let f = &b.forslag;
    let g = &f.grund;
    let m = g.modell;
    let ar = m.ar();
    let budgetar = m.budgetar();
    let mut ut = format!(
        "Budget {}–{} — {}, scenario {}, fördelning {}\nSKR-prognos: {}\nBelopp i {enhet}.\n\n",
        budgetar,
        m.sista_ar(),
        m.kommun,
        g.scenario.namn,
        f.urval.regel,
        m.skr_prognos
    );
    let rubriker = || std::iter::once(String::new()).chain(ar.iter().map(|a| a.to_string()));
    let belopp_rad = |t: &mut Texttabell, etikett: &str, v: &dyn Fn(Ar) -> Decimal| {
        t.rad(std::iter::once(etikett.to_string()).chain(ar.iter().map(|&a| enhet.text(v(a)))));
    };
    let procent_rad = |t: &mut Texttabell, etikett: &str, v: &dyn Fn(Ar) -> Option<Decimal>| {
        t.rad(
            std::iter::once(etikett.to_string())
                .chain(ar.iter().map(|&a| v(a).map(|x| svensk_procent(x, 1)).unwrap_or_else(|| "–".into()))),
        );
    };
    let rb = &b.resultatbudget;
    ut.push_str("Resultatbudget\n");
    let mut t = Texttabell::ny(rubriker());
    belopp_rad(&mut t, "Verksamhetens intäkter", &|a| rb[&a].verksamhetens_intakter);
    belopp_rad(&mut t, "Verksamhetens kostnader", &|a| rb[&a].verksamhetens_kostnader);
    belopp_rad(&mut t, "Avskrivningar", &|a| rb[&a].avskrivningar_rad());
    belopp_rad(&mut t, "Verksamhetens nettokostnader", &|a| rb[&a].verksamhetens_nettokostnader);
    belopp_rad(&mut t, "Skatteintäkter", &|a| rb[&a].skatteintakter);
    belopp_rad(&mut t, "Generella statsbidrag och utjämning", &|a| rb[&a].statsbidrag);
    belopp_rad(&mut t, "Verksamhetens resultat", &|a| rb[&a].verksamhetens_resultat());
    belopp_rad(&mut t, "Finansiella intäkter", &|a| rb[&a].finansiella_intakter);
    belopp_rad(&mut t, "Finansiella kostnader", &|a| rb[&a].finansiella_kostnader);
    belopp_rad(&mut t, "Årets resultat", &|a| rb[&a].arets_resultat);
    ut.push_str(&t.skriv());

    ut.push_str("\nFinansiella mål\n");
    let mut t = Texttabell::ny(rubriker());
    procent_rad(&mut t, "Resultat i % av skatter och bidrag", &|a| Some(f.resultat_procent[&a]));
    procent_rad(&mut t, "Mål", &|a| Some(g.ramutrymme[&a].resultatmal_procent));
    let uppfyllt = |v: bool| if v { "uppfyllt" } else { "ej uppfyllt" }.to_string();
    let mal = f.resultatmal_uppfyllt();
    t.rad(std::iter::once("Resultatmålet".to_string()).chain(ar.iter().map(|a| uppfyllt(mal[a]))));
    let krav = f.balanskrav_uppfyllt();
    t.rad(std::iter::once("Balanskravet (resultat ≥ 0)".to_string()).chain(ar.iter().map(|a| uppfyllt(krav[a]))));
    if let Some(k) = &f.kommun {
        procent_rad(&mut t, "Soliditet", &|a| Some(k.soliditet[&a]));
        procent_rad(&mut t, "Soliditet inkl. pensionsförpliktelser", &|a| Some(k.soliditet_inkl_pension[&a]));
    }
    if let Some(k) = &f.koncern {
        procent_rad(&mut t, "Soliditet, koncernen", &|a| Some(k.soliditet[&a]));
        procent_rad(&mut t, "Soliditet inkl. pensionsförpliktelser, koncernen", &|a| {
            Some(k.soliditet_inkl_pension[&a])
        });
    }
    ut.push_str(&t.skriv());

    ut.push_str("\nNyckeltal\n");
    let nt = &b.nyckeltal;
    let mut t = Texttabell::ny(rubriker());
    procent_rad(&mut t, "Nettokostnadsandel", &|a| Some(nt.ar[&a].nettokostnadsandel));
    procent_rad(&mut t, "Självfinansieringsgrad av investeringarna", &|a| nt.ar[&a].sjalvfinansieringsgrad);
    let kr_rad = |t: &mut Texttabell, etikett: &str, v: &dyn Fn(Ar) -> Decimal| {
        t.rad(std::iter::once(etikett.to_string()).chain(ar.iter().map(|&a| svensk(v(a), 0))));
    };
    kr_rad(&mut t, "Skatter och bidrag per invånare (kr)", &|a| nt.ar[&a].intakter_per_invanare);
    kr_rad(&mut t, "Nettokostnad per invånare (kr)", &|a| nt.ar[&a].nettokostnad_per_invanare);
    if b.balansbudget.is_some() {
        kr_rad(&mut t, "Långfristig skuld per invånare (kr)", &|a| nt.ar[&a].skuld_per_invanare.unwrap_or_default());
    }
    t.rad(["Skattesats (kr per 100 kr)".to_string(), svensk(nt.skattesats, 2)]);
    ut.push_str(&t.skriv());

    if let Some(bb) = &b.balansbudget {
        ut.push_str("\nBalansbudget\n");
        let mut t = Texttabell::ny(rubriker());
        belopp_rad(&mut t, "Anläggningstillgångar", &|a| bb.ar[&a].anlaggningstillgangar);
        belopp_rad(&mut t, "Omsättningstillgångar", &|a| bb.ar[&a].omsattningstillgangar);
        belopp_rad(&mut t, "Summa tillgångar", &|a| bb.ar[&a].summa);
        belopp_rad(&mut t, "Eget kapital", &|a| bb.ar[&a].eget_kapital);
        belopp_rad(&mut t, "Avsättningar", &|a| bb.ar[&a].avsattningar);
        belopp_rad(&mut t, "Långfristiga skulder", &|a| bb.ar[&a].langfristiga_skulder);
        belopp_rad(&mut t, "Kortfristiga skulder", &|a| bb.ar[&a].kortfristiga_skulder);
        belopp_rad(&mut t, "Summa eget kapital och skulder", &|a| bb.ar[&a].summa);
        ut.push_str(&t.skriv());
    }
    if let Some(kf) = &b.kassaflode {
        ut.push_str("\nKassaflödesbudget\n");
        let mut t = Texttabell::ny(rubriker());
        belopp_rad(&mut t, "Den löpande verksamheten", &|a| kf[&a].lopande_verksamhet);
        belopp_rad(&mut t, "Investeringsverksamheten", &|a| kf[&a].investeringsverksamhet);
        belopp_rad(&mut t, "Finansieringsverksamheten", &|a| kf[&a].finansieringsverksamhet);
        belopp_rad(&mut t, "Årets kassaflöde", &|a| kf[&a].arets_kassaflode);
        if m.balansposter.likvida_medel.is_some() {
            belopp_rad(&mut t, "Likvida medel vid årets slut", &|a| kf[&a].likvida_medel.unwrap_or_default());
        }
        ut.push_str(&t.skriv());
    }

    ut.push_str(&format!("\nKänslighetsanalys {budgetar} (påverkan på resultatet)\n"));
    let mut t = Texttabell::ny(["", "Förändring", "Intäkter", "Kostnader", "Resultat"]);
    for k in &b.kanslighet {
        t.rad([
            k.spak.beskrivning().to_string(),
            k.spak.forandring().to_string(),
            enhet.text(k.intakter),
            enhet.text(k.kostnader),
            enhet.text(k.resultat),
        ]);
    }
    ut.push_str(&t.skriv());

    ut.push_str(&format!("\nDriftbudget {budgetar}: ramar per nämnd\n"));
    let mut t = Texttabell::ny(["Nämnd", &format!("Ram {}", m.basar), &format!("Ram {budgetar}"), "Förändring"]);
    for (n, namnd) in m.namnder.iter().enumerate() {
        let d = &b.driftbudget[n];
        t.rad([
            format!("{} {}", namnd.id, namnd.namn),
            enhet.text(d.basram),
            enhet.text(d.ram),
            enhet.text(d.ram - d.basram),
        ]);
    }
    let (bas, ram): (Decimal, Decimal) = b
        .driftbudget
        .iter()
        .map(|d| (d.basram, d.ram))
        .fold((Decimal::ZERO, Decimal::ZERO), |(a, b), (x, y)| (a + x, b + y));
    t.rad(["Summa".to_string(), enhet.text(bas), enhet.text(ram), enhet.text(ram - bas)]);
    ut.push_str(&t.skriv());
    ut
}

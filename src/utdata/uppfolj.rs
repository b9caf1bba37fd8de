//! The month's follow-up (`ramverk uppfolj`, MODELL §13) as a table for the
//! meeting and as JSON (UTDATA.md, `uppfolj`).

use super::json::belopp;
use super::text::{Texttabell, radbryt};
use crate::berakning::forslag::Forslag;
use crate::berakning::uppfoljning::prognos::manadsnamn;
use crate::berakning::uppfoljning::utfall::Finansgrupp;
use crate::berakning::uppfoljning::{Namndrapport, Uppfoljningsrapport, upprakning};
use crate::modell::uppfoljning::{Bokforing, Prognosmetod, Utfallskalla};
use crate::tal::{svensk, svensk_procent};
use rust_decimal::Decimal;
use serde_json::{Value, json};

pub use super::enhet::Enhet as Visningsenhet;

/// What the writers need: the proposal the follow-up rests on (model,
/// scenario, rule, selection), the report, and the accounting read.
pub struct Uppfoljningsvy<'a, 'f> {
    pub f: &'a Forslag<'f>,
    pub r: &'a Uppfoljningsrapport,
    pub bok: &'a Bokforing,
    pub enhet: Visningsenhet,
}

/// A method as a reader says it.
pub fn metodnamn(m: Prognosmetod) -> &'static str {
    match m {
        Prognosmetod::Linjar => "linjär",
        Prognosmetod::Sasong => "säsong",
        Prognosmetod::Budget => "budget",
    }
}

/// `säsongsprognos`.
pub fn prognosnamn(m: Prognosmetod) -> &'static str {
    match m {
        Prognosmetod::Linjar => "linjär prognos",
        Prognosmetod::Sasong => "säsongsprognos",
        Prognosmetod::Budget => "prognos efter budgetens månadsprofil",
    }
}

/// Prose wrapped at 118 characters, each line ended.
fn stycke(text: &str) -> String {
    text.lines().flat_map(|l| radbryt(l, 118)).map(|l| l + "\n").collect()
}

/// `mars 2026`.
pub fn periodtext(r: &Uppfoljningsrapport) -> String {
    format!("{} {}", manadsnamn(r.period.manad), r.period.ar)
}

/// `januari–mars` (or `januari` alone).
pub fn manader_text(m: u32) -> String {
    if m <= 1 { manadsnamn(1).to_string() } else { format!("januari–{}", manadsnamn(m)) }
}

fn procent(v: Option<Decimal>) -> Value {
    v.map(belopp).unwrap_or(Value::Null)
}

fn manadskarta(v: &[Decimal]) -> Value {
    Value::Object(v.iter().enumerate().map(|(k, x)| ((k + 1).to_string(), belopp(*x))).collect())
}

pub fn json(v: &Uppfoljningsvy<'_, '_>) -> Value {
    let (f, r) = (v.f, v.r);
    let m = f.grund.modell;
    let namnder: Vec<Value> = r
        .namnder
        .iter()
        .map(|n| {
            let namnd = &m.namnder[n.namnd];
            let p = &n.atgardsplan;
            json!({
                "id": namnd.id,
                "namn": namnd.namn,
                "budget": belopp(n.budget),
                "budgetandringar": belopp(n.budgetandringar),
                "budget_justerad": belopp(n.budget_justerad),
                "utfall_manad": manadskarta(&n.utfall_manad),
                "utfall_ack": belopp(n.utfall_ack),
                "budget_ack": belopp(n.budget_ack),
                "budgetprofil": if n.budgetprofil.is_some() { "periodbudget" } else { "jamn" },
                "prognos_berakning": belopp(n.prognos_berakning),
                "prognos_namnd": n.prognos_namnd.map(belopp).unwrap_or(Value::Null),
                "prognos": belopp(n.prognos),
                "avvikelse": belopp(n.avvikelse),
                "avvikelse_procent": procent(n.avvikelse_procent),
                "metod": n.metod.namn(),
                "sasongsandel": n.sasongsandel.map(belopp).unwrap_or(Value::Null),
                "atgardsplan": {
                    "behovs": p.behovs,
                    "poster": p.poster.iter().map(|a| json!({
                        "id": m.vf[a.vf].id,
                        "rubrik": m.vf[a.vf].rubrik,
                        "belopp": belopp(a.belopp),
                        "effekt": belopp(a.effekt),
                    })).collect::<Vec<_>>(),
                    "summa": belopp(p.summa),
                    "otackt": belopp(p.otackt),
                },
            })
        })
        .collect();
    let s = &r.summa;
    let fin = &r.finansiering;
    let mut finansiering = serde_json::Map::new();
    for g in Finansgrupp::ALLA {
        finansiering.insert(format!("{}_ack", g.namn()), belopp(fin.ack(g)));
    }
    for g in Finansgrupp::ALLA {
        finansiering.insert(format!("{}_manad", g.namn()), manadskarta(fin.manader(g)));
    }
    let kallor: Vec<Value> = v
        .bok
        .filer
        .iter()
        .map(|fil| {
            json!({
                "fil": fil.namn,
                "kodning": fil.kodning.namn(),
                "utfall": fil.utfall.iter().map(|(ar, k)| (ar.to_string(), Value::from(match k {
                    Utfallskalla::Trans => "trans",
                    Utfallskalla::Psaldo => "psaldo",
                }))).collect::<serde_json::Map<_, _>>(),
                "budget": fil.budget,
                "antal_trans": fil.antal_trans,
            })
        })
        .collect();
    json!({
        "kommun": m.kommun,
        "kommunkod": m.kommunkod,
        "basar": m.basar,
        "ar": r.period.ar,
        "period": r.period.to_string(),
        "rapport": r.rapport,
        "metod": r.metod.namn(),
        "scenario": f.grund.scenario.namn,
        "fordelning": f.urval.regel.namn(),
        "skr_prognos": m.skr_prognos,
        "troskel_procent": belopp(m.uppfoljning.installningar.troskel_procent),
        "namnder": namnder,
        "summa": {
            "budget": belopp(s.budget),
            "budgetandringar": belopp(s.budgetandringar),
            "budget_justerad": belopp(s.budget_justerad),
            "utfall_ack": belopp(s.utfall_ack),
            "budget_ack": belopp(s.budget_ack),
            "prognos_berakning": belopp(s.prognos_berakning),
            "prognos": belopp(s.prognos),
            "avvikelse": belopp(s.avvikelse),
        },
        "ej_fordelat_utfall": belopp(r.ej_fordelat_utfall),
        "ej_fordelat": r.ej_fordelat.iter().map(|e| json!({
            "objekt": e.objekt,
            "namn": e.namn,
            "utfall_manad": manadskarta(&e.utfall_manad),
            "utfall_ack": belopp(e.utfall_ack),
        })).collect::<Vec<_>>(),
        "finansiering": finansiering,
        "resultat_budget": belopp(r.resultat_budget),
        "resultat_prognos": belopp(r.resultat_prognos),
        "resultat_procent_budget": procent(r.resultat_procent_budget),
        "resultat_procent_prognos": procent(r.resultat_procent_prognos),
        "resultatmal_procent": belopp(r.resultatmal_procent),
        "balanskrav_uppfyllt_budget": r.resultat_budget >= Decimal::ZERO,
        "balanskrav_uppfyllt_prognos": r.balanskrav_uppfyllt_prognos,
        "resultatmal_uppfyllt_prognos": resultatmal_uppfyllt(r),
        "sie": kallor,
        "varningar": r.varningar,
    })
}

/// Whether the forecast result reaches the result target (no target reached when `S(B) = 0`).
pub fn resultatmal_uppfyllt(r: &Uppfoljningsrapport) -> bool {
    r.resultat_procent_prognos.is_some_and(|p| crate::tal::utan_brus(p) >= r.resultatmal_procent)
}

pub fn text(v: &Uppfoljningsvy<'_, '_>) -> String {
    let (f, r, e) = (v.f, v.r, v.enhet);
    let m = f.grund.modell;
    let g = f.grund.scenario;
    let belopp = |x: Decimal| svensk(e.i_enhet(x), e.decimaler());
    let troskel = m.uppfoljning.installningar.troskel_procent;
    let mut ut = stycke(&format!(
        "{} {} — {}\nUtfall {} {}, helårsprognos och avvikelse mot budget per nämnd. Belopp i {}.\n\
         Prognosmetod: {}; scenario {}, fördelning {}; SKR-prognos: {}.\n\n",
        r.rapport,
        periodtext(r),
        m.kommun,
        manader_text(r.period.manad),
        r.period.ar,
        e.namn(),
        metodnamn(r.metod),
        g.namn,
        f.urval.regel,
        m.skr_prognos,
    ));
    let andringar = r.namnder.iter().any(|n| !n.budgetandringar.is_zero());
    let egna = r.namnder.iter().any(|n| n.prognos_namnd.is_some());
    let mut rubriker = vec!["Nämnd".to_string(), "Budget".to_string()];
    if andringar {
        rubriker.push("Ändringar".into());
    }
    rubriker.extend(["Utfall ack.".into(), "Budget ack.".into()]);
    if egna {
        rubriker.push("Beräknad".into());
    }
    rubriker.extend(["Prognos".into(), "Avvikelse".into(), "Avv. %".into(), "Åtgärdsplan".into()]);
    let mut t = Texttabell::ny(rubriker);
    let rad = |etikett: String, x: [Decimal; 6], egen: bool, avv_p: Option<Decimal>, flagga: &str| {
        let [budget, andr, ack, back, berakning, prognos] = x;
        let mut c = vec![etikett, belopp(budget)];
        if andringar {
            c.push(belopp(andr));
        }
        c.extend([belopp(ack), belopp(back)]);
        if egna {
            c.push(belopp(berakning));
        }
        c.extend([
            format!("{}{}", belopp(prognos), if egen { "*" } else { "" }),
            belopp(budget - prognos),
            avv_p.map(|p| svensk_procent(p, 1)).unwrap_or_else(|| "–".into()),
            flagga.to_string(),
        ]);
        c
    };
    for n in &r.namnder {
        let x = [n.budget_justerad, n.budgetandringar, n.utfall_ack, n.budget_ack, n.prognos_berakning, n.prognos];
        let flagga = if n.atgardsplan.behovs { "behövs" } else { "" };
        let egen = n.prognos_namnd.is_some();
        t.rad(rad(m.namnder[n.namnd].id.clone(), x, egen, n.avvikelse_procent, flagga));
    }
    let s = &r.summa;
    let summa_procent = crate::tal::kvot(s.avvikelse * Decimal::ONE_HUNDRED, s.budget_justerad);
    let x = [s.budget_justerad, s.budgetandringar, s.utfall_ack, s.budget_ack, s.prognos_berakning, s.prognos];
    t.rad(rad("Summa".into(), x, false, summa_procent, ""));
    ut.push_str(&t.skriv_inom(120));
    let namn: Vec<String> = m.namnder.iter().map(|n| format!("{} {}", n.id, n.namn)).collect();
    let metoder: Vec<String> = r
        .namnder
        .iter()
        .filter(|n| n.metod != r.metod)
        .map(|n| format!("{} {}", m.namnder[n.namnd].id, metodnamn(n.metod)))
        .collect();
    let undantag = if metoder.is_empty() { String::new() } else { format!(" (utom {})", upprakning(&metoder)) };
    ut.push_str(
        &format!(
            "{}.\nBudget: beslutad budget med budgetändringar till och med {}. Prognos: {}{undantag}{}. \
         Avvikelse: budget − prognos (negativ: underskott). En åtgärdsplan behövs vid underskott över {} av \
         budgeten.\n",
            upprakning(&namn),
            r.period,
            prognosnamn(r.metod),
            if egna { "; * = nämndens egen prognos" } else { "" },
            svensk_procent(troskel, troskel.normalize().scale().max(1)),
        )
        .lines()
        .flat_map(|l| radbryt(l, 118))
        .map(|l| l + "\n")
        .collect::<String>(),
    );

    // Åtgärdsplaner.
    let med_plan: Vec<&Namndrapport> = r.namnder.iter().filter(|n| n.atgardsplan.behovs).collect();
    if !med_plan.is_empty() {
        let kvar = 12 - r.period.manad.min(12);
        ut.push('\n');
        ut.push_str(&stycke(&format!(
            "Åtgärdsplaner: nämndens ej valda minskningar ur VF-listan i prioritetsordning, med effekt för \
             resten av året ({kvar} av 12 månader)."
        )));
        let mut a = Texttabell::ny(["Nämnd", "Åtgärd", "Rubrik", "Helår", "Resten av året"]);
        for n in &med_plan {
            let namnd = &m.namnder[n.namnd];
            let plan = &n.atgardsplan;
            for x in &plan.poster {
                let p = &m.vf[x.vf];
                a.rad([namnd.id.clone(), p.id.clone(), p.rubrik.clone(), belopp(x.belopp), belopp(x.effekt)]);
            }
            if plan.poster.is_empty() {
                let varfor =
                    if r.period.manad >= 12 { "inget kan sparas i december" } else { "inga ej valda minskningar" };
                a.rad([namnd.id.clone(), String::new(), varfor.to_string(), String::new(), String::new()]);
            }
            a.rad([
                namnd.id.clone(),
                String::new(),
                format!("Summa åtgärder (avvikelse {})", belopp(n.avvikelse)),
                String::new(),
                belopp(plan.summa),
            ]);
            a.rad([namnd.id.clone(), String::new(), "Otäckt".to_string(), String::new(), belopp(plan.otackt)]);
        }
        ut.push_str(&a.skriv_inom(120));
    }

    // Ej fördelat utfall.
    if !r.ej_fordelat.is_empty() || !r.ej_fordelat_utfall.is_zero() {
        let delar: Vec<String> = r
            .ej_fordelat
            .iter()
            .map(|x| {
                let namn = match (&x.objekt, &x.namn) {
                    (Some(o), Some(n)) => format!("objekt {o} {n}"),
                    (Some(o), None) => format!("objekt {o}"),
                    (None, _) => "utan objekt".to_string(),
                };
                format!("{namn} {}", belopp(x.utfall_ack))
            })
            .collect();
        let text = format!(
            "Ej fördelat utfall {} {}: {} {} på verksamhetskonton som inte hör till någon nämnd enligt ansvar ({}).",
            manader_text(r.period.manad),
            r.period.ar,
            belopp(r.ej_fordelat_utfall),
            e.namn(),
            upprakning(&delar)
        );
        ut.push('\n');
        for l in radbryt(&text, 118) {
            ut.push_str(&l);
            ut.push('\n');
        }
    }

    // Kommunens resultat.
    let ru = &f.grund.ramutrymme[&r.period.ar];
    ut.push_str(&format!("\nKommunens resultat {} ({}):\n", r.period.ar, e.namn()));
    let mut k = Texttabell::ny(["", "Budget", "Prognos"]);
    let tva = |x: Decimal| [belopp(x), belopp(x)];
    let rad2 = |t: &mut Texttabell, etikett: &str, v: [String; 2]| {
        let [a, b] = v;
        t.rad([etikett.to_string(), a, b]);
    };
    rad2(&mut k, "Skatter och generella statsbidrag", tva(ru.skatter_och_bidrag));
    rad2(&mut k, "− Pensionskostnader", tva(ru.pension));
    rad2(&mut k, "− Centrala poster", tva(ru.centrala_poster));
    rad2(&mut k, "− Nämndernas nettokostnad", [belopp(s.budget_justerad), belopp(s.prognos)]);
    rad2(&mut k, "= Resultat", [belopp(r.resultat_budget), belopp(r.resultat_prognos)]);
    let p = |x: Option<Decimal>| x.map(|v| svensk_procent(v, 1)).unwrap_or_else(|| "–".into());
    rad2(&mut k, "Resultat i % av skatter och bidrag", [p(r.resultat_procent_budget), p(r.resultat_procent_prognos)]);
    let mal = svensk_procent(r.resultatmal_procent, r.resultatmal_procent.normalize().scale().max(1));
    rad2(&mut k, "Resultatmål", [mal.clone(), mal]);
    let uppfyllt = |b: bool| if b { "uppfyllt" } else { "ej uppfyllt" }.to_string();
    rad2(
        &mut k,
        "Balanskravet",
        [uppfyllt(r.resultat_budget >= Decimal::ZERO), uppfyllt(r.balanskrav_uppfyllt_prognos)],
    );
    ut.push_str(&k.skriv());

    // Finansiering hittills.
    let fin = &r.finansiering;
    ut.push_str(
        &format!(
            "\nFinansiering, utfall {} {} ({}): skatteintäkter {}, generella statsbidrag och utjämning {}, \
         finansiella intäkter {}, finansiella kostnader {}.\n",
            manader_text(r.period.manad),
            r.period.ar,
            e.namn(),
            belopp(fin.ack(Finansgrupp::Skatteintakter)),
            belopp(fin.ack(Finansgrupp::Statsbidrag)),
            belopp(fin.ack(Finansgrupp::FinansiellaIntakter)),
            belopp(fin.ack(Finansgrupp::FinansiellaKostnader)),
        )
        .lines()
        .flat_map(|l| radbryt(l, 118))
        .map(|l| l + "\n")
        .collect::<String>(),
    );

    ut.push('\n');
    for l in radbryt(&format!("Bedömning: {}", omdome(v)), 100) {
        ut.push_str(&l);
        ut.push('\n');
    }
    if !r.varningar.is_empty() {
        ut.push_str("\nVarningar:\n");
        for w in &r.varningar {
            for (i, l) in radbryt(w, 114).into_iter().enumerate() {
                ut.push_str(if i == 0 { "  – " } else { "    " });
                ut.push_str(&l);
                ut.push('\n');
            }
        }
    }
    ut
}

/// The verdict in words: the forecast result against budget, target and
/// balanskrav; the nämnder that need an åtgärdsplan and what stays uncovered.
pub fn omdome(v: &Uppfoljningsvy<'_, '_>) -> String {
    let (r, e) = (v.r, v.enhet);
    let m = v.f.grund.modell;
    let belopp = |x: Decimal| format!("{} {}", svensk(e.i_enhet(x), e.decimaler()), e.namn());
    let mut meningar = Vec::new();
    let skillnad = r.resultat_prognos - r.resultat_budget;
    let jamfort = if skillnad.is_zero() {
        "samma som i budgeten".to_string()
    } else if skillnad < Decimal::ZERO {
        format!("{} sämre än budgeten", belopp(-skillnad))
    } else {
        format!("{} bättre än budgeten", belopp(skillnad))
    };
    let procent = r.resultat_procent_prognos.map(|p| format!(" ({})", svensk_procent(p, 1))).unwrap_or_default();
    meningar.push(format!("Prognosen ger ett resultat på {}{procent}, {jamfort}.", belopp(r.resultat_prognos)));
    let mal = svensk_procent(r.resultatmal_procent, r.resultatmal_procent.normalize().scale().max(1));
    meningar.push(if resultatmal_uppfyllt(r) {
        format!("Resultatmålet ({mal}) nås.")
    } else {
        format!("Resultatmålet ({mal}) nås inte.")
    });
    meningar.push(if r.balanskrav_uppfyllt_prognos {
        "Balanskravet uppfylls.".to_string()
    } else {
        "Balanskravet uppfylls inte: resultatet blir negativt.".to_string()
    });
    let planer: Vec<&Namndrapport> = r.namnder.iter().filter(|n| n.atgardsplan.behovs).collect();
    if planer.is_empty() {
        meningar.push("Ingen nämnd behöver en åtgärdsplan.".to_string());
    } else {
        let id: Vec<String> = planer.iter().map(|n| m.namnder[n.namnd].id.clone()).collect();
        let otackt: Decimal = planer.iter().map(|n| n.atgardsplan.otackt).sum();
        let antal = if planer.len() == 1 { "En nämnd behöver" } else { "Nämnderna behöver" };
        let pronomen = if planer.len() == 1 { "en åtgärdsplan" } else { "åtgärdsplaner" };
        let rest = if otackt.is_zero() {
            "; de ej valda minskningarna täcker underskotten".to_string()
        } else {
            format!("; efter åtgärderna kvarstår {} otäckt", belopp(otackt))
        };
        meningar.push(format!("{antal} {pronomen}: {}{rest}.", upprakning(&id)));
    }
    meningar.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn enheter() {
        assert_eq!(Visningsenhet::tolka("MNKR"), Ok(Visningsenhet::Mnkr));
        assert_eq!(Visningsenhet::tolka("tkr"), Ok(Visningsenhet::Tkr));
        assert!(Visningsenhet::tolka("kr").unwrap_err().contains("tkr eller mnkr"));
        assert_eq!(Visningsenhet::Mnkr.i_enhet(dec!(1234.5)), dec!(1.2345));
        assert_eq!(manader_text(1), "januari");
        assert_eq!(manader_text(8), "januari–augusti");
    }
}

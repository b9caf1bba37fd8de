//! *Resultatbudget*: the income statement of the budget year and the plan
//! years, with its notes. Each line of the statement is the sum of its note
//! (a live formula), each subtotal a sum of lines; the notes' rows are the
//! amounts ramverk computed (MODELL §12).

use super::{Form, RESULTATBUDGET, Stil, V, arsrad, summa_v, summaformel};
use crate::berakning::budget::Budget;
use crate::berakning::budget::resultatbudget::{
    Resultatbudgetar, extern_ranta, namndernas_intakter, nya_avskrivningar, resultatrader,
};
use crate::fel::Avbrott;
use crate::modell::{Ar, Arsbelopp, Centraltyp, Resultatrad};
use crate::utdata::arbetsbok::{Arbetsbok, Arsceller, Blad, Kolumn, Kolumner};
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum K {
    Post,
    Not,
    Ar(Ar),
}

/// The statement's lines, for the other sheets.
#[derive(Debug, Clone, Default)]
pub struct Resultatceller {
    pub verksamhetens_nettokostnader: Arsceller,
    /// The line Avskrivningar (negative).
    pub avskrivningar: Arsceller,
    pub skatteintakter: Arsceller,
    pub statsbidrag: Arsceller,
    pub finansiella_intakter: Arsceller,
    pub finansiella_kostnader: Arsceller,
    pub arets_resultat: Arsceller,
}

/// A note: its rows (label, tkr per year) and its total.
struct Not {
    nr: u32,
    rubrik: String,
    rader: Vec<(String, Arsbelopp)>,
    summa: String,
}

/// The statement's lines in order, by the note they sum (0: a subtotal).
const RADER: usize = 12;

pub fn blad(bok: &Arbetsbok, bu: &Budget<'_>, stil: &Stil) -> Result<(Blad, Resultatceller), Avbrott> {
    let f = &bu.forslag;
    let g = &f.grund;
    let m = g.modell;
    let ar = m.ar();
    let mut kol = Kolumner::ny()
        .med(K::Post, Kolumn::ny(format!("Resultatbudget, {}", stil.enhet), 58.0))
        .med(K::Not, Kolumn::ny("Not", 6.0));
    for &t in &ar {
        kol.lagg_till(K::Ar(t), Kolumn::tal(super::arsrubrik(bu, t)));
    }
    let mut b = bok.nytt_blad(RESULTATBUDGET, &kol.kolumner(), 1)?;
    super::rubriker(&mut b, 0, &kol, |k| matches!(k, K::Ar(_)))?;
    let rb = &bu.resultatbudget;
    let per_ar = |v: &dyn Fn(Ar) -> Decimal| -> Arsbelopp { ar.iter().map(|&t| (t, v(t))).collect() };
    let noll = |k: &Arsbelopp| k.values().all(|v| v.is_zero());

    // The notes, computed first: the statement refers to their totals.
    let antal = m.centrala_poster.len();
    let centrala = |typ: Centraltyp, tecken: i32| -> Vec<(String, Arsbelopp)> {
        (0..antal)
            .filter(|&i| m.centrala_poster[i].typ == typ)
            .map(|i| {
                let k = per_ar(&|t| {
                    let v = g.ramutrymme[&t].centrala[i].belopp;
                    if (tecken < 0 && v < Decimal::ZERO) || (tecken > 0 && v > Decimal::ZERO) {
                        -v
                    } else {
                        Decimal::ZERO
                    }
                });
                (m.centrala_poster[i].post.clone(), k)
            })
            .filter(|(_, k)| !noll(k))
            .collect()
    };
    let mut intakter =
        vec![("Nämndernas avgifter, taxor och andra intäkter".to_string(), per_ar(&|t| namndernas_intakter(f, t)))];
    intakter.extend(centrala(Centraltyp::Verksamhet, -1));
    let mut kostnader = vec![
        ("Nämndernas ramar (nettokostnad)".to_string(), per_ar(&|t| -f.ramar.iter().map(|r| r[&t]).sum::<Decimal>())),
        ("Nämndernas intäkter, som ramarna är beräknade efter".to_string(), per_ar(&|t| -namndernas_intakter(f, t))),
        (
            "Pensionskostnader utanför nämndernas ramar, med löneskatt".to_string(),
            per_ar(&|t| {
                -g.ramutrymme[&t]
                    .pensionsposter
                    .iter()
                    .filter(|p| p.typ != "finansiell")
                    .map(|p| p.belopp)
                    .sum::<Decimal>()
            }),
        ),
    ];
    kostnader.extend(centrala(Centraltyp::Verksamhet, 1));
    let kapital =
        per_ar(&|t| extern_ranta(f, t) - g.ramutrymme[&t].centrala[antal..].iter().map(|p| p.belopp).sum::<Decimal>());
    if !noll(&kapital) {
        let etikett = if m.kapital.kapitalkostnad_i_ram {
            "Internränta i nämndernas ramar, intäkt för finansförvaltningen"
        } else {
            "Avskrivningar på nya investeringar, i finansförvaltningen"
        };
        kostnader.push((etikett.to_string(), kapital));
    }
    kostnader.push(("Avskrivningar, som redovisas på egen rad".to_string(), per_ar(&|t| rb[&t].avskrivningar)));
    let mut avskrivningar =
        vec![("Avskrivningar på nya investeringar".to_string(), per_ar(&|t| nya_avskrivningar(f, t)))];
    if !m.balansposter.avskrivningar_befintliga.is_empty() {
        let bef = &m.balansposter.avskrivningar_befintliga;
        avskrivningar.push((
            "Avskrivningar på befintliga tillgångar".to_string(),
            per_ar(&|t| bef.get(&t).copied().unwrap_or_default()),
        ));
    }
    let poster = |rad: Resultatrad| -> Vec<(String, Arsbelopp)> {
        let b = m.budgetar();
        let rader = resultatrader(f, b);
        g.intakter[&b]
            .poster
            .iter()
            .enumerate()
            .filter(|(i, _)| rader[*i] == rad)
            .map(|(i, p)| (p.post.clone(), per_ar(&|t| g.intakter[&t].poster[i].belopp)))
            .collect()
    };
    let fin_intakter = centrala(Centraltyp::Finans, -1);
    let mut fin_kostnader = centrala(Centraltyp::Finans, 1);
    let pension_fin = per_ar(&|t| {
        -g.ramutrymme[&t].pensionsposter.iter().filter(|p| p.typ == "finansiell").map(|p| p.belopp).sum::<Decimal>()
    });
    if !noll(&pension_fin) {
        fin_kostnader.push(("Finansiell kostnad för pensioner, med löneskatt".to_string(), pension_fin));
    }
    let ext = per_ar(&|t| -extern_ranta(f, t));
    if m.kapital.laneranta.is_some() && !m.investeringar.is_empty() {
        fin_kostnader.push(("Räntekostnad för lån till nya investeringar".to_string(), ext));
    }
    let noter = [
        Not {
            nr: 1,
            rubrik: "Verksamhetens intäkter".into(),
            rader: intakter,
            summa: "Summa verksamhetens intäkter".into(),
        },
        Not {
            nr: 2,
            rubrik: "Verksamhetens kostnader".into(),
            rader: kostnader,
            summa: "Summa verksamhetens kostnader".into(),
        },
        Not { nr: 3, rubrik: "Avskrivningar".into(), rader: avskrivningar, summa: "Summa avskrivningar".into() },
        Not {
            nr: 4,
            rubrik: "Skatteintäkter".into(),
            rader: poster(Resultatrad::Skatteintakter),
            summa: "Summa skatteintäkter".into(),
        },
        Not {
            nr: 5,
            rubrik: "Generella statsbidrag och utjämning".into(),
            rader: poster(Resultatrad::Statsbidrag),
            summa: "Summa generella statsbidrag och utjämning".into(),
        },
        Not {
            nr: 6,
            rubrik: "Finansiella intäkter".into(),
            rader: fin_intakter,
            summa: "Summa finansiella intäkter".into(),
        },
        Not {
            nr: 7,
            rubrik: "Finansiella kostnader".into(),
            rader: fin_kostnader,
            summa: "Summa finansiella kostnader".into(),
        },
    ];

    // Leave room for the statement, write the notes below it, then the statement.
    let start = b.rad();
    b.rad = start + RADER as u32 + 1;
    b.avsnitt("Noter")?;
    let mut summor: Vec<Arsceller> = Vec::new();
    for not in &noter {
        b.tom_rad();
        b.avsnitt(&format!("Not {}. {}", not.nr, not.rubrik))?;
        let mut celler = Vec::new();
        for (etikett, k) in &not.rader {
            celler.push(arsrad(&mut b, &kol, K::Post, etikett, 1, stil, Form::Belopp, &ar, K::Ar, |t, _| {
                V::Tal(stil.belopp(k[&t]))
            })?);
        }
        let refs: Vec<&Arsceller> = celler.iter().collect();
        let summa = arsrad(&mut b, &kol, K::Post, &not.summa, 0, stil, Form::Summa, &ar, K::Ar, |t, blad| {
            let v: Decimal = not.rader.iter().map(|(_, k)| stil.belopp(k[&t])).sum();
            match summaformel(&refs, t, blad) {
                Some(f) => V::Formel(f, v),
                None => V::Tal(v),
            }
        })?;
        summor.push(summa);
    }
    let slut = b.rad();
    b.rad = start;

    let rad = |b: &mut Blad, etikett: &str, not: Option<u32>, form: Form, cell: &dyn Fn(Ar, &str) -> V| {
        let c = arsrad(b, &kol, K::Post, etikett, 0, stil, form, &ar, K::Ar, cell)?;
        if let Some(n) = not {
            let r = b.rad() - 1;
            b.text(r, kol.kol(K::Not), &n.to_string())?;
        }
        Ok::<Arsceller, Avbrott>(c)
    };
    let fran_not = |i: usize, tecken: &'static str, v: fn(&Resultatbudgetar) -> Decimal| {
        let summor = &summor;
        move |t: Ar, blad: &str| V::Formel(format!("={tecken}{}", summor[i][&t].i(blad)), stil.belopp(v(&rb[&t])))
    };
    let vi =
        rad(&mut b, "Verksamhetens intäkter", Some(1), Form::Belopp, &fran_not(0, "", |r| r.verksamhetens_intakter))?;
    let vk =
        rad(&mut b, "Verksamhetens kostnader", Some(2), Form::Belopp, &fran_not(1, "", |r| r.verksamhetens_kostnader))?;
    let avs = rad(&mut b, "Avskrivningar", Some(3), Form::Belopp, &fran_not(2, "-", |r| r.avskrivningar_rad()))?;
    let vnk = rad(&mut b, "Verksamhetens nettokostnader", None, Form::Summa, &|t, blad| {
        summa_v(&[&vi, &vk, &avs], t, blad, stil.belopp(rb[&t].verksamhetens_nettokostnader))
    })?;
    let ski = rad(&mut b, "Skatteintäkter", Some(4), Form::Belopp, &fran_not(3, "", |r| r.skatteintakter))?;
    let gsu =
        rad(&mut b, "Generella statsbidrag och utjämning", Some(5), Form::Belopp, &fran_not(4, "", |r| r.statsbidrag))?;
    let vr = rad(&mut b, "Verksamhetens resultat", None, Form::Summa, &|t, blad| {
        summa_v(&[&vnk, &ski, &gsu], t, blad, stil.belopp(rb[&t].verksamhetens_resultat()))
    })?;
    let fi = rad(&mut b, "Finansiella intäkter", Some(6), Form::Belopp, &fran_not(5, "", |r| r.finansiella_intakter))?;
    let fk =
        rad(&mut b, "Finansiella kostnader", Some(7), Form::Belopp, &fran_not(6, "", |r| r.finansiella_kostnader))?;
    let resultat = rad(&mut b, "Årets resultat", None, Form::Summa, &|t, blad| {
        summa_v(&[&vr, &fi, &fk], t, blad, stil.belopp(rb[&t].arets_resultat))
    })?;
    b.tom_rad();
    rad(
        &mut b,
        "Årets resultat i procent av skatteintäkter och generella statsbidrag",
        None,
        Form::Procent(1),
        &|t, blad| {
            V::Formel(
                format!("={}/({}+{})", resultat[&t].i(blad), ski[&t].i(blad), gsu[&t].i(blad)),
                f.resultat_procent[&t],
            )
        },
    )?;
    debug_assert_eq!(b.rad(), start + RADER as u32);
    b.rad = slut;
    b.tom_rad();
    b.anteckning(&format!(
        "{}. Intäkter är positiva och kostnader negativa. Verksamhetens kostnader är nämndernas ramar och de \
         kostnader som ligger utanför ramarna; avskrivningarna, som också finns i ramarna, redovisas på egen rad.",
        stil.enhetstext()
    ))?;
    Ok((
        b,
        Resultatceller {
            verksamhetens_nettokostnader: vnk,
            avskrivningar: avs,
            skatteintakter: ski,
            statsbidrag: gsu,
            finansiella_intakter: fi,
            finansiella_kostnader: fk,
            arets_resultat: resultat,
        },
    ))
}

//! MODELL §4: kostnad för befintlig verksamhet — what today's operations cost
//! each nämnd in the plan years — as a list of terms that add up exactly, so
//! `forklara` can show how every figure is built, and the glapp.

use super::Grund;
use super::demografi::{self, Demografilinje};
use super::serier::Serier;
use crate::fel::Diagnos;
use crate::modell::{Ar, Arsbelopp, Scenario};
use crate::tal::{faktor, kvot};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What kind of term of KB(n,t) a term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Termtyp {
    /// Personnel, premises, other costs and revenues indexed (or ram·PKV).
    Index,
    Demografi,
    Kand,
    Kapital,
    /// −EFF(n,t): the general efficiency demand (negative).
    Effektivisering,
    /// A selected VF item (a frame's term beyond KB, MODELL §6).
    Vf,
}

impl Termtyp {
    pub fn namn(self) -> &'static str {
        match self {
            Termtyp::Index => "index",
            Termtyp::Demografi => "demografi",
            Termtyp::Kand => "kanda",
            Termtyp::Kapital => "kapital",
            Termtyp::Effektivisering => "effektivisering",
            Termtyp::Vf => "vf",
        }
    }
}

/// One term of a nämnd's cost for a year, named in Swedish.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub typ: Termtyp,
    pub namn: String,
    pub belopp: Decimal,
    /// The named quantities the amount was computed from, for the audit trail.
    pub underlag: Vec<(&'static str, Decimal)>,
}

/// The cumulative factors of §4 per year (1 for t0).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Indexfaktorer {
    pub lon: Arsbelopp,
    pub lokaler: Arsbelopp,
    pub ovrigt: Arsbelopp,
    pub intakter: Arsbelopp,
    pub pkv: Arsbelopp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Namndkostnad {
    /// The terms of KB(n,t) per plan year; KB is exactly their sum.
    pub termer: BTreeMap<Ar, Vec<Term>>,
    /// KB(n,t).
    pub kostnad: Arsbelopp,
    pub demografi: Vec<Demografilinje>,
}

impl Namndkostnad {
    /// The sum of one kind of term in year t (effektivisering as the positive EFF).
    pub fn del(&self, t: Ar, typ: Termtyp) -> Decimal {
        let s: Decimal = self.termer[&t].iter().filter(|x| x.typ == typ).map(|x| x.belopp).sum();
        if typ == Termtyp::Effektivisering { -s } else { s }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Befintlig {
    pub faktorer: Indexfaktorer,
    pub namnder: Vec<Namndkostnad>,
    /// G(t) = U(t) − Σn KB(n,t).
    pub glapp: Arsbelopp,
}

impl Befintlig {
    /// §1–5 and §8 for one model and scenario: the ground and the cost;
    /// every problem reported together.
    pub fn berakna<'a>(
        modell: &'a crate::modell::Modell,
        scenario: &'a Scenario,
    ) -> Result<(Grund<'a>, Befintlig), crate::fel::Felrapport> {
        let mut d = Diagnos::default();
        let grund = Grund::berakna_med(modell, scenario, &mut d);
        let b = berakna(&grund, &mut d);
        d.resultat((grund, b))
    }

    /// Σn KB(n,t).
    pub fn summa(&self, t: Ar) -> Decimal {
        self.namnder.iter().map(|n| n.kostnad[&t]).sum()
    }
}

/// Flon, Flok, Fovr, Fint and Fpkv for t0 and the plan years. A series is
/// only required when some nämnd has an amount it indexes.
pub fn indexfaktorer(g: &Grund<'_>, d: &mut Diagnos) -> Indexfaktorer {
    let m = g.modell;
    let serier = Serier::ny(m, g.scenario);
    let behov = |f: fn(&crate::modell::Kostnadsdelar) -> Decimal| {
        m.namnder.iter().any(|n| n.delar.as_ref().is_some_and(|k| !f(k).is_zero()))
    };
    let mut ut = Indexfaktorer::default();
    let ix = &m.index;
    let po = serier.finns(&ix.po);
    let mut f = [Decimal::ONE; 5];
    let krav = [
        behov(|k| k.personal),
        behov(|k| k.lokaler),
        behov(|k| k.ovrigt),
        behov(|k| k.intakter),
        m.namnder.iter().any(|n| n.delar.is_none()) || !m.demografi.is_empty(),
    ];
    let namn = [&ix.personal, &ix.lokaler, &ix.ovrigt, &ix.intakter, "pkv"];
    for karta in [&mut ut.lon, &mut ut.lokaler, &mut ut.ovrigt, &mut ut.intakter, &mut ut.pkv] {
        karta.insert(m.basar, Decimal::ONE);
    }
    // A series nobody needs is still shown when present, but its gaps are no error.
    let mut tyst = Diagnos::default();
    for t in m.ar() {
        for i in 0..5 {
            let d: &mut Diagnos = if krav[i] { d } else { &mut tyst };
            if !krav[i] && !serier.finns(namn[i]) {
                continue;
            }
            f[i] *= faktor(serier.varde(namn[i], t, d));
        }
        // Π (1 + po[k]/100)/(1 + po[k−1]/100) telescopes to (1 + po[t]/100)/(1 + po[t0]/100):
        // one division, exact whenever the PO-pålägg returns to its level.
        let po_kvot = if po {
            kvot(faktor(serier.varde(&ix.po, t, d)), faktor(serier.varde(&ix.po, m.basar, d))).unwrap_or(Decimal::ONE)
        } else {
            Decimal::ONE
        };
        ut.lon.insert(t, f[0] * po_kvot);
        ut.lokaler.insert(t, f[1]);
        ut.ovrigt.insert(t, f[2]);
        ut.intakter.insert(t, f[3]);
        ut.pkv.insert(t, f[4]);
    }
    ut
}

pub fn berakna(g: &Grund<'_>, d: &mut Diagnos) -> Befintlig {
    let m = g.modell;
    let faktorer = indexfaktorer(g, d);
    let mut demografi = demografi::berakna(m, &faktorer.pkv, d);
    let mut namnder = Vec::with_capacity(m.namnder.len());
    for (n, namnd) in m.namnder.iter().enumerate() {
        let mut termer = BTreeMap::new();
        let mut kostnad = Arsbelopp::new();
        let dem = std::mem::take(&mut demografi[n]);
        for t in m.ar() {
            let mut v: Vec<Term> = Vec::new();
            let mut term =
                |typ, namn: &str, belopp, underlag| v.push(Term { typ, namn: namn.to_string(), belopp, underlag });
            match &namnd.delar {
                Some(k) => {
                    let f = &faktorer;
                    let lon = f.lon[&t];
                    term(
                        Termtyp::Index,
                        "Personal (lön och PO-pålägg)",
                        k.personal * lon,
                        vec![("personal", k.personal), ("Flön", lon)],
                    );
                    let lok = f.lokaler[&t];
                    term(
                        Termtyp::Index,
                        "Lokaler (hyror)",
                        k.lokaler * lok,
                        vec![("lokaler", k.lokaler), ("Flok", lok)],
                    );
                    let ovr = f.ovrigt[&t];
                    term(Termtyp::Index, "Övriga kostnader", k.ovrigt * ovr, vec![("övrigt", k.ovrigt), ("Fövr", ovr)]);
                    let int = f.intakter[&t];
                    term(
                        Termtyp::Index,
                        "Intäkter (avgifter)",
                        -(k.intakter * int),
                        vec![("intäkter", k.intakter), ("Fint", int)],
                    );
                }
                None => {
                    let pkv = faktorer.pkv[&t];
                    term(
                        Termtyp::Index,
                        "Ram uppräknad med PKV",
                        namnd.ram * pkv,
                        vec![("ram", namnd.ram), ("Fpkv", pkv)],
                    )
                }
            }
            let forsta_raden: Decimal = v.iter().map(|x| x.belopp).sum();
            for linje in &dem {
                let grupp = &m.befolkning[linje.grupp].namn;
                let underlag =
                    vec![("nivå basår", linje.niva[&m.basar]), ("nivå", linje.niva[&t]), ("Fpkv", faktorer.pkv[&t])];
                v.push(Term {
                    typ: Termtyp::Demografi,
                    namn: format!("Demografi {grupp}"),
                    belopp: linje.forandring[&t],
                    underlag,
                });
            }
            for kand in m.kanda_forandringar.iter().filter(|k| k.namnd == n) {
                let belopp = kand.belopp.eller_noll(t);
                v.push(Term { typ: Termtyp::Kand, namn: kand.beskrivning.clone(), belopp, underlag: vec![] });
            }
            for (inv, kap) in m.investeringar.iter().zip(&g.kapital.investeringar) {
                if inv.namnd == n && m.kapital.kapitalkostnad_i_ram {
                    let k = kap[&t];
                    let underlag = vec![
                        ("avskrivning", k.avskrivning),
                        ("internränta", k.internranta),
                        ("bokfört värde", k.bokfort_varde),
                    ];
                    let namn = format!("Kapitalkostnad {} ({})", inv.projekt, inv.id);
                    v.push(Term { typ: Termtyp::Kapital, namn, belopp: k.kapitalkostnad(), underlag });
                }
            }
            let eff = Scenario::ar_varde(&g.scenario.effektivisering_procent, t);
            if !eff.is_zero() {
                let namn = format!("Effektivisering {} %", eff.normalize());
                let belopp = -(eff / Decimal::ONE_HUNDRED * forsta_raden);
                v.push(Term {
                    typ: Termtyp::Effektivisering,
                    namn,
                    belopp,
                    underlag: vec![("procent", eff), ("uppräknad kostnad", forsta_raden)],
                });
            }
            kostnad.insert(t, v.iter().map(|x| x.belopp).sum());
            termer.insert(t, v);
        }
        namnder.push(Namndkostnad { termer, kostnad, demografi: dem });
    }
    let mut b = Befintlig { faktorer, namnder, glapp: Arsbelopp::new() };
    for t in m.ar() {
        let glapp = g.ramutrymme(t) - b.summa(t);
        b.glapp.insert(t, glapp);
    }
    b
}

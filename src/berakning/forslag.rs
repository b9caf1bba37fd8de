//! MODELL §6 (frames from the selection) and §9: the ramfördelning proposal
//! for one scenario — frames per nämnd and year, ej fördelat, the result and
//! the financial targets.

use super::Grund;
use super::avrundning::fordela;
use super::befintlig::{self, Befintlig};
use super::finansiella_mal::{self, Balansforandringar, Soliditet};
use super::vf::{self, Urval};
use crate::fel::{Diagnos, Fel, Felrapport};
use crate::modell::{Ar, Arsbelopp, Fordelning, Modell, Scenario, VfTyp};
use crate::tal::kvot;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub struct Forslag<'a> {
    pub grund: Grund<'a>,
    pub befintlig: Befintlig,
    pub urval: Urval,
    /// Σ b(i,t) of the selected items per nämnd, per typ (tillskott, minskning).
    valda: Vec<[Arsbelopp; 2]>,
    /// ram(n,t) = KB(n,t) + Σ selected b(i,t).
    pub ramar: Vec<Arsbelopp>,
    /// §10: rounded to add up to Σn ram(n,t).
    pub ramar_avrundade: Vec<Arsbelopp>,
    pub ej_fordelat: Arsbelopp,
    pub resultat: Arsbelopp,
    pub resultat_procent: Arsbelopp,
    /// proportionell: mal(n) − ram(n,B).
    pub kvar_att_hantera: Option<Vec<Decimal>>,
    pub kommun: Option<Soliditet>,
    pub koncern: Option<Soliditet>,
    /// nya_lan, ΔAV and AM: what besides the result moves totala tillgångar (§9).
    pub forandringar: Balansforandringar,
}

impl<'a> Forslag<'a> {
    /// The rule in force: `--fordelning`, else the scenario's, else the model's.
    pub fn regel(m: &Modell, s: &Scenario, tvingad: Option<Fordelning>) -> Fordelning {
        tvingad.or(s.fordelning).unwrap_or(m.fordelning)
    }

    pub fn berakna(
        modell: &'a Modell,
        scenario: &'a Scenario,
        tvingad: Option<Fordelning>,
    ) -> Result<Self, Felrapport> {
        let mut d = Diagnos::default();
        let f = Self::berakna_med(modell, scenario, tvingad, &mut d);
        d.resultat(f)
    }

    pub fn berakna_med(
        modell: &'a Modell,
        scenario: &'a Scenario,
        tvingad: Option<Fordelning>,
        d: &mut Diagnos,
    ) -> Self {
        let grund = Grund::berakna_med(modell, scenario, d);
        let befintlig = befintlig::berakna(&grund, d);
        Self::fran(grund, befintlig, tvingad, d)
    }

    /// The proposal from an already computed ground and cost.
    pub fn fran(grund: Grund<'a>, befintlig: Befintlig, tvingad: Option<Fordelning>, d: &mut Diagnos) -> Self {
        let m = grund.modell;
        let b = m.budgetar();
        let regel = Self::regel(m, grund.scenario, tvingad);
        let kb: Vec<Decimal> = befintlig.namnder.iter().map(|n| n.kostnad[&b]).collect();
        let urval = vf::valj(m, regel, &kb, grund.ramutrymme(b), d);
        Self::med_urval(grund, befintlig, urval, d)
    }

    /// The proposal with a given selection, held rather than made again:
    /// frames, result and targets of §6 and §9 from `grund` and `befintlig`
    /// (the känslighetsanalys of §12 recomputes them under a lever this way).
    pub fn med_urval(grund: Grund<'a>, befintlig: Befintlig, urval: Urval, d: &mut Diagnos) -> Self {
        let m = grund.modell;
        let b = m.budgetar();
        let ar = m.ar();
        let noll: Arsbelopp = ar.iter().map(|&t| (t, Decimal::ZERO)).collect();
        let mut valda = vec![[noll.clone(), noll]; m.namnder.len()];
        for (p, _) in m.vf.iter().zip(&urval.vald).filter(|(_, v)| **v) {
            for (t, summa) in valda[p.namnd][typindex(p.typ)].iter_mut() {
                *summa += p.belopp.eller_noll(*t);
            }
        }
        let ramar: Vec<Arsbelopp> = befintlig
            .namnder
            .iter()
            .zip(&valda)
            .map(|(k, v)| ar.iter().map(|&t| (t, k.kostnad[&t] + v[0][&t] + v[1][&t])).collect())
            .collect();
        let mut ramar_avrundade = vec![Arsbelopp::new(); ramar.len()];
        let mut ej_fordelat = Arsbelopp::new();
        let mut resultat = Arsbelopp::new();
        let mut resultat_procent = Arsbelopp::new();
        for &t in &ar {
            let exakta: Vec<Decimal> = ramar.iter().map(|r| r[&t]).collect();
            let summa: Decimal = exakta.iter().copied().sum();
            for (i, v) in fordela(&exakta, summa, m.enhet_tkr).into_iter().enumerate() {
                ramar_avrundade[i].insert(t, v);
            }
            let u = &grund.ramutrymme[&t];
            let r = u.skatter_och_bidrag - u.pension - u.centrala_poster - summa;
            ej_fordelat.insert(t, u.ramutrymme - summa);
            resultat.insert(t, r);
            let procent = kvot(r * Decimal::ONE_HUNDRED, u.skatter_och_bidrag).unwrap_or_else(|| {
                d.fel(Fel::new(
                    m.kalla("skatter_och_bidrag"),
                    format!("skatter och generella statsbidrag är 0 för {t}: resultatet i procent kan inte beräknas"),
                ));
                Decimal::ZERO
            });
            resultat_procent.insert(t, procent);
        }
        let kvar_att_hantera =
            urval.mal.as_ref().map(|mal| mal.iter().zip(&ramar).map(|(mal, ram)| mal - ram[&b]).collect());
        let forandringar = Balansforandringar::berakna(m, &grund.kapital.nya_lan);
        let kommun = m.balans.as_ref().map(|bal| finansiella_mal::soliditet(m, bal, &resultat, &forandringar, d));
        let koncern = m.koncern.as_ref().map(|k| {
            let res: Arsbelopp = resultat
                .iter()
                .map(|(t, r)| (*t, r + k.bolagens_resultat.get(t).copied().unwrap_or_default()))
                .collect();
            finansiella_mal::soliditet(m, &k.balans, &res, &forandringar, d)
        });
        Forslag {
            grund,
            befintlig,
            urval,
            valda,
            ramar,
            ramar_avrundade,
            ej_fordelat,
            resultat,
            resultat_procent,
            kvar_att_hantera,
            kommun,
            koncern,
            forandringar,
        }
    }

    /// Σ b(i,t) of nämnd n's selected items of one typ.
    pub fn valda(&self, typ: VfTyp, n: usize, t: Ar) -> Decimal {
        self.valda[n][typindex(typ)][&t]
    }

    /// Σ b(i,t) of all selected items of one typ.
    pub fn valda_summa(&self, typ: VfTyp, t: Ar) -> Decimal {
        (0..self.valda.len()).map(|n| self.valda(typ, n, t)).sum()
    }

    /// balanskrav: the result is not negative.
    pub fn balanskrav_uppfyllt(&self) -> BTreeMap<Ar, bool> {
        self.resultat.iter().map(|(t, r)| (*t, *r >= Decimal::ZERO)).collect()
    }

    /// Whether the result reaches the target m.
    pub fn resultatmal_uppfyllt(&self) -> BTreeMap<Ar, bool> {
        self.resultat_procent.iter().map(|(t, p)| (*t, *p >= self.grund.ramutrymme[t].resultatmal_procent)).collect()
    }
}

fn typindex(typ: VfTyp) -> usize {
    match typ {
        VfTyp::Tillskott => 0,
        VfTyp::Minskning => 1,
    }
}

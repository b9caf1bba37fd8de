//! MODELL §12: the budget document kommunfullmäktige decides — resultat-,
//! balans- and kassaflödesbudget, nyckeltal, känslighetsanalys, driftbudget
//! and mål och medel — for one scenario and rule. Everything follows from the
//! proposal of §1–§10 ([`Forslag`]); nothing here changes one of its numbers.
//! Each part is its own module.

pub mod balansbudget;
pub mod driftbudget;
pub mod kanslighet;
pub mod kassaflode;
pub mod mal_och_medel;
pub mod nyckeltal;
pub mod resultatbudget;

use super::forslag::Forslag;
use crate::fel::{Diagnos, Felrapport};
use crate::modell::{Arsbelopp, Fordelning, Modell, Scenario};
use balansbudget::Balansbudget;
use driftbudget::Driftbudget;
use kanslighet::Kanslighet;
use kassaflode::Kassaflode;
use mal_och_medel::MalOchMedel;
use nyckeltal::Nyckeltal;
use resultatbudget::Resultatbudget;

pub struct Budget<'a> {
    /// The proposal the document rests on (§1–§10).
    pub forslag: Forslag<'a>,
    pub resultatbudget: Resultatbudget,
    /// INV(t): the investeringsutgift per plan year.
    pub investeringar: Arsbelopp,
    /// With `[balans] anlaggningstillgangar`.
    pub balansbudget: Option<Balansbudget>,
    pub kassaflode: Option<Kassaflode>,
    pub nyckeltal: Nyckeltal,
    pub kanslighet: Vec<Kanslighet>,
    /// Per nämnd (in `ramar` order), the budget year.
    pub driftbudget: Vec<Driftbudget>,
    pub mal_och_medel: MalOchMedel,
}

impl<'a> Budget<'a> {
    pub fn berakna(
        modell: &'a Modell,
        scenario: &'a Scenario,
        tvingad: Option<Fordelning>,
    ) -> Result<Self, Felrapport> {
        let forslag = Forslag::berakna(modell, scenario, tvingad)?;
        let mut d = Diagnos::default();
        let b = Self::fran(forslag, &mut d);
        d.resultat(b)
    }

    /// The document from a computed proposal.
    pub fn fran(forslag: Forslag<'a>, d: &mut Diagnos) -> Self {
        let m = forslag.grund.modell;
        let resultatbudget = resultatbudget::berakna(&forslag);
        let investeringar = balansbudget::investeringsutgifter(m);
        let balansbudget = balansbudget::berakna(&forslag, &resultatbudget);
        let kassaflode = balansbudget.as_ref().map(|bb| kassaflode::berakna(m, &resultatbudget, bb));
        let nyckeltal = nyckeltal::berakna(&forslag, &resultatbudget, &investeringar, balansbudget.as_ref(), d);
        let kanslighet = kanslighet::berakna(&forslag);
        let driftbudget = driftbudget::berakna(&forslag);
        let mal_och_medel = mal_och_medel::berakna(&forslag);
        Budget {
            forslag,
            resultatbudget,
            investeringar,
            balansbudget,
            kassaflode,
            nyckeltal,
            kanslighet,
            driftbudget,
            mal_och_medel,
        }
    }
}

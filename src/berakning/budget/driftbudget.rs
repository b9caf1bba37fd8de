//! MODELL §12, driftbudget: each nämnd's frame for the budget year as a
//! bridge from its frame of basår — pris- och lönekompensation, demografi,
//! kända förändringar, kapitalkostnader, effektivisering and the selected VF
//! items — the same terms `forklara` lists, adding up exactly to ram(n,B).

use crate::berakning::befintlig::Termtyp;
use crate::berakning::forslag::Forslag;
use crate::modell::VfTyp;
use rust_decimal::Decimal;

/// One nämnd's bridge, tkr, budget year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Driftbudget {
    /// ram(n,t0).
    pub basram: Decimal,
    /// The first line of KB(n,B) (§4) − basram.
    pub kompensation: Decimal,
    /// DEM(n,B).
    pub demografi: Decimal,
    /// KAND(n,B).
    pub kanda: Decimal,
    /// KAP(n,B).
    pub kapital: Decimal,
    /// −EFF(n,B) (≤ 0 for a positive demand).
    pub effektivisering: Decimal,
    /// Σ b(i,B) of the nämnd's selected tillskott.
    pub tillskott: Decimal,
    /// Σ b(i,B) of the nämnd's selected minskningar.
    pub minskningar: Decimal,
    /// ram(n,B).
    pub ram: Decimal,
}

impl Driftbudget {
    /// The terms in the order of the bridge (label key, amount), without `ram`.
    pub fn termer(&self) -> [(&'static str, Decimal); 8] {
        [
            ("basram", self.basram),
            ("kompensation", self.kompensation),
            ("demografi", self.demografi),
            ("kanda", self.kanda),
            ("kapital", self.kapital),
            ("effektivisering", self.effektivisering),
            ("tillskott", self.tillskott),
            ("minskningar", self.minskningar),
        ]
    }

    /// The sum of the terms.
    pub fn summa(&self) -> Decimal {
        self.termer().iter().map(|(_, v)| *v).sum()
    }
}

/// Each term is the step between two running totals of the frame, summed
/// in the order the frame is (KB's terms in order, then the selected
/// tillskott and minskningar): mathematically the definitions of §12, and
/// the terms then add up to ram(n,B) to the last of its 28 digits.
pub fn berakna(f: &Forslag<'_>) -> Vec<Driftbudget> {
    let m = f.grund.modell;
    let b = m.budgetar();
    m.namnder
        .iter()
        .enumerate()
        .map(|(n, namnd)| {
            let termer = &f.befintlig.namnder[n].termer[&b];
            // Running totals after each kind of term, as KB(n,B) is summed.
            let mut summa = Decimal::ZERO;
            let mut efter = |typ: Termtyp| {
                summa = termer.iter().filter(|x| x.typ == typ).fold(summa, |s, x| s + x.belopp);
                summa
            };
            let index = efter(Termtyp::Index);
            let demografi = efter(Termtyp::Demografi);
            let kanda = efter(Termtyp::Kand);
            let kapital = efter(Termtyp::Kapital);
            let kb = efter(Termtyp::Effektivisering);
            let tillskott = kb + f.valda(VfTyp::Tillskott, n, b);
            let ram = f.ramar[n][&b];
            Driftbudget {
                basram: namnd.ram,
                kompensation: index - namnd.ram,
                demografi: demografi - index,
                kanda: kanda - demografi,
                kapital: kapital - kanda,
                effektivisering: kb - kapital,
                tillskott: tillskott - kb,
                minskningar: ram - tillskott,
                ram,
            }
        })
        .collect()
}

//! *Kassaflödesbudget*: the cash flow of the löpande verksamhet, the
//! investments and the financing, the year's cash flow and — when the model
//! gives them — the likvida medel; and the check that the cash flow equals
//! the change of the balansbudget's omsättningstillgångar (MODELL §12).

use super::antaganden::Antagandeceller;
use super::balansbudget::Balansceller;
use super::investeringsbudget::Investeringsceller;
use super::resultatbudget::Resultatceller;
use super::{Form, KASSAFLODESBUDGET, Stil, V, arsrad, ref_till, summa_v};
use crate::berakning::budget::Budget;
use crate::berakning::budget::balansbudget::Balansbudget;
use crate::berakning::budget::kassaflode::Kassaflode;
use crate::fel::Avbrott;
use crate::modell::Ar;
use crate::utdata::arbetsbok::{Arbetsbok, Arsceller, Blad, Kolumn, Kolumner};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum K {
    Post,
    Ar(Ar),
}

/// The rows the balansbudget is rolled forward with.
#[derive(Debug, Clone, Default)]
pub struct Kassaceller {
    /// ΔAV(t).
    pub avsattningar: Arsceller,
    /// NL(t).
    pub nya_lan: Arsceller,
    /// −AM(t).
    pub amortering: Arsceller,
    kol: Option<Kolumner<K>>,
}

pub fn blad(
    bok: &Arbetsbok,
    bu: &Budget<'_>,
    kf: &Kassaflode,
    stil: &Stil,
    _a: &Antagandeceller,
    rc: &Resultatceller,
    ic: &Investeringsceller,
) -> Result<(Blad, Kassaceller), Avbrott> {
    let m = bu.forslag.grund.modell;
    let ar = m.ar();
    let bb = bu.balansbudget.as_ref().expect("kassaflödet har en balansbudget");
    let fo = &bb.forandringar;
    let mut kol = Kolumner::ny().med(K::Post, Kolumn::ny(format!("Kassaflödesbudget, {}", stil.enhet), 58.0));
    for &t in &ar {
        kol.lagg_till(K::Ar(t), Kolumn::tal(super::arsrubrik(bu, t)));
    }
    let mut b = bok.nytt_blad(KASSAFLODESBUDGET, &kol.kolumner(), 1)?;
    super::rubriker(&mut b, 0, &kol, |k| matches!(k, K::Ar(_)))?;
    let rad = |b: &mut Blad, etikett: &str, indrag: u8, form: Form, cell: &dyn Fn(Ar, &str) -> V| {
        arsrad(b, &kol, K::Post, etikett, indrag, stil, form, &ar, K::Ar, cell)
    };

    b.avsnitt("Den löpande verksamheten")?;
    let res = rad(&mut b, "Årets resultat", 1, Form::Belopp, &|t, blad| {
        V::Formel(ref_till(&rc.arets_resultat[&t], blad), stil.belopp(bu.resultatbudget[&t].arets_resultat))
    })?;
    let avskr = rad(&mut b, "Avskrivningar, som inte är utbetalningar", 1, Form::Belopp, &|t, blad| {
        V::Formel(format!("=-{}", rc.avskrivningar[&t].i(blad)), stil.belopp(bu.resultatbudget[&t].avskrivningar))
    })?;
    let avsattningar = rad(&mut b, "Förändring av avsättningar för pensioner", 1, Form::Belopp, &|t, _| {
        V::Tal(stil.belopp(fo.avsattning[&t]))
    })?;
    let kl = rad(&mut b, "Kassaflöde från den löpande verksamheten", 0, Form::Summa, &|t, blad| {
        summa_v(&[&res, &avskr, &avsattningar], t, blad, stil.belopp(kf[&t].lopande_verksamhet))
    })?;
    b.tom_rad();
    b.avsnitt("Investeringsverksamheten")?;
    let inv = rad(&mut b, "Investeringar i anläggningstillgångar", 1, Form::Belopp, &|t, blad| {
        V::Formel(format!("=-{}", ic.utgifter[&t].i(blad)), stil.belopp(kf[&t].investeringsverksamhet))
    })?;
    let ki = rad(&mut b, "Kassaflöde från investeringsverksamheten", 0, Form::Summa, &|t, blad| {
        summa_v(&[&inv], t, blad, stil.belopp(kf[&t].investeringsverksamhet))
    })?;
    b.tom_rad();
    b.avsnitt("Finansieringsverksamheten")?;
    let nya_lan = rad(&mut b, "Nya lån", 1, Form::Belopp, &|t, blad| {
        V::Formel(ref_till(&ic.nya_lan[&t], blad), stil.belopp(fo.nya_lan[&t]))
    })?;
    let amortering =
        rad(&mut b, "Amortering av lån", 1, Form::Belopp, &|t, _| V::Tal(stil.belopp(-fo.amortering[&t])))?;
    let kfi = rad(&mut b, "Kassaflöde från finansieringsverksamheten", 0, Form::Summa, &|t, blad| {
        summa_v(&[&nya_lan, &amortering], t, blad, stil.belopp(kf[&t].finansieringsverksamhet))
    })?;
    b.tom_rad();
    let ka = rad(&mut b, "Årets kassaflöde", 0, Form::Summa, &|t, blad| {
        summa_v(&[&kl, &ki, &kfi], t, blad, stil.belopp(kf[&t].arets_kassaflode))
    })?;
    if let Some(lm0) = m.balansposter.likvida_medel {
        b.tom_rad();
        let borjan_rad = b.rad();
        let slut_rad = borjan_rad + 1;
        let slut_cell = |t: Ar| crate::utdata::arbetsbok::Cell {
            blad: KASSAFLODESBUDGET.to_string(),
            rad: slut_rad,
            kol: kol.kol(K::Ar(t)),
        };
        let forra = |t: Ar| if t == m.budgetar() { lm0 } else { kf[&(t - 1)].likvida_medel.unwrap_or_default() };
        let borjan = rad(&mut b, "Likvida medel vid årets början", 0, Form::Belopp, &|t, blad| {
            if t == m.budgetar() {
                V::Tal(stil.belopp(lm0))
            } else {
                V::Formel(ref_till(&slut_cell(t - 1), blad), stil.belopp(forra(t)))
            }
        })?;
        rad(&mut b, "Likvida medel vid årets slut", 0, Form::Summa, &|t, blad| {
            let v = stil.belopp(kf[&t].likvida_medel.unwrap_or_default());
            V::Formel(format!("={}+{}", borjan[&t].i(blad), ka[&t].i(blad)), v)
        })?;
    }
    Ok((b, Kassaceller { avsattningar, nya_lan, amortering, kol: Some(kol) }))
}

/// The check under the cash flow: the change of omsättningstillgångar in
/// the balansbudget, which equals the year's cash flow.
pub fn avstamning(
    b: &mut Blad,
    bu: &Budget<'_>,
    bb: &Balansbudget,
    stil: &Stil,
    kc: &Kassaceller,
    bc: &Balansceller,
) -> Result<(), Avbrott> {
    let m = bu.forslag.grund.modell;
    let ar = m.ar();
    let kol = kc.kol.as_ref().expect("kolumnerna");
    b.tom_rad();
    arsrad(
        b,
        kol,
        K::Post,
        "Förändring av omsättningstillgångar i balansbudgeten (avstämning)",
        0,
        stil,
        Form::Belopp,
        &ar,
        K::Ar,
        |t, blad| {
            let forra = if t == m.budgetar() { &bb.ingaende } else { &bb.ar[&(t - 1)] };
            let v = stil.belopp(bb.ar[&t].omsattningstillgangar) - stil.belopp(forra.omsattningstillgangar);
            V::Formel(
                format!("={}-{}", bc.omsattningstillgangar[&t].i(blad), bc.omsattningstillgangar[&(t - 1)].i(blad)),
                v,
            )
        },
    )?;
    b.tom_rad();
    b.anteckning(&format!(
        "{}. Inbetalningar är positiva och utbetalningar negativa. Årets kassaflöde är lika med förändringen av \
         omsättningstillgångarna i balansbudgeten, eftersom de kortfristiga skulderna antas oförändrade.",
        stil.enhetstext()
    ))?;
    Ok(())
}

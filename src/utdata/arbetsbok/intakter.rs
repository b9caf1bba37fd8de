//! The sheet *Intäkter* (MODELL §1), shared by the workbooks of `ram` and
//! `forslag`: the factors (scaling per inhabitant, skatteunderlag level, tax
//! rate), SKR's amounts per post (inputs), the kommun's amounts as formulas
//! by the post's type, the scenario's posts and their sum.

use super::antaganden::Antaganden;
use super::{Arbetsbok, Arsceller, Arskolumner, Arsvarde, Blad, Cell, Kolumn, Roll, Slag, arsrubrik};
use crate::berakning::Grund;
use crate::berakning::intakter::{FORANDRAT_STATSBIDRAG, OVRIG_INTAKTSFORANDRING};
use crate::fel::Avbrott;
use crate::modell::{Ar, Intaktstyp};
use crate::utdata::etiketter;

pub const INTAKTER: &str = "Intäkter";

/// The sheet *Intäkter*; returns the cells of S(t).
pub fn intakter(bok: &Arbetsbok, g: &Grund<'_>, a: &Antaganden) -> Result<(Blad, Arsceller), Avbrott> {
    let m = g.modell;
    let ar = m.ar();
    let kol = Arskolumner::ny(2, ar.clone());
    let mut rubriker = vec![Kolumn::ny("Post", 58.0), Kolumn::ny("Typ", 20.0)];
    rubriker.extend(ar.iter().map(|&t| Kolumn::tal(arsrubrik(m, t))));
    let mut b = bok.nytt_blad(INTAKTER, &rubriker, 1)?;
    let i = |t: Ar| &g.intakter[&t];

    b.avsnitt("Faktorer")?;
    let p = b.arsrad(&kol, "Invånare 1 november året före", "personer", None, Slag::Antal, |t, blad| {
        Arsvarde::Formel(format!("={}", a.invanare[&t].i(blad)), i(t).invanare)
    })?;
    let pskr = b.arsrad(&kol, "SKR:s antagande om invånare", "personer", None, Slag::Antal, |t, blad| {
        Arsvarde::Formel(format!("={}", a.invanare_skr[&t].i(blad)), i(t).invanare_skr)
    })?;
    let r =
        b.arsrad(&kol, "Skalning per invånare (egna invånare / SKR:s)", "faktor", None, Slag::Faktor, |t, blad| {
            if i(t).invanare_skr.is_zero() {
                Arsvarde::Varde(i(t).skalning, Roll::Beraknat)
            } else {
                Arsvarde::Formel(format!("={}/{}", p[&t].i(blad), pskr[&t].i(blad)), i(t).skalning)
            }
        })?;
    // L(t) chains on the year before: its cell is on the row about to be written.
    let l_rad = b.rad();
    let mut foregaende: Option<Ar> = None;
    let l = b.arsrad(
        &kol,
        "Skatteunderlagets nivå med scenariots förändring",
        "faktor",
        None,
        Slag::Faktor,
        |t, blad| {
            let niva = i(t).skatteunderlagsniva;
            let post = match a.serie("skatteunderlag", t, blad) {
                Some(gt) => {
                    let kvot = format!("(1+{gt}+{})/(1+{gt})", a.skatteunderlag[&t].i(blad));
                    match foregaende {
                        Some(f) => Arsvarde::Formel(
                            format!("={}*{kvot}", Cell { blad: blad.to_string(), rad: l_rad, kol: kol.kol(f) }.a1()),
                            niva,
                        ),
                        None => Arsvarde::Formel(format!("={kvot}"), niva),
                    }
                }
                None => Arsvarde::Varde(niva, Roll::Beraknat),
            };
            foregaende = Some(t);
            post
        },
    )?;
    let tau =
        b.arsrad(&kol, "Skattesatsfaktor (ny skattesats / nuvarande)", "faktor", None, Slag::Faktor, |t, blad| {
            let s0 = a.skattesats.abs_i(blad);
            Arsvarde::Formel(format!("=({s0}+{})/{s0}", a.skattesats_forandring.abs_i(blad)), i(t).skattesatsfaktor)
        })?;
    b.tom_rad();

    b.avsnitt(&format!("SKR:s belopp enligt Skatter & bidrag ({})", b.enhet()))?;
    let sob_kalla = m.kalla("skatter_och_bidrag");
    b.anteckning(&format!("Källa: {sob_kalla}"))?;
    let mut skr = Vec::new();
    for post in &m.intaktsposter {
        skr.push(b.arsrad(&kol, &post.post, etiketter::intaktstyp(post.typ), None, Slag::Belopp, |t, _| {
            Arsvarde::Varde(post.belopp.get(t).unwrap_or_default(), Roll::Indata)
        })?);
    }
    b.tom_rad();

    b.avsnitt(&format!(
        "Kommunens belopp ({}): SKR:s belopp omräknade efter egna invånare, skatteunderlag och skattesats",
        b.enhet()
    ))?;
    b.anteckning(
        "Skatt följer invånare, skatteunderlag och skattesats; inkomstutjämning invånare och skatteunderlag; \
         poster per invånare bara invånarna; fasta belopp står kvar.",
    )?;
    let mut rader = Vec::new();
    for (n, post) in m.intaktsposter.iter().enumerate() {
        rader.push(b.arsrad(&kol, &post.post, etiketter::intaktstyp(post.typ), None, Slag::Belopp, |t, blad| {
            let belopp = i(t).poster[n].belopp;
            let (ac, rc, lc, tc) = (skr[n][&t].i(blad), r[&t].i(blad), l[&t].i(blad), tau[&t].i(blad));
            let f = match post.typ {
                Intaktstyp::Skatt => format!("={ac}*{rc}*{lc}*{tc}"),
                Intaktstyp::Inkomstutjamning => format!("={ac}*{rc}*{lc}"),
                Intaktstyp::PerInvanare => format!("={ac}*{rc}"),
                Intaktstyp::Fast => format!("={ac}"),
            };
            Arsvarde::Formel(f, belopp)
        })?);
    }
    let scenarioposter: Vec<&str> = ar
        .first()
        .map(|&t| i(t).poster[m.intaktsposter.len()..].iter().map(|p| p.post.as_str()).collect())
        .unwrap_or_default();
    for (k, namn) in scenarioposter.iter().enumerate() {
        let n = m.intaktsposter.len() + k;
        rader.push(b.arsrad(&kol, namn, "scenario", None, Slag::Belopp, |t, blad| {
            let belopp = i(t).poster[n].belopp;
            match *namn {
                FORANDRAT_STATSBIDRAG => {
                    Arsvarde::Formel(format!("={}*{}/1000", a.statsbidrag[&t].i(blad), p[&t].i(blad)), belopp)
                }
                OVRIG_INTAKTSFORANDRING => Arsvarde::Formel(format!("={}", a.ovriga_intakter[&t].i(blad)), belopp),
                _ => Arsvarde::Varde(belopp, Roll::Beraknat),
            }
        })?);
    }
    let summa = b.summarad(&kol, "Summa skatter och generella statsbidrag", &rader, |t| i(t).summa)?;
    Ok((b, summa))
}

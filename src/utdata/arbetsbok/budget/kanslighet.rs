//! *Känslighetsanalys*: how much the budget year's result changes when one
//! assumption moves and everything else — the VF selection too — stays
//! (MODELL §12).

use super::{Form, KANSLIGHETSANALYS, Stil, V, skriv};
use crate::berakning::budget::Budget;
use crate::fel::Avbrott;
use crate::utdata::arbetsbok::{Arbetsbok, Blad, Kolumn, Kolumner};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Spak,
    Forandring,
    Intakter,
    Kostnader,
    Resultat,
}

pub fn blad(bok: &Arbetsbok, bu: &Budget<'_>, stil: &Stil) -> Result<Blad, Avbrott> {
    let m = bu.forslag.grund.modell;
    let budgetar = m.budgetar();
    let enhet = stil.enhet;
    let kol = Kolumner::ny()
        .med(K::Spak, Kolumn::ny(format!("Om … ändras {budgetar}"), 40.0))
        .med(K::Forandring, Kolumn::ny("med", 22.0))
        .med(K::Intakter, Kolumn::tal(format!("Intäkter, {enhet}")))
        .med(K::Kostnader, Kolumn::tal(format!("Kostnader, {enhet}")))
        .med(K::Resultat, Kolumn::tal(format!("Resultat, {enhet}")));
    let mut b = bok.nytt_blad(KANSLIGHETSANALYS, &kol.kolumner(), 1)?;
    super::rubriker(&mut b, 0, &kol, |k| matches!(k, K::Intakter | K::Kostnader | K::Resultat))?;
    let blad = b.namn().to_string();
    for k in &bu.kanslighet {
        let r = b.ny_rad();
        b.text(r, kol.kol(K::Spak), k.spak.beskrivning())?;
        b.text(r, kol.kol(K::Forandring), k.spak.forandring())?;
        let i = skriv(&mut b, r, kol.kol(K::Intakter), V::Tal(stil.belopp(k.intakter)), stil, Form::Belopp)?;
        let c = skriv(&mut b, r, kol.kol(K::Kostnader), V::Tal(stil.belopp(k.kostnader)), stil, Form::Belopp)?;
        let (i, c) = (i.expect("intäkter"), c.expect("kostnader"));
        let v = stil.belopp(k.intakter) + stil.belopp(k.kostnader);
        skriv(
            &mut b,
            r,
            kol.kol(K::Resultat),
            V::Formel(format!("={}+{}", i.i(&blad), c.i(&blad)), v),
            stil,
            Form::Summa,
        )?;
    }
    b.tom_rad();
    b.anteckning(&format!(
        "{}. Så mycket ändras resultatet {budgetar} om ett antagande ändras och allt annat är som i budgeten, också \
         vilka poster ur VF-listorna som ingår. Skatteunderlaget: en procentenhet snabbare tillväxt än SKR:s \
         prognos. Skattesatsen: tio öre högre. Invånarna: hundra fler den 1 november året före. Statsbidragen: hundra \
         kronor mer per invånare. Lönerna och priserna: en procentenhet högre ökning {budgetar} än i prognosen. Ett \
         negativt belopp försämrar resultatet.",
        stil.enhetstext()
    ))?;
    Ok(b)
}

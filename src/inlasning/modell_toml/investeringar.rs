//! `[investeringar]`: capital costs in the frames or centrally, external
//! interest and the borrowed share (MODELL §8).

use super::Dokument;
use crate::fel::Diagnos;
use crate::modell::{Kapitalinstallningar, Modell};
use rust_decimal::Decimal;

pub fn las(s: &Dokument<'_, '_>, m: &mut Modell, d: &mut Diagnos) {
    let t = s.sektion("investeringar", &["kapitalkostnad_i_ram", "laneranta", "lanefinansiering_procent"], d);
    let varde = |k: &str| t.and_then(|t| t.get(k));
    let kapitalkostnad_i_ram = varde("kapitalkostnad_i_ram")
        .and_then(|v| s.dok.sanningsvarde(v, "investeringar.kapitalkostnad_i_ram", d))
        .unwrap_or(true);
    let laneranta = varde("laneranta").and_then(|v| s.icke_negativ(v, "investeringar.laneranta", d));
    let lanefinansiering_procent = varde("lanefinansiering_procent")
        .and_then(|v| s.icke_negativ(v, "investeringar.lanefinansiering_procent", d))
        .unwrap_or(if laneranta.is_some() { Decimal::ONE_HUNDRED } else { Decimal::ZERO });
    m.kapital = Kapitalinstallningar { kapitalkostnad_i_ram, laneranta, lanefinansiering_procent };
}

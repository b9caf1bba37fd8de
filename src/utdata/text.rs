//! Readable Swedish tables for the terminal: labels left, numbers right,
//! amounts as `1 234 567`, percentages as `2,4 %`.

use crate::tal::{svensk, svensk_procent};
use rust_decimal::Decimal;

/// A plain text table.
#[derive(Debug, Default)]
pub struct Texttabell {
    rubriker: Vec<String>,
    rader: Vec<Vec<String>>,
}

impl Texttabell {
    pub fn ny(rubriker: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Texttabell { rubriker: rubriker.into_iter().map(Into::into).collect(), rader: vec![] }
    }

    pub fn rad(&mut self, celler: impl IntoIterator<Item = impl Into<String>>) {
        self.rader.push(celler.into_iter().map(Into::into).collect());
    }

    /// A row of a label and amounts in whole tkr.
    pub fn belopp(&mut self, etikett: &str, varden: impl IntoIterator<Item = Decimal>) {
        let mut r = vec![etikett.to_string()];
        r.extend(varden.into_iter().map(|v| svensk(v, 0)));
        self.rader.push(r);
    }

    /// A row of a label and percentages with one decimal.
    pub fn procent(&mut self, etikett: &str, varden: impl IntoIterator<Item = Decimal>) {
        let mut r = vec![etikett.to_string()];
        r.extend(varden.into_iter().map(|v| svensk_procent(v, 1)));
        self.rader.push(r);
    }

    /// An empty separating row.
    pub fn tom(&mut self) {
        self.rader.push(vec![]);
    }

    pub fn skriv(&self) -> String {
        let antal = self.rader.iter().map(Vec::len).chain([self.rubriker.len()]).max().unwrap_or(0);
        let mut bredd = vec![0; antal];
        for r in self.rader.iter().chain([&self.rubriker]) {
            for (i, c) in r.iter().enumerate() {
                bredd[i] = bredd[i].max(c.chars().count());
            }
        }
        // Numbers right, text left: a column is numeric when all its cells look like numbers.
        let numerisk: Vec<bool> = (0..antal)
            .map(|i| i > 0 && self.rader.iter().filter_map(|r| r.get(i)).all(|c| ser_ut_som_tal(c)))
            .collect();
        let mut ut = String::new();
        let skriv_rad = |r: &[String], ut: &mut String| {
            let mut rad = String::new();
            for (i, c) in r.iter().enumerate() {
                let fyll = bredd[i] - c.chars().count();
                if !numerisk[i] {
                    if i > 0 {
                        rad.push_str("  ");
                    }
                    rad.push_str(c);
                    rad.push_str(&" ".repeat(fyll));
                } else {
                    rad.push_str("  ");
                    rad.push_str(&" ".repeat(fyll));
                    rad.push_str(c);
                }
            }
            ut.push_str(rad.trim_end());
            ut.push('\n');
        };
        if !self.rubriker.is_empty() {
            skriv_rad(&self.rubriker, &mut ut);
            let total: usize = bredd.iter().sum::<usize>() + 2 * antal.saturating_sub(1);
            ut.push_str(&"─".repeat(total));
            ut.push('\n');
        }
        for r in &self.rader {
            skriv_rad(r, &mut ut);
        }
        ut
    }
}

/// An amount, a percentage, a dash for "nothing", or an empty cell.
fn ser_ut_som_tal(c: &str) -> bool {
    let c = c.trim();
    c.is_empty() || c == "–" || c.starts_with(|x: char| x.is_ascii_digit() || x == '−' || x == '-' || x == '+')
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn hogerstallda_tal() {
        let mut t = Texttabell::ny(["", "2026"]);
        t.belopp("Ramutrymme", [dec!(1234567.4)]);
        t.procent("Förändring", [dec!(2.449)]);
        let s = t.skriv();
        assert!(s.contains("Ramutrymme  1\u{a0}234\u{a0}567"), "{s}");
        assert!(s.contains("Förändring      2,4\u{a0}%"), "{s}");
    }
}

//! Readable Swedish tables for the terminal: labels left, numbers right,
//! amounts as `1 234 567`, percentages as `2,4 %`.

use super::enhet::Enhet;
use crate::tal::svensk_procent;
use rust_decimal::Decimal;

/// `text` broken at spaces into rows of at most `bredd` characters (a longer
/// word stands alone).
pub fn radbryt(text: &str, bredd: usize) -> Vec<String> {
    let mut ut: Vec<String> = Vec::new();
    let mut rad = String::new();
    // A no-break space (`1 000 kr`) holds its words together.
    for ord in text.split(|c: char| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}').filter(|o| !o.is_empty()) {
        if !rad.is_empty() && rad.chars().count() + 1 + ord.chars().count() > bredd {
            ut.push(std::mem::take(&mut rad));
        }
        if !rad.is_empty() {
            rad.push(' ');
        }
        rad.push_str(ord);
    }
    if !rad.is_empty() || ut.is_empty() {
        ut.push(rad);
    }
    ut
}

/// A plain text table.
#[derive(Debug, Default)]
pub struct Texttabell {
    rubriker: Vec<String>,
    rader: Vec<Vec<String>>,
    /// The unit of [`Texttabell::belopp`] rows.
    enhet: Enhet,
}

impl Texttabell {
    pub fn ny(rubriker: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Texttabell { rubriker: rubriker.into_iter().map(Into::into).collect(), rader: vec![], enhet: Enhet::Tkr }
    }

    /// The table with its amounts in `enhet` (tkr whole, mnkr with one decimal).
    pub fn i(mut self, enhet: Enhet) -> Self {
        self.enhet = enhet;
        self
    }

    pub fn rad(&mut self, celler: impl IntoIterator<Item = impl Into<String>>) {
        self.rader.push(celler.into_iter().map(Into::into).collect());
    }

    /// A row of a label and amounts (tkr, in the table's unit).
    pub fn belopp(&mut self, etikett: &str, varden: impl IntoIterator<Item = Decimal>) {
        let mut r = vec![etikett.to_string()];
        r.extend(varden.into_iter().map(|v| self.enhet.text(v)));
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

    /// The table, split into blocks of columns (the first column repeated in
    /// each) so that no line is wider than `bredd` characters.
    pub fn skriv_inom(&self, bredd: usize) -> String {
        let antal = self.rader.iter().map(Vec::len).chain([self.rubriker.len()]).max().unwrap_or(0);
        let bredder = self.bredder(antal);
        let hela: usize = bredder.iter().sum::<usize>() + 2 * antal.saturating_sub(1);
        if hela <= bredd || antal <= 2 {
            return self.skriv();
        }
        let mut block: Vec<Vec<usize>> = vec![vec![]];
        let mut anvand = bredder[0];
        for (k, &b) in bredder.iter().enumerate().skip(1) {
            let senaste = block.last_mut().expect("minst ett block");
            if !senaste.is_empty() && anvand + 2 + b > bredd {
                block.push(vec![k]);
                anvand = bredder[0] + 2 + b;
            } else {
                senaste.push(k);
                anvand += 2 + b;
            }
        }
        let valj = |rad: &[String], kolumner: &[usize]| -> Vec<String> {
            std::iter::once(rad.first().cloned().unwrap_or_default())
                .chain(kolumner.iter().map(|&k| rad.get(k).cloned().unwrap_or_default()))
                .collect()
        };
        let delar: Vec<String> = block
            .iter()
            .map(|kolumner| {
                let mut t = Texttabell::ny(valj(&self.rubriker, kolumner)).i(self.enhet);
                for r in &self.rader {
                    // An empty separating row stays empty; a row of only a label keeps its label.
                    if r.is_empty() { t.tom() } else { t.rad(valj(r, kolumner)) }
                }
                t.skriv()
            })
            .collect();
        delar.join("\n")
    }

    fn bredder(&self, antal: usize) -> Vec<usize> {
        let mut bredd = vec![0; antal];
        for r in self.rader.iter().chain([&self.rubriker]) {
            for (i, c) in r.iter().enumerate() {
                bredd[i] = bredd[i].max(c.chars().count());
            }
        }
        bredd
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

/// An amount, a percentage, a dash for "nothing", a verdict (ja, nej,
/// uppfyllt) or an empty cell: what stands in a column of figures.
fn ser_ut_som_tal(c: &str) -> bool {
    let c = c.trim();
    c.is_empty()
        || matches!(c, "–" | "ja" | "nej" | "uppfyllt" | "ej uppfyllt")
        || c.starts_with(|x: char| x.is_ascii_digit() || x == '−' || x == '-' || x == '+')
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn radbryt_haller_ihop_harda_mellanslag() {
        assert_eq!(radbryt("skatt på 1\u{a0}000 kr per invånare", 12), ["skatt på", "1\u{a0}000 kr per", "invånare"]);
        assert_eq!(radbryt("", 10), [""]);
    }

    #[test]
    fn delas_i_block_som_ryms() {
        let mut t = Texttabell::ny(["", "Första", "Andra", "Tredje"]);
        t.belopp("Ramutrymme", [dec!(1234567), dec!(2345678), dec!(3456789)]);
        t.rad(["Balanskravet", "ja", "nej", "ja"]);
        let s = t.skriv_inom(40);
        assert!(s.lines().all(|l| l.chars().count() <= 40), "{s}");
        assert_eq!(s.matches("Ramutrymme").count(), 2, "etiketten upprepas i varje block: {s}");
        assert!(s.contains("Tredje") && s.contains("3\u{a0}456\u{a0}789"), "{s}");
        assert_eq!(t.skriv_inom(200), t.skriv(), "ryms den skrivs hel");
        assert!(s.contains("Balanskravet         ja"), "ja/nej högerställs som tal: {s}");
    }

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

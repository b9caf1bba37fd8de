//! Edge cases computed by an independent implementation (see
//! `fixtures/kanter/README.md`): every key of the expected JSON must match,
//! money within 0.001 tkr, rounded values, booleans and selections exactly.

mod common;

use common::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;

fn tal(v: &Value) -> Option<Decimal> {
    v.as_str().and_then(|s| Decimal::from_str(s).ok())
}

/// The key a list of objects is matched on, when it has one.
fn nyckel(lista: &[Value]) -> Option<&'static str> {
    let forsta = lista.first()?.as_object()?;
    ["id", "post", "aldersgrupp", "scenario"].into_iter().find(|k| forsta.contains_key(*k))
}

fn jamfor(forv: &Value, fakt: &Value, vag: &str, avrundad: bool, fel: &mut Vec<String>) {
    match (forv, fakt) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => jamfor(v, w, &format!("{vag}.{k}"), avrundad || k.ends_with("_avrundad"), fel),
                    None => fel.push(format!("{vag}.{k} saknas")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => match nyckel(a) {
            Some(k) => {
                let mut anvanda = vec![false; b.len()];
                for x in a {
                    let id = &x[k];
                    match b.iter().enumerate().find(|(i, y)| !anvanda[*i] && &y[k] == id) {
                        Some((i, y)) => {
                            anvanda[i] = true;
                            jamfor(x, y, &format!("{vag}[{k}={id}]"), avrundad, fel);
                        }
                        None => fel.push(format!("{vag}[{k}={id}] saknas")),
                    }
                }
            }
            None if a.len() != b.len() => fel.push(format!("{vag}: {} element, väntade {}", b.len(), a.len())),
            None => {
                a.iter().zip(b).enumerate().for_each(|(i, (x, y))| jamfor(x, y, &format!("{vag}[{i}]"), avrundad, fel))
            }
        },
        _ => match (tal(forv), tal(fakt)) {
            (Some(x), Some(y)) => {
                let ok = if avrundad { x == y } else { (x - y).abs() <= Decimal::new(1, 3) };
                if !ok {
                    fel.push(format!("{vag}: {y}, väntade {x}"));
                }
            }
            _ if forv != fakt => fel.push(format!("{vag}: {fakt}, väntade {forv}")),
            _ => {}
        },
    }
}

#[test]
fn kantfallen_stammer_med_den_oberoende_implementationen() {
    let rot = fixtur("kanter");
    let fall = std::fs::read_to_string(rot.join("fall.tsv")).unwrap();
    let mut avvikelser = Vec::new();
    let mut antal = 0;
    for rad in fall.lines().filter(|r| !r.starts_with('#') && !r.trim().is_empty()) {
        let delar: Vec<&str> = rad.split('\t').collect();
        let [namn, slutkod, forvantat, argument] = delar[..] else { panic!("fel rad i fall.tsv: {rad}") };
        let mut args: Vec<String> = argument.split(' ').map(str::to_string).collect();
        // Model folders and scenario files are relative to fixtures/kanter.
        for a in args.iter_mut().skip(1) {
            if !a.starts_with("--") && rot.join(&*a).exists() {
                *a = rot.join(&*a).display().to_string();
            }
        }
        let ut = ramverk().args(&args).arg("--json").output().unwrap();
        antal += 1;
        let kod = ut.status.code().unwrap_or(-1).to_string();
        if kod != slutkod {
            avvikelser.push(format!(
                "{namn} ({argument}): slutkod {kod}, väntade {slutkod}: {}",
                String::from_utf8_lossy(&ut.stderr)
            ));
            continue;
        }
        if slutkod == "0" {
            let modell = args[1].clone();
            let forv: Value =
                serde_json::from_str(&std::fs::read_to_string(std::path::Path::new(&modell).join(forvantat)).unwrap())
                    .unwrap();
            let fakt: Value = serde_json::from_slice(&ut.stdout).unwrap();
            let mut fel = Vec::new();
            jamfor(&forv, &fakt, "$", false, &mut fel);
            avvikelser.extend(fel.into_iter().take(5).map(|f| format!("{namn} ({argument}): {f}")));
        }
    }
    assert!(antal >= 80, "bara {antal} körningar");
    assert!(avvikelser.is_empty(), "{} avvikelser:\n{}", avvikelser.len(), avvikelser.join("\n"));
}

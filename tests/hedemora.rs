//! Golden JSON for the bundled Hedemora model: every command's document is
//! kept in `tests/snapshots/` and must not change unless a reviewed change
//! of the numbers says so (`cargo insta review`).

mod common;

use common::{json::*, *};

fn hedemora() -> String {
    fixtur("hedemora-2026").display().to_string()
}

fn dokument(args: &[&str]) -> String {
    serde_json::to_string_pretty(&json(args)).unwrap()
}

#[test]
fn ram() {
    insta::assert_snapshot!("ram", dokument(&["ram", &hedemora()]));
}

#[test]
fn ram_svag() {
    let s = scenario("svag.toml").display().to_string();
    insta::assert_snapshot!("ram_svag", dokument(&["ram", &hedemora(), "--scenario", &s]));
}

#[test]
fn befintlig() {
    insta::assert_snapshot!("befintlig", dokument(&["befintlig", &hedemora()]));
}

#[test]
fn forslag_per_regel() {
    for regel in ["proportionell", "gemensam", "optimal"] {
        insta::assert_snapshot!(format!("forslag_{regel}"), dokument(&["forslag", &hedemora(), "--fordelning", regel]));
    }
}

#[test]
fn forklara() {
    insta::assert_snapshot!("forklara_bin", dokument(&["forklara", &hedemora(), "--namnd", "BIN"]));
    insta::assert_snapshot!("forklara_on_2028", dokument(&["forklara", &hedemora(), "--namnd", "ON", "--ar", "2028"]));
}

#[test]
fn jamfor() {
    let s: Vec<String> =
        ["svag.toml", "stark.toml", "optimal.toml"].iter().map(|f| scenario(f).display().to_string()).collect();
    let modell = hedemora();
    let mut args = vec!["jamfor", modell.as_str()];
    args.extend(s.iter().map(String::as_str));
    let doc = json(&args);
    // jamfor agrees with forslag run once per scenario.
    for (i, fil) in s.iter().enumerate() {
        assert_eq!(doc["scenarier"][i + 1], json(&["forslag", &hedemora(), "--scenario", fil]));
    }
    assert_eq!(doc["scenarier"][0], json(&["forslag", &hedemora()]));
    insta::assert_snapshot!("jamfor", serde_json::to_string_pretty(&doc).unwrap());
}

#[test]
fn budget() {
    insta::assert_snapshot!("budget", dokument(&["budget", &hedemora()]));
    let s = scenario("svag.toml").display().to_string();
    insta::assert_snapshot!(
        "budget_svag_optimal",
        dokument(&["budget", &hedemora(), "--scenario", &s, "--fordelning", "optimal"])
    );
}

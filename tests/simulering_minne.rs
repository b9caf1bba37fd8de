//! Memory of `simulera` does not grow with the number of draws: the peak
//! resident size of a run with ten times the draws is about the same. Its own
//! test binary, so that no other test's child processes are counted.

mod common;

use common::*;

/// Runs the binary and returns the largest peak RSS of any waited-for child so far (kB).
fn kor(dragningar: &str) -> i64 {
    let ut = ramverk()
        .args(["simulera", &fixtur("hedemora-2026").display().to_string()])
        .args(["--osakerhet", &scenario("osakerhet.toml").display().to_string(), "--dragningar", dragningar, "--json"])
        .output()
        .unwrap();
    assert!(ut.status.success());
    let mut r: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes the struct we pass; RUSAGE_CHILDREN covers the finished child above.
    assert_eq!(unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut r) }, 0);
    r.ru_maxrss
}

#[test]
fn minnet_vaxer_inte_med_antalet_dragningar() {
    let liten = kor("100000");
    let stor = kor("1000000");
    // ru_maxrss of the children is the largest so far: the big run may not push it up by more than 10 %.
    assert!(stor <= liten + liten / 10, "100 000 dragningar: {liten} kB, 1 000 000: {stor} kB");
}

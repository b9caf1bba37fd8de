//! ramverk: budget modelling and simulation for Swedish municipalities.
//!
//! The design at a glance: `modell` holds the domain types; `berakning` is the
//! pure core (every formula of the spec, no I/O); `inlasning` reads model
//! folders and scenario files; `utdata` writes tables, JSON and workbooks.
//! `main.rs` only parses arguments and wires these together.

pub mod berakning;
pub mod fel;
pub mod importera;
pub mod inlasning;
pub mod modell;
pub mod tal;
pub mod utdata;

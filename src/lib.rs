//! ramverk: budget modelling and simulation for Swedish municipalities.
//!
//! The design at a glance: `modell` holds the domain types; `berakning` is the
//! pure core (every formula of the spec, no I/O); `inlasning` reads model
//! folders, scenario files and workbooks; `utdata` writes tables, JSON and
//! workbooks; `kommandon` has one module per command of the årshjul, wiring
//! reader → core → writer; `main.rs` parses the command line and dispatches.

pub mod berakning;
pub mod fel;
pub mod importera;
pub mod inlasning;
pub mod kommandon;
pub mod modell;
pub mod tal;
pub mod utdata;

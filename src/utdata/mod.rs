//! Writers: readable Swedish tables, JSON documents and Excel workbooks.

pub mod arbetsbok;
pub mod befintlig;
pub mod budget;
pub mod enhet;
pub mod etiketter;
pub mod fil;
pub mod forklara;
pub mod forslag;
pub mod jamfor;
pub mod json;
pub mod ram;
pub mod simulering;
pub mod skr_diff;
pub mod text;
pub mod uppfolj;

//! Writers: readable Swedish tables, JSON documents and Excel workbooks.

pub mod json;
pub mod ram;
pub mod text;

//! What comes in: a new record as a person typed it (`log`'s flags, a row of a
//! list a unit sent, an item of a portal's feed), checked against the plan it
//! belongs to before anything is written.
//!
//! - [`checks`]: one check per field (a unit by id or name, a date of the plan, a
//!   title, a link, topics, a channel, a report's period, the rule a document
//!   fulfils …), each naming the flag or column in its refusal;
//! - [`build`]: one builder per record kind from those checks, shared by `log`,
//!   `import` and the feed, so that a field is checked the same way wherever it
//!   comes from;
//! - [`file`] and [`table`]: a CSV file or a sheet of a workbook read as offices
//!   send it (a title above the header, STT, totals);
//! - [`same_report`]: a second report for the same unit, period and rule.

pub mod build;
pub mod checks;
pub mod file;
pub mod same_report;
pub mod table;

pub use checks::*;

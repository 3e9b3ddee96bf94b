//! What a check produces: cells that remember where they were read and how sure the
//! reading is, tables of them, sections, and findings.

use crate::template::Format;

/// A number as printed: a count, or a decimal amount (2019/2021 table 2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Int(i64),
    Dec(f64),
}

impl Value {
    pub fn as_int(self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(i),
            Value::Dec(_) => None,
        }
    }
    pub fn as_f64(self) -> f64 {
        match self {
            Value::Int(i) => i as f64,
            Value::Dec(d) => d,
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Dec(d) => write!(f, "{d}"),
        }
    }
}

/// Byte range in the text that was checked.
pub type Span = (usize, usize);

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// `None` is a blank (or "/", "—", or nothing printed): never a 0.
    pub value: Option<Value>,
    pub span: Option<Span>,
    /// False when the text allowed another reading; an `extraction` finding says which.
    pub certain: bool,
}

impl Cell {
    pub const BLANK: Cell = Cell { value: None, span: None, certain: true };
    pub fn int(&self) -> Option<i64> {
        self.value.and_then(Value::as_int)
    }
}

#[derive(Clone, Debug)]
pub struct Row {
    pub key: String,
    pub label: String,
    /// Where the row's label was found; `None` when the label is lost.
    pub label_span: Option<Span>,
    /// Column keys of this row (table 2's blocks differ; tables 3 and 4 share theirs).
    pub cols: Vec<String>,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
    pub fn cell(&self, row: &str, col: &str) -> Option<&Cell> {
        let c = self.columns.iter().position(|k| k == col)?;
        self.row(row)?.cells.get(c)
    }
}

#[derive(Clone, Debug)]
pub struct SectionHit {
    pub number: u8,
    pub heading: &'static str,
    pub found: bool,
    /// False when the heading stands before an earlier section's.
    pub ordered: bool,
    /// Where the heading was found, and the heading as printed.
    pub span: Option<Span>,
    /// False when the heading was recognised only tolerantly (a typo or a missing word:
    /// "四、政府信息公开行政法复议…"); the printed words are at `span`. True when not found.
    pub exact: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Arithmetic,
    Structure,
    Format,
    Consistency,
    Extraction,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Arithmetic => "arithmetic",
            Kind::Structure => "structure",
            Kind::Format => "format",
            Kind::Consistency => "consistency",
            Kind::Extraction => "extraction",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Finding {
    /// The rule's declaration (id, code, severity, kind live there).
    pub rule: &'static crate::rules::Rule,
    pub message: String,
    pub cells: Vec<String>,
    pub expected: Option<Value>,
    pub actual: Option<Value>,
    /// Where in the text the finding points (a cell, a label, a heading).
    pub span: Option<Span>,
}

impl Finding {
    /// A finding about `cells`, comparing no numbers and pointing at no text yet.
    pub fn new(rule: &'static crate::rules::Rule, message: String, cells: Vec<String>) -> Finding {
        Finding { rule, message, cells, expected: None, actual: None, span: None }
    }
    pub fn at(self, span: Option<Span>) -> Finding {
        Finding { span, ..self }
    }
    pub fn numbers(self, expected: Option<Value>, actual: Option<Value>) -> Finding {
        Finding { expected, actual, ..self }
    }
}

#[derive(Clone, Debug)]
pub struct Report {
    pub source: String,
    /// The text that was checked; every span points into it.
    pub text: String,
    pub format: Option<Format>,
    pub year: Option<i32>,
    pub body: Option<String>,
    pub sections: Vec<SectionHit>,
    pub table2: Option<Table>,
    pub table3: Option<Table>,
    pub table4: Option<Table>,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.rule.severity == Severity::Error)
    }
}

//! What a check produces: cells that remember where they were read and how sure the
//! reading is, tables of them, sections, and findings.

use crate::template::{ColDef, Format, TableId};

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
    /// Not read with certainty: `null` in the contract, and named by a finding.
    pub const UNREAD: Cell = Cell { value: None, span: None, certain: false };
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
    /// The row's columns (table 2's blocks differ; tables 3 and 4 share theirs).
    pub cols: &'static [ColDef],
    pub cells: Vec<Cell>,
}

impl Row {
    /// Leaves every cell uncertain (what was read stays, for the page to show).
    pub fn unsettle(&mut self) {
        self.cells.iter_mut().for_each(|c| c.certain = false);
    }
}

/// Every table has the same shape, rows × columns; table 4's rows are its three blocks.
#[derive(Clone, Debug)]
pub struct Table {
    pub id: TableId,
    pub rows: Vec<Row>,
}

impl Table {
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }
    pub fn cell(&self, row: &str, col: &str) -> Option<&Cell> {
        let r = self.row(row)?;
        r.cols.iter().position(|c| c.key == col).and_then(|c| r.cells.get(c))
    }
    /// The address of the cell at row `r`, column `c`.
    pub fn at(&self, r: usize, c: usize) -> CellRef {
        CellRef { table: self.id, row: self.rows[r].key.clone(), col: self.rows[r].cols[c].key }
    }
    /// "（一）予以公开·自然人", "行政复议·结果维持": a cell as a message names it.
    pub fn human(&self, r: usize, c: usize) -> String {
        let row = &self.rows[r];
        format!("{}·{}", short(&row.label), row.cols[c].label)
    }
    /// Every cell with its address.
    pub fn cells(&self) -> impl Iterator<Item = (usize, usize, &Cell)> {
        self.rows.iter().enumerate().flat_map(|(r, row)| row.cells.iter().enumerate().map(move |(c, cell)| (r, c, cell)))
    }
}

/// A label without its long parenthetical, for messages.
pub fn short(label: &str) -> String {
    match label.find("（区分") {
        Some(p) => label[..p].to_string(),
        None => label.to_string(),
    }
}

/// A cell's address; its display is the contract's name (`table3.granted.total`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CellRef {
    pub table: TableId,
    pub row: String,
    pub col: &'static str,
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.table.name(), self.row, self.col)
    }
}

/// What a finding points at: a cell, a whole row or table, or a section.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Cell(CellRef),
    Row(TableId, String),
    Table(TableId),
    Section(u8),
}

impl Target {
    /// Whether this target names `cell` (itself, its row or its table).
    pub fn covers(&self, cell: &CellRef) -> bool {
        match self {
            Target::Cell(c) => c == cell,
            Target::Row(t, r) => *t == cell.table && *r == cell.row,
            Target::Table(t) => *t == cell.table,
            Target::Section(_) => false,
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Cell(c) => c.fmt(f),
            Target::Row(t, r) => write!(f, "{}.{r}", t.name()),
            Target::Table(t) => f.write_str(t.name()),
            Target::Section(n) => write!(f, "section.{n}"),
        }
    }
}

/// The part a target plays in a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// What the finding is about (a missing section, a row that could not be read).
    Subject,
    /// A printed total an identity compares with its parts.
    Total,
    /// A part of an identity.
    Part,
    /// The one cell whose change would make every failing identity hold.
    Cause,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Subject => "subject",
            Role::Total => "total",
            Role::Part => "part",
            Role::Cause => "cause",
        }
    }
}

/// One place a finding is about, with its role and where it was read (like miette's
/// labelled spans): the page outlines each, the text output marks each in its line.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub target: Target,
    pub role: Role,
    pub span: Option<Span>,
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
    /// What the finding is about, in order of importance; the contract's `cells`.
    pub labels: Vec<Label>,
    pub expected: Option<Value>,
    pub actual: Option<Value>,
}

impl Finding {
    /// A finding about nothing in particular yet; add what it is about with `about`/`label`.
    pub fn new(rule: &'static crate::rules::Rule, message: String) -> Finding {
        Finding { rule, message, labels: Vec::new(), expected: None, actual: None }
    }
    pub fn label(mut self, target: Target, role: Role, span: Option<Span>) -> Finding {
        self.labels.push(Label { target, role, span });
        self
    }
    /// Subjects with no place in the text of their own.
    pub fn about(mut self, targets: impl IntoIterator<Item = Target>) -> Finding {
        self.labels.extend(targets.into_iter().map(|target| Label { target, role: Role::Subject, span: None }));
        self
    }
    pub fn numbers(self, expected: Option<Value>, actual: Option<Value>) -> Finding {
        Finding { expected, actual, ..self }
    }
    /// Whether this finding is a template identity that does not hold (H1–H4): what the
    /// page counts as 计算不平.
    pub fn is_imbalance(&self) -> bool {
        crate::template::IDENTITIES.iter().any(|i| self.rule.id == Some(i.rule))
    }
    /// The contract's `cells`: every target, as named there.
    pub fn cells(&self) -> Vec<String> {
        self.labels.iter().map(|l| l.target.to_string()).collect()
    }
    /// Whether the finding names `cell` (itself, its row or its table).
    pub fn covers(&self, cell: &CellRef) -> bool {
        self.labels.iter().any(|l| l.target.covers(cell))
    }
    /// Where the finding points first: its first label read from the text.
    pub fn span(&self) -> Option<Span> {
        self.labels.iter().find_map(|l| l.span)
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
    pub fn table(&self, id: TableId) -> Option<&Table> {
        match id {
            TableId::T2 => self.table2.as_ref(),
            TableId::T3 => self.table3.as_ref(),
            TableId::T4 => self.table4.as_ref(),
        }
    }
    /// Where a target was read: a cell's number (else its row's label), a row's label (else
    /// its first number), a section's heading.
    pub fn span_of(&self, target: &Target) -> Option<Span> {
        let row = |t: TableId, key: &str| self.table(t)?.row(key);
        match target {
            Target::Cell(c) => {
                let r = row(c.table, &c.row)?;
                r.cols.iter().position(|x| x.key == c.col).and_then(|i| r.cells[i].span).or(r.label_span)
            }
            Target::Row(t, key) => row(*t, key).and_then(|r| r.label_span.or_else(|| r.cells.iter().find_map(|c| c.span))),
            Target::Table(t) => self.table(*t)?.rows.iter().find_map(|r| r.label_span.or_else(|| r.cells.iter().find_map(|c| c.span))),
            Target::Section(n) => self.sections.iter().find(|s| s.number == *n)?.span,
        }
    }
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.rule.severity == Severity::Error)
    }
}

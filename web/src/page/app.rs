//! The page's one stateful component: the reports the user pasted or dropped, the one in
//! view, and the finding in focus. Every edit re-checks synchronously (a typical report
//! takes well under a millisecond); very large pastes are re-checked after a pause.

use super::batch::{BatchSummary, DocTabs, Export, Row};
use super::browser;
use super::files::{self, Loaded};
use super::findings::Findings;
use super::folder;
use super::module;
use super::pdf;
use super::queue::{self, Progress};
use super::samples::SAMPLES;
use super::tables::Tables;
use super::xlsx;
use nianbao::across::Across;
use nianbao::model::{Kind, Report, Role, Severity, Span, Target};
use nianbao::output::{self, LineIndex};
use nianbao::rules;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Above this many bytes, typing waits for a pause before re-checking.
const DEBOUNCE_BYTES: usize = 200_000;

#[derive(Clone)]
pub struct Doc {
    /// Which document this is, so that an edit lands in the one it was typed in.
    pub id: u64,
    pub name: String,
    pub text: Rc<String>,
    pub exact: bool,
    /// The report as checked alone, and as shown: with the findings across the open
    /// reports (Y1) that involve it.
    pub own: Rc<Report>,
    pub report: Rc<Report>,
    pub lines: Rc<LineIndex>,
    /// Cells in a failing arithmetic identity, and the ones named as the single cause.
    pub flagged: Rc<HashSet<String>>,
    pub causes: Rc<HashSet<String>>,
    pub check_ms: f64,
}

impl Doc {
    fn new(id: u64, name: String, text: String, exact: bool) -> Doc {
        let t0 = browser::now_ms();
        let report = if exact { nianbao::check_table_text(&name, &text) } else { nianbao::check_text(&name, &text) };
        let check_ms = browser::now_ms() - t0;
        Doc::of(id, name, text, exact, report, check_ms)
    }

    fn of(id: u64, name: String, text: String, exact: bool, report: Report, check_ms: f64) -> Doc {
        let flagged = report
            .findings
            .iter()
            .filter(|f| f.rule.kind == Kind::Arithmetic && f.rule.severity != Severity::Info)
            .flat_map(|f| f.cells())
            .collect();
        let causes = report.findings.iter().filter(|f| std::ptr::eq(f.rule, &rules::CAUSE)).flat_map(|f| f.cells()).collect();
        let lines = Rc::new(LineIndex::new(&report.text));
        let (report, flagged, causes) = (Rc::new(report), Rc::new(flagged), Rc::new(causes));
        Doc { id, name, lines, text: Rc::new(text), exact, own: report.clone(), report, flagged, causes, check_ms }
    }
}

#[derive(Clone, Default)]
pub struct State {
    pub docs: Vec<Doc>,
    pub active: usize,
    pub selected: Option<usize>,
    pub show_rules: bool,
    pub error: Option<String>,
    /// Bumped when the text box must show another text than the user typed.
    pub load_seq: u32,
    /// The id the next document gets, and how many times 重新开始 was pressed.
    pub next_id: u64,
    pub resets: u32,
    /// PDFs being read, by token (their reader loads and runs after the drop): while any
    /// is, "正在读取 PDF…". 重新开始 empties it, and a PDF not in it is not shown.
    pub reading: Vec<u64>,
    /// The findings across the open reports (Y1), and a number bumped whenever the open
    /// reports change (the batch summary's rows are remade then, not on every render).
    pub across: Rc<Vec<Across>>,
    pub generation: u64,
    /// A batch of dropped files being read and checked.
    pub progress: Option<Progress>,
    /// An Excel export under way (its module loads on the first): "正在生成 Excel…".
    pub exporting: bool,
}

/// A report the queue checked, to become a tab.
pub struct Checked {
    pub loaded: Loaded,
    pub report: Report,
    pub check_ms: f64,
    pub activate: bool,
}

pub enum Action {
    /// The user typed or pasted into the box; `exact` when it came from an HTML table.
    /// A large text is checked after a pause, by which time another tab may be open or
    /// the page reset: the edit names the document it was typed in (`None` on an empty
    /// page, with the reset count then) and lands there, or nowhere.
    Edit {
        doc: Option<u64>,
        resets: u32,
        text: String,
        exact: bool,
    },
    Add {
        loaded: Loaded,
        activate: bool,
    },
    Activate(usize),
    Select(usize),
    ToggleRules,
    Reset,
    Error(String),
    /// A dropped PDF is being read; its token comes back with its text.
    PdfStarted(u64),
    /// Reports of dropped files checked by the queue (a slice of a batch), and how far the
    /// batch has come.
    Checked {
        docs: Vec<Checked>,
        progress: Option<Progress>,
    },
    Progress(Option<Progress>),
    Dropped,
    /// An Excel export started, or ended (its file saved, or its message shown).
    Exporting(bool),
    /// A PDF was read (or could not be): a tab like a dropped file's, or the message.
    PdfRead {
        token: u64,
        name: String,
        text: Result<String, String>,
        activate: bool,
    },
}

impl State {
    /// A file's report as a new tab (an empty pasted one makes way for it).
    fn add(&mut self, loaded: Loaded, activate: bool) {
        let doc = Doc::new(self.next_id, loaded.name, loaded.text, loaded.exact);
        self.push(doc, activate);
    }

    fn push(&mut self, doc: Doc, activate: bool) {
        self.next_id += 1;
        if self.docs.len() == 1 && self.docs[0].text.trim().is_empty() {
            self.docs.clear();
        }
        self.docs.push(doc);
        if activate || self.docs.len() == 1 {
            self.active = self.docs.len() - 1;
            self.selected = None;
            self.load_seq += 1;
        }
    }

    /// After the open reports changed: the checks across them (the same function the
    /// command line runs), each report shown with the findings that involve it.
    fn relate(&mut self) {
        self.generation += 1;
        let found = if self.docs.len() > 1 {
            nianbao::across::findings(&self.docs.iter().map(|d| d.own.as_ref()).collect::<Vec<_>>())
        } else {
            Vec::new()
        };
        let mut extra: Vec<Vec<nianbao::model::Finding>> = vec![Vec::new(); self.docs.len()];
        let mut run = Vec::new();
        for (a, copies) in found {
            for (i, f) in copies {
                extra[i].push(f);
            }
            run.push(a);
        }
        for (d, extra) in self.docs.iter_mut().zip(extra) {
            let shown = d.report.findings.len() - d.own.findings.len();
            if extra.is_empty() {
                if shown > 0 || !Rc::ptr_eq(&d.report, &d.own) {
                    d.report = d.own.clone();
                }
                continue;
            }
            // The same findings as before: keep the report (the tables need not redraw).
            let same = shown == extra.len()
                && d.report
                    .findings
                    .iter()
                    .filter(|f| std::ptr::eq(f.rule, &rules::Y1))
                    .map(|f| &f.message)
                    .eq(extra.iter().map(|f| &f.message));
            if same {
                continue;
            }
            // Among the report's findings, already by severity: after those as severe.
            let mut r = (*d.own).clone();
            let at = r.findings.partition_point(|f| f.rule.severity <= rules::Y1.severity);
            r.findings.splice(at..at, extra);
            d.report = Rc::new(r);
        }
        self.across = Rc::new(run);
    }
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        // Which reports were open: relate them again only if that changed.
        let open = |s: &State| s.docs.iter().map(|d| Rc::as_ptr(&d.own)).collect::<Vec<_>>();
        let before = open(&s);
        match action {
            Action::Edit { doc, resets, text, exact } => {
                let at = match doc {
                    Some(id) => s.docs.iter().position(|d| d.id == id),
                    None if s.docs.is_empty() && resets == s.resets => {
                        s.docs.push(Doc::new(s.next_id, "粘贴的报告".into(), String::new(), exact));
                        s.next_id += 1;
                        Some(0)
                    }
                    None => None,
                };
                // The document it was typed in is gone (reset, replaced): the edit goes too.
                let Some(at) = at else { return self };
                let old = &s.docs[at];
                s.docs[at] = Doc::new(old.id, old.name.clone(), text, exact);
                if at == s.active {
                    s.selected = None;
                }
                s.error = None;
            }
            Action::Add { loaded, activate } => {
                s.add(loaded, activate);
                s.error = None;
            }
            // New files: the last drop's messages go; this drop's stay until it is done.
            Action::Dropped => s.error = None,
            Action::Checked { docs, progress } => {
                for c in docs {
                    let doc = Doc::of(s.next_id, c.loaded.name, c.loaded.text, c.loaded.exact, c.report, c.check_ms);
                    s.push(doc, c.activate);
                }
                s.progress = progress;
            }
            Action::Progress(p) if p == s.progress => return self,
            Action::Progress(p) => s.progress = p,
            Action::Activate(i) if i < s.docs.len() => {
                s.active = i;
                s.selected = None;
                s.load_seq += 1;
            }
            Action::Activate(_) => {}
            Action::Select(i) => s.selected = Some(i),
            Action::ToggleRules => s.show_rules = !s.show_rules,
            Action::Reset => {
                s = State {
                    load_seq: s.load_seq + 1,
                    next_id: s.next_id,
                    resets: s.resets + 1,
                    generation: s.generation,
                    ..State::default()
                };
            }
            // In a batch, every file's message stays, one a line.
            Action::Error(e) => match s.error.take() {
                Some(old) if s.progress.is_some() => s.error = Some(format!("{old}\n{e}")),
                _ => s.error = Some(e),
            },
            Action::PdfStarted(token) => s.reading.push(token),
            Action::Exporting(on) => s.exporting = on,
            // Dropped before a 重新开始: it goes with everything else.
            Action::PdfRead { token, .. } if !s.reading.contains(&token) => return self,
            Action::PdfRead { token, name, text, activate } => {
                s.reading.retain(|&t| t != token);
                match text {
                    // Exact rows, like a .html file's converted text: check_table_text.
                    Ok(text) => s.add(Loaded { name, text, exact: true }, activate),
                    Err(e) => s.error = Some(format!("{name}：{e}。原来的内容没有改动。")),
                }
            }
        }
        if open(&s) != before {
            s.relate();
        }
        Rc::new(s)
    }
}

/// The batch's summary rows and the generation of the reports they were built from.
type RowsCache = (Option<u64>, Rc<Vec<Row>>);

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let textarea = use_node_ref();
    let readers: Rc<RefCell<Vec<gloo::file::callbacks::FileReader>>> = use_mut_ref(Vec::new);
    let queue: queue::Shared = use_mut_ref(queue::Queue::default);
    let rows_cache: Rc<RefCell<RowsCache>> = use_mut_ref(Default::default);
    let pending: Rc<RefCell<Option<gloo::timers::callback::Timeout>>> = use_mut_ref(|| None);
    // The Excel export under way, by its token (0: none). 重新开始 forgets it, so the file
    // of a batch that was emptied is not saved after all.
    let exporting: Rc<RefCell<u64>> = use_mut_ref(|| 0);
    let doc = state.docs.get(state.active).cloned();
    let copied = use_state_eq(|| false);

    // Show a loaded or reset text in the box (typing never comes back this way).
    {
        let textarea = textarea.clone();
        let text = doc.as_ref().map(|d| d.text.clone());
        use_effect_with(state.load_seq, move |_| {
            if let Some(ta) = textarea.cast::<HtmlTextAreaElement>() {
                ta.set_value(text.as_deref().map_or("", |t| t.as_str()));
            }
        });
    }
    // Point at the selected finding: its cells in the table, its place in the text.
    {
        let textarea = textarea.clone();
        let target = doc.as_ref().zip(state.selected).and_then(|(d, i)| {
            let f = d.report.findings.get(i)?;
            Some((f.labels.first().map(|l| l.target.clone()), finding_span(&d.report, i), d.report.text.clone()))
        });
        use_effect_with((state.selected, state.load_seq), move |_| {
            if let Some((cell, span, text)) = target {
                // A cell by its name; a row of table 3 by its key (the rows carry `data-row`).
                let selector = match cell {
                    Some(Target::Row(_, key)) => Some(format!("[data-row=\"{key}\"]")),
                    Some(t @ Target::Cell(_)) => Some(format!("[data-cell=\"{t}\"]")),
                    Some(t @ Target::Table(_)) => Some(format!("[data-table=\"{t}\"]")),
                    _ => None,
                };
                if let Some(selector) = selector {
                    browser::scroll_to(&selector);
                }
                if let (Some(span), Some(ta)) = (span, textarea.cast::<HtmlTextAreaElement>()) {
                    browser::select_in(&ta, &text, span, false);
                }
            }
        });
    }

    // Typing (input), or a script that set the value and fired change: read the box.
    let read_box = {
        let state = state.clone();
        let pending = pending.clone();
        let textarea = textarea.clone();
        Rc::new(move || {
            let Some(ta) = textarea.cast::<HtmlTextAreaElement>() else { return };
            let doc = state.docs.get(state.active);
            let text = ta.value();
            if doc.is_some_and(|d| *d.text == text) {
                return;
            }
            let edit =
                Action::Edit { doc: doc.map(|d| d.id), resets: state.resets, text: text.clone(), exact: doc.is_some_and(|d| d.exact) };
            if text.len() > DEBOUNCE_BYTES {
                let state = state.clone();
                let timeout = gloo::timers::callback::Timeout::new(300, move || state.dispatch(edit));
                *pending.borrow_mut() = Some(timeout);
            } else {
                pending.borrow_mut().take();
                state.dispatch(edit);
            }
        })
    };
    let oninput = {
        let read_box = read_box.clone();
        Callback::from(move |_: InputEvent| read_box())
    };
    let onchange = Callback::from(move |_: Event| read_box());

    // The page inserts pasted text itself: a table copied from a web page or Word arrives
    // as text/html and is read through its rows; and a paste event made by a script has
    // no default action, so relying on the browser would drop it.
    let onpaste = {
        let state = state.clone();
        let textarea = textarea.clone();
        let pending = pending.clone();
        Callback::from(move |e: Event| {
            let e: web_sys::ClipboardEvent = e.unchecked_into();
            let Some(data) = e.clipboard_data() else { return };
            let Some(ta) = textarea.cast::<HtmlTextAreaElement>() else { return };
            let html = data.get_data("text/html").unwrap_or_default();
            let (pasted, from_table) = if html.to_ascii_lowercase().contains("<table") {
                (nianbao::html::to_text(&html), true)
            } else {
                (data.get_data("text/plain").unwrap_or_default().replace("\r\n", "\n"), false)
            };
            if pasted.is_empty() {
                return;
            }
            e.prevent_default();
            let old = ta.value();
            let u: Vec<u16> = old.encode_utf16().collect();
            let sel = |r: Result<Option<u32>, _>| (r.ok().flatten().unwrap_or(0) as usize).min(u.len());
            let (s, en) = (sel(ta.selection_start()), sel(ta.selection_end()));
            let whole = old.trim().is_empty() || (s == 0 && en == u.len());
            let text =
                if whole { pasted } else { format!("{}{pasted}{}", String::from_utf16_lossy(&u[..s]), String::from_utf16_lossy(&u[en..])) };
            ta.set_value(&text);
            if !whole {
                // Just after the pasted text: what followed the selection keeps its length.
                let caret = (text.encode_utf16().count() - (u.len() - en)) as u32;
                let _ = ta.set_selection_range(caret, caret);
            }
            // Rows converted from a table are exact only if the box holds nothing else.
            // A paste is checked at once, so an edit still waiting is superseded by it.
            pending.borrow_mut().take();
            let doc = state.docs.get(state.active).map(|d| d.id);
            state.dispatch(Action::Edit { doc, resets: state.resets, text, exact: from_table && whole });
        })
    };

    let read_files = {
        let state = state.clone();
        let readers = readers.clone();
        let queue = queue.clone();
        Rc::new(move |list: Vec<(web_sys::File, String)>| {
            state.dispatch(Action::Dropped);
            let mut first = true;
            let epoch = queue.borrow().epoch;
            for (file, name) in list {
                // A folder's files are named by their path in it ("年报/街道/甲.docx"), and
                // only reports are read from it (like a .zip's entries).
                if name.contains('/') && !files::is_report_name(&name) {
                    continue;
                }
                if file.size() > nianbao::decode::MAX_BYTES as f64 {
                    state.dispatch(Action::Error(format!(
                        "{name}：文件太大，超过 {} MB 的上限。",
                        nianbao::decode::MAX_BYTES / 1024 / 1024
                    )));
                    continue;
                }
                let (state, queue) = (state.clone(), queue.clone());
                let activate = first;
                first = false;
                queue.borrow_mut().reading();
                let reader = gloo::file::callbacks::read_as_bytes(&gloo::file::Blob::from(file), move |res| {
                    // Every report of the file (one, or a .zip's) waits its turn in the queue,
                    // the first of the drop to be shown; PDFs go to the PDF module.
                    let mut ready = Vec::new();
                    match res {
                        Ok(bytes) if pdf::is_pdf(&bytes) => read_pdf(&state, name, bytes, activate),
                        Ok(bytes) => {
                            for (i, entry) in files::load_all(&name, &bytes).into_iter().enumerate() {
                                let activate = activate && i == 0;
                                match entry {
                                    files::Entry::Ready(loaded) => ready.push((loaded, activate)),
                                    files::Entry::Pdf { name, bytes } => read_pdf(&state, name, bytes, activate),
                                    files::Entry::Failed(e) => state.dispatch(Action::Error(format!("{e}。原来的内容没有改动。"))),
                                }
                            }
                        }
                        // What a dropped folder gives too: browsers hand it over as an unreadable file.
                        Err(_) => state.dispatch(Action::Error(format!(
                            "{name}：无法读取文件。如果这是一个文件夹而浏览器不支持拖入文件夹，请用下方“或整个文件夹”选择它，或先压缩成 .zip 再拖入。"
                        ))),
                    }
                    queue::arrived(&state, &queue, epoch, ready);
                });
                readers.borrow_mut().push(reader);
            }
            queue::schedule(&state, &queue);
        })
    };
    let onchange_file = {
        let read_files = read_files.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                read_files(file_list(&list));
            }
            input.set_value("");
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let read_files = read_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let Some(dt) = e.data_transfer() else { return };
            // A folder among them: walk it (its entries must be taken now, during the event).
            if let Some(entries) = folder::entries(&dt) {
                let read_files = read_files.clone();
                wasm_bindgen_futures::spawn_local(async move { read_files(folder::files(entries, nianbao::zip::MAX_ENTRIES).await) });
            } else if let Some(list) = dt.files().filter(|l| l.length() > 0) {
                read_files(file_list(&list));
            }
        })
    };

    let on_sample = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = sel.value().parse::<usize>() {
                let (name, text) = SAMPLES[i];
                state.dispatch(Action::Add { loaded: files::from_text(name, text.to_string(), Some(false)), activate: true });
            }
            sel.set_value("");
        })
    };
    let on_reset = {
        let state = state.clone();
        let textarea = textarea.clone();
        let pending = pending.clone();
        let queue = queue.clone();
        let readers = readers.clone();
        let exporting = exporting.clone();
        Callback::from(move |_| {
            pending.borrow_mut().take(); // an edit still waiting is dropped with everything else
            *exporting.borrow_mut() = 0; // and an export not yet saved
            queue.borrow_mut().clear(); // and a batch still being read and checked
            readers.borrow_mut().clear(); // and files still being read (dropping one aborts it)
            state.dispatch(Action::Reset);
            if let Some(ta) = textarea.cast::<HtmlTextAreaElement>() {
                let _ = ta.focus();
            }
        })
    };
    let on_rules = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::ToggleRules);
            if let Ok(Some(pane)) = gloo::utils::document().query_selector(".result-pane") {
                pane.set_scroll_top(0);
            }
        })
    };
    let on_select = {
        let state = state.clone();
        Callback::from(move |i| state.dispatch(Action::Select(i)))
    };
    // The batch view: its rows remade when the open reports change, and kept (the same Rc,
    // so the summary and the tabs skip drawing) when they come out the same, as they do
    // for most keystrokes.
    let rows = {
        let mut cache = rows_cache.borrow_mut();
        if cache.0 != Some(state.generation) {
            let rows: Vec<Row> = state.docs.iter().enumerate().map(|(i, d)| Row::of(i, &d.report)).collect();
            if *cache.1 != rows {
                cache.1 = Rc::new(rows);
            }
            cache.0 = Some(state.generation);
        }
        cache.1.clone()
    };
    let on_open = {
        let state = state.clone();
        Callback::from(move |i: usize| {
            state.dispatch(Action::Activate(i));
            browser::scroll_to_top("[data-testid=report-view]");
        })
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |what: Export| {
            let reports: Vec<&Report> = state.docs.iter().map(|d| d.report.as_ref()).collect();
            match what {
                Export::Xlsx => export_xlsx(&state, &exporting, output::batch_sheets(&reports)),
                Export::SummaryCsv => browser::download("nianbao-汇总.csv", "text/csv;charset=utf-8", &output::summary_csv(&reports)),
                Export::FindingsCsv => browser::download("nianbao-问题清单.csv", "text/csv;charset=utf-8", &output::findings_csv(&reports)),
                Export::Print => browser::print_only("print-batch"),
            }
        })
    };
    let on_tab = {
        let state = state.clone();
        Callback::from(move |i: usize| state.dispatch(Action::Activate(i)))
    };
    let tabs = (state.docs.len() > 1).then(|| html! { <DocTabs rows={rows.clone()} active={state.active} on_open={on_tab} /> });
    let batch = (state.docs.len() > 1 && !state.show_rules).then(|| {
        html! { <BatchSummary rows={rows} across={state.across.clone()} active={state.active} {on_open} {on_export} /> }
    });

    html! {
        <div class="page" {ondragover} {ondrop}>
            <header class="bar">
                <h1>{"年报校验"}<small>{"政府信息公开工作年度报告 · 全部在本机浏览器内检查，不上传"}</small></h1>
                <nav>
                    <select data-testid="sample-menu" onchange={on_sample} aria-label="示例报告">
                        <option value="" selected=true>{"示例报告…"}</option>
                        { for SAMPLES.iter().enumerate().map(|(i, (n, _))| html! { <option value={i.to_string()}>{*n}</option> }) }
                    </select>
                    <button data-testid="reset" onclick={on_reset}>{"重新开始"}</button>
                    <button data-testid="rules-toggle" onclick={on_rules} aria-pressed={state.show_rules.to_string()}>
                        { if state.show_rules { "返回检查" } else { "规则说明" } }
                    </button>
                </nav>
            </header>
            <main class="layout">
                <section class="input-pane">
                    // Optional parts sit in fixed slots: Yew matches unkeyed siblings by
                    // position, and a sibling appearing would replace the text box (and
                    // lose what the user typed).
                    <div class="tabs-slot">{ for tabs }</div>
                    <label for="report-input" class="hint">{"把年报全文粘贴到这里，或把 .txt / .html / .docx / .pdf 文件或它们的 .zip 拖到页面上（可多个）："}</label>
                    <textarea key="report-input" id="report-input" data-testid="report-input" ref={textarea.clone()} {oninput} {onchange} {onpaste}
                        spellcheck="false" placeholder="粘贴年度报告全文（从网页、Word 或 PDF 复制均可）" />
                    <div class="file-row">
                        <label>{"或选择文件："}<input type="file" data-testid="file-input" multiple=true accept=".txt,.html,.htm,.docx,.pdf,.zip,text/plain,text/html,application/pdf,application/zip" onchange={onchange_file.clone()} /></label>
                        <label>{"或整个文件夹："}<input type="file" data-testid="folder-input" webkitdirectory=true multiple=true onchange={onchange_file} /></label>
                    </div>
                    <div class="alert-slot" role="alert">
                        { for state.error.as_ref().map(|e| html! { <div class="error" data-testid="error">{e}</div> }) }
                        { for (!state.reading.is_empty()).then(|| html! { <div class="busy" data-testid="pdf-reading">{"正在读取 PDF…"}</div> }) }
                        { for state.exporting.then(|| html! { <div class="busy" data-testid="xlsx-busy">{"正在生成 Excel…"}</div> }) }
                        { for state.progress.map(progress) }
                    </div>
                </section>
                <section class="result-pane" data-testid="results" data-check-ms={doc.as_ref().map(|d| format!("{:.3}", d.check_ms))}>
                    <div class="batch-slot">{ for batch }</div>
                    <div class="report-view" data-testid="report-view">
                        { if state.show_rules { rule_reference() } else { result(&state, doc.as_ref(), on_select, textarea.clone(), copied) } }
                    </div>
                </section>
            </main>
        </div>
    }
}

/// Chosen or dropped files with their names: a chosen folder's by their path in it.
fn file_list(list: &web_sys::FileList) -> Vec<(web_sys::File, String)> {
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| {
            let path = js_sys::Reflect::get(&f, &"webkitRelativePath".into()).ok().and_then(|p| p.as_string()).unwrap_or_default();
            let name = if path.is_empty() { f.name() } else { path };
            (f, name)
        })
        .collect()
}

/// A batch being read and checked: how far it has come.
fn progress(p: Progress) -> Html {
    let total = p.done + p.waiting;
    let reading = if p.reading > 0 { format!("，还有 {} 个文件正在读取", p.reading) } else { String::new() };
    html! {
        <div class="busy" data-testid="batch-progress" data-done={p.done.to_string()}>
            <progress max={total.max(1).to_string()} value={p.done.to_string()}></progress>
            { format!(" 正在检查：已完成 {} / {} 份{reading}……", p.done, total) }
        </div>
    }
}

fn result(
    state: &UseReducerHandle<State>,
    doc: Option<&Doc>,
    on_select: Callback<usize>,
    textarea: NodeRef,
    copied: UseStateHandle<bool>,
) -> Html {
    let Some(doc) = doc.filter(|d| !d.text.trim().is_empty()) else {
        return html! {
            <div class="empty">
                <p>{"粘贴一份年报后，这里会显示：六个部分是否齐全、表二至表四读出的数字，以及每一处算不平的地方。"}</p>
                <p>{"想先看看效果，可以从上方“示例报告”里选一份。"}</p>
            </div>
        };
    };
    let r = &doc.report;
    let arith = r.findings.iter().filter(|f| f.is_imbalance()).count();
    // Every place the selected finding names, outlined by the part it plays (printed total,
    // parts, the likely wrong cell).
    let selected_cells: Rc<HashMap<String, Role>> = Rc::new(
        state
            .selected
            .and_then(|i| r.findings.get(i))
            .map(|f| f.labels.iter().map(|l| (l.target.to_string(), l.role)).collect())
            .unwrap_or_default(),
    );
    // The exports are made when asked for, not on every keystroke.
    let reports: Rc<Vec<Rc<Report>>> = Rc::new(state.docs.iter().map(|d| d.report.clone()).collect());
    let export = |make: fn(&[&Report]) -> String| {
        let reports = reports.clone();
        move || make(&reports.iter().map(|r| r.as_ref()).collect::<Vec<_>>())
    };
    let on_copy = {
        let copied = copied.clone();
        let note = export(|all| all.iter().map(|r| output::findings_text(r)).collect::<Vec<_>>().join("\n"));
        Callback::from(move |_| copied.set(browser::copy(&note())))
    };
    // The command line's document for the same files: with the run's findings across them.
    let on_json = {
        let (reports, across) = (reports.clone(), state.across.clone());
        Callback::from(move |_| {
            let all: Vec<&Report> = reports.iter().map(|r| r.as_ref()).collect();
            browser::download("nianbao-检查结果.json", "application/json;charset=utf-8", &output::json_run(&all, &across))
        })
    };
    let csv = export(output::findings_csv);
    let on_csv = Callback::from(move |_| browser::download("nianbao-检查结果.csv", "text/csv;charset=utf-8", &csv()));
    html! {
        <>
        <div class={classes!("verdict", if arith > 0 { "bad" } else { "good" })} data-testid="verdict">
            { if arith > 0 { format!("发现 {arith} 处计算不平（表中红色格子）") } else { "没有发现计算错误".to_string() } }
        </div>
        <div class="meta">
            <span>{"报告单位："}<b>{ r.body.clone().unwrap_or_else(|| "未能识别".into()) }</b></span>
            <span>{"年度："}<b data-testid="year">{ r.year.map_or("未能识别".into(), |y| y.to_string()) }</b></span>
            <span>{"格式："}<b data-testid="format">{ r.format.map_or("未能判断".into(), |f| format!("{}年格式", f.name())) }</b></span>
        </div>
        <ul class="sections" aria-label="六个部分">
            { for r.sections.iter().map(|s| html! {
                <li data-section={s.number.to_string()} data-found={s.found.to_string()} class={classes!(if s.found { "found" } else { "absent" })}>
                    { format!("{}{} {}", if s.found { "✓ " } else { "✗ 缺少 " }, nianbao::template::SECTIONS[s.number as usize - 1].ordinal, s.heading) }
                </li>
            }) }
        </ul>
        <div class="actions">
            { if state.docs.len() > 1 { html! {
                <button data-testid="back-to-summary" onclick={Callback::from(|_| browser::scroll_to_top("[data-testid=batch-summary]"))}>{"↑ 回到汇总"}</button>
            } } else { html! {} } }
            <button data-testid="copy-findings" onclick={on_copy}>{ if *copied { "已复制" } else { "复制检查结果" } }</button>
            <button data-testid="download-json" onclick={on_json}>{"下载 JSON"}</button>
            <button data-testid="download-csv" onclick={on_csv}>{"下载 CSV（Excel/WPS）"}</button>
            <button data-testid="print" onclick={Callback::from(|_| browser::print())}>{"打印摘要"}</button>
        </div>
        <h2>{"检查结果"}</h2>
        <Findings report={r.clone()} selected={state.selected} {on_select} />
        <div class="excerpt-slot">{ excerpt(doc, state.selected, textarea) }</div>
        <Tables report={r.clone()} lines={doc.lines.clone()} flagged={doc.flagged.clone()} causes={doc.causes.clone()} selected={selected_cells} />
        </>
    }
}

/// The place in the pasted text the selected finding points at, with a few words around.
fn excerpt(doc: &Doc, selected: Option<usize>, textarea: NodeRef) -> Html {
    let Some(i) = selected else { return html! {} };
    let Some(span) = finding_span(&doc.report, i) else {
        return html! { <div class="excerpt" data-testid="source-excerpt">{"这一条说的是整份报告，没有对应的具体文字。"}</div> };
    };
    let t = &doc.report.text;
    let fb = |i: usize| nianbao::normalize::floor_boundary(t, i);
    let (s, e) = (fb(span.0), fb(span.1.max(span.0)));
    let before_start = t[..s].char_indices().rev().nth(59).map_or(0, |x| x.0);
    let after_end = t[e..].char_indices().nth(60).map_or(t.len(), |x| e + x.0);
    let (l, c) = doc.lines.line_col(t, s);
    let text = doc.report.text.clone();
    let onclick = Callback::from(move |_| {
        if let Some(ta) = textarea.cast::<HtmlTextAreaElement>() {
            browser::select_in(&ta, &text, span, true);
        }
    });
    html! {
        <div class="excerpt" data-testid="source-excerpt" data-line={l.to_string()}>
            <div class="where">{ format!("原文第 {l} 行第 {c} 列：") }<button class="link" {onclick}>{"在原文中选中"}</button></div>
            <pre>{ &t[before_start..s] }<mark>{ &t[s..e] }</mark>{ &t[e..after_end] }</pre>
        </div>
    }
}

/// Where a finding points: its first label read from the text, else where its first
/// target was read.
fn finding_span(r: &Report, i: usize) -> Option<Span> {
    let f = r.findings.get(i)?;
    f.span().or_else(|| f.labels.iter().find_map(|l| r.span_of(&l.target)))
}

/// Every rule, from the declarations the checker runs.
fn rule_reference() -> Html {
    html! {
        <div class="rules" data-testid="rule-reference">
            <h2>{"检查规则说明"}</h2>
            <p>{"下列规则与检查程序使用同一份定义。“错误”表示报告违反模板或算不平；“警告”需要人工再看；“提示”供参考。“读取问题”表示文字无法确定地读出，不是报告本身的错误。"}</p>
            <table class="rule-table">
                <thead><tr><th>{"编号"}</th><th>{"严重程度"}</th><th>{"规则"}</th><th>{"说明与示例"}</th></tr></thead>
                <tbody>
                { for rules::ALL.iter().map(|r| html! {
                    <tr data-rule-ref={r.code}>
                        <td>{ r.id.unwrap_or("—") }<br/><code>{ r.code }</code></td>
                        <td>{ r.severity.zh() }{ if r.kind == Kind::Extraction { "（读取问题）" } else { "" } }</td>
                        <td>{ r.title }</td>
                        <td>{ r.explain }<div class="example">{"例："}{ r.example }</div></td>
                    </tr>
                }) }
                </tbody>
            </table>
        </div>
    }
}

/// The batch's workbook, written by the .xlsx module (loaded now if this is the first
/// export) and saved; the page says it is being made meanwhile. A click while one is under
/// way is ignored; a 重新开始 before it ends drops it. If the module cannot be loaded, the
/// page says so and keeps the batch (the CSVs hold the same rows).
fn export_xlsx(state: &UseReducerHandle<State>, exporting: &Rc<RefCell<u64>>, sheets: Vec<nianbao_xlsx::Sheet>) {
    if *exporting.borrow() != 0 {
        return;
    }
    let token = module::token();
    *exporting.borrow_mut() = token;
    state.dispatch(Action::Exporting(true));
    let (state, exporting) = (state.clone(), exporting.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let made = xlsx::workbook(&sheets).await;
        if *exporting.borrow() != token {
            return; // 重新开始 came first
        }
        *exporting.borrow_mut() = 0;
        match made {
            Ok(bytes) => {
                browser::download_bytes("nianbao-汇总.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &bytes)
            }
            Err(e) => state.dispatch(Action::Error(format!("{e}。汇总和问题清单仍可下载为 CSV。"))),
        }
        state.dispatch(Action::Exporting(false));
    });
}

/// A PDF to a tab, read by the PDF module (loaded now if it is the first PDF); the page
/// says it is reading meanwhile, and a 重新开始 before it ends drops the result.
fn read_pdf(state: &UseReducerHandle<State>, name: String, bytes: Vec<u8>, activate: bool) {
    let token = module::token();
    state.dispatch(Action::PdfStarted(token));
    let state = state.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let text = pdf::to_text(&bytes).await;
        state.dispatch(Action::PdfRead { token, name, text, activate });
    });
}

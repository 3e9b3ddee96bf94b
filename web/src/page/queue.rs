//! Reports from dropped files wait here to be checked, in slices of about 30 ms each
//! followed by a return to the event loop, so a batch of hundreds keeps the page
//! responsive (typing, scrolling, 重新开始) and its progress is painted as it goes. A
//! typical report takes about a millisecond to check here; a Web Worker would need its
//! own copy of the wasm in the single file and a CSP source for it, for no gain at that.

use super::app::{Action, Checked, State};
use super::browser;
use super::files::Loaded;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use yew::UseReducerHandle;

/// How long one slice may check before letting the browser run.
const SLICE_MS: f64 = 30.0;

#[derive(Default)]
pub struct Queue {
    items: VecDeque<(Loaded, bool)>,
    /// Files still being read by the browser.
    reading: usize,
    /// Reports checked since the queue was last empty.
    done: usize,
    /// Bumped by 重新开始: files read for an earlier epoch are dropped.
    pub epoch: u32,
    timer: Option<gloo::timers::callback::Timeout>,
}

pub type Shared = Rc<RefCell<Queue>>;

/// How far a batch has come, for the page to show.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Progress {
    pub done: usize,
    pub waiting: usize,
    pub reading: usize,
}

impl Queue {
    fn progress(&self) -> Option<Progress> {
        (!self.items.is_empty() || self.reading > 0 || self.timer.is_some()).then_some(Progress {
            done: self.done,
            waiting: self.items.len(),
            reading: self.reading,
        })
    }
    /// A file began to be read.
    pub fn reading(&mut self) {
        self.reading += 1;
    }
    /// Everything waiting goes (重新开始); files being read will be dropped on arrival.
    pub fn clear(&mut self) {
        *self = Queue { epoch: self.epoch + 1, ..Queue::default() };
    }
}

/// A file has been read: its reports (maybe none) join the queue, checked from now on.
pub fn arrived(state: &UseReducerHandle<State>, q: &Shared, epoch: u32, reports: Vec<(Loaded, bool)>) {
    {
        let mut q = q.borrow_mut();
        if q.epoch != epoch {
            return;
        }
        q.reading = q.reading.saturating_sub(1);
        q.items.extend(reports);
    }
    schedule(state, q);
}

/// Makes sure a slice will run; when none was due (a drop has begun), shows the progress
/// now. Otherwise the slice shows it: one render per slice, not one per file read.
pub fn schedule(state: &UseReducerHandle<State>, q: &Shared) {
    let mut qq = q.borrow_mut();
    if qq.timer.is_some() {
        return;
    }
    let (s, q2) = (state.clone(), q.clone());
    qq.timer = Some(gloo::timers::callback::Timeout::new(0, move || slice(&s, &q2)));
    let progress = qq.progress();
    drop(qq);
    state.dispatch(Action::Progress(progress));
}

/// Checks reports for up to `SLICE_MS`, hands them to the app, and comes back later for
/// the rest.
fn slice(state: &UseReducerHandle<State>, q: &Shared) {
    let t0 = browser::now_ms();
    let mut checked = Vec::new();
    loop {
        let Some((loaded, activate)) = q.borrow_mut().items.pop_front() else { break };
        let t = browser::now_ms();
        let report = if loaded.exact {
            nianbao::check_table_text(&loaded.name, &loaded.text)
        } else {
            nianbao::check_text(&loaded.name, &loaded.text)
        };
        checked.push(Checked { loaded, report, check_ms: browser::now_ms() - t, activate });
        if browser::now_ms() - t0 > SLICE_MS {
            break;
        }
    }
    let mut qq = q.borrow_mut();
    qq.timer = None;
    qq.done += checked.len();
    let more = !qq.items.is_empty();
    let progress = qq.progress();
    if progress.is_none() {
        qq.done = 0;
    }
    drop(qq);
    state.dispatch(Action::Checked { docs: checked, progress });
    if more {
        schedule(state, q);
    }
}

//! The page: a Yew app over the core, compiled to wasm32 and built by Trunk from
//! `index.html`. Nothing the user pastes leaves the browser: the core runs here, files are
//! read with the browser's FileReader and TextDecoder, results are downloaded as blobs.

mod app;
mod batch;
mod browser;
mod files;
mod findings;
mod folder;
mod module;
mod pdf;
mod queue;
mod samples;
mod tables;
mod xlsx;

use wasm_bindgen::prelude::*;

/// Mounts the app and exposes `window.nianbao.check(text)`, which returns the contract's
/// REPORT object, for intranet pages and scripts that want the checker without the UI.
pub fn start() {
    expose_api();
    let root = gloo::utils::document().get_element_by_id("app").expect("index.html has #app");
    root.set_inner_html("");
    yew::Renderer::<app::App>::with_root(root).render();
}

fn expose_api() {
    let check = Closure::<dyn Fn(String) -> JsValue>::new(|text: String| {
        let report = nianbao::check_text("input", &text);
        let json = nianbao::output::report_json(&report);
        json.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
    });
    // For the benchmark (tests/e2e/measure.mjs): the check alone, `n` times, in ms, timed
    // inside the module (the browser's clock is coarsened to 0.1 ms: one run is too short).
    // HTML is read as the page reads a pasted page, through its tables (as `cargo bench`).
    let bench = Closure::<dyn Fn(String, u32) -> f64>::new(|text: String, n: u32| {
        let html = nianbao::html::looks_like_html(&text);
        let t0 = browser::now_ms();
        for _ in 0..n {
            let text = std::hint::black_box(&text);
            std::hint::black_box(if html { nianbao::check_html("input", text) } else { nianbao::check_text("input", text) });
        }
        browser::now_ms() - t0
    });
    let api = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&api, &"check".into(), check.as_ref());
    let _ = js_sys::Reflect::set(&api, &"benchCheck".into(), bench.as_ref());
    bench.forget();
    let _ = js_sys::Reflect::set(&api, &"schema".into(), &JsValue::from(nianbao::output::SCHEMA));
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &"nianbao".into(), &api);
    check.forget(); // lives as long as the page
}

use serde::Serialize;

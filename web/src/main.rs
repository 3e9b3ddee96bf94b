//! The page's entry point (Trunk builds it for wasm32 from `index.html`); natively it only
//! says so. The page is this crate of its own so that its UI is built for size while the
//! check it calls, the `nianbao` crate, stays fast (`[profile.web-release]`).

#[cfg(target_arch = "wasm32")]
mod page;

#[cfg(target_arch = "wasm32")]
fn main() {
    page::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是网页版的入口，请用 trunk 构建（见 README）；命令行请用 nianbao check。");
    std::process::exit(2);
}

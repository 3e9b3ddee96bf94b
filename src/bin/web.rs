//! The page's entry point (Trunk builds it for wasm32); natively it only says so.

#[cfg(target_arch = "wasm32")]
fn main() {
    nianbao::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是网页版的入口，请用 trunk 构建（见 README）；命令行请用 nianbao check。");
    std::process::exit(2);
}

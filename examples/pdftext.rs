//! Prints the text a PDF is read as (tables as tab-separated rows), for looking at what
//! `nianbao check` sees: `cargo run --release --example pdftext -- FILE.pdf`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("用法：cargo run --example pdftext -- 文件.pdf");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    match nianbao::pdf::to_text(&bytes) {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    }
}

// Profiling aid: checks one file N times (perf record target/release/examples/loop_check FILE N).
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&a[1]).unwrap();
    let n: usize = a.get(2).and_then(|s| s.parse().ok()).unwrap_or(2000);
    for _ in 0..n {
        std::hint::black_box(nianbao::check_text("b", std::hint::black_box(&text)));
    }
}

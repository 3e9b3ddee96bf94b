//! `nianbao check [--format json|text] FILE...`: the core as a command, for batch work.

use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "用法：nianbao check [--format json|text] 文件...（文件为 - 时读标准输入）\n      nianbao rules（列出全部检查规则）";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("rules") => {
            for r in nianbao::rules::ALL {
                println!(
                    "{}\t{}\t{}\t{}\t{}\n\t{}\n\t例：{}",
                    r.id.unwrap_or("-"),
                    r.code,
                    r.severity.name(),
                    r.kind.name(),
                    r.title,
                    r.explain,
                    r.example
                );
            }
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => match it.next().map(String::as_str) {
                Some("json") => json = true,
                Some("text") => json = false,
                _ => return usage("--format 只能是 json 或 text"),
            },
            "--format=json" => json = true,
            "--format=text" => json = false,
            "-h" | "--help" => return usage(""),
            s if s.starts_with("--") => return usage(&format!("不认识的选项 {s}")),
            _ => files.push(a.clone()),
        }
    }
    if files.is_empty() {
        return usage("没有给出要检查的文件");
    }
    let mut reports = Vec::new();
    let mut unreadable = false;
    for path in &files {
        match read(path) {
            Ok(text) if is_html(path) => reports.push(nianbao::check_html(path, &text)),
            Ok(text) => reports.push(nianbao::check_text(path, &text)),
            Err(e) => {
                eprintln!("nianbao: {path}: {e}");
                unreadable = true;
            }
        }
    }
    if json {
        println!("{}", nianbao::output::json_document(&reports.iter().collect::<Vec<_>>()));
    } else {
        for r in &reports {
            print!("{}", nianbao::output::report_text(r));
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if reports.iter().any(|r| r.has_errors()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn is_html(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".html") || p.ends_with(".htm")
}

fn usage(why: &str) -> ExitCode {
    if !why.is_empty() {
        eprintln!("nianbao: {why}");
    }
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn read(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .take(nianbao::decode::MAX_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("无法读取标准输入（{e}）"))?;
    } else {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ => format!("无法读取（{e}）"),
        })?;
        if meta.is_dir() {
            return Err("这是一个目录，不是文件".into());
        }
        if meta.len() > nianbao::decode::MAX_BYTES as u64 {
            return Err(format!(
                "文件太大（{} MB），超过 {} MB 的上限",
                meta.len() / 1024 / 1024,
                nianbao::decode::MAX_BYTES / 1024 / 1024
            ));
        }
        bytes = std::fs::read(path).map_err(|e| format!("无法读取（{e}）"))?;
    }
    nianbao::decode::decode(&bytes)
}

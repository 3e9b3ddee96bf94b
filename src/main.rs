//! `nianbao check [--format json|text] FILE...`: the core as a command, for batch work.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "用法：nianbao check [--format json|text] 文件...（文件为 - 时读标准输入）\n      nianbao rules（列出全部检查规则）";

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match args.first().and_then(|a| a.to_str()) {
        Some("check") => check(&args[1..]),
        Some("rules") => {
            let mut out = std::io::stdout().lock();
            for r in nianbao::rules::ALL {
                let _ = writeln!(
                    out,
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

fn check(args: &[OsString]) -> ExitCode {
    let mut json = false;
    let mut files: Vec<&OsString> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("--format") => match it.next().and_then(|v| v.to_str()) {
                Some("json") => json = true,
                Some("text") => json = false,
                _ => return usage("--format 只能是 json 或 text"),
            },
            Some("--format=json") => json = true,
            Some("--format=text") => json = false,
            Some("-h" | "--help") => return usage(""),
            Some(s) if s.starts_with("--") => return usage(&format!("不认识的选项 {s}")),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        return usage("没有给出要检查的文件");
    }
    let mut reports = Vec::new();
    let mut unreadable = false;
    for path in files {
        // A name that is not UTF-8 (GBK from a Windows zip) is shown as best it can be.
        let name = path.to_string_lossy().into_owned();
        // One bad file never costs the others their output, not even a reader's panic.
        let checked = read(path).and_then(|bytes| {
            std::panic::catch_unwind(|| check_bytes(&name, &bytes))
                .unwrap_or_else(|_| Err("检查时出现内部错误（请把这个文件报告给开发者）".to_string()))
        });
        match checked {
            Ok(report) => reports.push(report),
            Err(e) => {
                eprintln!("nianbao: {}: {e}", nianbao::output::one_line(&name));
                unreadable = true;
            }
        }
    }
    let out = if json {
        nianbao::output::json_document(&reports.iter().collect::<Vec<_>>()) + "\n"
    } else {
        reports.iter().map(nianbao::output::report_text).collect()
    };
    // A reader that closed the pipe early (`| head`) wants no more: stop quietly.
    if let Err(e) = std::io::stdout().lock().write_all(out.as_bytes())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("nianbao: 无法输出结果（{e}）");
        return ExitCode::from(2);
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

/// A file's report: a PDF read by position (its tables as exact rows), HTML by its
/// `<table>` rows, anything else as text in its encoding.
fn check_bytes(name: &str, bytes: &[u8]) -> Result<nianbao::model::Report, String> {
    if bytes.starts_with(b"%PDF") {
        return Ok(nianbao::check_table_text(name, &nianbao::pdf::to_text(bytes)?));
    }
    let text = nianbao::decode::decode(bytes)?;
    Ok(if is_html(name) { nianbao::check_html(name, &text) } else { nianbao::check_text(name, &text) })
}

/// The file's bytes, at most `MAX_BYTES`: read, not trusted from metadata (`/dev/zero`,
/// a pipe, `/dev/stdin` have none).
fn read(path: &OsString) -> Result<Vec<u8>, String> {
    let limit = nianbao::decode::MAX_BYTES as u64;
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("无法读取标准输入（{e}）"))?;
    } else {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "文件不存在".to_string(),
            std::io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ => format!("无法读取（{e}）"),
        })?;
        if meta.is_dir() {
            return Err("这是一个目录，不是文件".into());
        }
        let file = std::fs::File::open(path).map_err(|e| format!("无法读取（{e}）"))?;
        file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("无法读取（{e}）"))?;
    }
    if bytes.len() as u64 > limit {
        return Err(format!("文件太大，超过 {} MB 的上限", limit / 1024 / 1024));
    }
    Ok(bytes)
}

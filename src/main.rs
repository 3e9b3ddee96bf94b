//! `nianbao check [--format json|text] FILE...`: the core as a command, for batch work.
//! A file is a report (.txt, .html, .docx, .pdf) or a .zip of them (`load`); with several
//! reports the text ends with a summary, and the same body's consecutive years are
//! checked against each other (`across`).

use nianbao::load::Item;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;

const USAGE: &str = "用法：nianbao check [--format json|text] 文件...（.txt、.html、.docx、.pdf 或它们的 .zip 压缩包；文件为 - 时读标准输入）\n      nianbao rules（列出全部检查规则）";

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
    let decoders = nianbao::load::Decoders { text: &nianbao::decode::decode, legacy_name: &gbk_name, pdf: &nianbao::pdf::to_text };
    let internal = || "检查时出现内部错误（请把这个文件报告给开发者）".to_string();
    let mut reports = Vec::new();
    let (mut unreadable, mut skipped) = (0, 0);
    for path in files {
        // A name that is not UTF-8 (GBK from a Windows zip) is shown as best it can be.
        let name = path.to_string_lossy().into_owned();
        // One bad file never costs the others their output, not even a reader's panic; an
        // archive's entries are each their own file.
        let items = match read(path) {
            Ok(bytes) => std::panic::catch_unwind(AssertUnwindSafe(|| nianbao::load::load(&name, &bytes, &decoders)))
                .unwrap_or_else(|_| vec![Item::Failed { name: name.clone(), why: internal() }]),
            Err(why) => vec![Item::Failed { name: name.clone(), why }],
        };
        for item in items {
            match item {
                Item::Report(doc) => match std::panic::catch_unwind(AssertUnwindSafe(|| doc.check())) {
                    Ok(report) => reports.push(report),
                    Err(_) => {
                        eprintln!("nianbao: {}: {}", nianbao::output::one_line(&doc.name), internal());
                        unreadable += 1;
                    }
                },
                Item::Failed { name, why } => {
                    eprintln!("nianbao: {}: {why}", nianbao::output::one_line(&name));
                    unreadable += 1;
                }
                Item::Skipped { name, why } => {
                    eprintln!("nianbao: {}: {why}", nianbao::output::one_line(&name));
                    skipped += 1;
                }
            }
        }
    }
    // The same body's consecutive years (Y1): findings in both reports and for the run.
    let across = nianbao::across::check(&mut reports);
    let all: Vec<&nianbao::model::Report> = reports.iter().collect();
    let out = if json {
        nianbao::output::json_run(&all, &across) + "\n"
    } else {
        let mut out: String = reports.iter().map(nianbao::output::report_text).collect();
        if reports.len() > 1 {
            out.push('\n');
            out.push_str(&nianbao::output::summary_text(&all, &across, unreadable, skipped));
        }
        out
    };
    // A reader that closed the pipe early (`| head`) wants no more: stop quietly.
    if let Err(e) = std::io::stdout().lock().write_all(out.as_bytes())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("nianbao: 无法输出结果（{e}）");
        return ExitCode::from(2);
    }
    if unreadable > 0 {
        ExitCode::from(2)
    } else if reports.iter().any(|r| r.has_errors()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn usage(why: &str) -> ExitCode {
    if !why.is_empty() {
        eprintln!("nianbao: {why}");
    }
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// A zip entry's name without the UTF-8 flag: what Chinese Windows writes, GBK (read as
/// GB18030, its superset).
fn gbk_name(raw: &[u8]) -> String {
    encoding_rs::GB18030.decode_without_bom_handling(raw).0.into_owned()
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

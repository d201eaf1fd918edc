//! The docs cannot drift from the code: every backticked file path and code name in README.md,
//! ARCHITECTURE.md, content/README.md and the modules' `//!` lines must still exist. A renamed
//! function, type or file fails here (in the fast lane) instead of leaving a doc that points
//! nowhere.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Folders the build or the installs write: a path into them names no file of the repo.
const GENERATED: &[&str] = &["dist/", "target/", ".tools/", "node_modules/", "../shared/"];

/// Settings of other programs the README tells hosts about (nginx's), not names of ours.
const OUTSIDE: &[&str] = &["gzip_static", "brotli_static"];

/// The files whose code (not comments) defines the names the docs may use.
fn code_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = ["src", "tests", "benches", "scripts", "vendor", ".ci"]
        .iter()
        .map(|d| root().join(d))
        .collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "node_modules") {
                    stack.push(p);
                }
            } else if p
                .file_name()
                .is_some_and(|n| n == "docs_name_what_exists.rs")
            {
                // This test's own examples of missing names are not code.
            } else if p
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| matches!(x, "rs" | "js" | "sh" | "py" | "toml" | "html" | "css"))
            {
                out.push(p);
            }
        }
    }
    for f in [
        "build.rs",
        "Cargo.toml",
        "Cargo.lock",
        "Trunk.toml",
        "index.html",
        "studio.html",
    ] {
        out.push(root().join(f));
    }
    out
}

/// A line without its comment: names mentioned only in comments do not make a name exist.
fn code_of(line: &str, ext: &str) -> String {
    let t = line.trim_start();
    let marker = match ext {
        "sh" | "py" | "toml" => "#",
        _ => "//",
    };
    if t.starts_with(marker) {
        return String::new();
    }
    // A trailing comment after code (not inside a string, roughly: after an even number of quotes).
    let opener = format!(" {marker}");
    let mut quotes = 0;
    for (i, c) in line.char_indices() {
        if c == '"' {
            quotes += 1;
        }
        if quotes % 2 == 0 && line[i..].starts_with(&opener) {
            return line[..i].to_string();
        }
    }
    line.to_string()
}

/// What the code holds: every identifier it uses or defines, every file name without its
/// extension, and its text without comments (for file names it writes, such as `sw.js`).
struct Code {
    names: HashSet<String>,
    text: String,
}

fn code() -> Code {
    let mut names = HashSet::new();
    let mut all = String::new();
    for f in code_files() {
        let ext = f
            .extension()
            .and_then(|x| x.to_str())
            .unwrap_or("")
            .to_string();
        if let Some(stem) = f.file_stem().and_then(|s| s.to_str()) {
            names.insert(stem.to_string());
        }
        if let Some(name) = f.file_name().and_then(|s| s.to_str()) {
            all.push_str(name);
            all.push('\n');
        }
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for line in text.lines() {
            let code = code_of(line, &ext);
            all.push_str(&code);
            all.push('\n');
            for w in code.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if !w.is_empty() {
                    names.insert(w.to_string());
                }
            }
        }
    }
    // Directories are names too (`page::load` is the folder src/page/load).
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                names.insert(e.file_name().to_string_lossy().into_owned());
                stack.push(e.path());
            }
        }
    }
    Code { names, text: all }
}

/// The backticked spans of a text, each opened and closed on one line (a span wrapped across
/// lines is not read); ``double`` spans and fenced blocks are left out.
fn backticked(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let mut rest = line;
        while let Some(d) = rest.find("``") {
            let after = &rest[d + 2..];
            match after.find("``") {
                Some(e) => rest = &after[e + 2..],
                None => break,
            }
        }
        let line = if rest.len() < line.len() { rest } else { line };
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 1 && i < line.split('`').count() - 1 {
                out.push(part.to_string());
            }
        }
    }
    out
}

fn is_ident(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// A name a reader would look up in the code: `a_b`, `CamelCase`, `SCREAMING_CASE`, `a::b`.
fn code_name(token: &str) -> Option<Vec<String>> {
    let t = token.trim_end_matches("()").trim_end_matches('!');
    if t.contains("::") {
        let segs: Vec<&str> = t.split("::").collect();
        // Another crate's path names nothing of ours.
        if matches!(
            segs[0],
            "std" | "core" | "alloc" | "serde" | "tantivy" | "leptos" | "web_sys" | "js_sys"
        ) || !segs.iter().all(|s| is_ident(s))
        {
            return None;
        }
        return Some(segs.iter().map(|s| s.to_string()).collect());
    }
    let has_lower = t.chars().any(|c| c.is_lowercase());
    let has_upper = t.chars().any(|c| c.is_uppercase());
    let snake = t.contains('_') && !has_upper;
    let camel = has_upper && has_lower && t.chars().next().is_some_and(char::is_uppercase);
    let screaming = t.contains('_') && has_upper && !has_lower;
    (is_ident(t) && t.len() > 3 && (snake || camel || screaming)).then(|| vec![t.to_string()])
}

/// A repo file path: has a slash or a known extension, no placeholder or spaces.
fn file_path(token: &str) -> Option<&str> {
    let t = token.trim_end_matches(':');
    let plain = !t.contains(|c: char| c.is_whitespace() || "<>*…$={}|?,():".contains(c))
        && !t.starts_with('/');
    let looks = t.contains('/')
        || [
            ".rs", ".sh", ".md", ".toml", ".js", ".html", ".css", ".tsv", ".py",
        ]
        .iter()
        .any(|x| t.ends_with(x));
    (plain && looks && !t.starts_with("http") && !t.starts_with('#')).then_some(t)
}

fn exists(path: &str, code: &Code) -> bool {
    let p = path.trim_start_matches("./");
    GENERATED.iter().any(|g| p.starts_with(g) || p.contains(&format!("/{g}")))
        || ["", "src/", "tests/", "scripts/", "content/", "src/bin/", "src/bin/kb/"]
            .iter()
            .any(|base| root().join(format!("{base}{p}")).exists())
        // A bare file name (`mod.rs`, `sw.js`): a file of the repo, or one the code writes.
        || (!p.trim_end_matches('/').contains('/') && code.text.contains(p))
}

/// For a path that starts with our modules (`site::plan::SiteFiles`, `studio::Studio`): the
/// first name after the modules must be in their code, not merely somewhere in the crate.
fn not_in_its_module(segs: &[String]) -> Option<String> {
    let mut dir = root().join("src");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let as_dir = dir.join(&segs[i]);
        let as_file = dir.join(format!("{}.rs", segs[i]));
        if !as_dir.is_dir() && !as_file.is_file() {
            break;
        }
        files = vec![as_file.clone()];
        let mut stack = vec![as_dir.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else {
                    files.push(e.path());
                }
            }
        }
        dir = as_dir;
        i += 1;
    }
    let name = segs.get(i).filter(|_| i > 0)?;
    let text: String = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .flat_map(|t| t.lines().map(|l| code_of(l, "rs")).collect::<Vec<_>>())
        .collect::<Vec<_>>()
        .join("\n");
    let found = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|w| w == name);
    (!found).then(|| format!("{name} is not in {}", segs[..i].join("::")))
}

/// (where, token) for every backticked name or path that does not resolve.
fn unresolved() -> Vec<String> {
    let code = code();
    let mut docs: Vec<(String, String)> = ["README.md", "ARCHITECTURE.md", "content/README.md"]
        .iter()
        .map(|d| {
            let text = std::fs::read_to_string(root().join(d)).unwrap();
            (d.to_string(), text)
        })
        .collect();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                let doc: String = text
                    .lines()
                    .filter(|l| l.starts_with("//!"))
                    .map(|l| format!("{}\n", l.trim_start_matches("//!")))
                    .collect();
                let rel = p.strip_prefix(root()).unwrap_or(&p).display().to_string();
                docs.push((rel, doc));
            }
        }
    }
    let mut out = Vec::new();
    for (doc, text) in docs {
        for token in backticked(&text) {
            if let Some(path) = file_path(&token) {
                if !exists(path, &code) {
                    out.push(format!("{doc}: `{token}`: no such file"));
                }
            } else if let Some(segs) = code_name(&token) {
                if let Some(why) = not_in_its_module(&segs) {
                    out.push(format!("{doc}: `{token}`: {why}"));
                    continue;
                }
                let missing: Vec<&String> = segs
                    .iter()
                    .filter(|s| !code.names.contains(*s) && !OUTSIDE.contains(&s.as_str()))
                    .collect();
                if !missing.is_empty() {
                    out.push(format!(
                        "{doc}: `{token}`: {} not in the code",
                        missing
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn every_backticked_name_and_path_in_the_docs_exists() {
    let missing = unresolved();
    assert!(
        missing.is_empty(),
        "docs name what the code no longer has ({}):\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// The check itself must be able to fail: a name that is gone and a file that is gone.
#[test]
fn a_renamed_symbol_or_a_moved_file_is_caught() {
    let code = code();
    let names = &code.names;
    assert!(names.contains("check_folder"));
    assert!(!names.contains("provide_card_env"));
    assert_eq!(
        code_name("Engine::understand"),
        Some(vec!["Engine".into(), "understand".into()])
    );
    let path = |p: &str| p.split("::").map(str::to_string).collect::<Vec<_>>();
    assert_eq!(not_in_its_module(&path("site::plan::SiteFiles")), None);
    assert!(not_in_its_module(&path("studio::NoSuchView")).is_some());
    assert!(
        not_in_its_module(&path("search::analyzer")).is_some(),
        "a module that moved out (now `text`)"
    );
    assert!(!names.contains("understand_query_twice"));
    assert!(exists("src/search/engine.rs", &code));
    assert!(!exists("src/search/analyzer.rs", &code));
    assert!(!exists("analyzer.rs", &code));
    assert!(exists("sw.js", &code), "a file the code writes");
    assert!(
        exists("dist/index.html", &code),
        "generated folders are not checked"
    );
    assert_eq!(file_path("a b.rs"), None);
    assert_eq!(backticked("x `a` y `b_c` z"), ["a", "b_c"]);
    assert_eq!(backticked("`` ` `` then `c_d`\n```\n`e_f`\n```"), ["c_d"]);
    assert!(Path::new(&root()).join("README.md").exists());
}

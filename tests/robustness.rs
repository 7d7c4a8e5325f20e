//! No input makes agentc panic. Every case runs the real binary and demands exit 0, 1 or 2 with
//! something on stderr: never exit 101, a "panicked" message, or death by a signal (a stack
//! overflow aborts the process).
//!
//! Inputs are generated deterministically (a fixed-seed xorshift), so a failure reproduces.
//! Many inputs are checked by one `agentc check <folder>` run to keep the file fast in debug
//! builds; when such a batch fails, each of its files is run alone to name the culprit.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn agentc() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_agentc"));
    c.current_dir(repo_root())
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("AGENTC_TARGET")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null());
    c
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The start of a long text, for failure messages.
fn head(text: &str) -> String {
    let mut h: String = text.chars().take(3000).collect();
    if h.len() < text.len() {
        h.push_str("\n[… cut]");
    }
    h
}

fn show(o: &Output) -> String {
    format!(
        "exit: {:?} (signal: {})\n--- stdout ---\n{}\n--- stderr ---\n{}",
        o.status.code(),
        signal_of(o),
        head(&stdout(o)),
        head(&stderr(o))
    )
}

#[cfg(unix)]
fn signal_of(o: &Output) -> String {
    use std::os::unix::process::ExitStatusExt;
    o.status
        .signal()
        .map_or_else(|| "none".to_owned(), |s| s.to_string())
}

#[cfg(not(unix))]
fn signal_of(_: &Output) -> String {
    "n/a".to_owned()
}

/// Why `o` is not an orderly end, if it is not.
fn misbehaviour(o: &Output) -> Option<String> {
    let err = stderr(o);
    if err.contains("panicked") || o.status.code() == Some(101) {
        return Some("agentc panicked".to_owned());
    }
    match o.status.code() {
        None => Some("agentc was killed by a signal (a stack overflow aborts)".to_owned()),
        Some(0..=2) if err.trim().is_empty() => Some("agentc said nothing on stderr".to_owned()),
        Some(1 | 2) if !(err.contains("agentc::") || err.contains("error")) => {
            Some("agentc failed without a diagnostic".to_owned())
        }
        Some(0..=2) => None,
        Some(code) => Some(format!("exit code {code} is none of 0, 1, 2")),
    }
}

#[track_caller]
fn assert_orderly(o: &Output, what: &str) {
    if let Some(why) = misbehaviour(o) {
        panic!("{what}: {why}\n{}", show(o));
    }
}

/// A folder under the system temp dir, unique to one test, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "agentc-robust-{}-{name}-{n}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).expect("create temp dir");
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).expect("create parent");
        std::fs::write(&path, bytes).expect("write file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

/// `agentc check <file> [args]`.
fn check(path: &Path, args: &[&str]) -> Output {
    agentc()
        .arg("check")
        .arg(path)
        .args(args)
        .output()
        .expect("run agentc")
}

/// Check one input given as bytes, in human, JSON and SARIF form.
fn check_bytes(name: &str, bytes: &[u8]) {
    let dir = TempDir::new("one");
    let path = dir.write("input.kdl", bytes);
    let human = check(&path, &["--color", "never"]);
    assert_orderly(&human, name);
    for format in ["json", "sarif"] {
        let o = check(&path, &["--format", format]);
        if let Some(why) = misbehaviour_machine(&o) {
            panic!("{name} (--format {format}): {why}\n{}", show(&o));
        }
        assert_eq!(
            o.status.code(),
            human.status.code(),
            "{name}: --format {format} exits differently"
        );
    }
}

/// Like [`misbehaviour`] for JSON and SARIF runs, whose findings go to stdout as one document.
fn misbehaviour_machine(o: &Output) -> Option<String> {
    if stderr(o).contains("panicked") || o.status.code() == Some(101) {
        return Some("agentc panicked".to_owned());
    }
    match o.status.code() {
        None => Some("agentc was killed by a signal".to_owned()),
        Some(0..=2) => match serde_json::from_slice::<Value>(&o.stdout) {
            Ok(_) => None,
            Err(e) => Some(format!("stdout is not JSON: {e}")),
        },
        Some(code) => Some(format!("exit code {code} is none of 0, 1, 2")),
    }
}

/// Check every file of `files` (already written into `dir`) with one run on the folder; on a
/// failure, rerun each file alone and name the first that misbehaves.
fn check_batch(what: &str, dir: &TempDir, files: &[PathBuf]) {
    let o = agentc()
        .args(["check", "--color", "never"])
        .arg(dir.path())
        .output()
        .expect("run agentc");
    let expected = match files.len() {
        1 => "checked 1 spec:".to_owned(),
        n => format!("checked {n} specs:"),
    };
    let mut why = misbehaviour(&o);
    if why.is_none() && !stderr(&o).contains(&expected) {
        why = Some(format!("the summary `{expected}` is missing"));
    }
    let Some(why) = why else { return };
    for file in files {
        let alone = check(file, &["--color", "never"]);
        if let Some(reason) = misbehaviour(&alone) {
            let bytes = std::fs::read(file).unwrap_or_default();
            panic!(
                "{what}: {} — {reason}\ninput ({} bytes, escaped): {}\n{}",
                file.display(),
                bytes.len(),
                head(&bytes.escape_ascii().to_string()),
                show(&alone)
            );
        }
    }
    panic!(
        "{what}: the batch failed ({why}) but no file fails alone\n{}",
        show(&o)
    );
}

/// Write each input as its own spec in a fresh folder, then [`check_batch`] them, `workers`
/// batches at a time (the machine's cores are used; each batch is one process).
fn check_all(what: &str, inputs: Vec<Vec<u8>>, workers: usize) {
    let chunk = inputs.len().div_ceil(workers.max(1)).max(1);
    std::thread::scope(|scope| {
        for (n, part) in inputs.chunks(chunk).enumerate() {
            scope.spawn(move || {
                let dir = TempDir::new(&format!("batch{n}"));
                let files: Vec<PathBuf> = part
                    .iter()
                    .enumerate()
                    .map(|(i, bytes)| dir.write(&format!("case-{i:05}.kdl"), bytes))
                    .collect();
                check_batch(&format!("{what}, batch {n}"), &dir, &files);
            });
        }
    });
}

/// xorshift64*: small, deterministic, good enough to scatter bytes.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn support_desk() -> Vec<u8> {
    std::fs::read(repo_root().join("specs/support-desk.kdl")).expect("read specs/support-desk.kdl")
}

fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().min(4))
}

// ---------------------------------------------------------------------------------------
// Degenerate files
// ---------------------------------------------------------------------------------------

#[test]
fn empty_and_whitespace_only_files() {
    let inputs: &[(&str, &[u8])] = &[
        ("empty", b""),
        ("one space", b" "),
        ("one newline", b"\n"),
        ("tabs and newlines", b"\t\t\n\n\t \n"),
        ("CRLF only", b"\r\n\r\n\r\n"),
        ("CR only", b"\r\r\r"),
        ("form feed and vertical tab", b"\x0c\x0b\n"),
        ("BOM only", b"\xef\xbb\xbf"),
        ("BOM and newline", b"\xef\xbb\xbf\n"),
        ("a comment only", b"// nothing here\n"),
        ("a block comment only", b"/* nothing */"),
        ("an unclosed block comment", b"/* nothing"),
        ("a slashdashed node only", b"/-environment \"dev\"\n"),
        ("no-break spaces", "\u{a0}\u{2003}\u{3000}\n".as_bytes()),
        ("a line separator", "\u{2028}\u{2029}\u{85}".as_bytes()),
        ("many newlines", &[b'\n'; 100_000]),
    ];
    for (name, bytes) in inputs {
        let dir = TempDir::new("empty");
        let path = dir.write("input.kdl", bytes);
        let o = check(&path, &["--color", "never"]);
        assert_orderly(&o, name);
    }
    // The empty file reports what is missing, in every format.
    check_bytes("empty", b"");
}

#[test]
fn binary_garbage_of_several_seeds() {
    let mut inputs = Vec::new();
    for seed in 1..=12u64 {
        let mut rng = Rng::new(seed);
        let len = [1, 7, 100, 1000, 4096, 65_536][seed as usize % 6];
        inputs.push(rng.bytes(len));
    }
    check_all("random bytes", inputs.clone(), workers());
    for (i, bytes) in inputs.iter().enumerate().take(3) {
        check_bytes(&format!("random bytes #{i}"), bytes);
    }
}

#[test]
fn printable_garbage_reaches_the_parser() {
    // Valid UTF-8, so the KDL parser (not the UTF-8 check) has to cope with it.
    let mut inputs = Vec::new();
    for seed in 100..=111u64 {
        let mut rng = Rng::new(seed);
        let len = 50 + rng.below(4000);
        let text: String = (0..len)
            .map(|_| match rng.below(10) {
                0 => '\n',
                1 => *rng.pick(&[
                    'é', 'λ', '→', '😀', '\u{200d}', '\u{feff}', '\u{2028}', '\t',
                ]),
                _ => (b' ' + rng.below(95) as u8) as char,
            })
            .collect();
        inputs.push(text.into_bytes());
    }
    check_all("printable garbage", inputs.clone(), workers());
    check_bytes("printable garbage #0", &inputs[0]);
}

#[test]
fn kdl_token_soup() {
    // Tokens KDL gives meaning to, shuffled: the parser's error recovery is exercised hard.
    // Inputs stay small: see `thousands_of_stray_closing_braces` for what large ones do.
    const TOKENS: &[&str] = &[
        "{",
        "}",
        ";",
        "=",
        "\"",
        "\"\"\"",
        "#\"",
        "\"#",
        "(",
        ")",
        "/-",
        "//",
        "/*",
        "*/",
        "\\",
        "#true",
        "#false",
        "#null",
        "#inf",
        "#nan",
        "0x",
        "1",
        "1.5e3",
        "-",
        "_",
        "\n",
        " ",
        "project",
        "agent",
        "environment",
        "suppress",
        "network",
        "auth",
        "observability",
        "alarm",
        "allow",
        "\"dev\"",
        "\"vpc\"",
        "threshold=",
        "on=\"*\"",
        "idle-timeout=\"15m\"",
        "region",
        "\"us-east-1\"",
        "tags",
        "a=\"b\"",
        "\r\n",
        "\u{0}",
        "é",
    ];
    let mut inputs = Vec::new();
    for seed in 200..=231u64 {
        let mut rng = Rng::new(seed);
        let count = 20 + rng.below(400);
        let text: String = (0..count)
            .map(|_| *rng.pick(TOKENS))
            .collect::<Vec<_>>()
            .join(" ");
        inputs.push(text.into_bytes());
    }
    check_all("token soup", inputs.clone(), workers());
    check_bytes("token soup #0", &inputs[0]);
}

#[test]
fn invalid_utf8() {
    let spec = support_desk();
    let mut inputs: Vec<(String, Vec<u8>)> = vec![
        ("a lone 0xff".into(), b"\xff".to_vec()),
        ("a continuation byte first".into(), b"\x80project".to_vec()),
        (
            "a truncated two-byte sequence".into(),
            b"project \"caf\xc3\"".to_vec(),
        ),
        (
            "a truncated four-byte sequence".into(),
            b"a \xf0\x9f\x98".to_vec(),
        ),
        ("an overlong encoding".into(), b"a \xc0\xaf".to_vec()),
        (
            "an encoded surrogate".into(),
            b"a \"\xed\xa0\x80\"".to_vec(),
        ),
        ("beyond U+10FFFF".into(), b"a \xf4\x90\x80\x80".to_vec()),
        (
            "UTF-16 LE with BOM".into(),
            b"\xff\xfep\x00r\x00o\x00".to_vec(),
        ),
        (
            "UTF-16 BE with BOM".into(),
            b"\xfe\xff\x00p\x00r\x00o".to_vec(),
        ),
        (
            "Latin-1".into(),
            b"project \"caf\xe9\" { owner \"Jos\xe9\" }".to_vec(),
        ),
    ];
    for at in [0, 1, spec.len() / 2, spec.len() - 1, spec.len()] {
        let mut bytes = spec.clone();
        bytes.insert(at, 0xfe);
        inputs.push((format!("support-desk with 0xfe at byte {at}"), bytes));
    }
    for (name, bytes) in &inputs {
        let dir = TempDir::new("utf8");
        let path = dir.write("input.kdl", bytes);
        let o = check(&path, &["--color", "never"]);
        assert_orderly(&o, name);
        assert_eq!(o.status.code(), Some(1), "{name}\n{}", show(&o));
        assert!(
            stderr(&o).contains("agentc::io::not-utf8"),
            "{name}\n{}",
            show(&o)
        );
    }
    check_bytes("invalid UTF-8", &inputs[0].1);
}

#[test]
fn nul_bytes() {
    let spec = String::from_utf8(support_desk()).unwrap();
    let mut inputs: Vec<(String, Vec<u8>)> = vec![
        ("one NUL".into(), b"\0".to_vec()),
        ("NULs only".into(), vec![0; 4096]),
        ("NUL in a node name".into(), b"proj\0ect \"x\"".to_vec()),
        ("NUL in a string".into(), b"project \"x\0y\"".to_vec()),
        (
            "NUL in a comment".into(),
            b"// \0\nenvironment \"dev\"".to_vec(),
        ),
        (
            "NUL after a valid spec".into(),
            [spec.as_bytes(), b"\0"].concat(),
        ),
    ];
    for needle in [
        "\"support-desk\"",
        "owner",
        "{",
        "#true",
        "\"15m\"",
        "// support-desk",
    ] {
        let at = spec.find(needle).unwrap() + 1;
        let mut bytes = spec.clone().into_bytes();
        bytes.insert(at, 0);
        inputs.push((format!("NUL inside `{needle}`"), bytes));
    }
    for (name, bytes) in &inputs {
        let dir = TempDir::new("nul");
        let path = dir.write("input.kdl", bytes);
        let o = check(&path, &["--color", "never"]);
        assert_orderly(&o, name);
        assert_ne!(
            o.status.code(),
            Some(0),
            "{name}: a NUL byte is not valid KDL\n{}",
            show(&o)
        );
    }
    check_bytes("NUL in a string", &inputs[3].1);
}

// ---------------------------------------------------------------------------------------
// Size
// ---------------------------------------------------------------------------------------

#[test]
fn a_ten_megabyte_file_is_refused_quickly() {
    let dir = TempDir::new("big");
    let line = "environment \"dev\" // padding padding padding padding padding padding\n";
    let text = line.repeat(10 * 1024 * 1024 / line.len() + 1);
    assert!(text.len() >= 10 * 1024 * 1024);
    let path = dir.write("big.kdl", &text);
    let started = std::time::Instant::now();
    let o = check(&path, &["--color", "never"]);
    assert_orderly(&o, "10 MB of KDL");
    assert!(stderr(&o).contains("agentc::io::too-large"), "{}", show(&o));
    assert!(
        started.elapsed().as_secs() < 10,
        "refusing a big file took {:?}",
        started.elapsed()
    );
    // Random bytes of the same size take the same way out.
    let path = dir.write("big-random.kdl", Rng::new(7).bytes(10 * 1024 * 1024));
    let o = check(&path, &["--format", "json"]);
    assert!(misbehaviour_machine(&o).is_none(), "{}", show(&o));
    assert!(stdout(&o).contains("agentc::io::too-large"), "{}", show(&o));
}

#[test]
fn the_size_limit_is_one_mebibyte() {
    let dir = TempDir::new("limit");
    let limit = 1024 * 1024;
    // One invalid byte first: a file at the limit is read (and found not to be UTF-8) rather
    // than refused for its size, without the cost of parsing a mebibyte in a debug build.
    let mut bytes = vec![b'\n'; limit];
    bytes[0] = 0xff;
    let at_limit = dir.write("at.kdl", bytes);
    let o = check(&at_limit, &["--color", "never"]);
    assert_orderly(&o, "exactly 1 MiB");
    assert!(
        stderr(&o).contains("agentc::io::not-utf8")
            && !stderr(&o).contains("agentc::io::too-large"),
        "1 MiB is still read\n{}",
        show(&o)
    );
    let over = dir.write("over.kdl", vec![b'\n'; limit + 1]);
    let o = check(&over, &["--color", "never"]);
    assert_orderly(&o, "1 MiB + 1");
    assert!(stderr(&o).contains("agentc::io::too-large"), "{}", show(&o));
}

#[test]
fn ten_thousand_deep_nesting_is_refused() {
    let inputs: Vec<(&str, String)> = vec![
        ("unclosed `a {`", "a {".repeat(10_000)),
        ("unclosed `a{` without spaces", "a{".repeat(10_000)),
        (
            "balanced",
            format!("{}{}", "a {".repeat(10_000), "}".repeat(10_000)),
        ),
        (
            "balanced, one node per line",
            format!("{}{}", "a {\n".repeat(10_000), "}\n".repeat(10_000)),
        ),
        (
            "inside an environment",
            format!(
                "environment \"dev\" {{ {} }}",
                "observability { ".repeat(10_000)
            ),
        ),
        ("with arguments", "agent \"x\" k=\"v\" {".repeat(10_000)),
    ];
    for (name, text) in &inputs {
        let dir = TempDir::new("deep");
        let path = dir.write("deep.kdl", text);
        let o = check(&path, &["--color", "never"]);
        assert_orderly(&o, name);
        assert_eq!(o.status.code(), Some(1), "{name}\n{}", show(&o));
        assert!(
            stderr(&o).contains("too many blocks"),
            "{name}\n{}",
            show(&o)
        );
    }
}

#[test]
fn ten_thousand_sibling_nodes() {
    let dir = TempDir::new("siblings");
    // 10,000 unknown nodes: 10,000 findings (JSON: the human report is slow at this size,
    // see `ten_thousand_findings_render_in_human_form_in_reasonable_time`).
    let unknown = dir.write("unknown.kdl", "node {}\n".repeat(10_000));
    let o = check(&unknown, &["--format", "json"]);
    assert!(misbehaviour_machine(&o).is_none(), "{}", show(&o));
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    // …plus no environment, no project and no agent: the rules still run without one.
    assert_eq!(
        json["summary"]["errors"], 10_003,
        "10,000 unknown nodes, and no environment, project or agent"
    );

    // 10,000 `env` siblings inside one agent: one finding (too many variables), human form.
    let mut spec = String::from("agent \"a\" {\n");
    for i in 0..10_000 {
        spec.push_str(&format!("    env VAR_{i}=\"{i}\"\n"));
    }
    spec.push_str("}\nenvironment \"dev\"\n");
    let envs = dir.write("envs.kdl", &spec);
    let o = check(&envs, &["--color", "never"]);
    assert_orderly(&o, "10,000 env nodes");
    assert!(
        stderr(&o).contains("agentc::limits::env-count"),
        "{}",
        show(&o)
    );
}

#[test]
fn ten_thousand_findings_render_in_human_form_in_reasonable_time() {
    let dir = TempDir::new("slow");
    let path = dir.write("unknown.kdl", "node {}\n".repeat(10_000));
    let started = std::time::Instant::now();
    let o = check(&path, &["--color", "never"]);
    assert_orderly(&o, "10,000 findings");
    assert!(
        started.elapsed().as_secs() < 8,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_very_long_line() {
    const LEN: usize = 100_000;
    let long = "x".repeat(LEN);
    let inputs: Vec<(&str, String)> = vec![
        (
            "a long string value",
            format!("project \"p\" {{ owner \"{long}\" }}\nenvironment \"dev\"\n"),
        ),
        (
            "a long node name",
            format!("{long} \"v\"\nenvironment \"dev\"\n"),
        ),
        (
            "a long comment",
            format!("// {long}\nenvironment \"dev\"\n"),
        ),
        ("a long unterminated string", format!("project \"{long}")),
        (
            "a long number",
            format!(
                "image {{ keep-last {} }}\nenvironment \"dev\"\n",
                "9".repeat(LEN)
            ),
        ),
        // 10,000 findings on one 30 kB line. Not more: columns are counted from the line's
        // start for every finding, so the cost grows with findings x line length.
        ("many nodes on one line", "a; ".repeat(10_000)),
    ];
    std::thread::scope(|scope| {
        for (name, text) in &inputs {
            scope.spawn(move || {
                let dir = TempDir::new("long");
                let path = dir.write("long.kdl", text);
                let o = check(&path, &["--format", "json"]);
                if let Some(why) = misbehaviour_machine(&o) {
                    panic!("{name}: {why}\n{}", show(&o));
                }
            });
        }
    });
    // One in human form: miette must cope with a 100 kB line.
    let dir = TempDir::new("long-human");
    let path = dir.write("long.kdl", &inputs[0].1);
    let o = check(&path, &["--color", "never"]);
    assert_orderly(&o, "a long string value (human)");
    assert!(stderr(&o).contains("agentc::tags::invalid"), "{}", show(&o));
}

// ---------------------------------------------------------------------------------------
// Mutations of a real spec
// ---------------------------------------------------------------------------------------

#[test]
fn every_truncation_of_support_desk() {
    let spec = support_desk();
    let prefixes: Vec<Vec<u8>> = (0..=spec.len()).map(|n| spec[..n].to_vec()).collect();
    check_all("prefixes of specs/support-desk.kdl", prefixes, workers());
}

#[test]
fn random_byte_flips_of_support_desk() {
    const MUTANTS: usize = 240;
    let spec = support_desk();
    let interesting = b"{}\";=#()/\\*-\n\r\t 0_.:eE";
    let mut rng = Rng::new(0x00A6_E77C);
    let mut inputs = Vec::with_capacity(MUTANTS);
    for _ in 0..MUTANTS {
        let mut bytes = spec.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len());
            match rng.below(4) {
                0 => bytes[at] = rng.next() as u8,
                1 => bytes[at] = *rng.pick(interesting),
                2 => {
                    bytes.remove(at);
                }
                _ => {
                    let b = *rng.pick(interesting);
                    bytes.insert(at, b);
                }
            }
        }
        inputs.push(bytes);
    }
    check_all(
        "byte flips of specs/support-desk.kdl",
        inputs.clone(),
        workers(),
    );
    // A few in the machine formats too.
    for (i, bytes) in inputs.iter().enumerate().step_by(60) {
        check_bytes(&format!("flip #{i}"), bytes);
    }
}

// ---------------------------------------------------------------------------------------
// Line endings
// ---------------------------------------------------------------------------------------

fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// A copy of the repository's specs and the agent files they name, in a temp folder.
fn spec_tree(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    for file in ["app.py", "requirements.txt", "Dockerfile"] {
        let text = std::fs::read(repo_root().join("agent").join(file)).unwrap_or_default();
        dir.write(&format!("agent/{file}"), text);
    }
    dir
}

#[test]
fn a_crlf_copy_of_each_example_spec_checks_clean() {
    let dir = spec_tree("crlf");
    for spec in ["support-desk.kdl", "minimal.kdl"] {
        let text = std::fs::read_to_string(repo_root().join("specs").join(spec)).unwrap();
        let path = dir.write(&format!("specs/{spec}"), crlf(&text));
        let o = check(&path, &["--color", "never"]);
        assert_orderly(&o, spec);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{spec} with CRLF line ends\n{}",
            show(&o)
        );
    }
}

/// (code, line, column) of every finding, from `--format json`.
fn positions(path: &Path) -> Vec<(String, u64, u64)> {
    let o = check(path, &["--format", "json"]);
    assert!(misbehaviour_machine(&o).is_none(), "{}", show(&o));
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["start"]["line"].as_u64().unwrap_or(0),
                d["start"]["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn crlf_reports_the_same_lines_and_columns_as_lf() {
    let dir = spec_tree("crlf-errors");
    let text = std::fs::read_to_string(repo_root().join("specs/support-desk.kdl")).unwrap();
    // Policy findings (well-formed KDL) and a syntax error.
    let broken = text
        .replace("log-retention-days 365", "log-retention-days 7")
        .replace(
            "tag-mutability \"immutable\"",
            "tag-mutability \"sometimes\"",
        )
        .replace("keep-last 30", "keep-last 30 extra");
    let syntax = text.replace("    tracing #true", "    tracing #tru");
    for (name, body) in [("policy", &broken), ("syntax", &syntax)] {
        let lf = dir.write(&format!("specs/{name}-lf.kdl"), body);
        let crlf_path = dir.write(&format!("specs/{name}-crlf.kdl"), crlf(body));
        let mixed: String = body
            .lines()
            .enumerate()
            .map(|(i, l)| format!("{l}{}", if i % 2 == 0 { "\r\n" } else { "\n" }))
            .collect();
        let mixed_path = dir.write(&format!("specs/{name}-mixed.kdl"), mixed);
        let expected = positions(&lf);
        assert!(!expected.is_empty(), "{name}: the LF copy has no findings");
        assert!(
            expected
                .iter()
                .all(|(_, line, column)| *line > 1 && *column >= 1),
            "{expected:?}"
        );
        assert_eq!(
            positions(&crlf_path),
            expected,
            "{name}: CRLF moves the findings"
        );
        assert_eq!(
            positions(&mixed_path),
            expected,
            "{name}: mixed line ends move the findings"
        );
    }
}

#[test]
fn cr_only_line_ends_report_the_same_lines_as_lf() {
    let dir = spec_tree("cr");
    let text = std::fs::read_to_string(repo_root().join("specs/support-desk.kdl")).unwrap();
    let broken = text.replace("log-retention-days 365", "log-retention-days 7");
    let lf = dir.write("specs/lf.kdl", &broken);
    let cr = dir.write("specs/cr.kdl", broken.replace('\n', "\r"));
    assert_eq!(positions(&cr), positions(&lf));
}

// ---------------------------------------------------------------------------------------
// Flags and odd paths
// ---------------------------------------------------------------------------------------

#[test]
fn odd_environment_names_and_paths() {
    for env in [
        "",
        " ",
        "ü",
        "../../etc",
        "-",
        "--",
        &"e".repeat(10_000),
        "dev\0",
    ] {
        if env.contains('\0') {
            continue; // not passable as an argument
        }
        let o = agentc()
            .args(["check", "specs/support-desk.kdl", "--env"])
            .arg(env)
            .output()
            .expect("run agentc");
        assert_orderly(&o, &format!("--env {env:?}"));
        assert_eq!(o.status.code(), Some(2), "--env {env:?}\n{}", show(&o));
    }
    let dir = TempDir::new("paths");
    std::fs::create_dir_all(dir.path().join("folder.kdl")).unwrap();
    for path in [
        dir.path().join("folder.kdl"),
        dir.path().join("missing/x.kdl"),
        PathBuf::from("/dev/null"),
    ] {
        if !cfg!(unix) && path.starts_with("/dev") {
            continue;
        }
        let o = check(&path, &["--color", "never"]);
        assert_orderly(&o, &path.display().to_string());
    }
}

#[test]
fn compile_survives_garbage_and_writes_nothing() {
    let dir = TempDir::new("compile");
    let mut rng = Rng::new(99);
    let inputs: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), Vec::new()),
        ("random bytes".into(), rng.bytes(2000)),
        ("deep nesting".into(), "a {".repeat(10_000).into_bytes()),
        ("a truncated spec".into(), support_desk()[..900].to_vec()),
    ];
    for (i, (name, bytes)) in inputs.iter().enumerate() {
        let path = dir.write(&format!("in-{i}.kdl"), bytes);
        for target in ["cfn", "cdk", "terraform"] {
            let out = dir.path().join(format!("out-{i}-{target}"));
            let o = agentc()
                .args([
                    "compile",
                    s(&path),
                    "--target",
                    target,
                    "--env",
                    "dev",
                    "-o",
                    s(&out),
                ])
                .output()
                .expect("run agentc");
            assert_orderly(&o, &format!("compile {name} --target {target}"));
            assert_ne!(o.status.code(), Some(0), "{name}\n{}", show(&o));
            assert!(!out.exists(), "{name}: compile wrote {}", out.display());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Shapes that once overflowed kdl's recursive parser (now refused up front by
// compiler/syntax/src/kdl_parse.rs `too_deep`, with a roomy stack behind it).
// ---------------------------------------------------------------------------------------

fn assert_survives_text(name: &str, text: &str) {
    let dir = TempDir::new("known");
    let path = dir.write("input.kdl", text);
    let o = check(&path, &["--color", "never"]);
    assert_orderly(&o, name);
}

#[test]
fn thousands_of_stray_closing_braces() {
    assert_survives_text("3,000 stray `}`", &"}".repeat(3_000));
    assert_survives_text("`a }` on 3,000 lines", &"a }\n".repeat(3_000));
}

#[test]
fn nested_block_comments() {
    assert_survives_text("1,000 `/*`", &"/*".repeat(1_000));
    assert_survives_text(
        "1,000 nested comments",
        &format!("{}{}", "/*".repeat(1_000), "*/".repeat(1_000)),
    );
}

#[test]
fn nesting_hidden_behind_block_comments() {
    assert_survives_text("`a { /* } */` x 10,000", &"a { /* } */ ".repeat(10_000));
}

#[test]
fn nesting_hidden_behind_a_raw_string() {
    assert_survives_text(
        "raw string, then 10,000 `a {`",
        &format!("a #\"\\\"# {}", "a {".repeat(10_000)),
    );
}

#[test]
fn ten_thousand_type_annotations() {
    assert_survives_text("`(t)` x 10,000", &"(t)".repeat(10_000));
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    for args in [
        &["explain", "--list"][..],
        &["explain", "agentc::tags::missing"],
        &["completions", "bash"],
        &["check", "specs/", "--format", "json"],
        &["check", "specs/", "--format", "sarif"],
    ] {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let o = agentc()
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("run agentc");
        assert!(
            !stderr(&o).contains("panicked") && o.status.code() != Some(101),
            "{args:?} with a closed stdout\n{}",
            show(&o)
        );
    }
}

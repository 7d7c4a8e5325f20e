//! Run the fuzz targets' front end on files, outside libFuzzer (for profiling and for
//! replaying a crash under a debugger): `cargo run --release --example replay -- FILE…`.
//! With `--grammar`, each file is read as fuzzer bytes for the grammar target and the spec it
//! builds is printed first.

fn main() {
    let mut grammar = false;
    for arg in std::env::args().skip(1) {
        if arg == "--grammar" {
            grammar = true;
            continue;
        }
        let bytes = std::fs::read(&arg).unwrap_or_else(|e| panic!("cannot read {arg}: {e}"));
        if grammar {
            let mut u = agentc_bench::arbitrary::Unstructured::new(&bytes);
            if let Ok(text) = agentc_bench::grammar::spec(&mut u, agentc_fuzz::seeds()) {
                println!("--- {arg} as a spec:\n{text}---");
                agentc_fuzz::front_end(&text);
            }
        } else {
            agentc_fuzz::front_end(&String::from_utf8_lossy(&bytes));
        }
        println!("{arg}: ok");
    }
}

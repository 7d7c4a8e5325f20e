//! `gen-spec --agents N DIR`: write a spec with N agents, and the files it names, into DIR
//! (created if missing); prints the spec's path. `gen-spec --agents N -` prints the spec only.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || {
        eprintln!("usage: gen-spec --agents N DIR   (DIR `-`: print the spec to stdout)");
        ExitCode::from(2)
    };
    let [flag, n, dir] = args.as_slice() else {
        return usage();
    };
    let Ok(n) = n.parse::<usize>() else {
        return usage();
    };
    if flag != "--agents" || n == 0 {
        return usage();
    }
    if dir == "-" {
        print!("{}", agentc_bench::scale::spec(n));
        return ExitCode::SUCCESS;
    }
    match agentc_bench::scale::write_fixture(&PathBuf::from(dir), n) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen-spec: cannot write into `{dir}`: {e}");
            ExitCode::FAILURE
        }
    }
}

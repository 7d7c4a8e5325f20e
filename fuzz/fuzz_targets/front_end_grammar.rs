//! Structure-aware: the bytes steer `agentc_bench::grammar`, which writes a spec from the spec
//! grammar or edits one of the repository's real specs (`specs/*.kdl`, `golden/*/spec.kdl`),
//! then the spec goes through the whole front end and every backend, as in `front_end_bytes`.
#![no_main]

use agentc_bench::arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if let Ok(text) = agentc_bench::grammar::spec(&mut u, agentc_fuzz::seeds()) {
        agentc_fuzz::front_end(&text);
    }
});

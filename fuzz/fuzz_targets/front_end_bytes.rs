//! Raw bytes into the front end: the bytes as UTF-8 (lossily, as a text editor would show
//! them), parsed, analysed for every environment, lowered and emitted by every backend, and
//! the findings rendered. Any panic, abort or out-of-bounds span is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    agentc_fuzz::front_end(&text);
});

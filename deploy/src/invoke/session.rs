//! Runtime session ids: AgentCore routes every request with the same id to the same microVM
//! and wants ids of at least 33 characters (FR-037). agentc makes `agentc-` and 32 random hex
//! digits (39 characters), and checks the ones it is given.

use std::hash::{BuildHasher, RandomState};
use std::time::{SystemTime, UNIX_EPOCH};

/// The shortest session id AgentCore accepts.
pub const MIN_SESSION_ID: usize = 33;
/// The longest session id agentc passes on.
pub const MAX_SESSION_ID: usize = 256;

/// A new random session id, e.g. `agentc-3f9c…` (39 characters).
pub fn new_session_id() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let pid = std::process::id();
    // RandomState is seeded from the OS per process; two independent 64-bit draws.
    let a = RandomState::new().hash_one((nanos, pid, 1u8));
    let b = RandomState::new().hash_one((nanos, pid, 2u8));
    format!("agentc-{a:016x}{b:016x}")
}

/// Check a session id given with `--session-id`.
pub fn check_session_id(id: &str) -> Result<(), String> {
    let n = id.chars().count();
    if n < MIN_SESSION_ID {
        return Err(format!(
            "the session id `{id}` has {n} characters; AgentCore needs at least {MIN_SESSION_ID} (leave --session-id out to get one)"
        ));
    }
    if n > MAX_SESSION_ID {
        return Err(format!(
            "the session id has {n} characters; at most {MAX_SESSION_ID}"
        ));
    }
    if let Some(c) = id.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(format!(
            "the session id holds {c:?}; use letters, digits and punctuation without spaces"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_are_long_enough_and_distinct() {
        let a = new_session_id();
        assert_eq!(a.len(), 39);
        assert!(check_session_id(&a).is_ok());
        assert_ne!(a, new_session_id());
        assert!(
            check_session_id("short")
                .unwrap_err()
                .contains("at least 33")
        );
        assert!(check_session_id(&"x".repeat(33)).is_ok());
        assert!(check_session_id(&format!("{} y", "x".repeat(40))).is_err());
        assert!(check_session_id(&"x".repeat(257)).is_err());
    }
}

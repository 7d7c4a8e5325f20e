//! "Did you mean …?": the closest known name to a misspelt one.

/// The candidate closest to `word`, if it is close enough to be a likely typo. Case and `_`/`-`
/// differences count as near misses.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // 0.8 keeps `obserability` → `observability` and `regon` → `region` but refuses unrelated
    // short words (`foo` → `for`).
    const MIN_SIMILARITY: f64 = 0.8;
    let normal = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    let word = normal(word);
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&word, &normal(c)), *c))
        .filter(|(score, _)| *score >= MIN_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn near_misses_are_found_and_strangers_are_not() {
        let known = ["observability", "owner", "region", "cost-center"];
        assert_eq!(did_you_mean("obserability", &known), Some("observability"));
        assert_eq!(did_you_mean("regon", &known), Some("region"));
        assert_eq!(did_you_mean("cost_center", &known), Some("cost-center"));
        assert_eq!(did_you_mean("zzz", &known), None);
    }
}

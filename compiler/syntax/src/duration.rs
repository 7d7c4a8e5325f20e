//! Durations as the spec writes them: `"90s"`, `"15m"`, `"8h"`, `"1h30m"`.

/// Seconds in `text`, or why it is not a duration.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    if text.is_empty() {
        return Err("it is empty".to_owned());
    }
    let mut total: u64 = 0;
    let mut digits = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return Err(format!("`{c}` is not a unit (use s, m, h or d)")),
        };
        if digits.is_empty() {
            return Err(format!("`{c}` has no number before it"));
        }
        let n: u64 = digits
            .parse()
            .map_err(|_| "the number is too large".to_owned())?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| "the duration is too large".to_owned())?;
        digits.clear();
    }
    if !digits.is_empty() {
        return Err(format!(
            "`{digits}` has no unit (write `{digits}s` for seconds)"
        ));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn units_add_up() {
        assert_eq!(parse_duration("90s"), Ok(90));
        assert_eq!(parse_duration("15m"), Ok(900));
        assert_eq!(parse_duration("8h"), Ok(28_800));
        assert_eq!(parse_duration("1h30m"), Ok(5_400));
    }

    #[test]
    fn malformed_durations_say_why() {
        assert!(parse_duration("").is_err());
        assert!(parse_duration("15").unwrap_err().contains("no unit"));
        assert!(parse_duration("m").unwrap_err().contains("no number"));
        assert!(parse_duration("3w").unwrap_err().contains("not a unit"));
        assert!(parse_duration("99999999999999999999h").is_err());
    }
}

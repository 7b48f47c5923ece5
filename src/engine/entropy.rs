//! Shannon entropy: how many bits of surprise each byte of a string carries.

/// Shannon entropy of `bytes` in bits per byte (0 for empty input).
///
/// Random base62 of typical token length scores above 4.5; words, repeated
/// characters and short hex strings score far lower.
pub fn shannon_entropy(bytes: &[u8]) -> f64 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let n = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::shannon_entropy;

    #[test]
    fn uniform_and_constant_strings() {
        assert_eq!(shannon_entropy(b""), 0.0);
        assert_eq!(shannon_entropy(b"aaaaaaaa"), 0.0);
        assert!((shannon_entropy(b"abcd") - 2.0).abs() < 1e-9);
        assert!(shannon_entropy(b"q8Xv2LpR7tZk3Nw9Bc4Md6Fh1Js5Gy0") > 4.5);
    }
}

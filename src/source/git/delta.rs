//! Git's delta format: a base's size, a result's size, then copy and
//! insert instructions.

use super::pack::Unpackable;

/// A delta's little-endian base-128 size.
pub(super) fn varint(bytes: &[u8], pos: &mut usize) -> Result<u64, Unpackable> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(*pos).ok_or(Unpackable)?;
        *pos += 1;
        value |= ((byte & 0x7f) as u64).checked_shl(shift).ok_or(Unpackable)?;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
        shift += 7;
        if shift > 63 {
            return Err(Unpackable);
        }
    }
}

/// Applies a git delta (copy and insert instructions) to `base`.
pub(super) fn apply_delta(base: &[u8], delta: &[u8], out: &mut Vec<u8>) -> Result<(), Unpackable> {
    let mut pos = 0;
    if varint(delta, &mut pos)? != base.len() as u64 {
        return Err(Unpackable);
    }
    let size = usize::try_from(varint(delta, &mut pos)?).map_err(|_| Unpackable)?;
    out.clear();
    // A damaged size must not reserve the impossible; `out` grows if needed.
    out.reserve(size.min(base.len() + delta.len()));
    while pos < delta.len() {
        let op = delta[pos];
        pos += 1;
        if op & 0x80 != 0 {
            let mut field = |bits: u8, count: usize| -> Result<usize, Unpackable> {
                let mut value = 0usize;
                for i in 0..count {
                    if bits & (1 << i) != 0 {
                        value |= (*delta.get(pos).ok_or(Unpackable)? as usize) << (8 * i);
                        pos += 1;
                    }
                }
                Ok(value)
            };
            let offset = field(op, 4)?;
            let len = match field(op >> 4, 3)? {
                0 => 0x10000,
                n => n,
            };
            out.extend_from_slice(base.get(offset..offset.checked_add(len).ok_or(Unpackable)?).ok_or(Unpackable)?);
        } else if op != 0 {
            out.extend_from_slice(delta.get(pos..pos + op as usize).ok_or(Unpackable)?);
            pos += op as usize;
        } else {
            return Err(Unpackable);
        }
    }
    if out.len() != size {
        return Err(Unpackable);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delta_copies_and_inserts() {
        let base = b"hello, world\n";
        // base size 13, result size 18: copy "hello, " (offset 0, len 7), insert "there ", copy "world\n".
        let mut delta = vec![13, 19];
        delta.extend_from_slice(&[0x80 | 0x10, 7]);
        delta.push(6);
        delta.extend_from_slice(b"there ");
        delta.extend_from_slice(&[0x80 | 0x01 | 0x10, 7, 6]);
        let mut out = Vec::new();
        apply_delta(base, &delta, &mut out).unwrap();
        assert_eq!(out, b"hello, there world\n");
    }

    #[test]
    fn a_delta_for_another_base_or_out_of_bounds_is_refused() {
        let mut out = Vec::new();
        assert!(apply_delta(b"abc", &[4, 1, 1, b'x'], &mut out).is_err());
        assert!(apply_delta(b"abc", &[3, 5, 0x80 | 0x01 | 0x10, 1, 5], &mut out).is_err());
        assert!(apply_delta(b"abc", &[3, 1, 0], &mut out).is_err());
        // A result size no delta could produce is refused, not reserved.
        assert!(apply_delta(b"abc", &[3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 1, b'x'], &mut out).is_err());
    }
}

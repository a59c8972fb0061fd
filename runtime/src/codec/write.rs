//! Appending Avro primitives to a buffer. These cannot fail: every value of their Rust types has
//! an Avro representation. Types whose schema holds less than the Rust type (decimals of a given
//! precision) check the value first and return an [`EncodeError`](super::EncodeError).

/// Appends a `long`: zig-zag, then variable-length base-128, least significant group first.
#[inline]
pub fn write_long(value: i64, out: &mut Vec<u8>) {
    let mut n = ((value << 1) ^ (value >> 63)) as u64;
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Appends an `int`; its encoding is the same as a `long` of the same value.
#[inline]
pub fn write_int(value: i32, out: &mut Vec<u8>) {
    write_long(i64::from(value), out);
}

/// Appends a `boolean` as one byte, 0 or 1.
#[inline]
pub fn write_bool(value: bool, out: &mut Vec<u8>) {
    out.push(u8::from(value));
}

/// Appends a `float`: four bytes, IEEE 754, little-endian.
#[inline]
pub fn write_f32(value: f32, out: &mut Vec<u8>) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Appends a `double`: eight bytes, IEEE 754, little-endian.
#[inline]
pub fn write_f64(value: f64, out: &mut Vec<u8>) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Appends `bytes`: the length as a `long`, then the bytes.
#[inline]
pub fn write_bytes(value: &[u8], out: &mut Vec<u8>) {
    write_long(value.len() as i64, out);
    out.extend_from_slice(value);
}

/// Appends a `string`: the UTF-8 length as a `long`, then the UTF-8 bytes.
#[inline]
pub fn write_str(value: &str, out: &mut Vec<u8>) {
    write_bytes(value.as_bytes(), out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long(v: i64) -> Vec<u8> {
        let mut out = Vec::new();
        write_long(v, &mut out);
        out
    }

    #[test]
    fn longs_match_the_specification_examples() {
        // The table in the Avro specification, section "Primitive Types".
        assert_eq!(long(0), [0x00]);
        assert_eq!(long(-1), [0x01]);
        assert_eq!(long(1), [0x02]);
        assert_eq!(long(-2), [0x03]);
        assert_eq!(long(2), [0x04]);
        assert_eq!(long(-64), [0x7f]);
        assert_eq!(long(64), [0x80, 0x01]);
    }

    #[test]
    fn extreme_longs_take_ten_bytes() {
        assert_eq!(
            long(i64::MAX),
            [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
        );
        assert_eq!(
            long(i64::MIN),
            [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]
        );
    }

    #[test]
    fn strings_are_length_prefixed_utf8() {
        let mut out = Vec::new();
        write_str("foo", &mut out);
        assert_eq!(out, [0x06, b'f', b'o', b'o']);
    }
}

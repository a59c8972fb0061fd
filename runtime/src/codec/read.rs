//! Reading Avro primitives from untrusted input.
//!
//! Every read checks bounds first and every length is checked against the bytes left before
//! anything is allocated, so corrupt or hostile input yields a [`DecodeError`], never a panic or a
//! huge allocation.

use super::{DecodeError, DecodeErrorKind};

/// How deep records and unions may nest before decoding gives up, so that hostile input cannot
/// exhaust the stack through a recursive type. The same limit `serde_json` uses.
pub const MAX_DEPTH: usize = 128;

/// A cursor over one Avro datum's bytes.
#[derive(Debug)]
pub struct Reader<'a> {
    input: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `input`.
    pub fn new(input: &'a [u8]) -> Self {
        Reader {
            input,
            pos: 0,
            depth: 0,
        }
    }

    /// The offset of the next byte to read.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// How many bytes are left.
    pub fn remaining(&self) -> usize {
        self.input.len() - self.pos
    }

    /// An error of `kind` at the current position.
    #[cold]
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(kind, self.pos)
    }

    /// Fails unless every byte has been read.
    pub fn finish(&self) -> Result<(), DecodeError> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(self.error(DecodeErrorKind::TrailingBytes(n))),
        }
    }

    /// Reads the next `n` bytes.
    #[inline]
    pub fn read_slice(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let rest = &self.input[self.pos..];
        if rest.len() < n {
            return Err(self.error(DecodeErrorKind::UnexpectedEof {
                needed: n - rest.len(),
            }));
        }
        self.pos += n;
        Ok(&rest[..n])
    }

    /// Reads exactly `N` bytes into an array (an Avro `fixed`, or a float's bytes).
    #[inline]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let slice = self.read_slice(N)?;
        let mut array = [0u8; N];
        array.copy_from_slice(slice);
        Ok(array)
    }

    /// Reads a zig-zag variable-length `long`.
    #[inline]
    pub fn read_long(&mut self) -> Result<i64, DecodeError> {
        let mut value: u64 = 0;
        let mut shift = 0u32;
        loop {
            let Some(&byte) = self.input.get(self.pos) else {
                return Err(self.error(DecodeErrorKind::UnexpectedEof { needed: 1 }));
            };
            self.pos += 1;
            // The tenth byte may only carry the top bit of 64.
            if shift == 63 && byte > 1 {
                return Err(self.error(DecodeErrorKind::VarintOverflow));
            }
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok((value >> 1) as i64 ^ -((value & 1) as i64));
            }
            shift += 7;
        }
    }

    /// Reads an `int`, failing if the value on the wire does not fit 32 bits.
    #[inline]
    pub fn read_int(&mut self) -> Result<i32, DecodeError> {
        let start = self.pos;
        let value = self.read_long()?;
        i32::try_from(value).map_err(|_| {
            DecodeError::new(
                DecodeErrorKind::IntegerOutOfRange {
                    value,
                    target: "i32",
                },
                start,
            )
        })
    }

    /// Reads a `long` and converts it to a narrower Rust integer, failing if it does not fit.
    #[inline]
    pub fn read_integer<T: TryFrom<i64>>(&mut self) -> Result<T, DecodeError> {
        let start = self.pos;
        let value = self.read_long()?;
        T::try_from(value).map_err(|_| {
            let target = std::any::type_name::<T>();
            DecodeError::new(DecodeErrorKind::IntegerOutOfRange { value, target }, start)
        })
    }

    /// Reads a `boolean`, rejecting bytes other than 0 and 1.
    #[inline]
    pub fn read_bool(&mut self) -> Result<bool, DecodeError> {
        match self.read_array::<1>()? {
            [0] => Ok(false),
            [1] => Ok(true),
            [b] => Err(DecodeError::new(
                DecodeErrorKind::InvalidBool(b),
                self.pos - 1,
            )),
        }
    }

    /// Reads a `float`.
    #[inline]
    pub fn read_f32(&mut self) -> Result<f32, DecodeError> {
        Ok(f32::from_le_bytes(self.read_array()?))
    }

    /// Reads a `double`.
    #[inline]
    pub fn read_f64(&mut self) -> Result<f64, DecodeError> {
        Ok(f64::from_le_bytes(self.read_array()?))
    }

    /// Reads a length or count that must be non-negative and no larger than the bytes left, so a
    /// corrupt length can never cause a large allocation.
    #[inline]
    pub fn read_len(&mut self) -> Result<usize, DecodeError> {
        let start = self.pos;
        let len = self.read_long()?;
        if len < 0 {
            return Err(DecodeError::new(
                DecodeErrorKind::NegativeLength(len),
                start,
            ));
        }
        if len as u64 > self.remaining() as u64 {
            let remaining = self.remaining();
            return Err(self.error(DecodeErrorKind::LengthExceedsInput {
                length: len,
                remaining,
            }));
        }
        Ok(len as usize)
    }

    /// Reads `bytes`, borrowing them from the input.
    #[inline]
    pub fn read_bytes(&mut self) -> Result<&'a [u8], DecodeError> {
        let len = self.read_len()?;
        self.read_slice(len)
    }

    /// Reads a `string`, borrowing it from the input.
    #[inline]
    pub fn read_str(&mut self) -> Result<&'a str, DecodeError> {
        let start = self.pos;
        let bytes = self.read_bytes()?;
        std::str::from_utf8(bytes)
            .map_err(|_| DecodeError::new(DecodeErrorKind::InvalidUtf8, start))
    }

    /// Reads the item count that starts an array or map block; 0 ends the sequence.
    ///
    /// A negative count is followed by the block's size in bytes (which lets readers skip blocks);
    /// the size is read and checked, and the count's absolute value returned. A count larger than
    /// the bytes left is rejected: every item of a mapped type takes at least one byte except an
    /// empty record, so this bounds both allocation and work.
    #[inline]
    pub fn read_block_count(&mut self) -> Result<usize, DecodeError> {
        let start = self.pos;
        let count = self.read_long()?;
        if count >= 0 {
            return self.check_count(count);
        }
        let count = count
            .checked_neg()
            .ok_or_else(|| DecodeError::new(DecodeErrorKind::NegativeLength(count), start))?;
        self.read_len()?;
        self.check_count(count)
    }

    fn check_count(&self, count: i64) -> Result<usize, DecodeError> {
        if count as u64 > self.remaining() as u64 {
            let remaining = self.remaining();
            return Err(self.error(DecodeErrorKind::LengthExceedsInput {
                length: count,
                remaining,
            }));
        }
        Ok(count as usize)
    }

    /// Reads a union's branch index.
    #[inline]
    pub fn read_union_index(&mut self, branches: usize) -> Result<usize, DecodeError> {
        let start = self.pos;
        let index = self.read_long()?;
        if index < 0 || index as u64 >= branches as u64 {
            let kind = DecodeErrorKind::InvalidUnionIndex { index, branches };
            return Err(DecodeError::new(kind, start));
        }
        Ok(index as usize)
    }

    /// Reads an enum's symbol index.
    #[inline]
    pub fn read_enum_index(
        &mut self,
        symbols: usize,
        name: &'static str,
    ) -> Result<usize, DecodeError> {
        let start = self.pos;
        let index = self.read_long()?;
        if index < 0 || index as u64 >= symbols as u64 {
            let kind = DecodeErrorKind::InvalidEnumIndex {
                index,
                symbols,
                name,
            };
            return Err(DecodeError::new(kind, start));
        }
        Ok(index as usize)
    }

    /// Enters a record or union; fails past [`MAX_DEPTH`]. Pair with [`Reader::leave`].
    #[inline]
    pub fn enter(&mut self) -> Result<(), DecodeError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(DecodeErrorKind::TooDeep(MAX_DEPTH)));
        }
        Ok(())
    }

    /// Leaves a record or union entered with [`Reader::enter`].
    #[inline]
    pub fn leave(&mut self) {
        self.depth -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::write_long;

    #[test]
    fn longs_round_trip_at_the_edges() {
        for v in [
            0,
            1,
            -1,
            63,
            -64,
            64,
            i32::MAX as i64,
            i32::MIN as i64,
            i64::MAX,
            i64::MIN,
        ] {
            let mut buf = Vec::new();
            write_long(v, &mut buf);
            let mut r = Reader::new(&buf);
            assert_eq!(r.read_long().unwrap(), v);
            assert_eq!(r.remaining(), 0);
        }
    }

    #[test]
    fn overlong_varint_is_an_error() {
        let mut r = Reader::new(&[0xff; 11]);
        assert_eq!(
            r.read_long().unwrap_err().kind(),
            &DecodeErrorKind::VarintOverflow
        );
        let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]);
        assert_eq!(
            r.read_long().unwrap_err().kind(),
            &DecodeErrorKind::VarintOverflow
        );
    }

    #[test]
    fn truncated_varint_is_an_error() {
        let mut r = Reader::new(&[0x80]);
        let err = r.read_long().unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::UnexpectedEof { needed: 1 });
        assert_eq!(err.offset(), 1);
    }

    #[test]
    fn a_huge_length_is_rejected_before_allocating() {
        let mut buf = Vec::new();
        write_long(i64::MAX, &mut buf);
        let err = Reader::new(&buf).read_bytes().unwrap_err();
        assert!(matches!(
            err.kind(),
            DecodeErrorKind::LengthExceedsInput { .. }
        ));
    }

    #[test]
    fn negative_lengths_and_int_overflow_are_errors() {
        let mut buf = Vec::new();
        write_long(-3, &mut buf);
        assert!(matches!(
            Reader::new(&buf).read_bytes().unwrap_err().kind(),
            DecodeErrorKind::NegativeLength(-3)
        ));
        let mut buf = Vec::new();
        write_long(i64::from(i32::MAX) + 1, &mut buf);
        assert!(matches!(
            Reader::new(&buf).read_int().unwrap_err().kind(),
            DecodeErrorKind::IntegerOutOfRange { target: "i32", .. }
        ));
    }

    #[test]
    fn negative_block_counts_carry_a_size() {
        // -2 items, block of 2 bytes, then the items.
        let buf = [0x03, 0x04, 0x02, 0x04];
        let mut r = Reader::new(&buf);
        assert_eq!(r.read_block_count().unwrap(), 2);
        assert_eq!(r.position(), 2);
        let buf = [0x01]; // i64::MIN cannot be negated; here -1 with no size following
        assert!(Reader::new(&buf).read_block_count().is_err());
    }

    #[test]
    fn invalid_utf8_and_bool_are_errors() {
        assert_eq!(
            Reader::new(&[0x02, 0xff]).read_str().unwrap_err().kind(),
            &DecodeErrorKind::InvalidUtf8
        );
        assert_eq!(
            Reader::new(&[2]).read_bool().unwrap_err().kind(),
            &DecodeErrorKind::InvalidBool(2)
        );
    }

    #[test]
    fn depth_is_limited() {
        let mut r = Reader::new(&[]);
        for _ in 0..MAX_DEPTH {
            r.enter().unwrap();
        }
        assert_eq!(
            r.enter().unwrap_err().kind(),
            &DecodeErrorKind::TooDeep(MAX_DEPTH)
        );
    }
}

//! Reading Avro primitives from untrusted input.
//!
//! Every read checks bounds first and every length is checked against the bytes left before
//! anything is allocated, so corrupt or hostile input yields a [`DecodeError`], never a panic or a
//! huge allocation.

use super::{DecodeError, DecodeErrorKind};

/// How deep records and unions may nest before decoding gives up, so that hostile input cannot
/// exhaust the stack through a recursive type. The same limit `serde_json` uses.
pub const MAX_DEPTH: usize = 128;

/// How many items that take no bytes on the wire (empty records, zero-size `fixed`) one datum may
/// hold in all. Every other item takes at least a byte, so its count is bounded by the input's
/// length; these are not, and without a limit a few bytes could ask for billions of them.
pub const MAX_ZERO_WIDTH_ITEMS: usize = 1 << 16;

/// The most bytes a varint of 64 bits takes.
const MAX_VARINT_LEN: usize = 10;

/// Undoes zig-zag encoding: 0, 1, 2, 3 on the wire are 0, -1, 1, -2.
#[inline]
fn zig_zag(value: u64) -> i64 {
    (value >> 1) as i64 ^ -((value & 1) as i64)
}

/// The string at `start` is not UTF-8.
#[cold]
#[inline(never)]
fn invalid_utf8(start: usize) -> DecodeError {
    DecodeError::new(DecodeErrorKind::InvalidUtf8, start)
}

/// Whether every byte is ASCII. Most strings in a datum are short: up to 16 bytes take two
/// overlapping word reads, where `<[u8]>::is_ascii` would go byte by byte below a word and
/// through its aligned loop above.
#[inline(always)]
fn is_ascii(bytes: &[u8]) -> bool {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    if let (Some(first), Some(last)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        if bytes.len() > 16 {
            return bytes.is_ascii();
        }
        return (u64::from_ne_bytes(*first) | u64::from_ne_bytes(*last)) & HIGH_BITS == 0;
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        return (u32::from_ne_bytes(*first) | u32::from_ne_bytes(*last)) & HIGH_BITS as u32 == 0;
    }
    bytes.iter().all(u8::is_ascii)
}

/// How many of the leading bytes are ASCII, a word at a time.
#[inline]
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut len = 0;
    let mut rest = bytes;
    while let Some((word, tail)) = rest.split_first_chunk::<8>() {
        let high = u64::from_le_bytes(*word) & HIGH_BITS;
        if high != 0 {
            // Little-endian: the first byte is the lowest, so the first high bit is its byte's.
            return len + high.trailing_zeros() as usize / 8;
        }
        len += 8;
        rest = tail;
    }
    len + rest.iter().take_while(|byte| byte.is_ascii()).count()
}

/// `bytes` as a `String` if they are UTF-8, validated once: an all-ASCII string by
/// [`is_ascii`], any other by skipping its ASCII prefix a word at a time and handing only the
/// rest to `core::str::from_utf8`. `String::from_utf8` would validate a string again, and byte
/// by byte below 16 bytes. The crate's one `unsafe`: no safe API builds a `String` without that
/// second check (the `ascii` crate's `AsciiStr::from_ascii`, `bstr`'s `to_str` and `simdutf8`,
/// which hands short strings to the standard library, were measured and pay less; see
/// BENCHMARKS.md).
#[inline(always)]
#[allow(unsafe_code)]
fn utf8_to_string(bytes: &[u8]) -> Option<String> {
    if !is_ascii(bytes) {
        let tail = bytes.get(ascii_prefix_len(bytes)..).unwrap_or(bytes);
        std::str::from_utf8(tail).ok()?;
    }
    // SAFETY: `bytes` is UTF-8. Either every byte is below 0x80 (`is_ascii`), each a one-byte
    // code point; or the bytes before `ascii_prefix_len` are such code points and the rest
    // passed `from_utf8`: a sequence of code points followed by valid UTF-8 is valid UTF-8,
    // since an ASCII byte always ends a code point. The `Vec` is a copy of exactly these bytes.
    Some(unsafe { String::from_utf8_unchecked(bytes.to_vec()) })
}

/// A cursor over one Avro datum's bytes.
#[derive(Debug)]
pub struct Reader<'a> {
    /// The whole input, for offsets.
    input: &'a [u8],
    /// What is left to read: reads split it, so a read past the end is one length comparison and
    /// the compiler can see that no index is out of bounds.
    rest: &'a [u8],
    depth: usize,
    /// What is left of [`MAX_ZERO_WIDTH_ITEMS`].
    zero_width_left: usize,
}

/// The header of an array or map block, read by [`Reader::read_block`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "check the block's size with `Reader::end_block` once its items are read"]
pub struct Block {
    /// How many items the block holds; 0 ends the array or map.
    pub count: usize,
    /// The block's size in bytes and where its items start, when the writer gave the size (a
    /// negative count).
    sized: Option<(usize, usize)>,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `input`.
    pub fn new(input: &'a [u8]) -> Self {
        Reader {
            input,
            rest: input,
            depth: 0,
            zero_width_left: MAX_ZERO_WIDTH_ITEMS,
        }
    }

    /// The offset of the next byte to read.
    #[inline]
    pub fn position(&self) -> usize {
        self.input.len() - self.rest.len()
    }

    /// How many bytes are left.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// An error of `kind` at the current position.
    #[cold]
    pub fn error(&self, kind: DecodeErrorKind) -> DecodeError {
        DecodeError::new(kind, self.position())
    }

    /// The input ends `needed` bytes short of what the next value takes.
    #[cold]
    #[inline(never)]
    fn eof(&self, needed: usize) -> DecodeError {
        self.error(DecodeErrorKind::UnexpectedEof {
            needed: needed - self.rest.len(),
        })
    }

    /// Fails unless every byte has been read.
    pub fn finish(&self) -> Result<(), DecodeError> {
        match self.remaining() {
            0 => Ok(()),
            _ => Err(self.trailing_bytes()),
        }
    }

    /// Bytes remain after the datum.
    #[cold]
    #[inline(never)]
    pub(crate) fn trailing_bytes(&self) -> DecodeError {
        self.error(DecodeErrorKind::TrailingBytes(self.remaining()))
    }

    /// Reads the next `n` bytes.
    #[inline]
    pub fn read_slice(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let Some((slice, rest)) = self.rest.split_at_checked(n) else {
            return Err(self.eof(n));
        };
        self.rest = rest;
        Ok(slice)
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
        // Lengths, counts, indexes and small numbers, most of what a datum holds, take one byte:
        // that case stays small enough to inline everywhere.
        match self.rest {
            [byte @ 0..0x80, rest @ ..] => {
                self.rest = rest;
                Ok(zig_zag(u64::from(*byte)))
            }
            _ => self.read_long_multi_byte(),
        }
    }

    /// `read_long` for a varint of two bytes or more, or at the end of the input.
    #[inline(never)]
    fn read_long_multi_byte(&mut self) -> Result<i64, DecodeError> {
        // Two and three bytes (up to 8,191 and 1,048,575 in magnitude) without the loop;
        // `read_long` comes here only when the first byte has its top bit set, or for an empty
        // input.
        match self.rest {
            [low, high @ 0..0x80, rest @ ..] => {
                self.rest = rest;
                return Ok(zig_zag(u64::from(low & 0x7f) | u64::from(*high) << 7));
            }
            // Three bytes: up to about a million in magnitude.
            [low, middle @ 0x80..=0xff, high @ 0..0x80, rest @ ..] => {
                self.rest = rest;
                let value =
                    u64::from(low & 0x7f) | u64::from(middle & 0x7f) << 7 | u64::from(*high) << 14;
                return Ok(zig_zag(value));
            }
            _ => {}
        }
        let mut bytes = self.rest.iter();
        let mut value: u64 = 0;
        for shift in (0..7 * MAX_VARINT_LEN as u32).step_by(7) {
            let Some(&byte) = bytes.next() else {
                self.rest = &[];
                return Err(self.error(DecodeErrorKind::UnexpectedEof { needed: 1 }));
            };
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                // The tenth byte may only carry the top bit of 64.
                if shift == 63 && byte > 1 {
                    break;
                }
                self.rest = bytes.as_slice();
                return Ok(zig_zag(value));
            }
        }
        Err(self.error(DecodeErrorKind::VarintOverflow))
    }

    /// Reads an `int`, failing if the value on the wire does not fit 32 bits.
    #[inline]
    pub fn read_int(&mut self) -> Result<i32, DecodeError> {
        let start = self.position();
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
        let start = self.position();
        let value = self.read_long()?;
        T::try_from(value).map_err(|_| {
            let target = std::any::type_name::<T>();
            DecodeError::new(DecodeErrorKind::IntegerOutOfRange { value, target }, start)
        })
    }

    /// Reads a `boolean`, rejecting bytes other than 0 and 1.
    #[inline]
    pub fn read_bool(&mut self) -> Result<bool, DecodeError> {
        match *self.rest {
            [byte @ (0 | 1), ref rest @ ..] => {
                self.rest = rest;
                Ok(byte == 1)
            }
            [byte, ..] => Err(self.error(DecodeErrorKind::InvalidBool(byte))),
            [] => Err(self.eof(1)),
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
        let start = self.position();
        let len = self.read_long()?;
        match usize::try_from(len) {
            Ok(n) if n <= self.remaining() => Ok(n),
            _ => Err(self.bad_len(len, start)),
        }
    }

    /// Why the length `len` read at `start` is not one: negative, or past the end of the input.
    #[cold]
    #[inline(never)]
    fn bad_len(&self, len: i64, start: usize) -> DecodeError {
        let kind = if len < 0 {
            DecodeErrorKind::NegativeLength(len)
        } else {
            DecodeErrorKind::LengthExceedsInput {
                length: len,
                remaining: self.remaining(),
            }
        };
        DecodeError::new(kind, start)
    }

    /// Reads `bytes`, borrowing them from the input.
    #[inline]
    pub fn read_bytes(&mut self) -> Result<&'a [u8], DecodeError> {
        // A length below 64 is one byte with the top and sign bits clear: one test of the byte
        // and one comparison with what is left.
        if let [len, rest @ ..] = self.rest
            && len & 0x81 == 0
            && let Some((bytes, rest)) = rest.split_at_checked(usize::from(len >> 1))
        {
            self.rest = rest;
            return Ok(bytes);
        }
        self.read_bytes_multi_byte()
    }

    /// `read_bytes` for a length of more than one byte, or one past the end of the input.
    #[inline(never)]
    fn read_bytes_multi_byte(&mut self) -> Result<&'a [u8], DecodeError> {
        let start = self.position();
        let len = self.read_long()?;
        match usize::try_from(len).map(|n| self.rest.split_at_checked(n)) {
            Ok(Some((bytes, rest))) => {
                self.rest = rest;
                Ok(bytes)
            }
            _ => Err(self.bad_len(len, start)),
        }
    }

    /// Reads a `string`, borrowing it from the input.
    #[inline]
    pub fn read_str(&mut self) -> Result<&'a str, DecodeError> {
        let start = self.position();
        let bytes = self.read_bytes()?;
        std::str::from_utf8(bytes).map_err(|_| invalid_utf8(start))
    }

    /// Reads a `string` into a new `String`.
    ///
    /// The same checks as [`Reader::read_str`] and the same one allocation as
    /// `read_str()?.to_owned()`. An ASCII string, the usual case, is checked a word at a time
    /// and not again; any other is validated after the copy, where the allocator's aligned
    /// buffer lets the standard library's check skip through ASCII a word at a time.
    #[inline(always)]
    pub fn read_string(&mut self) -> Result<String, DecodeError> {
        let start = self.position();
        let bytes = self.read_bytes()?;
        utf8_to_string(bytes).ok_or_else(|| invalid_utf8(start))
    }

    /// Reads the header of an array or map block whose items each take at least `min_item_len`
    /// bytes on the wire; a count of 0 ends the array or map. Read the items, then call
    /// [`Reader::end_block`].
    ///
    /// A negative count is followed by the block's size in bytes (which lets readers skip
    /// blocks); the count's absolute value is used, and the size is kept so that `end_block` can
    /// check the items filled exactly that many bytes.
    ///
    /// Before anything is allocated the count is checked against the bytes that could hold it:
    /// `count * min_item_len` may not exceed the bytes left (or the block's size). Items that take
    /// no bytes at all (`min_item_len == 0`) are limited to [`MAX_ZERO_WIDTH_ITEMS`] per datum.
    #[inline]
    pub fn read_block(&mut self, min_item_len: usize) -> Result<Block, DecodeError> {
        // A count below 64 with no size, its items fitting in what is left: the usual case.
        if let [byte, rest @ ..] = self.rest
            && byte & 0x81 == 0
            && min_item_len > 0
            && usize::from(byte >> 1).saturating_mul(min_item_len) <= rest.len()
        {
            self.rest = rest;
            return Ok(Block {
                count: usize::from(byte >> 1),
                sized: None,
            });
        }
        self.read_block_general(min_item_len)
    }

    /// `read_block` for the other cases, and for every error.
    #[inline(never)]
    fn read_block_general(&mut self, min_item_len: usize) -> Result<Block, DecodeError> {
        let start = self.position();
        let count = self.read_long()?;
        let (count, sized) = if count >= 0 {
            (count, None)
        } else {
            let count = count
                .checked_neg()
                .ok_or_else(|| DecodeError::new(DecodeErrorKind::NegativeLength(count), start))?;
            let size = self.read_len()?;
            (count, Some((size, self.position())))
        };
        if min_item_len == 0 {
            if count as u64 > self.zero_width_left as u64 {
                let kind = DecodeErrorKind::TooManyZeroWidthItems {
                    count,
                    limit: MAX_ZERO_WIDTH_ITEMS,
                };
                return Err(DecodeError::new(kind, start));
            }
            self.zero_width_left -= count as usize;
        } else {
            let room = sized.map_or(self.remaining(), |(size, _)| size);
            let needed = (count as u128) * (min_item_len as u128);
            if needed > room as u128 {
                let kind = DecodeErrorKind::ItemsExceedInput {
                    count,
                    needed: u64::try_from(needed).unwrap_or(u64::MAX),
                    remaining: room,
                };
                return Err(DecodeError::new(kind, start));
            }
        }
        Ok(Block {
            count: count as usize,
            sized,
        })
    }

    /// Checks that the items of `block` filled exactly the size its header declared, if it
    /// declared one.
    #[inline]
    pub fn end_block(&self, block: Block) -> Result<(), DecodeError> {
        match block.sized {
            Some((size, start)) if self.position() - start != size => {
                let kind = DecodeErrorKind::BlockSizeMismatch {
                    declared: size,
                    actual: self.position() - start,
                };
                Err(DecodeError::new(kind, start))
            }
            _ => Ok(()),
        }
    }

    /// Reads an index below `count` and 64 from one byte, the usual case; `None` leaves the
    /// input as it was for the general path.
    #[inline(always)]
    fn read_small_index(&mut self, count: usize) -> Option<usize> {
        match self.rest {
            [byte, rest @ ..] if byte & 0x81 == 0 && usize::from(byte >> 1) < count => {
                self.rest = rest;
                Some(usize::from(byte >> 1))
            }
            _ => None,
        }
    }

    /// Reads a union's branch index.
    #[inline]
    pub fn read_union_index(&mut self, branches: usize) -> Result<usize, DecodeError> {
        if let Some(index) = self.read_small_index(branches) {
            return Ok(index);
        }
        let start = self.position();
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
        if let Some(index) = self.read_small_index(symbols) {
            return Ok(index);
        }
        let start = self.position();
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
            // The edges of two and three bytes, which have their own paths.
            8_191,
            -8_192,
            8_192,
            1_048_575,
            -1_048_576,
            1_048_576,
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
        assert_eq!(r.read_block(1).unwrap().count, 2);
        assert_eq!(r.position(), 2);
        let buf = [0x01]; // i64::MIN cannot be negated; here -1 with no size following
        assert!(Reader::new(&buf).read_block(1).is_err());
    }

    #[test]
    fn sized_blocks_must_match_their_items() {
        // -2 items in a block of 3 bytes, but the two one-byte items take 2.
        let buf = [0x03, 0x06, 0x02, 0x04, 0x00];
        let mut r = Reader::new(&buf);
        let block = r.read_block(1).unwrap();
        assert_eq!(block.count, 2);
        r.read_long().unwrap();
        r.read_long().unwrap();
        let err = r.end_block(block).unwrap_err();
        assert_eq!(
            err.kind(),
            &DecodeErrorKind::BlockSizeMismatch {
                declared: 3,
                actual: 2
            }
        );
        assert_eq!(err.offset(), 2);
    }

    #[test]
    fn block_counts_are_bounded_by_the_item_size() {
        // 3 items of at least 2 bytes cannot fit in the 5 bytes left.
        let buf = [0x06, 0, 0, 0, 0, 0];
        let err = Reader::new(&buf).read_block(2).unwrap_err();
        assert_eq!(
            err.kind(),
            &DecodeErrorKind::ItemsExceedInput {
                count: 3,
                needed: 6,
                remaining: 5
            }
        );
        assert_eq!(Reader::new(&buf).read_block(1).unwrap().count, 3);
        // Zero-width items are not bounded by the input, but by a budget for the whole datum.
        let mut buf = Vec::new();
        write_long(MAX_ZERO_WIDTH_ITEMS as i64, &mut buf);
        write_long(1, &mut buf);
        let mut r = Reader::new(&buf);
        assert_eq!(r.read_block(0).unwrap().count, MAX_ZERO_WIDTH_ITEMS);
        assert!(matches!(
            r.read_block(0).unwrap_err().kind(),
            DecodeErrorKind::TooManyZeroWidthItems { count: 1, .. }
        ));
    }

    #[test]
    fn the_ascii_check_sees_a_high_byte_anywhere() {
        for len in 0..=40 {
            let ascii = vec![b'a'; len];
            assert!(is_ascii(&ascii), "{len} ASCII bytes");
            for at in 0..len {
                let mut bytes = ascii.clone();
                bytes[at] = 0x80;
                assert!(!is_ascii(&bytes), "a high byte at {at} of {len}");
            }
        }
    }

    #[test]
    fn strings_are_accepted_exactly_when_std_accepts_them() {
        // Every pair of bytes, after ASCII prefixes around the word sizes the checks use.
        for prefix in [0, 3, 7, 8, 15, 16, 17] {
            for pair in 0..=u16::MAX {
                let mut bytes = vec![b'a'; prefix];
                bytes.extend_from_slice(&pair.to_be_bytes());
                let mut buf = Vec::new();
                write_long(bytes.len() as i64, &mut buf);
                buf.extend_from_slice(&bytes);
                let read = Reader::new(&buf).read_string();
                assert_eq!(read.ok().as_deref(), std::str::from_utf8(&bytes).ok());
            }
        }
    }

    #[test]
    fn the_ascii_prefix_ends_at_the_first_high_byte() {
        for len in 0..=40 {
            assert_eq!(ascii_prefix_len(&vec![b'a'; len]), len);
            for at in 0..len {
                let mut bytes = vec![b'a'; len];
                bytes[at] = 0xc3;
                assert_eq!(ascii_prefix_len(&bytes), at, "a high byte at {at} of {len}");
            }
        }
    }

    #[test]
    fn strings_of_every_length_are_validated() {
        let ascii = |n: usize| "a".repeat(n).into_bytes();
        let join = |parts: &[&[u8]]| parts.concat();
        for len in 0..=40usize {
            for (bytes, valid) in [
                (ascii(len), true),
                (join(&[&ascii(len), "é".as_bytes()]), true),
                (join(&["é".as_bytes(), &ascii(len)]), true),
                (join(&[&ascii(len), "—".as_bytes(), &ascii(len)]), true),
                (join(&[&ascii(len), &[0xff]]), false), // never in UTF-8
                (join(&[&[0xff], &ascii(len)]), false),
                (join(&[&ascii(len), &[0xc3]]), false), // a code point cut short
                (join(&[&ascii(len), &[0x80], &ascii(len)]), false), // a stray continuation
                (join(&[&ascii(len), "é".as_bytes(), &[0xa9]]), false),
            ] {
                let mut buf = Vec::new();
                write_long(bytes.len() as i64, &mut buf);
                buf.extend_from_slice(&bytes);
                let read = Reader::new(&buf).read_string();
                if valid {
                    assert_eq!(read.unwrap().as_bytes(), bytes);
                } else {
                    let err = read.unwrap_err();
                    assert_eq!(err.kind(), &DecodeErrorKind::InvalidUtf8);
                    assert_eq!(err.offset(), 0);
                }
            }
        }
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

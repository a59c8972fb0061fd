//! A cursor over the writer's bytes: the checks of [`Reader`](crate::codec::Reader) (bounds,
//! varint length, lengths against the bytes left, depth, zero-width items), plus what a
//! transcoder needs and a reader does not: the input itself, to copy runs of it, and seeking, to
//! read a record's fields in another order than they were written.

use crate::codec::{DecodeError, DecodeErrorKind, MAX_DEPTH, MAX_ZERO_WIDTH_ITEMS};

/// The most bytes a varint of 64 bits takes.
const MAX_VARINT_LEN: usize = 10;

pub(super) struct Cursor<'a> {
    input: &'a [u8],
    pos: usize,
    /// Whether to count depth: only a recursive schema can nest deeper than the plan itself,
    /// which its builder bounds by [`MAX_DEPTH`].
    count_depth: bool,
    depth: usize,
    zero_width_left: usize,
}

/// An array or map block's header.
#[derive(Debug)]
pub(super) struct Block {
    /// How many items; 0 ends the array or map.
    pub(super) count: usize,
    /// The declared size in bytes and where the items start, when the writer gave one.
    pub(super) sized: Option<(usize, usize)>,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(input: &'a [u8]) -> Self {
        Cursor {
            input,
            pos: 0,
            count_depth: true,
            depth: 0,
            zero_width_left: MAX_ZERO_WIDTH_ITEMS,
        }
    }

    /// The same cursor counting depth only if `recursive`.
    pub(super) fn counting_depth(self, recursive: bool) -> Self {
        Cursor {
            count_depth: recursive,
            ..self
        }
    }

    #[inline]
    pub(super) fn position(&self) -> usize {
        self.pos
    }

    /// Moves to `pos`, a position this cursor has been at before.
    #[inline]
    pub(super) fn seek(&mut self, pos: usize) {
        debug_assert!(pos <= self.input.len());
        self.pos = pos;
    }

    /// The bytes from `start` to `end`, positions this cursor has been at.
    #[inline]
    pub(super) fn between(&self, start: usize, end: usize) -> &'a [u8] {
        &self.input[start..end]
    }

    #[inline]
    pub(super) fn remaining(&self) -> usize {
        self.input.len() - self.pos
    }

    #[cold]
    pub(super) fn error_at(&self, kind: DecodeErrorKind, at: usize) -> DecodeError {
        DecodeError::new(kind, at)
    }

    #[cold]
    #[inline(never)]
    fn eof(&self, needed: usize) -> DecodeError {
        let needed = needed - self.remaining();
        self.error_at(DecodeErrorKind::UnexpectedEof { needed }, self.pos)
    }

    /// Fails unless every byte has been read.
    pub(super) fn finish(&self) -> Result<(), DecodeError> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(self.error_at(DecodeErrorKind::TrailingBytes(n), self.pos)),
        }
    }

    /// Moves past `n` bytes.
    #[inline]
    pub(super) fn advance(&mut self, n: usize) -> Result<(), DecodeError> {
        if n > self.remaining() {
            return Err(self.eof(n));
        }
        self.pos += n;
        Ok(())
    }

    /// Reads the next `n` bytes.
    #[inline]
    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let start = self.pos;
        self.advance(n)?;
        Ok(&self.input[start..self.pos])
    }

    /// Reads a zig-zag varint `long`.
    #[inline]
    pub(super) fn read_long(&mut self) -> Result<i64, DecodeError> {
        match self.input.get(self.pos) {
            Some(&byte) if byte < 0x80 => {
                self.pos += 1;
                Ok(zig_zag(u64::from(byte)))
            }
            _ => self.read_long_multi_byte(),
        }
    }

    #[inline(never)]
    fn read_long_multi_byte(&mut self) -> Result<i64, DecodeError> {
        let mut value: u64 = 0;
        for (i, shift) in (0..7 * MAX_VARINT_LEN as u32).step_by(7).enumerate() {
            let Some(&byte) = self.input.get(self.pos + i) else {
                self.pos = self.input.len();
                return Err(self.error_at(DecodeErrorKind::UnexpectedEof { needed: 1 }, self.pos));
            };
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                if shift == 63 && byte > 1 {
                    break;
                }
                self.pos += i + 1;
                return Ok(zig_zag(value));
            }
        }
        Err(self.error_at(DecodeErrorKind::VarintOverflow, self.pos))
    }

    /// Moves past a length and that many bytes (a `string`, `bytes`).
    #[inline]
    pub(super) fn skip_sized(&mut self) -> Result<(), DecodeError> {
        let start = self.pos;
        let len = self.read_long()?;
        if (len as u64) <= self.remaining() as u64 {
            self.pos += len as usize;
            Ok(())
        } else {
            Err(self.bad_len(len, start))
        }
    }

    /// Moves past a varint without decoding it: up to the first byte below 0x80, at most ten.
    #[inline]
    pub(super) fn skip_varint(&mut self) -> Result<(), DecodeError> {
        self.varint_len().map(|len| self.pos += len)
    }

    /// How many bytes the varint at the cursor takes, without moving.
    #[inline]
    fn varint_len(&self) -> Result<usize, DecodeError> {
        let rest = &self.input[self.pos..];
        if let Some(&byte) = rest.first()
            && byte < 0x80
        {
            return Ok(1);
        }
        match rest
            .iter()
            .take(MAX_VARINT_LEN)
            .position(|&byte| byte < 0x80)
        {
            Some(last) => Ok(last + 1),
            // Past the end, or too long: `read_long` says which, at the right offset.
            None => Err(self.varint_error()),
        }
    }

    /// Why no varint ends at the cursor: the input ends first, or it is too long.
    #[cold]
    #[inline(never)]
    fn varint_error(&self) -> DecodeError {
        if self.remaining() < MAX_VARINT_LEN {
            let at = self.input.len();
            self.error_at(DecodeErrorKind::UnexpectedEof { needed: 1 }, at)
        } else {
            self.error_at(DecodeErrorKind::VarintOverflow, self.pos)
        }
    }

    /// Moves past an `int`, checking that it fits 32 bits: a varint of up to four bytes holds
    /// 28 bits and needs no decoding; a longer one is read.
    #[inline]
    pub(super) fn skip_int(&mut self) -> Result<(), DecodeError> {
        if let Some(&[a, b, c, d]) = self.input.get(self.pos..self.pos + 4) {
            let len = if a < 0x80 {
                1
            } else if b < 0x80 {
                2
            } else if c < 0x80 {
                3
            } else if d < 0x80 {
                4
            } else {
                return self.read_int().map(drop);
            };
            self.pos += len;
            return Ok(());
        }
        self.read_int().map(drop)
    }

    /// Reads an `int`: a `long` that must fit 32 bits.
    #[inline]
    pub(super) fn read_int(&mut self) -> Result<i32, DecodeError> {
        let start = self.pos;
        let value = self.read_long()?;
        i32::try_from(value).map_err(|_| {
            let kind = DecodeErrorKind::IntegerOutOfRange {
                value,
                target: "i32",
            };
            self.error_at(kind, start)
        })
    }

    /// Reads a length: non-negative and no more than the bytes left.
    #[inline]
    pub(super) fn read_len(&mut self) -> Result<usize, DecodeError> {
        let start = self.pos;
        let len = self.read_long()?;
        match usize::try_from(len) {
            Ok(n) if n <= self.remaining() => Ok(n),
            _ => Err(self.bad_len(len, start)),
        }
    }

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
        self.error_at(kind, start)
    }

    /// Reads a block header whose items take at least `min_item_len` bytes each, checking the
    /// count against the bytes that could hold it (or, for items that take none, against the
    /// datum's budget of [`MAX_ZERO_WIDTH_ITEMS`]), as [`Reader::read_block`] does.
    ///
    /// [`Reader::read_block`]: crate::codec::Reader::read_block
    #[inline]
    pub(super) fn read_block(&mut self, min_item_len: usize) -> Result<Block, DecodeError> {
        let start = self.pos;
        let count = self.read_long()?;
        let (count, sized) = if count >= 0 {
            (count, None)
        } else {
            let Some(count) = count.checked_neg() else {
                return Err(self.error_at(DecodeErrorKind::NegativeLength(count), start));
            };
            let size = self.read_len()?;
            (count, Some((size, self.pos)))
        };
        if min_item_len == 0 {
            if count as u64 > self.zero_width_left as u64 {
                let kind = DecodeErrorKind::TooManyZeroWidthItems {
                    count,
                    limit: MAX_ZERO_WIDTH_ITEMS,
                };
                return Err(self.error_at(kind, start));
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
                return Err(self.error_at(kind, start));
            }
        }
        Ok(Block {
            count: count as usize,
            sized,
        })
    }

    /// Checks that a sized block's items filled exactly its declared size.
    #[inline]
    pub(super) fn end_block(&self, block: &Block) -> Result<(), DecodeError> {
        match block.sized {
            Some((size, start)) if self.pos - start != size => {
                let kind = DecodeErrorKind::BlockSizeMismatch {
                    declared: size,
                    actual: self.pos - start,
                };
                Err(self.error_at(kind, start))
            }
            _ => Ok(()),
        }
    }

    /// Reads a union's branch index.
    #[inline]
    pub(super) fn read_union_index(&mut self, branches: usize) -> Result<usize, DecodeError> {
        let start = self.pos;
        let index = self.read_long()?;
        if index < 0 || index as u64 >= branches as u64 {
            let kind = DecodeErrorKind::InvalidUnionIndex { index, branches };
            return Err(self.error_at(kind, start));
        }
        Ok(index as usize)
    }

    /// Enters a record or union; fails past [`MAX_DEPTH`].
    #[inline]
    pub(super) fn enter(&mut self) -> Result<(), DecodeError> {
        if self.count_depth {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(self.error_at(DecodeErrorKind::TooDeep(MAX_DEPTH), self.pos));
            }
        }
        Ok(())
    }

    #[inline]
    pub(super) fn leave(&mut self) {
        if self.count_depth {
            self.depth -= 1;
        }
    }
}

#[inline]
fn zig_zag(value: u64) -> i64 {
    (value >> 1) as i64 ^ -((value & 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::write_long;

    #[test]
    fn varints_match_the_codec() {
        for v in [
            0,
            1,
            -1,
            63,
            -64,
            64,
            i64::from(i32::MAX),
            i64::MIN,
            i64::MAX,
        ] {
            let mut buf = Vec::new();
            write_long(v, &mut buf);
            let mut cursor = Cursor::new(&buf);
            assert_eq!(cursor.read_long().unwrap(), v);
            cursor.finish().unwrap();
        }
        let err = Cursor::new(&[0xff; 11]).read_long().unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::VarintOverflow);
        let err = Cursor::new(&[0x80]).read_long().unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::UnexpectedEof { needed: 1 });
        assert_eq!(err.offset(), 1);
    }

    #[test]
    fn skipped_varints_end_where_read_ones_do() {
        for v in [0, -1, 300, i64::MIN, i64::MAX] {
            let mut buf = Vec::new();
            write_long(v, &mut buf);
            buf.push(0x7f);
            let mut cursor = Cursor::new(&buf);
            cursor.skip_varint().unwrap();
            assert_eq!(cursor.position(), buf.len() - 1);
        }
        let err = Cursor::new(&[0x80, 0x80]).skip_varint().unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::UnexpectedEof { needed: 1 });
        assert_eq!(err.offset(), 2);
        let err = Cursor::new(&[0xff; 11]).skip_varint().unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::VarintOverflow);
    }

    #[test]
    fn skipped_ints_must_fit_32_bits() {
        for v in [0, -1, 1 << 27, i64::from(i32::MIN), i64::from(i32::MAX)] {
            let mut buf = Vec::new();
            write_long(v, &mut buf);
            let mut cursor = Cursor::new(&buf);
            cursor.skip_int().unwrap();
            cursor.finish().unwrap();
            // Followed by more bytes, as inside a record.
            buf.extend([0x80; 4]);
            let mut cursor = Cursor::new(&buf);
            cursor.skip_int().unwrap();
            assert_eq!(cursor.remaining(), 4);
        }
        let mut buf = Vec::new();
        write_long(i64::from(i32::MAX) + 1, &mut buf);
        let err = Cursor::new(&buf).skip_int().unwrap_err();
        assert!(matches!(
            err.kind(),
            DecodeErrorKind::IntegerOutOfRange { .. }
        ));
        let err = Cursor::new(&[0x80, 0x80]).skip_int().unwrap_err();
        assert_eq!(err.kind(), &DecodeErrorKind::UnexpectedEof { needed: 1 });
    }

    #[test]
    fn lengths_and_blocks_are_bounded_by_the_input() {
        let mut buf = Vec::new();
        write_long(i64::MAX, &mut buf);
        assert!(matches!(
            Cursor::new(&buf).read_len().unwrap_err().kind(),
            DecodeErrorKind::LengthExceedsInput { .. }
        ));
        let buf = [0x06, 0, 0, 0, 0, 0];
        assert!(matches!(
            Cursor::new(&buf).read_block(2).unwrap_err().kind(),
            DecodeErrorKind::ItemsExceedInput { count: 3, .. }
        ));
        let mut buf = Vec::new();
        write_long(MAX_ZERO_WIDTH_ITEMS as i64, &mut buf);
        write_long(1, &mut buf);
        let mut cursor = Cursor::new(&buf);
        assert_eq!(cursor.read_block(0).unwrap().count, MAX_ZERO_WIDTH_ITEMS);
        assert!(matches!(
            cursor.read_block(0).unwrap_err().kind(),
            DecodeErrorKind::TooManyZeroWidthItems { .. }
        ));
    }

    #[test]
    fn depth_is_limited() {
        let mut cursor = Cursor::new(&[]);
        for _ in 0..MAX_DEPTH {
            cursor.enter().unwrap();
        }
        assert_eq!(
            cursor.enter().unwrap_err().kind(),
            &DecodeErrorKind::TooDeep(MAX_DEPTH)
        );
    }
}

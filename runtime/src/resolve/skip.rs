//! Finding where a writer value ends without decoding it: for fields the reader lacks, and for
//! runs of fields that are copied as they are.

use super::cursor::Cursor;
use crate::codec::DecodeError;

/// Where a skip sits in [`Skips`].
pub(super) type SkipId = usize;

/// The layout of one writer type, as far as finding its end needs.
#[derive(Debug)]
pub(super) enum Skip {
    /// Only while a record is being built: a recursive reference to it.
    Pending,
    /// A fixed number of bytes: `null` (0), `boolean` (1), `float` (4), `double` (8), a `fixed`,
    /// or a record of those.
    Bytes(usize),
    /// A varint: `int`, `long`, an enum index.
    Varint,
    /// A length and that many bytes: `string`, `bytes`.
    Sized,
    /// A record's fields in order.
    Record(Box<[SkipId]>),
    /// An array of the item.
    Array(SkipId),
    /// A map of the value.
    Map(SkipId),
    /// A union's branches.
    Union(Box<[SkipId]>),
}

/// A [`Skip`] as a plan step holds it: a leaf's layout itself, anything else by ID.
#[derive(Clone, Copy, Debug)]
pub(super) enum Leaf {
    /// [`Skip::Bytes`].
    Bytes(usize),
    /// [`Skip::Varint`].
    Varint,
    /// [`Skip::Sized`].
    Sized,
    /// Anything else.
    Nested(SkipId),
}

/// Every writer type's [`Skip`], with the fewest bytes a value of it takes.
#[derive(Debug, Default)]
pub(super) struct Skips {
    skips: Vec<Skip>,
    min_len: Vec<usize>,
}

impl Skips {
    pub(super) fn push(&mut self, skip: Skip) -> SkipId {
        let min = self.min_len_of(&skip);
        self.skips.push(skip);
        self.min_len.push(min);
        self.skips.len() - 1
    }

    /// Replaces a [`Skip::Pending`] with what it stood for.
    pub(super) fn set(&mut self, id: SkipId, skip: Skip) {
        self.min_len[id] = self.min_len_of(&skip);
        self.skips[id] = skip;
    }

    pub(super) fn get(&self, id: SkipId) -> &Skip {
        &self.skips[id]
    }

    /// The fewest bytes a value takes: a lower bound for checking a block's count.
    pub(super) fn min_len(&self, id: SkipId) -> usize {
        self.min_len[id]
    }

    fn min_len_of(&self, skip: &Skip) -> usize {
        match skip {
            // A record that holds itself without a union or array in between has no finite
            // value; 0 is a safe lower bound, and the depth limit stops reading one.
            Skip::Pending => 0,
            Skip::Bytes(n) => *n,
            Skip::Varint | Skip::Sized | Skip::Array(_) | Skip::Map(_) | Skip::Union(_) => 1,
            Skip::Record(fields) => fields.iter().map(|&f| self.min_len[f]).sum(),
        }
    }

    /// How a value of `id` is skipped where it is used: the leaves inline, the rest by ID.
    pub(super) fn leaf(&self, id: SkipId) -> Leaf {
        match self.skips[id] {
            Skip::Bytes(n) => Leaf::Bytes(n),
            Skip::Varint => Leaf::Varint,
            Skip::Sized => Leaf::Sized,
            _ => Leaf::Nested(id),
        }
    }

    /// Moves `cursor` past one value of `id`.
    #[inline(always)]
    pub(super) fn skip(&self, id: SkipId, cursor: &mut Cursor<'_>) -> Result<(), DecodeError> {
        self.skip_leaf(self.leaf(id), cursor)
    }

    /// Moves `cursor` past one value: the leaves, most of what a record holds, inline; records,
    /// arrays, maps and unions in [`Skips::skip_nested`].
    #[inline(always)]
    pub(super) fn skip_leaf(&self, leaf: Leaf, cursor: &mut Cursor<'_>) -> Result<(), DecodeError> {
        match leaf {
            Leaf::Bytes(n) => cursor.advance(n),
            Leaf::Varint => cursor.skip_varint(),
            Leaf::Sized => cursor.skip_sized(),
            Leaf::Nested(id) => self.skip_nested(&self.skips[id], cursor),
        }
    }

    #[inline(never)]
    fn skip_nested(&self, skip: &Skip, cursor: &mut Cursor<'_>) -> Result<(), DecodeError> {
        match skip {
            Skip::Pending => unreachable!("a finished plan has no pending skips"),
            Skip::Bytes(n) => cursor.advance(*n),
            Skip::Varint => cursor.skip_varint(),
            Skip::Sized => cursor.skip_sized(),
            Skip::Record(fields) => {
                cursor.enter()?;
                for &field in fields {
                    self.skip(field, cursor)?;
                }
                cursor.leave();
                Ok(())
            }
            Skip::Array(items) => self.skip_blocks(cursor, *items, false),
            Skip::Map(values) => self.skip_blocks(cursor, *values, true),
            Skip::Union(branches) => {
                cursor.enter()?;
                let index = cursor.read_union_index(branches.len())?;
                self.skip(branches[index], cursor)?;
                cursor.leave();
                Ok(())
            }
        }
    }

    /// Skips the blocks of an array, or of a map (whose items each start with a string key).
    fn skip_blocks(
        &self,
        cursor: &mut Cursor<'_>,
        item: SkipId,
        is_map: bool,
    ) -> Result<(), DecodeError> {
        let min_item_len = self.min_len[item] + usize::from(is_map);
        loop {
            let block = cursor.read_block(min_item_len)?;
            if block.count == 0 {
                return Ok(());
            }
            if let Some((size, _)) = block.sized {
                // The writer said how long the block is: no need to look inside.
                cursor.advance(size)?;
                continue;
            }
            for _ in 0..block.count {
                if is_map {
                    cursor.skip_sized()?;
                }
                self.skip(item, cursor)?;
            }
        }
    }
}

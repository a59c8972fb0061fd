//! Gathering a decoded array's items: no header alone allocates much, and no `realloc` grows
//! the array while its items are being built.

/// The most memory one chunk of a decoded array takes before its items are read.
///
/// A block header's count is checked against the bytes left, but an item can be far bigger in
/// memory than on the wire, so a header alone may not reserve more than this. The size is also
/// where glibc's `malloc` changes path: a request past about 1 KiB (its large bins) is answered by
/// first consolidating every small block freed since, such as the strings of the previous datum,
/// and blocks up to 1 KiB come from its per-thread cache.
const CHUNK_BYTES: usize = 1024;

/// The items of an array being decoded, gathered in chunks of at most [`CHUNK_BYTES`] and moved
/// at the end into one `Vec` of exactly their number.
///
/// A `Vec` grown by doubling asks `realloc` for ever larger blocks while the items' own strings
/// are being allocated from what the previous datum freed. Whenever the block cannot grow in
/// place, which depends on the heap's history, each request past 1 KiB makes glibc consolidate
/// those freed strings first, and the strings that follow are carved from the merged block
/// instead of coming from the cache. Gathered in chunks, the one large request comes last, after
/// the items have taken what was freed; an array that fits one chunk is that chunk, with no copy.
/// Timed in interleaved rounds (`benches/codec/examples/paired.rs`), the large benchmark event's
/// decode went from 1.59-1.64 times serde_avro_fast's speed to 2.24-2.42; BENCHMARKS.md says when
/// glibc still consolidates (when the array is freed into a large top chunk).
pub(crate) struct SeqBuilder<T> {
    /// The chunks filled so far, in order.
    full: Vec<Vec<T>>,
    /// How many items `full` holds.
    full_len: usize,
    /// The chunk being filled.
    current: Vec<T>,
}

impl<T> SeqBuilder<T> {
    /// The most items of `T` a chunk holds: at least one, however large `T` is.
    const CHUNK_ITEMS: usize = match CHUNK_BYTES.checked_div(size_of::<T>()) {
        Some(0) => 1,
        Some(items) => items,
        None => CHUNK_BYTES, // zero-sized: the reader's zero-width limit bounds their number
    };

    pub(crate) fn new() -> Self {
        SeqBuilder {
            full: Vec::new(),
            full_len: 0,
            current: Vec::new(),
        }
    }

    /// How many items have been pushed: the index of the next one.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.full_len + self.current.len()
    }

    /// Makes room for a block of `count` items about to be pushed. The first block's chunk is
    /// allocated here, on the inlined path: most arrays are one block that fits one chunk.
    #[inline]
    pub(crate) fn reserve(&mut self, count: usize) {
        if self.current.capacity() == 0 {
            self.current = Vec::with_capacity(count.min(Self::CHUNK_ITEMS));
        }
    }

    /// Adds `item`; `expected` is how many more items, this one included, the block header
    /// announced: the size of the next chunk if this one is full.
    #[inline]
    pub(crate) fn push(&mut self, item: T, expected: usize) {
        if self.current.len() == self.current.capacity() {
            self.start_chunk(expected);
        }
        self.current.push(item);
    }

    #[cold]
    #[inline(never)]
    fn start_chunk(&mut self, expected: usize) {
        let capacity = expected.clamp(1, Self::CHUNK_ITEMS);
        let full = std::mem::replace(&mut self.current, Vec::with_capacity(capacity));
        if !full.is_empty() {
            self.full_len += full.len();
            self.full.push(full);
        }
    }

    /// Every item pushed, in order.
    pub(crate) fn finish(self) -> Vec<T> {
        if self.full.is_empty() {
            return self.current;
        }
        let mut items = Vec::with_capacity(self.len());
        for chunk in self.full {
            items.extend(chunk);
        }
        items.extend(self.current);
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pushes `blocks` (each an announced count) of strings numbered by `len`.
    fn build(blocks: &[usize]) -> Vec<String> {
        let mut builder = SeqBuilder::new();
        for &count in blocks {
            builder.reserve(count);
            for expected in (1..=count).rev() {
                builder.push(builder.len().to_string(), expected);
            }
        }
        builder.finish()
    }

    #[test]
    fn keeps_every_item_in_order_across_chunks_and_blocks() {
        let per_chunk = SeqBuilder::<String>::CHUNK_ITEMS;
        for blocks in [
            vec![],
            vec![1],
            vec![per_chunk],
            vec![per_chunk + 1],
            vec![3 * per_chunk + 5],
            vec![2, 7, per_chunk, 1],
        ] {
            let items = build(&blocks);
            let expected: Vec<String> = (0..blocks.iter().sum())
                .map(|i: usize| i.to_string())
                .collect();
            assert_eq!(items, expected, "blocks {blocks:?}");
            // Each chunk is sized by what the header announced, so none is left part empty.
            assert_eq!(items.capacity(), items.len(), "blocks {blocks:?}");
        }
    }

    #[test]
    fn no_chunk_is_larger_than_the_limit_whatever_the_header_says() {
        let mut builder = SeqBuilder::<u64>::new();
        builder.reserve(usize::MAX);
        assert_eq!(builder.current.capacity(), CHUNK_BYTES / size_of::<u64>());
        for expected in (1..=CHUNK_BYTES / size_of::<u64>() + 1).rev() {
            builder.push(1, usize::MAX - expected);
        }
        assert_eq!(builder.current.capacity(), CHUNK_BYTES / size_of::<u64>());
    }

    #[test]
    fn a_chunk_holds_at_least_one_item_of_any_size() {
        assert_eq!(SeqBuilder::<[u8; 4096]>::CHUNK_ITEMS, 1);
        assert_eq!(SeqBuilder::<[u8; 1024]>::CHUNK_ITEMS, 1);
        assert_eq!(SeqBuilder::<[u8; 512]>::CHUNK_ITEMS, 2);
        assert_eq!(SeqBuilder::<()>::CHUNK_ITEMS, CHUNK_BYTES);
        let mut builder = SeqBuilder::<[u8; 4096]>::new();
        builder.reserve(3);
        for expected in (1..=3).rev() {
            builder.push([expected as u8; 4096], expected);
        }
        let items = builder.finish();
        assert_eq!(
            items.iter().map(|item| item[0]).collect::<Vec<_>>(),
            [3, 2, 1]
        );
    }

    #[test]
    fn an_array_within_one_chunk_is_returned_without_a_copy() {
        let mut builder = SeqBuilder::new();
        builder.reserve(3);
        for expected in (1..=3).rev() {
            builder.push(expected, expected);
        }
        let pointer = builder.current.as_ptr();
        let items = builder.finish();
        assert_eq!(items, [3, 2, 1]);
        assert_eq!(items.as_ptr(), pointer);
        assert_eq!(items.capacity(), 3);
    }
}

//! Sequences, maps and boxes.

use crate::__private::Shape;
use crate::codec::{
    DecodeError, DecodeErrorKind, EncodeError, Reader, key_excerpt, write_long, write_str,
};
use crate::{Avro, SchemaBuilder};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, VecDeque, btree_map, hash_map};
use std::hash::BuildHasher;

impl<T: Avro> Avro for Vec<T> {
    const __SHAPE: Shape = T::__SEQ_SHAPE;

    fn write_schema(builder: &mut SchemaBuilder) -> Value {
        T::__write_seq_schema(builder)
    }
    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        T::__encode_seq(self.iter(), out)
    }
    #[inline]
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        T::__decode_seq(reader)
    }
}

impl<T: Avro> Avro for VecDeque<T> {
    const __SHAPE: Shape = T::__SEQ_SHAPE;

    fn write_schema(builder: &mut SchemaBuilder) -> Value {
        T::__write_seq_schema(builder)
    }
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        T::__encode_seq(self.iter(), out)
    }
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Vec::<T>::decode_avro(reader).map(VecDeque::from)
    }
}

/// `Box<T>` has `T`'s schema; it is how a recursive type refers to itself.
impl<T: Avro> Avro for Box<T> {
    const __NULLABLE: bool = T::__NULLABLE;
    const __SHAPE: Shape = T::__SHAPE;
    const __BRANCHES: usize = T::__BRANCHES;
    const __MIN_WIRE_LEN: usize = T::__MIN_WIRE_LEN;

    fn write_schema(builder: &mut SchemaBuilder) -> Value {
        T::write_schema(builder)
    }
    #[inline]
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        (**self).encode_avro(out)
    }
    #[inline]
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        T::decode_avro(reader).map(Box::new)
    }
    fn __encode_branch(&self, first_branch: usize, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        (**self).__encode_branch(first_branch, out)
    }
    fn __decode_branch(branch: usize, reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        T::__decode_branch(branch, reader).map(Box::new)
    }
}

fn map_schema<V: Avro>(builder: &mut SchemaBuilder) -> Value {
    json!({ "type": "map", "values": V::write_schema(builder) })
}

fn encode_map<'a, V: Avro>(
    len: usize,
    entries: impl Iterator<Item = (&'a String, &'a V)>,
    out: &mut Vec<u8>,
) -> Result<(), EncodeError> {
    if len > 0 {
        write_long(len as i64, out);
        for (key, value) in entries {
            write_str(key, out);
            value.encode_avro(out).map_err(|e| e.in_key(key))?;
        }
    }
    write_long(0, out);
    Ok(())
}

/// Reads map blocks, handing each entry to `insert`, which gives back the key of an entry the map
/// already held.
#[inline]
fn decode_map<V: Avro>(
    reader: &mut Reader<'_>,
    mut insert: impl FnMut(String, V) -> Result<(), String>,
) -> Result<(), DecodeError> {
    loop {
        // Each entry is a key (at least its length byte) and a value.
        let block = reader.read_block(1 + V::__MIN_WIRE_LEN)?;
        if block.count == 0 {
            return Ok(());
        }
        for _ in 0..block.count {
            let key_at = reader.position();
            let key = reader.read_string()?;
            let value = V::decode_avro(reader).map_err(|e| e.in_key(&key))?;
            if let Err(key) = insert(key, value) {
                return Err(duplicate_key(&key, key_at));
            }
        }
        reader.end_block(block)?;
    }
}

/// The map key at `key_at` was there before.
#[cold]
#[inline(never)]
fn duplicate_key(key: &str, key_at: usize) -> DecodeError {
    DecodeError::new(DecodeErrorKind::DuplicateMapKey(key_excerpt(key)), key_at)
}

impl<V: Avro, S: BuildHasher + Default + 'static> Avro for HashMap<String, V, S> {
    const __SHAPE: Shape = Shape::Map;

    fn write_schema(builder: &mut SchemaBuilder) -> Value {
        map_schema::<V>(builder)
    }
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        encode_map(self.len(), self.iter(), out)
    }
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let mut map = HashMap::default();
        decode_map(reader, |k, v| match map.entry(k) {
            hash_map::Entry::Vacant(entry) => {
                entry.insert(v);
                Ok(())
            }
            hash_map::Entry::Occupied(entry) => Err(entry.key().clone()),
        })?;
        Ok(map)
    }
}

impl<V: Avro> Avro for BTreeMap<String, V> {
    const __SHAPE: Shape = Shape::Map;

    fn write_schema(builder: &mut SchemaBuilder) -> Value {
        map_schema::<V>(builder)
    }
    fn encode_avro(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        encode_map(self.len(), self.iter(), out)
    }
    fn decode_avro(reader: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let mut map = BTreeMap::new();
        decode_map(reader, |k, v| match map.entry(k) {
            btree_map::Entry::Vacant(entry) => {
                entry.insert(v);
                Ok(())
            }
            btree_map::Entry::Occupied(entry) => Err(entry.key().clone()),
        })?;
        Ok(map)
    }
}

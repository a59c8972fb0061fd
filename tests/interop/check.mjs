// Checks tidings against avsc, the JavaScript Avro implementation.
//
// Driven by tests/tests/interop.rs, which writes a manifest and runs
//
//     TIDINGS_NODE_MODULES=.../node_modules node check.mjs MANIFEST OUTPUT
//
// The manifest, the report and the expected-value convention are those of check.py (read its
// docstring). avsc specifics: longs are BigInts (a custom long type, so that values past 2^53 are
// exact), unions are wrapped (`{"branch": value}`, the convention's form, also what tells the
// branch apart), and logical types are left to this script (avsc has none built in): a uuid is a
// string, a timestamp a BigInt count, a decimal the Buffer of its unscaled two's complement.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const modules = process.env.TIDINGS_NODE_MODULES;
if (!modules) {
  console.error('TIDINGS_NODE_MODULES must name the node_modules that holds avsc');
  process.exit(2);
}
const avro = require(path.join(modules, 'avsc'));
const avscVersion = JSON.parse(readFileSync(path.join(modules, 'avsc', 'package.json'))).version;

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);
const MAX_DIFFS = 20;
const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?Z$/;
const DECIMAL = /^-?\d+(?:\.(\d+))?$/;
const BIG = '\u0000bigint:';

// avsc's long type with BigInt values, as its documentation shows for exact 64-bit longs.
const LONG = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: BigInt,
  toJSON: Number,
  isValid: (n) => typeof n === 'bigint' && n >= -(1n << 63n) && n < 1n << 63n,
  compare: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
});

class ManifestError extends Error {}

// JSON.parse loses integers past 2^53: mark every integer literal longer than 15 digits as a
// string first (numbers only occur outside strings, so a scan that skips strings is exact).
function parseJsonExact(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      const token = m[0];
      const integer = m[1] === undefined && m[2] === undefined;
      out += integer && token.replace('-', '').length > 15 ? JSON.stringify(BIG + token) : token;
      i += token.length;
    } else {
      out += c;
      i += 1;
    }
  }
  return JSON.parse(out);
}

function fullName(name, namespace) {
  if (name.includes('.')) return [name, name.slice(0, name.lastIndexOf('.'))];
  if (namespace) return [`${namespace}.${name}`, namespace];
  return [name, ''];
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const repr = (v) =>
  JSON.stringify(v, (_, x) => {
    if (typeof x === 'bigint') return `${x}n`;
    if (typeof x === 'number' && (Object.is(x, -0) || !Number.isFinite(x))) return Object.is(x, -0) ? '-0' : String(x);
    if (x && x.type === 'Buffer' && Array.isArray(x.data)) return Buffer.from(x.data).toString('hex');
    return x;
  });

// The named types one schema defines, to follow references by name.
class Names {
  constructor(schema) {
    this.types = new Map();
    this.index(schema, '');
  }

  index(s, ns) {
    if (Array.isArray(s)) {
      for (const b of s) this.index(b, ns);
    } else if (isObject(s)) {
      const kind = s.type;
      if (typeof kind !== 'string') {
        this.index(kind, ns);
      } else if (NAMED.has(kind)) {
        const [name, own] = fullName(s.name, s.namespace ?? ns);
        this.types.set(name, [s, own]);
        for (const f of s.fields ?? []) this.index(f.type, own);
      } else if (kind === 'array') {
        this.index(s.items, ns);
      } else if (kind === 'map') {
        this.index(s.values, ns);
      }
    }
  }

  // [node, namespace, full name or null], references followed; a union is an array.
  resolve(s, ns) {
    for (;;) {
      if (Array.isArray(s)) return [s, ns, null];
      if (typeof s === 'string') {
        if (PRIMITIVES.has(s)) return [{ type: s }, ns, null];
        let name = s.includes('.') || !ns ? s : `${ns}.${s}`;
        if (!this.types.has(name)) name = s;
        const [node, own] = this.types.get(name);
        return [node, own, name];
      }
      const kind = s.type;
      if (typeof kind !== 'string' || !(PRIMITIVES.has(kind) || NAMED.has(kind) || kind === 'array' || kind === 'map')) {
        s = kind;
        continue;
      }
      if (NAMED.has(kind)) {
        const [name, own] = fullName(s.name, s.namespace ?? ns);
        return [s, own, name];
      }
      return [s, ns, null];
    }
  }

  branchName(s, ns) {
    const [node, , name] = this.resolve(s, ns);
    return name ?? node.type;
  }
}

function floatValue(v, where) {
  const special = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
  if (typeof v === 'string' && v in special) return special[v];
  if (typeof v === 'string' && v.startsWith(BIG)) return Number(v.slice(BIG.length));
  if (typeof v !== 'number') throw new ManifestError(`${where}: ${repr(v)} is not a number`);
  return v;
}

function toF32(v, where) {
  const r = Math.fround(v);
  if (!Number.isFinite(r) && Number.isFinite(v)) throw new ManifestError(`${where}: ${v} does not fit a float`);
  return r;
}

function bits(v) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}

function integer(v, where) {
  if (typeof v === 'string' && v.startsWith(BIG)) return BigInt(v.slice(BIG.length));
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new ManifestError(`${where}: ${repr(v)} is not an integer`);
  return BigInt(v);
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil), since
// Date.UTC maps years 0 to 99 to 1900 to 1999.
function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// An RFC 3339 UTC timestamp as a BigInt count of the unit.
function parseTimestamp(v, unit, where) {
  const m = typeof v === 'string' ? RFC3339.exec(v) : null;
  if (!m) throw new ManifestError(`${where}: ${repr(v)} is not an RFC 3339 UTC timestamp`);
  const fraction = m[7] ?? '';
  if (unit === 'millis' && fraction.length > 3) throw new ManifestError(`${where}: ${v} has more than millisecond precision`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const seconds = BigInt(daysFromCivil(y, mo, d)) * 86400n + BigInt(h * 3600 + mi * 60 + s);
  const micros = seconds * 1000000n + BigInt(fraction.padEnd(6, '0'));
  return unit === 'millis' ? micros / 1000n : micros;
}

// A decimal string with exactly `scale` digits after the point, as its unscaled BigInt.
function parseDecimal(v, scale, where) {
  const m = typeof v === 'string' ? DECIMAL.exec(v) : null;
  if (!m || (m[1] ?? '').length !== scale) throw new ManifestError(`${where}: ${repr(v)} is not a decimal with ${scale} digits after the point`);
  return BigInt(v.replace('.', ''));
}

// The shortest big-endian two's complement of n.
function twosComplement(n) {
  const out = [];
  for (;;) {
    const byte = Number(BigInt.asUintN(8, n));
    out.unshift(byte);
    n >>= 8n;
    if ((n === 0n && !(byte & 0x80)) || (n === -1n && byte & 0x80)) return Buffer.from(out);
  }
}

function fromTwosComplement(buf) {
  if (buf.length === 0) return 0n;
  return BigInt.asIntN(buf.length * 8, BigInt(`0x${buf.toString('hex')}`));
}

function parseHex(v, where, size) {
  if (typeof v !== 'string' || !/^([0-9a-f]{2})*$/.test(v)) throw new ManifestError(`${where}: ${repr(v)} is not lowercase hex`);
  const buf = Buffer.from(v, 'hex');
  if (size !== undefined && buf.length !== size) throw new ManifestError(`${where}: ${buf.length} bytes for a fixed of size ${size}`);
  return buf;
}

class Walker {
  constructor(names) {
    this.names = names;
  }

  unionBranch(branches, ns, v, where) {
    const names = branches.map((b) => this.names.branchName(b, ns));
    if (v === null) {
      if (!names.includes('null')) throw new ManifestError(`${where}: null for a union without null ${names}`);
      return [names.indexOf('null'), 'null', null];
    }
    const keys = isObject(v) ? Object.keys(v) : [];
    if (keys.length !== 1) throw new ManifestError(`${where}: ${repr(v)} is not null or {"branch": value}`);
    const branch = keys[0];
    if (!names.includes(branch) || branch === 'null') throw new ManifestError(`${where}: ${branch} is not a branch of ${names}`);
    return [names.indexOf(branch), branch, v[branch]];
  }

  // Expected value -> what avsc writes.
  native(s, ns, v, where) {
    const [node, ns2, name] = this.names.resolve(s, ns);
    if (Array.isArray(node)) {
      const [index, branch, value] = this.unionBranch(node, ns2, v, where);
      return value === null ? null : { [branch]: this.native(node[index], ns2, value, `${where}<${branch}>`) };
    }
    const { type: kind, logicalType: logical } = node;
    switch (kind) {
      case 'null':
        if (v !== null) throw new ManifestError(`${where}: ${repr(v)} for null`);
        return null;
      case 'boolean':
        if (typeof v !== 'boolean') throw new ManifestError(`${where}: ${repr(v)} is not a boolean`);
        return v;
      case 'int': {
        const n = integer(v, where);
        if (n < -(1n << 31n) || n >= 1n << 31n) throw new ManifestError(`${where}: ${n} does not fit an int`);
        return Number(n);
      }
      case 'long':
        if (logical === 'timestamp-micros' || logical === 'timestamp-millis') return parseTimestamp(v, logical.slice(10), where);
        return integer(v, where);
      case 'float':
        return toF32(floatValue(v, where), where);
      case 'double':
        return floatValue(v, where);
      case 'string':
        if (typeof v !== 'string') throw new ManifestError(`${where}: ${repr(v)} is not a string`);
        return v;
      case 'bytes':
        if (logical === 'decimal') return twosComplement(parseDecimal(v, node.scale ?? 0, where));
        return parseHex(v, where);
      case 'fixed':
        return parseHex(v, where, node.size);
      case 'enum':
        if (!node.symbols.includes(v)) throw new ManifestError(`${where}: ${repr(v)} is not a symbol of ${name}`);
        return v;
      case 'array':
        if (!Array.isArray(v)) throw new ManifestError(`${where}: not an array`);
        return v.map((x, i) => this.native(node.items, ns2, x, `${where}[${i}]`));
      case 'map': {
        if (!isObject(v)) throw new ManifestError(`${where}: not a map`);
        const out = {};
        for (const [k, x] of Object.entries(v)) out[k] = this.native(node.values, ns2, x, `${where}[${JSON.stringify(k)}]`);
        return out;
      }
      case 'record':
      case 'error': {
        const fields = node.fields.map((f) => f.name);
        if (!isObject(v) || Object.keys(v).sort().join() !== [...fields].sort().join()) {
          throw new ManifestError(`${where}: ${repr(v)} does not have exactly the fields ${fields}`);
        }
        const out = {};
        for (const f of node.fields) out[f.name] = this.native(f.type, ns2, v[f.name], `${where}.${f.name}`);
        return out;
      }
      default:
        throw new ManifestError(`${where}: unknown schema ${repr(node)}`);
    }
  }

  // What avsc read <-> expected value.
  compare(s, ns, want, got, where, diffs) {
    if (diffs.length >= MAX_DIFFS) return;
    const [node, ns2] = this.names.resolve(s, ns);
    const differ = (detail = '') => diffs.push(`${where}: expected ${repr(want)}, decoded ${repr(got)}${detail}`);
    if (Array.isArray(node)) {
      const [index, branch, value] = this.unionBranch(node, ns2, want, where);
      if (value === null) {
        if (got !== null) differ();
        return;
      }
      const keys = isObject(got) ? Object.keys(got) : [];
      if (keys.length !== 1 || keys[0] !== branch) {
        diffs.push(`${where}: expected branch ${branch}, decoded ${keys.length === 1 ? `branch ${keys[0]}` : repr(got)}`);
        return;
      }
      this.compare(node[index], ns2, value, got[branch], `${where}<${branch}>`, diffs);
      return;
    }
    const { type: kind, logicalType: logical } = node;
    switch (kind) {
      case 'null':
        if (got !== null) differ();
        break;
      case 'boolean':
      case 'string':
      case 'enum':
        if (got !== want) differ(typeof got === 'string' ? ` (code points ${[...got].map((c) => c.codePointAt(0).toString(16))})` : '');
        break;
      case 'int':
        if (typeof got !== 'number' || BigInt(got) !== integer(want, where)) differ();
        break;
      case 'long': {
        const timestamp = logical === 'timestamp-micros' || logical === 'timestamp-millis';
        const expected = timestamp ? parseTimestamp(want, logical.slice(10), where) : integer(want, where);
        if (typeof got !== 'bigint' || got !== expected) differ(` (expected ${expected})`);
        break;
      }
      case 'float':
      case 'double': {
        let expected = floatValue(want, where);
        if (kind === 'float') expected = toF32(expected, where);
        if (typeof got !== 'number' || bits(got) !== bits(expected)) {
          differ(` (bits ${typeof got === 'number' ? bits(got) : '-'}, expected ${bits(expected)})`);
        }
        break;
      }
      case 'bytes':
        if (logical === 'decimal') {
          const expected = parseDecimal(want, node.scale ?? 0, where);
          if (!Buffer.isBuffer(got) || fromTwosComplement(got) !== expected) differ(` (unscaled ${Buffer.isBuffer(got) ? fromTwosComplement(got) : '-'}, expected ${expected})`);
          break;
        }
      // falls through
      case 'fixed':
        if (!Buffer.isBuffer(got) || got.toString('hex') !== want) differ();
        break;
      case 'array':
        if (!Array.isArray(got)) return differ(' (not an array)');
        if (got.length !== want.length) diffs.push(`${where}: expected ${want.length} items, decoded ${got.length}`);
        for (let i = 0; i < Math.min(got.length, want.length); i++) this.compare(node.items, ns2, want[i], got[i], `${where}[${i}]`, diffs);
        break;
      case 'map': {
        if (!isObject(got)) return differ(' (not an object)');
        const [w, g] = [Object.keys(want).sort(), Object.keys(got).sort()];
        if (w.join('\u0000') !== g.join('\u0000')) diffs.push(`${where}: expected keys ${repr(w)}, decoded ${repr(g)}`);
        for (const k of w) if (k in got) this.compare(node.values, ns2, want[k], got[k], `${where}[${JSON.stringify(k)}]`, diffs);
        break;
      }
      case 'record':
      case 'error': {
        if (!isObject(got)) return differ(' (not an object)');
        const fields = node.fields.map((f) => f.name);
        if (Object.keys(got).sort().join() !== [...fields].sort().join()) diffs.push(`${where}: decoded fields ${Object.keys(got)}, the schema has ${fields}`);
        for (const f of node.fields) this.compare(f.type, ns2, want[f.name], got[f.name], `${where}.${f.name}`, diffs);
        break;
      }
      default:
        diffs.push(`${where}: unknown schema ${repr(node)}`);
    }
  }
}

function forSchema(text) {
  // A fresh registry each time: avsc adds every named type to it.
  // A long with a logical type is not looked up in the registry, hence the hook.
  const typeHook = (schema) => (schema && schema.type === 'long' ? LONG : undefined);
  return avro.Type.forSchema(JSON.parse(text), { wrapUnions: true, registry: { long: LONG }, typeHook });
}

function main() {
  const [manifestPath, outputPath] = process.argv.slice(2);
  const manifest = parseJsonExact(readFileSync(manifestPath, 'utf8'));
  const failures = [];
  const fail = (library, kase, stage, message) => failures.push({ library, case: kase, stage, message });
  const encoded = {};
  const canonical = {};
  const parsed = new Map();
  const schemas = new Map(manifest.schemas.map((s) => [s.label, s]));

  for (const [label, entry] of schemas) {
    try {
      parsed.set(label, forSchema(entry.text));
      // avsc's plain schema() is the Parsing Canonical Form.
      (canonical.avsc ??= {})[label] = JSON.stringify(avro.Type.forSchema(JSON.parse(entry.text)).schema());
    } catch (e) {
      fail('avsc', label, 'schema', `does not parse:\n${e.stack}`);
    }
  }

  for (const kase of manifest.cases) {
    const type = parsed.get(kase.schema);
    if (!type) {
      fail('avsc', kase.name, 'decode', `schema ${kase.schema} did not parse`);
      continue;
    }
    const schema = JSON.parse(schemas.get(kase.schema).text);
    const walker = new Walker(new Names(schema));
    try {
      const value = type.fromBuffer(Buffer.from(kase.bytes, 'hex'));
      const diffs = [];
      walker.compare(schema, '', kase.expected, value, '$', diffs);
      if (diffs.length) fail('avsc', kase.name, 'decode', `the Rust bytes decode to a different value:\n  ${diffs.join('\n  ')}`);
    } catch (e) {
      if (e instanceof ManifestError) fail('avsc', kase.name, 'decode', `the expected value does not follow the convention: ${e.message}`);
      else fail('avsc', kase.name, 'decode', `the Rust bytes do not decode:\n${e.stack}`);
    }
    try {
      const native = walker.native(schema, '', kase.expected, '$');
      const errors = [];
      if (!type.isValid(native, { errorHook: (p, v, t) => errors.push(`$.${p.join('.')}: ${repr(v)} is not a valid ${t.name ?? t.typeName}`) })) {
        throw new Error(`invalid value:\n  ${errors.join('\n  ')}`);
      }
      (encoded.avsc ??= {})[kase.name] = type.toBuffer(native).toString('hex');
    } catch (e) {
      if (e instanceof ManifestError) fail('avsc', kase.name, 'encode', `the expected value does not follow the convention: ${e.message}`);
      else fail('avsc', kase.name, 'encode', `the expected value does not encode:\n${e.stack}`);
    }
  }

  writeFileSync(outputPath, JSON.stringify({ encoded, canonical, failures }));
  for (const f of failures) console.log(`FAIL [${f.library}] ${f.stage} ${f.case}: ${f.message}`);
  console.log(`avsc ${avscVersion}: ${schemas.size} schemas, ${manifest.cases.length} cases, ${failures.length} failures`);
  process.exit(failures.length ? 1 : 0);
}

main();

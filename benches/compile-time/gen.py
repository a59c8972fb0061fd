#!/usr/bin/env python3
"""Generates the two throwaway crates of the compile-time benchmark.

    gen.py OUT_DIR WORKSPACE_ROOT [--events N] [--seed S]

copies the tidings sources (WORKSPACE_ROOT/macros and /runtime, with a workspace manifest that
lists only them) to OUT_DIR/tidings-src, so that edits to the tree while the benchmark runs do not
rebuild tidings between measurements, and writes OUT_DIR/tidings-events (every type derives `tidings::Event` / `tidings::Avro`) and
OUT_DIR/serde-events (every type derives `serde::Serialize` + `serde::Deserialize`). The two
`src/lib.rs` are the same types, fields, docs and renames, built from the same seed; only the
derives and the attribute names (`#[avro(rename)]` versus `#[serde(rename)]`, plus tidings'
`#[event]`/`#[avro(namespace)]`) differ. Each crate has its own `[workspace]` table so that cargo
never takes it for a member of the tidings workspace.

Output is deterministic: the same arguments write byte-identical files, so a file is only rewritten
(and its mtime only changes) when its content does.
"""

from __future__ import annotations

import argparse
import pathlib
import random
import re
import shutil

DOMAINS = ["orders", "payments", "shipping", "billing", "accounts", "inventory", "catalog", "support"]
NOUNS = [
    "Order", "Payment", "Shipment", "Invoice", "Account", "Stock", "Product", "Ticket",
    "Refund", "Cart", "Coupon", "Parcel", "Customer", "Subscription", "Review", "Warehouse",
    "Carrier", "Price", "Return", "Session",
]
VERBS = [
    "Placed", "Cancelled", "Updated", "Created", "Deleted", "Approved", "Rejected", "Shipped",
    "Delivered", "Opened", "Closed",
]
# Field names by type, snake_case; a rename turns one into camelCase.
NAMES = {
    "String": ["name", "reason", "description", "email", "status", "reference", "comment", "title",
               "currency", "region", "channel", "label"],
    "i32": ["quantity", "attempt", "priority", "line_count", "retry_count", "rating"],
    "i64": ["amount_cents", "sequence", "revision", "total_cents", "occurred_at_micros", "weight_grams"],
    "bool": ["is_gift", "express", "verified", "active", "flagged", "partial"],
    "f64": ["score", "discount_rate", "latitude", "longitude", "exchange_rate"],
    "Option<String>": ["note", "coupon_code", "middle_name", "tracking_url", "external_ref"],
    "Vec<String>": ["tags", "items", "skus", "recipients", "labels"],
    "uuid::Uuid": ["id", "correlation_id", "customer_id", "order_id", "actor_id"],
    "Option<i64>": ["parent_sequence", "expires_at_micros", "limit_cents"],
}
SCALARS = list(NAMES)
# Weights roughly like real event payloads: many strings and numbers, fewer collections.
WEIGHTS = [6, 3, 4, 2, 1, 2, 2, 3, 1]

FIELD_DOCS = {
    "String": "As the sender wrote it.",
    "i32": "A small count.",
    "i64": "A wide number.",
    "bool": "Whether it applies.",
    "f64": "A measured value.",
    "Option<String>": "Absent when not given.",
    "Vec<String>": "In the order given.",
    "uuid::Uuid": "A stable identifier.",
    "Option<i64>": "Absent when unbounded.",
}

N_NESTED = 40


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(part.title() for part in rest)


def plan(events: int, seed: int):
    """The types, independent of the derive: a list of (kind, name, doc, namespace, fields)."""
    rng = random.Random(seed)
    types = []

    nested_names = []
    for i in range(N_NESTED):
        name = f"{rng.choice(NOUNS)}Detail{i}"
        nested_names.append(name)
        fields = []
        used = set()
        for _ in range(rng.randint(3, 5)):
            ty = rng.choices(SCALARS, WEIGHTS)[0]
            fname = rng.choice(NAMES[ty])
            while fname in used:
                fname = f"{fname}_{len(used)}"
            used.add(fname)
            fields.append((fname, ty, FIELD_DOCS[ty], None))
        domain = DOMAINS[i % len(DOMAINS)]
        types.append(("nested", name, f"Shared detail number {i}, part of several events.",
                      f"com.acme.{domain}", None, fields))

    for i in range(events):
        name = f"{rng.choice(NOUNS)}{rng.choice(VERBS)}{i}"
        domain = DOMAINS[i % len(DOMAINS)]
        version = rng.choice([1, 1, 1, 2, 3])
        fields = []
        used = set()
        n_fields = rng.randint(5, 12)
        # One nested record per event, sometimes optional or repeated.
        nested_at = rng.randrange(n_fields)
        for f in range(n_fields):
            if f == nested_at:
                nested = rng.choice(nested_names)
                ty = rng.choice([nested, nested, f"Option<{nested}>", f"Vec<{nested}>"])
                fname = "detail" if "detail" not in used else f"detail_{f}"
                doc = "The detail this event carries."
            else:
                base = rng.choices(SCALARS, WEIGHTS)[0]
                ty = base
                fname = rng.choice(NAMES[base])
                doc = FIELD_DOCS[base]
            while fname in used:
                fname = f"{fname}_{f}"
            used.add(fname)
            rename = camel(fname) if rng.random() < 0.2 and "_" in fname else None
            fields.append((fname, ty, doc, rename))
        types.append(("event", name, f"Event {i}: something happened in {domain}.",
                      f"com.acme.{domain}", (f"{domain}.{name.lower()}", version, f"{domain}-service"),
                      fields))
    return types


def render(types, flavour: str) -> str:
    out = [
        "//! Generated by benches/compile-time/gen.py: do not edit.",
        "#![allow(missing_docs, dead_code)]",
        "",
    ]
    for kind, name, doc, namespace, event, fields in types:
        out.append(f"/// {doc}")
        if flavour == "tidings":
            if kind == "event":
                etype, version, source = event
                out.append("#[derive(tidings::Event)]")
                out.append(f'#[event(type = "{etype}", version = {version}, source = "{source}")]')
            else:
                out.append("#[derive(tidings::Avro)]")
            out.append(f'#[avro(namespace = "{namespace}")]')
        else:
            out.append("#[derive(serde::Serialize, serde::Deserialize)]")
        out.append(f"pub struct {name} {{")
        for fname, ty, fdoc, rename in fields:
            out.append(f"    /// {fdoc}")
            if rename:
                attr = "avro" if flavour == "tidings" else "serde"
                out.append(f'    #[{attr}(rename = "{rename}")]')
            out.append(f"    pub {fname}: {ty},")
        out.append("}")
        out.append("")
    out.extend(render_codec(types, flavour))
    return "\n".join(out)


def render_codec(types, flavour: str) -> list[str]:
    """Behind the `codec` feature: one encode and one decode function per event, as a service
    would write them. serde's derives are generic over the format, so without a caller their code
    is never monomorphised; these functions make each crate pay for the codec it would ship
    (tidings' own codec for A, serde_json for B)."""
    out = [
        "/// A non-generic encode and decode per event: what a service using the events compiles.",
        '#[cfg(feature = "codec")]',
        "#[allow(non_snake_case)]",
        "pub mod codec {",
        "    use super::*;",
    ]
    for kind, name, *_ in types:
        if kind != "event":
            continue
        if flavour == "tidings":
            encode, decode = "tidings::encode(value).unwrap()", f"tidings::decode::<{name}>(bytes).ok()"
        else:
            encode, decode = "serde_json::to_vec(value).unwrap()", f"serde_json::from_slice::<{name}>(bytes).ok()"
        out.append(f"    pub fn encode_{name}(value: &{name}) -> Vec<u8> {{ {encode} }}")
        out.append(f"    pub fn decode_{name}(bytes: &[u8]) -> Option<{name}> {{ {decode} }}")
    out.append("}")
    out.append("")
    return out


def manifest(flavour: str, tidings_path: str) -> str:
    if flavour == "tidings":
        deps = (
            f'tidings = {{ path = "{tidings_path}" }}\n'
            'uuid = { version = "1", default-features = false, features = ["std"] }\n'
        )
        features = "codec = []\n"
    else:
        deps = (
            'serde = { version = "1", features = ["derive"] }\n'
            'serde_json = { version = "1", optional = true }\n'
            'uuid = { version = "1", default-features = false, features = ["std", "serde"] }\n'
        )
        features = 'codec = ["dep:serde_json"]\n'

    return (
        "# Generated by benches/compile-time/gen.py: do not edit.\n"
        "[package]\n"
        f'name = "{flavour}-events"\n'
        'version = "0.0.0"\n'
        'edition = "2024"\n'
        "publish = false\n\n"
        "[lib]\npath = \"src/lib.rs\"\n\n"
        f"[dependencies]\n{deps}\n"
        f"[features]\n{features}\n"
        "# Not a member of the tidings workspace.\n"
        "[workspace]\n\n"
        "# `dev` without incremental compilation, in its own directory so that switching between\n"
        "# the two never rebuilds a dependency.\n"
        "[profile.dev-full]\n"
        'inherits = "dev"\n'
        "incremental = false\n"
    )


def write_if_changed(path: pathlib.Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def write_bytes_if_changed(path: pathlib.Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def snapshot(root: pathlib.Path, dest: pathlib.Path) -> pathlib.Path:
    """Copies the two tidings crates to `dest`; unchanged files keep their mtime, so cargo rebuilds
    tidings only when its sources really changed since the last run. Returns the runtime's path."""
    wanted = set()
    for crate in ("macros", "runtime"):
        for src in (root / crate).rglob("*"):
            rel = src.relative_to(root)
            if src.is_file() and "target" not in rel.parts:
                wanted.add(rel)
                write_bytes_if_changed(dest / rel, src.read_bytes())
    for crate in ("macros", "runtime"):
        for old in (dest / crate).rglob("*"):
            if old.is_file() and old.relative_to(dest) not in wanted:
                old.unlink()
    manifest_text = (root / "Cargo.toml").read_text()
    # `members = [...]`, on one line or several.
    manifest_text = re.sub(r"(?ms)^(default-)?members\s*=\s*\[.*?\]", lambda m: f'{m[1] or ""}members = ["macros", "runtime"]', manifest_text)
    write_if_changed(dest / "Cargo.toml", "# Copied by benches/compile-time/gen.py.\n" + manifest_text)
    for name in ("README.md", "Cargo.lock"):
        if (root / name).exists():
            write_bytes_if_changed(dest / name, (root / name).read_bytes())
    return dest / "runtime"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=pathlib.Path)
    parser.add_argument("root", type=pathlib.Path, help="the tidings workspace")
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    root = args.root.resolve()
    out_dir = args.out_dir.resolve()
    tidings_path = snapshot(root, out_dir / "tidings-src")
    types = plan(args.events, args.seed)
    for flavour in ("tidings", "serde"):
        crate = out_dir / f"{flavour}-events"
        write_if_changed(crate / "Cargo.toml", manifest(flavour, str(tidings_path)))
        write_if_changed(crate / "src" / "lib.rs", render(types, flavour))
        # The workspace's lockfile as a start: the same versions of serde, uuid and the rest as
        # the workspace builds with, and no registry lookup for what it already pins.
        if not (crate / "Cargo.lock").exists() and (root / "Cargo.lock").exists():
            shutil.copyfile(root / "Cargo.lock", crate / "Cargo.lock")
    n_fields = sum(len(t[5]) for t in types if t[0] == "event")
    print(f"generated {args.events} events ({n_fields} fields) and {N_NESTED} nested records "
          f"in {out_dir}/{{tidings,serde}}-events")


if __name__ == "__main__":
    main()

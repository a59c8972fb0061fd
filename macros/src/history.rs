//! `embedded_history!`: a file registry's revisions, read when the crate compiles.

use proc_macro2::TokenStream;
use quote::quote;
use std::path::{Path, PathBuf};
use syn::LitStr;

pub fn embed(dir: &LitStr) -> TokenStream {
    match revisions(&dir.value()) {
        Ok((index, revisions)) => {
            let dir = dir.value();
            let index = index.to_string_lossy().into_owned();
            let revisions = revisions.iter().map(|(subject, version, path)| {
                let path = path.to_string_lossy();
                quote!((#subject, #version, ::core::include_str!(#path)))
            });
            // `include_str!` makes cargo rebuild the crate when a file changes; `registry.json`
            // changes whenever a revision is registered, so new files are picked up too.
            quote! {{
                extern crate tidings as _tidings;
                _tidings::history::SchemaHistory::from_embedded(
                    #dir,
                    ::core::include_str!(#index),
                    &[#(#revisions),*],
                )
            }}
        }
        Err(message) => syn::Error::new(dir.span(), message).to_compile_error(),
    }
}

/// A revision file: its subject, its number and its path.
type RevisionFile = (String, u32, PathBuf);

/// `history/registry.json` and every `history/{subject}/{n}.avsc` under `dir`, relative to the
/// crate being compiled, sorted by subject and revision.
fn revisions(dir: &str) -> Result<(PathBuf, Vec<RevisionFile>), String> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?;
    let history = Path::new(&manifest).join(dir).join("history");
    let index = history.join("registry.json");
    if !index.is_file() {
        // The path as given, not as resolved: the message is the same on every machine.
        return Err(format!(
            "no file registry here: `{}` does not exist, relative to this crate's Cargo.toml; \
             name the folder that holds `history/` (usually \"schemas\" or \"../schemas\"), \
             which `tidings::build::check()` creates when it registers the first revision",
            Path::new(dir)
                .join("history")
                .join("registry.json")
                .display()
        ));
    }
    let unreadable = |path: &Path, err: std::io::Error| format!("`{}`: {err}", path.display());
    let mut revisions = Vec::new();
    for subject in std::fs::read_dir(&history).map_err(|e| unreadable(&history, e))? {
        let subject = subject.map_err(|e| unreadable(&history, e))?.path();
        let Some(name) = subject.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !subject.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&subject).map_err(|e| unreadable(&subject, e))? {
            let file = file.map_err(|e| unreadable(&subject, e))?.path();
            let version = file
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".avsc"))
                .and_then(|n| n.parse::<u32>().ok());
            if let Some(version) = version {
                revisions.push((name.to_owned(), version, file));
            }
        }
    }
    revisions.sort();
    Ok((index, revisions))
}

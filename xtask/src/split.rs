//! Cuts the web app's wasm at its split points (Leptos' lazy routes, one per
//! page) with `wasm_split_cli_support`, the library behind cargo-leptos'
//! `--split`: the shell (the app's frame and the login form) stays in the
//! wasm the page loads first, each page's own code goes into a module of its
//! own, and code that several pages use into modules they share. The wasm
//! must be linked with `--emit-relocs` (set in `.cargo/config.toml`).

use anyhow::Context;
use std::path::{Path, PathBuf};

/// The shell as written by the split, before wasm-bindgen reads it (in `dist`).
pub const SHELL_INPUT: &str = "shell.wasm";

/// The JS module that loads the page modules (in `dist`). The shell's JS
/// imports it, and it imports the shell's JS back: see `assets::finish`.
pub const LOADER: &str = "split.js";

/// Splits `wasm` into `dist`: [`SHELL_INPUT`], [`LOADER`] and the page
/// modules, whose paths it returns.
pub fn split(wasm: &Path, dist: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let input = std::fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let shell = dist.join(SHELL_INPUT);
    let link_name = format!("./{LOADER}");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = dist;
    options.main_out_path = &shell;
    options.link_name = &link_name;
    options.main_module = "/stige.js";
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| anyhow::anyhow!("wasm-split on {}: {e:?}", wasm.display()))?;
    Ok(split.split_modules)
}

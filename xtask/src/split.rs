//! Cuts the web app's wasm at its split points (Leptos' lazy routes, one per
//! area of pages: see `frontend/src/routes.rs`) with `wasm_split_cli_support`,
//! the library behind cargo-leptos' `--split`: the shell (the app's frame and
//! the login form) stays in the wasm the browser loads first, each area's own
//! code goes into a module of its own, and code that several areas use into
//! modules they share. The wasm must be linked with `--emit-relocs` (set in
//! `.cargo/config.toml`).

use anyhow::Context;
use std::path::{Path, PathBuf};

/// The name wasm-bindgen gives the shell's files (`stige.js`, `stige_bg.wasm`).
pub const SHELL_NAME: &str = "stige";

/// The shell as written by the split, before wasm-bindgen reads it (in `dist`).
pub const SHELL_INPUT: &str = "shell.wasm";

/// The JS module that loads the split's modules (in `dist`). The shell's JS
/// imports it, and it imports the shell's JS back: see `assets::finish`.
pub const LOADER: &str = "split.js";

/// Splits `wasm` into `dist`: [`SHELL_INPUT`], [`LOADER`] and the modules
/// loaded later, whose paths it returns.
pub fn split(wasm: &Path, dist: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let input = std::fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let shell = dist.join(SHELL_INPUT);
    let link_name = format!("./{LOADER}");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = dist;
    options.main_out_path = &shell;
    options.link_name = &link_name;
    let main_module = format!("/{SHELL_NAME}.js");
    options.main_module = &main_module;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| anyhow::anyhow!("wasm-split on {}: {e:?}", wasm.display()))?;
    Ok(split.split_modules)
}

//! Builds the web app into `frontend/dist/` without trunk: cargo builds the wasm,
//! the split cuts it into the shell and the modules loaded later (`split.rs`),
//! wasm-bindgen (as a library, so its version always equals the one in Cargo.lock)
//! writes the JS glue, binaryen shrinks every wasm (release), the static files and
//! each language's texts are put next to them, and `assets.rs` names and
//! compresses everything.

use crate::{assets, cargo, root, split, step};
use anyhow::{Context, bail};
use std::path::PathBuf;
use std::process::Command;

const TARGET: &str = "wasm32-unknown-unknown";

/// Adds the wasm32 target with rustup when it is missing.
pub fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("running rustup (is Rust installed with rustup?)")?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == TARGET)
    {
        return Ok(());
    }
    eprintln!("Adding the Rust target {TARGET} (once)…");
    let status = Command::new("rustup")
        .args(["target", "add", TARGET])
        .status()?;
    if !status.success() {
        bail!("rustup target add {TARGET} failed");
    }
    Ok(())
}

/// Where cargo puts its output: `CARGO_TARGET_DIR` when set (cargo honours it for the
/// build above too), else `target/` in the repository.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// Builds the web app into `frontend/dist/`; `release` optimises for size.
/// Returns the sizes of what is served.
pub fn build_web(release: bool) -> anyhow::Result<assets::Sizes> {
    ensure_wasm_target()?;
    let profile = if release { "wasm-release" } else { "dev" };
    step(&format!("Compiling the web app for {TARGET} ({profile})"));
    cargo(
        &[
            "build",
            "-p",
            "stige-frontend",
            "--target",
            TARGET,
            "--profile",
            profile,
        ],
        &[],
    )?;
    let dir = target_dir()
        .join(TARGET)
        .join(if release { "wasm-release" } else { "debug" });
    let wasm = dir.join("stige-frontend.wasm");
    let wasm = if wasm.exists() {
        wasm
    } else {
        dir.join("stige_frontend.wasm")
    };
    let dist = root().join("frontend/dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).with_context(|| format!("clearing {}", dist.display()))?;
    }
    std::fs::create_dir_all(&dist)?;

    step("Cutting the wasm into the app shell and the modules of the pages (wasm-split)");
    let pages = split::split(&wasm, &dist)?;
    eprintln!(
        "wasm-split: the shell and {} modules loaded later",
        pages.len()
    );

    step("Generating the JavaScript bindings (wasm-bindgen)");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(dist.join(split::SHELL_INPUT))
        .out_name(split::SHELL_NAME)
        .web(true)?
        .typescript(false)
        .debug(!release)
        .keep_lld_exports(true)
        .demangle(false)
        .generate(&dist)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))?;
    std::fs::remove_file(dist.join(split::SHELL_INPUT))?;

    if release {
        step("Shrinking the wasm (binaryen's optimiser at -Oz, pinned in frontend/tools)");
        let files: Vec<PathBuf> = std::iter::once(dist.join("stige_bg.wasm"))
            .chain(pages)
            .collect();
        let size = |files: &[PathBuf]| -> u64 {
            files
                .iter()
                .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
                .sum()
        };
        let before = size(&files);
        shrink(&files)?;
        eprintln!(
            "binaryen: {} KiB -> {} KiB in {} files",
            before / 1024,
            size(&files) / 1024,
            files.len()
        );
    }

    let public = root().join("frontend/public");
    for entry in
        std::fs::read_dir(&public).with_context(|| format!("reading {}", public.display()))?
    {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), dist.join(entry.file_name()))?;
        }
    }
    step("Joining each language's texts into one file (frontend/locales)");
    join_locales(&root().join("frontend/locales"), &dist)?;
    step("Naming the files by their content and compressing them (brotli, gzip)");
    let sizes = assets::finish(&dist, release)?;
    eprintln!("Web app built in {}.\n{sizes}", dist.display());
    Ok(sizes)
}

/// Writes `<lang>.ftl` into `dist` for every language of
/// [`assets::LANGUAGES`]: the `.ftl` files of `locales/<lang>` joined in name
/// order. The web app fetches the reader's
/// language (see `frontend/src/i18n.rs`).
fn join_locales(locales: &std::path::Path, dist: &std::path::Path) -> anyhow::Result<()> {
    for lang in assets::LANGUAGES {
        let dir = locales.join(lang);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        files.retain(|f| f.extension().is_some_and(|e| e == "ftl"));
        files.sort();
        let mut text = String::new();
        for file in files {
            text.push_str(&std::fs::read_to_string(&file)?);
            text.push('\n');
        }
        std::fs::write(dist.join(format!("{lang}.ftl")), text)?;
    }
    Ok(())
}

/// binaryen from npm, at the version `frontend/tools/package.json` pins
/// (installed there with `npm ci` when missing), whose optimiser
/// `frontend/tools/shrink.mjs` runs. Never a `wasm-opt` found on PATH: other
/// versions (Debian's 108) produce a wasm that does not start.
fn ensure_binaryen() -> anyhow::Result<()> {
    let tools = root().join("frontend/tools");
    if !tools.join("node_modules/binaryen/package.json").is_file() {
        step("Installing the pinned binaryen (npm ci in frontend/tools)");
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&tools)
            .status()
            .context("running npm ci in frontend/tools (is Node.js installed?)")?;
        if !status.success() || !tools.join("node_modules/binaryen/package.json").is_file() {
            bail!("npm ci in frontend/tools did not install binaryen");
        }
    }
    Ok(())
}

/// Optimises the wasm files for size in place, in one run of
/// `frontend/tools/shrink.mjs` (binaryen's `-Oz`).
fn shrink(files: &[PathBuf]) -> anyhow::Result<()> {
    ensure_binaryen()?;
    let status = Command::new("node")
        .arg(root().join("frontend/tools/shrink.mjs"))
        .args(files)
        .status()
        .context("running node (is Node.js installed?)")?;
    if !status.success() {
        bail!("shrinking the wasm (frontend/tools/shrink.mjs) failed");
    }
    Ok(())
}

//! Builds the web app into `frontend/dist/` without trunk: cargo builds the wasm,
//! wasm-bindgen (as a library, so its version always equals the one in Cargo.lock)
//! writes the JS glue, and the static files are copied next to it.

use crate::{assets, cargo, root, step};
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

    step("Generating the JavaScript bindings (wasm-bindgen)");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name("stige")
        .web(true)?
        .typescript(false)
        .debug(!release)
        .generate(&dist)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))?;

    if release {
        let file = dist.join("stige_bg.wasm");
        let before = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        step("Shrinking the wasm (binaryen's wasm-opt -Oz, pinned in frontend/tools)");
        shrink(&file)?;
        let after = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        eprintln!("wasm-opt: {} KiB -> {} KiB", before / 1024, after / 1024);
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
    step("Naming the files by their content and compressing them (brotli, gzip)");
    let sizes = assets::finish(&dist, release)?;
    eprintln!("Web app built in {}.\n{sizes}", dist.display());
    Ok(sizes)
}

/// binaryen's wasm-opt from npm, at the version `frontend/tools/package.json`
/// pins (installed there with `npm ci` when missing). Never a `wasm-opt` found
/// on PATH: other versions (Debian's 108) produce a wasm that does not start.
fn wasm_opt() -> anyhow::Result<PathBuf> {
    let tools = root().join("frontend/tools");
    let bin = tools.join("node_modules/binaryen/bin/wasm-opt");
    if !bin.is_file() {
        step("Installing the pinned wasm-opt (npm ci in frontend/tools)");
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&tools)
            .status()
            .context("running npm ci in frontend/tools (is Node.js installed?)")?;
        if !status.success() || !bin.is_file() {
            bail!("npm ci in frontend/tools did not install binaryen's wasm-opt");
        }
    }
    Ok(bin)
}

/// Optimises the wasm for size in place.
fn shrink(file: &std::path::Path) -> anyhow::Result<()> {
    let status = Command::new("node")
        .arg(wasm_opt()?)
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            "--strip-debug",
            "--strip-producers",
            "-o",
        ])
        .arg(file)
        .arg(file)
        .status()
        .context("running node (is Node.js installed?)")?;
    if !status.success() {
        bail!("wasm-opt failed on {}", file.display());
    }
    Ok(())
}

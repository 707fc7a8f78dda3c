//! The built web app's files as served: each asset named by its content
//! (`stige_bg-<16 hex digits>.wasm`), the names rewritten where other files
//! load them, and a brotli and a gzip copy of every file beside it, so the
//! server never compresses per request (see `stige_api::web_assets`).

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

use crate::split;

/// The most the first screen's wasm and JS may weigh together as served
/// (brotli), in bytes: issue 19's budget. The other modules come later, each
/// when a page that needs it is first shown.
pub const BUDGET_BROTLI: u64 = 350_000;

/// The files of the first screen named by content, after the page modules,
/// in the order that lets each one's references be rewritten before it is
/// hashed: what loads a file comes after it. `stige.js` and the split's
/// loader import each other, so they are named together (see [`finish`]).
const FIRST: [&str; 1] = ["stige_bg.wasm"];
const PAIR: [&str; 2] = ["stige.js", split::LOADER];
/// After the texts (`<lang>.ftl` of every language).
const LAST: [&str; 2] = ["style.css", "boot.js"];

/// The languages of the web app, each with its texts in `<lang>.ftl`.
pub const LANGUAGES: [&str; 3] = ["nb", "sv", "en"];

/// Raw and brotli sizes of what is served: the first screen's wasm and JS
/// (the shell, its JS, the split's loader and `boot.js`), and the pages'
/// modules, fetched later.
#[derive(Debug, Default)]
pub struct Sizes {
    pub wasm_raw: u64,
    pub wasm_brotli: u64,
    pub js_raw: u64,
    pub js_brotli: u64,
    pub pages: u64,
    pub pages_raw: u64,
    pub pages_brotli: u64,
    /// The largest language's texts with brotli (the app fetches one).
    pub texts_brotli: u64,
}

impl Sizes {
    /// The first screen's wasm and JS with brotli.
    pub fn brotli_total(&self) -> u64 {
        self.wasm_brotli + self.js_brotli
    }

    /// Fails when the first screen's wasm and JS weigh more than
    /// [`BUDGET_BROTLI`] as served.
    pub fn check_budget(&self) -> anyhow::Result<()> {
        if self.brotli_total() > BUDGET_BROTLI {
            bail!(
                "the web app's first screen is {} kB with brotli (wasm + JS), over its budget of {} kB",
                self.brotli_total() / 1000,
                BUDGET_BROTLI / 1000
            );
        }
        eprintln!(
            "Within the budget: {} kB of {} kB (brotli, the first screen's wasm + JS).",
            self.brotli_total() / 1000,
            BUDGET_BROTLI / 1000
        );
        Ok(())
    }
}

impl std::fmt::Display for Sizes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kb = |b: u64| format!("{:.1} kB", b as f64 / 1000.0);
        write!(
            f,
            "Served sizes: first screen wasm {} raw, {} brotli; JS {} raw, {} brotli; \
             wasm + JS {} with brotli; one language's texts at most {} brotli. \
             Pages: {} modules, {} raw, {} brotli, each loaded when a page that needs it is first shown.",
            kb(self.wasm_raw),
            kb(self.wasm_brotli),
            kb(self.js_raw),
            kb(self.js_brotli),
            kb(self.brotli_total()),
            kb(self.texts_brotli),
            self.pages,
            kb(self.pages_raw),
            kb(self.pages_brotli),
        )
    }
}

/// Names the assets in `dist` by content, rewrites `index.html` (with preload
/// hints for the wasm and its JS) and writes the compressed copies. A debug
/// build (`release` false) gets fast compression, a release build the best.
pub fn finish(dist: &Path, release: bool) -> anyhow::Result<Sizes> {
    let mut renames: Vec<(String, String)> = vec![];
    let mut page_modules = vec![];
    for entry in std::fs::read_dir(dist)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".wasm") && !FIRST.contains(&name.as_str()) {
            page_modules.push(name);
        }
    }
    page_modules.sort();
    for name in page_modules.iter().map(String::as_str).chain(FIRST) {
        let bytes = read(dist, name)?;
        let hashed = content_name(name, &bytes);
        std::fs::rename(dist.join(name), dist.join(&hashed))?;
        renames.push((name.to_owned(), hashed));
    }
    // The shell's JS and the loader import each other: both are named by
    // the hash of both, after their other references are rewritten.
    let pair: Vec<String> = PAIR
        .iter()
        .map(|name| Ok(rewrite(&String::from_utf8(read(dist, name)?)?, &renames)))
        .collect::<anyhow::Result<_>>()?;
    let hash = hex_digest(pair.concat().as_bytes());
    let pair_renames: Vec<(String, String)> = PAIR
        .iter()
        .map(|name| ((*name).to_owned(), hashed_name(name, &hash)))
        .collect();
    for (name, text) in PAIR.iter().zip(&pair) {
        std::fs::write(
            dist.join(hashed_name(name, &hash)),
            rewrite(text, &pair_renames),
        )?;
        std::fs::remove_file(dist.join(name))?;
    }
    renames.extend(pair_renames);
    let texts = LANGUAGES.iter().map(|lang| format!("{lang}.ftl"));
    for name in texts.chain(LAST.iter().map(|name| (*name).to_owned())) {
        let bytes = rewrite(&String::from_utf8(read(dist, &name)?)?, &renames).into_bytes();
        let hashed = content_name(&name, &bytes);
        std::fs::write(dist.join(&hashed), &bytes)?;
        std::fs::remove_file(dist.join(&name))?;
        renames.push((name, hashed));
    }
    let index = dist.join("index.html");
    let html = rewrite(&std::fs::read_to_string(&index)?, &renames);
    let find = |name: &str| {
        renames
            .iter()
            .find(|(old, _)| old == name)
            .map(|(_, new)| new.clone())
            .unwrap_or_default()
    };
    let preload = format!(
        "  <link rel=\"modulepreload\" href=\"/{}\">\n  <link rel=\"modulepreload\" href=\"/{}\">\n  <link rel=\"preload\" href=\"/{}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n</head>",
        find("stige.js"),
        find(split::LOADER),
        find("stige_bg.wasm")
    );
    std::fs::write(&index, html.replacen("</head>", &preload, 1))?;

    let pages: Vec<String> = page_modules.iter().map(|name| find(name)).collect();
    let mut sizes = Sizes::default();
    for entry in std::fs::read_dir(dist)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if !path.is_file() || name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let br = brotli(&bytes, if release { 11 } else { 5 })?;
        let gz = gzip(&bytes, if release { 9 } else { 1 })?;
        std::fs::write(dist.join(format!("{name}.br")), &br)?;
        std::fs::write(dist.join(format!("{name}.gz")), &gz)?;
        let (raw, brotli) = (bytes.len() as u64, br.len() as u64);
        if pages.contains(&name) {
            sizes.pages += 1;
            sizes.pages_raw += raw;
            sizes.pages_brotli += brotli;
        } else if name.ends_with(".wasm") {
            sizes.wasm_raw += raw;
            sizes.wasm_brotli += brotli;
        } else if name.ends_with(".js") {
            sizes.js_raw += raw;
            sizes.js_brotli += brotli;
        } else if name.ends_with(".ftl") {
            sizes.texts_brotli = sizes.texts_brotli.max(brotli);
        }
    }
    Ok(sizes)
}

fn read(dist: &Path, name: &str) -> anyhow::Result<Vec<u8>> {
    let path = dist.join(name);
    std::fs::read(&path).with_context(|| format!("reading {}", path.display()))
}

/// The first 16 hex digits of the SHA-256 of `bytes`.
fn hex_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `stige_bg.wasm` with hash `h` is `stige_bg-h.wasm`.
fn hashed_name(name: &str, hash: &str) -> String {
    match name.split_once('.') {
        Some((stem, ext)) => format!("{stem}-{hash}.{ext}"),
        None => format!("{name}-{hash}"),
    }
}

/// `stige_bg.wasm` with these bytes is `stige_bg-<first 16 hex digits of SHA-256>.wasm`.
fn content_name(name: &str, bytes: &[u8]) -> String {
    hashed_name(name, &hex_digest(bytes))
}

/// Replaces each reference to `old` (`"/old"`, `"./old"`, or the same in
/// single quotes) with the same reference to `new`; not where the quoted name
/// is an object's key (`"./split.js": import1`), which names a wasm import
/// module, not a file.
fn rewrite(text: &str, renames: &[(String, String)]) -> String {
    renames.iter().fold(text.to_owned(), |text, (old, new)| {
        ["\"/", "\"./", "'/", "'./"]
            .iter()
            .fold(text, |text, open| {
                let close = &open[..1];
                let from = format!("{open}{old}{close}");
                let to = format!("{open}{new}{close}");
                let mut out = String::with_capacity(text.len());
                let mut rest = text.as_str();
                while let Some(at) = rest.find(&from) {
                    let after = &rest[at + from.len()..];
                    out.push_str(&rest[..at]);
                    out.push_str(if after.starts_with(':') { &from } else { &to });
                    rest = after;
                }
                out.push_str(rest);
                out
            })
    })
}

fn brotli(bytes: &[u8], quality: i32) -> anyhow::Result<Vec<u8>> {
    let mut out = vec![];
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

fn gzip(bytes: &[u8], level: u32) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(vec![], flate2::Compression::new(level));
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_content_hash_and_references_follow_them() {
        let name = content_name("stige.js", b"export default 1;");
        assert!(name.starts_with("stige-") && name.ends_with(".js"));
        assert_eq!(name.len(), "stige-".len() + 16 + ".js".len());
        assert_ne!(name, content_name("stige.js", b"export default 2;"));
        let renames = vec![("stige.js".to_owned(), name.clone())];
        assert_eq!(
            rewrite(r#"import init from "/stige.js";"#, &renames),
            format!(r#"import init from "/{name}";"#)
        );
        let renames = vec![(
            "split.js".to_owned(),
            "split-0123456789abcdef.js".to_owned(),
        )];
        assert_eq!(
            rewrite(
                r#"import * as import1 from "./split.js"; const i = { "./split.js": import1 };"#,
                &renames
            ),
            r#"import * as import1 from "./split-0123456789abcdef.js"; const i = { "./split.js": import1 };"#
        );
    }

    #[test]
    fn compressed_copies_hold_the_same_bytes() {
        use std::io::Read;
        let text = "Stige ".repeat(1000);
        let br = brotli(text.as_bytes(), 11).unwrap();
        let mut back = vec![];
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        let gz = gzip(text.as_bytes(), 9).unwrap();
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }
}

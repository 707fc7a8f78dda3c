// Loads the web app. Kept out of index.html so the CSP needs no inline script.
import init from "/stige.js";
init({ module_or_path: "/stige_bg.wasm" });

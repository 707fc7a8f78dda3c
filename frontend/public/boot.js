// Loads the web app. Kept out of index.html so the CSP needs no inline script.
import init from "/stige.js";

// The app stops for good when a part of it cannot load: the module of an area
// of pages, fetched on that area's first visit, when the network dropped or a
// newer build replaced the files. It stops with a wasm trap. Then the page is
// loaded again (at most once in 30 seconds), and comes back with the build the
// server has now.
const stopped = (reason) => {
  if (!(reason instanceof WebAssembly.RuntimeError)) return;
  const last = Number(sessionStorage.getItem("stige.restarted") ?? 0);
  if (Date.now() - last < 30_000) return;
  sessionStorage.setItem("stige.restarted", String(Date.now()));
  location.reload();
};
addEventListener("unhandledrejection", (event) => stopped(event.reason));
addEventListener("error", (event) => stopped(event.error));

init({ module_or_path: "/stige_bg.wasm" });

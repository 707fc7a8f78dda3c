// Shrinks wasm files in place, as `wasm-opt -Oz --strip-debug --strip-producers`
// with the features below enabled does, with the binaryen this folder pins
// (npm's `binaryen`), in one process for
// all of them: `cargo xtask build-web` runs it on the app shell and on every page
// module of the split, and one process saves a start of Node and binaryen per file.
// Usage: node shrink.mjs FILE.wasm...
import binaryen from "binaryen";
import { readFile, writeFile } from "node:fs/promises";

const F = binaryen.Features;
// The features rustc's wasm32-unknown-unknown target emits.
const features = F.BulkMemory | F.BulkMemoryOpt | F.NontrappingFPToInt | F.SignExt
  | F.MutableGlobals | F.ReferenceTypes | F.Multivalue | F.CallIndirectOverlong;
binaryen.setOptimizeLevel(2);
binaryen.setShrinkLevel(2);
binaryen.setDebugInfo(false);

for (const file of process.argv.slice(2)) {
  const module = binaryen.readBinary(await readFile(file));
  module.setFeatures(features);
  module.optimize();
  module.runPasses(["strip-debug", "strip-producers"]);
  await writeFile(file, module.emitBinary());
  module.dispose();
}

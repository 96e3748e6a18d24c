#!/usr/bin/env node
/**
 * postinstall, after `patch-package` has applied patches/: rebuilds the native packages whose C++
 * sources a patch changes, because npm built (or downloaded) their binary before the patch.
 *
 * Today that is isolated-vm 5.0.4 with our backport of GHSA-864f-rcv7-6rh4 (critical: a getter in
 * `transferList` made ExternalCopy transfer a value that is not an ArrayBuffer; fixed upstream in
 * 6.2.0, which needs Node 22). See SECURITY.md, "Dependencies".
 *
 * The rebuilt package gets a marker, `BASTION_PATCH` in its folder, holding the patch's SHA-256: a second
 * install with the same patch skips the build (about 35 s on 2 cores), and the worker refuses to
 * run student code on a binary without the marker (worker/sandbox/native-patch.ts).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const patchesDir = join(root, "patches");

/** node-gyp: the one npm gives its scripts, else the one bundled with npm. */
function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) {
    return process.env.npm_config_node_gyp;
  }
  const npmRoot = spawnSync("npm", ["root", "-g"], { encoding: "utf8" }).stdout.trim();
  const bundled = join(npmRoot, "npm", "node_modules", "node-gyp", "bin", "node-gyp.js");
  if (existsSync(bundled)) return bundled;
  throw new Error("node-gyp not found (npm_config_node_gyp is unset and npm's own copy is missing)");
}

function rebuild(pkgDir, marker, hash) {
  const gyp = nodeGyp();
  const started = Date.now();
  console.log(`rebuild-patched: building ${pkgDir} from its patched sources...`);
  for (const args of [["rebuild", "--release", "-j", "max"], ["clean"]]) {
    const r = spawnSync(process.execPath, [gyp, ...args], { cwd: pkgDir, encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.status !== 0) {
      process.stderr.write(`${r.stdout}\n${r.stderr}\n`);
      throw new Error(`node-gyp ${args[0]} failed in ${pkgDir} (exit ${r.status ?? r.signal})`);
    }
  }
  writeFileSync(marker, `${hash}\n`);
  console.log(`rebuild-patched: ${pkgDir} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const patches = existsSync(patchesDir) ? readdirSync(patchesDir).filter((f) => f.endsWith(".patch")) : [];
for (const file of patches) {
  const text = readFileSync(join(patchesDir, file), "utf8");
  // Only patches of C++ sources need a build.
  if (!/^\+\+\+ b\/node_modules\/[^\n]+\.(cc|h|cpp|gyp)$/m.test(text)) continue;
  const name = file.replace(/\+[^+]+\.patch$/, "").replace(/\+/g, "/");
  const pkgDir = join(root, "node_modules", name);
  if (!existsSync(pkgDir)) continue;
  const hash = createHash("sha256").update(text).digest("hex");
  const marker = join(pkgDir, "BASTION_PATCH");
  if (existsSync(marker) && readFileSync(marker, "utf8").trim() === hash) continue;
  rebuild(pkgDir, marker, hash);
}

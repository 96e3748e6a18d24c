/**
 * The worker runs student code only on an isolated-vm built from our patched sources
 * (patches/isolated-vm+<version>.patch: the GHSA-864f-rcv7-6rh4 backport; see SECURITY.md,
 * "Dependencies"). `npm install` applies the patch and rebuilds the binary, and leaves
 * node_modules/isolated-vm/BASTION_PATCH holding the patch's SHA-256 (scripts/rebuild-patched.mjs).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Null when isolated-vm carries every patch of patches/ for it, else what is wrong and what to run. */
export function isolatedVmPatchProblem(repoRoot: string): string | null {
  const dir = join(repoRoot, "patches");
  const patches = existsSync(dir) ? readdirSync(dir).filter((f) => /^isolated-vm\+[^+]+\.patch$/.test(f)) : [];
  for (const file of patches) {
    const hash = createHash("sha256")
      .update(readFileSync(join(dir, file), "utf8"))
      .digest("hex");
    const marker = join(repoRoot, "node_modules", "isolated-vm", "BASTION_PATCH");
    const built = existsSync(marker) ? readFileSync(marker, "utf8").trim() : null;
    if (built !== hash) {
      return (
        `isolated-vm was not rebuilt with patches/${file} (${built ? "an older patch" : "no patch"}): ` +
        `run \`npm ci\` (its postinstall applies the patch and rebuilds isolated-vm); ` +
        `student code does not run on an unpatched build`
      );
    }
  }
  return null;
}

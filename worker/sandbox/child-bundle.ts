/**
 * The sandbox child as one plain JavaScript file, so the child runs without tsx. tsx compiles
 * TypeScript through an esbuild service process, and the child may not start processes (its
 * seccomp filter refuses fork; see seccomp.ts); plain JavaScript also starts faster.
 *
 * The bundle is made once per worker process from child-main.ts and written, named by a hash of its
 * content, to node_modules/.cache/bastion-sandbox/: inside node_modules, which the child already
 * sees read-only, so `require("isolated-vm")` resolves as usual and no other bind is needed. The
 * bundle must contain only this folder's code (core/ is imported for types only): a build that
 * pulls in anything else fails here rather than widening what the child can read. It also fails
 * when isolated-vm lacks our security patch (./native-patch.ts): no child, no student code.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { isolatedVmPatchProblem } from "./native-patch";
import { REPO_ROOT, SANDBOX_DIR } from "./spawn";

export const BUNDLE_DIR = join(REPO_ROOT, "node_modules", ".cache", "bastion-sandbox");

let bundle: Promise<string> | null = null;

/** The path of the child's bundle (made on first use in this process). */
export function childBundle(): Promise<string> {
  bundle ??= makeBundle().catch((e: unknown) => {
    bundle = null; // a later start tries again
    throw e;
  });
  return bundle;
}

async function makeBundle(): Promise<string> {
  const unpatched = isolatedVmPatchProblem(REPO_ROOT);
  if (unpatched) throw new Error(unpatched);
  const out = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [join(SANDBOX_DIR, "child-main.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["isolated-vm"],
    write: false,
    metafile: true,
    logLevel: "silent",
    legalComments: "none",
  });
  const outside = Object.keys(out.metafile.inputs).filter((p) => {
    const rel = relative(SANDBOX_DIR, resolve(REPO_ROOT, p));
    return rel.startsWith("..") || rel.startsWith("/");
  });
  if (outside.length > 0) {
    throw new Error(`the sandbox child must import only worker/sandbox/ at run time, not ${outside.join(", ")}`);
  }
  const code = out.outputFiles[0].text;
  const file = join(BUNDLE_DIR, `child-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.cjs`);
  if (!existsSync(file)) {
    mkdirSync(BUNDLE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code, { mode: 0o644 });
    renameSync(tmp, file); // atomic: a concurrent worker never runs half a file
  }
  return file;
}

/**
 * Our backport of GHSA-864f-rcv7-6rh4 to isolated-vm 5.0.4 (patches/isolated-vm+5.0.4.patch, built
 * by scripts/rebuild-patched.mjs at install). The advisory: ExternalCopy read `transferList` twice,
 * checking the elements on the first read and casting them to ArrayBuffer on the second, so a getter
 * could hand the transfer any object. Unpatched, the probe below ends node with a segmentation fault
 * (seen on this machine); patched, the list is read once and only checked buffers are transferred.
 * The probe runs in a child process so an unpatched build fails this test instead of ending vitest.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isolatedVmPatchProblem } from "../../../worker/sandbox/native-patch";
import { REPO_ROOT } from "../../../worker/sandbox/spawn";

function runProbe(code: string): { status: number | null; signal: string | null; out: unknown } {
  const r = spawnSync(process.execPath, ["--no-node-snapshot", "-e", code], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 20_000,
  });
  let out: unknown = r.stdout;
  try {
    out = JSON.parse(r.stdout);
  } catch {
    // left as text: the assertion shows it
  }
  return { status: r.status, signal: r.signal, out };
}

describe("isolated-vm carries the GHSA-864f-rcv7-6rh4 backport", () => {
  test("a transferList whose element changes between reads is read once: the checked buffer is transferred", () => {
    const r = runProbe(`
      const ivm = require("isolated-vm");
      let reads = 0;
      const buffer = new ArrayBuffer(8);
      const list = [];
      Object.defineProperty(list, 0, { get() { reads++; return reads === 1 ? buffer : new Uint8Array(16); } });
      const copy = new ivm.ExternalCopy({ a: 1 }, { transferList: list });
      console.log(JSON.stringify({ reads, detached: buffer.byteLength === 0, copy: copy.copy() }));`);
    expect(r).toEqual({ status: 0, signal: null, out: { reads: 1, detached: true, copy: { a: 1 } } });
  });

  test("an element that is not an ArrayBuffer is still refused with a TypeError", () => {
    const r = runProbe(`
      const ivm = require("isolated-vm");
      try { new ivm.ExternalCopy({ a: 1 }, { transferList: [new Uint8Array(4)] }); console.log('"accepted"'); }
      catch (e) { console.log(JSON.stringify([e.constructor.name, e.message])); }`);
    expect(r.out).toEqual(["TypeError", "Non-ArrayBuffer passed in `transferList`"]);
  });

  test("the installed build carries the current patch (the worker checks this before it starts a child)", () => {
    expect(isolatedVmPatchProblem(REPO_ROOT)).toBeNull();
  });

  test("a build without the patch, or with an older one, is reported with what to run", () => {
    const root = mkdtempSync(join(tmpdir(), "ivm-patch-"));
    try {
      mkdirSync(join(root, "patches"));
      mkdirSync(join(root, "node_modules", "isolated-vm"), { recursive: true });
      writeFileSync(join(root, "patches", "isolated-vm+5.0.4.patch"), "diff --git a/x b/x\n");
      expect(isolatedVmPatchProblem(root)).toMatch(
        /not rebuilt with patches\/isolated-vm\+5\.0\.4\.patch \(no patch\).*npm ci/,
      );
      writeFileSync(join(root, "node_modules", "isolated-vm", "BASTION_PATCH"), "0".repeat(64));
      expect(isolatedVmPatchProblem(root)).toMatch(/\(an older patch\)/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

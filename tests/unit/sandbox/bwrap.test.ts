/**
 * Process containment of the sandbox child (issue #9): the child is started through the same
 * helper (`spawnSandboxChild`) as the real one, under bubblewrap. These tests need bubblewrap
 * (Debian package `bubblewrap`; CI installs it) and fail without it: they never skip.
 * Each containment check has a control run without bubblewrap that shows the probe does detect
 * the access it looks for.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildEvent } from "../../../core/index";
import { SandboxProcess, spawnSandboxChild, type BwrapMode } from "../../../worker/sandbox/index";
import { BUNDLE_DIR } from "../../../worker/sandbox/child-bundle";
import { REPO_ROOT, SANDBOX_DIR } from "../../../worker/sandbox/spawn";

/** Runs `node -e code` as a sandbox child and returns what it printed as JSON. */
async function probe(code: string, mode: BwrapMode): Promise<{ containment: string; out: unknown }> {
  const { child, containment } = await spawnSandboxChild(["-e", code], {
    mode,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  const exit = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (exit !== 0) throw new Error(`probe exited ${exit}: ${err}`);
  return { containment, out: JSON.parse(out) };
}

let server: Server;
let port = 0;
let connections = 0;
let secretDir = "";
const SECRET = "bwrap-secret-" + Math.random().toString(36).slice(2);

beforeAll(async () => {
  server = createServer((s) => {
    connections++;
    s.end("hello-from-host");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
  // A file of the host's /tmp (the child gets its own empty /tmp).
  secretDir = mkdtempSync(join(tmpdir(), "sandbox-test-"));
  writeFileSync(join(secretDir, "secret.txt"), SECRET);
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(secretDir, { recursive: true, force: true });
});

const connectProbe = (): string => `
  const net = require("node:net");
  const s = net.connect(${port}, "127.0.0.1");
  let data = "";
  s.on("data", (d) => (data += d));
  s.on("end", () => console.log(JSON.stringify({ connected: true, data })));
  s.on("error", (e) => console.log(JSON.stringify({ connected: false, code: e.code })));`;

describe("the sandbox child under bubblewrap", () => {
  test("bubblewrap is used on this machine (required mode starts)", async () => {
    const r = await probe(`console.log(JSON.stringify(process.getuid()))`, "required");
    expect(r.containment).toBe("bwrap");
    expect(r.out).toBe(65534);
  });

  test("cannot open a TCP connection to a server on the host's 127.0.0.1", async () => {
    const before = connections;
    const r = await probe(connectProbe(), "required");
    expect(r.out).toEqual({ connected: false, code: "ECONNREFUSED" });
    expect(connections).toBe(before);
    // Control: the same probe without bubblewrap reaches the server.
    const plain = await probe(connectProbe(), "off");
    expect(plain).toEqual({ containment: "none", out: { connected: true, data: "hello-from-host" } });
    expect(connections).toBe(before + 1);
  });

  test("cannot read files outside its binds", async () => {
    const files = `
      const fs = require("node:fs");
      const read = (p) => { try { return fs.readFileSync(p, "utf8"); } catch (e) { return e.code; } };
      console.log(JSON.stringify({
        secret: read(${JSON.stringify(join(secretDir, "secret.txt"))}),
        // The repo outside worker/sandbox (where .env and .data live): README.md is always there.
        readme: read(${JSON.stringify(join(REPO_ROOT, "README.md"))}),
        passwd: read("/etc/passwd"),
        repoFiles: fs.readdirSync(${JSON.stringify(REPO_ROOT)}).sort(),
        // Not even the sandbox's own source: the child runs a bundle inside node_modules.
        sandboxCode: read(${JSON.stringify(join(SANDBOX_DIR, "child-main.ts"))}),
      }));`;
    const r = await probe(files, "required");
    expect(r.out).toEqual({
      secret: "ENOENT",
      readme: "ENOENT",
      passwd: "ENOENT",
      repoFiles: ["node_modules"],
      sandboxCode: "ENOENT",
    });
    // Control: without bubblewrap the same probe reads both (so the check above can fail).
    const plain = (await probe(files, "off")).out as { secret: string; readme: string };
    expect(plain.secret).toBe(SECRET);
    expect(plain.readme).toContain("Bastion");
  });

  test("its binds are read-only; only its own /tmp is writable", async () => {
    // The bundle's own folder inside node_modules, the one bind the child's code comes from.
    mkdirSync(BUNDLE_DIR, { recursive: true });
    const target = join(BUNDLE_DIR, `written-by-test-${process.pid}.txt`);
    const r = await probe(
      `const fs = require("node:fs");
       const write = (p) => { try { fs.writeFileSync(p, "x"); return "written"; } catch (e) { return e.code; } };
       console.log(JSON.stringify({ code: write(${JSON.stringify(target)}), tmp: write("/tmp/x") }));`,
      "required",
    );
    try {
      expect(r.out).toEqual({ code: "EROFS", tmp: "written" });
      expect(existsSync(target)).toBe(false);
    } finally {
      rmSync(target, { force: true });
    }
  });

  test("the child's environment has nothing of the parent's", async () => {
    process.env.BASTION_TEST_SECRET_BWRAP = SECRET;
    const envOf = async (env?: NodeJS.ProcessEnv): Promise<string> => {
      const { child } = await spawnSandboxChild(["-e", "console.log(JSON.stringify(process.env))"], {
        mode: "required",
        stdio: ["ignore", "pipe", "pipe"],
        env,
      });
      let out = "";
      child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
      await new Promise((resolve) => child.on("close", resolve));
      return out;
    };
    try {
      const out = await envOf();
      expect(out).not.toContain(SECRET);
      expect(Object.keys(JSON.parse(out) as object).sort()).toEqual(["NODE_OPTIONS", "PATH", "PWD"]);
      // Control: handed the parent's environment, the probe sees the secret.
      expect(await envOf(process.env)).toContain(SECRET);
    } finally {
      delete process.env.BASTION_TEST_SECRET_BWRAP;
    }
  });

  test("runs under the seccomp filter: no new processes or namespaces, threads still work", async () => {
    const code = `
      const fs = require("node:fs");
      const cp = require("node:child_process");
      const { Worker } = require("node:worker_threads");
      const spawned = cp.spawnSync("/usr/bin/true");
      const w = new Worker("require('node:worker_threads').parentPort.postMessage(6 * 7)", { eval: true });
      w.on("message", (answer) => {
        console.log(JSON.stringify({
          mode: /Seccomp:\\s*(\\d)/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1],
          spawn: spawned.error ? spawned.error.code : spawned.status,
          thread: answer,
        }));
        process.exit(0);
      });`;
    const r = await probe(code, "required");
    // Mode 2 = a filter is loaded; spawning a process is refused; a worker thread (clone with
    // CLONE_THREAD) still starts.
    expect(r).toEqual({ containment: "bwrap", out: { mode: "2", spawn: "EPERM", thread: 42 } });
    // Control: without bubblewrap (and so without the filter) the same code starts the process.
    expect(await probe(code, "off")).toEqual({
      containment: "none",
      out: expect.objectContaining({ spawn: 0, thread: 42 }) as unknown,
    });
  });

  test("the real sandbox child runs under bubblewrap and grades", async () => {
    const host = new SandboxProcess({ bwrap: "required" });
    try {
      const [r] = await host.run(`exports.handler = async (e) => { e.response.autoConfirmUser = true; return e; };`, [
        { event: buildEvent({ triggerSource: "PreSignUp_SignUp" }) },
      ]);
      expect(host.containment).toBe("bwrap");
      expect(host.seccomp).toBe(true);
      expect(r.ok && (r.event as { response: { autoConfirmUser: boolean } }).response.autoConfirmUser).toBe(true);
    } finally {
      host.close();
    }
  });
});

describe("fallback when bubblewrap is unusable", () => {
  test("auto: a plain child and a warning", async () => {
    const warnings: string[] = [];
    const { child, containment } = await spawnSandboxChild(["-e", "0"], {
      mode: "auto",
      bwrapPath: "/nonexistent/bwrap",
      stdio: "ignore",
      warn: (m) => warnings.push(m),
    });
    await new Promise((resolve) => child.on("close", resolve));
    expect(containment).toBe("none");
    expect(warnings).toEqual([expect.stringContaining("WITHOUT bubblewrap")]);
  });

  test("required: starting fails", async () => {
    await expect(
      spawnSandboxChild(["-e", "0"], { mode: "required", bwrapPath: "/nonexistent/bwrap", stdio: "ignore" }),
    ).rejects.toThrow(/SANDBOX_BWRAP=required/);
  });

  test("off: never uses bubblewrap", async () => {
    const { child, containment } = await spawnSandboxChild(["-e", "0"], { mode: "off", stdio: "ignore" });
    await new Promise((resolve) => child.on("close", resolve));
    expect(containment).toBe("none");
  });
});

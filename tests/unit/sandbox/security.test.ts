import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildEvent } from "../../../core/index";
import { runTrigger, SandboxProcess, TriggerRunner } from "../../../worker/sandbox/index";

const event = buildEvent({ triggerSource: "PreSignUp_SignUp" });
const SECRET = "s3cr3t-" + Math.random().toString(36).slice(2);
const LIMIT = 400;

/** Runs a handler and returns the result; the handler may return diagnostics in event.response.probe. */
async function run(code: string, timeoutMs = LIMIT) {
  return runTrigger({ code, event, timeoutMs });
}
async function probe(code: string): Promise<unknown> {
  const r = await run(`exports.handler = async (event) => { event.response.probe = (${code}); return event; };`);
  if (!r.ok) throw new Error(`probe failed: ${r.error.kind} ${r.error.message}`);
  return (r.event as { response: { probe: unknown } }).response.probe;
}

beforeAll(() => {
  process.env.BASTION_TEST_SECRET = SECRET;
});
afterAll(() => {
  delete process.env.BASTION_TEST_SECRET;
});

describe("no host capabilities", () => {
  test("process, Buffer, global require, setTimeout, fetch are undefined", async () => {
    expect(
      await probe(
        `[typeof process, typeof Buffer, typeof globalThis.require, typeof setTimeout, typeof fetch, typeof module]`,
      ),
    ).toEqual(["undefined", "undefined", "undefined", "undefined", "undefined", "object"]);
  });
  test("require of a node module fails: only the fake SDK resolves", async () => {
    for (const m of ["fs", "child_process", "node:fs", "process", "isolated-vm"]) {
      const r = await run(`exports.handler = async () => require(${JSON.stringify(m)});`);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe("runtime");
        expect(r.error.message).toContain(`Cannot find module '${m}'`);
      }
    }
  });
  test("import() is rejected", async () => {
    const r = await run(`exports.handler = async () => { await import("fs"); return "escaped"; };`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("runtime");
  });
  test("Function-constructor escapes reach only the isolate", async () => {
    expect(
      await probe(`[
        globalThis.constructor.constructor("return typeof process")(),
        (async () => {}).constructor("return typeof process")() instanceof Promise,
        console.log.constructor("return [typeof process, typeof require, typeof Buffer].join()")(),
        Object.getOwnPropertyNames(Function("return this")()).filter(n => /^__|process|require/.test(n)),
      ]`),
    ).toEqual(["undefined", true, "undefined,undefined,undefined", []]);
  });
  test("Error.prepareStackTrace shows no host frames", async () => {
    const frames = (await probe(`(() => {
      Error.prepareStackTrace = (e, cs) => cs.map(c => [String(c.getFileName()), String(c.getThis && typeof c.getThis()), String(c.getFunction && typeof c.getFunction())].join("|"));
      const s = new Error("x").stack;
      let viaConsole;
      try { console.log.call(null, { get x() { throw new Error("y"); } }); } catch (e) { viaConsole = e.stack; }
      Error.prepareStackTrace = undefined;
      return JSON.stringify([s, viaConsole]);
    })()`)) as string;
    expect(frames).not.toMatch(/node:|\/work\/|node_modules|isolated-vm|\.ts\b/);
    expect(frames).toMatch(/index\.js/);
  });
  test("no isolated-vm object is reachable from the guest (the precondition of GHSA-864f-rcv7-6rh4)", async () => {
    // Walks everything reachable by property access from the guest's global object, the module
    // objects and the SDK client (own properties, accessors, prototypes): none may be an isolated-vm
    // object (Reference, ExternalCopy, Isolate, Context, Script, Module, ...), and none of the
    // functions may be a host function other than the Callback-made ones, which are plain functions.
    const found = (await probe(`(() => {
      const ivmNames = /^(Reference|ExternalCopy|Isolate|Context|Script|Module|NativeModule|Callback|Dereference|IsolateJail|ContextHandle|ReferenceHandle)$/;
      const seen = new Set();
      const queue = [globalThis, module, exports, require("@aws-sdk/client-cognito-identity-provider")];
      const hits = [];
      let objects = 0;
      while (queue.length && objects < 50000) {
        const o = queue.shift();
        if ((typeof o !== "object" && typeof o !== "function") || o === null || seen.has(o)) continue;
        seen.add(o);
        objects++;
        const tag = Object.prototype.toString.call(o);
        const ctor = (() => { try { return o.constructor && o.constructor.name; } catch { return ""; } })();
        const builtIn = o === globalThis || o.constructor === WebAssembly.Module; // a V8 built-in named Module
        if (/isolated|ivm/i.test(tag) || (typeof ctor === "string" && ivmNames.test(ctor) && !builtIn)) hits.push(tag + " " + ctor);
        queue.push(Object.getPrototypeOf(o));
        for (const key of Reflect.ownKeys(o)) {
          const d = Object.getOwnPropertyDescriptor(o, key);
          if (!d) continue;
          for (const v of [d.value, d.get, d.set]) if (v !== undefined) queue.push(v);
        }
      }
      return { hits, objects, walkedAll: queue.length === 0 };
    })()`)) as { hits: string[]; objects: number; walkedAll: boolean };
    expect(found.hits).toEqual([]);
    expect(found.walkedAll).toBe(true);
    expect(found.objects).toBeGreaterThan(500); // the walk did reach the built-ins and the SDK
  });
  test("prototype pollution stays inside the isolate and the case", async () => {
    const runner = new TriggerRunner({
      code: `exports.handler = async (event) => { const before = ({}).polluted; Object.prototype.polluted = "yes"; Array.prototype.push = null; event.response.before = before === undefined ? null : before; return event; };`,
      timeoutMs: LIMIT,
    });
    const first = await runner.run(event);
    const second = await runner.run(event);
    runner.dispose();
    expect(first.ok && second.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect([].push).toBeTypeOf("function");
    expect((second as { event: { response: { before: unknown } } }).event.response.before).toBeNull();
  });
  test("a host environment secret never appears in any output", async () => {
    const attempts = `
      const out = [];
      for (const f of [
        () => process.env.BASTION_TEST_SECRET,
        () => globalThis.constructor.constructor("return process")().env.BASTION_TEST_SECRET,
        () => console.log.constructor("return process.env")().BASTION_TEST_SECRET,
        () => require("process").env.BASTION_TEST_SECRET,
        () => JSON.stringify(Object.getOwnPropertyNames(globalThis)),
        () => new Error().stack,
      ]) { try { out.push(String(f())); } catch (e) { out.push(String(e && e.message)); } }
      console.log(out.join("\\n"));
      event.response.out = out;
      throw new Error(out.join(" | "));`;
    const r = await run(`exports.handler = async (event) => { ${attempts} };`);
    const text = JSON.stringify(r);
    expect(text).not.toContain(SECRET);
    expect(text).toContain("process is not defined");
  });
});

describe("CPU and wall-clock limits", () => {
  const loops: Record<string, string> = {
    "sync loop in handler": `exports.handler = async () => { for (;;) {} };`,
    "loop at top level": `for (;;) {}\nexports.handler = async (e) => e;`,
    "loop after await": `exports.handler = async () => { await null; for (;;) {} };`,
    "loop in a promise chain": `exports.handler = () => Promise.resolve().then(() => { for (;;) {} });`,
    "loop in a getter of the returned object": `exports.handler = async (event) => ({ ...event, get response() { for (;;) {} } });`,
    "loop after an awaited fake SDK call": `const { CognitoIdentityProviderClient, AdminGetUserCommand } = require("@aws-sdk/client-cognito-identity-provider");
      exports.handler = async (event) => { await new CognitoIdentityProviderClient({}).send(new AdminGetUserCommand({ UserPoolId: event.userPoolId, Username: event.userName })); for (;;) {} };`,
    "loop in a callback-style handler": `exports.handler = (event, context, callback) => { for (;;) {} };`,
  };
  test.each(Object.entries(loops))("%s ends as timeout within the limit", async (_name, code) => {
    const t0 = performance.now();
    const r = await run(code);
    const elapsed = performance.now() - t0;
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("timeout");
      expect(r.error.message).toBe(`the handler did not finish within ${LIMIT} ms`);
    }
    expect(elapsed).toBeLessThan(LIMIT + 300);
  });
  test("a promise that never settles ends at the wall clock", async () => {
    const t0 = performance.now();
    const r = await run(`exports.handler = () => new Promise(() => {});`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("timeout");
    expect(performance.now() - t0).toBeGreaterThanOrEqual(LIMIT - 5);
    expect(performance.now() - t0).toBeLessThan(LIMIT + 300);
    expect(r.cpuMs).toBeLessThan(LIMIT / 2);
  });
  test("a loop after an SDK call ends at the wall clock and reports the CPU it used", async () => {
    // Code after a host-async call runs outside isolated-vm's own timeout: the wall clock disposes
    // the isolate, whose CPU time is read just before (it was reported as 0).
    const r = await run(`exports.handler = (event, context, callback) => {
      const { CognitoIdentityProviderClient, ListUsersCommand } = require("@aws-sdk/client-cognito-identity-provider");
      new CognitoIdentityProviderClient({}).send(new ListUsersCommand({ UserPoolId: "pool" })).then(() => { for (;;) {} });
    };`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("timeout");
    expect(r.cpuMs).toBeGreaterThan(LIMIT / 2);
    expect(r.cpuMs).toBeLessThanOrEqual(r.wallMs + 1);
  });
});

describe("memory limits", () => {
  // Memory bombs run through the child-process host: V8 may treat an isolate's OOM as fatal to the
  // whole process (seen with the string bomb), so only the child may die. Each bomb must end as
  // `memory` and the SAME host must then grade the next submission normally.
  const host = new SandboxProcess();
  afterAll(() => host.close());
  const good = `exports.handler = async (e) => { e.response.autoConfirmUser = true; return e; };`;
  const bombs: Record<string, string> = {
    heap: `exports.handler = async () => { const a = []; for (;;) a.push(new Array(131072).fill(1)); };`,
    "1 GB ArrayBuffer": `exports.handler = async () => { const b = new ArrayBuffer(1024 ** 3); return b.byteLength; };`,
    "string doubling": `exports.handler = async () => { let s = "x"; for (;;) { s = s + s; s.split(""); } };`,
    "endless microtasks": `exports.handler = async () => { const f = () => Promise.resolve().then(f); f(); await new Promise(() => {}); };`,
  };
  test.each(Object.entries(bombs))("%s ends as memory and the next submission grades normally", async (_name, code) => {
    const [r] = await host.run(code, [{ event }], { timeoutMs: 4000 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("memory");
      expect(r.error.message).toMatch(/memory/);
    }
    const [next] = await host.run(good, [{ event }], { timeoutMs: LIMIT });
    expect(next.ok).toBe(true);
  });
  test("in process: heap and ArrayBuffer bombs are classified as memory", async () => {
    const heap = await runTrigger({ code: bombs.heap, event, timeoutMs: 3000 });
    expect(heap.ok === false && heap.error.kind).toBe("memory");
    expect(heap.ok === false && heap.error.message).toBe("the handler used more than the 64 MB memory limit");
    const ab = await runTrigger({ code: bombs["1 GB ArrayBuffer"], event, timeoutMs: 3000 });
    expect(ab.ok === false && ab.error.message).toBe("the handler ran out of memory (Array buffer allocation failed)");
    expect((await runTrigger({ code: good, event, timeoutMs: LIMIT })).ok).toBe(true);
  });
  test("a case that kills the child does not stop the next case of the same submission", async () => {
    const code = `exports.handler = async (e) => { if (e.request.clientMetadata.bomb) { let s = "x"; for (;;) { s = s + s; s.split(""); } } return e; };`;
    const bomb = buildEvent({ triggerSource: "PreSignUp_SignUp", request: { clientMetadata: { bomb: "1" } } });
    const results = await host.run(code, [{ event }, { event: bomb }, { event }], { timeoutMs: 4000 });
    expect(results.map((r) => (r.ok ? "ok" : r.error.kind))).toEqual(["ok", "memory", "ok"]);
  });
});

describe("output caps and invalid output", () => {
  test("100 MB of console output is capped", async () => {
    const r = await run(
      `exports.handler = async (e) => { const line = "x".repeat(1024 * 1024); for (let i = 0; i < 100; i++) console.log(line); return e; };`,
      3000,
    );
    expect(r.ok).toBe(true);
    const bytes = r.logs.reduce((n, l) => n + l.message.length, 0);
    expect(bytes).toBeLessThanOrEqual(64 * 1024 + 200);
    expect(r.logs[r.logs.length - 1]).toEqual({
      level: "system",
      message: expect.stringContaining("console output truncated"),
    });
  });
  test("many short lines are capped by count", async () => {
    const r = await run(
      `exports.handler = async (e) => { for (let i = 0; i < 100000; i++) console.log(i); return e; };`,
      3000,
    );
    expect(r.ok).toBe(true);
    expect(r.logs.length).toBe(201);
  });
  test.each([
    ["function", `exports.handler = async () => () => 1;`, /returned a function/],
    ["symbol", `exports.handler = async () => Symbol("x");`, /returned a symbol/],
    ["cycle", `exports.handler = async (e) => { e.response.self = e; return e; };`, /cycle/],
    [
      "nested function",
      `exports.handler = async (e) => { e.response.f = () => 1; return e; };`,
      /contains a function at key `f`/,
    ],
    ["BigInt", `exports.handler = async (e) => { e.response.n = 1n; return e; };`, /BigInt/],
    [
      "too large",
      `exports.handler = async (e) => { e.response.big = "x".repeat(1024 * 1024); return e; };`,
      /KiB; the limit is 256 KiB/,
    ],
  ])("returned %s -> invalid-output", async (_n, code, message) => {
    const r = await run(code);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("invalid-output");
      expect(r.error.message).toMatch(message);
    }
  });
});

describe("process-fatal V8 features are not available", () => {
  // Atomics.waitAsync with a timeout aborts the whole process in isolated-vm 5.0.4 on Node 20
  // (measured: "terminate called without an active exception", exit 134).
  test("Atomics.waitAsync is removed, so the child survives and grades on", async () => {
    const host = new SandboxProcess();
    try {
      const code = `exports.handler = async (e) => {
        e.response.probe = typeof Atomics.waitAsync;
        try { Atomics.waitAsync(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); } catch (x) { e.response.error = x.name; }
        return e;
      };`;
      const [first, second] = await host.run(code, [{ event }, { event }], { timeoutMs: 2000 });
      expect(first.ok && (first.event as { response: Record<string, unknown> }).response).toMatchObject({
        probe: "undefined",
        error: "TypeError",
      });
      expect(second.ok).toBe(true);
      expect(host.restarts).toBe(0);
    } finally {
      host.close();
    }
  });
});

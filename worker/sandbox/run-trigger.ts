import ivm from "isolated-vm";
import type { HandlerErrorKind, HandlerRunResult, LogLine, SdkCallRecord } from "../../core/index";
import { GUEST_RUNTIME } from "./guest-runtime";
import { normaliseSeed, type SdkSeed } from "./sdk-seed";

/** Limits for one submission. Defaults mirror Cognito (5 s) and keep the worker safe. */
export interface SandboxLimits {
  /** CPU timeout of each call into the isolate AND the host wall clock per case (default 5000). */
  timeoutMs: number;
  /** Isolate heap limit in MB (default 64; isolated-vm's minimum is 8). */
  memoryMb: number;
  maxLogLines: number;
  maxLogBytes: number;
  maxLogLineChars: number;
  maxSdkCalls: number;
  /** Largest accepted serialised output, in bytes (default 256 KiB). */
  maxOutputBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  timeoutMs: 5000,
  memoryMb: 64,
  maxLogLines: 200,
  maxLogBytes: 64 * 1024,
  maxLogLineChars: 8 * 1024,
  maxSdkCalls: 50,
  maxOutputBytes: 256 * 1024,
};

export interface RunOptions {
  /** Which export to call (default `handler`). */
  exportName?: string;
  sdkSeed?: SdkSeed;
}

export interface TriggerRunnerOptions extends Partial<SandboxLimits> {
  code: string;
  /** Called when the wall clock fires, just before the isolate is disposed (dispose may block). */
  onWallClock?: (info: { grownMb: number; memoryLikely: boolean }) => void;
  /** Called if V8 reports a catastrophic error (default: print and exit the process, which is the worker). */
  onCatastrophicError?: (message: string) => void;
  /**
   * An isolate made ahead of time (`prepareIsolate`) for this runner's first isolate; used only if
   * its memory limit matches (its own onCatastrophicError applies). Later isolates (after a case
   * killed one) are made on demand.
   */
  prepared?: PreparedIsolate;
}

/** The student's code does not compile: the grader treats it as ungradable. */
export interface SyntaxProblem {
  ok: false;
  message: string;
  line?: number;
  column?: number;
}

const FILENAME = "index.js";
const RUNTIME_FILENAME = "bastion-runtime.js";

function wrap(code: string): string {
  // The wrapper line is line 0 (lineOffset -1), so the student's first line reports as line 1.
  return `__bastion_load(function (exports, require, module, __filename, __dirname) {\n${code}\n});`;
}

function parseSyntax(message: string): SyntaxProblem {
  const m = /\[index\.js:(\d+):(\d+)\]\s*$/.exec(message);
  const clean = message.replace(/\s*\[index\.js:\d+:\d+\]\s*$/, "");
  return m
    ? {
        ok: false,
        message: `SyntaxError: ${clean} (line ${m[1]}, column ${m[2]})`,
        line: Number(m[1]),
        column: Number(m[2]),
      }
    : { ok: false, message: `SyntaxError: ${clean}` };
}

const SYNTAX_HINTS: Array<[RegExp, string]> = [
  [
    /Cannot use import statement outside a module|Unexpected token 'export'/,
    " (handlers run as CommonJS: use require(...) and exports.handler = ...)",
  ],
];

/** Compiles the code in a throwaway isolate without running it. */
export function checkSyntax(code: string): { ok: true } | SyntaxProblem {
  const isolate = new ivm.Isolate({ memoryLimit: 16 });
  try {
    isolate.compileScriptSync(wrap(code), { filename: FILENAME, lineOffset: -1 });
    return { ok: true };
  } catch (e) {
    const p = parseSyntax(e instanceof Error ? e.message : String(e));
    for (const [re, hint] of SYNTAX_HINTS) if (re.test(p.message)) p.message += hint;
    return p;
  } finally {
    isolate.dispose();
  }
}

class LogCollector {
  lines: LogLine[] = [];
  private bytes = 0;
  private count = 0;
  private truncated = false;
  constructor(private readonly limits: SandboxLimits) {}
  push(level: unknown, message: unknown): void {
    this.count++;
    const text = typeof message === "string" ? message : String(message);
    if (this.truncated) return;
    const size = text.length;
    if (this.count > this.limits.maxLogLines || this.bytes + size > this.limits.maxLogBytes) {
      this.truncated = true;
      this.lines.push({
        level: "system",
        message: `[console output truncated: the limit is ${this.limits.maxLogLines} lines and ${Math.round(this.limits.maxLogBytes / 1024)} KiB]`,
      });
      return;
    }
    this.bytes += size;
    const lv = level === "info" || level === "warn" || level === "error" || level === "debug" ? level : "log";
    this.lines.push({
      level: lv,
      message: text.length > this.limits.maxLogLineChars + 32 ? text.slice(0, this.limits.maxLogLineChars) : text,
    });
  }
  system(message: string): void {
    this.lines.push({ level: "system", message });
  }
}

function studentStack(stack: string): string {
  return stack
    .split("\n")
    .filter((l, i) => i === 0 || (l.includes(FILENAME) && !l.includes(RUNTIME_FILENAME)))
    .slice(0, 12)
    .join("\n")
    .slice(0, 4000);
}

/**
 * V8's code cache for the guest runtime, made by this process from our own source on the first
 * compile and reused by every later isolate (compile 0.35 ms -> 0.04 ms, measured). It contains
 * machine code, so it is never taken from outside the process (CVE-2022-39266; isolated-vm README).
 */
let runtimeCache: ivm.ExternalCopy<ArrayBuffer> | undefined;

function compileRuntime(isolate: ivm.Isolate): ivm.Script {
  const script = isolate.compileScriptSync(
    GUEST_RUNTIME,
    runtimeCache
      ? { filename: RUNTIME_FILENAME, cachedData: runtimeCache }
      : { filename: RUNTIME_FILENAME, produceCachedData: true },
  ) as ivm.Script & ivm.CachedDataResult & { cachedDataRejected?: boolean };
  if (script.cachedData) runtimeCache = script.cachedData;
  else if (script.cachedDataRejected) runtimeCache = undefined; // the next compile produces a new one
  return script;
}

/** Where a context's host callbacks deliver, for the one case that runs in it. */
interface CaseSink {
  logs: LogCollector | null;
  sdkCalls: SdkCallRecord[] | null;
  maxSdkCalls: number;
  seed: (() => string) | null;
  note: ((what: unknown) => void) | null;
}

/**
 * A context with the guest runtime installed and no student code run in it yet: used by exactly one
 * case, then released. Made when the case starts, or ahead of time for the first case of a prepared
 * isolate (`prepareIsolate`).
 */
interface CaseContext {
  isolate: ivm.Isolate;
  context: ivm.Context;
  runRef: ivm.Reference;
  sink: CaseSink;
  /** The console/SDK caps baked into the runtime's closures. */
  caps: string;
}

function capsOf(limits: SandboxLimits): string {
  return `${limits.maxLogLines}/${limits.maxLogLineChars}/${limits.maxSdkCalls}`;
}

/** The host side of a case context: the sink and the globals the guest runtime takes on start. */
function caseGlobals(limits: SandboxLimits): { sink: CaseSink; globals: Array<[string, unknown]> } {
  const sink: CaseSink = { logs: null, sdkCalls: null, maxSdkCalls: limits.maxSdkCalls, seed: null, note: null };
  const record = (json: unknown): void => {
    const calls = sink.sdkCalls;
    if (!calls || typeof json !== "string" || calls.length >= sink.maxSdkCalls) return;
    if (json.length > 32 * 1024) {
      calls.push({ service: "cognito-idp", operation: "unknown", input: { truncated: true } });
      return;
    }
    try {
      calls.push(JSON.parse(json) as SdkCallRecord);
    } catch {
      /* guest produced it with JSON.stringify; ignore anything else */
    }
  };
  const globals: Array<[string, unknown]> = [
    ["__bastion_log", new ivm.Callback((level: unknown, message: unknown) => sink.logs?.push(level, message))],
    ["__bastion_record", new ivm.Callback(record)],
    ["__bastion_note", new ivm.Callback((what: unknown) => sink.note?.(what))],
    // The fake SDK's state: asked for on the first require() of an SDK module (most handlers never do).
    ["__bastion_seed", new ivm.Callback(() => (sink.seed ? sink.seed() : EMPTY_SEED))],
    [
      "__bastion_limits",
      JSON.stringify({
        maxLogLines: limits.maxLogLines,
        maxLogLineChars: limits.maxLogLineChars,
        maxSdkCalls: limits.maxSdkCalls,
      }),
    ],
  ];
  return { sink, globals };
}

function releaseQuietly(context: ivm.Context): void {
  try {
    context.release();
  } catch {
    /* isolate gone */
  }
}

/** A new context with the runtime installed (the runtime deletes the globals it takes). */
function createCaseContext(isolate: ivm.Isolate, runtime: ivm.Script, limits: SandboxLimits): CaseContext {
  const context = isolate.createContextSync();
  try {
    const { sink, globals } = caseGlobals(limits);
    const jail = context.global;
    for (const [k, v] of globals) jail.setSync(k, v);
    runtime.runSync(context, { timeout: 1000 });
    const runRef = jail.getSync("__bastion_run", { reference: true }) as ivm.Reference;
    jail.deleteSync("__bastion_run");
    return { isolate, context, runRef, sink, caps: capsOf(limits) };
  } catch (e) {
    releaseQuietly(context);
    throw e;
  }
}

/**
 * The same with isolated-vm's async calls, done on the isolate's own thread (the warm-up of an idle
 * child, so a request that arrives meanwhile is read at once). Two round trips: the context, then
 * the rest queued back to back.
 */
async function createCaseContextAsync(
  isolate: ivm.Isolate,
  runtime: ivm.Script,
  limits: SandboxLimits,
): Promise<CaseContext> {
  const context = await isolate.createContext();
  try {
    const { sink, globals } = caseGlobals(limits);
    const jail = context.global;
    const steps: Promise<unknown>[] = globals.map(([k, v]) => jail.set(k, v));
    steps.push(runtime.run(context, { timeout: 1000 }));
    const ref = jail.get("__bastion_run", { reference: true }) as Promise<ivm.Reference>;
    steps.push(ref, jail.delete("__bastion_run"));
    await Promise.all(steps);
    return { isolate, context, runRef: await ref, sink, caps: capsOf(limits) };
  } catch (e) {
    releaseQuietly(context);
    throw e;
  }
}

function releaseCaseContext(c: CaseContext): void {
  // Detach first: nothing that still runs in this context later (a FinalizationRegistry callback,
  // an Atomics.waitAsync continuation) can write into the case's result.
  c.sink.logs = null;
  c.sink.sdkCalls = null;
  c.sink.seed = null;
  c.sink.note = null;
  try {
    c.runRef.release();
  } catch {
    /* isolate already gone */
  }
  try {
    if (!c.isolate.isDisposed) c.context.release();
  } catch {
    /* isolate already gone */
  }
}

const EMPTY_SEED = JSON.stringify({
  cognito: { users: [], groups: [], emailAsUsername: true },
  dynamodb: { tables: {} },
});

/** A trivial handler run once in a throwaway context so the runtime's lazily compiled functions exist. */
const WARM_UP_CODE = `const { CognitoIdentityProviderClient, AdminGetUserCommand } = require("@aws-sdk/client-cognito-identity-provider");
exports.handler = async (event) => {
  console.log("warm-up", event.userName, { n: 1 });
  await new CognitoIdentityProviderClient({}).send(new AdminGetUserCommand({ UserPoolId: "p", Username: event.userName }));
  event.response.ok = true;
  return event;
};`;
const WARM_UP_EVENT = JSON.stringify({ userName: "warm", request: { userAttributes: {} }, response: {} });

/**
 * An isolate made before its submission is known (a sandbox child makes the next one while it is
 * idle): the runtime compiled (and possibly warmed up, `warmUpPrepared`), plus the first case's
 * context. No student code has run in it. Hand it to one `TriggerRunner` (`prepared`).
 */
export interface PreparedIsolate {
  readonly isolate: ivm.Isolate;
  readonly memoryMb: number;
  readonly runtime: ivm.Script;
  readonly firstContext: CaseContext | null;
}

export function prepareIsolate(
  opts: {
    memoryMb?: number;
    limits?: Partial<SandboxLimits>;
    onCatastrophicError?: (message: string) => void;
  } = {},
): PreparedIsolate {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const memoryMb = opts.memoryMb ?? limits.memoryMb;
  const isolate = new ivm.Isolate({ memoryLimit: memoryMb, onCatastrophicError: opts.onCatastrophicError });
  try {
    const runtime = compileRuntime(isolate);
    return { isolate, memoryMb, runtime, firstContext: createCaseContext(isolate, runtime, limits) };
  } catch (e) {
    if (!isolate.isDisposed) isolate.dispose();
    throw e;
  }
}

/**
 * Runs a fixed handler of ours (console, the fake SDK, the async runner) once in a throwaway
 * context of a prepared isolate, on the isolate's thread, so the runtime's lazily compiled
 * functions are compiled before the submission's first case (measured: -0.3 ms on a first case
 * that uses the SDK). The context is released; no student code is involved. Rejects on failure.
 */
export async function warmUpPrepared(p: PreparedIsolate): Promise<void> {
  const warm = await createCaseContextAsync(p.isolate, p.runtime, DEFAULT_LIMITS);
  try {
    warm.sink.seed = () => JSON.stringify(normaliseSeed(undefined, JSON.parse(WARM_UP_EVENT)));
    const script = await p.isolate.compileScript(wrap(WARM_UP_CODE), { filename: FILENAME, lineOffset: -1 });
    await script.run(warm.context, { timeout: 1000 });
    const out = await warm.runRef.apply(undefined, [WARM_UP_EVENT, "handler", 1000], {
      timeout: 1000,
      arguments: { copy: true },
      result: { promise: true, copy: true },
    });
    script.release();
    if (typeof out !== "string" || out[0] !== "J")
      throw new Error(`warm-up handler answered ${String(out).slice(0, 200)}`);
  } finally {
    releaseCaseContext(warm);
  }
}

/** Frees a prepared isolate that will not be used. */
export function disposePrepared(p: PreparedIsolate): void {
  if (!p.isolate.isDisposed) p.isolate.dispose();
}

/**
 * Runs one student's trigger code against events: a fresh isolate per runner (= per submission),
 * a fresh context per case. If a case kills the isolate (timeout, memory), the next case gets a new
 * isolate. Call `dispose()` when done. Never throws for anything the student's code does.
 */
export class TriggerRunner {
  readonly limits: SandboxLimits;
  private isolate: ivm.Isolate | null = null;
  private runtime: ivm.Script | null = null;
  private student: ivm.Script | null = null;
  private syntax: SyntaxProblem | null = null;
  /** The first case's context when it came with a prepared isolate. */
  private spare: CaseContext | null = null;
  private prepared: PreparedIsolate | null;
  private readonly code: string;
  private readonly onCatastrophicError: (message: string) => void;
  private readonly onWallClock?: (info: { grownMb: number; memoryLikely: boolean }) => void;

  constructor(opts: TriggerRunnerOptions) {
    const { code, onCatastrophicError, onWallClock, prepared, ...limits } = opts;
    this.code = code;
    this.onWallClock = onWallClock;
    this.prepared = prepared ?? null;
    this.limits = {
      ...DEFAULT_LIMITS,
      ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
    };
    this.onCatastrophicError =
      onCatastrophicError ??
      ((message) => {
        process.stderr.write(`isolated-vm catastrophic error: ${message}\n`);
        process.exit(70);
      });
  }

  /** The compile error, if the code does not compile (compiles on first use). */
  syntaxError(): SyntaxProblem | null {
    this.ensureIsolate();
    return this.syntax;
  }

  private ensureIsolate(): ivm.Isolate | null {
    if (this.isolate && !this.isolate.isDisposed) return this.isolate;
    if (this.syntax) return null;
    this.dropSpare();
    let isolate: ivm.Isolate;
    let runtime: ivm.Script;
    const p = this.prepared;
    this.prepared = null;
    if (p && !p.isolate.isDisposed && p.memoryMb === this.limits.memoryMb) {
      ({ isolate, runtime } = p);
      if (p.firstContext && p.firstContext.caps === capsOf(this.limits)) this.spare = p.firstContext;
      else if (p.firstContext) releaseCaseContext(p.firstContext);
    } else {
      if (p) disposePrepared(p);
      isolate = new ivm.Isolate({ memoryLimit: this.limits.memoryMb, onCatastrophicError: this.onCatastrophicError });
      runtime = compileRuntime(isolate);
    }
    try {
      this.student = isolate.compileScriptSync(wrap(this.code), { filename: FILENAME, lineOffset: -1 });
    } catch (e) {
      this.dropSpare();
      isolate.dispose();
      const p = parseSyntax(e instanceof Error ? e.message : String(e));
      for (const [re, hint] of SYNTAX_HINTS) if (re.test(p.message)) p.message += hint;
      this.syntax = p;
      return null;
    }
    this.runtime = runtime;
    this.isolate = isolate;
    return isolate;
  }

  private dropSpare(): void {
    if (this.spare) releaseCaseContext(this.spare);
    this.spare = null;
  }

  private takeContext(isolate: ivm.Isolate): CaseContext {
    const spare = this.spare;
    this.spare = null;
    if (spare && spare.isolate === isolate && !isolate.isDisposed) return spare;
    if (spare) releaseCaseContext(spare);
    return createCaseContext(isolate, this.runtime!, this.limits);
  }

  /** Runs the handler on one event (any JSON value; normally a built Cognito event). */
  async run(event: unknown, opts: RunOptions = {}): Promise<HandlerRunResult> {
    const started = performance.now();
    const logs = new LogCollector(this.limits);
    const sdkCalls: SdkCallRecord[] = [];
    const isolate = this.ensureIsolate();
    if (!isolate) {
      return {
        ok: false,
        error: { kind: "syntax", message: this.syntax!.message },
        logs: [],
        sdkCalls,
        cpuMs: 0,
        wallMs: round(performance.now() - started),
      };
    }
    const cpuStart = isolate.cpuTime;
    const limits = this.limits;
    let waitingForCallback = false;
    let wallClockFired = false;
    let memoryAtWall = 0;
    const rssStart = process.memoryUsage.rss();
    let slot: CaseContext | null = null;
    let timer: NodeJS.Timeout | undefined;
    let poll: NodeJS.Timeout | undefined;
    let resolveIdle: (v: "idle") => void = () => undefined;
    const startIdlePoll = (): void => {
      if (poll) return;
      let last = -1;
      poll = setInterval(() => {
        const now = cpuMs();
        if (now === last) resolveIdle("idle");
        last = now;
      }, 15);
    };
    // The last CPU reading: a disposed isolate has no cpuTime, so the wall clock reads it first.
    let lastCpuMs = 0;
    const cpuMs = (): number => {
      try {
        lastCpuMs = Number(isolate.cpuTime - cpuStart) / 1e6;
      } catch {
        // disposed: keep the reading taken before
      }
      return lastCpuMs;
    };
    const done = (
      r: { ok: true; event: unknown } | { ok: false; kind: HandlerErrorKind; message: string },
    ): HandlerRunResult => {
      const base = { logs: logs.lines, sdkCalls, cpuMs: round(cpuMs()), wallMs: round(performance.now() - started) };
      return r.ok
        ? { ok: true, event: r.event, ...base }
        : { ok: false, error: { kind: r.kind, message: r.message }, ...base };
    };

    try {
      slot = this.takeContext(isolate);
      const sink = slot.sink;
      sink.logs = logs;
      sink.sdkCalls = sdkCalls;
      sink.seed = () => JSON.stringify(normaliseSeed(opts.sdkSeed, event));
      sink.note = (what) => {
        if (what === "waiting-for-callback") {
          waitingForCallback = true;
          startIdlePoll();
        }
      };

      const wall = new Promise<"wall">((resolve) => {
        timer = setTimeout(() => {
          wallClockFired = true;
          // Near its heap limit V8 can spend seconds in GC before giving up: if the process grew
          // by most of the isolate's limit, report memory rather than a plain timeout.
          memoryAtWall = (process.memoryUsage.rss() - rssStart) / 2 ** 20;
          this.onWallClock?.({ grownMb: memoryAtWall, memoryLikely: memoryAtWall >= limits.memoryMb * 0.75 });
          resolve("wall");
          cpuMs();
          if (!isolate.isDisposed) isolate.dispose();
        }, limits.timeoutMs);
      });
      // A non-async handler that never calls its callback: Lambda answers `null` once the event loop
      // is empty. Here: once the isolate stops using CPU while waiting.
      const idle = new Promise<"idle">((resolve) => {
        resolveIdle = resolve;
      });
      const remaining = (): number => Math.max(1, Math.floor(limits.timeoutMs - (performance.now() - started)));

      // Queue the module load and the handler call back to back on the isolate's thread (one round
      // trip); a load failure is caught inside the guest and returned by __bastion_run.
      const load = this.student!.run(slot.context, { timeout: remaining() });
      const call = slot.runRef.apply(
        undefined,
        [JSON.stringify(event ?? null), opts.exportName ?? "handler", limits.timeoutMs],
        {
          timeout: remaining(),
          arguments: { copy: true },
          result: { promise: true, copy: true },
        },
      ) as Promise<unknown>;
      load.catch(() => undefined);
      call.catch(() => undefined);
      const both = load.then(() => call);
      const out = await Promise.race([both, wall, idle]);
      if (out === "wall") return done(wallResult(limits, memoryAtWall, waitingForCallback));
      if (out === "idle") {
        logs.system(
          "the handler is not async and never called callback: Lambda returns null (declare it `async` and return the event, or call callback(null, event))",
        );
        return done({ ok: true, event: null });
      }
      return done(this.decode(out, logs));
    } catch (e) {
      if (wallClockFired) return done(wallResult(limits, memoryAtWall, waitingForCallback));
      return done(classifyHostError(e, wallClockFired, isolate, limits, waitingForCallback));
    } finally {
      clearTimeout(timer);
      clearInterval(poll);
      if (slot) releaseCaseContext(slot);
    }
  }

  private decode(
    out: unknown,
    logs: LogCollector,
  ): { ok: true; event: unknown } | { ok: false; kind: HandlerErrorKind; message: string } {
    if (typeof out !== "string" || out.length === 0)
      return { ok: false, kind: "invalid-output", message: "the handler's output could not be read" };
    const tag = out[0];
    const body = out.slice(1);
    switch (tag) {
      case "U":
        return { ok: true, event: null };
      case "J":
        if (body.length > this.limits.maxOutputBytes) {
          return {
            ok: false,
            kind: "invalid-output",
            message: `the returned event is ${Math.round(body.length / 1024)} KiB; the limit is ${Math.round(this.limits.maxOutputBytes / 1024)} KiB`,
          };
        }
        return { ok: true, event: JSON.parse(body) };
      case "I":
        return { ok: false, kind: "invalid-output", message: body };
      case "M":
        return { ok: false, kind: "memory", message: `the handler ran out of memory (${body})` };
      case "E": {
        const d = JSON.parse(body) as { name: string; message: string; stack: string };
        const stack = studentStack(d.stack);
        logs.system(`Invoke Error: ${stack || `${d.name}: ${d.message}`}`);
        return { ok: false, kind: "runtime", message: d.message };
      }
      default:
        return { ok: false, kind: "invalid-output", message: "the handler's output could not be read" };
    }
  }

  /** Frees the isolate. The runner can still be used afterwards (a new isolate is created). */
  dispose(): void {
    this.dropSpare();
    if (this.prepared) disposePrepared(this.prepared);
    this.prepared = null;
    if (this.isolate && !this.isolate.isDisposed) this.isolate.dispose();
    this.isolate = null;
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function timeoutMessage(ms: number, waitingForCallback = false): string {
  return `the handler did not finish within ${ms} ms${waitingForCallback ? " (it is not async and never called callback(null, event))" : ""}`;
}

function wallResult(
  limits: SandboxLimits,
  grownMb: number,
  waitingForCallback: boolean,
): { ok: false; kind: HandlerErrorKind; message: string } {
  if (grownMb >= limits.memoryMb * 0.75) {
    return {
      ok: false,
      kind: "memory",
      message: `the handler used more than the ${limits.memoryMb} MB memory limit (it was stopped after ${limits.timeoutMs} ms while running out of memory)`,
    };
  }
  return { ok: false, kind: "timeout", message: timeoutMessage(limits.timeoutMs, waitingForCallback) };
}

function classifyHostError(
  e: unknown,
  wallClockFired: boolean,
  isolate: ivm.Isolate,
  limits: SandboxLimits,
  waitingForCallback: boolean,
): { ok: false; kind: HandlerErrorKind; message: string } {
  const message = e instanceof Error ? e.message : String(e);
  if (/memory limit/i.test(message)) {
    return { ok: false, kind: "memory", message: `the handler used more than the ${limits.memoryMb} MB memory limit` };
  }
  if (wallClockFired || /timed out/i.test(message))
    return { ok: false, kind: "timeout", message: timeoutMessage(limits.timeoutMs, waitingForCallback) };
  if (isolate.isDisposed) return { ok: false, kind: "memory", message: `the sandbox was stopped (${message})` };
  // Anything else escaping the guest's own try/catch (e.g. a throw inside the runtime itself).
  return { ok: false, kind: "runtime", message };
}

export interface RunTriggerOptions extends Partial<SandboxLimits> {
  code: string;
  event?: unknown;
  events?: unknown[];
  sdkSeed?: SdkSeed;
  exportName?: string;
}

/**
 * One-shot helper: runs `code` on `event` (-> one result) or on each of `events` (-> results in
 * order) in a fresh isolate, then disposes it. A compile error gives results of kind `syntax`.
 */
export async function runTrigger(opts: RunTriggerOptions & { events: unknown[] }): Promise<HandlerRunResult[]>;
export async function runTrigger(opts: RunTriggerOptions & { event: unknown }): Promise<HandlerRunResult>;
export async function runTrigger(opts: RunTriggerOptions): Promise<HandlerRunResult | HandlerRunResult[]> {
  const { event, events, sdkSeed, exportName, ...rest } = opts;
  const runner = new TriggerRunner(rest);
  try {
    if (events) {
      const out: HandlerRunResult[] = [];
      for (const ev of events) out.push(await runner.run(ev, { sdkSeed, exportName }));
      return out;
    }
    return await runner.run(event, { sdkSeed, exportName });
  } finally {
    runner.dispose();
  }
}

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
  private readonly code: string;
  private readonly onCatastrophicError: (message: string) => void;
  private readonly onWallClock?: (info: { grownMb: number; memoryLikely: boolean }) => void;

  constructor(opts: TriggerRunnerOptions) {
    const { code, onCatastrophicError, onWallClock, ...limits } = opts;
    this.code = code;
    this.onWallClock = onWallClock;
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
    const isolate = new ivm.Isolate({
      memoryLimit: this.limits.memoryMb,
      onCatastrophicError: this.onCatastrophicError,
    });
    this.runtime = isolate.compileScriptSync(GUEST_RUNTIME, { filename: RUNTIME_FILENAME });
    try {
      this.student = isolate.compileScriptSync(wrap(this.code), { filename: FILENAME, lineOffset: -1 });
    } catch (e) {
      isolate.dispose();
      const p = parseSyntax(e instanceof Error ? e.message : String(e));
      for (const [re, hint] of SYNTAX_HINTS) if (re.test(p.message)) p.message += hint;
      this.syntax = p;
      return null;
    }
    this.isolate = isolate;
    return isolate;
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
    let context: ivm.Context | null = null;
    let runRef: ivm.Reference | null = null;
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
    const cpuMs = (): number => {
      try {
        return Number(isolate.cpuTime - cpuStart) / 1e6;
      } catch {
        return 0;
      }
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
      context = isolate.createContextSync();
      const jail = context.global;
      jail.setSync("__bastion_log", new ivm.Callback((level: unknown, message: unknown) => logs.push(level, message)));
      jail.setSync(
        "__bastion_record",
        new ivm.Callback((json: unknown) => {
          if (typeof json !== "string" || sdkCalls.length >= limits.maxSdkCalls) return;
          if (json.length > 32 * 1024) {
            sdkCalls.push({ service: "cognito-idp", operation: "unknown", input: { truncated: true } });
            return;
          }
          try {
            const rec = JSON.parse(json) as SdkCallRecord;
            sdkCalls.push(rec);
          } catch {
            /* guest produced it with JSON.stringify; ignore anything else */
          }
        }),
      );
      jail.setSync(
        "__bastion_note",
        new ivm.Callback((what: unknown) => {
          if (what === "waiting-for-callback") {
            waitingForCallback = true;
            startIdlePoll();
          }
        }),
      );
      jail.setSync("__bastion_seed", JSON.stringify(normaliseSeed(opts.sdkSeed, event)));
      jail.setSync(
        "__bastion_limits",
        JSON.stringify({
          maxLogLines: limits.maxLogLines,
          maxLogLineChars: limits.maxLogLineChars,
          maxSdkCalls: limits.maxSdkCalls,
        }),
      );
      this.runtime!.runSync(context, { timeout: 1000 });
      runRef = jail.getSync("__bastion_run", { reference: true }) as ivm.Reference;
      jail.deleteSync("__bastion_run");

      const wall = new Promise<"wall">((resolve) => {
        timer = setTimeout(() => {
          wallClockFired = true;
          // Near its heap limit V8 can spend seconds in GC before giving up: if the process grew
          // by most of the isolate's limit, report memory rather than a plain timeout.
          memoryAtWall = (process.memoryUsage.rss() - rssStart) / 2 ** 20;
          this.onWallClock?.({ grownMb: memoryAtWall, memoryLikely: memoryAtWall >= limits.memoryMb * 0.75 });
          resolve("wall");
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
      const load = this.student!.run(context, { timeout: remaining() });
      const call = runRef.apply(
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
      try {
        runRef?.release();
      } catch {
        /* isolate already gone */
      }
      try {
        if (context && !isolate.isDisposed) context.release();
      } catch {
        /* isolate already gone */
      }
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

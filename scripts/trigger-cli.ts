/**
 * npm run --silent trigger -- run --code handler.js --event event.json [--timeout ms] [--export name] [--seed seed.json]
 *
 * Prints one JSON object (contract in issue 4):
 *   { "ok": true, "event": ..., "findings": [...], "logs": [...], "sdkCalls": [...], "cpuMs": n, "wallMs": n }
 *   { "ok": false, "error": { "kind": "timeout"|"memory"|"runtime"|"invalid-output", "message": "..." }, "logs": [...], "sdkCalls": [...], "cpuMs": n, "wallMs": n }
 * Exit 0 whenever the handler could be run. Exit 1: the code does not compile (the same JSON shape,
 * kind "runtime", message starting with "SyntaxError:"). Exit 2: bad arguments or unreadable files.
 */
import { readFileSync } from "node:fs";
import { buildEvent, checkTriggerResponse, type PartialTriggerEvent } from "../core/index";
import { SandboxProcess, type SdkSeed } from "../worker/sandbox/index";

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run --silent trigger -- run --code handler.js --event event.json [--timeout ms] [--export name] [--seed seed.json]\n`,
  );
  process.exit(2);
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    usage(`cannot read ${what} \`${path}\`: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    usage(`${what} \`${path}\` is not valid JSON: ${(e as Error).message}`);
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== "run") usage(command ? `unknown command \`${command}\`` : "missing command");
  const args = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    if (!rest[i].startsWith("--") || rest[i + 1] === undefined) usage(`bad argument \`${rest[i]}\``);
    args.set(rest[i].slice(2), rest[i + 1]);
  }
  for (const k of args.keys())
    if (!["code", "event", "timeout", "export", "seed"].includes(k)) usage(`unknown option \`--${k}\``);
  const codePath = args.get("code") ?? usage("missing --code");
  const eventPath = args.get("event") ?? usage("missing --event");
  let code: string;
  try {
    code = readFileSync(codePath, "utf8");
  } catch (e) {
    usage(`cannot read code \`${codePath}\`: ${(e as Error).message}`);
  }
  const partial = readJson(eventPath, "event");
  const seed = args.has("seed") ? (readJson(args.get("seed")!, "seed") as SdkSeed) : undefined;
  const timeoutMs = args.has("timeout") ? Number(args.get("timeout")) : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) usage("--timeout must be a positive number of milliseconds");

  let event;
  try {
    event = buildEvent(partial as PartialTriggerEvent);
  } catch (e) {
    usage(`invalid event: ${(e as Error).message}`);
  }

  const host = new SandboxProcess();
  try {
    const [r] = await host.run(code, [{ event, sdkSeed: seed, exportName: args.get("export") }], { timeoutMs });
    const base = { logs: r.logs, sdkCalls: r.sdkCalls, cpuMs: r.cpuMs, wallMs: r.wallMs };
    if (r.ok) {
      process.stdout.write(
        `${JSON.stringify({ ok: true, event: r.event, findings: checkTriggerResponse(event, r.event), ...base })}\n`,
      );
      process.exitCode = 0;
    } else if (r.error.kind === "syntax") {
      process.stdout.write(
        `${JSON.stringify({ ok: false, error: { kind: "runtime", message: r.error.message }, ...base })}\n`,
      );
      process.exitCode = 1;
    } else {
      process.stdout.write(`${JSON.stringify({ ok: false, error: r.error, ...base })}\n`);
      process.exitCode = 0;
    }
  } finally {
    host.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`trigger: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(3);
});

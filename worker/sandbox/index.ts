/**
 * The trigger sandbox: runs student Cognito trigger code in isolated-vm (see README.md).
 * Only the worker process imports this; node must run with --no-node-snapshot.
 */
export {
  runTrigger,
  checkSyntax,
  TriggerRunner,
  DEFAULT_LIMITS,
  prepareIsolate,
  disposePrepared,
  warmUpPrepared,
} from "./run-trigger";
export type {
  RunTriggerOptions,
  TriggerRunnerOptions,
  RunOptions,
  SandboxLimits,
  SyntaxProblem,
  PreparedIsolate,
} from "./run-trigger";
export { createInvoker } from "./invoker";
export type { SdkSeed } from "./sdk-seed";
export { SandboxProcess, sandboxPreflight } from "./process-host";
export type { SandboxCase, SandboxProcessOptions, SandboxSession } from "./process-host";
export { spawnSandboxChild, bwrapMode, bwrapArgs, probeBwrap } from "./spawn";
export type { BwrapMode, SandboxSpawn, SpawnSandboxOptions } from "./spawn";

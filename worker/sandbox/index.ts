/**
 * The trigger sandbox: runs student Cognito trigger code in isolated-vm (see README.md).
 * Only the worker process imports this; node must run with --no-node-snapshot.
 */
export { runTrigger, checkSyntax, TriggerRunner, DEFAULT_LIMITS } from "./run-trigger";
export type { RunTriggerOptions, TriggerRunnerOptions, RunOptions, SandboxLimits, SyntaxProblem } from "./run-trigger";
export { createInvoker } from "./invoker";
export type { SdkSeed } from "./sdk-seed";
export { SandboxProcess } from "./process-host";
export type { SandboxCase, SandboxProcessOptions } from "./process-host";

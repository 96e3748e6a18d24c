/** How a handler run ended when it did not return: the sandbox's classification. */
export type HandlerErrorKind = "timeout" | "memory" | "runtime" | "invalid-output" | "syntax";

export interface LogLine {
  level: "log" | "info" | "warn" | "error" | "debug" | "system";
  message: string;
}

/** One call the handler made to the fake AWS SDK, as recorded by the sandbox. */
export interface SdkCallRecord {
  service: "cognito-idp" | "dynamodb";
  /** API name without "Command", e.g. `AdminAddUserToGroup`, `PutItem`. */
  operation: string;
  input: Record<string, unknown>;
  /** The error name the fake SDK threw back, e.g. `ConditionalCheckFailedException`. */
  error?: string;
}

/**
 * The result of running one handler on one event (what the sandbox returns and the CLI prints).
 * `ok: true` means the handler finished and its output serialised; `event` is that output
 * (`null` if it returned nothing). A thrown error is `ok: false` with kind `runtime` and the
 * thrown message.
 */
export type HandlerRunResult =
  | { ok: true; event: unknown; logs: LogLine[]; sdkCalls: SdkCallRecord[]; cpuMs: number; wallMs: number }
  | {
      ok: false;
      error: { kind: HandlerErrorKind; message: string };
      logs: LogLine[];
      sdkCalls: SdkCallRecord[];
      cpuMs: number;
      wallMs: number;
    };

/** Runs the student's handler for one trigger source (injected, so core stays pure). */
export type InvokeTrigger = (triggerSource: string, event: unknown) => Promise<HandlerRunResult>;

import type { InvokeTrigger } from "../../core/index";
import type { SdkSeed } from "./sdk-seed";
import type { TriggerRunner } from "./run-trigger";

/**
 * Adapts a runner to core's `invoke(triggerSource, event)`. `exportFor` picks the export per trigger
 * source (default: `handler` for all, i.e. one function that branches on `event.triggerSource`).
 */
export function createInvoker(
  runner: TriggerRunner,
  opts: { sdkSeed?: SdkSeed; exportFor?: (triggerSource: string) => string } = {},
): InvokeTrigger {
  return (triggerSource, event) =>
    runner.run(event, {
      sdkSeed: opts.sdkSeed,
      exportName: opts.exportFor ? opts.exportFor(triggerSource) : "handler",
    });
}

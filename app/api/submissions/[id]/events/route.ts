import { apiActor } from "@/app/_lib/api-auth";
import { errorResponse } from "@/app/_lib/http";
import { AppError } from "@/server/errors";
import { getOwnSubmissionStatus } from "@/server/submissions/get-submission";
import { onSubmissionStatus } from "@/server/live/submission-events";

export const dynamic = "force-dynamic";

const FINAL = new Set(["GRADED", "ERROR"]);
const MAX_OPEN_MS = 120_000;

/**
 * Server-sent events: `status` events (`{ status, score? }`) as the submission moves from QUEUED to
 * RUNNING to GRADED or ERROR. The stream ends at a final status or after two minutes; clients
 * reconnect or fall back to polling GET /api/submissions/<id>.
 */
export async function GET(req: Request, ctx: RouteContext<"/api/submissions/[id]/events">) {
  try {
    const actor = await apiActor(req);
    if (!actor) throw new AppError("unauthenticated", "sign in or send an API token");
    const { id } = await ctx.params;
    const first = await getOwnSubmissionStatus(actor, id);
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let closed = false;
        const send = (event: string, data: unknown) => {
          if (!closed) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        };
        const close = () => {
          if (closed) return;
          closed = true;
          cleanup();
          controller.close();
        };
        const unsubscribe = onSubmissionStatus(id, (e) => {
          send("status", { id, ...e });
          if (FINAL.has(e.status)) close();
        });
        const heartbeat = setInterval(() => {
          if (!closed) controller.enqueue(encoder.encode(": keep-alive\n\n"));
        }, 15_000);
        const timeout = setTimeout(close, MAX_OPEN_MS);
        cleanup = () => {
          unsubscribe();
          clearInterval(heartbeat);
          clearTimeout(timeout);
        };
        req.signal.addEventListener("abort", close);
        send("status", first);
        if (FINAL.has(first.status)) {
          close();
          return;
        }
        // The status may have moved between the first read and the subscription: read once more.
        void getOwnSubmissionStatus(actor, id)
          .then((now) => {
            if (now.status !== first.status) send("status", now);
            if (FINAL.has(now.status)) close();
          })
          .catch(() => {});
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        "x-accel-buffering": "no",
      },
    });
  } catch (e) {
    return errorResponse(e);
  }
}

import { apiActor } from "@/app/_lib/api-auth";
import { errorResponse, jsonResponse } from "@/app/_lib/http";
import { AppError } from "@/server/errors";
import { getOwnSubmission } from "@/server/submissions/get-submission";

/** One of your submissions: `{ id, status, gradable, score, report }` (the student view of the report). */
export async function GET(req: Request, ctx: RouteContext<"/api/submissions/[id]">) {
  try {
    const actor = await apiActor(req);
    if (!actor) throw new AppError("unauthenticated", "sign in or send an API token");
    const { id } = await ctx.params;
    const s = await getOwnSubmission(actor, id);
    return jsonResponse(s);
  } catch (e) {
    return errorResponse(e);
  }
}

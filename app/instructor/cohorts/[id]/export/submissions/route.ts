import { currentUser } from "@/app/_lib/session";
import { errorResponse } from "@/app/_lib/http";
import { exportSubmissions } from "@/server/instructor/export-submissions";
import { csvResponse } from "../csv-response";

export const dynamic = "force-dynamic";

/** Every submission of the cohort's students on its assignments, with the answer text. */
export async function GET(_req: Request, { params }: RouteContext<"/instructor/cohorts/[id]/export/submissions">) {
  try {
    const { id } = await params;
    return csvResponse(await exportSubmissions(await currentUser(), id));
  } catch (e) {
    return errorResponse(e);
  }
}

import { currentUser } from "@/app/_lib/session";
import { errorResponse } from "@/app/_lib/http";
import { exportGradebook } from "@/server/instructor/export-gradebook";
import { csvResponse } from "../csv-response";

export const dynamic = "force-dynamic";

/** The gradebook CSV: one row per student, one column per assignment, totals. */
export async function GET(_req: Request, { params }: RouteContext<"/instructor/cohorts/[id]/export/gradebook">) {
  try {
    const { id } = await params;
    return csvResponse(await exportGradebook(await currentUser(), id));
  } catch (e) {
    return errorResponse(e);
  }
}

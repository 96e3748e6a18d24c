import "server-only";

/** A CSV download: UTF-8 with a BOM (so spreadsheets read accents right), never cached. */
export function csvResponse({ fileName, csv }: { fileName: string; csv: string }): Response {
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

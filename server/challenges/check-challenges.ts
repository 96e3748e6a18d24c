// `challenges:check`: load every folder, then grade its solution (must score 1), each mutant (must
// fail the cases it declares) and the starter (must not score 1). Errors and warnings per challenge.
import { grade, type TGradeReport, type TRunTrigger } from "../../core/index";
import { loadAllChallenges, type TLoadedChallenge } from "./load-challenge";

export interface TCheckedChallenge {
  slug: string;
  uuid?: string;
  kind?: string;
  errors: string[];
  warnings: string[];
  /** numbers for the summary table */
  stats?: { visible: number; hidden: number; mutants: number; difficulty: number; domain: string };
}

function failedSummary(r: TGradeReport): string {
  if (!r.gradable) return `ungradable: ${r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message).join("; ")}`;
  const cases = r.cases.filter((c) => !c.passed).map((c) => `\`${c.id}\``);
  const constraints = r.constraints.filter((c) => !c.passed).map((c) => `constraint ${c.id} (${c.message})`);
  return [...(cases.length ? [`fails ${cases.join(", ")}`] : []), ...constraints].join("; ") || "no failure";
}

/** Grades the solution, mutants and starter of one loaded challenge; appends to its errors/warnings. */
export async function checkLoadedChallenge(item: TLoadedChallenge, options: { runTrigger?: TRunTrigger }): Promise<TCheckedChallenge> {
  const out: TCheckedChallenge = { slug: item.slug, uuid: item.spec?.uuid, kind: item.spec?.kind, errors: [...item.errors], warnings: [...item.warnings] };
  const { spec, assets } = item;
  if (!spec || !assets) return out;
  out.stats = {
    visible: spec.cases.filter((c) => c.visibility === "visible").length,
    hidden: spec.cases.filter((c) => c.visibility === "hidden").length,
    mutants: assets.mutants.length,
    difficulty: spec.difficulty,
    domain: spec.domain,
  };
  if (spec.language === "javascript" && !options.runTrigger) {
    out.warnings.push("not graded: no sandbox was given for trigger challenges");
    return out;
  }
  const run = async (answer: string) => grade(spec, answer, { runTrigger: options.runTrigger });
  try {
    const sol = await run(assets.solution);
    if (!sol.gradable || sol.score !== 1) out.errors.push(`solution: must score 1, scored ${sol.score} (${failedSummary(sol)})`);
    for (const d of sol.diagnostics) if (d.severity === "warning") out.warnings.push(`solution: ${d.code}: ${d.message}`);
    for (const m of assets.mutants) {
      const r = await run(m.answer);
      if (!r.gradable) {
        out.errors.push(`mutants/${m.file}: must be gradable (a wrong idea, not a typo): ${failedSummary(r)}`);
        continue;
      }
      const passed = m.mustFail.filter((id) => r.cases.find((c) => c.id === id)?.passed);
      if (passed.length > 0) out.errors.push(`mutants/${m.file}: must fail ${passed.map((id) => `\`${id}\``).join(", ")} but passes (${m.misconception})`);
      if (r.score === 1) out.errors.push(`mutants/${m.file}: scores 1; a mutant must fail`);
    }
    const st = await run(spec.starter);
    if (st.gradable && st.score === 1) out.errors.push("starter: scores 1; the starter must not already solve the challenge");
  } catch (e) {
    out.errors.push(`grading failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return out;
}

/** Checks every folder under `dir`. */
export async function checkChallenges(options: { dir: string; runTrigger?: TRunTrigger }): Promise<TCheckedChallenge[]> {
  const items = loadAllChallenges(options.dir);
  const out: TCheckedChallenge[] = [];
  for (const it of items) out.push(await checkLoadedChallenge(it, options));
  return out;
}

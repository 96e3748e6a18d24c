// Reads challenge folders into specs. Never throws for content problems: each folder gets its own
// errors[] and warnings[] (PrairieLearn's infofile style), so one broken challenge never blocks the others.
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { isPolicyChallengeKind, isTriggerSource, slotTarget, validatePolicyDocument, type TPolicyKind } from "../../core/index";
import {
  ZCasesFile,
  ZChallengeYaml,
  ZConstraintsInput,
  ZMutantsFile,
  type TChallengeSpec,
  type TChallengeYaml,
  type TMutantsFile,
} from "./schema";

export const SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema.json";

/** Files of the format, relative to the folder. */
export const CHALLENGE_FILES = {
  yaml: "challenge.yaml",
  prompt: "prompt.md",
  explanation: "explanation.md",
  cases: "cases.yaml",
  mutants: "mutants/mutants.yaml",
} as const;

export interface TMutantAsset {
  file: string;
  misconception: string;
  mustFail: string[];
  note?: string;
  answer: string;
}

export interface TLoadedChallenge {
  slug: string;
  dir: string;
  /** present when the folder has no errors */
  spec?: TChallengeSpec;
  /** sha256 over the files that make up the spec (see README) */
  contentHash?: string;
  /** the reference answer and the mutants: for `challenges:check`, never stored */
  assets?: { solution: string; mutants: TMutantAsset[] };
  errors: string[];
  warnings: string[];
}

/** The largest file a challenge folder may hold (the largest real one is a few KB); bigger is refused unread. */
export const MAX_CHALLENGE_FILE_BYTES = 256 * 1024;
/** Schema problems listed per file; a file with more gets a count of the rest instead of a flood. */
const MAX_ISSUES_PER_FILE = 20;

function zodErrors(file: string, error: z.ZodError): string[] {
  const lines = error.issues.slice(0, MAX_ISSUES_PER_FILE).map((i) => {
    const path = i.path.length > 0 ? i.path.map(String).join(".") : "(root)";
    return `${file}: \`${path}\`: ${i.message}`;
  });
  const more = error.issues.length - MAX_ISSUES_PER_FILE;
  return more > 0 ? [...lines, `${file}: … and ${more} more problem(s)`] : lines;
}

function readText(dir: string, rel: string, errors: string[], what: string): string | undefined {
  const p = join(dir, rel);
  if (!existsSync(p)) {
    errors.push(`${rel}: missing (${what})`);
    return undefined;
  }
  const st = lstatSync(p);
  // A symlink could pull any file of the server (.env, say) into what students see.
  if (!st.isFile()) {
    errors.push(`${rel}: not a regular file (${st.isSymbolicLink() ? "a symbolic link" : "a folder or device"}); challenge files must be plain files`);
    return undefined;
  }
  const size = st.size;
  if (size > MAX_CHALLENGE_FILE_BYTES) {
    errors.push(`${rel}: too large (${Math.ceil(size / 1024)} KB; a challenge file may be at most ${MAX_CHALLENGE_FILE_BYTES / 1024} KB)`);
    return undefined;
  }
  return readFileSync(p, "utf8");
}

function readYaml(dir: string, rel: string, errors: string[], what: string): { value?: unknown; text?: string } {
  const text = readText(dir, rel, errors, what);
  if (text === undefined) return {};
  try {
    return { value: parseYaml(text, { prettyErrors: true, uniqueKeys: true }), text };
  } catch (e) {
    errors.push(`${rel}: invalid YAML: ${(e instanceof Error ? e.message : String(e)).split("\n")[0].replace(/:\s*$/, "")}`);
    return { text };
  }
}

function isExternalPrincipal(p: string): boolean {
  return p.startsWith("arn:") || /^\d{12}$/.test(p) || p.endsWith(".amazonaws.com") || p === "anonymous" || p.includes(".");
}

/** The grammar a world policy is checked against. */
function resourcePolicyKind(arn: string): TPolicyKind {
  if (/^arn:[^:]+:kms:/.test(arn)) return "key";
  if (/^arn:[^:]+:iam::\d{12}:role\//.test(arn)) return "trust";
  return "resource";
}

function validateWorld(y: TChallengeYaml, errors: string[]): void {
  const world = y.policy?.world;
  if (!world) return;
  const check = (doc: unknown, kind: TPolicyKind, where: string) => {
    for (const d of validatePolicyDocument(doc, kind)) {
      if (d.severity === "error") errors.push(`challenge.yaml: \`${where}${d.path}\`: ${d.message}`);
    }
  };
  for (const [name, p] of Object.entries(world.principals)) {
    (p.identityPolicies ?? []).forEach((d, i) => check(d, "identity", `policy.world.principals.${name}.identityPolicies.${i}`));
    if (p.permissionBoundary) check(p.permissionBoundary, "boundary", `policy.world.principals.${name}.permissionBoundary`);
    if (p.sessionPolicy) check(p.sessionPolicy, "session", `policy.world.principals.${name}.sessionPolicy`);
  }
  for (const [name, r] of Object.entries(world.resources)) {
    if (r.policy) check(r.policy, resourcePolicyKind(r.arn), `policy.world.resources.${name}.policy`);
  }
  const org = world.organization;
  org?.scp?.forEach((level, i) => level.forEach((d, j) => check(d, "scp", `policy.world.organization.scp.${i}.${j}`)));
  org?.rcp?.forEach((level, i) => level.forEach((d, j) => check(d, "rcp", `policy.world.organization.rcp.${i}.${j}`)));
}

function validateKindSections(y: TChallengeYaml, errors: string[], warnings: string[]): void {
  if (isPolicyChallengeKind(y.kind)) {
    if (!y.policy) return void errors.push(`challenge.yaml: \`policy\`: required for kind \`${y.kind}\` (slot and world)`);
    if (y.trigger) errors.push(`challenge.yaml: \`trigger\`: only for cognito kinds`);
    const { slot, world } = y.policy;
    const target = slotTarget(y.kind);
    if (target === "principal") {
      if (!slot.principal) errors.push(`challenge.yaml: \`policy.slot.principal\`: required for kind \`${y.kind}\``);
      else if (!world.principals[slot.principal]) errors.push(`challenge.yaml: \`policy.slot.principal\`: \`${slot.principal}\` is not a principal of the world`);
      for (const other of slot.alsoAttachedTo ?? []) {
        if (!world.principals[other]) errors.push(`challenge.yaml: \`policy.slot.alsoAttachedTo\`: \`${other}\` is not a principal of the world`);
      }
    } else if (target === "resource") {
      if (!slot.resource) errors.push(`challenge.yaml: \`policy.slot.resource\`: required for kind \`${y.kind}\``);
      else if (!world.resources[slot.resource]) errors.push(`challenge.yaml: \`policy.slot.resource\`: \`${slot.resource}\` is not a resource of the world`);
    } else if (!world.organization) {
      errors.push(`challenge.yaml: \`policy.world.organization\`: required for kind \`${y.kind}\``);
    }
    const ids = new Set(world.accounts.map((a) => a.id));
    for (const [name, r] of Object.entries(world.resources)) {
      if (r.arn.startsWith("arn:aws:s3:::") && !r.account) warnings.push(`challenge.yaml: \`policy.world.resources.${name}.account\`: S3 ARNs carry no account; set it`);
      if (r.account && !ids.has(r.account)) warnings.push(`challenge.yaml: \`policy.world.resources.${name}.account\`: \`${r.account}\` is not in \`accounts\``);
    }
  } else {
    if (y.policy) errors.push(`challenge.yaml: \`policy\`: only for policy kinds`);
    if (y.constraints) warnings.push(`challenge.yaml: \`constraints\`: ignored for cognito kinds`);
  }
}

function validateCases(y: TChallengeYaml, cases: TChallengeSpec["cases"], errors: string[], warnings: string[]): void {
  const isPolicy = isPolicyChallengeKind(y.kind);
  const seen = new Set<string>();
  cases.forEach((c, i) => {
    const at = `cases.yaml: \`cases.${i}\` (${c.id})`;
    if (seen.has(c.id)) errors.push(`${at}: duplicate case id \`${c.id}\``);
    seen.add(c.id);
    if (c.misconception && !(c.misconception in y.misconceptions)) errors.push(`${at}: misconception \`${c.misconception}\` is not declared in challenge.yaml \`misconceptions\``);
    if (isPolicy) {
      if (!("request" in c)) return void errors.push(`${at}: policy challenges need \`request\` and an \`expect\` decision`);
      const world = y.policy?.world;
      if (!world) return;
      if (!world.principals[c.request.principal] && !isExternalPrincipal(c.request.principal)) {
        errors.push(`${at}: \`request.principal\`: \`${c.request.principal}\` is neither a principal of the world nor an ARN / account / service`);
      }
      const r = c.request.resource;
      const base = r.includes("/") && !r.startsWith("arn:") ? r.slice(0, r.indexOf("/")) : r;
      if (!world.resources[base] && !r.startsWith("arn:") && r !== "*") errors.push(`${at}: \`request.resource\`: \`${r}\` is neither a resource of the world nor an ARN`);
    } else {
      if (!("event" in c)) return void errors.push(`${at}: cognito challenges need \`event\` and an \`expect\` object`);
      if (!isTriggerSource(c.event.triggerSource)) errors.push(`${at}: \`event.triggerSource\`: unknown trigger source \`${c.event.triggerSource}\``);
      if (y.kind === "cognito-trigger" && c.answers) errors.push(`${at}: \`answers\`: only for cognito-custom-auth challenges`);
      if (y.kind === "cognito-custom-auth" && !c.answers) warnings.push(`${at}: no \`answers\`: runs one handler instead of the custom-auth flow`);
    }
  });
  const hidden = cases.filter((c) => c.visibility === "hidden");
  if (cases.length < 6) warnings.push(`cases.yaml: ${cases.length} case(s); the catalogue asks for at least 6`);
  if (hidden.length * 3 < cases.length) warnings.push(`cases.yaml: ${hidden.length} of ${cases.length} cases hidden; the catalogue asks for at least a third`);
  if (hidden.length === cases.length) errors.push(`cases.yaml: every case is hidden; students need at least one visible case`);
}

function loadMutants(dir: string, y: TChallengeYaml, caseIds: Set<string> | null, ext: string, errors: string[], warnings: string[]): TMutantAsset[] {
  const { value } = readYaml(dir, CHALLENGE_FILES.mutants, errors, "the list of known-wrong answers");
  if (value === undefined) return [];
  const parsed = ZMutantsFile.safeParse(value);
  if (!parsed.success) {
    errors.push(...zodErrors(CHALLENGE_FILES.mutants, parsed.error));
    return [];
  }
  const list: TMutantsFile["mutants"] = parsed.data.mutants;
  const out: TMutantAsset[] = [];
  const files = new Set<string>();
  for (const m of list) {
    const at = `mutants/mutants.yaml: \`${m.file}\``;
    if (files.has(m.file)) errors.push(`${at}: listed twice`);
    files.add(m.file);
    if (!m.file.endsWith(`.${ext}`)) errors.push(`${at}: answers of this kind are \`.${ext}\` files`);
    if (!(m.misconception in y.misconceptions)) errors.push(`${at}: misconception \`${m.misconception}\` is not declared in challenge.yaml \`misconceptions\``);
    // null: cases.yaml did not load, so its ids cannot be checked (already an error)
    if (caseIds) for (const id of m.mustFail) if (!caseIds.has(id)) errors.push(`${at}: \`mustFail\` names \`${id}\`, which is not a case id`);
    const answer = readText(dir, `mutants/${m.file}`, errors, "a mutant listed in mutants.yaml");
    if (answer !== undefined) out.push({ ...m, answer });
  }
  if (list.length < 2) warnings.push(`mutants/mutants.yaml: ${list.length} mutant(s); the catalogue asks for at least 2`);
  const onDisk = readdirSync(join(dir, "mutants")).filter((f) => f !== "mutants.yaml");
  for (const f of onDisk) if (!files.has(f)) warnings.push(`mutants/${f}: not listed in mutants.yaml (never checked)`);
  const covered = new Set(list.map((m) => m.misconception));
  for (const k of Object.keys(y.misconceptions)) if (!covered.has(k)) warnings.push(`challenge.yaml: misconception \`${k}\` has no mutant`);
  return out;
}

/** sha256 over the files that make up the stored spec, by name, in a fixed order. */
export function hashFiles(files: Array<[string, string]>): string {
  const h = createHash("sha256");
  for (const [name, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    h.update(`${name}\0${text.replace(/\r\n/g, "\n")}\0`);
  }
  return h.digest("hex");
}

/** Reads one folder. Never throws for content problems; a spec is returned only without errors. */
export function loadChallenge(dir: string): TLoadedChallenge {
  const slug = basename(dir);
  const errors: string[] = [];
  const warnings: string[] = [];
  const result = (extra: Partial<TLoadedChallenge> = {}): TLoadedChallenge => ({ slug, dir, errors, warnings, ...extra });
  try {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) errors.push(`folder name \`${slug}\` is not a kebab-case slug`);
    const { value: yamlValue, text: yamlText } = readYaml(dir, CHALLENGE_FILES.yaml, errors, "the challenge's metadata");
    const first = yamlText?.split("\n")[0].trim() ?? "";
    if (yamlText !== undefined && !(first.startsWith("# yaml-language-server: $schema=") && first.endsWith("/schema.json"))) {
      warnings.push(`challenge.yaml: the first line should be \`${SCHEMA_COMMENT}\` (editor validation)`);
    }
    if (yamlValue === undefined) return result();
    const y = ZChallengeYaml.safeParse(yamlValue);
    if (!y.success) {
      errors.push(...zodErrors(CHALLENGE_FILES.yaml, y.error));
      return result();
    }
    const meta = y.data;
    validateKindSections(meta, errors, warnings);
    validateWorld(meta, errors);

    const isPolicy = isPolicyChallengeKind(meta.kind);
    const ext = isPolicy ? "json" : "js";
    const other = isPolicy ? "js" : "json";
    for (const base of ["starter", "solution"]) {
      const misnamed = join(/* turbopackIgnore: true */ dir, `${base}.${other}`);
      if (existsSync(/* turbopackIgnore: true */ misnamed)) errors.push(`${base}.${other}: answers of kind \`${meta.kind}\` are \`${base}.${ext}\``);
    }
    const prompt = readText(dir, CHALLENGE_FILES.prompt, errors, "what the student sees");
    const explanation = readText(dir, CHALLENGE_FILES.explanation, errors, "the lesson, shown once solved");
    const starter = readText(dir, `starter.${ext}`, errors, "what the editor starts with");
    const solution = readText(dir, `solution.${ext}`, errors, "the reference answer");
    const { value: casesValue, text: casesText } = readYaml(dir, CHALLENGE_FILES.cases, errors, "the test cases");
    let cases: TChallengeSpec["cases"] = [];
    let casesLoaded = false;
    if (casesValue !== undefined) {
      const parsed = ZCasesFile.safeParse(casesValue);
      if (parsed.success) {
        cases = parsed.data.cases;
        casesLoaded = true;
        validateCases(meta, cases, errors, warnings);
      } else errors.push(...zodErrors(CHALLENGE_FILES.cases, parsed.error));
    }
    const mutants = existsSync(join(dir, "mutants"))
      ? loadMutants(dir, meta, casesLoaded ? new Set(cases.map((c) => c.id)) : null, ext, errors, warnings)
      : (errors.push("mutants/: missing (known-wrong answers with mutants.yaml)"), []);

    if (errors.length > 0 || prompt === undefined || explanation === undefined || starter === undefined || solution === undefined || casesText === undefined) {
      return result();
    }
    const spec: TChallengeSpec = {
      formatVersion: 1,
      uuid: meta.uuid,
      slug,
      title: meta.title,
      kind: meta.kind,
      difficulty: meta.difficulty,
      points: meta.points,
      domain: meta.domain,
      tags: meta.tags,
      misconceptions: meta.misconceptions,
      hints: meta.hints,
      constraints: ZConstraintsInput.parse(meta.constraints ?? {}),
      ...(meta.instructorNotes !== undefined ? { instructorNotes: meta.instructorNotes } : {}),
      prompt,
      explanation,
      language: isPolicy ? "json" : "javascript",
      starter,
      ...(meta.policy ? { policy: meta.policy } : {}),
      ...(meta.trigger ? { trigger: meta.trigger } : {}),
      cases,
    };
    const contentHash = hashFiles([
      [CHALLENGE_FILES.yaml, yamlText ?? ""],
      [CHALLENGE_FILES.prompt, prompt],
      [CHALLENGE_FILES.explanation, explanation],
      [`starter.${ext}`, starter],
      [CHALLENGE_FILES.cases, casesText],
    ]);
    return result({ spec, contentHash, assets: { solution, mutants } });
  } catch (e) {
    // An unreadable folder (permissions, a file where a folder should be): report, never throw.
    errors.push(`could not read the folder: ${e instanceof Error ? e.message : String(e)}`);
    return result();
  }
}

/**
 * Loads every folder under `dir` (hidden folders skipped), then checks what spans folders: unique
 * uuids (a duplicate is an error on every folder that has it, and none of them loads).
 */
export function loadAllChallenges(dir: string): TLoadedChallenge[] {
  const isDir = (p: string) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false; // a dangling or looping symlink is no challenge folder
    }
  };
  const names = readdirSync(dir)
    .filter((n) => !n.startsWith(".") && isDir(join(dir, n)))
    .sort();
  const items = names.map((n) => loadChallenge(join(dir, n)));
  const byUuid = new Map<string, TLoadedChallenge[]>();
  for (const it of items) {
    const uuid = it.spec?.uuid ?? peekUuid(it.dir);
    if (!uuid) continue;
    byUuid.set(uuid, [...(byUuid.get(uuid) ?? []), it]);
  }
  for (const [uuid, group] of byUuid) {
    if (group.length < 2) continue;
    for (const it of group) {
      it.errors.push(`challenge.yaml: uuid \`${uuid}\` is also used by ${group.filter((g) => g !== it).map((g) => `\`${g.slug}\``).join(", ")}; every challenge needs its own`);
      it.spec = undefined;
      it.contentHash = undefined;
      it.assets = undefined;
    }
  }
  return items;
}

/** The uuid of a folder whose yaml did not fully validate (for duplicate detection and sync issues). */
export function peekUuid(dir: string): string | undefined {
  try {
    const p = join(/* turbopackIgnore: true */ dir, CHALLENGE_FILES.yaml);
    const st = lstatSync(/* turbopackIgnore: true */ p);
    if (!st.isFile() || st.size > MAX_CHALLENGE_FILE_BYTES) return undefined;
    const v = parseYaml(readFileSync(/* turbopackIgnore: true */ p, "utf8")) as { uuid?: unknown } | null;
    return typeof v?.uuid === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v.uuid) ? v.uuid : undefined;
  } catch {
    return undefined;
  }
}

export { toStudentSpec } from "./student-spec";

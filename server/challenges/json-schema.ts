// JSON Schemas for editors, generated from the zod format (scripts/gen-challenge-schema.ts writes them).
import { z } from "zod";
import { ZCasesFile, ZChallengeYaml, ZMutantsFile } from "./schema";

function render(schema: z.ZodType, id: string, title: string): string {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return `${JSON.stringify({ $id: id, title, ...json }, null, 2)}\n`;
}

/** File name (relative to challenges/) -> its generated text. */
export function challengeJsonSchemas(): Record<string, string> {
  return {
    "schema.json": render(ZChallengeYaml, "https://bastion.local/challenges/schema.json", "Bastion challenge.yaml"),
    "cases.schema.json": render(ZCasesFile, "https://bastion.local/challenges/cases.schema.json", "Bastion cases.yaml"),
    "mutants.schema.json": render(ZMutantsFile, "https://bastion.local/challenges/mutants.schema.json", "Bastion mutants/mutants.yaml"),
  };
}

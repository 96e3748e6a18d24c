// Writes challenges/schema.json (challenge.yaml), cases.schema.json and mutants.schema.json from
// the zod format in server/challenges/schema.ts. A unit test fails when they are stale.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { challengeJsonSchemas } from "../server/challenges/json-schema";

const dir = join(import.meta.dirname, "..", "challenges");
for (const [name, text] of Object.entries(challengeJsonSchemas())) {
  writeFileSync(join(dir, name), text);
  console.log(`wrote challenges/${name}`);
}

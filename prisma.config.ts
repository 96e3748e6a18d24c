import { defineConfig } from "prisma/config";

// The Prisma CLI downloads a native schema engine before every command; that host is unreachable
// here. `generate` never runs it, so point it at a stub. Migrations use scripts/db/*.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "scripts/db/no-schema-engine.sh";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/bastion" },
});

// Offline replacement for `prisma migrate diff`: runs Prisma's own schema engine compiled to WASM
// (@prisma/schema-engine-wasm) through @prisma/adapter-pg. The native engine the Prisma CLI wants
// cannot be downloaded here. Three adapter-pg 7.10.1 bugs are worked around below (see
// ../shared/reference/stack.md §3.2 for the details).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";

export type TDiffFrom = { tag: "empty" } | { tag: "migrations" } | { tag: "schema"; path: string };

export const EMPTY_MIGRATION = "-- This is an empty migration.";

let wasmReady = false;
async function loadEngine() {
  if (wasmReady) return;
  const require = createRequire(import.meta.url);
  class PanicRegistry {
    message = "";
    get() {
      return this.message;
    }
    set_message(m: string) {
      this.message = `RuntimeError: ${m}`;
      console.error(`schema engine panic: ${m}`);
    }
  }
  (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = new PanicRegistry();
  const pkgDir = dirname(require.resolve("@prisma/schema-engine-wasm")); // its package.json is not exported
  const { instance } = await WebAssembly.instantiate(readFileSync(join(pkgDir, "schema_engine_bg.wasm")), {
    "./schema_engine_bg.js": bg as never,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  wasmReady = true;
}

function connectionFields(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: u.pathname.slice(1),
  };
}

let charPatched = false;
async function patchCharColumns(fields: ReturnType<typeof connectionFields>) {
  // Bug 2: pg's "char" (OID 18) columns cannot be deserialized; report them as ColumnType Character (6).
  if (charPatched) return;
  type Q = {
    performIO(q: unknown): Promise<{ fields: { dataTypeID: number }[] }>;
    queryRaw(q: unknown): Promise<{ columnTypes: number[] }>;
  };
  const probe = await new PrismaPg(fields).connect();
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(probe)) as Q;
  const { performIO, queryRaw } = proto;
  proto.queryRaw = async function (this: Q, q: unknown) {
    let charCols: number[] = [];
    this.performIO = async (qq: unknown) => {
      const r = await performIO.call(this, qq);
      charCols = r.fields.flatMap((f, i) => (f.dataTypeID === 18 ? [i] : []));
      for (const i of charCols) r.fields[i].dataTypeID = 25;
      return r;
    };
    try {
      const res = await queryRaw.call(this, q);
      for (const i of charCols) res.columnTypes[i] = 6;
      return res;
    } finally {
      delete (this as Partial<Q>).performIO;
    }
  };
  await probe.dispose();
  charPatched = true;
}

/** SQL that turns `from` into prisma/schema.prisma. Needs a reachable Postgres (for a shadow database). */
export async function schemaDiff(opts: { url: string; from: TDiffFrom; root?: string }): Promise<string> {
  await loadEngine();
  const root = opts.root ?? process.cwd();
  const fields = connectionFields(opts.url);
  async function admin(sql: string) {
    const c = new pg.Client(fields);
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  }
  // Bug 1: connectToShadowDb() connects to the main database; create and drop the shadow ourselves.
  class Factory extends PrismaPg {
    override async connectToShadowDb() {
      const db = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await admin(`CREATE DATABASE "${db}"`);
      const inner = await new PrismaPg({ ...fields, database: db }).connect();
      // Bug 3: the adapter's executeScript splits a migration on every ";" (in comments and function
      // bodies too). Postgres's simple-query protocol runs a whole script as it is, as `db:migrate` does.
      const shadow = inner as unknown as { client: pg.Pool; onError(e: unknown): never };
      inner.executeScript = async (script: string) => {
        try {
          await shadow.client.query(script);
        } catch (e) {
          shadow.onError(e);
        }
      };
      const dispose = inner.dispose.bind(inner);
      inner.dispose = async () => {
        await dispose();
        await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      };
      return inner;
    }
  }
  await patchCharColumns(fields);
  const schemaPath = resolve(root, "prisma/schema.prisma");
  const schema = readFileSync(schemaPath, "utf8");
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    (msg: string) => {
      if (process.env.DEBUG) console.error(msg);
    },
    bindMigrationAwareSqlAdapterFactory(new Factory(fields)),
  );
  const migDir = resolve(root, "prisma/migrations");
  const lockPath = join(migDir, "migration_lock.toml");
  const from =
    opts.from.tag === "empty"
      ? { tag: "empty" as const }
      : opts.from.tag === "schema"
        ? {
            tag: "schemaDatamodel" as const,
            files: [{ path: resolve(opts.from.path), content: readFileSync(opts.from.path, "utf8") }],
          }
        : {
            tag: "migrations" as const,
            baseDir: migDir,
            shadowDbInitScript: "",
            lockfile: { path: lockPath, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
            migrationDirectories: readdirSync(migDir)
              .filter((d) => existsSync(join(migDir, d, "migration.sql")))
              .sort()
              .map((d) => ({
                path: join(migDir, d),
                migrationFile: {
                  path: "migration.sql",
                  content: { tag: "ok" as const, value: readFileSync(join(migDir, d, "migration.sql"), "utf8") },
                },
              })),
          };
  try {
    const res = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return res.stdout ?? "";
  } finally {
    engine.free();
  }
}

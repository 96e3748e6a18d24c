// Lint: TypeScript rules plus the import-boundary table of docs/architecture.md.
// A boundary violation is an error, so `npm test` fails on it.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const forbid = (patterns, message) => ({ group: patterns, message });

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      ".next-*/",
      "server/generated/",
      ".data/",
      "test-results/",
      "playwright-report/",
      "tests/artifacts/",
      "next-env.d.ts",
      "challenges/**/*.js",
      "tests/fixtures/**/*.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    files: ["core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!\\.\\.?/)",
              message:
                "core/ is pure and runs in the browser too: no npm packages and no node:* modules, only relative imports of core/",
            },
            { regex: "^(\\.\\./)+(server|app|worker|scripts|tests|prisma)(/|$)", message: "core/ imports only core/" },
          ],
        },
      ],
      "no-restricted-globals": ["error", "process", "require", "Buffer", "__dirname"],
    },
  },
  {
    files: ["server/**/*.ts"],
    ignores: ["server/generated/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            forbid(
              ["next", "next/*", "next-auth", "next-auth/*", "react", "react-dom", "react/*"],
              "server/ is shared with the worker: no next/* and no react",
            ),
            forbid(["**/app/**", "@/app/*", "**/worker/**", "@/worker/*"], "server/ never imports app/ or worker/"),
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx", "proxy.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "isolated-vm", message: "only the worker loads the sandbox" }],
          patterns: [forbid(["**/worker/**", "@/worker/*"], "app/ never imports worker/")],
        },
      ],
    },
  },
  {
    files: ["worker/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            forbid(
              ["next", "next/*", "react", "react/*", "next-auth", "next-auth/*"],
              "the worker has no web framework",
            ),
            forbid(["**/app/**", "@/app/*"], "worker/ never imports app/"),
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.mjs", "scripts/**", "tests/**", "worker/**", "server/**", "*.config.*"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);

import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The sandbox's native addon is only ever loaded by the worker; keep it out of any bundle.
  serverExternalPackages: ["isolated-vm", "@node-rs/argon2", "pino"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with HTTP 403.
    authInterrupts: true,
    serverActions: { bodySizeLimit: "256kb" },
  },
  poweredByHeader: false,
  // `npm run typecheck` (part of npm test) checks types; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
};

export default nextConfig;

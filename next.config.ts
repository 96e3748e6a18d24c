import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // NEXT_DIST_DIR lets two builds of one checkout coexist (a benchmark and an e2e run, say).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The sandbox's native addon is only ever loaded by the worker; keep it out of any bundle.
  serverExternalPackages: ["isolated-vm", "@node-rs/argon2", "pino"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with HTTP 403.
    authInterrupts: true,
    serverActions: { bodySizeLimit: "256kb" },
  },
  poweredByHeader: false,
  // Headers for every response (pages also get a nonce-based Content-Security-Policy from proxy.ts).
  async headers() {
    const isHttps = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          ...(process.env.NODE_ENV === "production" && isHttps
            ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]
            : []),
        ],
      },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
  // `npm run typecheck` (part of npm test) checks types; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
};

export default nextConfig;

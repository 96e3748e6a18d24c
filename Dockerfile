# One image, two commands: the web app (default) and the grading worker (`npm run worker`).
# syntax=docker/dockerfile:1
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
# isolated-vm and argon2 build or load native code: the toolchain lives only in this stage.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/db/no-schema-engine.sh ./scripts/db/no-schema-engine.sh
# postinstall applies patches/ and rebuilds isolated-vm from the patched sources (SECURITY.md).
COPY patches ./patches
COPY scripts/rebuild-patched.mjs ./scripts/rebuild-patched.mjs
RUN npm ci --no-audit --no-fund

FROM deps AS build
WORKDIR /app
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npx next build

FROM node:20.20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
# bubblewrap: the worker runs its sandbox child without network or filesystem where the container may
# create user namespaces (SANDBOX_BWRAP=auto falls back to a plain child process with a warning).
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap && rm -rf /var/lib/apt/lists/*
RUN groupadd --system bastion && useradd --system --gid bastion --home /app bastion
COPY --from=build --chown=bastion:bastion /app /app
USER bastion
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npx", "next", "start", "-p", "3000"]

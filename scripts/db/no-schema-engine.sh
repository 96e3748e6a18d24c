#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on this network.
# `prisma generate` only needs the path to exist; migrations use scripts/db/migration-sql.mts.
echo "the native Prisma schema engine is not available here: use npm run db:diff / db:migrate" >&2
exit 1

#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on these machines.
# `prisma generate/validate/format` only check that an engine exists; anything that really needs it
# must fail loudly instead of silently doing nothing. Migrations run through `npm run db:migrate`.
echo "native schema engine not installed: use 'npm run db:migrate' and 'npm run db:migration:new'" >&2
exit 1

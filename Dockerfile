# One image for the api and the worker (the command differs), built from source.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/ensure-install.js tools/
# The same install as `npm start` (and its marker, so tools/run-ts.js does not install again at start).
RUN node -e "require('./tools/ensure-install').ensureInstalled()"
COPY . .
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "tools/run-ts.js", "apps/api/src/main.ts"]

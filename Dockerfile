# One image for the api and the worker (the command differs), built from source.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-save --no-audit --no-fund
COPY . .
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "tools/run-ts.js", "apps/api/src/main.ts"]

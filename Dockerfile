# kro-designer server image: the API and the built web app on Node 20, run from source through tsx.
#   docker build -t kro-designer .      (or: docker-compose up, see docker-compose.yml)
# There is no Docker engine on the development machines; `docker-compose config` checks the compose file only.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# The whole workspace (see .dockerignore): npm ci needs every workspace's manifest, and the web app is built here.
COPY . .
RUN npm ci --no-audit --no-fund \
 && if [ -f apps/web/package.json ]; then npm run build --if-present -w apps/web; fi \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
# Inside a container the server must listen on all interfaces, so accounts are on (single-user mode is refused
# there). Supply ADMIN_PASSWORD on first start, or run against a database that already has users.
ENV HOST=0.0.0.0 \
    PORT=8080 \
    AUTH=local \
    DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# Numeric (the image's `node` user) so Kubernetes' runAsNonRoot can verify it; see deploy/deployment.yaml.
USER 1000:1000
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/start.mjs"]

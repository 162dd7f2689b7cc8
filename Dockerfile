# kro-designer server image: the API (and the web app once apps/web is built) on Node 20, from source through tsx.
#   docker build -t kro-designer .      (or: docker-compose up, see docker-compose.yml)
FROM node:20-bookworm-slim

WORKDIR /app
ENV NODE_ENV=production
# Workspace manifests first, so dependency layers are cached across source changes.
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/contracts/package.json packages/contracts/
COPY packages/cli/package.json packages/cli/
COPY apps/api/package.json apps/api/
COPY tools/cluster/package.json tools/cluster/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY scripts/ scripts/
COPY examples/ examples/
COPY packages/ packages/
COPY apps/ apps/

# Inside a container the server must listen on all interfaces, so accounts are on (single-user mode is refused
# there). Supply ADMIN_PASSWORD on first start, or run against a database that already has users.
ENV HOST=0.0.0.0 \
    PORT=8080 \
    AUTH=local \
    DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "scripts/start.mjs"]

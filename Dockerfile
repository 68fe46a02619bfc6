# Greenroom's production image: one process serves the app and the API on 7007.
#
#   docker build -t greenroom .
#   docker run -p 7007:7007 -e GREENROOM_BASE_URL=http://localhost:7007 \
#     -e POSTGRES_HOST=... -e POSTGRES_PORT=5432 -e POSTGRES_USER=... -e POSTGRES_PASSWORD=... \
#     -e BACKEND_SECRET=... -e AUTH_GITHUB_CLIENT_ID=... -e AUTH_GITHUB_CLIENT_SECRET=... greenroom

# Stage 1: only the package.json files, so the dependency layer is cached
# until one of them or yarn.lock changes.
FROM node:24-bookworm-slim AS packages
WORKDIR /app
COPY backstage.json package.json yarn.lock .yarnrc.yml ./
COPY .yarn ./.yarn
COPY packages packages
COPY plugins plugins
COPY handbook handbook
COPY deploy/package.json deploy/
RUN find packages plugins -mindepth 2 -maxdepth 2 \! -name package.json -exec rm -rf {} \+ && \
    find handbook -type f \! -name package.json -delete

# Stage 2: install everything, type-check, and build the backend bundle, which
# includes the built app, with the script the production browser test runs.
FROM node:24-bookworm-slim AS build
RUN apt-get update && \
    apt-get install -y --no-install-recommends python3 g++ make && \
    rm -rf /var/lib/apt/lists/*
USER node
WORKDIR /app
COPY --from=packages --chown=node:node /app .
RUN yarn install --immutable
COPY --chown=node:node . .
RUN yarn tsc && scripts/build-production.sh dist/production

# Stage 3: production dependencies and the bundle only, run as a non-root user.
FROM node:24-bookworm-slim
RUN apt-get update && \
    apt-get install -y --no-install-recommends python3 g++ make && \
    rm -rf /var/lib/apt/lists/*
USER node
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build --chown=node:node /app/dist/production/skeleton/ ./
RUN yarn workspaces focus --all --production && rm -rf "$(yarn cache clean)"
COPY --from=build --chown=node:node /app/dist/production/bundle/ ./
EXPOSE 7007
CMD ["node", "packages/backend", "--config", "app-config.yaml", "--config", "app-config.production.yaml"]

# One image for the API and the worker (docker-compose.yaml picks the command).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY src ./src
COPY tsconfig.json ./
USER node
ENV NODE_ENV=production
CMD ["npm", "run", "worker"]

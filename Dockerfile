# zoomhls sidecar image: Node 20 + Debian ffmpeg. Build: docker build -t zoomhls .
# Run:  docker run --env-file zoomhls.env -p 8787:8787 \
#         -v /var/www/moodledata/repository/zoomhls:/data/repository zoomhls
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg fonts-dejavu-core ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && npm install -g pnpm@10.34.9
WORKDIR /opt/zoomhls
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY sidecar/package.json sidecar/
RUN pnpm install --frozen-lockfile --filter @zoomhls/sidecar... --prod=false
COPY sidecar sidecar
ENV ZOOMHLS_HOST=0.0.0.0 \
    ZOOMHLS_DATA_DIR=/data \
    ZOOMHLS_DATABASE_URL=sqlite:/data/zoomhls.sqlite \
    ZOOMHLS_MEDIA_DIR=/data/media \
    ZOOMHLS_REPOSITORY_DIR=/data/repository
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 8787
USER node
# SIGTERM (docker stop) lets the current job finish or releases its lease.
STOPSIGNAL SIGTERM
CMD ["pnpm", "--silent", "--filter", "@zoomhls/sidecar", "run", "start"]

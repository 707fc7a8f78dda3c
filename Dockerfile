# The production image: the `stige` binary and the built web app.
FROM rust:1.95-bookworm AS build
WORKDIR /src
RUN rustup target add wasm32-unknown-unknown \
    && apt-get update && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
# The pinned binaryen (from npm), the wasm optimiser `cargo xtask build-web` runs.
COPY frontend/tools/package.json frontend/tools/package-lock.json frontend/tools/
RUN cd frontend/tools && npm ci --no-audit --no-fund
COPY . .
RUN cargo xtask build-web && cargo build --release -p stige-api --bin stige

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 ca-certificates \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /var/lib/stige stige \
    && mkdir -p /var/backups/stige && chown stige /var/backups/stige
COPY --from=build /src/target/release/stige /usr/local/bin/stige
COPY --from=build /src/frontend/dist /usr/share/stige/web
ENV STIGE_WEB_DIR=/usr/share/stige/web STIGE_BIND=0.0.0.0:8080
USER stige
EXPOSE 8080 9464
CMD ["stige", "serve"]

# lapor1708: multi-stage build on Debian 12 (bookworm).
#
#   docker build -t lapor1708 .
#   docker run --rm -p 8080:8080 -e REDIS_URL=redis://redis-host:6379/0 \
#     -e LAPOR1708_KANNEL_SECRET=... -e LAPOR1708_AFRICASTALKING_TOKEN=... lapor1708
#   docker run --rm -e LAPOR1708_KANNEL_SECRET=... -e LAPOR1708_AFRICASTALKING_TOKEN=... \
#     lapor1708 check-config                        # validate the baked-in config and data
# The image listens on 0.0.0.0, where the example webhook secrets of config/default.json are
# refused: each deployment sets its own.
#
# Without a Docker engine, scripts/image builds this file with buildah on base images it makes
# with debootstrap, then runs check-config and serves the image until /readyz answers.
#
# The build stage installs and builds with the same scripts as scripts/run
# (scripts/install-deps, scripts/build), so the image and a developer machine cannot drift.
#
# The runtime stage holds only the binary (its Lua scripts are compiled in), config/, dialogs/,
# templates/ and data/ (the map of Indonesia, data/wilayah), under /opt/lapor1708.

#-----------------------------------------------------------------------------------------------
FROM debian:bookworm AS build

WORKDIR /opt/lapor1708
# Dependencies first: this layer is rebuilt only when the package list changes.
COPY scripts/install-deps scripts/install-deps
RUN scripts/install-deps && rm -rf /var/lib/apt/lists/*

COPY . .
# Release, no tests; output in build/, binary build/lapor1708.
RUN scripts/build \
 && build/lapor1708 check-config --config config/default.json

#-----------------------------------------------------------------------------------------------
# Same Debian release, without the compiler: only the shared libraries the binary links
# (Boost, nlohmann-json are header-only here), and curl for the health check.
FROM debian:bookworm-slim AS runtime

RUN apt-get update \
 && apt-get install -y --no-install-recommends libhiredis0.14 libre2-9 libssl3 curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin lapor

WORKDIR /opt/lapor1708
# Code and data stay owned by root: the server only reads them (template edits go to Redis).
COPY --from=build /opt/lapor1708/build/lapor1708 build/lapor1708
COPY --from=build /opt/lapor1708/config config
COPY --from=build /opt/lapor1708/dialogs dialogs
COPY --from=build /opt/lapor1708/templates templates
COPY --from=build /opt/lapor1708/data data

# Config and addresses from the environment (each overrides config/default.json; see its
# _doc): mount another config and point LAPOR1708_CONFIG at it, set REDIS_URL to your Redis
# (redis://[:password@]host[:port][/db]). LAPOR1708_LISTEN must listen beyond loopback in a
# container.
ENV LAPOR1708_CONFIG=/opt/lapor1708/config/default.json \
    LAPOR1708_LISTEN=0.0.0.0:8080 \
    REDIS_URL=redis://redis:6379/0

USER lapor:lapor
EXPOSE 8080

# Liveness only (/healthz answers while the process serves, Redis up or not; /readyz says
# whether Redis is reachable, for a load balancer). The port follows LAPOR1708_LISTEN.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${LAPOR1708_LISTEN##*:}/healthz" || exit 1

# lapor1708 handles SIGTERM (docker stop) itself: it stops accepting, finishes what is in flight.
ENTRYPOINT ["/opt/lapor1708/build/lapor1708"]
CMD ["serve"]

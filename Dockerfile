# cdnbench in a container: Node 20 slim, cdnbench installed from this checkout as a packed tarball (the
# same artifact `npm pack` makes), the real caching engines optional. UNTESTED in this repository's CI:
# its machines have no container runtime (see docs/install.md).
#   docker build -t cdnbench:0.1.0 .                                           # at the release tag you pin
#   docker build -t cdnbench:0.1.0-engines --build-arg ENGINES="varnish nginx trafficserver" .
#   docker run --rm -v "$PWD/reports:/reports" cdnbench:0.1.0 run slo-smoke --lab --duration 5s --out /reports/smoke
#   docker run --rm cdnbench:0.1.0 check slo-smoke --target https://staging.example.com/ --slo /usr/local/lib/node_modules/cdnbench/examples/slo.yaml
FROM node:20-slim AS build
WORKDIR /src
COPY . .
# prepare builds dist/ during npm ci; npm pack then makes the tarball users install.
RUN npm ci --no-audit --no-fund && npm pack --pack-destination /tmp

FROM node:20-slim
ARG ENGINES=""
RUN if [ -n "$ENGINES" ]; then apt-get update && apt-get install -y --no-install-recommends $ENGINES && rm -rf /var/lib/apt/lists/*; fi
COPY --from=build /tmp/cdnbench-*.tgz /tmp/
RUN npm install --global --no-audit --no-fund /tmp/cdnbench-*.tgz && rm /tmp/cdnbench-*.tgz && mkdir -p /reports && chown node:node /reports
USER node
WORKDIR /reports
ENTRYPOINT ["cdnbench"]
CMD ["--help"]

# factdb: the JSON API (with Datasette at /datasette/) over a database built from seeds/.
#
#   docker build -t factdb .
#   docker run -p 8000:8000 factdb                      # http://127.0.0.1:8000/
#
# Your own articles: see docs/publishing.md ("Docker").

# --- builder: the locked dependencies in a venv, and factdb's wheel installed into it --------
FROM python:3.11-slim AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
WORKDIR /src
COPY requirements.lock ./
RUN /opt/venv/bin/pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY factdb/ factdb/
COPY api/ api/
# A built wheel, not an editable checkout: it carries factdb's SQL, schema docs and event
# lexicon as package data (docs/adr/0008-package-data.md).
RUN /opt/venv/bin/pip wheel --no-deps --no-build-isolation --no-index -w /tmp/dist . \
    && /opt/venv/bin/pip install --no-deps --no-index /tmp/dist/factdb-*.whl \
    && /opt/venv/bin/pip check
WORKDIR /app
COPY seeds/ seeds/

# --- final: slim runtime, non-root, database built at image build time ---------------------
FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    FACTDB_DB=/data/factdb.duckdb \
    FACTDB_PUBLISH_DIR=/data/publish
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin factdb \
    && mkdir -p /data /articles \
    && chown factdb:factdb /data /articles
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /app /app
WORKDIR /app
USER factdb
RUN factdb load seeds/ --db /data/factdb.duckdb --quiet \
    && factdb publish /data/publish --db /data/factdb.duckdb
# Declared after the database is built, so a new volume starts with it.
VOLUME ["/articles", "/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4); sys.exit(0 if r.status == 200 else 1)"]
CMD ["factdb", "serve", "--host", "0.0.0.0", "--port", "8000", "--db", "/data/factdb.duckdb"]

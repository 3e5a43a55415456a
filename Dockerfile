# helpdesk-loyalty: the webhook server. SQLite by default (mount /data); set HL_DATABASE_URL to a
# postgresql:// URL to share work between several containers.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HL_HOST=0.0.0.0 \
    HL_PORT=8080 \
    HL_DATABASE_URL=sqlite:////data/helpdesk-loyalty.db \
    HL_RULES_FILE=/app/rules/rules.toml \
    HL_RULES_DIR=/app/rules

WORKDIR /app
COPY pyproject.toml README.md ./
COPY helpdesk_loyalty ./helpdesk_loyalty
COPY connectors ./connectors
COPY rules ./rules
RUN pip install --no-cache-dir ".[postgres]" \
    && useradd --system --uid 10001 --home-dir /app loyalty \
    && mkdir -p /data && chown loyalty /data

USER loyalty
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=2)" || exit 1
CMD ["helpdesk-loyalty", "serve"]

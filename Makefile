# orderly — every task a developer or CI runs. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# uv from PATH, else a private copy bootstrapped from PyPI into .var/tools.
UV_ON_PATH := $(shell command -v uv 2>/dev/null)
UV := $(if $(UV_ON_PATH),$(UV_ON_PATH),$(CURDIR)/.var/tools/bin/uv)
PYTHON := $(shell command -v python3 2>/dev/null || command -v python)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run serve migrate migration new-context seed test lint format typecheck contracts unit integration deploy-check openapi asyncapi client api-lint fuzz docs-check bench bench-events profile strip-example image image-smoke clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(CURDIR)/.var/tools/bin/uv:
	@echo "uv not found on PATH: installing a private copy into .var/tools"
	$(PYTHON) -m venv .var/tools
	.var/tools/bin/pip install --quiet uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

install: .venv/.synced ## Create .venv from uv.lock (bootstraps uv if missing)

run: install ## Find or start PostgreSQL, migrate, seed demo data, serve on http://127.0.0.1:8000
	@DATABASE_URL="$$($(PYTHON) scripts/pg_provision.py)"; export DATABASE_URL; \
	  echo "Using database $${DATABASE_URL%%\?*}"; \
	  $(UV) run orderly migrate && $(UV) run orderly seed && \
	  echo "Serving on http://$(HOST):$(PORT) (OpenAPI UI at http://$(HOST):$(PORT)/docs)" && \
	  $(UV) run orderly serve --host $(HOST) --port $(PORT)

migrate: install ## Create the database if missing and migrate it to head (uses DATABASE_URL)
	$(UV) run orderly migrate

migration: install ## New migration from the tables: make migration MSG="what changes" (autogenerate on a throwaway database)
	$(if $(MSG),,$(error make migration needs MSG="what the migration changes"))
	$(UV) run python scripts/new_migration.py "$(MSG)"

new-context: install ## New bounded context, every layer, tested: make new-context NAME=returns [AGGREGATE=Return]
	$(if $(NAME),,$(error make new-context needs NAME=<snake_case plural>, e.g. NAME=returns))
	$(UV) run python scripts/new_context.py "$(NAME)" $(if $(AGGREGATE),--aggregate "$(AGGREGATE)")
	$(MAKE) openapi asyncapi client

seed: install ## Add the demo data once (uses DATABASE_URL)
	$(UV) run orderly seed

test: lint typecheck contracts ## Everything CI checks: lint, format, types, architecture, all tests + coverage
	$(UV) run pytest --cov --cov-report=term-missing:skip-covered

lint: install ## ruff lint and format check
	$(UV) run ruff check .
	$(UV) run ruff format --check .

format: install ## Apply ruff fixes and formatting
	$(UV) run ruff check --fix .
	$(UV) run ruff format .

typecheck: install ## mypy --strict over src
	$(UV) run mypy

contracts: install ## import-linter: the dependency rule between layers
	$(UV) run lint-imports

unit: install ## Unit tests only (in-memory adapters, seconds)
	$(UV) run pytest tests/unit

integration: install ## Integration tests only (real PostgreSQL, Redis)
	$(UV) run pytest tests/integration

deploy-check: install ## Validate the Dockerfile, compose files, CI workflow and Kubernetes overlays (offline)
	$(UV) run pytest tests/deploy --no-cov

openapi: install ## Accept the served OpenAPI document as the snapshot docs/openapi.json
	$(UV) run python scripts/openapi_snapshot.py

asyncapi: install ## Regenerate docs/asyncapi.yaml from the events in the code
	$(UV) run python scripts/asyncapi.py

client: install ## Generate the typed Python client clients/python/ from docs/openapi.json
	PATH="$(CURDIR)/.venv/bin:$$PATH" $(UV) tool run --from openapi-python-client==0.29.1 \
	  openapi-python-client generate --path docs/openapi.json --output-path clients/python/orderly_client \
	  --meta none --overwrite --fail-on-warning
	sha256sum docs/openapi.json | cut -d' ' -f1 > clients/openapi.sha256

tools/spectral/node_modules/.installed: tools/spectral/package.json tools/spectral/package-lock.json
	npm ci --prefix tools/spectral --ignore-scripts --no-audit --no-fund
	@touch $@

api-lint: tools/spectral/node_modules/.installed ## Spectral (pinned in tools/spectral): OpenAPI + OWASP rules on docs/openapi.json, AsyncAPI rules on docs/asyncapi.yaml
	NODE_PATH="$(CURDIR)/tools/spectral/node_modules" tools/spectral/node_modules/.bin/spectral lint \
	  --ruleset .spectral.yaml --fail-severity warn docs/openapi.json docs/asyncapi.yaml

fuzz: install ## schemathesis against the running service (fresh database, demo data; ~1 min)
	UV="$(UV)" $(UV) run python scripts/fuzz.py

docs-check: install ## /docs in headless Chromium (the system's), offline: Authorize, GET /users/me -> 200
	$(UV) run --with playwright==1.65.3 python scripts/docs_check.py

image: install ## Build the container image orderly:dev (docker, else podman)
	$(UV) run python scripts/container_image.py build

image-smoke: install ## Build the image, then migrate, serve, check /health/ready, non-root, SIGTERM -> 0
	$(UV) run python scripts/container_image.py smoke

bench: install ## Load-test the service against a raw Starlette+asyncpg baseline (needs wrk)
	@DATABASE_URL="$$($(PYTHON) scripts/pg_provision.py)"; export DATABASE_URL; $(UV) run python -m bench

profile: install ## Per-request µs of each layer, in-process on in-memory data: service vs bare FastAPI vs raw (seconds)
	$(UV) run python -m bench.profile

bench-events: install ## Event throughput and order→invoice latency, in-process and via RabbitMQ (needs rabbitmqctl)
	@DATABASE_URL="$$($(PYTHON) scripts/pg_provision.py)"; export DATABASE_URL; $(UV) run python -m bench.events

strip-example: install ## Remove the catalog/ordering/billing example: the skeleton a new service starts from (clean tree only)
	$(UV) run python scripts/strip_example.py

clean: ## Stop the throwaway PostgreSQL and remove local state (.var, caches)
	-$(PYTHON) scripts/pg_provision.py --stop
	rm -rf .var .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov

# The README's two commands are `make run` and `make test`.
GO ?= go
export PATH := $(PATH):/usr/local/go/bin
HEED_TEST_POSTGRES ?= postgres://postgres@127.0.0.1:5432/heed_test?sslmode=disable
export HEED_TEST_POSTGRES

.PHONY: run build test lint bench deps

# Build Heed and start it on SQLite (heed.db in this directory).
run: build
	./bin/heed serve

build:
	$(GO) build -o bin/heed ./cmd/heed

# Every test, on SQLite and PostgreSQL, and the pages in headless Chromium
# (each started or installed as needed).
test: lint deps
	$(GO) test -count=1 -timeout 20m ./...

# What the tests need: PostgreSQL, Chromium, and axe-core from npm.
deps:
	./scripts/ensure-postgres.sh
	./scripts/ensure-chromium.sh
	npm ci --no-audit --no-fund --loglevel=error

lint:
	@test -z "$$(gofmt -l .)" || { echo "Not gofmt-formatted:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

# Benchmarks and large runs: outside the test command.
# HEED_BENCH_RECORDS sets the size of the import benchmark (default 100000).
bench: deps
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

# The README's two commands are `make run` and `make test`.
GO ?= go
export PATH := $(PATH):/usr/local/go/bin
HEED_TEST_POSTGRES ?= postgres://postgres@127.0.0.1:5432/heed_test?sslmode=disable
export HEED_TEST_POSTGRES

.PHONY: run build assets test lint bench fuzz deps audit

# Heed's version, as heed --version prints it: the git tag or commit, or
# "devel" outside a git checkout.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)

# govulncheck, run from the Go module proxy so that nothing is installed.
GOVULNCHECK ?= golang.org/x/vuln/cmd/govulncheck@v1.9.0

# Build Heed and start it on SQLite (heed.db in this directory).
run: build
	./bin/heed serve

build: assets
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o bin/heed ./cmd/heed

# The GOV.UK Frontend stylesheet and script, compiled from the npm packages
# into web/static, which the Go build embeds.
assets: node_modules/.package-lock.json
	npm run --silent build

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Every test, on SQLite and PostgreSQL, and the pages in headless Chromium
# (each started or installed as needed).
test: lint deps
	$(GO) test -count=1 -timeout 20m ./...

# What the tests need: PostgreSQL, Chromium, poppler (to open the PDF),
# LibreOffice (to open the DOCX), the built assets and axe-core.
deps: assets
	./scripts/ensure-postgres.sh
	./scripts/ensure-chromium.sh
	./scripts/ensure-poppler.sh
	./scripts/ensure-libreoffice.sh

lint:
	@test -z "$$(gofmt -l .)" || { echo "Not gofmt-formatted:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

# Benchmarks and large runs: outside the test command.
# HEED_BENCH_RECORDS sets the size of the import benchmark (default 100000).
# BenchmarkWebLoad (web/load_test.go) is the web load test: 50 clients over
# 1,000,000 records on each backend; HEED_LOAD_RECORDS=100000 for a quicker run.
# BenchmarkDashboard (sqlstore) times the dashboard over 1,000,000 records
# (HEED_BENCH_DASHBOARD sets the size; HEED_BENCH_EXPLAIN=1 logs the plans).
bench: deps fuzz
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./...

# A short fuzzing run of every reader of outside input (FUZZTIME each, 30s by
# default). The seed corpora run in `make test`; a crasher found here is
# written to the package's testdata/fuzz and then runs there too: keep it.
FUZZTIME ?= 30s
FUZZ_TARGETS = ./sheet:FuzzReadCSV ./sheet:FuzzReadXLSX ./csvcell:FuzzRoundTrip ./web:FuzzReadForm \
	./calendar:FuzzParseDate ./calendar:FuzzParseBankHolidaysJSON ./doctype:FuzzDetect .:FuzzSplitLessonKey
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$name ($$pkg) for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

# Known vulnerabilities in the code Heed runs: govulncheck over the Go
# modules (it reads the Go vulnerability database, vuln.go.dev) and npm audit
# over the npm packages built into Heed (the test-only ones left out). Run it
# on a build server that reaches both; it is not part of make test. Both
# run even when the first fails.
audit:
	@status=0; \
	$(GO) run $(GOVULNCHECK) ./... || status=1; \
	npm audit --omit=dev || status=1; \
	exit $$status

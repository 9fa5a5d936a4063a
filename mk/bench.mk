# Site-build benchmark: guides against Hugo and against goldmark alone (the
# floor) on a generated bilingual corpus. See bench/cmd/bench for the table.
# Every run writes a fresh output kept until its size is done: about 7 GB
# under $TMPDIR at 5,000 guides per locale.

GO ?= go
# Guides per locale, comma-separated; the table counts both locales.
BENCH_PAGES ?= 1000,5000

.PHONY: bench-deps bench-site

# Hugo is the comparison; Debian's package is the version measured.
bench-deps:
	command -v hugo >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y hugo)

# Prints one Markdown table on stdout (progress on stderr). Exits non-zero only
# when a tool fails, not when a target is missed.
bench-site: bench-deps
	$(GO) run ./bench/cmd/bench -pages $(BENCH_PAGES)

# Profile-guided optimization: cmd/guides/default.pgo, which `go build` uses
# for the guides binary, is a CPU profile of an in-memory build of the
# benchmark corpus (internal/site's BenchmarkBuild). Record it again when the
# hot paths change; a stale profile still works, it just helps less.
.PHONY: pgo
pgo:
	$(GO) test -pgo=off -run '^$$' -bench BenchmarkBuild -benchtime 10x -cpuprofile cmd/guides/default.pgo ./internal/site
	rm -f site.test

# runner-worker: what its sandbox needs on the machine, its tests, its benchmark.
#
#   make runner-deps   bubblewrap, prlimit, python3, node, sqlite3, and the Go std build cache
#   make runner-test   the runner's tests alone (they use the real sandbox)
#   make bench-runner  one Markdown table: Submit times, sandbox overhead, a load run
#
# runner-deps needs root (apt-get, /var/cache); so does the runner itself, to
# run each worker slot as a uid of its own.

RUNNER_CACHE   ?= /var/cache/guides-runner
RUNNER_GOCACHE := $(RUNNER_CACHE)/gocache
RUNNER_GOROOT  ?= $(shell $(GO) env GOROOT)
RUNNER_APT     := bubblewrap util-linux python3 nodejs sqlite3
RUNNER_BENCH   ?= -n 20 -load 15s -clients 8

.PHONY: runner-deps runner-test bench-runner

runner-deps:
	@missing=""; \
	for c in bwrap prlimit /usr/bin/python3 /usr/bin/node /usr/bin/sqlite3; do \
		command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "runner-deps: installing $(RUNNER_APT) (missing:$$missing)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(RUNNER_APT) >/dev/null; \
	fi
	@# Candidates' Go builds against this cache, mounted read-only at /gocache
	@# in the sandbox: building std per run would take seconds. Its importcfg
	@# (std's compiled packages, with GOCACHE/ standing for wherever the cache
	@# is mounted) lets the runner call the compiler and linker directly. Both are rebuilt when the toolchain
	@# changes; the environment is the sandbox's, so the entries match. The go
	@# command keeps its telemetry in the user's config directory: given a
	@# throwaway one, it leaves HOME=/nonexistent nonexistent.
	@want="$$($(RUNNER_GOROOT)/bin/go version) $(RUNNER_GOROOT) importcfg:GOCACHE/"; \
	if [ "$$(cat $(RUNNER_GOCACHE)/guides-std 2>/dev/null)" != "$$want" ] || [ ! -s $(RUNNER_GOCACHE)/importcfg ]; then \
		echo "runner-deps: building the Go std cache in $(RUNNER_GOCACHE) (half a minute)"; \
		rm -rf $(RUNNER_GOCACHE).new $(RUNNER_GOCACHE).config && mkdir -p $(RUNNER_GOCACHE).new && \
		goenv="PATH=/usr/bin:/bin HOME=/nonexistent XDG_CONFIG_HOME=$(RUNNER_GOCACHE).config GOENV=off GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-buildvcs=false CGO_ENABLED=0 GOROOT=$(RUNNER_GOROOT) GOPATH=/nonexistent GOCACHE=$(RUNNER_GOCACHE).new" && \
		env -i $$goenv $(RUNNER_GOROOT)/bin/go build std && \
		env -i $$goenv $(RUNNER_GOROOT)/bin/go list -export -f '{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}' std \
			| sed 's#=$(RUNNER_GOCACHE).new/#=GOCACHE/#' > $(RUNNER_GOCACHE).new/importcfg && \
		echo "$$want" > $(RUNNER_GOCACHE).new/guides-std && \
		rm -rf $(RUNNER_GOCACHE).config && \
		chmod -R a+rX,go-w $(RUNNER_GOCACHE).new && \
		rm -rf $(RUNNER_GOCACHE) && mv $(RUNNER_GOCACHE).new $(RUNNER_GOCACHE); \
	fi
	@if [ "$(RUNNER_GOROOT)" != /usr/local/go ]; then \
		echo "runner-deps: start runner-worker with -goroot $(RUNNER_GOROOT)"; \
	fi

runner-test: runner-deps
	$(GO) test -count=1 ./runner-worker/...

bench-runner: runner-deps
	@$(GO) run ./runner-worker/bench -samples content/samples $(RUNNER_BENCH)

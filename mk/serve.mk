# Dev-server reload benchmark: the time from editing a guide to the browser's
# reload in `guides serve`, beside `hugo server` on the same edit of the same
# generated corpus. See internal/devserver/reloadbench.
#
#   make bench-serve                          5,000 guides per locale in a temp dir, removed after
#   make bench-serve BENCH_SERVE_DIR=/tmp/c   use (or first generate) the corpus in /tmp/c, kept
#   make bench-serve BENCH_SERVE_FLAGS='-mode title'

GO ?= go
BENCH_SERVE_PAGES ?= 5000
BENCH_SERVE_DIR   ?=
BENCH_SERVE_FLAGS ?=

.PHONY: bench-serve

# Prints one Markdown table on stdout (details on stderr).
bench-serve: bench-deps
	@dir="$(BENCH_SERVE_DIR)"; \
	if [ -z "$$dir" ]; then \
		dir=$$(mktemp -d /tmp/bench-serve.XXXXXX) || exit 1; \
		trap 'rm -rf "$$dir"' EXIT; trap 'exit 130' INT TERM; \
	fi; \
	if [ ! -d "$$dir/content" ] || [ ! -d "$$dir/hugo" ]; then \
		echo "bench-serve: writing $(BENCH_SERVE_PAGES) guides per locale to $$dir" >&2; \
		$(GO) run ./bench/cmd/corpus -pages $(BENCH_SERVE_PAGES) -out "$$dir" || exit 1; \
	fi; \
	$(GO) run ./internal/devserver/reloadbench -content "$$dir/content" -hugo "$$dir/hugo" $(BENCH_SERVE_FLAGS)

# The two commands a new clone needs: `make run` and `make test`.
# Each installs what the machine lacks (Debian packages, npm modules), then
# does its job. Fragments in mk/ add the runner's and the benchmarks' targets.

GO      ?= go
BIN     := bin
PORT        ?= 1313
RUNNER_PORT ?= 8090
SITE    ?= http://localhost:$(PORT)
RUNNER  ?= http://127.0.0.1:$(RUNNER_PORT)
APT_PKGS := bubblewrap chromium sqlite3

.PHONY: all run test bench deps build site check fmt vet

all: build

# System packages the tests and the runner need. apt-get runs only when one is missing.
deps:
	@missing=""; \
	for c in bwrap chromium sqlite3; do command -v $$c >/dev/null 2>&1 || missing=1; done; \
	if [ -n "$$missing" ]; then \
		echo "installing $(APT_PKGS)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PKGS) >/dev/null; \
	fi
	@# npm modules of the widget (esbuild bundles them); refreshed when the lockfile changes.
	@if [ -f package-lock.json ] && [ ! node_modules/.package-lock.json -nt package-lock.json ]; then \
		npm ci --no-audit --no-fund; \
	fi

build: deps
	$(GO) build -o $(BIN)/guides ./cmd/guides
	@if [ -f runner-worker/main.go ]; then $(GO) build -o $(BIN)/runner-worker ./runner-worker; fi

site: build
	$(BIN)/guides build -base-url $(SITE) -runner-url $(RUNNER)

check: build
	$(BIN)/guides check

# Build the site, then serve it on :1313 with the runner on :8090; Ctrl-C stops both.
# Other ports: make run PORT=1414 RUNNER_PORT=8190.
# A content error does not stop it: serve shows the problems on every page
# until they are fixed, so public/ is built when it can be, not required.
# (A trap that ran `kill 0` sent itself TERM again and again: the shell died
# of a segmentation fault on every Ctrl-C.)
# Both servers run in the background of one shell, which waits for them:
# a wait, unlike a command in the foreground, returns at once on Ctrl-C or
# on the SIGTERM that make passes on (an IDE's stop button), and the trap
# stops both. When serve exits by itself (port taken), the runner stops too.
run: build runner-deps
	@$(BIN)/guides build -base-url $(SITE) -runner-url $(RUNNER) || echo "guides build failed (above): serving anyway, every page shows the problems until they are fixed"
	@runner=; serve=; \
	stop() { kill $$serve $$runner 2>/dev/null; wait $$serve $$runner 2>/dev/null; serve=; runner=; }; \
	trap 'stop; exit 130' INT; trap 'stop; exit 143' TERM; trap stop EXIT; \
	if [ -x $(BIN)/runner-worker ]; then \
		$(BIN)/runner-worker -addr 127.0.0.1:$(RUNNER_PORT) -samples content/samples -origin $(SITE) -origin http://127.0.0.1:$(PORT) & \
		runner=$$!; \
		sleep 1; \
		if ! kill -0 $$runner 2>/dev/null; then echo "runner-worker did not start (above): try blocks could not run code"; exit 1; fi; \
	fi; \
	echo "site: $(SITE)/  runner: $(RUNNER)"; \
	$(BIN)/guides serve -addr 127.0.0.1:$(PORT) -runner-url $(RUNNER) & \
	serve=$$!; \
	wait $$serve

test: deps runner-deps
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 12m ./...

bench: build bench-site bench-serve bench-runner

fmt:
	gofmt -w $$(git ls-files '*.go')

-include mk/*.mk

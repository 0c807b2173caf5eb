# kubectl-argo-submit — see README.md ("Development") for what each target does.
BINARY   := kubectl-argo_submit
BIN_DIR  := bin
PKG      := ./cmd/kubectl-argo_submit
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo v0.0.0-dev)
COMMIT   ?= $(shell git rev-parse HEAD 2>/dev/null)
# The commit's own date, not the build time, so a build is reproducible.
DATE     ?= $(shell git log -1 --format=%cI 2>/dev/null)
LDFLAGS  := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.date=$(DATE)
GOFLAGS_BUILD := -trimpath -ldflags "$(LDFLAGS)"

.PHONY: all build install test unit e2e lint fuzz docs clean e2e-servers demo demo-down dist krew-manifest bench

all: build

build:
	CGO_ENABLED=0 go build $(GOFLAGS_BUILD) -o $(BIN_DIR)/$(BINARY) $(PKG)

# Installs into $(go env GOBIN) or $(go env GOPATH)/bin: put it on PATH and run `kubectl argo-submit`.
# The completion helper goes beside it, where kubectl (1.26+) looks for kubectl_complete-argo_submit.
install:
	CGO_ENABLED=0 go install $(GOFLAGS_BUILD) $(PKG)
	@bin="$$(go env GOBIN)"; gopath="$$(go env GOPATH)"; bin="$${bin:-$${gopath%%:*}/bin}"; \
		install -m 0755 hack/completion/kubectl_complete-argo_submit "$$bin/" && \
		echo "installed $$bin/$(BINARY) and $$bin/kubectl_complete-argo_submit"

# Release archives for every platform and their checksums.txt in dist/, reproducible from the commit:
# make dist VERSION=v0.1.0. VERSION must be given: the git-describe default is no release version.
dist:
	@if [ "$(origin VERSION)" = file ]; then echo "make dist needs a release version: make dist VERSION=v0.1.0" >&2; exit 2; fi
	rm -rf dist
	go run ./hack/dist -version $(VERSION) -out dist

# plugins/argo-submit.yaml, the krew manifest of the release, rendered from krew-manifest.yaml (the
# krew-release-bot template) with the sha256 sums of dist/: make krew-manifest VERSION=v0.1.0.
krew-manifest: dist
	go run ./hack/krewmanifest -version $(VERSION) -checksums dist/checksums.txt -out plugins/argo-submit.yaml

# The README's test command and what CI runs: lint, then every test: unit, command-level through real
# kubectl plugin dispatch, and e2e against real servers (test/e2e), built first if not cached.
test: lint unit e2e

# etcd, kube-apiserver, kube-controller-manager, argo and krew, built once into
# $${XDG_CACHE_HOME:-~/.cache}/kubectl-argo-submit/e2e (about 12 minutes on a fresh machine).
e2e-servers:
	bash hack/e2e/build-servers.sh >/dev/null

# A local cluster and Argo Server on 127.0.0.1, and a first submission; demo-down stops them.
demo:
	go run ./hack/demo up

demo-down:
	go run ./hack/demo down

# The plugin against the argo CLI and a minimal raw client on the local cluster: one submission, token,
# batches, size and start-up. Writes bench/RESULTS.md (a few minutes; servers built first if not cached).
bench:
	go run ./hack/bench

unit:
	go test -count=1 $$(go list ./... | grep -v /test/e2e)

# -v, so that the log shows each e2e test and the real servers it ran against.
e2e: e2e-servers
	go test -count=1 -v ./test/e2e

lint:
	go vet ./...
	@out="$$(gofmt -l $$(git ls-files '*.go'))"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Coverage-guided fuzzing of workflow decoding and transforms (seeds in pkg/workflow/testdata/fuzz).
FUZZTIME ?= 60s
fuzz:
	go test -run='^$$' -fuzz=FuzzDecodePrepare -fuzztime=$(FUZZTIME) ./pkg/workflow

# Regenerates the README's flag table from the command itself (a test checks it is current).
docs:
	UPDATE_README=1 go test -count=1 -run TestREADMEFlagTable ./pkg/cmd

clean:
	rm -rf $(BIN_DIR) dist

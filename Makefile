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

.PHONY: all build install test unit lint fuzz docs clean

all: build

build:
	CGO_ENABLED=0 go build $(GOFLAGS_BUILD) -o $(BIN_DIR)/$(BINARY) $(PKG)

# Installs into $(go env GOBIN) or $(go env GOPATH)/bin: put it on PATH and run `kubectl argo-submit`.
install:
	CGO_ENABLED=0 go install $(GOFLAGS_BUILD) $(PKG)

# The README's test command and what CI runs: lint, then every test (unit and command-level,
# including real kubectl plugin dispatch of the built binary).
test: lint unit

unit:
	go test -count=1 ./...

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
	rm -rf $(BIN_DIR)

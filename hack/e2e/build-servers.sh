#!/usr/bin/env bash
# Builds the e2e servers once into a cache outside the repository, keyed by their versions, and prints
# the cache folder. Later runs find them there and build nothing: etcd, kube-apiserver,
# kube-controller-manager and argo (the Argo Server, and the argo CLI the benchmarks compare with), and
# krew with its manifest validator (test/e2e/krew_test.go installs the release archive with them).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cache="${KUBECTL_ARGO_SUBMIT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-argo-submit/e2e}"
ETCD_VERSION=v3.6.16
KUBE_VERSION=v1.37.2
ARGO_VERSION=v3.7.18
KREW_VERSION=v0.4.3
export CGO_ENABLED=0

log() { echo "build-servers: $*" >&2; }

# install DIR BUILD...: runs BUILD with $out set to a temporary folder, then moves it to DIR whole,
# so an interrupted build never leaves a half-filled cache entry behind.
install() {
	local dir="$1"; shift
	[ -d "$dir" ] && return 0
	local out="$dir.tmp.$$"
	rm -rf "$out"; mkdir -p "$out"
	log "building $(basename "$dir") (first run only)…"
	local start=$SECONDS
	out="$out" "$@"
	mv "$out" "$dir"
	log "built $(basename "$dir") in $((SECONDS - start)) s"
}

build_etcd() {
	(cd "$here/etcd" && go build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3)
}

build_kube() {
	local pkg=k8s.io/component-base/version minor="${KUBE_VERSION#v1.}"
	minor="${minor%%.*}"
	(cd "$here/kube" && go build -trimpath -o "$out/" \
		-ldflags "-s -w -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean" \
		k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager)
}

# The argo module embeds ui/dist/app, which its module zip lacks: build from a writable copy with a
# placeholder page (the e2e tests use the API, never the UI), inside the copy for its replace directive.
build_argo() {
	local module="github.com/argoproj/argo-workflows/v3@$ARGO_VERSION" src="$out/src"
	local dir
	dir="$(cd "$here/etcd" && go mod download -json "$module" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
	cp -r "$dir" "$src"
	chmod -R u+w "$src"
	mkdir -p "$src/ui/dist/app"
	echo '<!doctype html><title>Argo Server (API only)</title>' >"$src/ui/dist/app/index.html"
	(cd "$src" && go build -trimpath -o "$out/argo" \
		-ldflags "-s -w -X github.com/argoproj/argo-workflows/v3.version=$ARGO_VERSION" ./cmd/argo)
	mkdir -p "$out/crds"
	cp -r "$src/manifests/base/crds/minimal/." "$out/crds/"
	rm -rf "$src"
}

# krew is built without its version stamp on purpose: an unstamped krew counts as a development build
# and never checks GitHub for a newer release, so the tests contact nothing but 127.0.0.1.
build_krew() {
	(cd "$here/krew" &&
		go build -trimpath -ldflags "-s -w" -o "$out/kubectl-krew" sigs.k8s.io/krew/cmd/krew &&
		go build -trimpath -ldflags "-s -w" -o "$out/validate-krew-manifest" sigs.k8s.io/krew/cmd/validate-krew-manifest)
}

install "$cache/etcd-$ETCD_VERSION" build_etcd
install "$cache/kube-$KUBE_VERSION" build_kube
install "$cache/argo-$ARGO_VERSION" build_argo
install "$cache/krew-$KREW_VERSION" build_krew
echo "$cache"

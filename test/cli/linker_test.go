package cli

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinkerDropsUnusedMethods keeps the binary small. When any reachable function may call a method
// by a name known only at run time (text/template's executor, reflect.Value.MethodByName with a
// variable), the Go linker must keep every exported method of every type that reaches an interface:
// with client-go's scheme that is all Kubernetes API types, 12 MB more (29 → 41 MB). The linker marks
// such functions <ReflectMethod> in its dependency dump; there must be none.
func TestLinkerDropsUnusedMethods(t *testing.T) {
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -dumpdep",
		"-o", filepath.Join(t.TempDir(), "kubectl-argo_submit"), "./cmd/kubectl-argo_submit")
	build.Dir = "../.."
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	var dump bytes.Buffer
	build.Stderr = &dump
	if err := build.Run(); err != nil {
		t.Fatalf("go build -ldflags=-dumpdep: %v\n%.2000s", err, dump.String())
	}
	edges, reflective := 0, map[string]bool{}
	scanner := bufio.NewScanner(&dump)
	scanner.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for scanner.Scan() {
		from, to, ok := strings.Cut(scanner.Text(), " -> ")
		if !ok {
			continue
		}
		edges++
		for _, fn := range []string{from, to} {
			if name, marked := strings.CutSuffix(fn, " <ReflectMethod>"); marked {
				reflective[name] = true
			}
		}
	}
	if edges < 1000 {
		t.Fatalf("the linker printed %d dependency edges: -dumpdep no longer works, so this test checks nothing", edges)
	}
	for name := range reflective {
		t.Errorf("reachable %s calls methods by run-time name: the linker now keeps every method of every type "+
			"(find who reaches it in `go build -ldflags=-dumpdep` output)", name)
	}
}

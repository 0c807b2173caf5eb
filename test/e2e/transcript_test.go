package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// jwtPattern finds any JWT (service-account tokens are JWTs): none may appear in the plugin's
// output, including tokens it minted itself, which the tests never see.
var jwtPattern = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)

// transcript keeps every plugin output of the suite and every secret the tests know of, so that the
// end of the suite can check all outputs against all secrets, whatever order tests ran in.
type transcript struct {
	mu      sync.Mutex
	outputs []string // "test: args\noutput"
	secrets []string
}

func (r *transcript) add(name, args, output string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outputs = append(r.outputs, name+": "+args+"\n"+output)
}

func (r *transcript) secret(values ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secrets = append(r.secrets, values...)
}

func (r *transcript) runs() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.outputs)
}

// leaks lists each output holding a known secret or any JWT.
func (r *transcript) leaks() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var found []string
	for _, out := range r.outputs {
		header, _, _ := strings.Cut(out, "\n")
		if jwt := jwtPattern.FindString(out); jwt != "" {
			found = append(found, fmt.Sprintf("%s: a JWT (%s…)", header, jwt[:12]))
		}
		for _, s := range r.secrets {
			if s != "" && strings.Contains(out, s) {
				found = append(found, fmt.Sprintf("%s: a known token (%s…)", header, s[:min(6, len(s))]))
			}
		}
	}
	return strings.Join(found, "\n")
}

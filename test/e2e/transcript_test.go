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
	outputs []output
	secrets []string
}

// output is what one run printed; the command line is not checked, as tests pass tokens there.
type output struct{ test, text string }

func (r *transcript) add(test, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outputs = append(r.outputs, output{test, text})
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
	for i, out := range r.outputs {
		if jwtPattern.MatchString(out.text) {
			found = append(found, fmt.Sprintf("%s (run %d): a JWT", out.test, i+1))
		}
		for _, s := range r.secrets {
			if s != "" && strings.Contains(out.text, s) {
				found = append(found, fmt.Sprintf("%s (run %d): a known token (%s…)", out.test, i+1, s[:min(6, len(s))]))
			}
		}
	}
	return strings.Join(found, "\n")
}

package workflow

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/api/validate/content"
)

// ParseLabels parses -l/--labels values, each "k=v,k2=v2" (the flag is
// repeatable, a later key wins). Keys and values are checked as Kubernetes
// label keys and values so a typo fails before anything is submitted.
func ParseLabels(values []string) (map[string]string, error) {
	labels := map[string]string{}
	for _, value := range values {
		for _, pair := range strings.Split(value, ",") {
			key, text, err := parseLabel(pair)
			if err != nil {
				return nil, &InputError{Err: err}
			}
			labels[key] = text
		}
	}
	return labels, nil
}

func parseLabel(pair string) (key, value string, err error) {
	key, value, found := strings.Cut(pair, "=")
	if !found {
		return "", "", fmt.Errorf("invalid label %q: expected KEY=VALUE, e.g. -l team=data", pair)
	}
	if problems := content.IsLabelKey(key); len(problems) > 0 {
		return "", "", fmt.Errorf("invalid label %q: key %s", pair, strings.Join(problems, "; "))
	}
	if problems := content.IsLabelValue(value); len(problems) > 0 {
		return "", "", fmt.Errorf("invalid label %q: value %s", pair, strings.Join(problems, "; "))
	}
	return key, value, nil
}

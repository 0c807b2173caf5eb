package workflow

import (
	"fmt"
	"io"
)

// The API server's generateName scheme (k8s.io/apiserver names.SimpleNameGenerator): the prefix,
// cut so that the whole name fits a 63-character label, then five characters from an alphabet
// without vowels (no words) and without look-alikes (0/1/3).
const (
	nameAlphabet       = "bcdfghjklmnpqrstvwxz2456789"
	nameSuffixLength   = 5
	maxNameLength      = 63
	maxGeneratedPrefix = maxNameLength - nameSuffixLength
)

// GenerateName completes prefix as the API server would, drawing the suffix from random, so that a
// client can name a workflow before sending it. Bytes that would bias the choice are skipped.
func GenerateName(prefix string, random io.Reader) (string, error) {
	if len(prefix) > maxGeneratedPrefix {
		prefix = prefix[:maxGeneratedPrefix]
	}
	// The largest multiple of the alphabet's size that fits a byte: above it, byte % size is biased.
	limit := byte(256 / len(nameAlphabet) * len(nameAlphabet))
	suffix := make([]byte, 0, nameSuffixLength)
	buf := make([]byte, 1)
	for len(suffix) < nameSuffixLength {
		if _, err := io.ReadFull(random, buf); err != nil {
			return "", fmt.Errorf("generating a workflow name: %w", err)
		}
		if buf[0] < limit {
			suffix = append(suffix, nameAlphabet[int(buf[0])%len(nameAlphabet)])
		}
	}
	return prefix + string(suffix), nil
}

package workflow

import (
	"bytes"
	"crypto/rand"
	"strings"
	"testing"
)

func TestGenerateNameScheme(t *testing.T) {
	name, err := GenerateName("hello-", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	suffix, ok := strings.CutPrefix(name, "hello-")
	if !ok || len(suffix) != 5 || strings.Trim(suffix, nameAlphabet) != "" {
		t.Errorf("GenerateName = %q, want hello- and 5 characters of %s", name, nameAlphabet)
	}
}

func TestGenerateNameTruncatesLongPrefixes(t *testing.T) {
	name, err := GenerateName(strings.Repeat("a", 80), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if len(name) != 63 || !strings.HasPrefix(name, strings.Repeat("a", 58)) {
		t.Errorf("GenerateName of a long prefix = %q (%d characters), want 58 of the prefix + 5", name, len(name))
	}
}

func TestGenerateNameIsDeterministicAndUnbiased(t *testing.T) {
	// 0 → b, 26 → 9, 27 → b, 28 → c, 1 → c; 255 and 243 (above the last full round of 27) are skipped.
	input := []byte{0, 255, 26, 27, 28, 243}
	name, err := GenerateName("x-", bytes.NewReader(append(input, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if name != "x-b9bcc" {
		t.Errorf("GenerateName = %q, want x-b9bcc", name)
	}
	if _, err := GenerateName("x-", bytes.NewReader([]byte{1, 2})); err == nil {
		t.Error("a short random source must fail, not give a short name")
	}
}

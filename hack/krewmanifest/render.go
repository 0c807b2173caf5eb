package main

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"regexp"
	"strings"
	"text/template"
)

// uriIndent is the indentation of a platform's keys in krew-manifest.yaml ("    bin: …"), where
// the template calls addURIAndSha: like krew-release-bot, it returns the uri line, then the sha256
// line at that indentation.
const uriIndent = "    "

var sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// readChecksums reads sha256sum's format (`sum  name`, or `sum *name` in binary mode): name → sum.
func readChecksums(file string) (map[string]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%w (run make dist first)", err)
	}
	sums := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 2 || !sha256Pattern.MatchString(fields[0]) {
			return nil, fmt.Errorf("%s:%d: %q is not a `sha256  name` line", file, i+1, line)
		}
		sums[strings.TrimPrefix(fields[1], "*")] = fields[0]
	}
	return sums, nil
}

// tagData is what krew-release-bot gives its templates.
type tagData struct{ TagName string }

// renderer holds the checksums addURIAndSha looks archives up in.
type renderer struct {
	sums      map[string]string
	builtOnly bool
	missing   map[string]bool // URIs of archives that checksums.txt lacks, with builtOnly
}

// render executes the template for version, then drops the platforms not built (with builtOnly)
// and checks the result before anything is written.
func render(text, version string, sums map[string]string, builtOnly bool) ([]byte, error) {
	r := &renderer{sums: sums, builtOnly: builtOnly, missing: map[string]bool{}}
	tmpl, err := template.New("manifest").Funcs(template.FuncMap{"addURIAndSha": r.addURIAndSha}).Parse(text)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, tagData{TagName: version}); err != nil {
		return nil, err
	}
	manifest := b.Bytes()
	if len(r.missing) > 0 {
		if manifest, err = dropPlatforms(manifest, r.missing); err != nil {
			return nil, err
		}
	}
	return manifest, check(manifest, version)
}

// addURIAndSha has krew-release-bot's signature: url is itself a template of the tag. Where the bot
// downloads the asset to hash it, this looks the archive up in checksums.txt.
func (r *renderer) addURIAndSha(url, tag string) (string, error) {
	tmpl, err := template.New("uri").Parse(url)
	if err != nil {
		return "", err
	}
	var uri strings.Builder
	if err := tmpl.Execute(&uri, tagData{TagName: tag}); err != nil {
		return "", err
	}
	name := path.Base(uri.String())
	sum, ok := r.sums[name]
	switch {
	case !ok && !r.builtOnly:
		return "", fmt.Errorf("checksums.txt lists no %s: build every platform (make dist)", name)
	case !ok:
		r.missing[uri.String()] = true
		sum = strings.Repeat("0", 64) // a placeholder: the platform is dropped after rendering
	}
	return "uri: " + uri.String() + "\n" + uriIndent + "sha256: " + sum, nil
}

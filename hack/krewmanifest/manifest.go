package main

import (
	"fmt"
	"strings"

	"sigs.k8s.io/yaml"
)

// manifest is what check reads of a krew plugin manifest.
type manifest struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name string `json:"name"`
	} `json:"metadata"`
	Spec struct {
		Version          string     `json:"version"`
		ShortDescription string     `json:"shortDescription"`
		Platforms        []platform `json:"platforms"`
	} `json:"spec"`
}

type platform struct {
	URI      string `json:"uri"`
	Sha256   string `json:"sha256"`
	Bin      string `json:"bin"`
	Selector struct {
		MatchLabels map[string]string `json:"matchLabels"`
	} `json:"selector"`
}

// check catches template mistakes that krew's validator does not: a selector whose URL names another
// platform, a wrong binary name, a short description too long for krew-index.
func check(data []byte, version string) error {
	var m manifest
	if err := yaml.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("the rendered manifest is not YAML: %w", err)
	}
	if m.APIVersion != "krew.googlecontainertools.github.com/v1alpha2" || m.Kind != "Plugin" || m.Metadata.Name != "argo-submit" {
		return fmt.Errorf("not the argo-submit krew Plugin: apiVersion %q, kind %q, name %q", m.APIVersion, m.Kind, m.Metadata.Name)
	}
	if m.Spec.Version != version {
		return fmt.Errorf("spec.version is %q, want %q", m.Spec.Version, version)
	}
	if n := len(m.Spec.ShortDescription); n == 0 || n > 50 {
		return fmt.Errorf("spec.shortDescription has %d characters, want 1 to 50", n)
	}
	if len(m.Spec.Platforms) == 0 {
		return fmt.Errorf("no platform")
	}
	for _, p := range m.Spec.Platforms {
		if err := checkPlatform(p, version); err != nil {
			return err
		}
	}
	return nil
}

func checkPlatform(p platform, version string) error {
	goos, arch := p.Selector.MatchLabels["os"], p.Selector.MatchLabels["arch"]
	archive, bin := fmt.Sprintf("kubectl-argo_submit_%s_%s_%s.tar.gz", version, goos, arch), "kubectl-argo_submit"
	if goos == "windows" {
		archive, bin = strings.TrimSuffix(archive, ".tar.gz")+".zip", bin+".exe"
	}
	if !strings.HasSuffix(p.URI, "/"+version+"/"+archive) || p.Bin != bin || !sha256Pattern.MatchString(p.Sha256) {
		return fmt.Errorf("platform %s/%s: uri %q, bin %q, sha256 %q; want …/%s/%s, %s and a sha256", goos, arch, p.URI, p.Bin, p.Sha256, version, archive, bin)
	}
	return nil
}

// dropPlatforms removes the platforms whose uri is in drop. The YAML is re-encoded (keys sorted, no
// comments): only test manifests for a few built platforms go this way.
func dropPlatforms(data []byte, drop map[string]bool) ([]byte, error) {
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("the rendered manifest is not YAML: %w", err)
	}
	spec, ok := doc["spec"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the rendered manifest has no spec")
	}
	platforms, _ := spec["platforms"].([]any)
	var kept []any
	for _, p := range platforms {
		fields, _ := p.(map[string]any)
		if uri, _ := fields["uri"].(string); !drop[uri] {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("checksums.txt lists none of the template's archives")
	}
	spec["platforms"] = kept
	return yaml.Marshal(doc)
}

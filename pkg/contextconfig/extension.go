package contextconfig

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"

	"k8s.io/apimachinery/pkg/runtime"
)

// extension is the stored form of Settings: the decoded settings and every stored JSON field as
// it was, so that fields this version does not know (a newer plugin's) survive a rewrite.
type extension struct {
	settings Settings
	raw      map[string]json.RawMessage
}

// decodeExtension reads a context's extension. clientcmd hands unregistered extensions over as
// *runtime.Unknown holding JSON (YAML in the file is converted to JSON when it is loaded).
func decodeExtension(obj runtime.Object) (extension, error) {
	data, err := extensionJSON(obj)
	if err != nil || len(data) == 0 {
		return extension{}, err
	}
	var ext extension
	if err := json.Unmarshal(data, &ext.raw); err != nil {
		return extension{}, fmt.Errorf("not a JSON object: %w", err)
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	if err := decoder.Decode(&ext.settings); err != nil {
		return extension{}, err
	}
	return ext, nil
}

func extensionJSON(obj runtime.Object) ([]byte, error) {
	switch o := obj.(type) {
	case nil:
		return nil, nil
	case *runtime.Unknown:
		if bytes.Equal(bytes.TrimSpace(o.Raw), []byte("null")) {
			return nil, nil
		}
		return o.Raw, nil
	default:
		// Only a program building the config in memory puts a typed object here.
		return json.Marshal(o)
	}
}

// encode merges the settings into the stored fields: a known field is replaced or removed, an
// unknown one is kept as it was. It returns nil when nothing is left, so that no empty extension
// lingers in the kubeconfig.
func (e extension) encode() (runtime.Object, error) {
	known, err := json.Marshal(e.settings)
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(known, &fields); err != nil {
		return nil, err
	}
	merged := maps.Clone(e.raw)
	if merged == nil {
		merged = map[string]json.RawMessage{}
	}
	for _, key := range Keys() {
		if value, ok := fields[key]; ok {
			merged[key] = value
		} else {
			delete(merged, key)
		}
	}
	if len(merged) == 0 {
		return nil, nil
	}
	data, err := json.Marshal(merged)
	if err != nil {
		return nil, err
	}
	return &runtime.Unknown{Raw: data, ContentType: runtime.ContentTypeJSON}, nil
}

package follow

import (
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// nodesOf reads status.nodes, keyed by node ID.
func nodesOf(object map[string]interface{}) map[string]Node {
	raw, _, _ := unstructured.NestedFieldNoCopy(object, "status", "nodes")
	entries, _ := raw.(map[string]interface{})
	if len(entries) == 0 {
		return nil
	}
	nodes := make(map[string]Node, len(entries))
	for key, value := range entries {
		fields, ok := value.(map[string]interface{})
		if !ok {
			continue
		}
		node := nodeOf(fields)
		if node.ID == "" {
			node.ID = key
		}
		nodes[node.ID] = node
	}
	return nodes
}

// nodeOf reads one entry of status.nodes.
func nodeOf(fields map[string]interface{}) Node {
	children, _, _ := unstructured.NestedStringSlice(fields, "children")
	return Node{
		ID:           stringAt(fields, "id"),
		Name:         stringAt(fields, "name"),
		DisplayName:  stringAt(fields, "displayName"),
		Type:         stringAt(fields, "type"),
		Phase:        orPending(stringAt(fields, "phase")),
		Message:      stringAt(fields, "message"),
		TemplateName: templateOf(fields),
		BoundaryID:   stringAt(fields, "boundaryID"),
		Children:     children,
		StartedAt:    timeAt(fields, "startedAt"),
		FinishedAt:   timeAt(fields, "finishedAt"),
	}
}

// templateOf names the node's template; a node run from a templateRef has no templateName, so it is
// named "<WorkflowTemplate>/<template>" instead.
func templateOf(fields map[string]interface{}) string {
	if name := stringAt(fields, "templateName"); name != "" {
		return name
	}
	template := stringAt(fields, "templateRef", "template")
	if owner := stringAt(fields, "templateRef", "name"); owner != "" && template != "" {
		return owner + "/" + template
	}
	return template
}

// stringAt is the string at path, "" when absent or not a string.
func stringAt(object map[string]interface{}, path ...string) string {
	value, _, _ := unstructured.NestedString(object, path...)
	return value
}

// timeAt is the RFC 3339 time at path, zero when absent or unparsable.
func timeAt(object map[string]interface{}, path ...string) time.Time {
	value := stringAt(object, path...)
	if value == "" {
		return time.Time{}
	}
	parsed, err := time.Parse(time.RFC3339, value)
	if err != nil {
		return time.Time{}
	}
	return parsed
}

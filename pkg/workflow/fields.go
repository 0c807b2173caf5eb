package workflow

import "fmt"

// These helpers read and write the generic maps of an unstructured object.
// unstructured's own setters silently do nothing when a field on the path has
// the wrong type, so we check types ourselves and name the bad field.

// lookupObject returns the object under key, or nil when it is absent or null.
func lookupObject(parent map[string]any, key, path string) (map[string]any, error) {
	value := parent[key]
	if value == nil {
		return nil, nil
	}
	object, ok := value.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s must be an object, not %s", path, describe(value))
	}
	return object, nil
}

// ensureObject returns the object under key, creating it when absent or null.
func ensureObject(parent map[string]any, key, path string) (map[string]any, error) {
	object, err := lookupObject(parent, key, path)
	if err != nil || object != nil {
		return object, err
	}
	object = map[string]any{}
	parent[key] = object
	return object, nil
}

// lookupString returns the string under key, or "" when it is absent or null.
func lookupString(parent map[string]any, key, path string) (string, error) {
	value := parent[key]
	if value == nil {
		return "", nil
	}
	text, ok := value.(string)
	if !ok {
		return "", fmt.Errorf("%s must be a string, not %s", path, describe(value))
	}
	return text, nil
}

// lookupList returns the list under key, or nil when it is absent or null.
func lookupList(parent map[string]any, key, path string) ([]any, error) {
	value := parent[key]
	if value == nil {
		return nil, nil
	}
	list, ok := value.([]any)
	if !ok {
		return nil, fmt.Errorf("%s must be a list, not %s", path, describe(value))
	}
	return list, nil
}

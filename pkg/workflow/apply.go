package workflow

import "fmt"

// applyOptions writes the argo-submit flags into a workflow whose shape
// checkShape has already accepted.
func applyOptions(wf map[string]any, opts Options) error {
	meta, err := ensureObject(wf, "metadata", "metadata")
	if err != nil {
		return err
	}
	clearServerState(wf, meta)
	if err := applyMetadata(meta, opts); err != nil {
		return err
	}
	spec, err := lookupObject(wf, "spec", "spec")
	if err != nil {
		return err
	}
	applySpec(spec, opts)
	return applyParameters(spec, opts.Parameters)
}

func applyMetadata(meta map[string]any, opts Options) error {
	if opts.Name != "" {
		meta["name"] = opts.Name
	}
	if opts.GenerateName != "" {
		meta["generateName"] = opts.GenerateName
		if opts.Name == "" {
			// A name would win over generateName on the server, turning
			// --generate-name into a silent no-op for named workflows.
			delete(meta, "name")
		}
	}
	if len(opts.Labels) == 0 {
		return nil
	}
	labels, err := ensureObject(meta, "labels", "metadata.labels")
	if err != nil {
		return err
	}
	for key, value := range opts.Labels {
		labels[key] = value
	}
	return nil
}

func applySpec(spec map[string]any, opts Options) {
	if opts.Entrypoint != "" {
		spec["entrypoint"] = opts.Entrypoint
	}
	if opts.ServiceAccount != "" {
		spec["serviceAccountName"] = opts.ServiceAccount
	}
	if opts.Priority != nil {
		spec["priority"] = int64(*opts.Priority) // unstructured numbers are int64
	}
}

// applyParameters replaces same-named spec.arguments.parameters in place and
// appends the others. A supplied value wins over valueFrom, which is dropped;
// enum and description stay so the server still checks the value against them.
func applyParameters(spec map[string]any, params []Parameter) error {
	if len(params) == 0 {
		return nil
	}
	arguments, err := ensureObject(spec, "arguments", "spec.arguments")
	if err != nil {
		return err
	}
	list, err := lookupList(arguments, "parameters", "spec.arguments.parameters")
	if err != nil {
		return err
	}
	byName, err := indexParameters(list)
	if err != nil {
		return err
	}
	for _, param := range params {
		if existing, ok := byName[param.Name]; ok {
			existing["value"] = param.Value
			delete(existing, "valueFrom")
			continue
		}
		added := map[string]any{"name": param.Name, "value": param.Value}
		byName[param.Name] = added
		list = append(list, added)
	}
	arguments["parameters"] = list
	return nil
}

// indexParameters maps each parameter name to its entry of the workflow's list.
func indexParameters(list []any) (map[string]map[string]any, error) {
	byName := make(map[string]map[string]any, len(list))
	for i, item := range list {
		entry, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("spec.arguments.parameters[%d] must be an object, not %s", i, describe(item))
		}
		name, err := lookupString(entry, "name", fmt.Sprintf("spec.arguments.parameters[%d].name", i))
		if err != nil {
			return nil, err
		}
		if _, seen := byName[name]; !seen {
			byName[name] = entry
		}
	}
	return byName, nil
}

package workflow

// clearServerState makes an exported workflow (`kubectl get wf -o yaml`) submittable again and
// keeps everything the user wrote:
//   - metadata the API server sets goes: the server refuses a create with, e.g., a resourceVersion;
//   - the controller's labels go: a copy that kept "completed: true" would never be run again;
//   - the status goes.
func clearServerState(wf, meta map[string]any) {
	delete(wf, "status")
	for _, field := range []string{
		"resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "selfLink",
		"deletionTimestamp", "deletionGracePeriodSeconds",
	} {
		delete(meta, field)
	}
	labels, _ := meta["labels"].(map[string]any)
	for _, label := range []string{"workflows.argoproj.io/completed", "workflows.argoproj.io/phase"} {
		delete(labels, label)
	}
}

package e2e

import (
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/localcluster"
)

// 8. --context and `kubectl config use-context` switch the identity and the namespace together.
func TestContextSwitching(t *testing.T) {
	bobNS, carolNS := newNamespace(t), newNamespace(t)
	canSubmit(t, bobNS, "User:bob")
	canSubmit(t, carolNS, "User:carol")
	config := kubeconfigWith(t,
		localcluster.Context{Name: "bob-ctx", User: "bob", Namespace: bobNS},
		localcluster.Context{Name: "carol-ctx", User: "carol", Namespace: carolNS})
	e := argoEnv(config)

	wantSubmitted(t, submit(t, e, helloWorkflow, "-f", "-"), bobNS, 1)
	wantSubmitted(t, submit(t, e, helloWorkflow, "-f", "-", "--context", "carol-ctx"), carolNS, 1)

	run(t, env{"KUBECONFIG": config}, "", "config", "use-context", "carol-ctx").WantCode(t, 0)
	wantSubmitted(t, submit(t, e, helloWorkflow, "-f", "-"), carolNS, 2)
	// carol may not submit in bob's namespace: the identity moved with the context.
	denied := submit(t, e, helloWorkflow, "-f", "-", "-n", bobNS)
	denied.WantCode(t, 3)
	if n := len(workflows(t, bobNS)); n != 1 {
		t.Errorf("%d workflows in %s, want 1", n, bobNS)
	}
}

// 9. Namespace precedence: -n, then ARGO_NAMESPACE, then the context's, then default.
func TestNamespacePrecedence(t *testing.T) {
	contextNS, envNS, flagNS := newNamespace(t), newNamespace(t), newNamespace(t)
	for _, ns := range []string{contextNS, envNS, flagNS, "default"} {
		canSubmit(t, ns, "User:bob")
	}
	e := argoEnv(kubeconfig(t, "bob", contextNS))
	wantSubmitted(t, submit(t, e, helloWorkflow, "-f", "-"), contextNS, 1)

	e["ARGO_NAMESPACE"] = envNS
	wantSubmitted(t, submit(t, e, helloWorkflow, "-f", "-"), envNS, 1)
	wantSubmitted(t, submit(t, e, helloWorkflow, "-f", "-", "-n", flagNS), flagNS, 1)

	noNamespace := kubeconfigWith(t, localcluster.Context{Name: "bob", User: "bob"})
	before := len(workflows(t, "default"))
	r := submit(t, argoEnv(noNamespace), helloWorkflow, "-f", "-")
	r.WantCode(t, 0)
	if after := len(workflows(t, "default")); after != before+1 {
		t.Errorf("workflows in default: %d, want %d", after, before+1)
	}
	admin(t, "", "delete", "workflows.argoproj.io", "--all", "-n", "default")
}

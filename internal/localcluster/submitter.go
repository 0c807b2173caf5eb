package localcluster

import "context"

// GrantSubmitter gives the README's RBAC in namespace (which must exist): service account sa (created
// here) may create and read workflows, and user may mint sa's tokens (TokenRequest). It is the setup of
// `make demo` and `make bench`.
func (c *Cluster) GrantSubmitter(ctx context.Context, namespace, sa, user string) error {
	for _, args := range [][]string{
		{"create", "serviceaccount", sa, "-n", namespace},
		{"create", "role", "workflow-submitter", "-n", namespace, "--verb=create,get,list,watch", "--resource=workflows.argoproj.io"},
		{"create", "rolebinding", sa + "-submits", "-n", namespace, "--role=workflow-submitter", "--serviceaccount=" + namespace + ":" + sa},
		{"create", "role", "argo-submit-token-request", "-n", namespace, "--verb=create", "--resource=serviceaccounts/token", "--resource-name=" + sa},
		{"create", "rolebinding", user + "-mints-" + sa, "-n", namespace, "--role=argo-submit-token-request", "--user=" + user},
	} {
		if _, err := c.Kubectl(ctx, "", args...); err != nil {
			return err
		}
	}
	return nil
}

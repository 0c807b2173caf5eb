package localcluster

import (
	"fmt"
	"os"
	"path/filepath"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Context is one kubeconfig context: a user of this cluster and a default namespace.
type Context struct {
	Name      string
	User      string // admin, alice (client certificate only), bob and dave (bearer tokens), carol (exec plugin)
	Namespace string
}

// WriteKubeconfig writes a kubeconfig with the given contexts (the first is current) to path.
func (c *Cluster) WriteKubeconfig(path string, contexts ...Context) error {
	config := clientcmdapi.NewConfig()
	config.Clusters["local"] = &clientcmdapi.Cluster{Server: c.APIServerURL, CertificateAuthority: c.CAFile}
	for i, ctx := range contexts {
		user, ok := c.users[ctx.User]
		if !ok {
			return fmt.Errorf("no user %q in the local cluster", ctx.User)
		}
		config.AuthInfos[ctx.User] = user
		config.Contexts[ctx.Name] = &clientcmdapi.Context{Cluster: "local", AuthInfo: ctx.User, Namespace: ctx.Namespace}
		if i == 0 {
			config.CurrentContext = ctx.Name
		}
	}
	return clientcmd.WriteToFile(*config, path)
}

// Kubeconfig writes (once) and returns a kubeconfig with one context for user in namespace.
func (c *Cluster) Kubeconfig(user, namespace string) (string, error) {
	path := filepath.Join(c.Dir, "kubeconfigs", user+"-"+namespace+".kubeconfig")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", err
	}
	return path, c.WriteKubeconfig(path, Context{Name: user, User: user, Namespace: namespace})
}

// addUsers creates the users every test can use: admin and alice authenticate with client
// certificates, bob and dave with static bearer tokens (the API server audits all of dave's requests),
// carol through an exec credential plugin.
func (c *Cluster) addUsers(ca *authority) error {
	c.users = map[string]*clientcmdapi.AuthInfo{}
	for name, groups := range map[string][]string{"admin": {"system:masters"}, "alice": nil} {
		pair, err := ca.issue(name, groups, false)
		if err != nil {
			return err
		}
		certPath, keyPath := filepath.Join(c.Dir, name+".crt"), filepath.Join(c.Dir, name+".key")
		if err := pair.write(certPath, keyPath); err != nil {
			return err
		}
		c.users[name] = &clientcmdapi.AuthInfo{ClientCertificate: certPath, ClientKey: keyPath}
	}
	c.users["bob"] = &clientcmdapi.AuthInfo{Token: c.StaticTokens["bob"]}
	c.users["dave"] = &clientcmdapi.AuthInfo{Token: c.StaticTokens["dave"]} // every request audited
	plugin := filepath.Join(c.Dir, "carol-credential-plugin")
	script := fmt.Sprintf("#!/bin/sh\nprintf '%%s' '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%s\"}}'\n", c.StaticTokens["carol"])
	if err := os.WriteFile(plugin, []byte(script), 0o700); err != nil {
		return err
	}
	c.users["carol"] = &clientcmdapi.AuthInfo{Exec: &clientcmdapi.ExecConfig{
		APIVersion: "client.authentication.k8s.io/v1", Command: plugin, InteractiveMode: clientcmdapi.NeverExecInteractiveMode,
	}}
	return nil
}

// writeTokenFile is kube-apiserver's --token-auth-file: "token,user,uid" per line.
func (c *Cluster) writeTokenFile(path string) error {
	content := ""
	for user, token := range c.StaticTokens {
		content += fmt.Sprintf("%s,%s,%s-uid\n", token, user, user)
	}
	return os.WriteFile(path, []byte(content), 0o600)
}

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// argoServerURL is the create endpoint every tool posts to.
func (e *env) argoServerURL() string {
	return "https://" + e.cluster.ArgoServer + "/api/v1/workflows/" + namespace
}

// pluginSubmit runs the plugin directly (no kubectl dispatch) with a given token and no kubeconfig.
func (e *env) pluginSubmit(extra []string, files ...string) command {
	args := append([]string{"-n", namespace, "--argo-ca-file", e.cluster.ArgoCAFile, "-o", "name"}, extra...)
	for _, f := range files {
		args = append(args, "-f", f)
	}
	return command{path: e.plugin, args: args, env: e.baseEnv("ARGO_TOKEN="+e.token, "ARGO_SERVER="+e.cluster.ArgoServer)}
}

// pluginWithServiceAccount mints (or reuses from cacheDir) a token of ci through bob's kubeconfig.
func (e *env) pluginWithServiceAccount(file, cacheDir string) command {
	return command{
		path: e.plugin,
		args: []string{"-f", file, "-n", namespace, "--token-service-account", serviceAccount, "--argo-ca-file", e.cluster.ArgoCAFile, "-o", "name"},
		env: []string{"PATH=" + os.Getenv("PATH"), "HOME=" + e.home, "KUBECONFIG=" + e.userKubecfg,
			"KUBECACHEDIR=" + cacheDir, "ARGO_SERVER=" + e.cluster.ArgoServer},
	}
}

// argoSubmit runs `argo submit FILES -n bench`: the argo CLI talks gRPC to the Argo Server by
// default, and takes the token as the whole Authorization value.
func (e *env) argoSubmit(files ...string) command {
	args := append([]string{"submit"}, files...)
	args = append(args, "-n", namespace, "-o", "name")
	return command{path: e.bins.Argo, args: args, env: e.baseEnv(
		"ARGO_SERVER="+e.cluster.ArgoServer, "ARGO_TOKEN=Bearer "+e.token, "ARGO_SECURE=true", e.argoTLSEnv)}
}

// argoTrust picks how the argo CLI trusts the Argo Server. It has no CA option of its own, but it
// verifies against Go's system roots, which SSL_CERT_FILE replaces on Linux: the same verified TLS as
// the plugin's --argo-ca-file. Only if that fails does it skip verification (which the report says).
func (e *env) argoTrust(probeFile string) error {
	e.argoTLSEnv, e.argoTLSIsSafe = "SSL_CERT_FILE="+e.cluster.ArgoCAFile, true
	if _, err := measure(e.argoSubmit(probeFile), time.Minute); err == nil {
		return nil
	}
	e.argoTLSEnv, e.argoTLSIsSafe = "ARGO_INSECURE_SKIP_VERIFY=true", false
	_, err := measure(e.argoSubmit(probeFile), time.Minute)
	return err
}

// rawCreate posts body count times from workers goroutines over one keep-alive client.
func (e *env) rawCreate(body string, count, workers int) command {
	return command{
		path: e.rawclient,
		args: []string{"-url", e.argoServerURL(), "-ca-file", e.cluster.ArgoCAFile, "-body", body,
			"-count", strconv.Itoa(count), "-workers", strconv.Itoa(workers)},
		env: e.baseEnv("ARGO_TOKEN=" + e.token),
	}
}

// curlCreate is one POST by curl, its header read from a file so that the token stays out of argv.
func (e *env) curlCreate(curl, body string) (command, error) {
	header := filepath.Join(e.dir, "curl-headers")
	content := "Authorization: Bearer " + e.token + "\nContent-Type: application/json\n"
	if err := os.WriteFile(header, []byte(content), 0o600); err != nil {
		return command{}, err
	}
	return command{path: curl, args: []string{"-sS", "--fail", "-o", "/dev/null", "--cacert", e.cluster.ArgoCAFile,
		"-H", "@" + header, "--data-binary", "@" + body, e.argoServerURL()}, env: e.baseEnv()}, nil
}

package contextconfig

import (
	"k8s.io/client-go/tools/clientcmd"
)

// Load reads the settings of context, or of the current context when context is empty, from the
// kubeconfig loader reads. A context without the extension, or no current context at all (no
// kubeconfig), has zero Settings; a named context that does not exist is a *ContextNotFoundError, and
// an extension that cannot be decoded a *MalformedError.
func Load(loader clientcmd.ClientConfig, context string) (Settings, error) {
	config, err := loader.RawConfig()
	if err != nil {
		return Settings{}, err
	}
	if context == "" && config.CurrentContext == "" {
		return Settings{}, nil
	}
	name, found, err := find(config, context, loader)
	if err != nil {
		return Settings{}, err
	}
	ext, err := readExtension(name, found)
	return ext.settings, err
}

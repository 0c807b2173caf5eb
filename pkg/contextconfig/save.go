package contextconfig

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/tools/clientcmd"
)

// Save changes the settings of context (the current one when empty) and writes them back. change
// gets the stored settings and may refuse with an error, in which case nothing is written.
//
// The write goes through clientcmd.ModifyConfig, as kubectl config set-context does: only the file
// that defines the context is rewritten (with a multi-file KUBECONFIG, the others stay untouched),
// its mode is kept, and so is everything clientcmd models in it, including other extensions. Fields
// of the extension this version does not know are kept too.
func Save(loader clientcmd.ClientConfig, context string, change func(*Settings) error) error {
	loaded, err := loader.RawConfig()
	if err != nil {
		return err
	}
	// A copy: the loader caches the config it returned, and other readers in this process share it.
	config := loaded.DeepCopy()
	name, found, err := find(*config, context, loader)
	if err != nil {
		return err
	}
	ext, err := readExtension(name, found)
	if err != nil {
		return err
	}
	if err := change(&ext.settings); err != nil {
		return err
	}
	obj, err := ext.encode()
	if err != nil {
		return err
	}
	if obj == nil {
		delete(found.Extensions, ExtensionName)
	} else {
		if found.Extensions == nil {
			found.Extensions = map[string]runtime.Object{}
		}
		found.Extensions[ExtensionName] = obj
	}
	return clientcmd.ModifyConfig(loader.ConfigAccess(), *config, false)
}

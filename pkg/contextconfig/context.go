package contextconfig

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// ContextNotFoundError says that the kubeconfig has no context of that name, or no current context
// when none was named, and which contexts it has, so that the user can pick one.
type ContextNotFoundError struct {
	Context  string   // "" when there is no current context
	Files    []string // the kubeconfig files read
	Contexts []string // the contexts they define, sorted
}

func (e *ContextNotFoundError) Error() string {
	where := "the kubeconfig"
	if len(e.Files) > 0 {
		where += " (" + strings.Join(e.Files, string(os.PathListSeparator)) + ")"
	}
	problem := fmt.Sprintf("context %q is not in %s", e.Context, where)
	if e.Context == "" {
		problem = where + " has no current context: pass --context NAME"
	}
	if len(e.Contexts) == 0 {
		return problem + "; it has no contexts"
	}
	return problem + "; its contexts are: " + strings.Join(e.Contexts, ", ")
}

// MalformedError says that a context's extension cannot be read, and where it is.
type MalformedError struct {
	Context string
	File    string // the kubeconfig file that defines the context
	Err     error
}

func (e *MalformedError) Error() string {
	return fmt.Sprintf("the %q extension of context %q in %s is malformed (%v): fix or remove it there", ExtensionName, e.Context, e.File, e.Err)
}

func (e *MalformedError) Unwrap() error { return e.Err }

// Resolve returns the name of the context that context means: itself, or the current context when
// empty. It fails with *ContextNotFoundError when there is no such context.
func Resolve(loader clientcmd.ClientConfig, context string) (string, error) {
	config, err := loader.RawConfig()
	if err != nil {
		return "", err
	}
	name, _, err := find(config, context, loader)
	return name, err
}

// find looks the context up in the merged kubeconfig.
func find(config clientcmdapi.Config, context string, loader clientcmd.ClientConfig) (string, *clientcmdapi.Context, error) {
	if context == "" {
		context = config.CurrentContext
	}
	if found, ok := config.Contexts[context]; ok && context != "" {
		return context, found, nil
	}
	names := make([]string, 0, len(config.Contexts))
	for name := range config.Contexts {
		names = append(names, name)
	}
	slices.Sort(names)
	return "", nil, &ContextNotFoundError{Context: context, Files: loader.ConfigAccess().GetLoadingPrecedence(), Contexts: names}
}

// readExtension decodes the named context's extension, naming the context and its file on failure.
func readExtension(name string, context *clientcmdapi.Context) (extension, error) {
	ext, err := decodeExtension(context.Extensions[ExtensionName])
	if err != nil {
		return extension{}, &MalformedError{Context: name, File: context.LocationOfOrigin, Err: err}
	}
	return ext, nil
}

package cmd

import (
	"github.com/spf13/pflag"
)

// WorkflowFlags are argo submit's flags that select and change the workflows.
type WorkflowFlags struct {
	Filenames      []string
	Recursive      bool
	Parameters     []string
	ParameterFile  string
	Entrypoint     string
	Name           string
	GenerateName   string
	Labels         []string
	ServiceAccount string
	Priority       int32
}

// AddFlags binds the flags to fs.
func (f *WorkflowFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringArrayVarP(&f.Filenames, "filename", "f", f.Filenames, "Workflow file (YAML, multi-document, or JSON) or directory of .yaml/.yml/.json files to submit; - reads standard input (repeatable; files may also be given as arguments)")
	fs.BoolVarP(&f.Recursive, "recursive", "R", f.Recursive, "Read the directories given as inputs and all folders below them, not only their top level")
	fs.StringArrayVarP(&f.Parameters, "parameter", "p", f.Parameters, "Workflow parameter NAME=VALUE, replacing or adding to spec.arguments.parameters (repeatable)")
	fs.StringVar(&f.ParameterFile, "parameter-file", f.ParameterFile, "YAML or JSON file of parameter names to values; -p wins over it")
	fs.StringVar(&f.Entrypoint, "entrypoint", f.Entrypoint, "Override spec.entrypoint")
	fs.StringVar(&f.Name, "name", f.Name, "Override metadata.name")
	fs.StringVar(&f.GenerateName, "generate-name", f.GenerateName, "Override metadata.generateName")
	fs.StringArrayVarP(&f.Labels, "labels", "l", f.Labels, "Labels k=v,k2=v2 merged into metadata.labels (repeatable)")
	fs.StringVar(&f.ServiceAccount, "serviceaccount", f.ServiceAccount, "Service account the workflow's pods run as (spec.serviceAccountName); not the token's")
	fs.Int32Var(&f.Priority, "priority", f.Priority, "Workflow priority (spec.priority)")
}

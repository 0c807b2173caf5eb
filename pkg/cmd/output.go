package cmd

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/cli-runtime/pkg/printers"
)

const wideOutput = "wide"

// OutputFlags are -o and its companions: kubectl's name, json, yaml and jsonpath printers, and wide.
//
// kubectl's go-template printers are left out on purpose: linking text/template's executor makes the Go
// linker keep every exported method of every Kubernetes API type (text/template may call any of them by
// name), which grew the binary from 29 MB to 41 MB. jsonpath and json cover the same needs.
type OutputFlags struct {
	Format   string
	jsonYaml *genericclioptions.JSONYamlPrintFlags
	name     *genericclioptions.NamePrintFlags
	jsonPath *genericclioptions.JSONPathPrintFlags
}

// NewOutputFlags: operation ends the default "<kind>/<name> <operation>" line.
func NewOutputFlags(operation string) *OutputFlags {
	return &OutputFlags{
		jsonYaml: genericclioptions.NewJSONYamlPrintFlags(),
		name:     genericclioptions.NewNamePrintFlags(operation),
		jsonPath: genericclioptions.NewJSONPathPrintFlags("", true),
	}
}

func (f *OutputFlags) AddFlags(cmd *cobra.Command) {
	f.jsonYaml.AddFlags(cmd)
	f.jsonPath.AddFlags(cmd)
	cmd.Flags().Lookup("allow-missing-template-keys").Usage = "If true, a field or map key missing from a workflow prints as empty instead of failing -o jsonpath"
	cmd.Flags().StringVarP(&f.Format, "output", "o", "", "Output format: name, json, yaml, wide, jsonpath=…, jsonpath-file=…, jsonpath-as-json=… (default: one 'workflow.argoproj.io/NAME submitted' line each)")
}

// outputFormatChoices lists what -o accepts, for errors and completion.
func outputFormatChoices() []string {
	return []string{"name", "json", "yaml", wideOutput, "jsonpath=", "jsonpath-file=", "jsonpath-as-json="}
}

// resultPrinter prints each submitted workflow as it is accepted; Flush ends the output.
type resultPrinter interface {
	Print(obj *unstructured.Unstructured) error
	Flush() error
}

// newResultPrinter picks the printer for -o; operationTemplate completes kubectl's "<kind>/<name> submitted" line.
func newResultPrinter(f *OutputFlags, operationTemplate string, out io.Writer) (resultPrinter, error) {
	if f.Format == wideOutput {
		return &widePrinter{tw: printers.GetNewTabWriter(out)}, nil
	}
	if err := f.name.Complete(operationTemplate); err != nil {
		return nil, err
	}
	p, err := f.toPrinter()
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	return &streamPrinter{printer: p, out: out}, nil
}

// toPrinter tries each printer family in kubectl's order; the first that knows the format wins.
func (f *OutputFlags) toPrinter() (printers.ResourcePrinter, error) {
	jsonPathFormat := strings.HasPrefix(f.Format, "jsonpath")
	if *f.jsonPath.TemplateArgument != "" && !jsonPathFormat {
		return nil, fmt.Errorf("--template is a JSONPath template: use it with -o jsonpath or -o jsonpath-file")
	}
	if strings.HasPrefix(f.Format, "go-template") || f.Format == "template" || f.Format == "templatefile" {
		return nil, fmt.Errorf("-o %s is not supported by kubectl argo-submit: use -o jsonpath=TEMPLATE, or -o json and jq", f.Format)
	}
	if jsonPathFormat {
		return f.jsonPath.ToPrinter(f.Format)
	}
	p, err := f.jsonYaml.ToPrinter(f.Format)
	if genericclioptions.IsNoCompatiblePrinterError(err) {
		p, err = f.name.ToPrinter(f.Format)
	}
	if genericclioptions.IsNoCompatiblePrinterError(err) {
		return nil, fmt.Errorf("unknown output format %q: use one of %s", f.Format, strings.Join(outputFormatChoices(), ", "))
	}
	return p, err
}

// streamPrinter delegates to cli-runtime's printers (name, json, yaml, jsonpath).
type streamPrinter struct {
	printer printers.ResourcePrinter
	out     io.Writer
}

func (p *streamPrinter) Print(obj *unstructured.Unstructured) error {
	return p.printer.PrintObj(obj, p.out)
}
func (p *streamPrinter) Flush() error { return nil }

// widePrinter is -o wide: a table whose columns align across all rows, so it writes at Flush.
type widePrinter struct {
	tw interface {
		io.Writer
		Flush() error
	}
	header bool
}

func (p *widePrinter) Print(obj *unstructured.Unstructured) error {
	if !p.header {
		fmt.Fprintln(p.tw, "NAME\tNAMESPACE\tSTATUS\tCREATED\tSERVICE ACCOUNT")
		p.header = true
	}
	phase, _, _ := unstructured.NestedString(obj.Object, "status", "phase")
	serviceAccount, _, _ := unstructured.NestedString(obj.Object, "spec", "serviceAccountName")
	_, err := fmt.Fprintf(p.tw, "%s\t%s\t%s\t%s\t%s\n", obj.GetName(), obj.GetNamespace(),
		orNone(phase, "Pending"), createdAt(obj), orNone(serviceAccount, "<default>"))
	return err
}

func (p *widePrinter) Flush() error { return p.tw.Flush() }

func createdAt(obj *unstructured.Unstructured) string {
	ts := obj.GetCreationTimestamp()
	if ts.IsZero() {
		return "<none>"
	}
	return ts.UTC().Format(time.RFC3339)
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

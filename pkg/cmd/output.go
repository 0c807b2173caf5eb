package cmd

import (
	"fmt"
	"io"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/cli-runtime/pkg/printers"
)

const wideOutput = "wide"

// resultPrinter prints each submitted workflow as it is accepted; Flush ends the output.
type resultPrinter interface {
	Print(obj *unstructured.Unstructured) error
	Flush() error
}

// newResultPrinter picks the printer for -o; operationTemplate completes kubectl's "<kind>/<name> submitted" line.
func newResultPrinter(printFlags *genericclioptions.PrintFlags, operationTemplate string, out io.Writer) (resultPrinter, error) {
	if *printFlags.OutputFormat == wideOutput {
		return &widePrinter{tw: printers.GetNewTabWriter(out)}, nil
	}
	if err := printFlags.Complete(operationTemplate); err != nil {
		return nil, err
	}
	p, err := printFlags.ToPrinter()
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	return &streamPrinter{printer: p, out: out}, nil
}

// streamPrinter delegates to cli-runtime's printers (name, json, yaml, jsonpath, go-template).
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

package cmd

import "github.com/spf13/pflag"

type dryRunMode int

const (
	dryRunNone dryRunMode = iota
	dryRunClient
	dryRunServer
)

// addDryRunFlags adds kubectl's --dry-run=none|client|server (bare --dry-run means client, as the
// argo CLI's boolean --dry-run did) and argo's --server-dry-run.
func addDryRunFlags(fs *pflag.FlagSet, dryRun *string, serverDryRun *bool) {
	fs.StringVar(dryRun, "dry-run", "none", `"none", "client" (print the final workflow, no call at all) or "server" (the Argo Server validates, nothing persists)`)
	fs.Lookup("dry-run").NoOptDefVal = "client"
	fs.BoolVar(serverDryRun, "server-dry-run", false, "Same as --dry-run=server (argo CLI compatibility)")
}

func parseDryRun(value string, serverDryRun bool) (dryRunMode, error) {
	mode, err := dryRunFromString(value)
	if err != nil {
		return dryRunNone, err
	}
	if serverDryRun {
		if mode == dryRunClient {
			return dryRunNone, usageErrorf("--server-dry-run and --dry-run=client contradict each other: choose one")
		}
		return dryRunServer, nil
	}
	return mode, nil
}

func dryRunFromString(value string) (dryRunMode, error) {
	switch value {
	case "", "none", "false":
		return dryRunNone, nil
	case "client", "true":
		return dryRunClient, nil
	case "server":
		return dryRunServer, nil
	}
	return dryRunNone, usageErrorf(`invalid --dry-run value %q: use "none", "client" or "server"`, value)
}

// operationTemplate completes the default output line "<kind>/<name> submitted" as kubectl words
// dry runs (cli-runtime fills %s with the operation).
func (m dryRunMode) operationTemplate() string {
	switch m {
	case dryRunClient:
		return "%s (dry run)"
	case dryRunServer:
		return "%s (server dry run)"
	}
	return "%s"
}

package cmd

import (
	"flag"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"
)

// addLogFlags adds kubectl's -v/--v and --vmodule. klog's settings are process-wide by design;
// only these two are exposed, as the rest would only confuse a plugin's users.
func addLogFlags(fs *pflag.FlagSet) {
	goFlags := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(goFlags)
	for _, name := range []string{"v", "vmodule"} {
		f := pflag.PFlagFromGoFlag(goFlags.Lookup(name))
		if name == "v" {
			f.Shorthand = "v"
			f.Usage = "Log level: 6 shows each request's method, URL, status and duration; tokens are never logged"
		}
		fs.AddFlag(f)
	}
}

package cmd

import (
	"time"

	"github.com/spf13/pflag"
)

// FollowFlags say whether and how to follow the submitted workflows until they finish.
type FollowFlags struct {
	Wait         bool
	Watch        bool
	Log          bool
	LogContainer string
	Timeout      time.Duration
}

// AddFlags binds the flags to fs.
func (f *FollowFlags) AddFlags(fs *pflag.FlagSet) {
	fs.BoolVarP(&f.Wait, "wait", "w", f.Wait, "Wait until every submitted workflow finished; exit 0 when all Succeeded, 1 when any Failed or Error")
	fs.BoolVar(&f.Watch, "watch", f.Watch, "Show one workflow's progress and node tree live until it finishes (exit code as --wait)")
	fs.BoolVar(&f.Log, "log", f.Log, "Follow the logs of the workflow's pods, then exit as --wait")
	fs.StringVar(&f.LogContainer, "log-container", "main", "Container whose logs --log follows")
	fs.DurationVar(&f.Timeout, "timeout", f.Timeout, "With --wait/--watch/--log: stop waiting after this long, with exit code 5 (0: no limit)")
}

func (f *FollowFlags) following() bool { return f.Wait || f.Watch || f.Log }

// validate applies argo's rules for following, each misuse a usage error saying why.
func (f *FollowFlags) validate(fs *pflag.FlagSet, dryRun dryRunMode, workflows int) error {
	switch {
	case !f.following() && fs.Changed("timeout"):
		return usageErrorf("--timeout limits --wait, --watch or --log: add one of them")
	case !f.following() && fs.Changed("log-container"):
		return usageErrorf("--log-container goes with --log")
	case f.following() && dryRun != dryRunNone:
		return usageErrorf("a dry run creates no workflow to follow: drop --wait/--watch/--log or --dry-run")
	case f.Watch && f.Log:
		return usageErrorf("--watch and --log both write the workflow's progress to the terminal: choose one")
	case (f.Watch || f.Log) && workflows > 1:
		return usageErrorf("--watch and --log follow one workflow, and %d are submitted: use --wait for several", workflows)
	case f.Watch && fs.Changed("output"):
		return usageErrorf("--watch shows its own view: drop -o/--output, or use --wait")
	case f.Timeout < 0:
		return usageErrorf("--timeout %s is negative", f.Timeout)
	}
	return nil
}

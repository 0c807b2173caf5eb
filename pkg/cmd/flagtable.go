package cmd

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// FlagTable renders cmd's flags (its own, then inherited and persistent ones) as a Markdown table;
// the README embeds it and a test keeps the two identical. Defaults under home (kubectl's
// --cache-dir) are written as $HOME/…, so the table is the same on every machine.
func FlagTable(cmd *cobra.Command, home string) string {
	var b strings.Builder
	b.WriteString("| Flag | Default | Description |\n|---|---|---|\n")
	seen := map[string]bool{}
	add := func(f *pflag.Flag) {
		if f.Hidden || seen[f.Name] {
			return
		}
		seen[f.Name] = true
		fmt.Fprintf(&b, "| %s | %s | %s |\n", flagName(f), defaultValue(f, home), escapeCell(f.Usage))
	}
	cmd.LocalFlags().VisitAll(add)
	cmd.InheritedFlags().VisitAll(add)
	return b.String()
}

func flagName(f *pflag.Flag) string {
	if f.Shorthand != "" {
		return fmt.Sprintf("`-%s`, `--%s`", f.Shorthand, f.Name)
	}
	return fmt.Sprintf("`--%s`", f.Name)
}

func defaultValue(f *pflag.Flag, home string) string {
	value := f.DefValue
	switch value {
	case "", "[]", "0s":
		return ""
	}
	if home != "" && strings.HasPrefix(value, home+"/") {
		value = "$HOME" + strings.TrimPrefix(value, home)
	}
	return "`" + value + "`"
}

func escapeCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

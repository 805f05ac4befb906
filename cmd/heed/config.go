package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/heedhq/heed/config"
)

// configCommand checks a configuration file, or prints an example one.
func (a *app) configCommand(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageError("expected a subcommand: heed config check [FILE], or heed config example")
	}
	switch args[0] {
	case "check":
		if len(args) > 2 {
			return usageError("expected at most one file: heed config check [FILE]")
		}
		path := a.configPath
		if len(args) > 1 {
			path = args[1]
		}
		file, err := config.CheckFile(path, a.getenv)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s is valid.\n", file)
		return nil
	case "example":
		fmt.Fprint(a.stdout, config.Example())
		return nil
	}
	return usageError(fmt.Sprintf("unknown subcommand %s: expected check or example", strconv.Quote(args[0])))
}

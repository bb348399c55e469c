package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes: 0 ok, 1 failure or findings, 2 usage or bad input.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// exitError carries the exit code an error should end the process with.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErrorf reports bad usage or bad input: exit code 2.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// usageError marks err as bad usage or input: exit code 2.
func usageError(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: exitUsage, err: err}
}

var errSilent = errors.New("")

// silentExit ends the process with code and prints nothing more: the
// command has already said what it had to (a review with findings).
func silentExit(code int) error {
	return &exitError{code: code, err: errSilent}
}

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitFailure
}

// oneLine folds an error message onto one line for the person reading it.
func oneLine(err error) string {
	msg := strings.TrimSpace(err.Error())
	msg = strings.Join(strings.Fields(strings.ReplaceAll(msg, "\n", " ")), " ")
	return msg
}

// subcommandArgs is the argument check of a command that groups others:
// a word that is no subcommand is a usage error, with cobra's suggestion
// of the nearest name when there is one.
func subcommandArgs(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return unknownCommand(c, args[0])
}

// isArgumentError says whether err is cobra's own complaint about the
// words on the command line (a leaf command given arguments it does not
// take): a usage error, exit 2, like every other.
func isArgumentError(err error) bool {
	var ee *exitError
	if errors.As(err, &ee) {
		return false
	}
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command ") || strings.HasPrefix(msg, "accepts ") ||
		strings.HasPrefix(msg, "requires at least ") || strings.HasPrefix(msg, "unknown flag") || strings.HasPrefix(msg, "unknown shorthand flag")
}

package export

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ServerName is the name sysarch's MCP server is registered under.
const ServerName = "sysarch"

// ServerCommand is the program MCP clients start to reach sysarch.
const ServerCommand = "sysarch"

// serverArgs are the arguments that make ServerCommand speak MCP on stdio.
func serverArgs() []string { return []string{"mcp"} }

// ErrAgentExists reports an agent file that exists with other content.
var ErrAgentExists = errors.New("agent file already exists")

// ErrRefused marks an export that stopped before writing anything because
// of its input: the persona, the options, or a file it will not change.
// Failures to read or write files are not refusals.
var ErrRefused = errors.New("export refused")

// refusal is an error that also matches ErrRefused.
type refusal struct{ err error }

func (r *refusal) Error() string   { return r.err.Error() }
func (r *refusal) Unwrap() []error { return []error{r.err, ErrRefused} }

// refuse marks err as a refusal.
func refuse(err error) error {
	if err == nil {
		return nil
	}
	return &refusal{err}
}

// Action says what an export did to one file.
type Action string

// The actions an export reports for each file.
const (
	Created   Action = "created"
	Updated   Action = "updated"
	Unchanged Action = "unchanged"
)

// Change is what an export did to one file.
type Change struct {
	Path   string
	Action Action
}

// Result is what an export did, and what the person may want to do next.
type Result struct {
	// Changes lists every file the export considered, in the order written.
	Changes []Change
	// MCPCommand is the equivalent command line for registering the MCP
	// server by hand, if the product has one.
	MCPCommand string
	// Notes are things worth telling the person, one sentence each.
	Notes []string
}

// pendingWrite is a file an export has decided to write.
type pendingWrite struct {
	path   string
	data   []byte
	action Action
}

// planAgent decides what writing data to an agent file at path would do,
// refusing to replace other content unless force is set.
func planAgent(path string, data []byte, force bool) (pendingWrite, error) {
	old, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return pendingWrite{path, data, Created}, nil
	case err != nil:
		return pendingWrite{}, fmt.Errorf("cannot read %s: %v: check its permissions", path, unwrapPathError(err))
	case bytes.Equal(old, data):
		return pendingWrite{path, data, Unchanged}, nil
	case !force:
		return pendingWrite{}, refuse(fmt.Errorf("%w: %s has other content; use --force to replace it", ErrAgentExists, path))
	}
	return pendingWrite{path, data, Updated}, nil
}

// readConfig reads a config file that may not exist yet.
func readConfig(path string) (data []byte, exists bool, err error) {
	data, err = os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("cannot read %s: %v: check its permissions", path, unwrapPathError(err))
	}
	return data, true, nil
}

// planConfig decides what replacing a config file's old content with data
// would do.
func planConfig(path string, old []byte, exists bool, data []byte) pendingWrite {
	switch {
	case !exists:
		return pendingWrite{path, data, Created}
	case bytes.Equal(old, data):
		return pendingWrite{path, data, Unchanged}
	}
	return pendingWrite{path, data, Updated}
}

// apply writes every pending file that changes and reports what it did.
func apply(writes ...pendingWrite) ([]Change, error) {
	var changes []Change
	for _, w := range writes {
		if w.action != Unchanged {
			if err := writeFileAtomic(w.path, w.data); err != nil {
				return changes, err
			}
		}
		changes = append(changes, Change{Path: w.path, Action: w.action})
	}
	return changes, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

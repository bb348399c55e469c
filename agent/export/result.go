package export

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// ServerName is the name sysarch's MCP server is registered under.
const ServerName = "sysarch"

// DefaultCommand is the program MCP clients start to reach sysarch when
// no other is given: the name, looked up on the client's PATH.
const DefaultCommand = "sysarch"

// serverArgs are the arguments that make sysarch speak MCP on stdio.
func serverArgs() []string { return []string{"mcp"} }

// Scope says where an export registers sysarch's MCP server.
type Scope string

const (
	// ScopeAgent puts the server in the agent file itself: only the
	// subagent starts it and sees its tools.
	ScopeAgent Scope = "agent"
	// ScopeProject registers the server in the product's shared config
	// (.mcp.json, config.toml): every session there sees the tools.
	ScopeProject Scope = "project"
)

// checkScope accepts the two scopes; empty means ScopeAgent.
func checkScope(s Scope) (Scope, error) {
	switch s {
	case "":
		return ScopeAgent, nil
	case ScopeAgent, ScopeProject:
		return s, nil
	}
	return "", fmt.Errorf("unknown scope %q: use agent or project", s)
}

// registration is how the server is to be registered: the program to
// start, and whether an entry someone customised may be replaced.
type registration struct {
	command string
	force   bool
}

// newRegistration checks the command: the bare name sysarch, found on PATH,
// or an absolute path, which does not depend on the client's PATH.
func newRegistration(command string, force bool) (registration, error) {
	if command == "" {
		command = DefaultCommand
	}
	if command != DefaultCommand && !filepath.IsAbs(command) {
		return registration{}, fmt.Errorf("command %q is neither %s nor an absolute path: give the full path, such as $(command -v sysarch)", command, DefaultCommand)
	}
	if strings.ContainsAny(command, "\x00\r\n") {
		return registration{}, fmt.Errorf("command %q contains a control character: give a plain path", command)
	}
	return registration{command: command, force: force}, nil
}

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
// refusing to replace other content unless force is set or own reports
// the file as one sysarch wrote (with another scope, model or command).
func planAgent(path string, data []byte, force bool, own func([]byte) bool) (pendingWrite, error) {
	old, exists, err := readBounded(path)
	switch {
	case err != nil:
		return pendingWrite{}, err
	case !exists:
		return pendingWrite{path, data, Created}, nil
	case bytes.Equal(old, data):
		return pendingWrite{path, data, Unchanged}, nil
	case !force && !own(old):
		return pendingWrite{}, refuse(fmt.Errorf("%w: %s has other content; pass --force to replace it", ErrAgentExists, path))
	}
	return pendingWrite{path, data, Updated}, nil
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

package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/provider"
)

// TestREADMEConsoleBlocks runs every `$ sysarch …` line of the README's
// console blocks and checks that the output shown is what sysarch prints,
// so the documentation cannot drift from the code.
func TestREADMEConsoleBlocks(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := consoleExamples(string(data))
	if len(examples) < 3 {
		t.Fatalf("found %d console examples in README.md, want at least 3", len(examples))
	}
	for _, ex := range examples {
		t.Run(ex.command, func(t *testing.T) {
			// README commands use no quoting, so fields are the arguments.
			args := strings.Fields(strings.TrimPrefix(ex.command, "sysarch "))
			var out, errOut bytes.Buffer
			ios := &IOStreams{Now: testNow, In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
			if code := run(args, ios); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			if diff := cmp.Diff(ex.output, out.String()); diff != "" {
				t.Errorf("README output differs (-readme +sysarch):\n%s", diff)
			}
		})
	}
}

type consoleExample struct{ command, output string }

func consoleExamples(md string) []consoleExample {
	var exs []consoleExample
	in := false
	for _, line := range strings.Split(md, "\n") {
		switch {
		case line == "```console":
			in = true
		case in && line == "```":
			in = false
		case in && strings.HasPrefix(line, "$ sysarch "):
			exs = append(exs, consoleExample{command: strings.TrimPrefix(line, "$ ")})
		case in && len(exs) > 0 && (line != "" || !strings.HasSuffix(exs[len(exs)-1].output, "\n")):
			if line == "" {
				continue
			}
			exs[len(exs)-1].output += line + "\n"
		}
	}
	return exs
}

// TestREADMEProviderTable checks that the README's provider table has a
// row for every preset, with its key variable and endpoint.
func TestREADMEProviderTable(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if cells := strings.Split(line, " | "); len(cells) == 5 && strings.HasPrefix(line, "| ") {
			rows[strings.Trim(cells[1], "`")] = line
		}
	}
	for _, p := range provider.Presets() {
		name := p.Name
		if name == "custom" {
			name = "--base-url URL` alone" // the row of an endpoint given alone
		}
		row, ok := rows[name]
		if !ok {
			t.Errorf("no README row for preset %s", p.Name)
			continue
		}
		for _, want := range []string{p.KeyEnv, p.BaseURL, p.URLEnv} {
			if !strings.Contains(row, want) {
				t.Errorf("README row of %s lacks %q: %s", p.Name, want, row)
			}
		}
	}
}

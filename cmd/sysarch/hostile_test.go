package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/fakeopenai"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
	"github.com/sysarch/sysarch/agent/termsafe"
)

// payloads are what a hostile file, model or provider puts in text that
// sysarch prints: a clipboard write (OSC 52), a hyperlink (OSC 8), a
// window title, a screen clear, a terminal reset, a CSI as one C1 byte,
// and bidi overrides and isolates.
var payloads = []string{
	"\x1b]52;c;Y3VybCBldmlsfHNo\x07",
	"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
	"\x1b]0;owned\x07",
	"\x1b[2J\x1b[H",
	"\x1bc",
	"\u009b31m",
	"admin\u202Etxt.exe\u2066\u2069",
}

// obeyed reports the first payload-derived control a terminal would act
// on in out, which may hold sysarch's own colour codes.
func obeyed(out string) string {
	for _, bad := range []string{"\x1b]", "\x1bc", "\x1b[2J", "\x1b[H", "\u009b", "\u202E", "\u2066", "\u2069", "\x07"} {
		if strings.Contains(out, bad) {
			return bad
		}
	}
	return ""
}

// TestExampleDocumentsAreClean designs every example and checks that no
// document, Markdown or JSON, on stdout or written with -o, holds a byte
// below 0x20 other than newline and tab, or a bidi control.
func TestExampleDocumentsAreClean(t *testing.T) {
	reqs, _ := filepath.Glob("../../examples/*.md")
	n := 0
	for _, req := range reqs {
		if strings.HasSuffix(req, ".design.md") {
			continue
		}
		n++
		for _, format := range []string{"md", "json"} {
			out := filepath.Join(t.TempDir(), "design."+format)
			if code, _, errOut := runCLI(t, "design", "-f", req, "--format", format, "-o", out); code != exitOK {
				t.Fatalf("design %s: exit %d: %s", req, code, errOut)
			}
			doc, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !termsafe.Clean(doc) {
				t.Errorf("design %s --format %s wrote a control character", req, format)
			}
		}
	}
	if n < 10 {
		t.Fatalf("found %d examples; the glob is wrong", n)
	}
}

// hostileRequirements puts every payload in the fields a document shows.
func hostileRequirements() string {
	p := strings.Join(payloads, " ")
	q := func(s string) string {
		return `"` + strings.NewReplacer("\\", "\\\\", `"`, `\"`, "\x1b", `\e`, "\x07", `\a`, "\u009b", `\u009b`).Replace(s) + `"`
	}
	return "title: " + q("Shop "+p) + "\nsummary: " + q("Sells "+p) +
		"\nfunctional:\n  - " + q("browse "+p) + "\nworkloads:\n  - {name: " + q("list "+p) + ", kind: read, rate: 20/s}\n" +
		""
}

func TestHostileRequirementsAreShownNotObeyed(t *testing.T) {
	req := writeReq(t, hostileRequirements())
	for _, format := range []string{"md", "json"} {
		code, out, errOut := runCLI(t, "design", "-f", req, "--format", format)
		if code != exitOK {
			t.Fatalf("design --format %s: exit %d: %s", format, code, errOut)
		}
		if !termsafe.Clean([]byte(out)) {
			t.Errorf("design --format %s printed a control character: %q", format, out[:min(len(out), 300)])
		}
		if !strings.Contains(out, `\x1b]52;c;`) || !strings.Contains(out, "U+202E") {
			t.Errorf("design --format %s does not show the payload visibly", format)
		}
	}
	ios, out, errOut := ttyIO(true, nil)
	if code := run([]string{"design", "-f", req}, ios); code != exitOK {
		t.Fatalf("design on a terminal: exit %d: %s", code, errOut)
	}
	if bad := obeyed(out.String()); bad != "" {
		t.Errorf("design on a terminal printed %q raw", bad)
	}
	if !strings.Contains(out.String(), "\x1b[") {
		t.Errorf("design on a terminal lost its own colour")
	}
}

func TestReviewShowsHostileTitle(t *testing.T) {
	doc := "# Design " + strings.Join(payloads, " ") + "\n\n## Components\n\n- " + payloads[0] + " api\n"
	p := filepath.Join(t.TempDir(), "design "+payloads[4]+".md")
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"md", "json"} {
		_, out, errOut := runCLI(t, "review", p, "--format", format)
		if !termsafe.Clean([]byte(out)) || !termsafe.Clean([]byte(errOut)) {
			t.Errorf("review --format %s printed a control character: %q", format, out[:min(len(out), 300)])
		}
	}
}

// TestReviewRefusesSlowMarkdown: each run took the parser minutes and
// gigabytes; now each is refused with one line and exit code 2.
func TestReviewRefusesSlowMarkdown(t *testing.T) {
	for _, run := range []string{
		strings.Repeat("[a](", 250_000), strings.Repeat("a_", 500_000), strings.Repeat("![", 400_000),
		strings.Repeat("*a ", 300_000), strings.Repeat("- ", 100_000) + "x",
	} {
		p := filepath.Join(t.TempDir(), "design.md")
		if err := os.WriteFile(p, []byte("# Design\n\n"+run+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		code, _, errOut := runCLI(t, "review", p)
		if code != exitUsage || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "design.md:3: ") {
			t.Errorf("review of %q…: exit %d, stderr %q; want exit 2 and one line naming line 3", run[:8], code, errOut)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("review of %q… took %v", run[:8], d)
		}
	}
}

// TestSessionsShowHostileText lists and shows a session whose title,
// answers and tool calls carry escape sequences: all are shown visibly.
func TestSessionsShowHostileText(t *testing.T) {
	state := t.TempDir()
	store, err := session.OpenStore(filepath.Join(state, "sysarch", "sessions"), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	l, err := store.Create()
	if err != nil {
		t.Fatal(err)
	}
	p := strings.Join(payloads, " ")
	for _, e := range []session.Event{
		{Type: session.User, Text: "design " + p},
		{Type: session.Requirements, Requirements: &requirements.Requirements{Title: "Shop " + p}},
		{Type: session.ToolResult, Tool: &session.Tool{Name: "calc" + payloads[0], Error: "failed " + p}},
		{Type: session.Assistant, Text: "Answer " + p},
	} {
		if err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	getenv := func(k string) string {
		if k == "XDG_STATE_HOME" {
			return state
		}
		return ""
	}
	for _, args := range [][]string{{"sessions"}, {"sessions", "show", l.ID()}} {
		var out, errOut bytes.Buffer
		ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: getenv}
		if code := run(args, ios); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		if !termsafe.Clean(out.Bytes()) || !strings.Contains(out.String(), `\x1b]52;c;`) {
			t.Errorf("%v printed a control character or hid the payload:\n%q", args, out.String())
		}
	}
}

// TestExportNoteShowsHostileConfig: a cloned repository's .mcp.json with
// escape sequences in its sysarch entry is quoted visibly in the note.
func TestExportNoteShowsHostileConfig(t *testing.T) {
	dir := t.TempDir()
	mcpJSON := `{"mcpServers": {"sysarch": {"command": "sysarch\u001b]52;c;ZXZpbA==\u0007", "args": ["mcp\u202e"]}}}`
	if err := os.WriteFile(filepath.Join(dir, ".mcp.json"), []byte(mcpJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "export", "claude", "--scope", "project", "--dir", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !termsafe.Clean([]byte(out+errOut)) || !strings.Contains(out, `sysarch\x1b]52;c;ZXZpbA==\x07 mcpU+202E`) {
		t.Errorf("the note does not show the entry visibly:\n%q", out)
	}
}

// TestDesignLLMNarrativeShownNotObeyed: a model's narrative with escape
// sequences and bidi controls reaches the document visibly, and neither
// the document nor the progress lines hold a control character.
func TestDesignLLMNarrativeShownNotObeyed(t *testing.T) {
	// No digits: the narrative check refuses numbers no tool produced.
	p := "\x1bc \u202Egnp.exe\u2066x\u2069 \x1b[J \x07 \u009bm"
	args, _ := json.Marshal(map[string]any{"executive_summary": "Reads dominate " + p, "trade_offs": []string{"Simple " + p}})
	srv := fakeopenai.New(t, fakeopenai.APIKey(llmKey), fakeopenai.Replies(
		fakeopenai.Calls(fakeopenai.Call("submit_design", string(args))).InChunks(5)))
	code, out, errOut := designLLM(t, srv, nil)
	if code != exitOK || !strings.Contains(out, `Reads dominate \x1bc U+202Egnp.exe`) {
		t.Fatalf("exit %d, the narrative is not shown visibly: %s", code, errOut)
	}
	if !termsafe.Clean([]byte(out)) || !termsafe.Clean([]byte(errOut)) {
		t.Errorf("design --llm printed a control character")
	}
}

// TestPipedChatShowsHostileAnswers pipes an offline interview answers
// that carry escape sequences: the echo, the questions that quote them and
// the document keep every one visible and none raw.
func TestPipedChatShowsHostileAnswers(t *testing.T) {
	p := strings.Join(payloads, " ")
	state := t.TempDir()
	ios, out, errOut := ttyIO(false, map[string]string{"XDG_STATE_HOME": state, "HOME": state})
	ios.In = strings.NewReader("A shop " + p + "\nbrowse " + p + "\n" + p + "\n")
	run([]string{"chat", "--offline"}, ios)
	if !termsafe.Clean(out.Bytes()) || !termsafe.Clean(errOut.Bytes()) {
		t.Errorf("the piped chat printed a control character:\nstdout %q\nstderr %q", out, errOut)
	}
	if !strings.Contains(errOut.String()+out.String(), `A shop \x1b]52;c;`) {
		t.Errorf("the answer is not shown visibly:\n%s", errOut)
	}
}

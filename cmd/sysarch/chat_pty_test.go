package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// These tests drive the built sysarch binary through a pseudo-terminal,
// as a person at a keyboard would.

// buildSysarch returns the sysarch binary the tests run: TestMain has put
// a copy of this test binary on PATH under the name sysarch, where it runs
// the command line, so the binary is built once per test run, not per test.
func buildSysarch(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("sysarch")
	if err != nil || !strings.Contains(bin, "testscript-main") {
		t.Fatalf("TestMain did not put the sysarch command on PATH (found %q): %v", bin, err)
	}
	return bin
}

// TestBinary builds sysarch once and runs the tests of the built binary.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildSysarch(t)
	for _, tt := range []struct {
		name string
		test func(*testing.T, string)
	}{
		{"InterviewToSavedDocument", testPTYInterviewToSavedDocument},
		{"KillThenResume", testPTYKillThenResume},
		{"RootRunsChat", testPTYRootRunsChat},
		{"PipedHasNoEscapeCodes", testPipedChatHasNoEscapeCodes},
		{"ModelConversationToSavedDocument", testPTYModelConversation},
		{"ModelKillMidTurnThenResume", testPTYModelKillThenResume},
		{"DesignAt120Columns", testPTYDesignAt120Columns},
		{"CtrlCClearsALine", testPTYCtrlCClearsALine},
		{"NoColorAt80Columns", testPTYNoColorAt80Columns},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, bin) })
	}
}

// terminal is sysarch running on a pseudo-terminal.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	pty  *os.File
	mu   sync.Mutex
	buf  bytes.Buffer
	mark int // expect looks past here
	done chan error
}

// startTerminal runs sysarch with args in dir, its state under state.
func startTerminal(t *testing.T, bin, dir, state string, args ...string) *terminal {
	t.Helper()
	return startTerminalEnv(t, bin, dir, state, nil, args...)
}

// startTerminalEnv is startTerminal with more environment variables.
func startTerminalEnv(t *testing.T, bin, dir, state string, env []string, args ...string) *terminal {
	t.Helper()
	return startTerminalWide(t, bin, dir, state, 200, env, args...)
}

// startTerminalWide runs sysarch with args in dir, its state under state,
// on a terminal cols wide, with env added to its environment.
func startTerminalWide(t *testing.T, bin, dir, state string, cols uint16, env []string, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"HOME=" + state, "XDG_STATE_HOME=" + state, "XDG_CONFIG_HOME=" + state, "TERM=xterm", "PATH=" + os.Getenv("PATH")}, env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: cols})
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, done: make(chan error, 1)}
	go func() {
		chunk := make([]byte, 4096)
		for {
			n, err := f.Read(chunk)
			term.mu.Lock()
			term.buf.Write(chunk[:n])
			term.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { term.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		f.Close()
	})
	return term
}

// expect waits for s to appear after the last match.
func (tm *terminal) expect(s string) {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		tm.mu.Lock()
		out := tm.buf.String()
		tm.mu.Unlock()
		if i := strings.Index(out[tm.mark:], s); i >= 0 {
			tm.mark += i + len(s)
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	tm.t.Fatalf("timed out waiting for %q; screen since last match:\n%s", s, tm.screen()[tm.mark:])
}

func (tm *terminal) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.buf.String()
}

func (tm *terminal) send(s string) {
	tm.t.Helper()
	if _, err := tm.pty.Write([]byte(s)); err != nil {
		tm.t.Fatal(err)
	}
}

// answer waits for the prompt after question, then types the lines of
// text, waiting for the continuation prompt between them.
func (tm *terminal) answer(question, prompt, text string) {
	tm.t.Helper()
	tm.expect(question)
	tm.expect(prompt)
	lines := strings.Split(text, "\n")
	for _, l := range lines[:len(lines)-1] {
		tm.send(l + "\r")
		tm.expect("… ")
	}
	tm.send(lines[len(lines)-1] + "\r")
}

// wait waits for the process to exit and returns its error.
func (tm *terminal) wait() error {
	tm.t.Helper()
	select {
	case err := <-tm.done:
		return err
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("sysarch did not exit; screen:\n%s", tm.screen())
		return nil
	}
}

// interviewScript is the whole offline interview: the question's start,
// the phase in the prompt, the answer.
var interviewScript = [][3]string{
	{"What are we designing?", "[functional] › ", "URL shortener: turns long links into short ones"},
	{"What must it do?", "[functional] › ", "create short links, \\\nredirect"}, // continued on a second line
	{"Name one flow of traffic", "[scale] › ", "redirect"},
	{"Is the redirect flow a read", "[scale] › ", "read"},
	{"What is the average rate of redirect", "[scale] › ", "fast"},
	{"Could not read \"fast\"", "[scale] › ", "10B/month"},
	{"How much higher than the average is the peak", "[scale] › ", "3x"},
	{"How big is one item of redirect", "[scale] › ", "500B"},
	{"What latency must the redirect flow", "[scale] › ", "20ms"},
	{"Can the answers to redirect be cached", "[scale] › ", "yes"},
	{"another flow of traffic", "[scale] › ", "no"},
	{"daily active users", "[scale] › ", "10M"},
	{"What availability", "[reliability] › ", "99.95%"},
	{"What must never be lost", "[reliability] › ", "skip"},
	{"Which regulations", "[reliability] › ", "none"},
	{"Who will build and run it", "[constraints] › ", "3 backend engineers"},
	{"What may it cost", "[constraints] › ", "2000 USD/month"},
	{"When must it be ready", "[constraints] › ", "3 months"},
	{"What infrastructure", "[constraints] › ", "PostgreSQL, AWS"},
	{"how much will the load grow", "[scale] › ", "1y 4x"},
}

func testPTYInterviewToSavedDocument(t *testing.T, bin string) {
	dir, state := t.TempDir(), t.TempDir()
	tm := startTerminal(t, bin, dir, state, "chat", "--offline")
	for _, step := range interviewScript {
		tm.answer(step[0], step[1], step[2])
	}
	tm.expect("(assumed in the conversation).") // the design, drawn for the terminal
	tm.answer("[document] › ", "", "/save")
	tm.expect("saved the design to url-shortener.md")
	tm.answer("[document] › ", "", "/save")
	tm.expect("url-shortener.md exists; overwrite it? [y/N] ")
	tm.send("n\r")
	tm.expect("not overwritten")
	tm.expect("[document] › ")
	tm.send("\x04") // Ctrl-D
	if err := tm.wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
	// Drawn as Markdown, an error and the question after it stay apart.
	for _, line := range strings.Split(visible(tm.screen()), "\n") {
		if _, after, ok := strings.Cut(line, "5k/min or 1,200/s"); ok && strings.TrimSpace(after) != "" {
			t.Errorf("the error runs into the next question: %q", line)
		}
	}
	doc, err := os.ReadFile(filepath.Join(dir, "url-shortener.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"# System Design: URL shortener", "| create short links | ", "| redirect | hot path: redirect |", "No acknowledged write may be lost (assumed in the conversation)."} {
		if !strings.Contains(string(doc), s) {
			t.Errorf("saved document lacks %q:\n%s", s, doc)
		}
	}
	if info, err := os.Stat(filepath.Join(state, "sysarch", "history")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("history file: %v, %v; want mode 0600", info, err)
	}
}

func testPTYKillThenResume(t *testing.T, bin string) {
	dir, state := t.TempDir(), t.TempDir()
	tm := startTerminal(t, bin, dir, state, "chat")
	steps := interviewScript[:7]
	for _, step := range steps {
		tm.answer(step[0], step[1], step[2])
	}
	tm.expect("How big is one item of redirect")
	tm.expect("[scale] › ")
	tm.cmd.Process.Signal(os.Kill) // kill -9 in the middle of the interview
	tm.wait()

	tm = startTerminal(t, bin, dir, state, "chat", "--resume")
	for _, step := range steps {
		tm.expect(step[0])
		first, _, _ := strings.Cut(step[2], "\\\n") // continued lines show after "… "
		tm.expect(step[1] + first)
	}
	tm.answer("How big is one item of redirect", "[scale] › ", "500B")
	tm.expect("What latency must the redirect flow")
	tm.expect("[scale] › ")
	tm.send("\x03") // Ctrl-C twice on an empty prompt exits
	tm.expect("press Ctrl-C again")
	tm.send("\x03")
	if err := tm.wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}

func testPTYRootRunsChat(t *testing.T, bin string) {
	tm := startTerminal(t, bin, t.TempDir(), t.TempDir())
	tm.expect("What are we designing?")
	tm.expect("[functional] › ")
	tm.send("/exit\r")
	if err := tm.wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}

func testPipedChatHasNoEscapeCodes(t *testing.T, bin string) {
	var in strings.Builder
	for _, step := range interviewScript {
		in.WriteString(step[2] + "\n")
	}
	cmd := exec.Command(bin, "chat", "--offline")
	cmd.Env = []string{"XDG_STATE_HOME=" + t.TempDir(), "HOME=" + t.TempDir(), "TERM=xterm"}
	cmd.Stdin = strings.NewReader(in.String())
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	if !strings.HasPrefix(out.String(), "# System Design: URL shortener") {
		t.Errorf("stdout does not start with the design:\n%s", out.String())
	}
	if strings.Contains(out.String()+errOut.String(), "\x1b") {
		t.Errorf("escape codes in piped output")
	}
	if !strings.Contains(errOut.String(), "› 10B/month\n") {
		t.Errorf("stderr lacks the echoed answers:\n%s", errOut.String())
	}
}

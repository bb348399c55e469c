package fakeopenai

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

// scriptFile is the JSON form of a script:
//
//	{"model": "gpt-test", "api_key": "k", "latency": "5ms",
//	 "replies": [{"text": "hello", "chunks": 3}, {"status": 429, "retry_after": "1"}]}
//
// A reply has the JSON fields of [Reply], plus "latency" as a duration string.
type scriptFile struct {
	Model   string      `json:"model"`
	APIKey  string      `json:"api_key"`
	NoAuth  bool        `json:"no_auth"`
	Latency string      `json:"latency"`
	Replies []fileReply `json:"replies"`
	// Preset makes the server behave like a provider (see Preset).
	Preset string  `json:"preset"`
	Quirks []Quirk `json:"quirks"`
}

type fileReply struct {
	Reply
	Latency string `json:"latency,omitempty"`
}

// ParseScript reads a script in its JSON form (see the example in [Main]) and
// returns the options that configure a server to serve it. Unknown fields
// are an error, so a typo cannot silently change the script.
func ParseScript(data []byte) ([]Option, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f scriptFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("script: %w", err)
	}
	opts := []Option{Model(f.Model), APIKey(f.APIKey), Quirks(f.Quirks...)}
	if f.Preset != "" {
		if _, ok := presetQuirks[f.Preset]; !ok {
			return nil, fmt.Errorf("script: unknown preset %q (known: %s)", f.Preset, strings.Join(Presets(), ", "))
		}
		opts = append(opts, Preset(f.Preset))
	}
	if f.NoAuth {
		opts = append(opts, NoAuth())
	}
	if f.Latency != "" {
		d, err := time.ParseDuration(f.Latency)
		if err != nil {
			return nil, fmt.Errorf("script: latency: %w", err)
		}
		opts = append(opts, Latency(d))
	}
	replies := make([]Reply, 0, len(f.Replies))
	for i, fr := range f.Replies {
		r := fr.Reply
		if fr.Latency != "" {
			d, err := time.ParseDuration(fr.Latency)
			if err != nil {
				return nil, fmt.Errorf("script: reply %d: latency: %w", i, err)
			}
			r.Latency = d
		}
		if r.Fault != "" && r.Fault != FaultDrop && r.Fault != FaultMalformed {
			return nil, fmt.Errorf("script: reply %d: unknown fault %q (want %q or %q)", i, r.Fault, FaultDrop, FaultMalformed)
		}
		replies = append(replies, r)
	}
	return append(opts, Replies(replies...)), nil
}

// Main serves a script file until interrupted:
//
//	fakeopenai [-addr 127.0.0.1:0] SCRIPT.json
//
// It prints the base URL (for OPENAI_BASE_URL) on stdout, and on exit the
// requests a correct client would not have sent on stderr. It returns the
// exit code: 0, 1 if any request broke a rule, 2 for bad usage.
//
// A script file looks like this:
//
//	{"api_key": "test-key", "replies": [
//	  {"tool_calls": [{"type": "function", "function": {"name": "throughput", "arguments": "{\"count\":\"10M\"}"}}], "chunks": 3},
//	  {"status": 503},
//	  {"text": "Done.", "chunks": 2, "latency": "20ms"}
//	]}
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, stdout, stderr)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fakeopenai", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "loopback `address` to listen on")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: fakeopenai [-addr 127.0.0.1:0] SCRIPT.json")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "fakeopenai: %v\n", err)
		return 2
	}
	opts, err := ParseScript(data)
	if err != nil {
		fmt.Fprintf(stderr, "fakeopenai: %s: %v\n", fs.Arg(0), err)
		return 2
	}
	s := NewServer(opts...)
	if err := s.Start(*addr); err != nil {
		fmt.Fprintf(stderr, "fakeopenai: %v\n", err)
		return 2
	}
	fmt.Fprintln(stdout, s.URL())
	<-ctx.Done()
	s.Close()
	failures := s.Failures()
	for _, f := range failures {
		fmt.Fprintf(stderr, "fakeopenai: %s\n", f)
	}
	fmt.Fprintf(stderr, "fakeopenai: %d round trips\n", s.RoundTrips())
	if len(failures) > 0 {
		return 1
	}
	return 0
}

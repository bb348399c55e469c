package chat

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/interview"
	"github.com/sysarch/sysarch/agent/session"
)

// FuzzChatInput pipes arbitrary text into an offline chat: answers,
// slash commands with any arguments, continued lines. Whatever it is, the
// chat ends at the end of input without a panic, and an error, if any,
// is one line.
func FuzzChatInput(f *testing.F) {
	for _, seed := range []string{
		answers,
		answers + "/requirements\n/phase\n/design\nwhat if traffic is 10x?\n/save -f\n",
		"/\n/save a b c\n/model\n/model x y\n/reset\n/unknown\n/exit\n",
		"Chat app\\\ncontinued\nskip\n?\n",
		"x\n\x00\xff\n/calc servers --peak-rps 1e308\n",
		"ȺȺȺ per 0\n10M per 0\n1e308B\n",
	} {
		f.Add(seed)
	}
	store, err := session.OpenStore(filepath.Join(f.TempDir(), "sessions"), time.Now)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, input string) {
		if len(input) > 2<<10 {
			return
		}
		var out, errOut bytes.Buffer
		err := Run(context.Background(), Options{
			In: strings.NewReader(input), Out: &out, Err: &errOut,
			Store: store, NewResponder: interview.NewResponder, Design: fakeDesign,
			WriteFile: func(string, []byte) error { return nil },
		})
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("error on several lines: %q", err)
		}
	})
}

package chat

import (
	"context"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
)

func TestFigureShowsWhatAnIDMeans(t *testing.T) {
	doc := func(req requirements.Requirements, opts DesignOptions) ([]byte, error) {
		return []byte("# Design\n\n| ID | Workload | Figure | Value | Formula |\n| --- | --- | --- | --- | --- |\n" +
			"| C1 | redirect | throughput: per_second | 3,802.65/s | 10,000,000,000 per month / 2,629,746 s = 3,802.65/s |\n" +
			"| C15 | 6mo | redirect | throughput: peak_per_second | 17,111.91/s | 15,000,000,000 per month ×3 |\n"), nil
	}
	r := runChat(t, nil, answers+"/figure c1\n/figure C15\n/figure C99\n/figure\n", func(o *Options) { o.Design = doc })
	for _, want := range []string{
		"C1  redirect: throughput: per_second = 3,802.65/s\n  10,000,000,000 per month / 2,629,746 s = 3,802.65/s\n",
		"C15  6mo, redirect: throughput: peak_per_second = 17,111.91/s",
		"the design has no figure C99",
		"give one figure id, e.g. /figure C3",
	} {
		if !strings.Contains(r.err, want) {
			t.Errorf("conversation lacks %q:\n%s", want, r.err)
		}
	}
}

// citingResponder records a title and answers citing a figure.
type citingResponder struct{}

func (citingResponder) Respond(_ context.Context, _ conversation.Turn) (<-chan conversation.Event, error) {
	ch := make(chan conversation.Event, 3)
	ch <- conversation.Event{Kind: conversation.Requirements, Requirements: &requirements.Requirements{Title: "Links"}}
	ch <- conversation.Event{Kind: conversation.TextDelta, Text: "Redirects run at [C1]; see C1 again."}
	ch <- conversation.Event{Kind: conversation.Done}
	close(ch)
	return ch, nil
}

func TestACitedFigureIsExplainedAfterTheAnswer(t *testing.T) {
	doc := func(req requirements.Requirements, opts DesignOptions) ([]byte, error) {
		return []byte("| C1 | redirect | throughput: per_second | 3,802.65/s | 10B per month / 2,629,746 s |\n"), nil
	}
	r := runChat(t, nil, "a link shortener\n", func(o *Options) {
		o.Design = doc
		o.NewResponder = func([]session.Event) (conversation.Responder, error) { return citingResponder{}, nil }
	})
	// Two answers (the opening and the reply), each citing C1 twice: one
	// explanation after each.
	if n := strings.Count(r.err, "C1  redirect: throughput: per_second = 3,802.65/s\n  10B per month / 2,629,746 s"); n != 2 {
		t.Errorf("the cited figure was explained %d times, want once an answer:\n%s", n, r.err)
	}
}

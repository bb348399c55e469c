package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

const budgetReq = `---
title: Video relay
workloads:
  - name: views
    kind: read
    rate: 5M/day
constraints:
  budget: 20000 USD/month
---
Viewers stream clips through our relay.
`

// TestNumberCheckComparesCosts: the model prices egress with the cost
// tool; a narrative that calls the design within its budget although that
// figure exceeds it is refused, an invented monthly cost is refused, and
// the figure the cost tool produced, cited, is accepted.
func TestNumberCheckComparesCosts(t *testing.T) {
	var mu sync.Mutex
	var answers []string // what each submit_design call was answered
	lastTool := func(req fakeopenai.Request) string {
		for i := len(req.Messages) - 1; i >= 0; i-- {
			if req.Messages[i].Role == "tool" {
				return req.Messages[i].Text()
			}
		}
		return ""
	}
	var cost struct {
		FigureIDs map[string]string  `json:"figure_ids"`
		Outputs   map[string]float64 `json:"outputs"`
	}
	submit := func(summary func() string) fakeopenai.Reply {
		return fakeopenai.Func(func(req fakeopenai.Request) fakeopenai.Reply {
			mu.Lock()
			defer mu.Unlock()
			if cost.FigureIDs == nil {
				json.Unmarshal([]byte(lastTool(req)), &cost)
			} else {
				answers = append(answers, lastTool(req))
			}
			b, _ := json.Marshal(map[string]string{"executive_summary": summary()})
			return fakeopenai.Calls(fakeopenai.Call("submit_design", string(b)))
		})
	}
	egress := func() string {
		return "Egress costs $" + strings.Split(formatThousands(cost.Outputs["monthly_usd"]), ".")[0] + " a month [" + cost.FigureIDs["monthly_usd"] + "]"
	}
	srv := fakeopenai.New(t, fakeopenai.APIKey(llmKey), fakeopenai.Replies(
		fakeopenai.Calls(fakeopenai.Call("cost", `{"component": "egress", "transfer_per_month": "400TB"}`)),
		submit(func() string { return egress() + ", so the relay stays within the $20,000 budget." }),
		// 116 is a figure of the design (the peak views a second, rounded),
		// but not a cost: as an amount of money it is invented.
		submit(func() string { return egress() + "; the relay servers add $116 a month." }),
		submit(func() string { return egress() + ", above the $20,000 budget: serve clips from a CDN." })))
	p := filepath.Join(t.TempDir(), "relay.md")
	if err := os.WriteFile(p, []byte(budgetReq), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, out, errOut := ttyIO(false, map[string]string{"OPENAI_API_KEY": llmKey, "OPENAI_BASE_URL": srv.URL()})
	if code := run([]string{"design", "-f", p, "--llm"}, ios); code != exitOK || !strings.Contains(errOut.String(), "narrative: the model's") {
		t.Fatalf("exit %d; the model's narrative was not taken:\n%s", code, errOut)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(answers) != 2 {
		t.Fatalf("%d refusals of submit_design, want 2: %q", len(answers), answers)
	}
	if !strings.Contains(answers[0], "within the $20,000 budget") || !strings.Contains(answers[0], cost.FigureIDs["monthly_usd"]+" is $22,426") {
		t.Errorf("a claim to fit the budget beside a cost above it was not refused: %s", answers[0])
	}
	if !strings.Contains(answers[1], "$116") || strings.Contains(answers[1], "$22,426") {
		t.Errorf("an invented cost was not refused, or the tool's was: %s", answers[1])
	}
	// The third narrative, with the cost tool's own figure cited, ended
	// the run: it was accepted.
	if !strings.Contains(out.String(), "above the $20,000 budget") || !strings.Contains(out.String(), "Egress costs $22,426 a month") {
		t.Error("the narrative citing the cost tool's figure is not in the document")
	}
}

// formatThousands writes 22426.45 as 22,426.45.
func formatThousands(v float64) string {
	whole, frac, _ := strings.Cut(strings.TrimRight(strings.TrimRight(jsonNumber(v), "0"), "."), ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		return b.String() + "." + frac
	}
	return b.String()
}

func jsonNumber(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

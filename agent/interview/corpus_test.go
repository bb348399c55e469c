package interview

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// TestAnswerCorpus answers one question of the interview with each line
// of testdata/answers.txt — answers as people type them: mixed units,
// hedges, typos, answers to later questions given early — and checks the
// fields each must yield. A line either reads right, or is answered with
// a question and leaves the fields alone; a wrong value fails the test at
// once. At least 95% must read right.
func TestAnswerCorpus(t *testing.T) {
	cases := loadCorpus(t, "testdata/answers.txt")
	if len(cases) < 80 {
		t.Fatalf("corpus has %d answers, want at least 80", len(cases))
	}
	var right, asked int
	for _, c := range cases {
		got := c.run(t)
		switch {
		case got.wrong != "":
			t.Errorf("line %d %q: %s", c.line, c.answer, got.wrong)
		case got.asked != "" && c.ask == "":
			asked++
			t.Logf("line %d %q: asked instead of reading: %s", c.line, c.answer, got.asked)
		case got.asked == "" && c.ask != "":
			t.Errorf("line %d %q: read it, want the question %q", c.line, c.answer, c.ask)
		case c.ask != "" && !strings.Contains(strings.ToLower(got.asked), strings.ToLower(c.ask)):
			t.Errorf("line %d %q: asked %q, want it to contain %q", c.line, c.answer, got.asked, c.ask)
		default:
			right++
		}
	}
	share := float64(right) / float64(len(cases))
	t.Logf("read right: %d of %d (%.1f%%); asked a question: %d", right, len(cases), 100*share, asked)
	if share < 0.95 {
		t.Errorf("read right %.1f%%, want at least 95%%", 100*share)
	}
}

// corpusCase is one line of the corpus: the question, the flow's kind
// (for the questions only some kinds are asked), the answer, and either
// the fields it must yield or the question it must ask.
type corpusCase struct {
	line     int
	question string
	kind     string
	answer   string
	want     map[string]string
	ask      string
}

func loadCorpus(t *testing.T, path string) []corpusCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, " | ")
		if len(parts) != 3 {
			t.Fatalf("%s:%d: want question | answer | fields", path, n)
		}
		c := corpusCase{line: n, answer: parts[1], want: map[string]string{}}
		c.question, c.kind, _ = strings.Cut(parts[0], ":")
		for _, kv := range strings.Split(parts[2], ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
			if k == "ask" {
				c.ask = v
			} else {
				c.want[k] = v
			}
		}
		out = append(out, c)
	}
	return out
}

// outcome is what an answer did: asked a question, or set a wrong value.
type outcome struct{ asked, wrong string }

// setup answers the questions before the one under test.
var setup = map[string]string{
	"title": "Claims portal", "functional": "submit claims", "workload.name": "claims",
	"workload.rate": "5M/day", // 57.87/s
}

func (c corpusCase) run(t *testing.T) outcome {
	iv := New()
	kind := c.kind
	if kind == "" {
		kind = map[string]string{"workload.cacheable": "read", "workload.window": "event"}[c.question]
		if kind == "" {
			kind = "write"
		}
	}
	for n := 0; ; n++ {
		q, ok := iv.Current()
		if !ok || n > 40 {
			t.Fatalf("line %d: never asked %s", c.line, c.question)
		}
		if q.ID == c.question {
			break
		}
		a, ok := setup[q.ID]
		if q.ID == "workload.kind" {
			a, ok = kind, true
		}
		if !ok {
			a = "skip"
		}
		iv.Answer(a)
	}
	before := iv.Requirements()
	r := iv.Answer(c.answer)
	if q, _ := iv.Current(); q.ID == c.question && !r.Changed {
		if diff := changedFields(before, iv.Requirements(), c.want); diff != "" {
			return outcome{wrong: "asked, yet changed " + diff}
		}
		return outcome{asked: strings.Join(r.Say, " ")}
	}
	for n := 0; !iv.Done() && n < 40; n++ {
		iv.Answer("skip")
	}
	req := iv.Requirements()
	for k, want := range c.want {
		if got := field(req, iv.Assumptions(), k); !same(k, got, want) {
			return outcome{wrong: fmt.Sprintf("%s = %q, want %q (said %q)", k, got, want, r.Say)}
		}
	}
	return outcome{}
}

func changedFields(before, after requirements.Requirements, want map[string]string) string {
	for k := range want {
		if b, a := field(before, nil, k), field(after, nil, k); b != a {
			return fmt.Sprintf("%s from %q to %q", k, b, a)
		}
	}
	return ""
}

// field renders one field of the requirements for comparison; the first
// flow is "the flow", the second is named by "name2".
func field(r requirements.Requirements, assumptions []string, k string) string {
	var w requirements.Workload
	if len(r.Workloads) > 0 {
		w = r.Workloads[0]
	}
	num := func(f float64) string { return fmt.Sprint(f) }
	switch k {
	case "kind":
		return string(w.Kind)
	case "rate":
		return num(w.Rate.PerSecond(0))
	case "peak":
		return num(float64(w.PeakFactor))
	case "size":
		return num(float64(w.ItemSize))
	case "p50":
		return num(float64(w.LatencyP50))
	case "p95":
		return num(float64(w.LatencyP95))
	case "p99":
		return num(float64(w.LatencyP99))
	case "cacheable":
		return fmt.Sprint(w.Cacheable)
	case "retention":
		return num(float64(w.Retention))
	case "window":
		return num(float64(w.Window))
	case "name2":
		if len(r.Workloads) > 1 {
			return r.Workloads[1].Name
		}
		return ""
	case "name":
		return w.Name
	case "flows":
		return fmt.Sprint(len(r.Workloads))
	case "dau", "mau", "total":
		if r.Users == nil {
			return "0"
		}
		return num(float64(map[string]quantity.Count{"dau": r.Users.DAU, "mau": r.Users.MAU, "total": r.Users.Total}[k]))
	case "availability":
		return num(float64(r.Availability))
	case "compliance":
		return strings.Join(r.Compliance, ",")
	case "growth":
		var g []string
		for h, f := range r.Growth {
			g = append(g, h+":"+num(float64(f)))
		}
		slices.Sort(g)
		return strings.Join(g, ",")
	case "assumed":
		return strings.Join(assumptions, "|")
	case "budget":
		if r.Constraints == nil {
			return ""
		}
		return r.Constraints.Budget
	}
	panic("unknown field " + k)
}

// same compares a field with the corpus's value, which is written the way
// a person would (1.5MB, 2y, 2k/day, 99.9%), within 0.5%.
func same(k, got, want string) bool {
	var w float64
	var err error
	switch k {
	case "kind", "cacheable", "name", "name2", "compliance", "growth", "flows", "budget":
		return got == want
	case "assumed":
		return strings.Contains(got, want)
	case "rate":
		var v quantity.Value
		v, err = quantity.ParseRate(want, 0)
		w = v.V
	case "size":
		w, err = quantity.ParseBytes(want)
	case "p50", "p95", "p99", "retention", "window":
		w, err = quantity.ParseDuration(want)
	case "availability":
		w, err = quantity.ParseRatio(want)
	default:
		w, err = quantity.ParseCount(want)
	}
	var g float64
	fmt.Sscan(got, &g)
	return err == nil && math.Abs(g-w) <= 0.005*math.Abs(w)
}

package interview

import (
	"slices"
	"strings"
	"testing"
)

// say returns everything the last reply said.
func say(replies []Reply) string { return strings.Join(replies[len(replies)-1].Say, " ") }

func TestAbsolutePeakIsTurnedIntoAFactorAndSaidSo(t *testing.T) {
	iv, _, replies := run(t, "t", "f", "claims", "write", "5M/day", "2k rps at peak")
	if got := float64(iv.Requirements().Workloads[0].PeakFactor); got != 34.56 {
		t.Errorf("peak factor %v, want 34.56", got)
	}
	if got, want := say(replies), "Understood: peak 2,000/s, ×34.56 the average of 57.87/s."; !strings.Contains(got, want) {
		t.Errorf("reply %q, want it to contain %q", got, want)
	}
}

func TestEarlyAnswersAreKeptAndNotAskedAgain(t *testing.T) {
	iv, asked, replies := run(t, "t", "f", "claims", "a write, about 6k a month, 1.5 MB each, p99 under 300ms", "3x")
	if q, _ := iv.Current(); q.ID != "workload.retention" {
		t.Errorf("asked %v then %s, want rate, size and latency taken from the kind's answer", asked, q.ID)
	}
	w := iv.Requirements().Workloads[0]
	if w.Rate.Count != 6000 || w.Rate.Per != "month" || w.ItemSize != 1.5e6 || w.LatencyP99 != 0.3 || w.PeakFactor != 3 {
		t.Errorf("workload %+v", w)
	}
	if got := say(replies); !strings.Contains(got, "From your earlier answer: one item is 1.5 MB.") || !strings.Contains(got, "From your earlier answer: p99 under 300ms.") {
		t.Errorf("reply %q does not say which earlier answers it took", got)
	}
}

func TestTheNextFlowNamedWithTheYes(t *testing.T) {
	iv, _, replies := run(t, "t", "f", "claims", "write", "skip", "skip", "skip", "skip", "yes, submitting claims")
	if q, _ := iv.Current(); q.ID != "workload.kind" || !strings.Contains(q.Text, "submitting claims") {
		t.Errorf("next question %q, want the kind of submitting claims", q.Text)
	}
	if !strings.Contains(say(replies), "the next flow is submitting claims") {
		t.Errorf("reply %q", say(replies))
	}
}

func TestCorrectionReplacesTheLastAnswer(t *testing.T) {
	iv, _, replies := run(t, "t", "f", "claims", "write", "5M/day", "5x", "actually 3x")
	if got := iv.Requirements().Workloads[0].PeakFactor; got != 3 {
		t.Errorf("peak factor %v after the correction, want 3", got)
	}
	if q, _ := iv.Current(); q.ID != "workload.size" {
		t.Errorf("asked %s after the correction, want the size", q.ID)
	}
	if got := say(replies); !strings.HasPrefix(got, "Corrected: peak ×3 the average.") {
		t.Errorf("reply %q", got)
	}
	// A correction that does not answer the question before answers the
	// current one.
	iv, _, _ = run(t, "t", "f", "claims", "write", "5M/day", "5x", "actually 2KB")
	if w := iv.Requirements().Workloads[0]; w.PeakFactor != 5 || w.ItemSize != 2000 {
		t.Errorf("workload %+v, want peak 5x kept and the size 2KB", w)
	}
	// undo asks the question before again, its answer gone.
	iv, _, _ = run(t, "t", "f", "claims", "write", "5M/day", "undo")
	if q, _ := iv.Current(); q.ID != "workload.rate" || !iv.Requirements().Workloads[0].Rate.IsZero() {
		t.Errorf("after undo: asked %s, rate %+v", q.ID, iv.Requirements().Workloads[0].Rate)
	}
}

func TestNotSureRecordsAnAssumption(t *testing.T) {
	iv, _, replies := run(t, "t", "f", "claims", "write", "5M/day", "no idea")
	if got := say(replies); !strings.HasPrefix(got, "Not sure is fine; assumed for now: the peak of claims is twice its average.") {
		t.Errorf("reply %q", got)
	}
	if q, _ := iv.Current(); q.ID != "workload.size" {
		t.Errorf("asked %s, want the size", q.ID)
	}
}

func TestRegulationTypoIsAskedAbout(t *testing.T) {
	answers := []string{"t", "f", "skip", "none", "99.9%", "skip", "GPDR, PCI"}
	iv, _, replies := run(t, answers...)
	if got, want := say(replies), `"GPDR" is not a regulation I know: did you mean GDPR? Say yes to take GDPR, PCI DSS`; !strings.HasPrefix(got, want) {
		t.Errorf("reply %q, want %q", got, want)
	}
	if len(iv.Requirements().Compliance) != 0 {
		t.Errorf("kept %v before the person agreed", iv.Requirements().Compliance)
	}
	iv.Answer("yes")
	if got := strings.Join(iv.Requirements().Compliance, ", "); got != "GDPR, PCI DSS" {
		t.Errorf("compliance %q after yes", got)
	}
}

func TestVagueFiguresBecomeAssumptions(t *testing.T) {
	iv, _, _ := run(t, "t", "f", "claims", "write", "5M/day", "3x", "a few KB")
	if got, want := iv.Assumptions(), []string{`one item of claims is 3 KB, reading "a few KB" as 3 KB`}; !slices.Equal(got, want) {
		t.Errorf("assumptions %q, want %q", got, want)
	}
}

package review_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/review"
)

// TestDesignerAndReviewerShareThresholds moves an event rate across the
// decision matrix's threshold for a streaming platform: the designer
// chooses Kafka exactly where the reviewer stops calling Kafka premature,
// because both read the one threshold in agent/capacity.
func TestDesignerAndReviewerShareThresholds(t *testing.T) {
	for _, c := range []struct {
		factor    float64
		wantKafka bool
	}{{0.9, false}, {1.1, true}} {
		rate := capacity.EventsPerSecond * c.factor
		req := requirements.Requirements{Title: "Clicks", Workloads: []requirements.Workload{{
			Name: "track clicks", Kind: requirements.Event, Rate: quantity.Flow{Count: rate / 2, Per: "second"}}}}
		d, err := design.Build(req, design.Options{})
		if err != nil {
			t.Fatal(err)
		}
		gotKafka := slices.ContainsFunc(d.Components, func(c design.Component) bool { return c.Need == "events" && c.Choice == "Kafka/NATS" })
		if gotKafka != c.wantKafka {
			t.Errorf("design at %v events/s: Kafka chosen = %v, want %v", rate, gotKafka, c.wantKafka)
		}
		doc := fmt.Sprintf("# Clicks\n\nKafka carries the clicks. Load is %s events/s at peak.\n", quantity.FormatNumber(rate))
		r := review.Review([]byte(doc), "doc.md")
		premature := slices.ContainsFunc(r.Findings, func(f review.Finding) bool { return f.ID == "premature-kafka" })
		if premature == c.wantKafka {
			t.Errorf("review at %v events/s: premature-kafka = %v; the designer chooses Kafka = %v", rate, premature, c.wantKafka)
		}
	}
}

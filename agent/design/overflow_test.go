package design

import (
	"errors"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Values that are finite but whose figures overflow are input errors of
// one line; no +Inf reaches a document or the JSON.
func TestOverflowIsInputError(t *testing.T) {
	for _, src := range []string{
		"title: x\nworkloads: [{name: a, kind: write, rate: 10/s, item_size: 1e308B}]\n",
		"title: x\nworkloads: [{name: a, kind: event, rate: 10/s, window: 1e300y}]\n",
		"title: x\nworkloads: [{name: a, kind: read, rate: 1e300/s}]\ngrowth: {1y: 1e300x}\n",
		"title: x\nworkloads: [{name: a, kind: write, rate: 1e308/s, item_size: 1e308B}]\n",
	} {
		req, err := requirements.ParseRequirements([]byte(src), "r.yaml")
		if err != nil {
			continue // refused on parsing is as good
		}
		d, err := Build(req, Options{})
		if !errors.As(err, new(*requirements.InputError)) && !errors.As(err, new(*capacity.InputError)) {
			md, _ := RenderMarkdown(d)
			t.Errorf("%q: got %v, want an InputError; Inf in document: %v", src, err, strings.Contains(string(md), "Inf"))
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "overflow") && !strings.Contains(msg, "too large") {
			t.Errorf("%q: got %q, want one line saying it overflows", src, msg)
		}
	}
}

func TestNonFiniteFindsPath(t *testing.T) {
	d := &Design{Capacity: []CapacityRow{{Value: 1}, {Value: posInf()}}}
	err := refuseNonFinite(d)
	if err == nil || !strings.Contains(err.Error(), "design.Capacity[1].Value is +Inf") {
		t.Errorf("got %v, want the path of the +Inf figure", err)
	}
	if err := refuseNonFinite(&Design{}); err != nil {
		t.Errorf("an empty design: %v", err)
	}
}

func posInf() float64 { zero := 0.0; return 1 / zero }

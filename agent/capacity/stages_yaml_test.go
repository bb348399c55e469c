package capacity

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/quantity"
	"go.yaml.in/yaml/v3"
)

func TestStagesYAML(t *testing.T) {
	in := "stages: {render: 90ms, auth: 20ms, orders query: 0.61}\n"
	var got struct {
		Stages Stages `yaml:"stages"`
	}
	if err := yaml.Unmarshal([]byte(in), &got); err != nil {
		t.Fatal(err)
	}
	want := Stages{{"render", 0.09}, {"auth", 0.02}, {"orders query", 0.61}}
	if diff := cmp.Diff(want, got.Stages); diff != "" {
		t.Errorf("stages (-want +got):\n%s", diff)
	}
	out, err := yaml.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if w := "stages:\n    render: 90ms\n    auth: 20ms\n    orders query: 610ms\n"; string(out) != w {
		t.Errorf("marshal: got %q, want %q", out, w)
	}
}

func TestStagesYAMLErrors(t *testing.T) {
	tests := []struct {
		in, want string
		line     int
	}{
		{"stages: 20ms", `expected a mapping of stage name to duration, like {auth: 20ms, db: 120ms}, got "20ms"`, 0},
		{"stages: [a, b]", `expected a mapping of stage name to duration, like {auth: 20ms, db: 120ms}, got a list`, 0},
		{"stages:\n  auth: 20ms\n  db: slow\n", `db: expected a duration like 250ms, 5m or 3y, got "slow" (no number)`, 3},
		{"stages:\n  db: 1ms\n  db: 2ms\n", `db: stage given twice (first on line 2)`, 3},
	}
	for _, tt := range tests {
		var got struct {
			Stages Stages `yaml:"stages"`
		}
		err := yaml.Unmarshal([]byte(tt.in), &got)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: got error %v, want %q", tt.in, err, tt.want)
		}
		var ye *quantity.YAMLError
		if tt.line > 0 && (!errors.As(err, &ye) || ye.Line != tt.line) {
			t.Errorf("%q: got %#v, want a YAMLError on line %d", tt.in, err, tt.line)
		}
	}
}

package mcp_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/mcp"
	"github.com/sysarch/sysarch/agent/review"
)

// fakeDesigner stands in for the offline engine: it needs a title line.
func fakeDesigner(req string) (string, *design.Design, error) {
	title, ok := strings.CutPrefix(strings.TrimSpace(req), "title: ")
	if !ok {
		return "", nil, errors.New("title: is required; add title: to the requirements")
	}
	return "# " + title + "\n", &design.Design{Title: title, Kind: "greenfield"}, nil
}

// fakeReviewer finds one high finding when the document has no title.
func fakeReviewer(doc string) (review.Report, error) {
	if strings.HasPrefix(doc, "# ") {
		return review.Report{Document: "document", Findings: []review.Finding{}}, nil
	}
	return review.Report{
		Document: "document",
		Findings: []review.Finding{{ID: "title", Severity: review.High, Title: "no title"}},
		Summary:  review.Summary{High: 1},
	}, nil
}

func TestDesignTool(t *testing.T) {
	cs := connect(t, mcp.Options{Designer: fakeDesigner}, "")
	_, d, _ := fakeDesigner("title: URL shortener")
	wantStructured := roundTrip(t, map[string]any{"markdown": "# URL shortener\n", "design": d})
	tests := []struct {
		args     string
		wantText string
	}{
		{`{"requirements":"title: URL shortener"}`, "# URL shortener\n"},
		{`{"requirements":"title: URL shortener","format":"md"}`, "# URL shortener\n"},
		{`{"requirements":"title: URL shortener","format":"json"}`, indented(t, d)},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			res := call(t, cs, "design", tt.args)
			if res.IsError {
				t.Fatalf("got isError: %s", text(res))
			}
			if diff := cmp.Diff(tt.wantText, text(res)); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantStructured, res.StructuredContent); diff != "" {
				t.Errorf("structured content (-want +got):\n%s", diff)
			}
		})
	}
}

// indented is v as indented JSON, as the text content carries it.
func indented(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReviewTool(t *testing.T) {
	cs := connect(t, mcp.Options{Reviewer: fakeReviewer}, "")
	tests := []struct {
		doc      string
		wantHigh bool
	}{
		{"# Design\nbody", false},
		{"no title here", true},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			args, _ := json.Marshal(map[string]string{"document": tt.doc})
			res := call(t, cs, "review", string(args))
			if res.IsError {
				t.Fatalf("got isError: %s", text(res))
			}
			got, _ := res.StructuredContent.(map[string]any)
			if got["high"] != tt.wantHigh {
				t.Errorf("got high %v, want %v", got["high"], tt.wantHigh)
			}
			if _, ok := got["report"].(map[string]any)["findings"]; !ok {
				t.Errorf("structured content lacks the report's findings: %v", got)
			}
			var fromText any
			if err := json.Unmarshal([]byte(text(res)), &fromText); err != nil {
				t.Fatalf("text is not the report as JSON: %v", err)
			}
			if diff := cmp.Diff(res.StructuredContent, fromText); diff != "" {
				t.Errorf("text and structured content differ (-structured +text):\n%s", diff)
			}
		})
	}
}

func TestDesignAndReviewOnlyWhenWired(t *testing.T) {
	tests := []struct {
		name string
		opts mcp.Options
		want []string
	}{
		// patterns is pure catalogue data: always served.
		{"neither", mcp.Options{}, []string{"patterns"}},
		{"designer", mcp.Options{Designer: fakeDesigner}, []string{"design", "patterns"}},
		{"reviewer", mcp.Options{Reviewer: fakeReviewer}, []string{"patterns", "review"}},
		{"both", mcp.Options{Designer: fakeDesigner, Reviewer: fakeReviewer}, []string{"design", "patterns", "review"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := connect(t, tt.opts, "").ListTools(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, tool := range res.Tools {
				if _, capacity := capacity.Default().Get(tool.Name); !capacity {
					got = append(got, tool.Name)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("tools beside the capacity tools (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPanicIsToolError(t *testing.T) {
	boom := func(string) (string, *design.Design, error) { panic("engine bug") }
	cs := connect(t, mcp.Options{Designer: boom}, "")
	res := call(t, cs, "design", `{"requirements":"title: x"}`)
	if !res.IsError || !strings.HasPrefix(text(res), "design: internal error: engine bug") {
		t.Errorf("got isError %v %q, want an internal error result", res.IsError, text(res))
	}
	// The session survives the panic.
	if res := call(t, cs, "scaling_phase", `{"peak_rps":100}`); res.IsError {
		t.Errorf("call after a panic: %s", text(res))
	}
}

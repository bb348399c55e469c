package agent

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// fieldHint names, for an unknown argument, the field that was probably
// meant and every field the tool takes, so the model corrects the call in
// one step.
func fieldHint(err error, params json.RawMessage) string {
	bad, ok := strings.CutPrefix(err.Error(), `json: unknown field "`)
	if !ok {
		return ""
	}
	bad = strings.TrimSuffix(bad, `"`)
	var sc struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if json.Unmarshal(params, &sc) != nil || len(sc.Properties) == 0 {
		return ""
	}
	fields := make([]string, 0, len(sc.Properties))
	for f := range sc.Properties {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	best, dist := "", len(bad)/2+2
	if f, ok := synonyms[strings.ToLower(bad)]; ok && slices.Contains(fields, f) {
		best, dist = f, 0
	}
	for _, f := range fields {
		if d := editDistance(strings.ToLower(bad), f); d < dist {
			best, dist = f, d
		}
	}
	hint := fmt.Sprintf("; the fields are %s", strings.Join(fields, ", "))
	if best != "" {
		hint = fmt.Sprintf("; did you mean %q? The fields are %s", best, strings.Join(fields, ", "))
	}
	return hint
}

// synonyms are the words models use for a field under another name.
var synonyms = map[string]string{
	"type": "kind", "tech": "technology", "description": "role", "purpose": "role", "steps": "path",
	"rationale": "reason", "why": "reason", "decision": "choice", "question_id": "question",
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

package requirements

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/quantity"
)

// checkParameters reads every archetype parameter the requirements set
// with the grammar of its unit, and refuses a name no archetype has: a
// value that does not read used to fall back to the default while the
// document said "set parameters: … to change it".
func checkParameters(params map[string]string) error {
	if len(params) == 0 {
		return nil
	}
	known := parameterDefs()
	names := slices.Sorted(maps.Keys(known))
	for _, name := range slices.Sorted(maps.Keys(params)) {
		path := "parameters." + name
		defs, ok := known[name]
		if !ok {
			msg := fmt.Sprintf("unknown parameter %q", name)
			if s := suggest(name, names); s != "" {
				return &InputError{Field: path, Msg: msg + "; did you mean " + s + "?"}
			}
			return &InputError{Field: path, Msg: msg + "; 'sysarch patterns ID' lists an archetype's parameters"}
		}
		for _, p := range defs {
			if err := checkParameter(p, params[name]); err != nil {
				return &InputError{Field: path, Msg: err.Error()}
			}
		}
	}
	return nil
}

// parameterDefs returns every archetype's parameters by name.
func parameterDefs() map[string][]patterns.Parameter {
	defs := map[string][]patterns.Parameter{}
	for _, a := range patterns.All() {
		for _, p := range a.Parameters {
			defs[p.Name] = append(defs[p.Name], p)
		}
	}
	return defs
}

// checkParameter reads s as p's unit reads it and checks it is in range.
func checkParameter(p patterns.Parameter, s string) error {
	v, err := p.Parse(s)
	if err != nil {
		return fmt.Errorf("%s: %v; write it like %s", p.Unit, err, p.Default)
	}
	bound := quantity.MaxCount
	switch {
	case strings.HasPrefix(p.Unit, "bytes"):
		bound = quantity.MaxItemSize
	case p.Unit == "duration":
		bound = quantity.MaxRetention
	case p.Unit == "fraction":
		bound = quantity.Bound{What: "a fraction", Kind: quantity.Number, Max: 1}
	}
	switch {
	case math.IsNaN(v) || v < 0:
		return fmt.Errorf("%q is below 0; %s cannot be", s, p.Unit)
	case bound.Check(v) != nil:
		return fmt.Errorf("%q is %v", s, bound.Check(v))
	}
	return nil
}

var (
	negativeAmount = lazyre.New(`(^|[^\w.])-\s*\$?\s*\d`)
	exponentAmount = lazyre.New(`\d(\.\d+)?[eE][+-]?\d`)
)

// checkBudget refuses the budgets the engine would misread: a minus sign
// was dropped ("-100 USD/month" became a $100 budget) and an exponent cut
// off ("1e300" became $1).
func checkBudget(b string) error {
	switch {
	case negativeAmount.MatchString(b):
		return &InputError{Field: "constraints.budget", Msg: fmt.Sprintf("%q is negative; give what may be spent, e.g. 2000 USD/month", b)}
	case exponentAmount.MatchString(b):
		return &InputError{Field: "constraints.budget", Msg: fmt.Sprintf("%q has an exponent; write the amount with a suffix instead, e.g. 2000 USD/month or 1.5M USD/year", b)}
	}
	return nil
}

// checkPatternsAgree refuses a list that forces and excludes the same
// archetype ("patterns: [news-feed, -news-feed]").
func checkPatternsAgree(ids []string) error {
	seen := map[string]int{}
	for i, id := range ids {
		id = strings.TrimSpace(id)
		bare, excluded := strings.CutPrefix(id, "-")
		sign := 1
		if excluded {
			sign = -1
		}
		if j, ok := seen[bare]; ok && (j > 0) != (sign > 0) {
			return &InputError{Field: fmt.Sprintf("patterns[%d]", i), Msg: fmt.Sprintf("%q contradicts patterns[%d]: an archetype is forced or excluded, not both; keep one", id, abs(j)-1)}
		}
		seen[bare] = sign * (i + 1)
	}
	return nil
}

func abs(n int) int { return max(n, -n) }

// explicitZeros refuses a peak_factor the file sets to 0: a zero is how
// the types say "not given", and the engine would take the default 2.
func explicitZeros(r Requirements, explicit map[string]position) error {
	for i, w := range r.Workloads {
		path := fmt.Sprintf("workloads[%d].peak_factor", i)
		if pos, ok := explicit[path]; ok && w.PeakFactor == 0 {
			return &InputError{Line: pos.line, Column: pos.column, Field: path,
				Msg: "must be at least 1 (the peak over the average), got 0; leave it out to take the default 2"}
		}
	}
	return nil
}

package patterns

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/phrase"
	"github.com/sysarch/sysarch/agent/quantity"
	"go.yaml.in/yaml/v3"
)

// parseFS reads every *.yaml file under dir, in name order.
func parseFS(fsys fs.FS, dir string) ([]*Archetype, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no archetype files under %s", dir)
	}
	as := make([]*Archetype, 0, len(names))
	seen := map[string]string{}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		a, err := parseArchetype(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if want := strings.TrimSuffix(path.Base(name), ".yaml"); a.ID != want {
			return nil, fmt.Errorf("%s: id %q must match the file name %q", name, a.ID, want)
		}
		if prev, dup := seen[a.ID]; dup {
			return nil, fmt.Errorf("%s: id %q already defined in %s", name, a.ID, prev)
		}
		seen[a.ID] = name
		as = append(as, a)
	}
	slices.SortFunc(as, func(a, b *Archetype) int { return strings.Compare(a.ID, b.ID) })
	return as, nil
}

// parseArchetype decodes one file strictly (unknown keys are an error) and
// validates it.
func parseArchetype(b []byte) (*Archetype, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	var a Archetype
	if err := dec.Decode(&a); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty file")
		}
		return nil, err
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, errors.New("one archetype per file: found a second YAML document")
	}
	a.DataFlow = nil
	for _, st := range a.Steps {
		a.DataFlow = append(a.DataFlow, st.Step)
	}
	if err := validate(&a); err != nil {
		return nil, err
	}
	catalogueSets(&a)
	return &a, nil
}

// recogniseKeys are the keys a recognise block may have. Recognise decodes
// itself (its size is written in the quantity grammar), so it checks its
// own keys: a nested decoder does not inherit the strict mode.
var recogniseKeys = []string{"defining", "guards", "words", "strong", "names", "not", "kinds", "min_item_bytes", "scheduled", "scale_from", "scale_why"}

// UnmarshalYAML reads a recognise block, with min_item_bytes as a size.
func (r *Recognise) UnmarshalYAML(n *yaml.Node) error {
	if err := knownKeys(n, "recognise", recogniseKeys); err != nil {
		return err
	}
	var raw struct {
		Defining     []string      `yaml:"defining"`
		Guards       []string      `yaml:"guards"`
		Words        []string      `yaml:"words"`
		Strong       []string      `yaml:"strong"`
		Names        []string      `yaml:"names"`
		Not          []string      `yaml:"not"`
		Kinds        []string      `yaml:"kinds"`
		MinItemBytes quantity.Size `yaml:"min_item_bytes"`
		Scheduled    bool          `yaml:"scheduled"`
		ScaleFrom    float64       `yaml:"scale_from"`
		ScaleWhy     string        `yaml:"scale_why"`
	}
	if err := n.Decode(&raw); err != nil {
		return err
	}
	*r = Recognise{Defining: raw.Defining, Guards: raw.Guards, Words: raw.Words, Strong: raw.Strong, Names: raw.Names, Not: raw.Not, Kinds: raw.Kinds, MinItemBytes: float64(raw.MinItemBytes), Scheduled: raw.Scheduled, ScaleFrom: raw.ScaleFrom, ScaleWhy: raw.ScaleWhy}
	return nil
}

var (
	workloadKinds = []string{"read", "write", "search", "event", "message", "job"}
	stateClasses  = []string{"hot", "warm", "cold", "transient"}
	probabilities = []string{"Low", "Medium", "High"}
	// engineParts are the parts the engine itself places, which an
	// archetype's component may refine.
	engineParts = []string{"client", "lb", "cdn", "api", "ingest", "db", "cache", "blob", "search", "queue", "workers", "log", "proc"}
	impacts     = []string{"Low", "Medium", "High", "Critical"}
)

// problems collects every validation problem of one archetype, so a file
// with three mistakes reports three.
type problems []string

func (p *problems) addf(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

func (p *problems) need(ok bool, format string, args ...any) {
	if !ok {
		p.addf(format, args...)
	}
}

func validate(a *Archetype) error {
	var p problems
	p.need(a.ID != "" && a.ID == strings.ToLower(a.ID) && !strings.ContainsAny(a.ID, " _"), "id must be lower-case words joined by hyphens, got %q", a.ID)
	p.need(a.Name != "", "name is required")
	p.need(strings.Count(a.Mechanism, ". ") >= 1, "mechanism needs at least two sentences")
	validateRecognise(&p, a.Recognise)
	for i, ab := range a.Absorbs {
		p.need(slices.Contains(workloadKinds, ab.Kind) && ab.Into != "", "absorbs[%d]: kind must be a workload kind and into is required", i)
		p.need(ab.To == "" || a.hasComponent(ab.To), "absorbs[%d]: to %q is not one of the archetype's components", i, ab.To)
		p.need(!ab.Also || ab.To != "" && !ab.Inline, "absorbs[%d]: also needs the part it updates (to) and cannot be inline", i)
		p.need(ab.Work == "" || slices.Contains(Works, ab.Work), "absorbs[%d]: work %q is not one of %s", i, ab.Work, strings.Join(Works, ", "))
	}
	p.need(len(a.Components) >= 2, "at least 2 components")
	for i, c := range a.Components {
		p.need(c.Name != "" && c.Technology != "" && c.Purpose != "" && c.Why != "" && c.Threshold != "",
			"components[%d] %q: name, technology, purpose, why and threshold are all required", i, c.Name)
		p.need(slices.Contains(ComponentKinds, c.Kind), "components[%d] %q: kind %q is not one of %s", i, c.Name, c.Kind, strings.Join(ComponentKinds, ", "))
		p.need(c.Refines == "" || slices.Contains(engineParts, c.Refines), "components[%d] %q: refines %q is not one of %s", i, c.Name, c.Refines, strings.Join(engineParts, ", "))
		p.need(c.AtScale == "" || c.AtScale == AtScaleRecords || c.AtScale == AtScaleSharded, "components[%d] %q: at_scale %q is neither %s nor %s", i, c.Name, c.AtScale, AtScaleRecords, AtScaleSharded)
		p.need(c.AtScale != AtScaleSharded || c.Kind == "store" && c.Refines == "db", "components[%d] %q: at_scale %s is for a store that refines db", i, c.Name, AtScaleSharded)
		for _, end := range append(slices.Clone(c.From), c.To...) {
			p.need(slices.Contains(engineParts, end) || a.hasComponent(end),
				"components[%d] %q: from/to %q is neither an engine part (%s) nor a component of the archetype", i, c.Name, end, strings.Join(engineParts, ", "))
		}
	}
	validateState(&p, a.State)
	for i, s := range a.State {
		p.need(s.Store == "" || a.hasComponent(s.Store), "state[%d] %q: store %q is not one of the archetype's components", i, s.Name, s.Store)
	}
	p.need(len(a.HotPaths) >= 1, "at least 1 hot path")
	for i, h := range a.HotPaths {
		p.need(h.Name != "" && len(h.Optimizations) > 0, "hot_paths[%d]: name and optimizations are required", i)
		p.need(slices.Contains(workloadKinds, h.Kind), "hot_paths[%d] %q: kind %q is not one of %s", i, h.Name, h.Kind, strings.Join(workloadKinds, ", "))
		for _, k := range h.Covers {
			p.need(slices.Contains(OptimizationKinds, k), "hot_paths[%d] %q: covers %q is not one of %s", i, h.Name, k, strings.Join(OptimizationKinds, ", "))
		}
	}
	p.need(len(a.DataFlow) >= 3, "data_flow needs at least 3 steps")
	for i, st := range a.Steps {
		p.need(st.Step != "", "data_flow[%d]: the step's text is required", i)
		// Every step says where it runs: the flow of a workload kind, or
		// the part it starts at. A step placed by no rule would land on
		// whichever flow the archetype's parts happen to be on.
		p.need(st.On != "", "data_flow[%d] %q: on is required, a workload kind (%s) or one of the archetype's components", i, st.Step, strings.Join(workloadKinds, ", "))
		p.need(st.On == "" || slices.Contains(workloadKinds, st.On) || a.hasComponent(st.On),
			"data_flow[%d]: on %q is neither a workload kind (%s) nor a component of the archetype", i, st.On, strings.Join(workloadKinds, ", "))
	}
	p.need(len(a.Failures) >= 2, "at least 2 failures")
	for i, f := range a.Failures {
		p.need(f.Failure != "" && f.Mitigation != "", "failures[%d]: failure and mitigation are required", i)
		p.need(slices.Contains(probabilities, f.Probability), "failures[%d]: probability %q is not one of %s", i, f.Probability, strings.Join(probabilities, ", "))
		p.need(slices.Contains(impacts, f.Impact), "failures[%d]: impact %q is not one of %s", i, f.Impact, strings.Join(impacts, ", "))
	}
	p.need(len(a.Decisions) >= 1, "at least 1 decision")
	for i, d := range a.Decisions {
		p.need(d.Decision != "" && d.Why != "" && d.Threshold != "", "decisions[%d]: decision, why and threshold are required", i)
		p.need(len(d.Options) >= 2, "decisions[%d] %q: at least 2 options", i, d.Decision)
		p.need(slices.Contains(d.Options, d.Choice), "decisions[%d] %q: choice %q is not one of the options", i, d.Decision, d.Choice)
	}
	validateNeeds(&p, a)
	validateParameters(&p, a.Parameters)
	validateFigures(&p, a)
	p.need(len(a.Questions) >= 1, "at least 1 question")
	p.need(len(a.Sources) >= 1, "at least 1 source")
	if len(p) > 0 {
		return errors.New(strings.Join(p, "; "))
	}
	return nil
}

func validateRecognise(p *problems, r Recognise) {
	p.need(len(r.Words) > 0 || len(r.Strong) > 0, "recognise needs words or strong phrases")
	p.need(r.ScaleFrom >= 0 && (r.ScaleFrom == 0) == (r.ScaleWhy == ""), "recognise scale_from needs scale_why (what does the job below it), and scale_why a positive scale_from")
	// Two spellings of one phrase ("top k", "top-k") would count twice.
	seen := map[string]string{}
	once := func(list, text string) {
		key := phrase.Key(text)
		if prev, dup := seen[key]; dup {
			p.addf("recognise %s: %q and %q are the same phrase (a phrase is either a word or strong)", list, prev, text)
		}
		seen[key] = text
	}
	// Every archetype says what names its subject: without a defining
	// phrase or a strong one it could never be merged.
	p.need(len(r.Defining) > 0, "recognise needs defining phrases: the words that name the archetype's subject")
	for _, l := range []struct {
		list  string
		words []string
	}{{"defining", r.Defining}, {"guards", r.Guards}, {"words", r.Words}} {
		list := l.list
		for _, w := range l.words {
			text, weight, err := splitWeight(w)
			p.need(err == nil, "recognise %s phrase %q: %v", list, w, err)
			p.need(err != nil || (len(phrase.Words(text)) > 0 && weight > 0), "recognise %s phrase %q has no words or no weight", list, w)
			once(list, text)
		}
	}
	for _, s := range r.Strong {
		p.need(len(phrase.Words(s)) > 0 && !strings.Contains(s, "^"), "strong phrase %q must be words without a weight", s)
		once("strong", s)
	}
	for _, n := range r.Names {
		p.need(len(phrase.Words(n)) > 0 && !strings.Contains(n, "^"), "name %q must be words without a weight", n)
		if !slices.ContainsFunc(r.Strong, func(s string) bool { return phrase.Key(s) == phrase.Key(n) }) {
			once("names", n)
		}
	}
	for _, n := range r.Not {
		p.need(len(phrase.Words(n)) > 0 && !strings.Contains(n, "^"), "not phrase %q must be words without a weight", n)
		once("not", n)
	}
	for _, k := range r.Kinds {
		p.need(slices.Contains(workloadKinds, k), "recognise kind %q is not one of %s", k, strings.Join(workloadKinds, ", "))
	}
}

func validateState(p *problems, st []State) {
	p.need(len(st) >= 2, "at least 2 state rows")
	for i, s := range st {
		p.need(s.Name != "" && s.Owner != "" && s.Storage != "", "state[%d] %q: name, owner and storage are required", i, s.Name)
		p.need(slices.Contains(stateClasses, s.Class), "state[%d] %q: class %q is not one of %s", i, s.Name, s.Class, strings.Join(stateClasses, ", "))
		p.need(s.DerivedFrom == "" || s.Rebuild != "", "state[%d] %q: derived state needs rebuild", i, s.Name)
		p.need(s.Keeps == nil || slices.Contains(workloadKinds, s.Keeps.Kind), "state[%d] %q: keeps kind is not one of %s", i, s.Name, strings.Join(workloadKinds, ", "))
		p.need(s.Keeps == nil || s.DerivedFrom == "", "state[%d] %q: a row that keeps written records is not derived", i, s.Name)
	}
}

func validateParameters(p *problems, ps []Parameter) {
	seen := map[string]bool{}
	for i, par := range ps {
		p.need(par.Name != "" && !strings.ContainsAny(par.Name, " .$"), "parameters[%d]: name %q must be one word (letters, digits, _)", i, par.Name)
		p.need(!seen[par.Name], "parameters[%d]: %q defined twice", i, par.Name)
		seen[par.Name] = true
		_, err := par.Value()
		p.need(err == nil, "parameters[%d] %q: default %q does not read as its unit %q: %v", i, par.Name, par.Default, par.Unit, err)
		p.need(par.Unit != "" && par.Question != "", "parameters[%d] %q: unit and question are required", i, par.Name)
	}
}

func validateFigures(p *problems, a *Archetype) {
	for i, f := range a.Figures {
		p.need(f.Label != "" && f.Tool != "" && len(f.Inputs) > 0 && len(f.Outputs) > 0, "figures[%d] %q: label, tool, inputs and outputs are required", i, f.Label)
		for _, in := range f.Inputs {
			if err := checkInput(a, in.Value); err != nil {
				p.addf("figures[%d] %q: input %s: %v", i, f.Label, in.Name, err)
			}
		}
		if f.Sizes != "" {
			p.need(f.Tool == "servers" && slices.Contains(f.Outputs, "servers"), "figures[%d] %q: sizes needs the servers tool and its servers output", i, f.Label)
			p.need(a.hasComponent(f.Sizes), "figures[%d] %q: sizes %q is not one of the archetype's components", i, f.Label, f.Sizes)
		}
		if m := f.MeasuredBy; m != nil {
			p.need(slices.Contains(workloadKinds, m.Kind) && len(m.Words) > 0, "figures[%d] %q: measured_by needs a kind (one of %s) and the words of the workloads that state it", i, f.Label, strings.Join(workloadKinds, ", "))
		}
	}
}

// checkInput accepts a reference the engine resolves, a literal in the
// quantity grammar, or a period name ("second", "day").
func checkInput(a *Archetype, v string) error {
	if strings.HasPrefix(v, "$") {
		return checkRef(a, v)
	}
	if _, ok := quantity.CanonicalPeriod(v); ok {
		return nil
	}
	if _, err := quantity.Parse(v); err != nil {
		if _, err2 := quantity.ParseBytes(v); err2 != nil {
			return fmt.Errorf("%q is neither a reference nor a quantity", v)
		}
	}
	return nil
}

var flowStepKeys = []string{"step", "on", "part", "without"}

// UnmarshalYAML reads a step written as {step, on}; a step written as
// text is read too, so the check can say it lacks its on.
func (s *FlowStep) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = FlowStep{Step: n.Value}
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a data_flow step is text or {step, on, part, without}", n.Line)
	}
	if err := knownKeys(n, "a data_flow step", flowStepKeys); err != nil {
		return err
	}
	var raw struct {
		Step    string `yaml:"step"`
		On      string `yaml:"on"`
		Part    string `yaml:"part"`
		Without string `yaml:"without"`
	}
	if err := n.Decode(&raw); err != nil {
		return err
	}
	*s = FlowStep(raw)
	return nil
}

// hasComponent says whether the archetype has a component of that name.
func (a *Archetype) hasComponent(name string) bool {
	return slices.ContainsFunc(a.Components, func(c Component) bool { return c.Name == name })
}

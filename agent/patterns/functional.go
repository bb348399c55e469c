package patterns

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/phrase"
	"go.yaml.in/yaml/v3"
)

// The mechanisms an implication can name: how the engine places it.
const (
	ImplicationIndex   = "index"
	ImplicationSearch  = "search"
	ImplicationHistory = "history"
	ImplicationJob     = "job"
	ImplicationGeo     = "geo"
	ImplicationPush    = "push"
	ImplicationFiles   = "files"
	ImplicationUnique  = "unique"
	ImplicationWrite   = "write"
	ImplicationRead    = "read"
)

// ImplicationMechanisms lists every mechanism, in the order the engine
// places them.
var ImplicationMechanisms = []string{
	ImplicationSearch, ImplicationIndex, ImplicationHistory, ImplicationJob, ImplicationGeo,
	ImplicationPush, ImplicationFiles, ImplicationUnique, ImplicationWrite, ImplicationRead,
}

// FunctionalMapping is the whole mapping from functional lines to the
// design: the implications and the small grammar used to read fields.
type FunctionalMapping struct {
	// FieldStops end a list of fields: "by email or number within a second".
	FieldStops []string `yaml:"field_stops"`
	// Articles are dropped from the front of an entity: "the orders".
	Articles []string `yaml:"articles"`
	// Idempotency words say a duplicate is a retried request.
	Idempotency []string `yaml:"idempotency"`
	idempotency *phrase.Set
	// SignIn words say users sign in: only then do they have sessions.
	SignIn []string `yaml:"sign_in"`
	signIn *phrase.Set

	Implications []Implication `yaml:"implications"`
	// Unplaced is the open question asked of a line that lands nowhere.
	Unplaced string `yaml:"unplaced"`
}

// Implication is one thing a functional line can imply, the words that
// recognise it and the templates of what it adds to the design.
type Implication struct {
	ID        string   `yaml:"id"`
	Mechanism string   `yaml:"mechanism"`
	Words     []string `yaml:"words"`
	Unless    []string `yaml:"unless"`
	// State is a row of State Ownership; empty when the mechanism adds none.
	State ImplicationState `yaml:"state"`
	// Service is a part the team runs; empty when none is needed.
	Service ImplicationService `yaml:"service"`
	// HotPath is an optimisation added to the path the line matches.
	HotPath string `yaml:"hot_path"`
	// AlsoSays is the kind of optimisation (OptIdempotency…) HotPath says
	// besides its own measure; HotPathShort says the rest alone, for a
	// path that says that kind already.
	AlsoSays     string `yaml:"also_says"`
	HotPathShort string `yaml:"hot_path_short"`
	// Question is asked when the line names too little to place it.
	Question string `yaml:"question"`

	words, unless *phrase.Set
}

// ImplicationState is the template of a State Ownership row.
type ImplicationState struct {
	Name      string `yaml:"name"`
	Owner     string `yaml:"owner"`
	Storage   string `yaml:"storage"`
	Class     string `yaml:"class"`
	Retention string `yaml:"retention"`
	// Readers name who reads the state; empty means the read paths.
	Readers []string `yaml:"readers"`
}

// ImplicationService is the template of a service the team runs.
type ImplicationService struct {
	Name string `yaml:"name"`
	// Kind is the service's kind in the system model (ComponentKinds);
	// empty means a service.
	Kind          string `yaml:"kind,omitempty"`
	Purpose       string `yaml:"purpose"`
	Technology    string `yaml:"technology"`
	Justification string `yaml:"justification"`
}

// Matches says whether the line holds one of the implication's words and
// none of its exceptions. The words are read through the shared phrase
// matcher (plurals, hyphens and case as archetype recognition reads them),
// but a negation does not cancel them: in a functional line it is often
// the requirement itself ("a seat is never sold twice").
func (im *Implication) Matches(line string) bool {
	if im.words == nil {
		return false
	}
	toks := phrase.Tokenize(line)
	return len(im.words.Find(toks)) > 0 && (im.unless == nil || len(im.unless.Find(toks)) == 0)
}

// Strip removes the implication's words from a name: "nearest driver"
// is about the driver.
func (im *Implication) Strip(name string) string {
	if im.words == nil {
		return name
	}
	return im.words.Strip(name)
}

// Match returns where the first of the implication's words ends in line,
// or -1: the fields of "search orders by email" follow the verb.
func (im *Implication) Match(line string) (start, end int) {
	if im.words == nil {
		return -1, -1
	}
	h, ok := im.words.First(line)
	if !ok {
		return -1, -1
	}
	return h.Start, h.End
}

// Functional returns the mapping of functional.yaml. The YAML maps what a functional requirement says to what it implies for the
// design, so that a new phrase is a line of data, not a branch of code;
// the binary holds it, phrase sets and all, as the package-level data of
// functional_gen.go, which TestGeneratedFunctional checks against the
// YAML (go generate ./agent/patterns after an edit): parsing it took a
// few milliseconds of every design, building its sets from Go values
// 0.3 ms.
func Functional() *FunctionalMapping { return &functionalData }

// ParseFunctional reads a mapping and checks that every implication names
// a known mechanism and some words.
func ParseFunctional(data []byte) (*FunctionalMapping, error) {
	m, err := decodeFunctional(data)
	if err != nil {
		return nil, err
	}
	m.compile()
	return m, nil
}

// decodeFunctional reads and checks a mapping without building its
// phrase sets: what functional_gen.go is generated from.
func decodeFunctional(data []byte) (*FunctionalMapping, error) {
	var m FunctionalMapping
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("functional mapping: %w", err)
	}
	known := map[string]bool{}
	for _, mech := range ImplicationMechanisms {
		known[mech] = true
	}
	for i := range m.Implications {
		im := &m.Implications[i]
		if im.AlsoSays != "" && (!slices.Contains(OptimizationKinds, im.AlsoSays) || im.HotPathShort == "") {
			return nil, fmt.Errorf("functional mapping: %s: also_says %q needs hot_path_short and one of %s", im.ID, im.AlsoSays, strings.Join(OptimizationKinds, ", "))
		}
		if !known[im.Mechanism] {
			return nil, fmt.Errorf("functional mapping: %s: unknown mechanism %q; expected one of %s", im.ID, im.Mechanism, strings.Join(ImplicationMechanisms, ", "))
		}
		if len(im.Words) == 0 {
			return nil, fmt.Errorf("functional mapping: %s: no words", im.ID)
		}
	}
	return &m, nil
}

// compile builds the phrase sets the matching reads.
func (m *FunctionalMapping) compile() {
	for i := range m.Implications {
		im := &m.Implications[i]
		im.words = phrase.NewSet(im.Words)
		if len(im.Unless) > 0 {
			im.unless = phrase.NewSet(im.Unless)
		}
	}
	if len(m.Idempotency) > 0 {
		m.idempotency = phrase.NewSet(m.Idempotency)
	}
	if len(m.SignIn) > 0 {
		m.signIn = phrase.NewSet(m.SignIn)
	}
}

// SignsIn says whether a line has users signing in to accounts, who
// hold sessions while they are signed in.
func (m *FunctionalMapping) SignsIn(line string) bool {
	return m.signIn != nil && len(m.signIn.FindText(line)) > 0
}

// Retried says whether a line speaks of retried requests, whose
// duplicates an idempotency key forbids.
func (m *FunctionalMapping) Retried(line string) bool {
	return m.idempotency != nil && len(m.idempotency.FindText(line)) > 0
}

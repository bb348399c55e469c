package design

import "github.com/sysarch/sysarch/agent/capacity"

// questionID names a question the decision matrix answers: the key of a
// verdict, and the Question of its Decision Log row.
type questionID string

// The questions of the decision matrix. A design may answer two of one
// need (the relational primary and the record store are both
// "database"), so a verdict is found by its question, never its need.
const (
	qDatabase questionID = "database"
	qRecords  questionID = storeRecords
	qCache    questionID = "cache"
	qQueue    questionID = "queue"
	qSearch   questionID = "search"
	qStorage  questionID = storeObjects
	qEvents   questionID = "events"
)

// The questions every design answers beside the matrix's: how the code
// is split, how it scales today, where the data is placed when it does
// not fit one machine, and the selection question an ask poses. An
// archetype's decision is its own question (its refines: or the slug of
// its name).
const (
	qArchitecture questionID = "architecture"
	qScaling      questionID = "scaling"
	qPlacement    questionID = "placement"
	qSelection    questionID = "selection"
)

// batchQuestion is the question of a scheduled job's engine.
func batchQuestion(job string) questionID { return questionID("batch:" + job) }

// verdicts are what the components pass returns beside the figures: the
// matrix's answers by question id, in the order they were first given.
// The functional pass adds the answers a functional line calls for
// (search, object storage); every other pass only reads them.
type verdicts struct {
	by    map[questionID]*Component
	order []questionID
}

func newVerdicts() *verdicts { return &verdicts{by: map[questionID]*Component{}} }

// put keeps the verdict of a question, replacing an earlier one in place.
func (vd *verdicts) put(q questionID, c *Component) {
	if _, ok := vd.by[q]; !ok {
		vd.order = append(vd.order, q)
	}
	vd.by[q] = c
}

// ordered lists the chosen components in the matrix's order of needs,
// and in the order they were chosen within a need.
func (vd *verdicts) ordered() []Component {
	var cs []Component
	for _, need := range capacity.Needs() {
		for _, q := range vd.order {
			if c := vd.by[q]; c.Need == need {
				cs = append(cs, *c)
			}
		}
	}
	return cs
}

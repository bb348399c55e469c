// Package interview is the offline guided interview: one question at a
// time through the four requirement phases, each answer parsed with the
// shared quantity grammar, ending in a Requirements value.
//
// It is a pure state machine: Answer takes what the person typed and
// returns what to say; there is no I/O, so a session is resumed by feeding
// the same answers again. Answers are read as people type them: the
// figure a question wants is found inside a sentence, figures that answer
// later questions are kept and not asked again, and what was understood is
// said in one line, which an answer starting with "actually" corrects. An
// answer that cannot be read, or holds two figures it cannot rank, is
// asked about precisely; "skip" or "not sure" turns the question into a
// recorded assumption, often with a stated default; "?" explains it.
package interview

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Question is what the interview asks next.
type Question struct {
	ID      string // which answer it wants: "title", "workload.rate"…
	Phase   phase.Phase
	Text    string
	Example string
}

// Reply is what the interview says after an answer.
type Reply struct {
	// Say is what to tell the person before the next question.
	Say []string
	// Changed says the requirements (or the assumptions) changed.
	Changed bool
	// Done is set on the answer that completes the interview: time to
	// compute and show the design.
	Done bool
	// Scale, when above zero, asks for the design again with every
	// workload rate multiplied by it ("what if traffic is 10x?").
	Scale float64
}

// Interview holds the requirements gathered so far and the questions left.
type Interview struct {
	req         requirements.Requirements
	assumptions []string
	queue       []step
	done        bool
	// another is the last answer to "another flow?"
	another bool
	// log is every answer given to a question, in order, so that a
	// correction can replay the interview without the answer it replaces.
	log []string
	// answered are the indexes in log of the answers that were taken.
	answered []int
	// early holds answers to questions not asked yet, found in the
	// answer to another ("a write, about 6k a month, 1.5 MB each").
	early map[step]string
	// suggested is a corrected regulation list waiting for a yes.
	suggested []string
	// hinted says the person was told how to correct an answer.
	hinted bool
	// echo confirms even a plain answer: it is a correction.
	echo bool
}

// step is one pending question; wl is the workload it is about.
type step struct {
	id string
	wl int
}

// New starts an interview at its first question.
func New() *Interview {
	iv := &Interview{}
	for _, id := range []string{"title", "functional"} {
		iv.queue = append(iv.queue, step{id: id})
	}
	iv.queue = append(iv.queue, step{id: "workload.name"})
	for _, id := range []string{"users", "availability", "durability", "compliance", "team", "budget", "timeline", "existing", "growth"} {
		iv.queue = append(iv.queue, step{id: id})
	}
	return iv
}

// Requirements returns a copy of what has been gathered so far.
func (iv *Interview) Requirements() requirements.Requirements {
	r := iv.req
	r.Functional = slices.Clone(r.Functional)
	r.Workloads = slices.Clone(r.Workloads)
	r.Compliance = slices.Clone(r.Compliance)
	r.Growth = maps.Clone(r.Growth)
	if r.Users != nil {
		u := *r.Users
		r.Users = &u
	}
	if r.Constraints != nil {
		c := *r.Constraints
		c.Existing = slices.Clone(c.Existing)
		r.Constraints = &c
	}
	return r
}

// Assumptions returns the assumptions made for skipped questions.
func (iv *Interview) Assumptions() []string { return slices.Clone(iv.assumptions) }

// Done says whether every question has been answered or skipped.
func (iv *Interview) Done() bool { return iv.done }

// Phase returns the phase of the current question, or phase.Document once
// the interview is done.
func (iv *Interview) Phase() phase.Phase {
	if q, ok := iv.Current(); ok {
		return q.Phase
	}
	return phase.Document
}

// Current returns the question waiting for an answer; false once done.
func (iv *Interview) Current() (Question, bool) {
	if iv.done || len(iv.queue) == 0 {
		return Question{}, false
	}
	st := iv.queue[0]
	q := questions[st.id]
	name := ""
	if st.wl < len(iv.req.Workloads) {
		name = iv.req.Workloads[st.wl].Name
	}
	text := q.text
	if st.id == "workload.name" && st.wl > 0 {
		text = "Name the next flow of traffic."
	}
	return Question{ID: st.id, Phase: q.phase, Text: strings.ReplaceAll(text, "{name}", name), Example: q.example}, true
}

// Answer takes what the person typed in reply to the current question.
func (iv *Interview) Answer(text string) Reply {
	text = strings.TrimSpace(text)
	if f, ok := WhatIf(text); ok {
		return iv.whatIf(f)
	}
	q, ok := iv.Current()
	if !ok {
		return Reply{Say: []string{"The requirements are complete. Ask \"what if traffic is 10x?\" to see the design at another scale, /design to see it again, /save to write it to a file, or /reset to start over."}}
	}
	if rest, ok := correction(text); ok && len(iv.answered) > 0 {
		if r, ok := iv.correct(rest); ok {
			return r
		}
		text = rest
	}
	iv.log = append(iv.log, text)
	st := iv.queue[0]
	spec := questions[st.id]
	switch strings.ToLower(text) {
	case "":
		return Reply{Say: []string{"I need an answer here, or type skip to go on with an assumption. For example: " + q.Example}}
	case "?", "help":
		return Reply{Say: []string{spec.help + " For example: " + q.Example + ". Type skip to go on with an assumption, or start an answer with \"actually\" to correct the one before."}}
	case "skip":
		return iv.skip(st, "Assumed: ")
	}
	if unsure(text) {
		return iv.skip(st, "Not sure is fine; assumed for now: ")
	}
	ack, err := spec.parse(iv, st.wl, text)
	if err != nil {
		return Reply{Say: []string{fmt.Sprintf("%s. For example: %s", capitalize(err.Error()), q.Example)}}
	}
	iv.answered = append(iv.answered, len(iv.log)-1)
	iv.harvest(st, text)
	r := Reply{Changed: true}
	if say := iv.confirm(ack, text); say != "" {
		r.Say = []string{say}
	}
	return iv.advance(r)
}

// skip records the question's assumption and goes on.
func (iv *Interview) skip(st step, lead string) Reply {
	iv.answered = append(iv.answered, len(iv.log)-1)
	a := questions[st.id].skip(iv, st.wl)
	iv.assumptions = append(iv.assumptions, a)
	return iv.advance(Reply{Say: []string{lead + a + "."}, Changed: true})
}

// advance drops the answered question, queues its follow-ups, takes the
// answers given early to the questions that come next, and reports
// completion.
func (iv *Interview) advance(r Reply) Reply {
	for {
		st := iv.queue[0]
		follow := iv.followUps(st)
		iv.queue = append(follow, iv.queue[1:]...)
		// A flow without a rate has no peak to ask about.
		for len(iv.queue) > 0 && iv.queue[0].id == "workload.peak" && !iv.hasRate(iv.queue[0].wl) {
			iv.queue = iv.queue[1:]
		}
		if len(iv.queue) == 0 || !iv.takeEarly(&r) {
			break
		}
	}
	if len(iv.queue) == 0 {
		iv.done = true
		r.Done = true
		r.Say = append(r.Say, "That is all I need. Here is the design. Ask \"what if traffic is 10x?\" to see it once at another scale, or /save to write it to a file.")
	}
	return r
}

func (iv *Interview) hasRate(wl int) bool {
	w := iv.req.Workloads[wl]
	return !w.Rate.IsZero() || !w.RatePerUser.IsZero()
}

func (iv *Interview) whatIf(f float64) Reply {
	if !iv.done {
		return Reply{Say: []string{"Let us finish the requirements first; ask that again once the design is shown (or use /design now)."}}
	}
	return Reply{Scale: f, Say: []string{fmt.Sprintf("Recomputing the design with every workload rate multiplied by %s.", formatFactor(f))}}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

package session

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sysarch/sysarch/agent/requirements"
)

// State is what a session amounts to, derived by replaying its events.
type State struct {
	ID           string
	Title        string
	Phase        string
	Model        string
	Requirements requirements.Requirements
	Assumptions  []string
	Turns        int // user and assistant turns
	Said         int // the person's messages, before a reset too
	Created      time.Time
	Updated      time.Time
}

// Replay derives the state of a session from its events: the last
// requirements snapshot and phase since the last reset, the last model,
// and a title (the system's, else the first thing the person said).
func Replay(events []Event) State {
	var st State
	var firstUser string
	for _, e := range events {
		if st.Created.IsZero() || e.Time.Before(st.Created) {
			st.Created = e.Time
		}
		if e.Time.After(st.Updated) {
			st.Updated = e.Time
		}
		switch e.Type {
		case User:
			st.Turns++
			st.Said++
			if firstUser == "" {
				firstUser = e.Text
			}
		case Assistant:
			st.Turns++
		case Requirements:
			if e.Requirements != nil {
				st.Requirements = *e.Requirements
			}
			st.Assumptions = e.Assumptions
		case Phase:
			st.Phase = e.Phase
		case Model:
			st.Model = e.Model
		case Reset:
			st.Requirements = requirements.Requirements{}
			st.Assumptions = nil
			st.Phase = ""
			firstUser = ""
		}
	}
	st.Title = st.Requirements.Title
	if st.Title == "" {
		st.Title = shorten(firstUser, 60)
	}
	return st
}

// shorten keeps the first line of s and at most n runes of it.
func shorten(s string, n int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

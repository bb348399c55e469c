package review

// The peaks of a Scale are kept from its loads, so that a load the
// arithmetic found miscomputed can be replaced by its recomputed value and
// the thresholds judged against the right figure.

// note counts a load in the peaks of its kind.
func (s *Scale) note(l Load) {
	max := func(rate *float64, line *int) {
		if l.PerSecond > *rate {
			*rate, *line = l.PerSecond, l.Line
		}
	}
	max(&s.PeakPerSecond, &s.PeakLine)
	switch l.Kind {
	case loadEvents:
		max(&s.EventsPerSecond, &s.EventsLine)
	case loadMessages:
		max(&s.MessagesPerSecond, &s.MessagesLine)
	case loadWrites:
		max(&s.WritesPerSecond, &s.WritesLine)
	case loadReads:
		max(&s.ReadsPerSecond, &s.ReadsLine)
	case loadSearches:
		max(&s.SearchesPerSecond, &s.SearchesLine)
	case loadUsers:
		max(&s.UsersPerSecond, &s.UsersLine)
	}
}

// correct replaces the loads on line stated at about stated per second
// by want, the figure recomputed from the document's own inputs, and
// recomputes the peaks: a threshold is judged against the right figure.
func (s *Scale) correct(line int, stated, want float64) {
	changed := false
	for i := range s.Loads {
		if l := &s.Loads[i]; l.Line == line && within(l.PerSecond, stated) {
			l.PerSecond, changed = want, true
		}
	}
	if !changed {
		return
	}
	*s = Scale{PeakPerSecond: -1, EventsPerSecond: -1, MessagesPerSecond: -1, WritesPerSecond: -1,
		ReadsPerSecond: -1, SearchesPerSecond: -1, UsersPerSecond: -1, Loads: s.Loads}
	for _, l := range s.Loads {
		s.note(l)
	}
}

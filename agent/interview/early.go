package interview

import (
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// correctionPattern starts an answer that replaces the one before:
// "actually 3x", "I meant 2 KB", "correction: a write".
var correctionPattern = lazyre.New(`(?i)^\s*(?:actually|i meant|i mean|correction|sorry|oops|no wait|wait|scratch that|make that|change that to|undo|back)\b[\s,:;.!-]*`)

// correction returns the new answer of a correction.
func correction(text string) (string, bool) {
	loc := correctionPattern.FindStringIndex(text)
	if loc == nil {
		return "", false
	}
	return strings.TrimSpace(text[loc[1]:]), true
}

// correct replaces the last answer taken by rest: the interview is
// replayed without it, so everything that answer set or opened is undone,
// and rest answers its question again. An empty rest ("undo") asks that
// question again. It is not a correction when rest does not read as an
// answer to the question before; ok is then false and nothing changed.
func (iv *Interview) correct(rest string) (Reply, bool) {
	last := iv.answered[len(iv.answered)-1]
	fresh := New()
	fresh.hinted = true
	for _, a := range iv.log[:last] {
		fresh.Answer(a)
	}
	if rest == "" {
		*iv = *fresh
		return Reply{Say: []string{"Taken back; let us have that one again."}, Changed: true}, true
	}
	fresh.echo = true
	r := fresh.Answer(rest)
	fresh.echo = false
	if !r.Changed {
		return Reply{}, false
	}
	*iv = *fresh
	if len(r.Say) > 0 && strings.HasPrefix(r.Say[0], "Understood: ") {
		r.Say[0] = "Corrected: " + strings.TrimPrefix(r.Say[0], "Understood: ")
	} else {
		r.Say = append([]string{"Corrected."}, r.Say...)
	}
	return r, true
}

// harvest keeps, from an answer, the figures that answer questions not
// asked yet, so that they are not asked: the size in "a write, 1.5 MB
// each", the p99 in "5k/s, p99 under 100ms", the next flow's name in
// "yes, submitting claims". It keeps only figures it can tell apart; the
// rest is asked in turn.
func (iv *Interview) harvest(st step, text string) {
	keep := func(id string, wl int, answer string) {
		k := step{id, wl}
		if k == st || answer == "" {
			return
		}
		if iv.early == nil {
			iv.early = map[step]string{}
		}
		if _, ok := iv.early[k]; !ok {
			iv.early[k] = answer
		}
	}
	if st.id == "title" {
		return // a name is no figure: "GDPR consent manager" states no regulation
	}
	if st.id == "workload.more" {
		if yes, _ := parseYesNo(text); yes {
			keep("workload.name", st.wl+1, afterYesNo(text))
		}
		return
	}
	sp := spell(text)
	if strings.HasPrefix(st.id, "workload.") {
		iv.harvestWorkload(st, sp.text, keep)
	}
	if iv.req.Users == nil && st.id != "users" {
		if m := usersPattern.FindString(sp.text); m != "" {
			keep("users", 0, m)
		}
	}
	if iv.req.Availability == 0 && st.id != "availability" {
		if m := availabilityPattern.FindString(sp.text); m != "" {
			keep("availability", 0, m)
		}
	}
	if st.id != "budget" && (iv.req.Constraints == nil || iv.req.Constraints.Budget == "") {
		if b, ok := requirements.ReadBudget(text); ok && budgetWords.MatchString(text) {
			keep("budget", 0, b)
		}
	}
	if st.id != "compliance" && len(iv.req.Compliance) == 0 {
		var found []string
		for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == ';' }) {
			if names, sugg := readRegulations([]string{w}); sugg == nil && names[0] != w || w == "GDPR" || w == "HIPAA" {
				found = append(found, names[0])
			}
		}
		if len(found) > 0 {
			keep("compliance", 0, strings.Join(found, ", "))
		}
	}
}

var (
	// budgetWords mark an amount said early as the running budget, not a
	// price: "budget is $2k a month", not "$5 a month per seat".
	budgetWords         = lazyre.New(`(?i)\b(?:budget|spend|afford|run\s+costs?|hosting|infra|cloud\s+bill)\b`)
	usersPattern        = lazyre.New(`(?i)\b\d[\d,.]*\s*(?:k|m|thousand|million)?\s+(?:daily\s+|active\s+|monthly\s+)*(?:users|dau|mau|people|employees|customers|members)\b`)
	availabilityPattern = lazyre.New(`(?i)\b(?:9\d(?:\.\d+)?%\s*(?:uptime|availability|available|sla)|[2-6]\s*nines(?:\s+and\s+a\s+half)?)`)
	keepPattern         = lazyre.New(`(?i)\b(?:keep|kept|retain|retained|retention|store|stored|archive|archived|delete[d]?\s+after|for)\s+(?:\w+\s+){0,3}?(\d[\d.,]*\s*(?:days?|d|weeks?|months?|mo|years?|y|yrs?))\b`)
	latencyPattern      = lazyre.New(`(?i)\b(?:(?:p\d{2,3}|median|latency|respond\w*|under|within|below)\s+(?:of\s+|is\s+|in\s+|under\s+|below\s+|within\s+)?\d[\d.]*\s*(?:ms|s|seconds?|milliseconds?)|\d[\d.]*\s*(?:ms|milliseconds?)(?:\s+(?:at\s+)?p\d{2,3})?)\b`)
)

// harvestWorkload keeps the figures of one flow found in an answer about
// it.
func (iv *Interview) harvestWorkload(st step, text string, keep func(string, int, string)) {
	wl := st.wl
	var avg, peak []string
	for _, m := range quantity.Scan(text) {
		switch m.Value.Kind {
		case quantity.PerSecond:
			if saidPeak(text, m) {
				peak = append(peak, m.Text)
			} else {
				avg = append(avg, m.Text)
			}
		case quantity.Bytes:
			if st.id != "workload.size" && len(mentions(text, quantity.Bytes)) == 1 {
				keep("workload.size", wl, m.Text)
			}
		}
	}
	if len(avg) == 1 && (st.id == "workload.kind" || st.id == "workload.name") {
		keep("workload.rate", wl, avg[0])
	}
	// "5 million a day, maybe 20 million at peak": the peak has the
	// average's period.
	if r := iv.req.Workloads[wl].Rate; st.id == "workload.rate" && len(peak) == 0 && !r.IsZero() {
		for _, m := range mentions(text, quantity.Number) {
			if after := strings.ToLower(text[m.End:]); saidPeak(text, m) && !strings.HasPrefix(after, "x") && !strings.HasPrefix(after, "×") && !strings.HasPrefix(after, " times") {
				peak = append(peak, m.Text+"/"+r.Per)
			}
		}
	}
	if len(peak) == 1 {
		keep("workload.peak", wl, peak[0])
	} else if f, ok := findFactor(text); ok && peakWords.MatchString(text) && st.id != "workload.peak" {
		keep("workload.peak", wl, quantity.FormatNumber(f)+"x")
	}
	if st.id != "workload.retention" {
		if m := keepPattern.FindStringSubmatch(text); m != nil {
			keep("workload.retention", wl, m[1])
		}
	}
	if st.id != "workload.latency" && st.id != "workload.retention" && st.id != "workload.window" {
		if ms := latencyPattern.FindAllString(text, -1); len(ms) == 1 {
			keep("workload.latency", wl, ms[0])
		}
	}
}

// takeEarly answers the question at the head of the queue with what was
// said early, and says so; false when nothing was, or it no longer reads.
func (iv *Interview) takeEarly(r *Reply) bool {
	st := iv.queue[0]
	answer, ok := iv.early[st]
	if !ok {
		return false
	}
	delete(iv.early, st)
	ack, err := questions[st.id].parse(iv, st.wl, answer)
	if err != nil {
		return false
	}
	switch {
	case st.id == "workload.name":
		ack = "the next flow is " + answer + "."
	case ack == "":
		ack = answer + "."
	case strings.HasSuffix(ack, "."):
		ack = answer + ". " + ack
	default:
		ack += "."
	}
	r.Say = append(r.Say, "From your earlier answer: "+ack)
	r.Changed = true
	return true
}

// confirm says in one line what was understood from an answer that was
// more than the figure itself, so a misreading is seen at once. An ack
// that is a sentence of its own is said as it is.
func (iv *Interview) confirm(ack, answer string) string {
	switch {
	case ack == "":
		return ""
	case strings.HasSuffix(ack, "."):
		return ack
	case plain(answer) && !iv.echo:
		return ""
	}
	say := "Understood: " + ack + "."
	if !iv.hinted {
		iv.hinted = true
		say += ` (If I misread it, answer again starting with "actually".)`
	}
	return say
}

// plain says an answer is nothing but a figure or a single word, with
// nothing to misread.
func plain(a string) bool {
	if _, err := quantity.Parse(a); err == nil {
		return true
	}
	return len(strings.Fields(a)) == 1
}

package quantity

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Flow is a rate as written: a count per named period ("100M/month"). It
// keeps the period so that figures can be computed per month or per day
// with the month length a caller chooses. In JSON it is a string in the
// rate grammar or a number per second.
type Flow struct {
	Count float64 // how many per Per
	Per   string  // canonical period: second, minute, hour, day, week, month, year
}

// ParseFlow reads a request rate such as "100M/month", "5k per min",
// "10 billion per month" or "38/s"; a plain number is per second. A byte
// rate is refused, and so is a rate above MaxRequestRate.
func ParseFlow(s string) (Flow, error) {
	in := trimApprox(strings.TrimSpace(s))
	r, ok := splitRate(in)
	if !ok {
		v, err := ParseRate(s, 0)
		if err != nil {
			return Flow{}, err
		}
		return Flow{Count: v.V, Per: "second"}, nil
	}
	v, n, err := parseRate(s, r, DefaultSecondsPerMonth)
	if err == nil && v.Kind != PerSecond {
		err = fmt.Errorf("that is a %s, not a count of requests", v.Kind)
	}
	if err == nil {
		err = MaxRequestRate.Check(v.V)
	}
	if err != nil {
		return Flow{}, &FormError{Input: s, Want: RateForm, Cause: err}
	}
	return Flow{Count: n, Per: v.Period}, nil
}

// PerSecond returns the rate per second for a month of secondsPerMonth
// (0 means the default).
func (f Flow) PerSecond(secondsPerMonth float64) float64 {
	if secondsPerMonth <= 0 {
		secondsPerMonth = DefaultSecondsPerMonth
	}
	secs, ok := PeriodSeconds(f.Per, secondsPerMonth)
	if !ok || secs == 0 {
		return 0
	}
	return f.Count / secs
}

// IsZero reports whether no rate was given.
func (f Flow) IsZero() bool { return f.Count == 0 }

// Scale returns the flow multiplied by factor.
func (f Flow) Scale(factor float64) Flow { return Flow{Count: f.Count * factor, Per: f.Per} }

// String writes the flow in the rate grammar: "100M/month".
func (f Flow) String() string {
	if f.Per == "" {
		return ""
	}
	return FormatCount(f.Count) + "/" + f.Per
}

// canonical writes the flow exactly, for JSON round trips.
func (f Flow) canonical() string {
	return plain(f.Count) + "/" + f.Per
}

// MarshalJSON writes the flow as a rate string that reads back exactly:
// the short form ("100M/month") when it does, else every digit.
func (f Flow) MarshalJSON() ([]byte, error) {
	if f.IsZero() {
		return []byte("null"), nil
	}
	if short := f.String(); short != "" {
		if back, err := ParseFlow(short); err == nil && back == f {
			return json.Marshal(short)
		}
	}
	return json.Marshal(f.canonical())
}

// UnmarshalJSON reads a rate string or a number per second.
func (f *Flow) UnmarshalJSON(b []byte) error {
	var v float64
	if err := decode(b, &v, func(s string) (float64, error) {
		fl, err := ParseFlow(s)
		if err != nil {
			return 0, err
		}
		*f = fl
		return fl.PerSecond(0), nil
	}, RateForm, &MaxRequestRate); err != nil {
		return err
	}
	if f.Per == "" && v != 0 {
		*f = Flow{Count: v, Per: "second"}
	}
	return nil
}

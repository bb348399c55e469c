package quantity

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// The JSON types below accept either a JSON number (in base units) or a
// string in the quantity grammar, so a model, an MCP client and a flag can
// all write "100M/month" or 38.05.

// Count is a plain count.
type Count float64

// Size is a number of bytes.
type Size float64

// Duration is a number of seconds.
type Duration float64

// Rate is a number per second. Months and years in its string form use the
// default month.
type Rate float64

// Fraction is a ratio: 0.999 or "99.9%".
type Fraction float64

// Factor is a multiplier: 2 or "2x".
type Factor float64

// ByteRate is a number of bytes per second: 400000 or "400 KB/s".
type ByteRate float64

// Latency is a duration of at most MaxLatency: 0.25 or "250ms".
type Latency float64

func (q *Count) UnmarshalJSON(b []byte) error {
	return decode(b, (*float64)(q), ParseCount, CountForm, &MaxCount)
}

func (q *Size) UnmarshalJSON(b []byte) error {
	return decode(b, (*float64)(q), ParseBytes, SizeForm, &MaxDataSize)
}

func (q *Duration) UnmarshalJSON(b []byte) error {
	return decode(b, (*float64)(q), ParseDuration, DurationForm, &MaxRetention)
}

func (q *Rate) UnmarshalJSON(b []byte) error {
	return decode(b, (*float64)(q), func(s string) (float64, error) {
		v, err := ParseRate(s, 0)
		return v.V, err
	}, RateForm, &MaxRequestRate)
}

func (q *Latency) UnmarshalJSON(b []byte) error {
	return decode(b, (*float64)(q), ParseLatency, DurationForm, &MaxLatency)
}

func (q *ByteRate) UnmarshalJSON(b []byte) error {
	return decode(b, (*float64)(q), ParseByteRate, ByteRateForm, &MaxByteRate)
}

func (q *Fraction) UnmarshalJSON(b []byte) error {
	return decode(b, (*float64)(q), ParseRatio, RatioForm, nil)
}

func (q *Factor) UnmarshalJSON(b []byte) error {
	return decode(b, (*float64)(q), ParseFactor, FactorForm, &MaxFactor)
}

// decode reads a JSON number (checked against bound) or a string in the
// grammar (which parse checks).
func decode(b []byte, dst *float64, parse func(string) (float64, error), form string, bound *Bound) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return &FormError{Input: string(b), Want: form}
		}
		v, err := parse(s)
		if err != nil {
			return err
		}
		*dst = v
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return &FormError{Input: string(b), Want: form, Cause: fmt.Errorf("not a finite number")}
	}
	if bound != nil {
		if err := bound.Check(f); err != nil {
			return &FormError{Input: string(b), Want: form, Cause: err}
		}
	}
	*dst = f
	return nil
}

// Amount is a count that may carry its own period: 100M, or 100M/month.
// In JSON it is a number or a string in the count or rate grammar.
type Amount struct {
	N   float64
	Per string // canonical period when written as a rate, else empty
}

// UnmarshalJSON reads a count or a request rate ("100M/month", "1,200
// rps").
func (a *Amount) UnmarshalJSON(b []byte) error {
	*a = Amount{}
	return decode(b, &a.N, func(s string) (float64, error) {
		in := trimApprox(strings.TrimSpace(s))
		_, isRate := splitRate(in)
		if v, err := Parse(in); isRate || err == nil && (v.Kind == PerSecond || v.Kind == BytesPerSecond) {
			f, err := ParseFlow(s)
			if err != nil {
				return 0, err
			}
			a.Per = f.Per
			return f.Count, nil
		}
		return ParseCount(s)
	}, CountForm, &MaxCount)
}

// MarshalJSON writes the amount as a number, or a rate string when it has
// a period.
func (a Amount) MarshalJSON() ([]byte, error) {
	if a.Per == "" {
		return json.Marshal(a.N)
	}
	return json.Marshal(Flow{Count: a.N, Per: a.Per}.canonical())
}

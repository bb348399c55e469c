package quantity

import "fmt"

// Bound is the largest value a quantity of one meaning can sensibly take.
// A figure past it is a typo or a wrong unit ("1e308B", "p99 3e292y"), and
// taking it would only print nonsense or overflow later, so it is refused
// with a line that names the bound.
type Bound struct {
	What string  // what the value measures, e.g. "a request rate"
	Kind Kind    // how Max is written in the message
	Max  float64 // in base units
}

// The sanity bounds of the values a person gives.
var (
	// MaxRequestRate is a billion requests a second, beyond the largest
	// services on Earth.
	MaxRequestRate = Bound{"a request rate", PerSecond, 1e9}
	// MaxByteRate is a petabyte a second.
	MaxByteRate = Bound{"a byte rate", BytesPerSecond, 1e15}
	// MaxItemSize is a petabyte for one item, request or record.
	MaxItemSize = Bound{"an item", Bytes, 1e15}
	// MaxDataSize is a zettabyte, more than any data set stored.
	MaxDataSize = Bound{"a data size", Bytes, 1e21}
	// MaxLatency is a day: a latency target beyond it is a schedule.
	MaxLatency = Bound{"a latency", Seconds, 86400}
	// MaxRetention is a hundred years, the longest duration of any kind.
	MaxRetention = Bound{"a duration", Seconds, 100 * 12 * DefaultSecondsPerMonth}
	// MaxCount is a quadrillion: more than the users, records or items of
	// any system.
	MaxCount = Bound{"a count", Number, 1e15}
	// MaxFactor is a million-fold multiplier.
	MaxFactor = Bound{"a multiplier", Number, 1e6}
)

// Check returns an error when v is past the bound (or below minus it).
func (b Bound) Check(v float64) error {
	if v > b.Max || v < -b.Max {
		return &BoundError{Bound: b, Value: v}
	}
	return nil
}

// BoundError says a value is past its sanity bound.
type BoundError struct {
	Bound Bound
	Value float64
}

func (e *BoundError) Error() string {
	// The value itself is left out: the caller shows the input, and a
	// value this far out would print as a screenful of digits.
	return fmt.Sprintf("beyond %s, the most %s can be; check the unit",
		Format(Value{Kind: e.Bound.Kind, V: e.Bound.Max}), e.Bound.What)
}

package quantity

import "fmt"

// Examples of each accepted form, used in error messages so a person (or a
// model) sees what to write instead.
const (
	CountForm    = "a count like 10M, 4B or 1,000"
	SizeForm     = "a size like 500B, 1.27KB or 2GiB"
	DurationForm = "a duration like 250ms, 5m or 3y"
	RateForm     = "a rate like 100M/month, 5k/min or 1M/s"
	ByteRateForm = "a byte rate like 400 KB/s, 2 Gbit/s or 12.7 GB/month"
	RatioForm    = "a percentage like 99.9% or a fraction like 0.999"
	FactorForm   = "a multiplier like 2, 2x or 1.5"
)

// FormError says a value was not of the expected form.
type FormError struct {
	Input string
	Want  string // one of the *Form constants
	Cause error
}

func (e *FormError) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("expected %s, got %q (%v)", e.Want, e.Input, unquote(e.Cause, e.Input))
	}
	return fmt.Sprintf("expected %s, got %q", e.Want, e.Input)
}

// unquote drops the repeated input from a cause such as `"fast": no number`.
func unquote(err error, input string) string {
	msg := err.Error()
	prefix := fmt.Sprintf("%q: ", input)
	if len(msg) > len(prefix) && msg[:len(prefix)] == prefix {
		return msg[len(prefix):]
	}
	return msg
}

func typed(s string, want string, sizes bool, secondsPerMonth float64, bound *Bound, kinds ...Kind) (Value, error) {
	v, err := parse(s, secondsPerMonth, sizes)
	if err != nil {
		return Value{}, &FormError{Input: s, Want: want, Cause: err}
	}
	for _, k := range kinds {
		if v.Kind == k {
			if bound != nil {
				if err := bound.Check(v.V); err != nil {
					return Value{}, &FormError{Input: s, Want: want, Cause: err}
				}
			}
			return v, nil
		}
	}
	cause := fmt.Errorf("that is a %s", v.Kind)
	if v.Kind == BytesPerSecond {
		cause = fmt.Errorf("that is a byte rate, not a count of requests")
	}
	return Value{}, &FormError{Input: s, Want: want, Cause: cause}
}

// ParseCount reads a count: 10M, 4B (billion), 5 million, 1e6, 1,000, 2x.
func ParseCount(s string) (float64, error) {
	v, err := typed(s, CountForm, false, DefaultSecondsPerMonth, &MaxCount, Number)
	return v.V, err
}

// ParseBytes reads a size in bytes: 500B, 1.27KB, 2GiB, 72PB; a plain
// number is bytes.
func ParseBytes(s string) (float64, error) {
	v, err := typed(s, SizeForm, true, DefaultSecondsPerMonth, &MaxDataSize, Bytes, Number)
	return v.V, err
}

// ParseItemSize reads the size of one item, request or record: a size of
// at most MaxItemSize.
func ParseItemSize(s string) (float64, error) {
	v, err := typed(s, SizeForm, true, DefaultSecondsPerMonth, &MaxItemSize, Bytes, Number)
	return v.V, err
}

// ParseByteRate reads bytes per second: 400 KB/s, 2 Gbit/s, 12.7 GB per
// month; a plain size or number is per second.
func ParseByteRate(s string) (float64, error) {
	v, err := typed(s, ByteRateForm, true, DefaultSecondsPerMonth, &MaxByteRate, BytesPerSecond, Bytes, Number)
	return v.V, err
}

// ParseDuration reads a duration in seconds: 250ms, 5m, 3y; a plain number
// is seconds. It is bounded by the longest retention.
func ParseDuration(s string) (float64, error) {
	v, err := typed(s, DurationForm, false, DefaultSecondsPerMonth, &MaxRetention, Seconds, Number)
	return v.V, err
}

// ParseLatency reads a latency: a duration of at most a day.
func ParseLatency(s string) (float64, error) {
	v, err := typed(s, DurationForm, false, DefaultSecondsPerMonth, &MaxLatency, Seconds, Number)
	return v.V, err
}

// ParseRate reads a request rate per second: 100M/month, 5k/min, 1,200
// rps; a plain number is per second. Months and years use secondsPerMonth
// (0 means the default). A byte rate is refused.
func ParseRate(s string, secondsPerMonth float64) (Value, error) {
	if secondsPerMonth <= 0 {
		secondsPerMonth = DefaultSecondsPerMonth
	}
	v, err := typed(s, RateForm, false, secondsPerMonth, &MaxRequestRate, PerSecond, Number)
	if err == nil && v.Kind == Number {
		v = Value{Kind: PerSecond, V: v.V, Period: "second"}
	}
	return v, err
}

// ParseRatio reads a ratio: 99.9% is 0.999; a plain number is taken as is.
func ParseRatio(s string) (float64, error) {
	v, err := typed(s, RatioForm, false, DefaultSecondsPerMonth, nil, Ratio, Number)
	return v.V, err
}

// ParseFactor reads a multiplier: 2, 2x, 1.5x, 150%.
func ParseFactor(s string) (float64, error) {
	v, err := typed(s, FactorForm, false, DefaultSecondsPerMonth, &MaxFactor, Number, Ratio)
	return v.V, err
}

package quantity

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// In YAML the quantity types read like they do in JSON: a number in base
// units or a string in the quantity grammar. They are written back in the
// short human form ("10M", "500B", "250ms", "99.95%", "100M/month") when
// that form reads back to exactly the same value, and in an exact canonical
// form otherwise, so a YAML round trip never changes a figure.

// YAMLError is a YAML value error tied to where it occurred, for values
// that hold other values (such as a map of stage durations). Path is
// relative to the value being decoded, e.g. "auth".
type YAMLError struct {
	Path         string
	Line, Column int
	Err          error
}

func (e *YAMLError) Error() string {
	if e.Path == "" {
		return e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

func (e *YAMLError) Unwrap() error { return e.Err }

// UnmarshalYAML reads a count: 10M, 4B, 1,000 or a number.
func (q *Count) UnmarshalYAML(n *yaml.Node) error {
	return decodeYAML(n, (*float64)(q), ParseCount, CountForm, &MaxCount)
}

// UnmarshalYAML reads a size: 500B, 1.27KB, 2GiB or a number of bytes.
func (q *Size) UnmarshalYAML(n *yaml.Node) error {
	return decodeYAML(n, (*float64)(q), ParseBytes, SizeForm, &MaxDataSize)
}

// UnmarshalYAML reads a duration: 250ms, 5m, 3y or a number of seconds.
func (q *Duration) UnmarshalYAML(n *yaml.Node) error {
	return decodeYAML(n, (*float64)(q), ParseDuration, DurationForm, &MaxRetention)
}

// UnmarshalYAML reads a rate: 100M/month, 5k/min or a number per second.
func (q *Rate) UnmarshalYAML(n *yaml.Node) error {
	return decodeYAML(n, (*float64)(q), func(s string) (float64, error) {
		v, err := ParseRate(s, 0)
		return v.V, err
	}, RateForm, &MaxRequestRate)
}

// UnmarshalYAML reads a latency: 250ms or a number of seconds, at most a
// day.
func (q *Latency) UnmarshalYAML(n *yaml.Node) error {
	return decodeYAML(n, (*float64)(q), ParseLatency, DurationForm, &MaxLatency)
}

// UnmarshalYAML reads a byte rate: 400 KB/s, 2 Gbit/s or a number of bytes
// per second.
func (q *ByteRate) UnmarshalYAML(n *yaml.Node) error {
	return decodeYAML(n, (*float64)(q), ParseByteRate, ByteRateForm, &MaxByteRate)
}

// UnmarshalYAML reads a ratio: 99.9% or a fraction such as 0.999.
func (q *Fraction) UnmarshalYAML(n *yaml.Node) error {
	return decodeYAML(n, (*float64)(q), ParseRatio, RatioForm, nil)
}

// UnmarshalYAML reads a multiplier: 2, 2x or 1.5.
func (q *Factor) UnmarshalYAML(n *yaml.Node) error {
	return decodeYAML(n, (*float64)(q), ParseFactor, FactorForm, &MaxFactor)
}

// UnmarshalYAML reads a rate as written ("100M/month") or a number per
// second.
func (f *Flow) UnmarshalYAML(n *yaml.Node) error {
	var perSecond float64
	var flow Flow
	err := decodeYAML(n, &perSecond, func(s string) (float64, error) {
		fl, err := ParseFlow(s)
		flow = fl
		return fl.PerSecond(0), err
	}, RateForm, &MaxRequestRate)
	if err != nil {
		return err
	}
	if flow.Per == "" && perSecond != 0 {
		flow = Flow{Count: perSecond, Per: "second"}
	}
	*f = flow
	return nil
}

// decodeYAML reads a scalar node: YAML numbers are taken in base units,
// strings go through parse, null leaves dst alone.
func decodeYAML(n *yaml.Node, dst *float64, parse func(string) (float64, error), form string, bound *Bound) error {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("expected %s, got %s", form, NodeText(n))
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		return &FormError{Input: n.Value, Want: form}
	case "!!int", "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return &FormError{Input: n.Value, Want: form, Cause: fmt.Errorf("not a finite number")}
		}
		if bound != nil {
			if err := bound.Check(f); err != nil {
				return &FormError{Input: n.Value, Want: form, Cause: err}
			}
		}
		*dst = f
		return nil
	}
	v, err := parse(n.Value)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// NodeText is what a node holds, for an error message: a scalar's text,
// or "a mapping" or "a list".
func NodeText(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return n.Value
	}
	return "nothing"
}

// MarshalYAML writes the count as 10M, or exactly.
func (q Count) MarshalYAML() (any, error) {
	return shortest(float64(q), FormatCount(float64(q)), ParseCount), nil
}

// MarshalYAML writes the size as 500B or 1.27KB, or exactly in bytes.
func (q Size) MarshalYAML() (any, error) {
	short := strings.ReplaceAll(FormatBytes(float64(q)), " ", "")
	if v, err := ParseBytes(short); err != nil || v != float64(q) {
		return strconv.FormatFloat(float64(q), 'g', -1, 64) + "B", nil
	}
	return short, nil
}

// MarshalYAML writes the duration as 250ms, 90d or 3y, or exactly in
// seconds.
func (q Duration) MarshalYAML() (any, error) {
	return ShortDuration(float64(q)), nil
}

// ShortDuration writes secs in the largest unit that states it in at most
// two decimals and reads back exactly: 90 days is "90d" (not "2.96mo"),
// 1.2 s is "1.2s"; failing that, exactly in seconds.
func ShortDuration(secs float64) string {
	units := []struct {
		size float64
		name string
	}{{12 * DefaultSecondsPerMonth, "y"}, {DefaultSecondsPerMonth, "mo"}, {604800, "w"}, {86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}, {1e-3, "ms"}, {1e-6, "us"}}
	for _, u := range units {
		x := secs / u.size
		if math.Abs(x) < 1 || math.Abs(math.Round(x*100)/100-x) > 1e-9*math.Abs(x) {
			continue
		}
		s := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) + u.name
		if v, err := ParseDuration(s); err == nil && v == secs {
			return s
		}
	}
	return strconv.FormatFloat(secs, 'g', -1, 64) + "s"
}

// MarshalYAML writes the rate per second: 38/s, or exactly.
func (q Rate) MarshalYAML() (any, error) {
	short := FormatRate(float64(q))
	if v, err := ParseRate(short, 0); err != nil || v.V != float64(q) {
		return strconv.FormatFloat(float64(q), 'g', -1, 64) + "/s", nil
	}
	return short, nil
}

// MarshalYAML writes the ratio as a percentage: 99.95%, or exactly.
func (q Fraction) MarshalYAML() (any, error) {
	short := FormatPercent(float64(q))
	if v, err := ParseRatio(short); err != nil || v != float64(q) {
		return float64(q), nil
	}
	return short, nil
}

// MarshalYAML writes the multiplier as 2x, or exactly.
func (q Factor) MarshalYAML() (any, error) {
	short := FormatNumber(float64(q)) + "x"
	if v, err := ParseFactor(short); err != nil || v != float64(q) {
		return strconv.FormatFloat(float64(q), 'g', -1, 64) + "x", nil
	}
	return short, nil
}

// MarshalYAML writes the flow as 100M/month, or exactly as 1e+08/month.
func (f Flow) MarshalYAML() (any, error) {
	if f.IsZero() {
		return nil, nil
	}
	short := f.String()
	if back, err := ParseFlow(short); err != nil || back != f {
		return f.canonical(), nil
	}
	return short, nil
}

// shortest returns the short form when it parses back to x; a plain
// number stays a YAML number so that it is not quoted.
func shortest(x float64, short string, parse func(string) (float64, error)) any {
	if v, err := parse(short); err != nil || v != x {
		return x
	}
	if f, err := strconv.ParseFloat(short, 64); err == nil {
		return f
	}
	return short
}

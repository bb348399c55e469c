package requirements

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
)

// scheduleWords are the named schedules and their intervals in seconds.
var scheduleWords = map[string]float64{
	"hourly": 3600, "daily": 86400, "nightly": 86400, "weekly": 7 * 86400,
	"monthly": quantity.DefaultSecondsPerMonth, "yearly": 12 * quantity.DefaultSecondsPerMonth,
}

// ScheduleInterval reads a schedule — hourly, daily, nightly, weekly,
// monthly, yearly, or "every 15m" — as the seconds between two runs.
func ScheduleInterval(s string) (float64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if v, ok := scheduleWords[t]; ok {
		return v, nil
	}
	if rest, ok := strings.CutPrefix(t, "every "); ok {
		if v, ok := scheduleWords[map[string]string{"hour": "hourly", "day": "daily", "night": "nightly", "week": "weekly", "month": "monthly", "year": "yearly"}[strings.TrimSpace(rest)]]; ok {
			return v, nil
		}
		if v, err := quantity.ParseDuration(strings.ReplaceAll(rest, " ", "")); err == nil && v > 0 {
			return v, nil
		}
	}
	return 0, fmt.Errorf("%q is not a schedule; write hourly, daily, weekly, monthly or every 15m", s)
}

// Scan is what one run of a scheduled job reads: a window of another
// workload's records.
type Scan struct {
	Window   float64 // seconds
	Workload string
}

// ParseScans reads "7d of sales" as a window of the named workload.
func ParseScans(s string) (Scan, error) {
	win, name, ok := strings.Cut(strings.TrimSpace(s), " of ")
	if !ok {
		return Scan{}, fmt.Errorf("%q does not say what it scans; write a window of a workload, e.g. 7d of sales", s)
	}
	secs, err := quantity.ParseDuration(strings.ReplaceAll(strings.TrimSpace(win), " ", ""))
	if err != nil || secs <= 0 {
		return Scan{}, fmt.Errorf("%q: %q is not a window like 7d, 1h or 30d", s, win)
	}
	return Scan{Window: secs, Workload: strings.TrimSpace(name)}, nil
}

// checkBatch validates a workload's schedule and scans against the other
// workloads: a scan names a workload that exists.
func (w Workload) checkBatch(p string, names map[string]int) error {
	if w.Schedule != "" {
		if _, err := ScheduleInterval(w.Schedule); err != nil {
			return &InputError{Field: p + ".schedule", Msg: err.Error()}
		}
	}
	if w.Scans == "" {
		return nil
	}
	sc, err := ParseScans(w.Scans)
	if err != nil {
		return &InputError{Field: p + ".scans", Msg: err.Error()}
	}
	if _, ok := names[sc.Workload]; !ok {
		known := slices.Sorted(maps.Keys(names))
		return &InputError{Field: p + ".scans", Msg: fmt.Sprintf("no workload is named %q; name one of the workloads above it, e.g. 7d of %s", sc.Workload, firstOr(known, "sales"))}
	}
	return nil
}

func firstOr(xs []string, def string) string {
	if len(xs) == 0 {
		return def
	}
	return xs[0]
}

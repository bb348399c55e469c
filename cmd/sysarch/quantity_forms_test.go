package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// quantityForms are the forms of the one quantity grammar with the rate a
// request-rate input must read, or "" when the form is refused there (a
// byte rate, a size, a duration, a percentage) with the reason.
var quantityForms = []struct {
	in       string
	rate     string // per second as calc prints it; "" when refused
	refusal  string // part of the one-line error when refused
	byteRate string // as a byte-rate input prints it, "" when not one
}{
	{"5 million/day", "57.87/s", "", ""},
	{"10 billion per month", "3,802.65/s", "", ""},
	{"5M per day", "57.87/s", "", ""},
	{"40 B/s", "", "byte rate", "40 B/s"},
	{"400 KB/s", "", "byte rate", "400 KB/s"},
	{"2 Gbit/s", "", "byte rate", "250 MB/s"},
	{"about 30k per second", "30,000/s", "", ""},
	{"1,200 rps", "1,200/s", "", ""},
	{"5k requests/min", "83.33/s", "", ""},
	{"2M messages per hour", "555.56/s", "", ""},
	{"4B/month", "1,521.06/s", "", ""},
	{"500B", "", "", ""},
	{"1.27KB", "", "size", ""},
	{"2GiB", "", "size", ""},
	{"250ms", "", "duration", ""},
	{"3y", "", "duration", ""},
	{"99.9%", "", "percentage", ""},
}

// runCLI runs sysarch in process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ios, out, errOut := testIO()
	code := run(args, ios)
	return code, out.String(), errOut.String()
}

// TestCalcQuantityForms runs every form through calc: throughput reads
// the rates, partitions the byte rates, and the rest are refused with one
// line and exit 2.
func TestCalcQuantityForms(t *testing.T) {
	for _, f := range quantityForms {
		code, out, errOut := runCLI(t, "calc", "throughput", "--count", f.in)
		switch {
		case f.rate != "":
			if code != 0 || !strings.Contains(out, "per_second       "+f.rate) {
				t.Errorf("calc throughput --count %q: exit %d, out %q, err %q; want per_second %s", f.in, code, out, errOut, f.rate)
			}
		case f.in == "500B":
			// A bare count: 500 billion a day.
			if code != 0 || !strings.Contains(out, "5,787,037.04/s") {
				t.Errorf("calc throughput --count 500B: exit %d, out %q, err %q", code, out, errOut)
			}
		default:
			if code != 2 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, f.refusal) {
				t.Errorf("calc throughput --count %q: exit %d, out %q, err %q; want exit 2 and one line saying %q", f.in, code, out, errOut, f.refusal)
			}
		}
		if f.byteRate == "" {
			continue
		}
		code, out, errOut = runCLI(t, "calc", "partitions", "--rate-per-second", "1k/s", "--item-bytes", "1KB", "--partition-bytes-per-second", f.in)
		if code != 0 || !strings.Contains(out, "partitions") || strings.Contains(out, "e+") {
			t.Errorf("calc partitions --partition-bytes-per-second %q: exit %d, out %q, err %q", f.in, code, out, errOut)
		}
	}
	for _, f := range []struct{ flag, in, want string }{
		{"--item-bytes", "500B", "500 B ×"}, {"--item-bytes", "1.27KB", "1,270 B ×"}, {"--item-bytes", "2GiB", "2,147,483,648 B ×"},
		{"--retention", "3y", "× 36 months retention"}, {"--retention", "90d", "× 90d (2.96 months) retention"},
	} {
		args := []string{"calc", "storage", "--count", "1M", "--per", "day", "--item-bytes", "1KB"}
		args = append(args, f.flag, f.in)
		code, out, errOut := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, f.want) {
			t.Errorf("calc storage %s %q: exit %d, out %q, err %q; want %q", f.flag, f.in, code, out, errOut, f.want)
		}
	}
	code, out, errOut := runCLI(t, "calc", "availability", "--target", "99.9%")
	if code != 0 || !strings.Contains(out, "43.83m") {
		t.Errorf("calc availability --target 99.9%%: exit %d, out %q, err %q", code, out, errOut)
	}
}

// TestQuantityFormsInFilesAndReview writes each rate form into a
// requirement file and a document: design and review read the same rate.
func TestQuantityFormsInFilesAndReview(t *testing.T) {
	dir := t.TempDir()
	for _, f := range quantityForms {
		if f.rate == "" {
			continue
		}
		req := filepath.Join(dir, "req.md")
		body := "---\ntitle: Forms\nworkloads:\n  - name: requests\n    kind: read\n    rate: \"" + f.in + "\"\n---\n"
		if err := os.WriteFile(req, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runCLI(t, "design", "-f", req)
		if code != 0 || !strings.Contains(out, strings.TrimSuffix(f.rate, "/s")) {
			t.Errorf("design with rate %q: exit %d, err %q; want %s in the document", f.in, code, errOut, f.rate)
		}
		doc := filepath.Join(dir, "doc.md")
		text := "# Design\n\n## Load\n\nToday the API serves " + f.in + ".\n"
		if err := os.WriteFile(doc, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		_, out, errOut = runCLI(t, "review", "--format", "json", doc)
		var rep struct {
			Scale struct {
				Peak struct {
					PerSecond float64 `json:"per_second"`
				} `json:"peak"`
			} `json:"scale"`
		}
		want, _ := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSuffix(f.rate, "/s"), ",", ""), 64)
		if err := json.Unmarshal([]byte(out), &rep); err != nil || math.Abs(rep.Scale.Peak.PerSecond-want) > 0.01 {
			t.Errorf("review of %q: peak %g (%v), err %q; want %g", text, rep.Scale.Peak.PerSecond, err, errOut, want)
		}
	}
}

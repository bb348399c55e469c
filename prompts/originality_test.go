package prompts

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The built-in persona carries the seed's principles and figures but must be
// written in this project's own words. The rule: no run of shingleLen words
// may appear in both texts unless most of that run is figures and
// technology names, which are facts and may be shared.
const (
	shingleLen = 8
	// minOrdinary is how many ordinary words (not figures, not technology
	// names) a shared run needs before it counts as copied prose.
	minOrdinary = 4
)

// factWords are technology and unit names that both texts must use.
var factWords = map[string]bool{
	"postgresql": true, "redis": true, "kafka": true, "pulsar": true,
	"vitess": true, "cockroachdb": true, "memcached": true, "elasticsearch": true,
	"nats": true, "kinesis": true, "s3": true, "gcs": true, "cdn": true,
	"rds": true, "fts": true, "listen": true, "notify": true, "newsql": true,
	"rps": true, "ms": true, "gb": true, "ram": true, "sec": true, "s": true,
	"k": true, "p50": true, "p95": true, "p99": true, "jwt": true, "jwts": true,
	"api": true, "cqrs": true, "lite": true, "oltp": true, "ttl": true,
}

var wordRE = regexp.MustCompile(`[a-z0-9]+`)

func words(text string) []string {
	return wordRE.FindAllString(strings.ToLower(text), -1)
}

func isFact(w string) bool {
	return factWords[w] || strings.ContainsAny(w[:1], "0123456789")
}

// sharedRuns returns the runs of shingleLen words that ours shares with
// seed and that contain at least minOrdinary ordinary words.
func sharedRuns(seed, ours string) []string {
	seen := map[string]bool{}
	sw := words(seed)
	for i := 0; i+shingleLen <= len(sw); i++ {
		seen[strings.Join(sw[i:i+shingleLen], " ")] = true
	}
	var out []string
	ow := words(ours)
	for i := 0; i+shingleLen <= len(ow); i++ {
		run := ow[i : i+shingleLen]
		key := strings.Join(run, " ")
		if !seen[key] {
			continue
		}
		ordinary := 0
		for _, w := range run {
			if !isFact(w) {
				ordinary++
			}
		}
		if ordinary >= minOrdinary {
			out = append(out, key)
		}
	}
	return out
}

func TestBuiltinIsInOwnWords(t *testing.T) {
	seed, err := os.ReadFile("testdata/system-designer2.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range sharedRuns(string(seed), string(BuiltinSource())) {
		t.Errorf("built-in persona shares this run of words with the seed: %q", run)
	}
}

func TestSharedRuns(t *testing.T) {
	tests := []struct {
		name       string
		seed, ours string
		want       int
	}{
		{"copied sentence", "good design is invisible if engineers never think about a component", "so: good design is invisible if engineers never think about it", 2},
		{"reworded", "good design is invisible if engineers never think about a component", "nobody notices a component that simply works for years on end", 0},
		{"figures and names only", "PostgreSQL, Vitess, CockroachDB: 10K then 100K writes", "PostgreSQL, Vitess, CockroachDB: 10K then 100K writes", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(sharedRuns(tt.seed, tt.ours)); got != tt.want {
				t.Errorf("shared runs = %d, want %d", got, tt.want)
			}
		})
	}
}

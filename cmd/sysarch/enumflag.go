package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// enumValue is a flag that takes one of a few words, in any case:
// --format JSON is --format json. Its values also feed shell completion,
// so the check and the completion cannot disagree.
type enumValue struct {
	p      *string
	values []string // each "word" or "word\tdescription"
}

// enumFlag defines a flag whose value is one of values; def is its
// default ("" for a flag whose absence means something of its own).
func enumFlag(fs *pflag.FlagSet, p *string, name, def, usage string, values ...string) {
	*p = def
	fs.Var(&enumValue{p: p, values: values}, name, usage)
}

// words returns the accepted words without their descriptions.
func (e *enumValue) words() []string {
	out := make([]string, len(e.values))
	for i, v := range e.values {
		out[i], _, _ = strings.Cut(v, "\t")
	}
	return out
}

// Set takes a value in any case and refuses a word not on the list,
// naming the nearest one.
func (e *enumValue) Set(s string) error {
	v := strings.ToLower(strings.TrimSpace(s))
	words := e.words()
	for _, w := range words {
		if v == w {
			*e.p = w
			return nil
		}
	}
	msg := "expected " + orList(words)
	if near := nearest(v, words, 1+len(v)/5); near != "" {
		msg += "; did you mean " + near + "?"
	}
	return fmt.Errorf("%s", msg)
}

func (e *enumValue) String() string { return *e.p }

// Type is what --help shows after the flag: "md|json".
func (e *enumValue) Type() string { return strings.Join(e.words(), "|") }

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// nearest returns the word of candidates closest to s within max edits
// (a swap of neighbours counts one), or "" when none is that close.
func nearest(s string, candidates []string, max int) string {
	best, bestD := "", max+1
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance counts insertions, deletions, substitutions and swaps of
// neighbours: "detial" is one from "detail".
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// formatFromOutput lets the -o file's extension choose the format: "-o
// design.json" writes JSON without --format json. A --format that
// contradicts the extension is refused rather than writing Markdown into
// a .json file.
func formatFromOutput(c *cobra.Command, out string, format *string) error {
	ext := strings.ToLower(filepath.Ext(out))
	want := map[string]string{".json": "json", ".md": "md", ".markdown": "md"}[ext]
	switch {
	case want == "":
		return nil
	case !c.Flags().Changed("format"):
		*format = want
	case *format != want:
		return usageErrorf("-o %s is a %s file but --format is %s: drop --format, or name the file %s", out, ext, *format, strings.TrimSuffix(out, filepath.Ext(out))+"."+*format)
	}
	return nil
}

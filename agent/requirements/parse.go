package requirements

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/sysarch/sysarch/agent/fileio"
	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/termsafe"
	"go.yaml.in/yaml/v3"
)

// MaxRequirementsSize is the largest requirements file sysarch reads: a
// requirements file is a page or two of text, and a bigger one is almost
// certainly the wrong file.
const MaxRequirementsSize = fileio.MaxInput

func tooLarge(name string, size int64) *InputError {
	return fileError("%s is too large (%.1f MiB); a requirements file must be at most 1 MiB", label(name), float64(size)/(1<<20))
}

// label is how a file is named in messages.
func label(name string) string {
	switch name {
	case "-":
		return "stdin"
	case "":
		return "the requirements file"
	}
	return name
}

// ParseRequirements reads requirements from data: Markdown with YAML front
// matter, plain YAML, or Markdown prose alone. name is the file name ("-"
// for stdin), used in messages and to tell YAML (.yaml, .yml) from
// Markdown. The prose is kept in Body and mined for the quantities it
// states plainly, filling only fields the YAML left empty (see Mine).
// Every error is an *InputError of one line.
func ParseRequirements(data []byte, name string) (Requirements, error) {
	switch {
	case len(data) > MaxRequirementsSize:
		return Requirements{}, tooLarge(name, int64(len(data)))
	case bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data):
		return Requirements{}, fileError("%s is not text (it holds NUL bytes or invalid UTF-8); give a Markdown or YAML requirements file", label(name))
	}
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
	if strings.TrimSpace(text) == "" {
		return Requirements{}, fileError("%s is empty; write the requirements there, or start from the template 'sysarch init' prints", label(name))
	}
	src, err := split(text, name)
	if err != nil {
		return Requirements{}, err
	}
	r, w, err := decodeYAML(src)
	if err != nil {
		return Requirements{}, withFile(err, name)
	}
	if src.form == formYAML && w == nil {
		return Requirements{}, fileError("%s holds only comments; write the requirements there, or start from the template 'sysarch init' prints", label(name))
	}
	explicit := map[string]position{}
	if w == nil {
		src.form = formProse // empty front matter: the prose is all there is
	} else {
		explicit = w.explicit
	}
	if src.form != formProse && strings.TrimSpace(r.Title) == "" {
		return Requirements{}, withFile(&InputError{Line: 1 + src.line0, Column: 1, Field: "title", Msg: "required: name the system, e.g. title: URL shortener"}, name)
	}
	if err := r.Validate(); err != nil {
		return Requirements{}, withFile(locate(err, explicit), name)
	}
	if err := explicitZeros(r, explicit); err != nil {
		return Requirements{}, withFile(err, name)
	}
	r.Body = termsafe.String(strings.TrimSpace(src.body))
	if src.form == formProse {
		if t, line := heading(r.Body); t != "" {
			r.Title = t
			r.Extracted = append(r.Extracted, Extraction{Field: "title", Value: t, Sentence: line})
		}
	}
	mine(&r, explicit)
	return r, nil
}

type form int

const (
	formProse form = iota
	formFrontMatter
	formYAML
)

// source is a requirements file split into its YAML and its prose.
type source struct {
	form  form
	yaml  string
	line0 int // file lines before the YAML text
	body  string
}

var yamlKeyLine = lazyre.New(`^[a-z_][a-z0-9_]*:(\s|$)`)

// split tells the three forms apart: front matter opens with a line of
// "---"; a .yaml or .yml file, or one whose first line that is not a
// comment reads like "title: …", is YAML; anything else is prose.
func split(text, name string) (source, error) {
	if isYAMLName(name) {
		return source{form: formYAML, yaml: text}, nil
	}
	lines := strings.SplitAfter(text, "\n")
	if i, opened := fileio.FrontMatterClose(lines); i > 0 {
		return source{form: formFrontMatter, yaml: strings.Join(lines[1:i], ""), line0: 1, body: strings.Join(lines[i+1:], "")}, nil
	} else if opened {
		if isMarkdown(name) {
			return source{}, withFile(&InputError{Line: 1, Column: 1, Msg: "the front matter opened here is never closed; end it with a line of ---"}, name)
		}
		return source{form: formYAML, yaml: text}, nil
	}
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if yamlKeyLine.MatchString(l) {
			if closing := unopenedFrontMatter(lines); closing > 0 {
				return source{}, withFile(&InputError{Line: 1, Column: 1, Msg: fmt.Sprintf("the front matter has no opening ---: add a line of --- above this one (the --- on line %d closes it)", closing)}, name)
			}
			return source{form: formYAML, yaml: text}, nil
		}
		break
	}
	return source{form: formProse, body: text}, nil
}

// unopenedFrontMatter returns the line of a "---" that closes front
// matter never opened: YAML keys, then ---, then prose. It returns 0 when
// what follows the --- reads as YAML (a second document, reported as
// such) or there is no ---.
func unopenedFrontMatter(lines []string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) != "---" {
			continue
		}
		for _, rest := range lines[i+1:] {
			t := strings.TrimSpace(rest)
			if t == "" {
				continue
			}
			if yamlKeyLine.MatchString(rest) || strings.HasPrefix(t, "- ") || t == "---" {
				return 0
			}
			return i + 1
		}
		return 0
	}
	return 0
}

func isYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

func isMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// decodeYAML parses the YAML of src into Requirements. The walker is nil
// when there is no YAML or it holds only comments.
func decodeYAML(src source) (r Requirements, w *walker, err error) {
	if src.form == formProse || strings.TrimSpace(src.yaml) == "" {
		return r, nil, nil
	}
	defer func() {
		// yaml.v3 has panicked on hostile input before; a bad file must
		// still end in one line, not a stack trace.
		if p := recover(); p != nil {
			err = &InputError{Line: 1 + src.line0, Column: 1, Msg: fmt.Sprintf("invalid YAML: %v", p)}
		}
	}()
	dec := yaml.NewDecoder(strings.NewReader(src.yaml))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return r, nil, nil
		}
		return r, nil, syntaxError(err, src.yaml, src.line0)
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		return r, nil, &InputError{Line: separatorLine(src.yaml) + src.line0, Column: 1, Msg: "a second YAML document starts here; a requirements file holds one (remove the ---)"}
	} else if !errors.Is(err, io.EOF) {
		return r, nil, syntaxError(err, src.yaml, src.line0)
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return r, nil, nil
	}
	w = newWalker(src.line0, countNodes(&doc))
	if err := w.walk(doc.Content[0], reflect.ValueOf(&r).Elem(), ""); err != nil {
		return r, nil, err
	}
	return r, w, nil
}

// separatorLine finds the "---" that starts a second YAML document.
func separatorLine(text string) int {
	content := false
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "---") && strings.TrimSpace(l[3:]) == "" || strings.HasPrefix(l, "--- ") {
			if content {
				return i + 1
			}
			continue
		}
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
			content = true
		}
	}
	return 1
}

// withFile names the file in an InputError tied to a place in it.
func withFile(err error, name string) error {
	var ie *InputError
	if name != "" && errors.As(err, &ie) && (ie.Line > 0 || ie.Field != "") {
		ie.File = label(name)
	}
	return err
}

// locate places a validation error at the value it is about, or at the
// nearest enclosing value the file gave.
func locate(err error, explicit map[string]position) error {
	var ie *InputError
	if !errors.As(err, &ie) {
		return err
	}
	for p := ie.Field; p != ""; p = parent(p) {
		if pos, ok := explicit[p]; ok {
			ie.Line, ie.Column = pos.line, pos.column
			break
		}
	}
	return err
}

// parent drops the last step of a field path: workloads[0].rate →
// workloads[0] → workloads.
func parent(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

// heading returns the text of the first level-one Markdown heading and
// the line it is on.
func heading(body string) (string, string) {
	for l := range strings.SplitSeq(body, "\n") {
		l = strings.TrimSpace(l)
		if t, ok := strings.CutPrefix(l, "# "); ok {
			t = strings.TrimSpace(strings.TrimRight(t, "# "))
			if t != "" {
				return t, l
			}
		}
	}
	return "", ""
}

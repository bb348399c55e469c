package requirements

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sysarch/sysarch/agent/lazyre"
	"go.yaml.in/yaml/v3"
)

// yaml.v3 reports syntax errors as "yaml: line N: problem", often with
// the line where the enclosing block began and never with a column. These
// helpers find the line where the text stops being YAML and a likely
// column on it, so the person is pointed at the character to fix.

// maxBisect bounds the YAML searched for the failing line: each step
// parses a prefix again, and a requirements file is rarely over a few
// kilobytes. Longer texts get the line yaml.v3 reports.
const maxBisect = 64 << 10

var yamlErrLine = lazyre.New(`^yaml: (?:line (\d+): )?(.*)$`)

// syntaxError turns a yaml.v3 parse error of text into an InputError;
// line0 is the number of file lines before text.
func syntaxError(err error, text string, line0 int) *InputError {
	m := yamlErrLine.FindStringSubmatch(err.Error())
	problem := err.Error()
	line := 0
	if m != nil {
		problem = m[2]
		line, _ = strconv.Atoi(m[1])
	}
	lines := strings.SplitAfter(text, "\n")
	if len(text) <= maxBisect {
		if l := firstFailingLine(lines, problem); l > 0 {
			line = l
		}
	}
	if line <= 0 || line > len(lines) {
		return &InputError{Line: max(line, 1) + line0, Column: 1, Msg: "invalid YAML: " + problem}
	}
	src := strings.TrimRight(lines[line-1], "\r\n")
	msg := "invalid YAML: " + problem
	if strings.Contains(src, "\t") && (strings.Contains(problem, "tab") || strings.Contains(problem, "cannot start any token")) {
		msg += " (indent with spaces, not tabs)"
	}
	return &InputError{Line: line + line0, Column: problemColumn(src, problem), Msg: msg}
}

// firstFailingLine finds the shortest run of leading lines that fails to
// parse with the same problem, by bisection, and returns its length; 0
// when none does. Parse failures grow with the prefix in block YAML, so
// bisection holds; where it does not the answer is still a line that
// fails, only perhaps not the first.
func firstFailingLine(lines []string, problem string) int {
	fails := func(n int) bool {
		var node yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines[:n], "")), &node)
		if err == nil {
			return false
		}
		m := yamlErrLine.FindStringSubmatch(err.Error())
		return m != nil && m[2] == problem
	}
	if !fails(len(lines)) {
		return 0
	}
	lo, hi := 1, len(lines)
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// problemColumn guesses the 1-based column of the problem on line src.
func problemColumn(src, problem string) int {
	idx := -1
	switch {
	case strings.Contains(problem, "tab"):
		idx = strings.IndexByte(src, '\t')
	case strings.Contains(problem, "mapping values are not allowed"):
		idx = secondColon(src)
	case strings.Contains(problem, "cannot start any token"):
		idx = strings.IndexAny(src, "\t@`%")
	case strings.Contains(problem, "anchor") || strings.Contains(problem, "alias"):
		idx = strings.IndexAny(src, "*&")
	case strings.Contains(problem, "']'"):
		idx = strings.IndexByte(src, '[')
	case strings.Contains(problem, "'}'"):
		idx = strings.IndexByte(src, '{')
	case strings.Contains(problem, "quoted scalar") || strings.Contains(problem, "end of stream"):
		idx = strings.IndexAny(src, "\"'")
	}
	if idx < 0 {
		idx = len(src) - len(strings.TrimLeft(src, " \t"))
	}
	return utf8.RuneCountInString(src[:idx]) + 1
}

// secondColon finds the colon of a second "key: value" on one line, the
// usual cause of "mapping values are not allowed".
func secondColon(src string) int {
	seen := 0
	for i := 0; i < len(src); i++ {
		if src[i] == ':' && (i+1 == len(src) || src[i+1] == ' ') {
			seen++
			if seen == 2 {
				return i
			}
		}
	}
	return strings.IndexByte(src, ':')
}

package fileio

import "strings"

// FrontMatterClose finds the YAML front matter of a document given as
// lines (with or without their line ends): opened reports whether the
// first line is a "---" delimiter, and close is the index of the line that
// ends it ("---" or "..."), 0 when it is never closed. The YAML is
// lines[1:close] and the body lines[close+1:]. Trailing blanks and a
// carriage return on a delimiter line are allowed; leading blanks are not,
// as YAML wants its markers in the first column.
func FrontMatterClose(lines []string) (close int, opened bool) {
	if len(lines) == 0 || delimiter(lines[0]) != "---" {
		return 0, false
	}
	for i := 1; i < len(lines); i++ {
		if d := delimiter(lines[i]); d == "---" || d == "..." {
			return i, true
		}
	}
	return 0, true
}

func delimiter(line string) string { return strings.TrimRight(line, " \t\r\n") }

package chat

import (
	"fmt"
	"os"
	"strings"
	"unicode"

	"github.com/sysarch/sysarch/agent/quantity"
)

// save writes the design document: "/save [-f] [FILE]".
func (c *Chat) save(args []string) error {
	force := false
	var path string
	for _, a := range args {
		switch {
		case a == "-f" || a == "--force":
			force = true
		case path == "":
			path = a
		default:
			return fmt.Errorf("/save takes one file name; got %q too", a)
		}
	}
	if path == "" {
		path = fileName(c.req.Title)
	}
	doc, err := c.design(c.scale)
	if err != nil {
		return err
	}
	c.doc = doc
	if _, err := os.Stat(path); err == nil && !force {
		if !c.confirm(fmt.Sprintf("%s exists; overwrite it? [y/N] ", path)) {
			return fmt.Errorf("%s exists; not overwritten (/save -f %s overwrites it)", path, path)
		}
	}
	if err := c.opts.WriteFile(path, c.doc); err != nil {
		return err
	}
	if c.scale != 1 {
		fmt.Fprintf(c.conv, "saved the what-if design (every rate ×%s, marked in its title) to %s; /scale 1 returns to the load as stated\n", quantity.FormatNumber(c.scale), path)
		return nil
	}
	fmt.Fprintf(c.conv, "saved the design to %s\n", path)
	return nil
}

// confirm asks a yes/no question on a terminal; without one the answer is no.
func (c *Chat) confirm(question string) bool {
	if !c.opts.Terminal {
		return false
	}
	line, _, err := c.in.ReadLine(question)
	if err != nil {
		return false
	}
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes"
}

// fileName turns a title into a file name: "URL shortener" → "url-shortener.md".
func fileName(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.TrimSuffix(b.String(), "-")
	if name == "" {
		name = "design"
	}
	return name + ".md"
}

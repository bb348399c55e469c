package chat

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
)

// design computes the document at scale.
func (c *Chat) design(scale float64) ([]byte, error) {
	if scale <= 0 {
		scale = 1
	}
	doc, err := c.opts.Design(c.req, DesignOptions{Scale: scale, Assumptions: c.assum, Amend: c.amend})
	if err != nil {
		return nil, fmt.Errorf("cannot compute the design yet: %v", err)
	}
	return doc, nil
}

// showDesign computes the design at the kept scale and shows it. On a
// terminal it is drawn at once; from a pipe the output is kept for the
// final design alone, so the design is shown on the error stream when
// asked for (/design) and announced otherwise.
func (c *Chat) showDesign(asked bool) error {
	doc, err := c.design(c.scale)
	if err != nil {
		return err
	}
	c.doc = doc
	switch {
	case c.opts.Terminal:
		c.draw(c.opts.Out, doc)
	case asked:
		c.opts.Err.Write(doc)
	default:
		fmt.Fprintln(c.conv, "(the design is ready; it is written to the output when the chat ends)")
	}
	return nil
}

// showWhatIf shows what the design at another scale changes — the
// decisions, components and figures that differ from the design at the
// kept scale — and keeps that design for /whatif, which shows it whole.
// The design /design and /save use stays at the kept scale.
func (c *Chat) showWhatIf(scale float64) error {
	base, err := c.design(c.scale)
	if err != nil {
		return err
	}
	doc, err := c.design(scale)
	if err != nil {
		return err
	}
	c.whatIf, c.whatIfScale = doc, scale
	diff := []byte(whatIfDiff(base, doc, scale))
	if c.opts.Terminal {
		c.draw(c.opts.Out, diff)
	} else {
		c.opts.Err.Write(diff)
	}
	f := quantity.FormatNumber(scale)
	fmt.Fprintf(c.conv, "That was a what-if at ×%s, shown and not kept: /design and /save use %s. /scale %s keeps this scale.\n", f, c.scaleName(), f)
	return nil
}

// showLastWhatIf runs "/whatif": the whole document of the last what-if.
func (c *Chat) showLastWhatIf() error {
	if c.whatIf == nil {
		return errors.New("no what-if yet: ask one like \"what if traffic is 10x?\" once the design is shown")
	}
	if c.opts.Terminal {
		c.draw(c.opts.Out, c.whatIf)
	} else {
		c.opts.Err.Write(c.whatIf)
	}
	return nil
}

// scaleName says which load the kept design answers.
func (c *Chat) scaleName() string {
	if c.scale == 1 {
		return "the load as stated"
	}
	return "every rate ×" + quantity.FormatNumber(c.scale) + " (a what-if)"
}

// setScale runs "/scale [FACTOR]": it shows the kept scale, or keeps a new
// one and shows the design at it.
func (c *Chat) setScale(args []string) error {
	out := c.results()
	if len(args) == 0 {
		fmt.Fprintf(out, "/design and /save use %s.\n", c.scaleName())
		return nil
	}
	f, err := quantity.ParseFactor(strings.Join(args, ""))
	if err != nil || f <= 0 {
		return fmt.Errorf("/scale takes a factor like 10x, 0.5 or 1 (the load as stated); got %q", strings.Join(args, " "))
	}
	c.scale = f
	if f == 1 {
		fmt.Fprintln(out, "Back to the load as stated.")
	} else {
		fmt.Fprintf(out, "Every rate ×%s from now on: /design and /save show a what-if, marked in its title; /scale 1 returns to the load as stated.\n", quantity.FormatNumber(f))
	}
	return c.showDesign(true)
}

// writeFinal writes the design as the requirements stand at the end of a
// piped chat: the one thing on the output. A script gets it even if it
// stopped short of the last question — but only a design of something:
// when every turn failed, or nothing was recorded, it gets an error and a
// non-zero exit instead of an untitled document.
func (c *Chat) writeFinal() error {
	if c.failed != nil && !c.reached {
		return fmt.Errorf("no turn reached the model, so there is no design: %v", c.failed)
	}
	if strings.TrimSpace(c.req.Title) == "" {
		return errors.New("the conversation recorded no requirements, so there is no design to print; answer the questions (the first is the system's name) or use sysarch design -f")
	}
	doc, err := c.design(c.scale)
	if err != nil {
		return err
	}
	_, err = c.opts.Out.Write(doc)
	return err
}

// draw writes Markdown for a person: rendered when a renderer is set.
func (c *Chat) draw(w io.Writer, doc []byte) {
	if c.opts.Render != nil {
		io.WriteString(w, c.opts.Render(doc))
		return
	}
	w.Write(doc)
}

// results is where command output goes: the output on a terminal, the
// error stream from a pipe, whose output carries only the final design.
func (c *Chat) results() io.Writer {
	if c.opts.Terminal {
		return c.opts.Out
	}
	return c.opts.Err
}

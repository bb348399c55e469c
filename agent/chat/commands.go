package chat

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
	"github.com/sysarch/sysarch/agent/termsafe"
	"go.yaml.in/yaml/v3"
)

const helpText = `Answer the questions in your own words; quantities take the usual forms
(100M/month, 500B, 50ms, 99.95%). Type skip to go on with an assumption,
or ? to hear why a question matters. Once the design is shown, ask
"what if traffic is 10x?" to see it once at another scale.

A line ending in \ continues on the next line; pasted text stays one
message until you press Enter once more.

  /help              this help
  /phase             which requirement phases are captured, what is missing
  /requirements      the requirements so far, as YAML
  /design            compute and show the design now (gaps become assumptions)
  /scale [FACTOR]    keep every rate ×FACTOR for /design and /save (1: as stated)
  /whatif            the whole document of the last "what if traffic is 10x?"
  /patterns [add|drop ID]  the archetypes the design merges; add or drop one
  /save [-f] [FILE]  write the design document (default: <title>.md)
  /figure ID         what a cited figure (C3, D1, M2) is: value and formula
  /calc TOOL --flag value…   run a capacity tool (/calc TOOL --help lists flags)
  /tools             list the capacity tools
  /model [NAME]      show or change the model
  /reset             start over with a new set of requirements
  /exit              leave (so do Ctrl-D, and Ctrl-C twice at an empty prompt)

Ctrl-C while an answer is coming cancels it and keeps what arrived;
Ctrl-C on a half-typed line drops the line.
`

// command runs one slash command.
func (c *Chat) command(ctx context.Context, line string) error {
	fields := strings.Fields(line)
	name, args := fields[0], fields[1:]
	switch name {
	case "/help", "/?":
		io.WriteString(c.results(), wrapHelp(helpText, c.opts.Width))
	case "/phase":
		c.showPhase()
	case "/requirements", "/req":
		return c.showRequirements()
	case "/design":
		return c.showDesign(true)
	case "/whatif":
		return c.showLastWhatIf()
	case "/scale":
		return c.setScale(args)
	case "/patterns":
		return c.patternsCmd(args)
	case "/save":
		return c.save(args)
	case "/figure":
		return c.showFigure(args)
	case "/calc":
		if c.opts.Calc == nil {
			return fmt.Errorf("/calc is not available here")
		}
		return c.opts.Calc(args, c.results())
	case "/tools":
		tw := tabwriter.NewWriter(c.results(), 0, 0, 2, ' ', 0)
		for _, t := range capacity.Default().Tools() {
			fmt.Fprintf(tw, "%s\t%s\n", t.Name, t.Description)
		}
		return tw.Flush()
	case "/model":
		return c.setModel(args)
	case "/reset":
		return c.reset(ctx)
	case "/exit", "/quit":
		return errExit
	default:
		return fmt.Errorf("unknown command %s; /help lists the commands", name)
	}
	return nil
}

func (c *Chat) showPhase() {
	out := c.results()
	st := phase.Assess(c.req)
	fmt.Fprintf(out, "Now: %s\n\n%s", c.phase.Title(), termsafe.String(st.Brief())) // the requirements may be a model's
	if len(c.assum) > 0 {
		fmt.Fprintln(out, "Assumptions")
		for _, a := range c.assum {
			fmt.Fprintf(out, "  %s\n", termsafe.Line(a))
		}
	}
}

func (c *Chat) showRequirements() error {
	out, err := requirementsYAML(c.req)
	if err != nil {
		return err
	}
	_, err = c.results().Write(out)
	return err
}

// requirementsYAML writes the requirements in the requirements-file form.
func requirementsYAML(req requirements.Requirements) ([]byte, error) {
	if req.Title == "" && len(req.Workloads) == 0 && len(req.Functional) == 0 {
		return []byte("# nothing is known yet\n"), nil
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(req); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

func (c *Chat) setModel(args []string) error {
	out := c.results()
	ms, hasModel := c.resp.(conversation.ModelSetter)
	if len(args) == 0 {
		switch {
		case hasModel:
			fmt.Fprintf(out, "model: %s\n", ms.Model())
		case c.model != "":
			fmt.Fprintf(out, "model: %s (not in use: this is the offline interview)\n", c.model)
		default:
			fmt.Fprintln(out, "no model: this is the offline interview")
		}
		return nil
	}
	if hasModel {
		if err := ms.SetModel(args[0]); err != nil {
			return err
		}
	}
	c.model = args[0]
	c.record(session.Event{Type: session.Model, Model: c.model})
	if !hasModel {
		fmt.Fprintf(out, "model set to %s; it is used once a model is configured (this is the offline interview)\n", c.model)
	} else {
		fmt.Fprintf(out, "model: %s\n", c.model)
	}
	return nil
}

func (c *Chat) reset(ctx context.Context) error {
	c.record(session.Event{Type: session.Reset})
	c.req, c.assum, c.doc, c.scale, c.pins = requirements.Requirements{}, nil, nil, 1, nil
	if err := c.newResponder(nil); err != nil {
		return err
	}
	fmt.Fprintln(c.conv, "Starting over.")
	return c.turn(ctx, "")
}

// wrapHelp wraps the help to the terminal's width at spaces, so no word
// is cut by the terminal's own wrap: prose is filled again as paragraphs,
// a command's description wraps under its own column (0 leaves it as is).
func wrapHelp(text string, width int) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if width <= 0 || slices.IndexFunc(lines, func(l string) bool { return len([]rune(l)) > width }) < 0 {
		return text
	}
	var b strings.Builder
	var para []string
	flush := func() {
		if len(para) > 0 {
			b.WriteString(wrapLine("", strings.Join(para, " "), width) + "\n")
			para = nil
		}
	}
	for _, line := range lines {
		head := ""
		if strings.HasPrefix(line, "  /") {
			if i := strings.Index(line[2:], "  "); i >= 0 {
				head = line[:len(line)-len(strings.TrimLeft(line[2+i:], " "))]
			}
		}
		switch {
		case strings.TrimSpace(line) == "":
			flush()
			b.WriteString("\n")
		case head == "" && !strings.HasPrefix(line, " "):
			para = append(para, line)
		default:
			flush()
			if len([]rune(head)) > width/2 {
				head = ""
			}
			b.WriteString(wrapLine(head, line[len(head):], width) + "\n")
		}
	}
	flush()
	return b.String()
}

// wrapLine writes head then text broken at spaces into lines of at most
// width columns, the lines after the first indented as far as head (or
// as text's own indentation).
func wrapLine(head, text string, width int) string {
	if len([]rune(head+text)) <= width {
		return head + text
	}
	lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
	indent := strings.Repeat(" ", len([]rune(head+lead)))
	lines := []string{head + lead}
	fresh := true // the current line has no word yet
	for _, w := range strings.Fields(text) {
		cur := &lines[len(lines)-1]
		switch {
		case fresh:
			*cur += w
		case len([]rune(*cur))+1+len([]rune(w)) <= width:
			*cur += " " + w
		default:
			lines = append(lines, indent+w)
		}
		fresh = false
	}
	return strings.Join(lines, "\n")
}

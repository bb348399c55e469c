package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sysarch/sysarch/agent/chat"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/tools"
)

// buildDesign computes the design the chat shows and saves.
//
// Until the design engine (design.Build and design.RenderMarkdown) is part
// of the build, this writes a draft: the requirements as captured, the
// rate of each workload from the throughput tool, the assumptions and the
// open questions. The chat only relies on its signature.
func buildDesign(req design.Requirements, opts chat.DesignOptions) ([]byte, error) {
	if req.Title == "" {
		return nil, errors.New("the system has no name yet; answer the first question (or type skip)")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# System design: %s\n\n", req.Title)
	if req.Summary != "" {
		fmt.Fprintf(&b, "%s\n\n", req.Summary)
	}
	if opts.Scale != 0 && opts.Scale != 1 {
		fmt.Fprintf(&b, "Every workload rate is multiplied by %s in this version.\n\n", quantity.FormatNumber(opts.Scale))
	}
	st := phase.Assess(req)
	b.WriteString("## Requirements\n\n")
	for _, p := range []phase.Phase{phase.Functional, phase.Scale, phase.Reliability, phase.Constraints} {
		for _, k := range st.Known[p] {
			fmt.Fprintf(&b, "- %s\n", k)
		}
	}
	if err := writeCapacity(&b, req, opts.Scale); err != nil {
		return nil, err
	}
	writeList(&b, "Assumptions", opts.Assumptions)
	writeList(&b, "Open questions", st.MissingText())
	return b.Bytes(), nil
}

func writeCapacity(b *bytes.Buffer, req design.Requirements, scale float64) error {
	if scale <= 0 {
		scale = 1
	}
	var rows []string
	for _, w := range req.Workloads {
		if w.Rate.IsZero() {
			continue
		}
		rate := w.Rate.Scale(scale)
		args, _ := json.Marshal(map[string]any{"count": rate.Count, "per": rate.Per})
		r, err := tools.Default().Call("throughput", args)
		if err != nil {
			return err
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | `%s` |", w.Name,
			quantity.FormatRate(r.Outputs["per_second"].(float64)),
			quantity.FormatRate(r.Outputs["peak_per_second"].(float64)), r.Formula))
	}
	if len(rows) == 0 {
		return nil
	}
	b.WriteString("\n## Capacity\n\n| workload | average | peak | formula |\n| --- | --- | --- | --- |\n")
	for _, r := range rows {
		b.WriteString(r + "\n")
	}
	return nil
}

func writeList(b *bytes.Buffer, heading string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s\n\n", heading)
	for _, it := range items {
		fmt.Fprintf(b, "- %s\n", it)
	}
}

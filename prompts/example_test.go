package prompts_test

import (
	"fmt"

	"github.com/sysarch/sysarch/prompts"
)

func ExampleParsePersona() {
	p, err := prompts.ParsePersona([]byte(`---
name: reviewer
description: Reviews designs against the quality checklist.
tools: mcp__sysarch__availability, mcp__sysarch__servers
---
You review system designs.
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Name)
	fmt.Println(p.Tools)
	fmt.Print(p.SystemPrompt())
	// Output:
	// reviewer
	// [mcp__sysarch__availability mcp__sysarch__servers]
	// You review system designs.
}

func ExampleParsePersona_error() {
	_, err := prompts.ParsePersona([]byte("# Just Markdown\n"))
	fmt.Println(err)
	// Output:
	// no front matter: start the file with a '---' line, then `name:` and `description:` lines, then a closing '---' line
}

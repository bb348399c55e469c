// Command fakeopenai serves a scripted, strict OpenAI-compatible API on
// loopback for trying sysarch against by hand:
//
//	go run ./agent/fakeopenai/cmd/fakeopenai script.json
//
// It prints the base URL to use as OPENAI_BASE_URL and serves until
// interrupted. See fakeopenai.Main for the script format.
package main

import (
	"os"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

func main() { os.Exit(fakeopenai.Main(os.Args[1:], os.Stdout, os.Stderr)) }

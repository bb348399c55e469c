// Command sysarch is a terminal system architect: it gathers requirements,
// computes capacity figures with deterministic tools, picks boring
// components from a decision matrix and writes a design document.
//
// Usage:
//
//	sysarch calc TOOL [--flags]   capacity math (sysarch tools lists the tools)
//	sysarch --help                every command
package main

import "os"

func main() {
	deferFirstCollection(firstCollectionAt)
	os.Exit(run(os.Args[1:], newSystemIO()))
}

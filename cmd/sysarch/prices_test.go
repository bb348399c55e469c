package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPricesCommand: the table, the template, and a partial file that
// prices a design whose Kafka and search need instances the file does not
// name (they keep the embedded ones) while its compute is the file's.
func TestPricesCommand(t *testing.T) {
	code, out, _ := runCLI(t, "prices")
	if code != 0 || !strings.Contains(out, "instances:") || !strings.Contains(out, "sources:") {
		t.Errorf("prices: exit %d\n%.300s", code, out)
	}
	code, tmpl, _ := runCLI(t, "prices", "--template")
	if code != 0 || !strings.Contains(tmpl, "date:") {
		t.Fatalf("prices --template: exit %d\n%s", code, tmpl)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "prices.yaml")
	own := "date: 2026-01-01\nsources: [contract]\nregion: Test cloud\ninstances:\n  compute:\n    - {name: t.32, vcpu: 32, memory: 128GiB, hourly: 1}\n    - {name: t.4, vcpu: 4, memory: 16GiB, hourly: 0.1}\n"
	if err := os.WriteFile(file, []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "design", "../../examples/event-pipeline.md", "--prices", file)
	if code != 0 || !strings.Contains(out, "t.32") || !strings.Contains(out, "kafka.m5.xlarge") || !strings.Contains(out, "Test cloud") {
		t.Errorf("design with a partial price file: exit %d, %s\n%.2000s", code, errOut, out)
	}
	if err := os.WriteFile(file, []byte("sources: [x]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "design", "../../examples/event-pipeline.md", "--prices", file)
	if code != 2 || !strings.Contains(errOut, "date:") || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
		t.Errorf("an undated price file: exit %d, %q; want exit 2 and one line naming date", code, errOut)
	}
}

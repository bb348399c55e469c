package design

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

// BenchmarkBuildAndRender measures requirements → Design → Markdown for
// each example, the work `sysarch design` does in process.
func BenchmarkBuildAndRender(b *testing.B) {
	for _, path := range exampleFiles(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		req, err := requirements.ParseRequirements(data, path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(path), ".md"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d, err := Build(req, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := RenderMarkdown(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// timelineService is an ask that matches three archetypes at once: a news
// feed, text search and media storage.
const timelineService = `---
title: Timeline service
summary: Users post short messages with photos, follow others, read a home timeline of the people they follow, and search posts.
functional:
  - post a message with an optional photo
  - fan out each post to the home timelines of followers
  - read the home timeline
  - search posts by keyword
workloads:
  - {name: post message, kind: write, rate: 500M/day, item_size: 10KB, retention: 5y}
  - {name: read home timeline, kind: read, rate: 250B/month, cacheable: true, item_size: 10KB}
  - {name: search posts, kind: search, rate: 10B/month}
  - {name: upload photo, kind: write, rate: 50M/day, item_size: 500KB, retention: 5y}
users: {dau: 100M}
---
`

// BenchmarkDesignThreeArchetypes measures the whole offline pipeline,
// text to Markdown, for an ask that matches three archetypes.
func BenchmarkDesignThreeArchetypes(b *testing.B) {
	_, d, err := FromText([]byte(timelineService), "timeline.md", Options{})
	if err != nil {
		b.Fatal(err)
	}
	if len(d.Patterns) < 3 {
		var ids []string
		for _, p := range d.Patterns {
			ids = append(ids, p.ID)
		}
		b.Logf("matched %v; the benchmark wants three archetypes", ids)
	}
	b.ReportAllocs()
	for b.Loop() {
		_, d, err := FromText([]byte(timelineService), "timeline.md", Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := RenderMarkdown(d); err != nil {
			b.Fatal(err)
		}
	}
}

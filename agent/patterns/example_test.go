package patterns_test

import (
	"fmt"

	"github.com/sysarch/sysarch/agent/patterns"
)

func ExampleMatchAll() {
	ms := patterns.MatchAll(patterns.Input{
		Title:      "Ride hailing",
		Functional: []string{"match the nearest driver to a rider"},
		Workloads:  []patterns.WorkloadInput{{Name: "driver location", Kind: "event"}},
	})
	for _, m := range ms {
		fmt.Println(m.Archetype.ID)
	}
	// Output:
	// ride-dispatch
}

func ExampleGet() {
	a, _ := patterns.Get("news-feed")
	fmt.Println(a.Name)
	fmt.Println(a.Decisions[0].Choice)
	// Output:
	// News feed and home timeline (push, pull, hybrid fan-out)
	// hybrid with a follower threshold
}

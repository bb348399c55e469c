package review_test

import (
	"fmt"

	"github.com/sysarch/sysarch/agent/review"
)

func ExampleReview() {
	doc := []byte(`# Photo sharing

Microservices from day one: upload, feed, comment and like services.
Uploads: 20 requests/s at peak.

## Failure Scenarios

Every call has a 1 s timeout and two retries with backoff; a circuit
breaker guards the feed service.

## Monitoring

Prometheus metrics, structured logs and alerts to the on-call engineer.
`)
	r := review.Review(doc, "photos.md")
	for _, f := range r.Findings {
		fmt.Println(f.Severity, f.ID, f.Ref.Line)
	}
	fmt.Println("failed:", r.Failed())
	// Output:
	// high state-ownership-missing 1
	// medium choices-unjustified 1
	// medium hot-paths-missing 1
	// medium scaling-path-missing 1
	// medium premature-microservices 3
	// low failure-handling-incomplete 6
	// failed: true
}

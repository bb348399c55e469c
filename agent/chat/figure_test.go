package chat

import (
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

func TestFigureShowsWhatAnIDMeans(t *testing.T) {
	doc := func(req requirements.Requirements, opts DesignOptions) ([]byte, error) {
		return []byte("# Design\n\n| ID | Workload | Figure | Value | Formula |\n| --- | --- | --- | --- | --- |\n" +
			"| C1 | redirect | throughput: per_second | 3,802.65/s | 10,000,000,000 per month / 2,629,746 s = 3,802.65/s |\n" +
			"| C15 | 6mo | redirect | throughput: peak_per_second | 17,111.91/s | 15,000,000,000 per month ×3 |\n"), nil
	}
	r := runChat(t, nil, answers+"/figure c1\n/figure C15\n/figure C99\n/figure\n", func(o *Options) { o.Design = doc })
	for _, want := range []string{
		"C1  redirect: throughput: per_second = 3,802.65/s\n  10,000,000,000 per month / 2,629,746 s = 3,802.65/s\n",
		"C15  6mo, redirect: throughput: peak_per_second = 17,111.91/s",
		"the design has no figure C99",
		"give one figure id, e.g. /figure C3",
	} {
		if !strings.Contains(r.err, want) {
			t.Errorf("conversation lacks %q:\n%s", want, r.err)
		}
	}
}

package design

import (
	"strings"
	"testing"
)

// cacheRow is the capacity row of the cache memory of a read flow.
func cacheRow(t *testing.T, d *Design, flow string) CapacityRow {
	t.Helper()
	for _, r := range d.Capacity {
		if r.Workload == flow && r.Tool == "cache" && r.Quantity == "memory_bytes" {
			return r
		}
	}
	t.Fatalf("no cache memory row for %q", flow)
	return CapacityRow{}
}

// seatMapAsk reads 20k seat maps a second (1.7 billion a day); what
// bounds the cache is set per case.
const seatMapAsk = `title: Seat maps
workloads:
  - {name: view seat map, kind: read, rate: 20k/s, item_size: 40KB, cacheable: true%s}
%s`

// TestCacheWorkingSetIsBoundedByTheKeySpace holds a cache to the items
// that exist: keys: given, a count of the thing the flow reads named in
// the prose, or the registered users for a per-user read, whichever is
// least, and the formula says which.
func TestCacheWorkingSetIsBoundedByTheKeySpace(t *testing.T) {
	cases := []struct {
		name, field, rest string
		items, want       string
	}{
		{"no bound", "", "", "1,728,000,000 items (a day's reads", "13.82 TB"},
		{"keys given", ", keys: 400", "", "400 items (the key space: 400 keys given", "3.2 MB"},
		{"count in the prose", "", "summary: The stadium has 62,000 seats; fans buy up to 4 seats per order and 20k seats a minute at peak.\n",
			"62,000 items (the key space: 62,000 seats named in the requirements)", "496 MB"},
		{"least of the bounds", ", keys: 1M", "summary: The venue has 62,000 seats.\n", "62,000 items", "496 MB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(strings.Replace(seatMapAsk, "%s", c.field, 1), "%s", c.rest, 1)
			r := cacheRow(t, buildText(t, text), "view seat map")
			if !strings.Contains(r.Formula, c.items) || !strings.Contains(r.Formula, "= "+c.want) {
				t.Errorf("formula %q, want %q and %s", r.Formula, c.items, c.want)
			}
		})
	}
	t.Run("per-user reads", func(t *testing.T) {
		d := buildText(t, `title: Profiles
users: {dau: 1M, total: 5M}
workloads:
  - {name: view profile, kind: read, rate: 20k/s, item_size: 2KB, cacheable: true}
`)
		if r := cacheRow(t, d, "view profile"); !strings.Contains(r.Formula, "5,000,000 items (the key space: 5,000,000 users, one item each)") {
			t.Errorf("formula %q, want the registered users as the bound", r.Formula)
		}
	})
}

func TestProseCountIsACountOfTheThingReadNotARate(t *testing.T) {
	cases := []struct {
		text, name string
		want       float64
	}{
		{"An 80,000-seat stadium.", "view seat map", 80000},
		{"2M products, 30k product views a second.", "view product page", 2e6},
		{"20k seat map reads/s over 62,000 seats", "view seat map", 62000},
		{"3 seats per order", "view seat map", 0},
		{"it costs $5,000 seats aside", "view seat map", 0},
		{"10m users", "view profile", 0},
	}
	for _, c := range cases {
		got, _, _ := proseCount(c.text, c.name)
		if got != c.want {
			t.Errorf("proseCount(%q, %q) = %v, want %v", c.text, c.name, got, c.want)
		}
	}
}

// TestSearchCorpusIsBoundedByWhatExists indexes the 40,000 products the
// ask counts, at the size a product read returns, not every order and
// cart the database keeps; with no count it indexes the row stores.
func TestSearchCorpusIsBoundedByWhatExists(t *testing.T) {
	const ask = `title: Shop
summary: %s
workloads:
  - {name: view product, kind: read, rate: 5M/day, item_size: 4KB}
  - {name: search products, kind: search, rate: 10M/day}
  - {name: place order, kind: write, rate: 300k/day, item_size: 3KB, retention: 7y}
`
	counted := buildText(t, strings.Replace(ask, "%s", "The catalogue has about 40,000 products.", 1))
	if c := counted.component("search"); c == nil || strings.Contains(c.Choice, "Elasticsearch") {
		t.Errorf("search over 160 MB of products: %+v, want PostgreSQL full-text search", c)
	}
	found := false
	for _, r := range counted.Derived {
		if r.Tool == "search_corpus" && r.Value == 160e6 && strings.Contains(r.Formula, `40,000 products named in the requirements × 4,000 B (the item_size of "view product")`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no search corpus of 40,000 products × 4 KB in %+v", counted.Derived)
	}
	uncounted := buildText(t, strings.Replace(ask, "%s", "A shop.", 1))
	if c := uncounted.component("search"); c == nil || !strings.Contains(c.Choice, "Elasticsearch") {
		t.Errorf("search over every order kept: %+v, want Elasticsearch", c)
	}
}

func TestOwnedByUsersIsOneEach(t *testing.T) {
	cases := []struct {
		text, name string
		want       bool
	}{
		{"students and teachers view their timetable for the week", "view timetable", true},
		{"members edit your own profile", "view profile", true},
		{"customers see their orders", "list orders", false},
		{"view the timetable of a class", "view timetable", false},
	}
	for _, c := range cases {
		if got := ownedByUsers(c.text, c.name); got != c.want {
			t.Errorf("ownedByUsers(%q, %q) = %v, want %v", c.text, c.name, got, c.want)
		}
	}
	d := buildText(t, `title: Timetables
functional: [students view their timetable]
users: {dau: 2M, total: 3.25M}
workloads:
  - {name: view timetable, kind: read, rate: 30M/day, peak_factor: 8, item_size: 5KB, cacheable: true}
`)
	if r := cacheRow(t, d, "view timetable"); !strings.Contains(r.Formula, "3,250,000 items (the key space: 3,250,000 users, one item each)") {
		t.Errorf("formula %q, want one timetable per registered user", r.Formula)
	}
}

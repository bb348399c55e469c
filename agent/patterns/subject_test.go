package patterns

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func find(ms []Match, id string) (Match, bool) {
	i := slices.IndexFunc(ms, func(m Match) bool { return m.Archetype.ID == id })
	if i < 0 {
		return Match{}, false
	}
	return ms[i], true
}

func quoted(m Match, word string) bool {
	return slices.ContainsFunc(m.Evidence, func(e string) bool { return strings.Contains(e, "(\""+word+"\")") })
}

// A strong phrase in one feature line names a feature, not the subject:
// it weighs as one defining phrase and merges only with more evidence.
func TestNameInAFeatureLine(t *testing.T) {
	r := Recognize(Input{Title: "Library loans", Summary: "Members borrow books and return them.",
		Functional: []string{"renew a loan online", "send push notifications when a book is due"}})
	if _, ok := find(r.Matches, "notifications"); ok {
		t.Errorf("merged notifications from one feature line: %s", describe(r.Matches))
	}
	if n, ok := find(r.Near, "notifications"); !ok || n.Named {
		t.Errorf("notifications is not a near miss (near %v)", matchIDs(r.Near))
	}
	r = Recognize(Input{Title: "Customer alerts", Functional: []string{"send push notifications", "respect quiet hours per user"}})
	m, ok := find(r.Matches, "notifications")
	if !ok || m.Named || m.Confidence() == "named" {
		t.Errorf("want notifications merged on its features, not named: %s", describe(r.Matches))
	}
}

// A name in the title or summary that none of the listed features is
// about is a near miss; a bare ask with no features merges on its name.
func TestNameNeedsAFeature(t *testing.T) {
	in := Input{Title: "Warehouse picking", Summary: "Pickers walk the aisles; the team calls the big screen the leaderboard.",
		Functional: []string{"scan each item picked", "print packing slips"}}
	r := Recognize(in)
	if _, ok := find(r.Matches, "leaderboard"); ok {
		t.Errorf("merged a leaderboard no feature is about: %s", describe(r.Matches))
	}
	n, ok := find(r.Near, "leaderboard")
	if !ok || !n.Uncorroborated || !strings.Contains(n.Short(), "none of the features") {
		t.Errorf("leaderboard is not a near miss saying why: near %v", matchIDs(r.Near))
	}
	in.Functional = append(in.Functional, "show each picker's rank on the big screen")
	if _, ok := find(Recognize(in).Matches, "leaderboard"); !ok {
		t.Error("a feature about ranking does not corroborate the name")
	}
	if m, ok := find(Recognize(Input{Title: "a game leaderboard"}).Matches, "leaderboard"); !ok || !m.Named {
		t.Error("a bare ask does not merge on its name")
	}
}

// Evidence said of a system the team already runs does not count.
func TestSystemInPlaceIsNotTheSubject(t *testing.T) {
	own := Input{Title: "Returns desk", Summary: "Staff accept returned goods and post each refund to the ledger with double entry."}
	m, ok := find(Recognize(own).Matches, "payments-ledger")
	if !ok || !quoted(m, "ledger") {
		t.Fatalf("the ask's own ledger is not evidence: %s", describe(Recognize(own).Matches))
	}
	theirs := Input{Title: "Returns desk", Summary: "Staff accept returned goods; each refund is posted to the ledger in our ERP with double entry."}
	for _, m := range judgeAll(theirs) {
		if m.Archetype.ID == "payments-ledger" && (m.Merged() || quoted(m, "ledger") || quoted(m, "double entry")) {
			t.Errorf("the ERP's ledger counted: %v", m.Evidence)
		}
	}
}

// A guard names what the mechanism prevents; a negator before it states
// the guarantee rather than denying the subject.
func TestGuardUnderANegator(t *testing.T) {
	r := Recognize(Input{Title: "Rooms for our studios", Functional: []string{"two bands must never get the same room at the same time"}})
	m, ok := find(judgeAll(Input{Title: "Rooms for our studios", Functional: []string{"two bands must never get the same room at the same time"}}), "reservations")
	if !ok || !quoted(m, "same room") && !quoted(m, "same room at the same time") {
		t.Fatalf("a negated guard is not evidence: %v", m.Evidence)
	}
	if _, ok := find(r.Matches, "reservations"); !ok {
		t.Errorf("not merged: %s", describe(r.Matches))
	}
	// An ordinary defining phrase under a negator is still denied.
	for _, m := range judgeAll(Input{Title: "Studio rooms", Summary: "no booking, first come first served"}) {
		if m.Archetype.ID == "reservations" && quoted(m, "booking") {
			t.Errorf("a negated defining phrase counted: %v", m.Evidence)
		}
	}
}

// Evidence in one functional line of several, and nowhere in the title
// or summary, is a feature of the system: a near miss, whatever it
// weighs. A second line or the summary makes it the subject.
func TestOneFeatureLineIsAFeature(t *testing.T) {
	in := Input{Title: "Parcel returns", Summary: "Customers print a label and drop the parcel at a shop.",
		Functional: []string{"print a return label", "notify the customer by SMS and email when the refund is issued"}}
	r := Recognize(in)
	if _, ok := find(r.Matches, "notifications"); ok {
		t.Errorf("merged notifications from one feature line: %s", describe(r.Matches))
	}
	if n, ok := find(r.Near, "notifications"); !ok || !n.OneFeature || n.Margin < 0 || !strings.Contains(n.Short(), "one feature") {
		t.Errorf("notifications is not a near miss of one feature (near %v)", matchIDs(r.Near))
	}
	in.Summary += " Every status change reaches the customer by push notification."
	if _, ok := find(Recognize(in).Matches, "notifications"); !ok {
		t.Error("the summary does not make notifications the subject")
	}
}

// A comparison is not the subject: an archetype named in one ("basically
// like a leaderboard but for 30 members") is at most a near miss that
// says so; the same name stated as what the system is merges.
func TestComparisonIsNotTheSubject(t *testing.T) {
	in := Input{Title: "Squash club ladder", Summary: "Members challenge the player one or two rungs above them; the ladder page is a bit like a leaderboard but for 30 members.",
		Functional: []string{"book a court for a challenge match", "winner swaps rungs with the loser; show each member's rank"}}
	r := Recognize(in)
	if _, ok := find(r.Matches, "leaderboard"); ok {
		t.Errorf("merged an archetype named only in a comparison: %s", describe(r.Matches))
	}
	n, ok := find(r.Near, "leaderboard")
	if !ok || n.Compared == "" || !strings.Contains(n.Short(), "comparison") {
		t.Errorf("leaderboard is not a near miss mentioned as a comparison: near %v", matchIDs(r.Near))
	}
	if !strings.Contains(n.Short(), "but for 30 members") {
		t.Errorf("the near miss does not quote the difference the ask states: %s", n.Short())
	}
	in.Summary = "Members challenge the player one or two rungs above them; the ladder page is a leaderboard of all members."
	if m, ok := find(Recognize(in).Matches, "leaderboard"); !ok || !m.Named {
		t.Errorf("the name stated without a comparison does not merge: %s", describe(Recognize(in).Matches))
	}
	// A product name is how an ask says it builds one like it.
	if _, ok := find(Recognize(Input{Title: "Yelp-style search of dog-friendly cafes near me"}).Matches, "geo-search"); !ok {
		t.Error("a product name in a comparison no longer names what the ask builds")
	}
}

// Dispatch stated from its mechanism, for any worker: a job offered to
// the nearest free worker, and to the next one on a decline or timeout.
// A map of where workers are, with nothing assigned, is not dispatch.
func TestDispatchInPlainWords(t *testing.T) {
	in := Input{Title: "Emergency locksmith call-outs", Summary: "When a lock-out is reported, offer the job to the nearest available mechanic; if nobody answers in 30 seconds, offer it to the next one.",
		Functional: []string{"mechanics go on and off shift from their phone", "the customer sees who is coming"}}
	m, ok := find(Recognize(in).Matches, "ride-dispatch")
	if !ok || m.Named {
		t.Errorf("want ride-dispatch merged on its mechanism, not named: %s", describe(Recognize(in).Matches))
	}
	track := Input{Title: "Courier map", Summary: "The operations room sees where every courier is on a live map, refreshed every 5 seconds.",
		Functional: []string{"couriers' phones report their position", "filter the map by city"}}
	if _, ok := find(Recognize(track).Matches, "ride-dispatch"); ok {
		t.Errorf("a map of couriers merged dispatch: %s", describe(Recognize(track).Matches))
	}
}

// Low confidence never merges: evidence over the threshold by less than
// CaseMargin is a near miss saying so; at CaseMargin it merges.
func TestLowConfidenceIsANearMiss(t *testing.T) {
	a := &Archetype{ID: "x"}
	low := Match{Archetype: a, Defined: true, Score: Threshold + CaseMargin/2, Margin: CaseMargin / 2}
	if low.Confidence() != "low" || low.Merged() {
		t.Errorf("a low-confidence match (margin %.2f, %s) merged", low.Margin, low.Confidence())
	}
	if !strings.Contains(low.Short(), "low confidence") {
		t.Errorf("the near miss does not say why: %q", low.Short())
	}
	ok := Match{Archetype: a, Defined: true, Score: Threshold + CaseMargin, Margin: CaseMargin}
	if !ok.Merged() {
		t.Errorf("a medium-confidence match (margin %.2f) is not merged", ok.Margin)
	}
}

// A negator reaches its own coordinated phrase only: "must never collide
// and should sort by creation time" negates the colliding, not the
// sorting; "no chat or video" still denies both.
func TestNegationStopsAtAnd(t *testing.T) {
	r := Recognize(Input{Title: "Order ids", Functional: []string{"ids must never collide and should sort by creation time"}})
	m, ok := find(append(r.Matches, r.Near...), "id-generator")
	if !ok || !quoted(m, "sort by creation time") {
		t.Errorf("the phrase after \"and\" was read as negated: %v", m.Evidence)
	}
	r = Recognize(Input{Title: "Team wiki", Summary: "Pages and comments, with no chat or video calls."})
	for _, id := range []string{"chat", "video-streaming"} {
		if _, ok := find(append(r.Matches, r.Near...), id); ok {
			t.Errorf("\"no chat or video\" did not deny %s", id)
		}
	}
}

// Scale sanity: an archetype whose mechanism exists because of scale is a
// near miss, quoting the size, when the largest size the ask states is
// below where the mechanism starts to matter; with no size stated, or a
// size above it, it merges.
func TestScaleBelowTheMechanism(t *testing.T) {
	ask := func(size string) Input {
		return Input{Title: "Club ladder", Summary: "A leaderboard for our club" + size + ".",
			Functional: []string{"show each player's rank in the standings", "enter match results"}}
	}
	r := Recognize(ask(" of 50 players"))
	if _, ok := find(r.Matches, "leaderboard"); ok {
		t.Errorf("merged a leaderboard for 50 players: %s", describe(r.Matches))
	}
	n, ok := find(r.Near, "leaderboard")
	if !ok || !strings.Contains(n.Short(), "at 50 players") || !strings.Contains(n.Short(), "patterns: [leaderboard]") {
		t.Errorf("the near miss does not quote the size: near %v, %q", matchIDs(r.Near), n.Short())
	}
	for _, size := range []string{"", " of 2 million players", " with 300 writes per second"} {
		if _, ok := find(Recognize(ask(size)).Matches, "leaderboard"); !ok {
			t.Errorf("%q: the leaderboard did not merge", size)
		}
	}
	// A correctness-driven archetype has no size below which it stops.
	r = Recognize(Input{Title: "Desk booking for 12 desks", Functional: []string{"book a desk for a day", "two people must never get the same desk"}})
	if _, ok := find(r.Matches, "reservations"); !ok {
		t.Errorf("reservations vetoed by a small size: %s", describe(r.Matches))
	}
}

func TestStatedSize(t *testing.T) {
	for text, want := range map[string]float64{
		"the top 10 best sellers for our 3 shops":                                      3,
		"about 3,000 reports a year from 6 depots":                                     3000,
		"40 000 places and 20k requests per second":                                    20000 * 86400,
		"answers within 50 ms for 120 users":                                           120,
		"kept on 3 replicas in 2 zones for 900 accounts":                               900,
		"millions of followers":                                                        1e6,
		"the 100 best-selling books in each of our 2,000 categories and 30,000 titles": 30000,
		"No. 12 in Crime Fiction, from 400 orders a day":                               400,
		"shops in Reno. 40 stores":                                                     40,
		"top 50 apps in 300 product categories for 9,000 apps":                         9000,
		"show the 80 likeliest completions to 40 clerks":                               40,
		"show up to 80 matching products to 30 pharmacists":                            30,
	} {
		n, quote, ok := statedSize(Input{Summary: text})
		if !ok || n != want {
			t.Errorf("%q: size %v (%q, %v), want %v", text, n, quote, ok, want)
		}
	}
	// "each" before a verb is no ratio: the hosts are a fleet.
	if n, q, _ := statedSize(Input{Summary: "Infra team: 20k hosts each send CPU and ~200 app counters every 10 s"}); !math.IsInf(n, 1) {
		t.Errorf("20k hosts each sending is read as %v (%q)", n, q)
	}
	if _, _, ok := statedSize(Input{Summary: "a leaderboard within 5 seconds"}); ok {
		t.Error("a duration was read as a size")
	}
	// What a count counts decides whether it is a size: groups, a bound
	// on a ranking and a label are not.
	for _, text := range []string{"the 100 best-selling books of the last 7 days in each of our 2,000 categories", "No. 12 in Crime Fiction", "ranked NO. 7 in Garden", "#3 in Garden", "across 15 cities and 600 currency pairs"} {
		if n, q, ok := statedSize(Input{Summary: text}); ok {
			t.Errorf("%q: read a size of %v (%q)", text, n, q)
		}
	}
	if _, q, _ := statedSize(Input{Summary: "a planner for our 3 bakery shops"}); q != "3 bakery shops" {
		t.Errorf("the size is quoted as %q", q)
	}
	if _, q, _ := statedSize(Input{Summary: "about 3,000 reports a year"}); q != "3,000 reports" {
		t.Errorf("the size is quoted as %q", q)
	}
	if _, _, ok := statedSize(Input{Summary: "50 friends per user on average"}); ok {
		t.Error("a ratio was read as a size")
	}
	// The users and workload rates the requirements state are sizes too.
	if n, _, _ := statedSize(Input{Summary: "50 friends per user", Users: 1e8}); n != 1e8 {
		t.Errorf("the stated users were not read as the size: %v", n)
	}
	if n, q, _ := statedSize(Input{Summary: "for 12 teams", Workloads: []WorkloadInput{{Name: "read rank", PerDay: 5e6}}}); n != 5e6 || !strings.Contains(q, "read rank") {
		t.Errorf("a workload's rate was not read as the size: %v %q", n, q)
	}
}

// What the team already runs or buys is not the subject: a marker of use
// discounts its whole coordinated phrase ("we already use Stripe for
// payments"), a verb of keeping before "in" a product too ("keeps the
// ledger in Xero"), and a product named after a preposition of use
// ("exports from Stripe") is no evidence.
func TestAlreadyRunIsNotTheSubject(t *testing.T) {
	in := Input{Title: "Volunteer rota for a food bank",
		Summary:    "We already use Stripe for card payments, and the treasurer keeps the ledger in Xero.",
		Functional: []string{"import the monthly payouts from Stripe", "volunteers pick shifts", "remind volunteers the day before"}}
	r := Recognize(in)
	if _, ok := find(append(r.Matches, r.Near...), "payments-ledger"); ok {
		t.Errorf("a ledger and payments the team already runs were read as the subject: %s", describe(append(r.Matches, r.Near...)))
	}
	in.Summary = "We build the card payments ledger ourselves; the treasurer wants double entry."
	in.Functional = append(in.Functional, "post each card payment to the ledger as double-entry lines")
	if _, ok := find(Recognize(in).Matches, "payments-ledger"); !ok {
		t.Error("a ledger the team builds is not merged")
	}
}

// A feature a stakeholder also wants is a feature: evidence only in a
// clause of "also wants", "also needs", "as well" does not make the
// subject.
func TestAlsoWantedIsAFeature(t *testing.T) {
	in := Input{Title: "Canteen menu planner", Summary: "Plan the weekly menu for the staff canteen. The chef also wants a real-time ranking of the most ordered dishes as the top k of the week.",
		Functional: []string{"enter recipes and their costs", "publish the menu every Friday"}}
	r := Recognize(in)
	if _, ok := find(append(r.Matches, r.Near...), "top-k"); ok {
		t.Errorf("a feature the chef also wants was read as the subject: %s", describe(append(r.Matches, r.Near...)))
	}
	in.Summary = "A real-time ranking of the most ordered dishes as the top k of the week."
	if _, ok := find(append(Recognize(in).Matches, Recognize(in).Near...), "top-k"); !ok {
		t.Error("the same words as the subject are not even a near miss")
	}
}

// What exists is not the subject, generalised (rule 5): "already" said
// of a system, a system of the team's named by possession, one the data
// comes from, and a sentence that puts it out of scope.
func TestExistingSystemIsNotTheSubject(t *testing.T) {
	forms := []string{"Patient fills the intake form on a tablet", "Staff print the signed form", "Forms are kept for 10 years"}
	for _, summary := range []string{
		"Appointment booking is already done in our clinic software; we want the intake paperwork.",
		"Bookings are handled by our salon app, we want the intake paperwork.",
		"Bookings arrive from the reservation system. We don't touch them.",
	} {
		in := Input{Title: "Intake forms for a physio clinic", Summary: summary, Functional: forms}
		if _, ok := find(Recognize(in).Matches, "reservations"); ok {
			t.Errorf("%q: the booking system in place was read as the subject: %s", summary, describe(Recognize(in).Matches))
		}
	}
	in := Input{Title: "Class booking for a physio clinic", Summary: "Patients book a slot in a class; we must never give the same mat to two patients for the same session.",
		Functional: []string{"book a slot in a class", "hold a seat while the patient pays", "import the patient list from the practice system"}}
	if _, ok := find(Recognize(in).Matches, "reservations"); !ok {
		t.Errorf("a booking system the team builds is not merged: %s", describe(Recognize(in).Matches))
	}
}

// Guards are noun-agnostic where the mechanism is: whatever is sold, the
// same one for the same night is what a reservation prevents.
func TestGuardAnyNoun(t *testing.T) {
	for _, noun := range []string{"pitch", "kayak", "cabin"} {
		in := Input{Title: "Lakeside campsite", Summary: "Guests pay online for their stay.",
			Functional: []string{"two families must never get the same " + noun + " for the same night", "the chosen " + noun + " is held for 15 minutes while the guest pays"}}
		if _, ok := find(Recognize(in).Matches, "reservations"); !ok {
			t.Errorf("%s: not merged: %s", noun, describe(append(Recognize(in).Matches, Recognize(in).Near...)))
		}
	}
}

// Alert rules in plain words are stream alerts.
func TestAlertRulesInPlainWords(t *testing.T) {
	in := Input{Title: "Warehouse sensor alarms", Summary: "Freezer sensors report every 30 seconds.",
		Functional: []string{"staff write threshold rules such as temperature above -15 for 10 minutes", "a firing rule pages the shift lead"}}
	if _, ok := find(Recognize(in).Matches, "stream-alerts"); !ok {
		t.Errorf("alert rules not recognised: %s", describe(append(Recognize(in).Matches, Recognize(in).Near...)))
	}
}

// Covers follow mechanisms: autocomplete keeps the top k completions per
// prefix, so a suggestion box ranked by popularity is no separate top-k;
// dispatch's nearest-driver search is its own geo index.
func TestCoversFollowMechanisms(t *testing.T) {
	in := Input{Title: "Suggestions in the search box", Summary: "Show the most popular searches that start with what the shopper typed so far, after each letter.",
		Functional: []string{"rank completions by how often they were searched", "suggest completions of the typed prefix"}, Users: 5e6}
	ids := matchIDs(MatchAll(in))
	if !slices.Contains(ids, "autocomplete") || slices.Contains(ids, "top-k") {
		t.Errorf("got %v, want autocomplete without top-k", ids)
	}
	for _, c := range []struct{ by, covered string }{{"autocomplete", "top-k"}, {"ride-dispatch", "geo-search"}, {"leaderboard", "top-k"}} {
		a, ok := Get(c.by)
		if !ok || !slices.Contains(a.Covers, c.covered) {
			t.Errorf("%s does not cover %s", c.by, c.covered)
		}
	}
}

// A covered archetype merges beside its coverer only on evidence the
// coverer's does not touch: a search feature of its own beside a crawler,
// not a search word in the crawler's own clause.
func TestCoveredStandsApart(t *testing.T) {
	crawl := []string{"fetch every page of 2,000 supplier sites weekly, politely and within their robots rules", "skip pages not changed since last visit"}
	apart := Input{Title: "Supplier site archive", Summary: "Keep a weekly copy of 2,000 supplier sites and let buyers search it.",
		Functional: append(slices.Clone(crawl), "buyers search the pages by keywords, with typo tolerance", "results ranked by relevance, with snippets")}
	if ids := matchIDs(MatchAll(apart)); !slices.Contains(ids, "web-crawler") || !slices.Contains(ids, "full-text-search") {
		t.Errorf("search features of their own: got %v, want web-crawler and full-text-search", ids)
	}
	inside := Input{Title: "Supplier site archive", Summary: "Crawl the 2,000 supplier sites weekly to index them for search by keyword with typo tolerance.",
		Functional: append(slices.Clone(crawl), "crawl and index pages for search by keyword with typo tolerance")}
	if m, ok := find(judgeAll(inside), "full-text-search"); !ok || !m.Merged() {
		t.Fatal("the search words alone no longer merge full-text search: the case below tests nothing")
	}
	if ids := matchIDs(MatchAll(inside)); !slices.Contains(ids, "web-crawler") || slices.Contains(ids, "full-text-search") {
		t.Errorf("search only in the crawler's own clauses: got %v, want web-crawler alone", ids)
	}
}

// Inflections of one word are one piece of evidence: "throttle" and
// "throttling" say one thing twice.
func TestInflectionsAreOnePhrase(t *testing.T) {
	in := Input{Title: "EV charging load control", Summary: "60 chargers in a car park. When the building's demand peaks we throttle charging; throttling is shared fairly across the cars plugged in.",
		Functional: []string{"Read the building's meter every 10 seconds", "Set each charger's current under the supply limit"}}
	if m, ok := find(judgeAll(in), "rate-limiter"); !ok || m.Merged() || m.Margin > -0.5 {
		t.Errorf("throttle and throttling weighed as two phrases: %+v", m.Evidence)
	}
	for _, w := range [][2]string{{"throttle", "throttling"}, {"reservation", "reserve"}, {"crawler", "crawling"}, {"reconcile", "reconciliation"}} {
		if stemKey(w[0]) != stemKey(w[1]) {
			t.Errorf("%q and %q have different stems: %q, %q", w[0], w[1], stemKey(w[0]), stemKey(w[1]))
		}
	}
	// No stem is cut below four letters: "ride" and "rider" stay apart.
	if stemKey("ride") == stemKey("rider") {
		t.Errorf("ride and rider share the stem %q", stemKey("ride"))
	}
}

// A count stated beside the evidence is what the mechanism works on: 400
// practices near a resident's home, not the 3 million residents.
func TestScaleBesideTheEvidence(t *testing.T) {
	in := Input{Title: "Find a GP practice", Summary: "Health board for 3 million residents. Residents find GP practices near their home that accept new patients, sorted by distance; about 400 practices.",
		Functional: []string{"Search practices near a postcode, nearest first", "Show whether each accepts new patients"}}
	r := Recognize(in)
	if _, ok := find(r.Matches, "geo-search"); ok {
		t.Fatalf("geo-search merged for 400 practices: %s", describe(r.Matches))
	}
	if n, ok := find(r.Near, "geo-search"); !ok || !strings.Contains(n.Short(), "400 practices") {
		t.Errorf("the near miss does not quote the count beside the evidence: %v", matchIDs(r.Near))
	}
	in.Summary = strings.Replace(in.Summary, "about 400 practices", "about 40,000 practices", 1)
	if _, ok := find(Recognize(in).Matches, "geo-search"); !ok {
		t.Error("geo-search did not merge for 40,000 practices")
	}
}

// A spatial index pays off at thousands of points: 20k tradespeople is
// geo search, 300 shops is not.
func TestGeoScale(t *testing.T) {
	ask := func(n string) Input {
		return Input{Title: "Find a locksmith near me", Summary: n + " locksmiths nationwide; customers see the nearest first.",
			Functional: []string{"search locksmiths within a radius of a postcode, sorted by distance"}}
	}
	if _, ok := find(Recognize(ask("About 20k")).Matches, "geo-search"); !ok {
		t.Errorf("20k locksmiths: geo search vetoed: %s", describe(Recognize(ask("About 20k")).Near))
	}
	if _, ok := find(Recognize(ask("About 300")).Matches, "geo-search"); ok {
		t.Error("300 locksmiths: geo search merged")
	}
}

// TestRateFiltersSpareNoMatch checks that the tests that spare a count's
// following words the rate and ratio regexps never say no to words
// either regexp matches.
func TestRateFiltersSpareNoMatch(t *testing.T) {
	pieces := []string{" per second", "/s", " / sec", "rps", "QPS", "rpſ", "ſec", "Per", " each", "ON", " average", "FOR", "\f", "\t", "\n", "on average", "for every", "a", " ", "second", "SEC", "x", "1", ".", "\u212a", "é", "/", "ec", "p", "s", "user"}
	rng := rand.New(rand.NewPCG(30, 28))
	matched := 0
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		after := b.String()
		if perEach.MatchString(after) {
			matched++
			if !mayBePerEach(after) {
				t.Fatalf("perEach matches %q, mayBePerEach says no", after)
			}
		}
		if perSecond.MatchString(after) {
			matched++
			if !mayBePerSecond(after) {
				t.Fatalf("perSecond matches %q, mayBePerSecond says no", after)
			}
		}
	}
	if matched < 1000 {
		t.Errorf("only %d matches checked", matched)
	}
	if mayBePerSecond(" players in the league") || mayBePerEach(" players per team") {
		t.Error("the filters let through words that cannot match")
	}
}

// TestFindVagueReadsAsTheRegexp checks that cutting a text at bytes no
// vague size holds finds what the regexp finds in the whole text.
func TestFindVagueReadsAsTheRegexp(t *testing.T) {
	pieces := []string{"millions", "Thousands", "BILLIONS", "thouſands", "million", " of", " OF", " oF", "of", "ofs", " ", "  ", "\n", ".", ",", "x", "_", "1", "é", "ſ", "s", "mil", "lions"}
	rng := rand.New(rand.NewPCG(30, 27))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		if got, want := findVague(text), vague.FindAllStringSubmatch(text, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("findVague(%q) = %q, the regexp finds %q", text, got, want)
		}
	}
}

// TestFindCountsReadAsTheRegexp checks that cutting a text at bytes no
// count holds finds the counts the regexp finds in the whole text.
func TestFindCountsReadAsTheRegexp(t *testing.T) {
	pieces := []string{"50", "3,000", "40 000", "1.5", "7", "000", "9.", ".2", ",4", "20k", " million", "users", "User", "_", "|", " ", "\n", "\t", "(", ")", "-", "%", ":", ";", "·", "é", "K", "\u212a", "ſ", "per second", "a", "—", "*", ".", ",", "/", "x"}
	rng := rand.New(rand.NewPCG(30, 26))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		if got, want := findCounts(text), statedCount.FindAllStringSubmatchIndex(text, -1); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("findCounts(%q) = %v, the regexp finds %v", text, got, want)
		}
	}
}

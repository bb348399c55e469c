package phrase

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in, want string // want: words, "|" before a word that starts a clause
	}{
		{"Fan-out tweets to Followers", "fan out tweet to follower"},
		{"No chat. Feeds, please", "no chat |feed |please"},
		{"respect robots.txt on mint.com; 20,000 pages", "respect robot txt on mint com |20 000 page"},
		{"don't cache (yet)", "don t cach |yet"},
		{"caches, companies, boxes, status, analysis", "cach |company |box |status |analysis"},
		{"Café naïve", "café naïve"},
		{"cache matches match niche niches", "cach match match nich nich"},
	}
	for _, tt := range tests {
		var b strings.Builder
		for i, tok := range Tokenize(tt.in) {
			if i > 0 {
				b.WriteByte(' ')
			}
			if tok.Clause {
				b.WriteByte('|')
			}
			b.WriteString(tok.Word)
		}
		if got := b.String(); got != tt.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSetFindsPhrasesWithNegationAndClauses(t *testing.T) {
	s := NewSet([]string{"chat", "group chat", "read receipt", "fan-out"})
	var got []string
	for _, h := range s.FindText("No group chat. Read receipts; fan out, then chat") {
		got = append(got, fmt.Sprintf("%d@%d neg=%v", h.Phrase, h.Start, h.Negated))
	}
	want := []string{"1@3 neg=true", "0@9 neg=true", "2@15 neg=false", "3@30 neg=false", "0@44 neg=false"}
	if !slices.Equal(got, want) {
		t.Errorf("hits = %v, want %v", got, want)
	}
	if h, ok := s.First("team chat with group chats"); !ok || h.Start != 5 || h.End != 9 {
		t.Errorf("First = %+v, %v", h, ok)
	}
	if got := s.Strip("read receipts for the group chat room"); got != "for the room" {
		t.Errorf("Strip = %q", got)
	}
	// A phrase does not reach across a clause boundary.
	if hits := s.FindText("read, receipts"); len(hits) != 0 {
		t.Errorf("a phrase across a comma: %+v", hits)
	}
}

func TestDenies(t *testing.T) {
	for text, want := range map[string]bool{
		"we don't need": true, "we dont need": true, "GDPR cannot": true, "we need": false, "notable": false,
	} {
		if got := Denies(text); got != want {
			t.Errorf("Denies(%q) = %v, want %v", text, got, want)
		}
	}
}

// A phrase said of a system already in place is marked, on either side
// within NegationReach words and the same clause; a clause boundary or
// distance ends the mark.
func TestInPlace(t *testing.T) {
	s := NewSet([]string{"ledger", "booking", "payment"})
	for text, want := range map[string]bool{
		"post totals to the ledger in our ERP":                            true,
		"the ERP's general ledger":                                        true,
		"rooms via the existing booking tool":                             true,
		"a legacy booking screen":                                         true,
		"send it to payment existing":                                     true,
		"pay through a third-party payment gateway":                       true,
		"the payment page we already use":                                 true,
		"a ledger of every transfer":                                      false,
		"the ERP sends orders, then we keep our own ledger":               false,
		"existing customers get a booking page":                           false,
		"the ERP exports invoices every night and the weekly payment run": false,
		"we already use Stripe for card payments":                         true,
		"the finance team keeps the ledger in Xero":                       true,
		"import the monthly exports from Stripe and the ledger":           false,
		"import the ledger from Xero each night":                          true,
		"a ledger for hotels in Paris":                                    false,
		"one-off bookings stay in the school's existing planner":          true,
		"bookings stay in memory for a minute":                            false,
	} {
		hits := s.FindText(text)
		if len(hits) != 1 {
			t.Fatalf("%q: %d hits", text, len(hits))
		}
		if hits[0].InPlace != want {
			t.Errorf("%q: InPlace = %v, want %v", text, hits[0].InPlace, want)
		}
	}
}

// TestWordsAreTokenizeWords checks that Words splits a phrase as
// Tokenize splits a text.
func TestWordsAreTokenizeWords(t *testing.T) {
	for _, p := range []string{"", "  ", "Top-K", "celebrities' posts", "don't", "robots.txt, 20,000 IDs", "Café Ünïcode crèches", "a", "x-", "-x", "caches; (queues)", "ÉTATS-UNIS"} {
		toks := Tokenize(p)
		want := make([]string, len(toks))
		for i, tk := range toks {
			want[i] = tk.Word
		}
		if got := Words(p); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, Tokenize reads %q", p, got, want)
		}
	}
}

func TestCompared(t *testing.T) {
	s := NewSet([]string{"leaderboard", "message queue", "booking system"})
	for text, want := range map[string]bool{
		"the ladder is basically like a leaderboard but for 30 members": true,
		"it works like a leaderboard":                                   true,
		"a bit like a real-time leaderboard":                            true,
		"something similar to a message queue":                          true,
		"leaderboard-style ranking of the branches":                     true,
		"basically a booking system but nothing is ever booked":         true,
		"akin to a booking system":                                      true,
		"a leaderboard for our mobile game":                             false,
		"we would like a leaderboard for each season":                   false,
		"we'd like a leaderboard":                                       false,
		"a message queue like Kafka between the services":               false,
		"basically a booking system for our rooms":                      false,
		"basically a booking system but with deposits":                  false,
		"it looks like a form, then a leaderboard":                      false,
		"something like a message queue between the services":           false,
		"features like a leaderboard and badges":                        false,
	} {
		hits := s.FindText(text)
		if len(hits) != 1 {
			t.Fatalf("%q: %d hits", text, len(hits))
		}
		if hits[0].Compared != want {
			t.Errorf("%q: Compared = %v, want %v", text, hits[0].Compared, want)
		}
	}
}

func TestDifference(t *testing.T) {
	for text, want := range map[string]string{
		"basically like a leaderboard but for 12 teams, nothing fancy": "but for 12 teams",
		"similar to a message queue, but nothing is kept":              "but nothing is kept",
		"like a leaderboard": "",
		"like a leaderboard for the whole office but for fun": "",
	} {
		toks := Tokenize(text)
		j := slices.IndexFunc(toks, func(t Token) bool { return t.Word == "leaderboard" || t.Word == "queue" }) + 1
		got := ""
		if from, to, ok := Difference(toks, j); ok {
			got = text[toks[from].Start:toks[to-1].End]
		}
		if got != want {
			t.Errorf("%q: difference %q, want %q", text, got, want)
		}
	}
}

func TestAlso(t *testing.T) {
	s := NewSet([]string{"top 10", "leaderboard"})
	for text, want := range map[string]bool{
		"the owner also wants a dashboard with the top 10 sellers": true,
		"we also need a leaderboard":                               true,
		"a leaderboard as well":                                    true,
		"a leaderboard for the league":                             false,
		"we also need invoices, and a leaderboard":                 false,
	} {
		hits := s.FindText(text)
		if len(hits) != 1 {
			t.Fatalf("%q: %d hits", text, len(hits))
		}
		if hits[0].Also != want {
			t.Errorf("%q: Also = %v, want %v", text, hits[0].Also, want)
		}
	}
}

// What the team already has, owns or leaves out of scope is not what it
// builds: "already" in the coordinated phrase, a possessed system noun,
// a system the data comes from, an out-of-scope sentence.
func TestInPlaceGeneralised(t *testing.T) {
	tests := []struct {
		text, phrase string
		want         bool
	}{
		{"Scheduling is already taken care of by the front desk", "scheduling", true},
		{"Reservations arrive already confirmed from the partner", "reservation", true},
		{"never give away a table that is already booked", "table", false},
		{"appointments are handled by our clinic app, we want the intake forms", "appointment", true},
		{"we want to rebuild our booking system from scratch", "booking system", false},
		{"guests book a slot in the app", "book a slot", false},
		{"copy the guest list from the booking platform each morning", "booking platform", true},
		{"the booking platform must never sell a room twice", "booking platform", false},
		{"Payments happen at the till. We don't touch them.", "payment", true},
		{"Payments happen at the till. Staff count the float.", "payment", false},
		{"Billing is out of scope for now", "billing", true},
		{"the footage is kept on the camera vendor's video platform", "video platform", true},
		{"images come from our partner's booking platform", "booking", true},
		{"payroll is the client's own payroll system", "payroll", true},
		{"the club's booking system must never double book a court", "booking system", false},
		{"each player's own rank on the leaderboard", "own rank", false},
		{"guests book through the vendor's app, and we build the booking system", "booking system", false},
		{"room status and bookings come from the property management system we buy", "booking", true},
		{"a ledger of every part we buy", "ledger", false},
		{"class bookings are made in the Mindbody system we pay for", "booking", true},
		{"training videos stay on the franchisor's video platform", "video", true},
		{"the public search is the agency's product, and our search index is new", "search index", false},
		{"videos are hosted by the training provider", "video", true},
		{"the video platform is provided by Vimeo", "video platform", true},
		{"product search is powered by Algolia", "search", true},
		{"drivers use their own navigation app", "navigation", true},
		{"the ledger is outsourced to our accountants", "ledger", true},
		{"card payments are processed by Adyen", "payment", true},
		{"riders are matched by the nearest driver", "nearest driver", false},
		{"the deferment ledger is held by the bank", "ledger", true},
		{"courtroom booking stays in the estates tool", "booking", true},
		{"the road network comes from our existing GIS", "road network", true},
		{"orders come from the mobile app", "order", false},
		{"bookings stay in the cache for a minute", "booking", false},
		{"the ledger is held by our treasury team", "ledger", false},
		{"the exchanges run the matching engine and order books", "order book", true},
		{"the exchanges run the matching engine and order books", "matching engine", true},
		{"we run the matching engine for the exchanges", "matching engine", false},
		{"traders run reports on the order book", "order book", false},
		{"bookings are confirmed by the hotel", "booking", false},
		{"the platform team runs 3 Kafka clusters with 2,000 topics and partitions", "topics and partitions", true},
		{"we want to run our own queue of topics and partitions like Kafka", "topics and partitions", false},
		{"scans are stored as objects in buckets on our S3 account", "objects in buckets", true},
		{"we want group chat in our iOS app", "group chat", false},
		{"a get directions link that opens their phone's maps app", "maps app", true},
	}
	for _, tt := range tests {
		toks := Tokenize(tt.text)
		want := Words(tt.phrase)
		got, seen := false, false
		for i := range toks {
			if At(toks, i, want) {
				seen, got = true, InPlace(toks, i, i+len(want))
				break
			}
		}
		if !seen {
			t.Fatalf("%q not in %q", tt.phrase, tt.text)
		}
		if got != tt.want {
			t.Errorf("InPlace(%q in %q) = %v, want %v", tt.phrase, tt.text, got, tt.want)
		}
	}
}

// A "*" in a phrase stands for any one word of the same clause.
func TestWildcard(t *testing.T) {
	s := NewSet([]string{"same * for the same night", "held for * minute"})
	for text, want := range map[string]int{
		"two guests got the same cabin for the same night":   1,
		"two guests got the same room for the same night":    1,
		"the same cabin, for the same night":                 0,
		"seats are held for 15 minutes while the buyer pays": 1,
		"held for minutes": 0,
	} {
		if got := len(s.FindText(text)); got != want {
			t.Errorf("%q: %d sightings, want %d", text, got, want)
		}
	}
	n := NewSet([]string{"top #", "top # most"})
	for text, want := range map[string]int{
		"the top 100 books":            1,
		"the top 2,000 most played":    1,
		"top ten books":                0,
		"the top floor":                0,
		"top 10, most played":          1,
		"the top 7 most-read articles": 2,
	} {
		if got := len(n.FindText(text)); got != want {
			t.Errorf("%q: %d sightings of a number wildcard, want %d", text, got, want)
		}
	}
	if w := Words("# top #"); !slices.Equal(w, []string{"top", "#"}) {
		t.Errorf("a leading number wildcard is kept, or a trailing one dropped: %q", w)
	}
	if w := Words("* same *"); !slices.Equal(w, []string{"same"}) {
		t.Errorf("a leading or trailing wildcard is kept: %q", w)
	}
}

// A product the ask says the team uses, runs or buys is the same product
// wherever the ask names it.
func TestUsedProductElsewhere(t *testing.T) {
	names := map[string]bool{}
	UsedNames(Tokenize("Bookings are made in the Mindbody system we pay for. The platform team runs 3 Kafka clusters."), names)
	UsedNames(Tokenize("We want a leaderboard like Strava's. Pushes go through APNs."), names)
	if !names["mindbody"] || !names["kafka"] || names["strava"] || names["apns"] {
		t.Fatalf("used names %v, want mindbody and kafka only", names)
	}
	for text, want := range map[string]bool{
		"Show today's class bookings from Mindbody": true,
		"Kafka topic catalogue":                     true,
		"Show today's class bookings":               false,
		"a catalogue of topics for Pulsar":          false,
	} {
		toks := Tokenize(text)
		i := slices.IndexFunc(toks, func(t Token) bool { return t.Word == "booking" || t.Word == "topic" })
		if got := OfUsed(toks, i, i+1, names); got != want {
			t.Errorf("%q: OfUsed = %v, want %v", text, got, want)
		}
	}
}

// TestSetFindsWhatAtFinds checks the first-word table against reading
// every phrase at every token: many phrases, so that first words collide
// in the hash table and share groups, and phrases without words.
func TestSetFindsWhatAtFinds(t *testing.T) {
	var phrases []string
	for _, a := range []string{"read", "write", "cache", "queue", "fan", "shard", "top", "rate", "limit", "feed"} {
		for _, b := range []string{"", " out", " #", " * key", " model", " per user", " limit"} {
			phrases = append(phrases, a+b)
		}
	}
	phrases = append(phrases, "", "*", "the the")
	for i := range 300 {
		phrases = append(phrases, fmt.Sprintf("word%d tail", i))
	}
	text := "Fan out the feed per user; cache the top 10 and read model. Rate limit per user, shard by key: top X key. word7 tail, word299 tail and word300 tail. The the end."
	toks := Tokenize(text)
	// A short list is indexed without a map: both ways are checked.
	for _, list := range [][]string{phrases[:12], phrases} {
		set := NewSet(list)
		var want []int
		for i := range toks {
			for p, ph := range list {
				if At(toks, i, Words(ph)) {
					want = append(want, p)
				}
			}
		}
		var got []int
		for _, h := range set.Find(toks) {
			got = append(got, h.Phrase)
		}
		slices.Sort(got)
		slices.Sort(want)
		if len(want) < 2 || !slices.Equal(got, want) {
			t.Errorf("%d phrases: Find found phrases %v, reading each at every token finds %v", len(list), got, want)
		}
	}
	set := NewSet(phrases)
	if got := NewSetWords(set.Words).Find(toks); !reflect.DeepEqual(got, set.Find(toks)) {
		t.Errorf("NewSetWords of the Set's words finds %v, the Set %v", got, set.Find(toks))
	}
}

// TestScopeStarts: outOfScope skips the words no marker starts with, so
// every marker's first word must be one scopeStart knows.
func TestScopeStarts(t *testing.T) {
	for _, m := range scopeMarkers {
		if !scopeStart(m[0]) {
			t.Errorf("scopeStart does not know %q, the first word of %q", m[0], m)
		}
	}
}

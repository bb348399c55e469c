package patterns

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// matchCase is an ask written the way requirements arrive, with the
// archetypes it must match and those it must not.
type matchCase struct {
	name string
	in   Input
	want []string
	// not lists archetypes that would be spurious; exact means want is
	// the whole answer.
	not   []string
	exact bool
	// near lists archetypes that must be named as possibly relevant and
	// not merged: the ask's evidence for them is only generic words.
	near []string
}

var primerCases = []matchCase{
	{name: "pastebin", in: Input{
		Title:   "Pastebin",
		Summary: "Users paste a block of text and share a link to it.",
		Functional: []string{
			"User enters a block of text and gets a randomly generated link",
			"Expiration: default does not expire; can optionally set a timed expiration",
			"User enters a paste's url and views the contents",
			"Service tracks analytics of pages (monthly visit stats)",
			"Service deletes expired pastes",
		},
		Workloads: []WorkloadInput{{Name: "create paste", Kind: "write", ItemBytes: 1270}, {Name: "read paste", Kind: "read"}},
	}, want: []string{"paste-storage"}, not: []string{"chat", "news-feed"}},
	{name: "twitter timeline and search", in: Input{
		Title: "Twitter timeline and search",
		Functional: []string{
			"User posts a tweet",
			"Service pushes tweets to followers, sending push notifications and emails",
			"User views the user timeline (activity from the user)",
			"User views the home timeline (activity from people the user is following)",
			"User searches keywords",
		},
		Workloads: []WorkloadInput{{Name: "post tweet", Kind: "write"}, {Name: "read home timeline", Kind: "read"}, {Name: "search tweets", Kind: "search"}},
		Body:      "Fanning out a tweet to all followers (60 thousand tweets delivered on fanout per second) should be fast, unless you have millions of followers.",
	}, want: []string{"news-feed", "full-text-search"}, not: []string{"chat", "social-graph"}},
	{name: "web crawler", in: Input{
		Title: "Web crawler",
		Functional: []string{
			"Service crawls a list of urls: generates a reverse index of words to pages containing the search terms",
			"Generates titles and snippets for pages",
			"User inputs a search term and sees a list of relevant pages with titles and snippets",
		},
		Workloads: []WorkloadInput{{Name: "crawl pages", Kind: "job", ItemBytes: 500e3}, {Name: "search", Kind: "search"}},
		Body:      "1 billion links to crawl, refreshed once per week on average. Avoid infinite loops and duplicate content.",
	}, want: []string{"web-crawler"}, not: []string{"paste-storage", "video-streaming"}},
	{name: "mint", in: Input{
		Title: "Mint.com",
		Functional: []string{
			"User connects to a financial account",
			"Service extracts transactions from the account daily and categorizes them; the user can override a category",
			"Service analyzes monthly spending, by category",
			"Service recommends a budget and sends notifications when approaching or exceeding it",
		},
		Workloads: []WorkloadInput{{Name: "pull transactions", Kind: "job", Scheduled: true}, {Name: "view spending", Kind: "read"}},
	}, want: []string{"account-aggregation"}, not: []string{"payments-ledger"}},
	{name: "social graph", in: Input{
		Title:      "Social network",
		Functional: []string{"User searches for someone and sees the shortest path to the searched person"},
		Workloads:  []WorkloadInput{{Name: "find path", Kind: "search"}},
		Body:       "100 million users with 50 friends each on average; 1 billion friend searches per month. We cannot use a graph database.",
	}, want: []string{"social-graph"}, not: []string{"news-feed", "chat"}},
	{name: "query cache", in: Input{
		Title: "Key-value cache for the results of the most recent web server queries",
		Functional: []string{
			"User sends a search request resulting in a cache hit",
			"User sends a search request resulting in a cache miss",
		},
		Workloads: []WorkloadInput{{Name: "search request", Kind: "read"}},
		Body:      "The cache has limited capacity: keep the most recent queries. 10 billion queries per month.",
	}, want: []string{"query-cache"}, not: []string{"web-crawler", "full-text-search"}},
	{name: "sales rank", in: Input{
		Title: "Sales rank by category",
		Functional: []string{
			"Service calculates the past week's most popular products by category",
			"User views the past week's most popular products by category",
		},
		Workloads: []WorkloadInput{{Name: "record sale", Kind: "write"}, {Name: "view rank", Kind: "read"}},
	}, want: []string{"top-k"}, not: []string{"leaderboard"}},
	{name: "scaling on aws", in: Input{
		Title: "Scaling on AWS",
		Functional: []string{
			"User makes a read or write request; the service processes it, stores user data and returns the results",
			"Service needs to evolve from serving a small amount of users to millions of users",
		},
		Workloads: []WorkloadInput{{Name: "write", Kind: "write", ItemBytes: 1000}, {Name: "read", Kind: "read"}},
	}, want: []string{"web-scaling"}, exact: true},
}

var classicCases = []matchCase{
	{name: "price alerts", in: Input{Title: "Price alerts", Summary: "Investors set alerts on stock prices; when a price crosses an alert's level we notify them.",
		Functional: []string{"consume the exchange's price feed and check every alert on each tick"},
		Workloads:  []WorkloadInput{{Name: "price ticks", Kind: "event"}}}, want: []string{"stream-alerts"}, not: []string{"time-series", "matching-engine"}},
	{name: "metrics alert rules are not price alerts", in: Input{Title: "Metrics platform", Functional: []string{"evaluate alert rules every minute"},
		Workloads: []WorkloadInput{{Name: "ingest samples", Kind: "event"}}}, want: []string{"time-series"}, not: []string{"stream-alerts"}},
	{name: "url shortener", in: Input{Title: "URL shortener", Functional: []string{"create short links", "redirect"}},
		want: []string{"short-links"}},
	{name: "rate limiter", in: Input{Title: "API rate limiter", Summary: "Limit each API key to its quota at 500k checks per second.",
		Workloads: []WorkloadInput{{Name: "check limit", Kind: "read"}}}, want: []string{"rate-limiter"}, exact: true},
	{name: "chat", in: Input{Title: "Chat app", Functional: []string{"one-to-one and group messages", "online status", "message history"},
		Workloads: []WorkloadInput{{Name: "send message", Kind: "message"}}}, want: []string{"chat"}},
	{name: "ride hailing", in: Input{Title: "Ride hailing", Functional: []string{"match the nearest driver to a rider", "drivers send their location every 4 seconds"}},
		want: []string{"ride-dispatch"}, not: []string{"geo-search"}},
	{name: "youtube-like video", in: Input{Title: "Video sharing site", Functional: []string{"users upload videos", "videos are transcoded and streamed to viewers"},
		Workloads: []WorkloadInput{{Name: "upload", Kind: "write", ItemBytes: 500e6}, {Name: "watch", Kind: "read"}}}, want: []string{"video-streaming"}},
	{name: "dropbox-like sync", in: Input{Title: "File sync like Dropbox", Functional: []string{"sync files across a user's devices", "share folders", "version history"}},
		want: []string{"file-sync"}},
	{name: "ticket booking", in: Input{Title: "Concert ticket booking", Functional: []string{"buyers pick seats and pay", "no double booking", "holds expire after 10 minutes"}},
		want: []string{"reservations"}, not: []string{"payments-ledger"}},
	{name: "metrics ingestion", in: Input{Title: "Metrics ingestion", Summary: "Collect metrics from 50k hosts every 10 seconds for dashboards and alerts.",
		Workloads: []WorkloadInput{{Name: "ingest samples", Kind: "event"}}}, want: []string{"time-series"}},
	{name: "payments", in: Input{Title: "Payments service", Functional: []string{"charge cards through a payment provider", "refunds", "keep a ledger of balances"}},
		want: []string{"payments-ledger"}},
	{name: "leaderboard", in: Input{Title: "Game leaderboard", Functional: []string{"submit scores", "show the top 100 and my rank"}},
		want: []string{"leaderboard"}},
	{name: "persona: event pipeline", in: Input{Title: "Process 1M events/sec from mobile apps with 5-min analytics window",
		Workloads: []WorkloadInput{{Name: "app events", Kind: "event"}}}, want: []string{"event-pipeline"}, exact: true},
	{name: "persona: event sourcing", in: Input{Title: "Order management", Summary: "Event sourcing vs CRUD for order management?"},
		want: []string{"event-sourcing"}, exact: true},
	{name: "notifications", in: Input{Title: "Notification service", Functional: []string{"send push, email and SMS", "respect user preferences and quiet hours"}},
		want: []string{"notifications"}},
	{name: "nearby places", in: Input{Title: "Find restaurants near me", Functional: []string{"list places within 2 km sorted by distance"}},
		want: []string{"geo-search"}, not: []string{"ride-dispatch"}},
	{name: "collaborative editor", in: Input{Title: "Collaborative editor like Google Docs", Functional: []string{"several people edit a document at once", "see each other's cursors"}},
		want: []string{"collaborative-editing"}},
	{name: "cron", in: Input{Title: "Distributed cron", Functional: []string{"run scheduled jobs at most once per schedule", "retry failed runs"}},
		want: []string{"job-scheduler"}},
	{name: "login service", in: Input{Title: "Login service", Functional: []string{"users sign in with a password or Google", "other services verify access tokens"}},
		want: []string{"auth-sessions"}},
	{name: "snowflake ids", in: Input{Title: "Distributed unique ID generator", Summary: "64-bit ids sortable by time, minted by 300 services."},
		want: []string{"id-generator"}, exact: true},
	{name: "ad click aggregation", in: Input{Title: "Ad click aggregation", Summary: "Count clicks per ad per minute for billing and dashboards.",
		Workloads: []WorkloadInput{{Name: "clicks", Kind: "event"}}}, want: []string{"event-pipeline"}},
	{name: "autocomplete", in: Input{Title: "Product search with autocomplete", Functional: []string{"suggest completions as the user types"}},
		want: []string{"autocomplete"}},
}

// proseCases are written the way people write requirement files: a title,
// maybe a summary, and paragraphs.
var proseCases = []matchCase{
	{name: "photo sharing", in: Input{
		Title: "Photo sharing app",
		Body:  "Users upload photos, follow other users and scroll a feed of the photos posted by the people they follow. Some accounts have millions of followers.",
	}, want: []string{"news-feed"}, not: []string{"chat", "social-graph", "paste-storage"}, near: []string{"paste-storage"}},
	{name: "timeline with search and photos", in: Input{
		Title:      "Timeline service",
		Summary:    "Users post short messages with photos, follow others, read a home timeline of the people they follow, and search posts.",
		Functional: []string{"post a message with an optional photo", "fan out each post to the home timelines of followers", "read the home timeline", "search posts by keyword"},
		Workloads:  []WorkloadInput{{Name: "post message", Kind: "write"}, {Name: "read home timeline", Kind: "read"}, {Name: "search posts", Kind: "search"}, {Name: "upload photo", Kind: "write", ItemBytes: 500e3}},
		// One optional photo is a word in passing, not a blob store: the
		// functional mapping places the upload.
	}, want: []string{"news-feed", "full-text-search"}, not: []string{"chat"}},
	{name: "hospital messaging", in: Input{
		Title: "Secure messaging for hospital staff",
		Body:  "Nurses and doctors send each other messages in real time, one to one and in a group per ward, and see who is online. Messages must arrive in order and none may be lost when a phone goes offline.",
	}, want: []string{"chat"}, not: []string{"notifications", "news-feed"}},
	{name: "food delivery", in: Input{
		Title: "Food delivery",
		Body:  "Customers order from restaurants nearby. Each order is assigned to a courier close to the restaurant; customers follow the courier on a map until it arrives.",
		// "restaurants nearby" is one word of the prose: geo search is a near
		// miss, and ride dispatch keeps the couriers' geo index.
	}, want: []string{"ride-dispatch"}},
	{name: "hotel rooms", in: Input{
		Title: "Hotel room reservations",
		Body:  "Guests pick dates and a room type and pay a deposit. A room must never be booked twice for the same night. Peak season brings ten times the usual traffic.",
	}, want: []string{"reservations"}, not: []string{"payments-ledger"}},
	{name: "iot sensors", in: Input{
		Title: "Factory sensor platform",
		Body:  "20,000 sensors each send a temperature and vibration reading every second. Engineers look at dashboards of the last week and get alerts when a machine runs hot. Raw readings are kept 30 days, hourly averages for five years.",
	}, not: []string{"notifications", "time-series"}, near: []string{"time-series"}},
	{name: "scraper", in: Input{
		Title: "Price tracker",
		Body:  "We scrape 5 million product pages from 2,000 shops every day, respecting robots.txt, and alert users when a price drops.",
	}, want: []string{"web-crawler"}},
	{name: "people search", in: Input{
		Title:     "People search on a social network",
		Workloads: []WorkloadInput{{Name: "find path", Kind: "search"}},
		Body:      "A user searches for someone and sees the shortest path to them through friends. 100 million users, 50 friends each on average. We can't use a graph database.",
	}, want: []string{"social-graph"}, exact: true},
	{name: "gaming ranks", in: Input{
		Title: "Mobile game backend",
		Body:  "Players finish matches and submit their score; the game shows a weekly and an all-time leaderboard with each player's rank among 20 million players.",
	}, want: []string{"leaderboard"}, not: []string{"top-k"}},
}

var negativeCases = []matchCase{
	{name: "internal CRUD tool", in: Input{
		Title:      "Office equipment register",
		Summary:    "An internal CRUD tool for IT staff to record laptops and monitors and who has them.",
		Functional: []string{"create, edit and delete equipment records", "assign equipment to employees", "export a CSV report"},
		Workloads:  []WorkloadInput{{Name: "edit records", Kind: "write"}, {Name: "list records", Kind: "read"}},
		Body:       "About 40 staff use it during office hours. Records are kept for five years.",
	}, exact: true},
	{name: "order back-office", in: Input{
		Title:   "Order back-office for support staff",
		Summary: "Support staff look up customer orders, edit shipping addresses, issue refunds and add notes to tickets.",
		Functional: []string{
			"search orders by customer email or order number",
			"view order details, payment status and history",
			"issue a refund for an order",
			"add internal notes to an order",
		},
		Workloads: []WorkloadInput{{Name: "search orders", Kind: "search"}, {Name: "update order", Kind: "write"}},
		Body:      "200 support agents; a few requests per second at most. Orders live in the existing PostgreSQL database.",
	}, exact: true},
	{name: "negated mentions", in: Input{
		Title:      "Team wiki",
		Summary:    "Pages and comments for a team of 30, without a feed and with no chat.",
		Functional: []string{"edit pages", "comment on pages"},
		Body:       "We do not need real-time collaboration. There is no video.",
	}, exact: true},
}

func TestMatchAll(t *testing.T) {
	for _, group := range [][]matchCase{primerCases, classicCases, proseCases, infraCases, negativeCases, buildVersusUseCases} {
		for _, tc := range group {
			t.Run(tc.name, func(t *testing.T) {
				got := MatchAll(tc.in)
				ids := matchIDs(got)
				for _, w := range tc.want {
					if !slices.Contains(ids, w) {
						t.Errorf("missing %s", w)
					}
				}
				for _, n := range tc.not {
					if slices.Contains(ids, n) {
						t.Errorf("spurious %s", n)
					}
				}
				near := matchIDs(Recognize(tc.in).Near)
				for _, n := range tc.near {
					if !slices.Contains(near, n) {
						t.Errorf("%s is not among the near misses %v", n, near)
					}
				}
				if tc.exact && !slices.Equal(sorted(ids), sorted(tc.want)) {
					t.Errorf("got %v, want exactly %v", ids, tc.want)
				}
				if t.Failed() {
					t.Log(describe(got))
				}
			})
		}
	}
}

func matchIDs(ms []Match) []string {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.Archetype.ID
	}
	return ids
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func describe(ms []Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "\n%s %.1f forced=%v\n  %s", m.Archetype.ID, m.Score, m.Forced, strings.Join(m.Evidence, "\n  "))
	}
	return b.String()
}

func TestEvidenceSaysWhereAndWhich(t *testing.T) {
	ms := MatchAll(Input{
		Title:      "Social app",
		Functional: []string{"fan out tweets to followers"},
		Workloads:  []WorkloadInput{{Name: "post", Kind: "write"}},
	})
	i := slices.IndexFunc(ms, func(m Match) bool { return m.Archetype.ID == "news-feed" })
	if i < 0 {
		t.Fatalf("news-feed not matched:%s", describe(ms))
	}
	want := `functional: "fan out tweets to followers" ("fan out tweets")`
	if !slices.Contains(ms[i].Evidence, want) {
		t.Errorf("evidence %q does not contain %q", ms[i].Evidence, want)
	}
}

func TestNegationAndClauses(t *testing.T) {
	tests := []struct {
		body string
		chat bool
	}{
		{"Users talk in a chat app.", true},
		{"There is no chat app.", false},
		{"We don't need a chat app.", false},
		{"It works without any chat app at all.", false},
		{"No login is needed, the chat app is anonymous.", true},
		{"Not a blog; a chat app for teams.", true},
	}
	for _, tt := range tests {
		got := slices.Contains(matchIDs(MatchAll(Input{Title: "Team tool", Body: tt.body})), "chat")
		if got != tt.chat {
			t.Errorf("%q: chat matched = %v, want %v", tt.body, got, tt.chat)
		}
	}
}

func TestPluralsAndCase(t *testing.T) {
	for _, title := range []string{"Leaderboards for our games", "LEADERBOARD", "leader-board"} {
		got := slices.Contains(matchIDs(MatchAll(Input{Title: title})), "leaderboard")
		if want := title != "leader-board"; got != want {
			t.Errorf("%q: leaderboard matched = %v, want %v", title, got, want)
		}
	}
}

func TestForceAndExclude(t *testing.T) {
	in := Input{Title: "Ride hailing", Force: []string{"payments-ledger"}, Exclude: []string{"geo-search"}}
	ms := MatchAll(in)
	ids := matchIDs(ms)
	if len(ids) == 0 || ids[0] != "payments-ledger" || !ms[0].Forced {
		t.Errorf("forced archetype not first: %s", describe(ms))
	}
	if slices.Contains(ids, "geo-search") {
		t.Error("excluded archetype matched")
	}
	if !slices.Contains(ids, "ride-dispatch") {
		t.Error("ride-dispatch lost")
	}
	// An archetype both forced and excluded stays out: exclusion wins.
	if ids := matchIDs(MatchAll(Input{Force: []string{"chat"}, Exclude: []string{"chat"}})); len(ids) != 0 {
		t.Errorf("got %v, want nothing", ids)
	}
}

func TestFieldsOnlySupportWords(t *testing.T) {
	// Large items, a schedule and every kind, but not one word: nothing.
	in := Input{Title: "Backups", Workloads: []WorkloadInput{
		{Name: "export", Kind: "job", ItemBytes: 1e9, Scheduled: true},
		{Name: "restore", Kind: "read"}, {Name: "write", Kind: "write"}, {Name: "events", Kind: "event"},
	}}
	if ids := matchIDs(MatchAll(in)); len(ids) != 0 {
		t.Errorf("got %v from fields alone", ids)
	}
}

func BenchmarkMatchAll(b *testing.B) {
	in := primerCases[1].in // the Twitter timeline: several archetypes
	in.Body = strings.Repeat(in.Body+" Users post tweets and read their home timeline; search is by keyword. ", 8)
	MatchAll(in)
	b.ReportAllocs()
	for b.Loop() {
		MatchAll(in)
	}
}

// A near miss is an archetype one telling phrase points at, never merged
// and never one a match already covers.
func TestNearMisses(t *testing.T) {
	r := Recognize(Input{Title: "Expense approvals", Functional: []string{"employees submit an expense with a receipt photo"}})
	if len(r.Matches) != 0 || len(r.Near) != 1 || r.Near[0].Archetype.ID != "paste-storage" {
		t.Errorf("matches %v, near %v; want only paste-storage near:%s", matchIDs(r.Matches), matchIDs(r.Near), describe(r.Near))
	}
	r = Recognize(Input{Title: "Team chat", Functional: []string{"push a notification to offline members when a message arrives"}})
	if ids := matchIDs(r.Near); slices.Contains(ids, "notifications") {
		t.Errorf("near %v lists notifications, which chat covers", ids)
	}
}

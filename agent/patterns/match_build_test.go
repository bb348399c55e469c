package patterns

// buildVersusUseCases are asks that build storage, mail or maps, and asks
// that only use them: building one is its own archetype, using one is not.
var buildVersusUseCases = []matchCase{
	{name: "design s3", in: Input{Title: "Design Amazon S3"}, want: []string{"object-store"}, exact: true},
	{name: "object storage service", in: Input{
		Title:      "Object storage service",
		Functional: []string{"put and get objects by bucket and key", "list the keys of a bucket by prefix", "keep every version of an object", "objects survive the loss of a whole rack"},
		Workloads:  []WorkloadInput{{Name: "put object", Kind: "write", ItemBytes: 2e6}, {Name: "get object", Kind: "read"}},
	}, want: []string{"object-store"}, not: []string{"paste-storage", "file-sync", "video-streaming", "autocomplete"}},
	{name: "blob store with erasure coding", in: Input{
		Title:   "Blob store service",
		Summary: "Keep petabytes of blobs at 11 nines of durability with erasure coding instead of three copies.",
	}, want: []string{"object-store"}, exact: true},
	{name: "s3-like store", in: Input{Title: "An S3-like object store for our data centres"}, want: []string{"object-store"}, exact: true},
	{name: "photos kept in object storage", in: Input{
		Title: "Photo sharing app",
		Body:  "Users upload photos, which are kept in an object storage service such as S3 with 11 nines of durability, and follow other users.",
	}, want: []string{"news-feed"}, not: []string{"object-store", "paste-storage"}, near: []string{"paste-storage"}},
	{name: "image hosting on a blob store", in: Input{
		Title:      "Image hosting",
		Functional: []string{"upload an image to the blob store and get a link", "images are served through a CDN"},
		Workloads:  []WorkloadInput{{Name: "upload image", Kind: "write", ItemBytes: 2e6}, {Name: "view image", Kind: "read"}},
	}, want: []string{"paste-storage"}, not: []string{"object-store"}},
	{name: "video kept in an object store", in: Input{Title: "Design YouTube", Body: "Videos are kept in an object store and streamed through a CDN."},
		want: []string{"video-streaming"}, not: []string{"object-store"}},
	{name: "dropbox chunks in object storage", in: Input{Title: "Dropbox", Functional: []string{"sync files across devices", "store chunks in object storage"}},
		want: []string{"file-sync"}, not: []string{"object-store"}},
	{name: "token bucket is no bucket", in: Input{Title: "Token bucket rate limiter", Summary: "Limit each API key with a token bucket."},
		want: []string{"rate-limiter"}, exact: true},
	{name: "design gmail", in: Input{Title: "Design Gmail"}, want: []string{"email-service"}, exact: true},
	{name: "email service", in: Input{
		Title:      "Email service",
		Summary:    "Users send and receive email, organise it with labels and threads, and search their mailbox.",
		Functional: []string{"receive mail from other providers over SMTP", "filter spam and viruses", "search my mail"},
		Workloads:  []WorkloadInput{{Name: "receive mail", Kind: "write", ItemBytes: 75e3}, {Name: "read inbox", Kind: "read"}, {Name: "search mail", Kind: "search"}},
	}, want: []string{"email-service"}, not: []string{"chat", "paste-storage"}},
	{name: "notifications send email", in: Input{
		Title:      "Notification service",
		Functional: []string{"send push, email and SMS", "send email through our SMTP relay", "respect user preferences and quiet hours"},
		Body:       "Bounced emails are retried later.",
	}, want: []string{"notifications"}, not: []string{"email-service"}},
	{name: "signup emails", in: Input{
		Title:      "Signup flow",
		Functional: []string{"users receive email notifications", "send a confirmation email via SMTP", "handle email bounces"},
	}, not: []string{"email-service"}},
	{name: "notification inbox", in: Input{
		Title:      "Notification fan-out",
		Summary:    "Turn one product event into push, email and in-app notifications for every follower, and keep each user's inbox.",
		Functional: []string{"deliver by push and email, honouring each user's preferences", "show each user an in-app inbox"},
		Workloads:  []WorkloadInput{{Name: "read inbox", Kind: "read"}},
	}, want: []string{"notifications"}, not: []string{"email-service"}},
	{name: "google maps", in: Input{Title: "Design Google Maps with turn-by-turn navigation"}, want: []string{"maps-routing"}, exact: true},
	{name: "maps with traffic", in: Input{
		Title:      "Maps",
		Summary:    "Users browse the map, search an address and get driving directions with an ETA that reflects live traffic.",
		Functional: []string{"show map tiles at every zoom level", "compute the fastest route between two places", "phones send their location while navigating"},
		Workloads:  []WorkloadInput{{Name: "load tiles", Kind: "read"}, {Name: "get route", Kind: "search"}, {Name: "location pings", Kind: "event"}},
	}, want: []string{"maps-routing"}, not: []string{"ride-dispatch"}},
	{name: "directions api", in: Input{Title: "Directions API", Summary: "Given two addresses, return the fastest route and its travel time."},
		want: []string{"maps-routing"}, exact: true},
	{name: "ride hailing on a map", in: Input{
		Title:      "Ride hailing",
		Functional: []string{"match the nearest driver to a rider", "show the estimated arrival time and the driver on a map"},
		Workloads:  []WorkloadInput{{Name: "track trip", Kind: "read"}, {Name: "driver location", Kind: "event"}},
	}, want: []string{"ride-dispatch"}, not: []string{"maps-routing", "geo-search"}},
	{name: "ride hailing with navigation", in: Input{
		Title:      "Uber",
		Functional: []string{"match riders to drivers", "route the driver to the pickup with turn-by-turn navigation"},
	}, want: []string{"ride-dispatch"}, not: []string{"maps-routing"}, near: []string{"maps-routing"}},
	// Navigation that the title or a second feature is about is the
	// subject, not one feature.
	{name: "ride hailing built with its own navigation", in: Input{
		Title:      "Uber with our own navigation",
		Functional: []string{"match riders to drivers", "route the driver to the pickup with turn-by-turn navigation"},
	}, want: []string{"ride-dispatch", "maps-routing"}},
	{name: "web navigation is no map", in: Input{
		Title:      "Admin portal",
		Functional: []string{"navigation menu on every page", "messages flow in both directions", "users navigate between pages"},
	}, exact: true},
	{name: "video calls are no zoom level", in: Input{Title: "Design Zoom", Summary: "Video calls for meetings."}, not: []string{"maps-routing"}},
}

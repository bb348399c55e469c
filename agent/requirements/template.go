package requirements

// Template returns an annotated requirements file: Markdown with YAML
// front matter naming every field of the schema with an example value and
// a comment saying what it means. It parses as it stands; the two
// optional asks (question, current) are commented out, since each changes
// the kind of design produced. Explanations in it start with a capital
// letter and commented-out fields do not, so a test can uncomment them.
func Template() string { return template }

const template = `---
# sysarch requirements. Edit the values and delete what does not apply.
# Then run: sysarch design -f THIS_FILE
# Only title is required; unknown keys are errors, so typos cannot hide.
# Quantities take a number or the quantity grammar: 10M, 4B (billion),
# 500B (bytes), 1.27KB, 2GiB, 250ms, 5m, 3y, 100M/month, 5k/min, 99.9%.

title: URL shortener                      # Required: the name of the system
summary: Shorten links and redirect fast. # One or two sentences on what it does

functional:                               # What it must do, one line each
  - create short links
  - redirect to the original URL
  - count clicks per link

workloads:                                # One entry per flow of traffic
  - name: create link                     # Required: what the flow is
    kind: write                           # One of read, write, event, message, search, job
    rate: 100M/month                      # Average rate; or rate_per_user with users.dau
    peak_factor: 3                        # Peak over average (default 2)
    item_size: 500B                       # Bytes per request, record or event
#     blob_size: 300B                     # The part of item_size that is a file (media, photos,
#                                         #   attachments, pages): kept in object storage, read via a CDN
#     indexed_size: 100B                  # The bytes of each item the search index holds
    retention: 5y                         # How long written records are kept
#     hot_window: 1y                      # How long they stay in the serving store before the archive
    latency_p99: 200ms                    # Latency targets: latency_p50, latency_p95, latency_p99
#     duration: 8s                        # How long one lasts when longer than a quick reply (a
#                                         #   streamed response, a connection, a job): sizes what is in flight
  - name: redirect
    kind: read
    rate_per_user: 20/day                 # Per daily active user; needs users.dau
    latency_p50: 10ms
    latency_p95: 30ms
    latency_p99: 50ms
    cacheable: true                       # Reads only: can responses be cached?
    keys: 50M                             # Distinct items the reads can ask for (links here): bounds the cache
  - name: click events
    kind: event
    rate: 2k/s
    item_size: 200B
    retention: 90d
    window: 5m                            # Windowed analytics over an event flow
  - name: daily click report
    kind: job
    schedule: daily                       # Jobs on a clock: hourly, daily, weekly, monthly, every 15m
    scans: 1d of click events             # What one run reads: a window of another workload
#     scan_size: 20GB                     # Or the bytes one run reads, when scans cannot say
#     corpus_size: 5GB                    # Search workloads: bytes of text indexed

users:
  dau: 10M                                # Daily active users
  mau: 40M                                # Monthly active users
  total: 100M                             # Registered users

availability: 99.95%                      # Target; a fraction works too: 0.9995
durability: no acknowledged write is lost # In words
compliance: [GDPR]                        # Regulations: GDPR, HIPAA, PCI DSS, SOC 2

constraints:
  team: 3 backend engineers               # Size and expertise
  budget: 2000 USD/month
  timeline: 3 months
  existing: [PostgreSQL, AWS]             # Infrastructure already in place

# seconds_per_month: 2.5M                 # Month length for rates (default 2,629,746; the primer uses 2.5M)

growth:                                   # Traffic multiplier by horizon
  6mo: 2x
  1y: 4x
  3y: 20x

features:
  faceted_search: false                   # Search needs facets and aggregations
  complex_invalidation: false             # Cached data needs complex invalidation

# sysarch recognises the problem (short links, news feed, crawler, chat…)
# from the words above; to force an archetype or rule one out, uncomment
# (sysarch patterns lists them), and give the inputs its figures need:
# patterns: [short-links, -paste-storage]
# parameters: {active_links: 500M}

# To weigh a trade-off instead of designing from scratch, uncomment:
# question: Event sourcing or CRUD for orders?

# For a running system with a performance problem, uncomment:
# current:
#   latency_p95_before: 250ms             # P95 before it got slow
#   latency_p95_after: 900ms              # P95 now
#   stages: {auth: 20ms, orders query: 610ms, render: 90ms}   # Measured time per stage
#   changes: [added recommendations widget]                   # What changed before it got slow
---

# URL shortener

Describe the system here in your own words: who uses it, what matters
most, what already exists and what must not break. sysarch keeps this text
as context. It also reads figures it can trust from plain sentences and
uses them only for keys left empty above, listing each one it used in the
design under "Extracted from the text".
`

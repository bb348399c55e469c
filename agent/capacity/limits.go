package capacity

// The decision matrix's data limits: what one store, one node or one
// worker holds before the design must change. Every store the engine
// proposes is checked against these, and each appears in a design's
// Threshold Warnings with the month growth carries the figure past it.
// They sit beside the rate thresholds of matrix.go so that the engine,
// the review and the archetype catalogue read one table.
//
// Sources, each a public figure rounded down to a planning number:
//
//   - One PostgreSQL (or MySQL) primary: comfortable to about 5 TB, where
//     a full restore from a base backup at ~500 MB/s (parallel restore
//     from NVMe or object storage) still fits in about three hours and
//     VACUUM, index builds, replica rebuilds and major-version upgrades
//     stay routine; past it the big tables are partitioned by time and
//     old partitions archived. 10 TB is the planning ceiling for one node
//     (managed offerings allow 64 TiB of disk, but restores run to a day).
//     The review reads the same figure to judge any document.
//   - Simple indexed reads: pgbench's select-only run reaches tens of
//     thousands of transactions per second on a 16–32 core host; 15,000
//     reads/s per node leaves room for real queries and a warm buffer cache.
//     Read replicas multiply that; beyond about 10 replicas, replication
//     fan-out and lag make sharding or a higher cache hit ratio cheaper.
//   - Large items: objects of 100 KB and more are cheaper and safer in
//     object storage (S3/GCS) than in table rows (TOAST, WAL volume,
//     backup size); the database keeps their metadata.
//   - Wide-column stores (Cassandra, DynamoDB, Bigtable) are built for
//     append-heavy data keyed by partition and time, petabytes across
//     nodes; each Cassandra node is usually kept to about 2 TB of data.
//   - Search: PostgreSQL full-text search (tsvector + GIN) serves modest
//     rates over corpora to about 100 GB; Elastic's sizing guide aims for
//     shards of 10–50 GB, so 40 GB per shard; above about 1,000 queries/s
//     a search cluster with replicas spreads the load.
//   - Cache: a Redis node is planned at 50 GB of usable memory (a 64 GB
//     host keeps room for fork-based persistence and fragmentation); one
//     instance does about 100,000 ops/s (RedisOpsPerSecond; Redis's own
//     benchmark page measured about 110,000 SET and 81,000 GET a second
//     on one core of a Xeon X3320 with 50 clients). The review's
//     RedisComfortableBytes (25 GB) is the data set one instance holds
//     comfortably when Redis is the store, not a cache: snapshots and
//     failover resynchronisation copy all of it.
//   - Egress: above about 10 TB a month of responses to the public, a
//     CDN both cuts latency and costs less per GB than origin egress.
//   - Batch: one worker scans about 200 MB/s of sequential data; up to
//     100 GB per run (about 8 minutes) a scheduled worker is enough, and a
//     run must finish well inside its interval; above, a distributed batch
//     engine (Spark, or MapReduce) splits the scan.
const (
	PostgresComfortableBytes = 5e12   // 5 TB: one primary stays routine to operate
	PostgresMaxBytes         = 10e12  // 10 TB: the planning ceiling of one node
	PostgresReadsPerNode     = 15_000 // simple indexed reads/s per PostgreSQL node
	PostgresMaxReplicas      = 10     // read replicas before sharding the reads
	ObjectItemBytes          = 100e3  // items of 100 KB and more are objects
	WideColumnNodeBytes      = 2e12   // data per wide-column node
	SearchFTSBytes           = 100e9  // corpus PostgreSQL full-text search serves
	SearchFTSQueries         = 1_000  // queries/s PostgreSQL full-text search serves
	SearchShardBytes         = 40e9   // bytes per search shard
	SearchNodeQueries        = 2_000  // queries/s one search node (with its shards) serves
	RedisNodeBytes           = 50e9   // usable memory per Redis node
	CDNEgressBytesPerMonth   = 10e12  // egress a month above which a CDN pays
	BatchWorkerScanBytes     = 100e9  // bytes one scheduled worker scans per run
	BatchWorkerBytesPerSec   = 200e6  // sequential scan rate of one worker
)

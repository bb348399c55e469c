package design

// The figures the sizing passes hand on. Each pass that computes figures
// returns its own part: capacity the totals, components what the stores
// hold and take, fleet the API tier's load, the phase and the downtime
// budget. The passes after them take the whole as a parameter (figures);
// none reads a figure from the builder.

// totals are what the capacity pass returns: the peaks summed over the
// workloads of a kind. A figure's Ref is empty when no workload
// contributes.
type totals struct {
	// totalPeak is the load that places the system in the scaling
	// playbook, picked by phaseLoad: client requests, or all work when
	// there are none.
	totalPeak figure
	phaseLoad func(*load) bool
	writes    figure
	events    figure
	queued    figure
}

// stored is what the components pass returns beside its verdicts: the
// growth curve the stores are judged along, where each store's load
// comes from and what it holds.
type stored struct {
	curve []horizon
	// storeOf is where each flow's records live: storeDatabase,
	// storeRecords, storeObjects, or the store of the archetype that
	// absorbs it; flows that keep no records have none.
	storeOf map[*load]string
	// hot is how many months of a tiered write flow stay in the serving
	// store; older ones are in the archive in object storage.
	hot map[*load]float64
	// dbWrites and dbReads are what reaches the relational primary: the
	// writes it stores and the reads no cache absorbs. dbStored and
	// recordsStored are the bytes the relational and wide-column stores
	// hold at the first horizon; objectStored what object storage holds.
	dbWrites, dbReads, dbStored, recordsStored, objectStored figure
	// heldAt is what each store holds at each horizon, by store and
	// horizon name: the figures the horizons' costs are priced from.
	heldAt map[string]map[string]figure
	// cacheReads are the cacheable reads at peak, cacheMem the memory
	// the cache holds for them, and kept the row of the records the
	// write flows keep, once a cache is sized from it.
	cacheReads, cacheMem, kept figure
	// cacheable are the flows whose reads go through the cache: those
	// the requirements mark cacheable, and reads too many for one
	// database node.
	cacheable map[*load]bool
	// backend is, for each cacheable flow, the peak of its reads that
	// miss the cache; cacheMemOf the cache memory it takes.
	backend, cacheMemOf map[*load]figure
	// searchQueries reach the index; corpusFromStores is the search
	// corpus when it is what the row stores keep, so it grows with them.
	searchQueries, corpusFromStores figure
	messagesPerHour                 figure
	egress                          figure
}

// fleetFigures are what the fleet pass returns beside the services it
// places: the client requests the API fleet takes at peak (apiPeak) and
// what one of its servers takes (apiPerServer, cpuclass.go), today's
// scaling phase, and the downtime a month the availability target allows.
type fleetFigures struct {
	apiPeak      figure
	apiPerServer float64
	phase        string
	downtime     figure
}

// figures are every figure the sizing passes handed on, the input of
// the passes after them.
type figures struct {
	totals
	stored
	fleetFigures
}

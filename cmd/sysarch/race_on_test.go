//go:build race

package main

// raceEnabled is true in a binary built with the race detector, which
// allocates on the heap what a plain build does not.
const raceEnabled = true

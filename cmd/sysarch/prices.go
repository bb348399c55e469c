package main

import (
	"os"

	"github.com/sysarch/sysarch/agent/capacity"
)

// maxPricesSize bounds a --prices file: a price table is a few KB.
const maxPricesSize = 1 << 20

// registryWithPrices reads a price table for --prices and returns the
// capacity registry whose cost tool prices from it.
func registryWithPrices(path string) (*capacity.Registry, error) {
	if fi, err := os.Stat(path); err != nil {
		return nil, usageErrorf("--prices %s: %v", path, withoutPath(err))
	} else if !fi.Mode().IsRegular() || fi.Size() > maxPricesSize {
		return nil, usageErrorf("--prices %s: not a price table (a regular YAML file under 1 MiB)", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErrorf("--prices %s: %v", path, withoutPath(err))
	}
	p, err := capacity.ParsePrices(data)
	if err != nil {
		return nil, usageErrorf("--prices %s: %v", path, err)
	}
	return capacity.WithPrices(p), nil
}

package main

import (
	"errors"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/fileio"
)

// maxPricesSize bounds a --prices file: a price table is a few KB.
const maxPricesSize = fileio.MaxInput

// registryWithPrices reads a price table for --prices and returns the
// capacity registry whose cost tool prices from it.
func registryWithPrices(path string) (*capacity.Registry, error) {
	data, err := fileio.ReadFile(path, maxPricesSize)
	switch {
	case errors.As(err, new(*fileio.TooLargeError)) || errors.Is(err, fileio.ErrIsDir):
		return nil, usageErrorf("--prices %s: not a price table (a YAML file under 1 MiB)", path)
	case err != nil:
		return nil, usageErrorf("--prices %s: %v", path, fileio.Cause(err))
	}
	p, err := capacity.ParsePrices(data)
	if err != nil {
		return nil, usageErrorf("--prices %s: %v", path, err)
	}
	return capacity.WithPrices(p), nil
}

package main

import (
	"errors"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/fileio"
	"go.yaml.in/yaml/v3"
)

// newPricesCmd prints the price table the Cost Estimate uses, or a
// template for a --prices file of one's own.
func newPricesCmd(ios *IOStreams) *cobra.Command {
	var template bool
	var file string
	cmd := &cobra.Command{
		Use:   "prices",
		Short: "Print the price table the cost estimates use, or a template for --prices",
		Long: `sysarch prices prints the embedded price table (one reference cloud's list
prices, dated, with their sources). A --prices FILE for design, chat, mcp and
calc gives only what differs: the rest keeps the embedded value. With
--template this prints such a file to start from; with --prices FILE it
prints the table as FILE makes it.`,
		Example: "  sysarch prices\n  sysarch prices --template > prices.yaml\n  sysarch prices --prices prices.yaml",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			switch {
			case template:
				_, err := ios.Out.Write([]byte(capacity.PriceTemplate))
				return err
			case file != "":
				p, err := readPrices(file)
				if err != nil {
					return err
				}
				out, err := yaml.Marshal(p)
				if err != nil {
					return err
				}
				_, err = ios.Out.Write(out)
				return err
			}
			_, err := ios.Out.Write(capacity.PriceTableYAML())
			return err
		},
	}
	cmd.Flags().BoolVar(&template, "template", false, "print a price file to start from")
	cmd.Flags().StringVar(&file, "prices", "", "print the table as this price file makes it")
	return cmd
}

// maxPricesSize bounds a --prices file: a price table is a few KB.
const maxPricesSize = fileio.MaxInput

// registryWithPrices reads a price table for --prices and returns the
// capacity registry whose cost tool prices from it.
func registryWithPrices(path string) (*capacity.Registry, error) {
	p, err := readPrices(path)
	if err != nil {
		return nil, err
	}
	return capacity.WithPrices(p), nil
}

// readPrices reads and checks the price table of --prices.
func readPrices(path string) (*capacity.Prices, error) {
	data, err := fileio.ReadFile(path, maxPricesSize)
	switch {
	case errors.As(err, new(*fileio.TooLargeError)) || errors.Is(err, fileio.ErrIsDir):
		return nil, usageErrorf("--prices %s: not a price table (a YAML file under 1 MiB)", path)
	case err != nil:
		return nil, usageErrorf("--prices %s: %v", path, fileio.Cause(err))
	}
	p, err := capacity.MergePrices(data)
	if err != nil {
		return nil, usageErrorf("--prices %s: %v", path, err)
	}
	return p, nil
}

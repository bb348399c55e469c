package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/sysarch/sysarch/agent/capacity"
)

type calcOptions struct {
	io   *IOStreams
	json bool
}

// newCalcCmd builds calc with a command per tool; calcToolsFor says which
// tools a command line needs.
func newCalcCmd(ios *IOStreams, tools []capacity.Tool) *cobra.Command {
	opts := &calcOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "calc TOOL [--flags]",
		Short: "Run a capacity tool by hand: throughput, storage, servers, availability…",
		Long: `Run one capacity tool with a flag per input. Quantities take the quantity
grammar: 10M, 4B (billion), 1.27KB, 2GiB, 250ms, 3y, 100M/month, 99.9%.
Lists repeat the flag or use commas; maps take name=value pairs.

'sysarch tools' lists the tools; 'sysarch calc TOOL --help' lists its flags.`,
		Example: `  sysarch calc throughput --count 100M --per month
  sysarch calc storage --item-bytes 1.27KB --count 10M --per month --retention 3y
  sysarch calc latency_budget --target 250ms --stages auth=20ms,db=610ms,render=90ms`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("calc needs a tool name; the tools are: %s", strings.Join(capacity.Default().Names(), ", "))
			}
			err := (&capacity.UnknownToolError{Name: args[0], Known: capacity.Default().Names()}).Error()
			c.SuggestionsMinimumDistance = 2
			if s := c.SuggestionsFor(args[0]); len(s) > 0 {
				err = fmt.Sprintf("unknown tool %q; did you mean %s? The tools are: %s", args[0], strings.Join(s, " or "), strings.Join(capacity.Default().Names(), ", "))
			}
			return usageErrorf("%s", err)
		},
		// A mistyped tool name comes with its flags: report the name, not
		// the flags the unknown tool does not have.
		FParseErrWhitelist: cobra.FParseErrWhitelist{UnknownFlags: true},
		RunE:               func(*cobra.Command, []string) error { return nil },
	}
	cmd.PersistentFlags().BoolVar(&opts.json, "json", false, "print the Result as JSON")
	for _, t := range tools {
		cmd.AddCommand(newCalcToolCmd(opts, t))
	}
	return cmd
}

// calcToolsFor returns the capacity tools a command line needs as calc's
// subcommands: none unless it runs calc (or help or completion), and
// only the named tool for "calc TOOL". Building every tool's schema and
// reading the price table cost every command — --help included — when
// calc's commands were all built up front.
func calcToolsFor(args []string) []capacity.Tool {
	words := slices.DeleteFunc(slices.Clone(args), func(a string) bool { return strings.HasPrefix(a, "-") })
	if len(words) == 0 || (words[0] != "calc" && words[0] != "help" && !strings.HasPrefix(words[0], "__complete") && words[0] != "completion") {
		return nil
	}
	if words[0] == "calc" && len(words) > 1 {
		if t, ok := capacity.DefaultTool(words[1]); ok {
			return []capacity.Tool{t}
		}
	}
	return capacity.Default().Tools()
}

// flagField ties a kebab-case flag to the JSON input it fills.
type flagField struct {
	flag, json string
	kind       reflect.Kind
	stages     bool
}

func newCalcToolCmd(opts *calcOptions, t capacity.Tool) *cobra.Command {
	cmd := &cobra.Command{
		Use:   t.Name + " [--flags]",
		Short: t.Description,
		Args:  cobra.NoArgs,
	}
	fields := defineToolFlags(cmd.Flags(), t)
	var pricesFile string
	if t.Name == "cost" {
		cmd.Flags().StringVar(&pricesFile, "prices", "", "price table to use instead of the embedded one (YAML, same layout as sysarch's own)")
	}
	cmd.RunE = func(c *cobra.Command, _ []string) error {
		args, err := flagsToJSON(c.Flags(), fields)
		if err != nil {
			return usageError(err)
		}
		if pricesFile != "" {
			reg, err := registryWithPrices(pricesFile)
			if err != nil {
				return err
			}
			t, _ = reg.Get(t.Name)
		}
		res, err := t.Run(args)
		if err != nil {
			return usageError(flagError(err, fields))
		}
		if opts.json {
			return writeJSON(opts.io.Out, res)
		}
		writeResult(opts.io.Out, res)
		return nil
	}
	return cmd
}

func defineToolFlags(fs *pflag.FlagSet, t capacity.Tool) []flagField {
	var fields []flagField
	for i := range t.InputType.NumField() {
		f := t.InputType.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		ff := flagField{flag: strings.ReplaceAll(name, "_", "-"), json: name, kind: f.Type.Kind()}
		usage := f.Tag.Get("jsonschema")
		switch {
		case f.Type == reflect.TypeFor[capacity.Stages]():
			ff.stages = true
			fs.StringArray(ff.flag, nil, usage+" (name=duration pairs, comma-separated or repeated)")
		case ff.kind == reflect.Slice:
			fs.StringArray(ff.flag, nil, usage+" (comma-separated or repeated)")
		case ff.kind == reflect.Bool:
			fs.Bool(ff.flag, false, usage)
		default:
			fs.String(ff.flag, "", usage)
		}
		fields = append(fields, ff)
	}
	return fields
}

// flagsToJSON turns the flags that were set into the tool's JSON arguments,
// so the CLI goes through the same decoding and validation as the model
// and MCP clients.
func flagsToJSON(fs *pflag.FlagSet, fields []flagField) (json.RawMessage, error) {
	args := map[string]any{}
	for _, f := range fields {
		if !fs.Changed(f.flag) {
			continue
		}
		switch {
		case f.stages:
			vals, _ := fs.GetStringArray(f.flag)
			obj, err := stagesJSON(f.flag, vals)
			if err != nil {
				return nil, err
			}
			args[f.json] = obj
		case f.kind == reflect.Slice:
			vals, _ := fs.GetStringArray(f.flag)
			args[f.json] = splitList(vals)
		case f.kind == reflect.Bool:
			v, _ := fs.GetBool(f.flag)
			args[f.json] = v
		default:
			v, _ := fs.GetString(f.flag)
			args[f.json] = v
		}
	}
	return json.Marshal(args)
}

// splitList splits comma lists, keeping thousands separators ("1,000").
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		parts := strings.Split(v, ",")
		for i, p := range parts {
			p = strings.TrimSpace(p)
			if i > 0 && len(out) > 0 && endsWithDigit(out[len(out)-1]) && thousandsGroup(p) {
				out[len(out)-1] += "," + p
				continue
			}
			if p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// thousandsGroup says whether p continues a number after a comma: three
// digits, then the end or a non-digit ("000", "000.5", "000ms").
func thousandsGroup(p string) bool {
	return len(p) >= 3 && isDigits(p[:3]) && (len(p) == 3 || !isDigit(p[3]))
}

func isDigits(s string) bool {
	for i := range len(s) {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func endsWithDigit(s string) bool { return s != "" && isDigit(s[len(s)-1]) }

// stagesJSON turns name=duration pairs into a JSON object in their order.
func stagesJSON(flag string, vals []string) (json.RawMessage, error) {
	var b strings.Builder
	b.WriteByte('{')
	n := 0
	for _, pair := range splitList(vals) {
		name, val, ok := strings.Cut(pair, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("--%s: expected name=duration pairs like auth=20ms,db=120ms, got %q", flag, pair)
		}
		if n > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(strings.TrimSpace(name))
		v, _ := json.Marshal(strings.TrimSpace(val))
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
		n++
	}
	b.WriteByte('}')
	return json.RawMessage(b.String()), nil
}

// flagError rewrites a tool's input error to name the flag.
func flagError(err error, fields []flagField) error {
	var ie *capacity.InputError
	if !errors.As(err, &ie) || ie.Field == "" {
		return err
	}
	field := ie.Field
	if i := strings.IndexAny(field, "[."); i > 0 {
		field = field[:i]
	}
	for _, f := range fields {
		if f.json == field {
			return fmt.Errorf("--%s%s: %s", f.flag, ie.Field[len(field):], ie.Msg)
		}
	}
	return err
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

package requirements

import (
	"reflect"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"go.yaml.in/yaml/v3"
)

func TestTemplateParses(t *testing.T) {
	r, err := ParseRequirements([]byte(Template()), "requirements.md")
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "URL shortener" || len(r.Workloads) != 4 || r.Users == nil || r.Constraints == nil || r.Features == nil || len(r.Growth) != 3 {
		t.Errorf("template is missing fields: %+v", r)
	}
	if r.Question != "" || r.Current != nil {
		t.Errorf("template asks a question or reports a regression; both should be commented out: %+v", r)
	}
	if len(r.Extracted) != 0 {
		t.Errorf("the template's prose should state no figures, got %+v", r.Extracted)
	}
}

// commentedField matches a commented-out field: "# key:" or "#   key:".
var commentedField = regexp.MustCompile(`(?m)^# (\s*[a-z_0-9]+:)`)

func TestTemplateUncommented(t *testing.T) {
	text := commentedField.ReplaceAllString(Template(), "$1")
	r, err := ParseRequirements([]byte(text), "requirements.md")
	if err != nil {
		t.Fatal(err)
	}
	if r.Question == "" || r.Current == nil || len(r.Current.Stages) != 3 || r.Current.LatencyP95After != 0.9 || len(r.Current.Changes) != 1 {
		t.Errorf("uncommented template: question %q, current %+v", r.Question, r.Current)
	}
}

// TestTemplateCoversSchema checks that every key of the schema appears in
// the template, so a new field cannot be left out of it.
func TestTemplateCoversSchema(t *testing.T) {
	text := commentedField.ReplaceAllString(Template(), "$1")
	var walk func(t reflect.Type, path string)
	walk = func(typ reflect.Type, path string) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct {
			return
		}
		fs := yamlFields(typ)
		for _, name := range fs.names {
			if !regexp.MustCompile(`(?m)^[\s-]*` + name + `:`).MatchString(text) {
				t.Errorf("template lacks %s", joinKey(path, name))
			}
			walk(typ.Field(fs.index[name]).Type, joinKey(path, name))
		}
	}
	walk(reflect.TypeFor[Requirements](), "")
}

// TestRequirementsYAMLRoundTrip checks that requirements written as YAML
// (as chat's /requirements shows them) read back the same.
func TestRequirementsYAMLRoundTrip(t *testing.T) {
	text := commentedField.ReplaceAllString(Template(), "$1")
	want, err := ParseRequirements([]byte(text), "requirements.md")
	if err != nil {
		t.Fatal(err)
	}
	out, err := yaml.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseRequirements(out, "back.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want.Body, want.Extracted = "", nil
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip changed the requirements (-want +got):\n%s\n%s", diff, out)
	}
}

package lazyre

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// packageLevel matches a regular expression compiled in a package-level
// declaration: "var x = regexp.MustCompile(" or, in a var block,
// "\tx = regexp.MustCompile(".
var packageLevel = regexp.MustCompile(`^(var\s+\w+|\t\w+)\s*=\s*regexp\.MustCompile\(`)

// TestNoPackageLevelCompile fails when a non-test file of sysarch compiles
// a regular expression at package level, which every process would pay
// for at start-up; use New instead.
func TestNoPackageLevelCompile(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if packageLevel.MatchString(line) {
				t.Errorf("%s:%d compiles a regular expression at package level; use lazyre.New", path, i+1)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

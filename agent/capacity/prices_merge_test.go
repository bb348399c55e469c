package capacity

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// TestMergePricesKeepsWhatTheFileLeavesOut: a file of three lines changes
// the compute family and keeps every other price of the embedded table.
func TestMergePricesKeepsWhatTheFileLeavesOut(t *testing.T) {
	p, err := MergePrices([]byte("date: 2026-01-01\nsources: [our contract]\ninstances:\n  compute:\n    - {name: c.8xlarge, vcpu: 32, memory: 128GiB, hourly: 1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Instances["compute"]) != 1 || p.Instances["compute"][0].Name != "c.8xlarge" {
		t.Errorf("compute = %+v, want the file's family", p.Instances["compute"])
	}
	base := DefaultPrices()
	if len(p.Instances["database"]) != len(base.Instances["database"]) || p.CDNTiers[0] != base.CDNTiers[0] {
		t.Error("the families the file leaves out are not the embedded ones")
	}
	if p.Date != "2026-01-01" || p.Sources[0] != "our contract" || !strings.Contains(p.Region, base.Region) {
		t.Errorf("date %q, sources %v, region %q", p.Date, p.Sources, p.Region)
	}
	r, err := WithPrices(p).Call("cost", json.RawMessage(`{"component":"compute","vcpu":4}`))
	if err != nil || r.Outputs["monthly_usd"].(float64) != 730 {
		t.Errorf("compute priced %v, %v; want the file's $1/h × 730 h", r.Outputs["monthly_usd"], err)
	}
	// The embedded table itself is untouched.
	if DefaultPrices().Instances["compute"][0].Name != base.Instances["compute"][0].Name || len(DefaultPrices().Instances["compute"]) < 2 {
		t.Error("merging changed the embedded table")
	}
	for bad, want := range map[string]string{
		"":                   "empty",
		"sources: [x]\n":     "date:",
		"date: 2026-01-01\n": "sources:",
		"date: 2026-01-01\nsources: [x]\nprice: 1\n":                 "not found",
		"date: 2026-01-01\nsources: [x]\ninstances: {compute: []}\n": "instances.compute",
	} {
		if _, err := MergePrices([]byte(bad)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("MergePrices(%q) = %v, want an error naming %q", bad, err, want)
		}
	}
}

// TestPriceTemplateMerges: the template reads as it is and with every key
// uncommented.
func TestPriceTemplateMerges(t *testing.T) {
	if _, err := MergePrices([]byte(PriceTemplate)); err != nil {
		t.Fatalf("template: %v", err)
	}
	full := regexp.MustCompile(`(?m)^# ( *[a-z_]+:|\s+- )`).ReplaceAllString(PriceTemplate, "$1")
	p, err := MergePrices([]byte(full))
	if err != nil {
		t.Fatalf("template uncommented: %v\n%s", err, full)
	}
	if p.Instances["search_node"][0].Name != "search.xlarge" || p.Region != "Example cloud, eu-west, negotiated" {
		t.Errorf("uncommented template not read: %+v", p.Instances["search_node"])
	}
}

// TestMergeNetworkPrice: a file that gives one network price keeps the
// other two from the embedded table, and the cost tool prices traffic
// between zones with it.
func TestMergeNetworkPrice(t *testing.T) {
	p, err := MergePrices([]byte("date: 2026-01-01\nsources: [our contract]\nnetwork: {cross_az_per_gb: 0.02}\n"))
	if err != nil {
		t.Fatal(err)
	}
	base := DefaultPrices()
	if p.Network.CrossAZPerGB != 0.02 || p.Network.NATHourly != base.Network.NATHourly || p.Network.NATPerGB != base.Network.NATPerGB {
		t.Errorf("network = %+v, want the file's cross-zone price and the embedded NAT prices %+v", p.Network, base.Network)
	}
	r, err := WithPrices(p).Call("cost", json.RawMessage(`{"component":"cross_az","transfer_per_month":1073741824000}`))
	if err != nil || r.Outputs["monthly_usd"].(float64) != 1000*0.02*2 {
		t.Errorf("1,000 GiB between zones priced %v, %v; want $40", r.Outputs["monthly_usd"], err)
	}
	if _, err := MergePrices([]byte("date: 2026-01-01\nsources: [x]\nnetwork: {nat_gateway_per_gb: -1}\n")); err == nil || !strings.Contains(err.Error(), "network.nat_gateway_per_gb") {
		t.Errorf("a negative NAT price: %v", err)
	}
}

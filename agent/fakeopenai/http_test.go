package fakeopenai_test

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// rawResponse is an answer read with plain net/http, for what go-openai
// cannot send or does not show.
type rawResponse struct {
	status int
	header http.Header
	body   string
	err    apiError
	fields []string // the keys of the error object, sorted
}

type apiError struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

// post sends body to the chat completions endpoint, or to methodPath
// ("GET /v1/models") when given.
func post(t *testing.T, srv *fakeopenai.Server, key, body string, methodPath ...string) rawResponse {
	t.Helper()
	method, url := http.MethodPost, srv.URL()+"/chat/completions"
	if len(methodPath) == 2 {
		method, url = methodPath[0], strings.TrimSuffix(srv.URL(), "/v1")+methodPath[1]
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := rawResponse{status: resp.StatusCode, header: resp.Header, body: string(data)}
	if resp.StatusCode >= 400 && strings.HasPrefix(string(data), "{") {
		var e struct {
			Error json.RawMessage `json:"error"`
		}
		if err := json.Unmarshal(data, &e); err != nil {
			t.Fatalf("error body %s: %v", data, err)
		}
		var fields map[string]any
		json.Unmarshal(e.Error, &fields)
		for k := range fields {
			r.fields = append(r.fields, k)
		}
		slices.Sort(r.fields)
		json.Unmarshal(e.Error, &r.err)
	}
	return r
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

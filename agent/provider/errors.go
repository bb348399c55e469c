package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	openai "github.com/sashabaranov/go-openai"
	"github.com/sysarch/sysarch/agent/termsafe"
)

// errorText finds the provider's own message in an error body or an
// error value, whatever its shape: OpenAI's {"error": {"message"}},
// Gemini's array of those, vLLM's and Mistral's {"object": "error",
// "message"}, Anthropic's {"type": "error", "error": {…}}, FastAPI's
// {"detail": …}, a bare string, or plain text.
func errorText(body []byte) string {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return plainText(string(body))
	}
	if msg := messageIn(v, 0); msg != "" {
		return msg
	}
	return plainText(string(body))
}

// messageIn digs the message out of a decoded error, with its code or
// type when there is one.
func messageIn(v any, depth int) string {
	if depth > 4 {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var parts []string
		for _, e := range x {
			if m := messageIn(e, depth+1); m != "" && !contains(parts, m) {
				parts = append(parts, m)
			}
		}
		return strings.Join(parts, "; ")
	case map[string]any:
		for _, k := range []string{"error", "detail", "errors"} {
			if inner, ok := x[k]; ok {
				if m := messageIn(inner, depth+1); m != "" {
					return m
				}
			}
		}
		msg, _ := x["message"].(string)
		if msg == "" {
			msg, _ = x["msg"].(string)
		}
		if msg == "" {
			return ""
		}
		for _, k := range []string{"code", "status"} {
			if c, ok := x[k].(string); ok && c != "" && !strings.Contains(msg, c) {
				return msg + " (" + c + ")"
			}
		}
		return msg
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// plainText shortens a body that is not JSON to a readable line; an HTML
// page is named as such rather than printed.
func plainText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if l := strings.ToLower(s); strings.HasPrefix(l, "<!doctype") || strings.HasPrefix(l, "<html") {
		return "an HTML page instead of an API answer (is the URL the API's, ending in /v1?)"
	}
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// explain turns a failed request into one line that says what is wrong,
// where, how many tries it took, and what to do, without the key.
func (c *Client) explain(err error, tries int) (out error) {
	where := c.cfg.BaseURL
	status, detail := 0, ""
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	var se *streamError
	var cut *cutError
	var te *timeoutError
	var msg string
	switch {
	case errors.As(err, &se):
		detail = se.message
		msg = fmt.Sprintf("reached %s, but the answer stream reported an error", where)
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode == 0:
		detail = apiErr.Message
		msg = fmt.Sprintf("reached %s, but the answer stream reported an error", where)
	case errors.As(err, &apiErr):
		code, _ := apiErr.Code.(string)
		status, detail = apiErr.HTTPStatusCode, messageIn(map[string]any{"message": apiErr.Message, "code": code}, 0)
	case errors.As(err, &reqErr):
		status, detail = reqErr.HTTPStatusCode, errorText(reqErr.Body)
		if detail == "" && reqErr.Err != nil {
			detail = reqErr.Err.Error()
		}
	case errors.As(err, &cut):
		msg = fmt.Sprintf("reached %s, but the answer stream broke off", where)
		detail = errString(cut.err)
	case errors.As(err, &te):
		msg = fmt.Sprintf("reached %s, but it did not start answering", where)
		detail = te.Error()
	default:
		msg = fmt.Sprintf("could not connect to %s", where)
		detail = errString(err)
		defer func() { out = unreachable{out} }()
	}
	if status != 0 {
		msg = c.statusLine(status, tries)
	} else if tries > 1 {
		msg += fmt.Sprintf(" (%d tries)", tries)
	}
	if detail = strings.TrimSpace(strings.ReplaceAll(detail, "(<nil>)", "")); detail != "" {
		msg += ": " + detail
	}
	if h := c.hint(status, detail); h != "" {
		msg += "; " + h
	}
	// The detail is the provider's own text: shown on one line, never
	// obeyed by the terminal it is printed on.
	return errors.New(termsafe.Line(redact(msg, c.cfg.APIKey)))
}

// ErrUnreachable is matched (errors.Is) by a request that never reached
// the server: refused, unresolved, no route. A chat can then go on
// without the model.
var ErrUnreachable = errors.New("the model's server cannot be reached")

type unreachable struct{ error }

func (u unreachable) Is(target error) bool { return target == ErrUnreachable }

// statusLine says what an HTTP error status means for the request.
func (c *Client) statusLine(status, tries int) string {
	where := c.cfg.BaseURL
	after := ""
	if tries > 1 {
		after = fmt.Sprintf(" after %d tries", tries)
	}
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		if c.cfg.KeySource == "" {
			return fmt.Sprintf("%s refused the request (%d): no API key is set", where, status)
		}
		return fmt.Sprintf("the API key in %s was rejected by %s (%d)", c.cfg.KeySource, where, status)
	case http.StatusTooManyRequests:
		return fmt.Sprintf("%s is rate limiting (429)%s; wait and try again", where, after)
	}
	if status >= 500 {
		return fmt.Sprintf("reached %s, but it failed with %d%s", where, status, after)
	}
	return fmt.Sprintf("reached %s, but it rejected the request (%d)%s", where, status, after)
}

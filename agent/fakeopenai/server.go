package fakeopenai

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// verdicts remembers the verdict on each tool schema seen, across
// servers: a client sends the same tools every round trip and every test,
// compiling them is most of a server's work, and a verdict depends on
// the schema alone.
var verdicts sync.Map // string(raw parameters) → error or nil

// Server is a scripted OpenAI-compatible server. Its methods are safe for
// concurrent use.
type Server struct {
	cfg       config
	report    func(string) // called for every request a correct client would not send
	http      *httptest.Server
	closing   chan struct{} // closed by Close, to cut latency waits short
	closeOnce sync.Once

	mu       sync.Mutex // guards the fields below
	next     int        // index of the next reply of cfg.replies
	requests []Request
	failures []string
}

// config is what the options set; it does not change once the server runs.
type config struct {
	replies []Reply
	apiKey  string // "" accepts any key
	noAuth  bool
	model   string // "" accepts any model
	latency time.Duration

	// Provider quirks; see Preset.
	quirks         []Quirk
	shape          Shape  // of error bodies
	reasoningField string // the field reasoning deltas come in
	keepAlive      int    // comment lines before each stream
}

// Option configures a Server.
type Option func(*config)

// Replies sets the script: the replies, in order, to the chat completion
// requests the server receives.
func Replies(r ...Reply) Option { return func(c *config) { c.replies = append(c.replies, r...) } }

// APIKey makes the server accept only this bearer key; others get 401.
// Without it, any non-empty key is accepted.
func APIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// NoAuth makes the server accept requests without a key, like a local Ollama.
func NoAuth() Option { return func(c *config) { c.noAuth = true } }

// Model makes the server serve only this model; others get 404.
func Model(name string) Option { return func(c *config) { c.model = name } }

// Latency sets the wait before the first byte of every reply that does not
// set its own.
func Latency(d time.Duration) Option { return func(c *config) { c.latency = d } }

// New starts a server on 127.0.0.1 for the test and closes it when the test
// ends. Requests a correct client would not send fail the test.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := NewServer(opts...)
	s.report = func(msg string) { t.Errorf("fakeopenai: %s", msg) }
	if err := s.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// NewServer makes a server that is not yet listening; see Start. Requests a
// correct client would not send are kept for Failures.
func NewServer(opts ...Option) *Server {
	s := &Server{closing: make(chan struct{})}
	for _, opt := range opts {
		opt(&s.cfg)
	}
	return s
}

// Start serves on addr, which must be a loopback address ("127.0.0.1:0"
// picks a free port).
func (s *Server) Start(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("fakeopenai: %s is not a loopback address", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.http = &httptest.Server{Listener: ln, Config: &http.Server{Handler: s}}
	s.http.Start()
	return nil
}

// Close stops the server, abandoning replies still waiting out their latency.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closing)
		if s.http != nil {
			s.http.Close()
		}
	})
}

// URL is the API's base URL, ending in /v1, as OPENAI_BASE_URL expects it.
// The server must have been started.
func (s *Server) URL() string { return s.http.URL + "/v1" }

// Requests are the chat completion requests received so far, in order,
// including rejected ones.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RoundTrips is the number of chat completion requests received so far.
func (s *Server) RoundTrips() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// Failures are the reasons of requests a correct client would not have sent.
func (s *Server) Failures() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.failures...)
}

func (s *Server) fail(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.mu.Lock()
	s.failures = append(s.failures, msg)
	s.mu.Unlock()
	if s.report != nil {
		s.report(msg)
	}
}

// ServeHTTP answers POST /v1/chat/completions and GET /v1/models; any other
// request is an invalid URL, as a client with a wrong base URL would see.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/v1/chat/completions":
		s.chat(w, r)
	case r.Method == http.MethodGet && r.URL.Path == "/v1/models":
		if err := s.authorize(r); err != nil {
			err.write(w)
			return
		}
		s.models(w)
	default:
		s.fail("%s %s: not an endpoint of the API", r.Method, r.URL.Path)
		errInvalidURL(r.Method, r.URL.Path).write(w)
	}
}

// authorize checks the bearer key.
func (s *Server) authorize(r *http.Request) *apiError {
	if s.cfg.noAuth {
		return nil
	}
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	switch {
	case !ok || key == "":
		return errNoKey()
	case s.cfg.apiKey != "" && key != s.cfg.apiKey:
		return errWrongKey()
	}
	return nil
}

func (s *Server) models(w http.ResponseWriter) {
	name := s.cfg.model
	if name == "" {
		name = "fake-model"
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": []map[string]any{
		{"id": name, "object": "model", "created": 1700000000, "owned_by": "fakeopenai"},
	}})
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 32<<20))
	if err != nil {
		invalidRequest("Could not read the request body.", "", "").write(w)
		return
	}
	req, apiErr := decodeRequest(body)
	req.Header = r.Header.Clone()
	round := s.record(req)
	if err := s.authorize(r); err != nil {
		err.in(s.cfg.shape).write(w)
		return
	}
	if apiErr == nil {
		apiErr = validate(req, s.checkParameters, s.leniency())
	}
	if apiErr != nil {
		s.fail("request %d rejected: %s (param %s)", round, apiErr.Message, deref(apiErr.Param))
		apiErr.write(w)
		return
	}
	if err := s.checkQuirks(req); err != nil {
		err.in(s.cfg.shape).write(w)
		return
	}
	if s.cfg.model != "" && req.Model != s.cfg.model {
		errUnknownModel(req.Model).in(s.cfg.shape).write(w)
		return
	}
	reply, ok := s.take(req)
	if !ok {
		s.fail("request %d: the script has no reply left (it has %d)", round, len(s.cfg.replies))
		errStatus(http.StatusInternalServerError).write(w)
		return
	}
	if !s.wait(r, reply) {
		return
	}
	s.serve(w, req, reply, round)
}

// record keeps req and returns its round trip number, counting from 1.
func (s *Server) record(req Request) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
	return len(s.requests)
}

// take is the reply to req: the next of the script, or the one repeating.
func (s *Server) take(req Request) (Reply, bool) {
	s.mu.Lock()
	if s.next >= len(s.cfg.replies) {
		s.mu.Unlock()
		return Reply{}, false
	}
	reply := s.cfg.replies[s.next]
	if !reply.Repeat {
		s.next++
	}
	s.mu.Unlock()
	if reply.Func != nil {
		latency := reply.Latency
		reply = reply.Func(req)
		reply.Latency = max(reply.Latency, latency)
	}
	return reply, true
}

// wait waits out the reply's latency; false if the client or server gave up.
func (s *Server) wait(r *http.Request, reply Reply) bool {
	d := reply.Latency
	if d == 0 {
		d = s.cfg.latency
	}
	if d <= 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
	case <-s.closing:
	}
	return false
}

func deref(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

// checkParameters is checkParameters, remembered per schema.
func (s *Server) checkParameters(raw json.RawMessage) error {
	if v, ok := verdicts.Load(string(raw)); ok {
		err, _ := v.(error)
		return err
	}
	err := checkParameters(raw)
	verdicts.Store(string(raw), err)
	return err
}

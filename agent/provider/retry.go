package provider

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
)

// retryDoer retries requests that failed for a passing reason — 429, 500,
// 502, 503, 504, a reset or refused connection — with exponential backoff
// and jitter, honouring Retry-After. Other statuses go back at once.
type retryDoer struct {
	client  *http.Client
	tries   int           // attempts in all
	base    time.Duration // first backoff
	max     time.Duration // longest wait
	timeout time.Duration // per attempt, until the response headers arrive
	// onRetry is told of each retry, for logs and counts.
	onRetry func(attempt int, status int, wait time.Duration, err error)
	sleep   func(ctx context.Context, d time.Duration) error
	// now reads Retry-After dates; nil falls back to the backoff.
	now func() time.Time
	// patch, when set, rewrites the request body before it is sent.
	patch func([]byte) []byte
}

func newRetryDoer(timeout time.Duration) *retryDoer {
	return &retryDoer{client: &http.Client{}, tries: 4, base: 500 * time.Millisecond, max: 30 * time.Second, timeout: timeout, sleep: sleepCtx}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func retryable(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

func retryableErr(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var ne net.Error
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.As(err, &ne) && ne.Timeout()
}

// Do sends req, retrying as described on retryDoer.
func (d *retryDoer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if d.patch != nil && req.Body != nil {
		body, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = d.patch(body)
		req.ContentLength = int64(len(body))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		req.Body, _ = req.GetBody()
	}
	for attempt := 1; ; attempt++ {
		r := req
		if attempt > 1 && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			r = req.Clone(ctx)
			r.Body = body
		}
		resp, err := d.once(r)
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		again := attempt < d.tries && ctx.Err() == nil && (err != nil && retryableErr(err) || err == nil && retryable(status))
		if !again {
			if err == nil && resp.StatusCode == http.StatusOK {
				resp.Body = normalize(resp.Body)
			}
			return resp, err
		}
		wait := d.backoff(attempt, resp)
		if resp != nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
			resp.Body.Close()
		}
		if d.onRetry != nil {
			d.onRetry(attempt, status, wait, err)
		}
		if err := d.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// once sends one attempt with a timeout on getting the response headers;
// the body (a stream) is read under the caller's context alone.
func (d *retryDoer) once(r *http.Request) (*http.Response, error) {
	if d.timeout <= 0 {
		return d.client.Do(r)
	}
	ctx, cancel := context.WithCancel(r.Context())
	timer := time.AfterFunc(d.timeout, cancel)
	resp, err := d.client.Do(r.WithContext(ctx))
	stopped := timer.Stop()
	if err == nil && !stopped {
		resp.Body.Close()
	}
	if err != nil || !stopped {
		cancel()
		if !stopped && r.Context().Err() == nil {
			return nil, &timeoutError{after: d.timeout}
		}
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type timeoutError struct{ after time.Duration }

func (e *timeoutError) Error() string {
	return "no response within " + e.after.String() + " (raise --timeout if the model is slow)"
}
func (e *timeoutError) Timeout() bool   { return true }
func (e *timeoutError) Temporary() bool { return true }

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// backoff is base·2^(attempt-1) with ±50% jitter, capped, unless the
// server said when to come back.
func (d *retryDoer) backoff(attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if s := resp.Header.Get("Retry-After"); s != "" {
			if secs, err := strconv.ParseFloat(s, 64); err == nil && secs >= 0 {
				return min(time.Duration(secs*float64(time.Second)), d.max)
			}
			if t, err := http.ParseTime(s); err == nil && d.now != nil {
				return min(max(t.Sub(d.now()), 0), d.max)
			}
		}
	}
	wait := d.base << (attempt - 1)
	jitter := time.Duration(rand.Int64N(int64(wait))) - wait/2
	return min(wait+jitter, d.max)
}

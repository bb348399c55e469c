package provider

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
)

// chunk is one streamed piece of an answer, read with the fields that
// go-openai's types drop: reasoning under either name, the extra fields
// of a tool call, and an error sent inside the stream.
type chunk struct {
	Object  string          `json:"object"`
	Message string          `json:"message"` // {"object": "error", "message": …}
	Error   json.RawMessage `json:"error"`
	Choices []struct {
		Delta        wireMessage `json:"delta"`
		Message      wireMessage `json:"message"` // a whole completion
		FinishReason string      `json:"finish_reason"`
	} `json:"choices"`
	Usage *struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
	} `json:"usage"`
}

type wireMessage struct {
	Content          string     `json:"content"`
	ReasoningContent string     `json:"reasoning_content"`
	Reasoning        string     `json:"reasoning"`
	ToolCalls        []wireCall `json:"tool_calls"`
}

type wireCall struct {
	Index    *int   `json:"index"`
	ID       string `json:"id"`
	Function struct {
		Name string `json:"name"`
		// Arguments is a JSON string as the API defines it, or, from
		// some servers, the arguments object itself.
		Arguments json.RawMessage `json:"arguments"`
	} `json:"function"`
	ExtraContent json.RawMessage `json:"extra_content"`
}

// arguments returns the call's arguments text, whichever form it came in.
func (c wireCall) arguments() string {
	raw := bytes.TrimSpace(c.Function.Arguments)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// streamError is an error the server reported inside a stream it had
// begun with status 200.
type streamError struct{ message string }

func (e *streamError) Error() string { return e.message }

// inStreamError returns the error a chunk carries, if any: an "error"
// object (OpenAI, Groq's error event, OpenRouter's error chunk), vLLM's
// {"object": "error"}, or a choice finishing with reason "error".
func (c *chunk) inStreamError() error {
	if len(c.Error) > 0 && string(c.Error) != "null" {
		return &streamError{errorText(c.Error)}
	}
	if c.Object == "error" {
		return &streamError{c.Message}
	}
	for _, ch := range c.Choices {
		if ch.FinishReason == "error" {
			return &streamError{"the answer ended with finish_reason \"error\""}
		}
	}
	return nil
}

// errorEvent marks a data line rewritten from an SSE error event, so that
// go-openai passes it on instead of reading it as a body of its own.
const errorEvent = `{"object":"error.event","error":`

// normalize rewrites the body of a successful answer into the plain
// stream go-openai reads: data lines only. Keep-alive comments, event
// names and blank lines go, so they never count against its limit of
// empty messages; an error event's data becomes a chunk carrying the
// error; and a whole JSON completion, sent by servers that ignore
// "stream": true, becomes the one chunk it amounts to.
func normalize(body io.ReadCloser) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		defer body.Close()
		pw.CloseWithError(rewrite(body, pw))
	}()
	return &pipeBody{PipeReader: pr, body: body}
}

// pipeBody closes the server's body too, so a cancelled read ends.
type pipeBody struct {
	*io.PipeReader
	body io.Closer
}

func (p *pipeBody) Close() error {
	p.body.Close()
	return p.PipeReader.Close()
}

func rewrite(body io.Reader, w io.Writer) error {
	r := bufio.NewReaderSize(body, 64<<10)
	first, err := r.Peek(1)
	for err == nil && (first[0] == ' ' || first[0] == '\n' || first[0] == '\r' || first[0] == '\t') {
		r.ReadByte()
		first, err = r.Peek(1)
	}
	if err == nil && (first[0] == '{' || first[0] == '[') {
		return wholeAsStream(r, w)
	}
	event := ""
	for {
		line, err := r.ReadString('\n')
		if err != nil && err != io.EOF {
			return err // a line cut short by a dropped connection is not passed on
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			event = ""
		case strings.HasPrefix(trimmed, "event:"):
			event = strings.TrimSpace(strings.TrimPrefix(trimmed, "event:"))
		case strings.HasPrefix(trimmed, "data:"):
			data := strings.TrimSpace(strings.TrimPrefix(trimmed, "data:"))
			if werr := writeData(w, data, event == "error"); werr != nil {
				return werr
			}
		}
		// Comments (":"), id: and retry: lines are dropped.
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// writeData writes one data line; an error payload is wrapped so that it
// reaches the client as a chunk.
func writeData(w io.Writer, data string, isError bool) error {
	switch {
	case strings.HasPrefix(data, `{"error"`):
		data = errorEvent + data + "}"
	case isError && strings.HasPrefix(data, "{"):
		data = errorEvent + data + "}"
	case isError:
		b, _ := json.Marshal(data)
		data = errorEvent + string(b) + "}"
	}
	_, err := io.WriteString(w, "data: "+data+"\n")
	return err
}

// wholeAsStream turns a whole chat.completion into one chunk and [DONE].
func wholeAsStream(r io.Reader, w io.Writer) error {
	data, err := io.ReadAll(io.LimitReader(r, 16<<20))
	if err != nil {
		return err
	}
	var c chunk
	if json.Unmarshal(data, &c) != nil {
		// Not a completion: pass it on as a data line, so the client
		// reports what it was.
		return writeData(w, string(bytes.Join(bytes.Fields(data), []byte(" "))), true)
	}
	for i := range c.Choices {
		ch := &c.Choices[i]
		if len(ch.Delta.ToolCalls) == 0 && ch.Delta.Content == "" {
			ch.Delta = ch.Message
		}
		for j := range ch.Delta.ToolCalls {
			if ch.Delta.ToolCalls[j].Index == nil {
				ch.Delta.ToolCalls[j].Index = &j
			}
		}
		ch.Message = wireMessage{}
	}
	out, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "data: "+string(out)+"\ndata: [DONE]\n")
	return err
}

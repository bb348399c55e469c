package mcp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/sysarch/sysarch/agent/fileio"
)

// decodeFrame decodes one line into a message, or returns the encoded
// error response that answers it instead.
func decodeFrame(line []byte, long bool) (jsonrpc.Message, []byte) {
	line = bytes.TrimSpace(line)
	switch {
	case long:
		return nil, errorReply(findID(line), jsonrpc.CodeInvalidRequest,
			fmt.Sprintf("the message is longer than %s; tool arguments are limited to %s", fileio.Size(MaxFrame), fileio.Size(fileio.MaxInput)))
	case !json.Valid(line):
		return nil, errorReply(findID(line), jsonrpc.CodeParseError, "parse error: the line is not valid JSON; send one JSON-RPC message per line")
	case line[0] == '[':
		return nil, errorReply(nil, jsonrpc.CodeInvalidRequest, "batches are not accepted: send one JSON-RPC message per line")
	case line[0] != '{':
		return nil, errorReply(nil, jsonrpc.CodeInvalidRequest, "invalid request: a JSON-RPC message is a JSON object")
	}
	msg, err := jsonrpc.DecodeMessage(line)
	if err != nil {
		return nil, errorReply(findID(line), jsonrpc.CodeInvalidRequest, "invalid request: "+strings.TrimPrefix(err.Error(), "unmarshaling jsonrpc message: "))
	}
	return msg, nil
}

// errorReply encodes a JSON-RPC error response. A nil id is written as
// null, as JSON-RPC asks when the request's id cannot be known.
func errorReply(id json.RawMessage, code int64, msg string) []byte {
	if id == nil {
		id = json.RawMessage("null")
	}
	b, _ := marshalVerbatim(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   jsonrpc.Error   `json:"error"`
	}{"2.0", id, jsonrpc.Error{Code: code, Message: msg}})
	return b
}

// marshalVerbatim is json.Marshal without HTML escaping, so that an id
// such as "a&b" is written back byte for byte, not as "a\u0026b".
func marshalVerbatim(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// findID looks for a usable id (a string or a number) among the first
// members of an object, in a line that may be cut or invalid further on:
// clients write the id before the params, so a request too long or broken
// inside its arguments is still answered under its own id.
func findID(line []byte) json.RawMessage {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil
		}
		if key == "id" {
			if len(v) > 0 && (v[0] == '"' || v[0] == '-' || v[0] >= '0' && v[0] <= '9') {
				return v
			}
			return nil
		}
	}
	return nil
}

// fixResponse gives the SDK's code-less errors a JSON-RPC code: a call
// made before initialize is an invalid request, anything else without a
// code an internal error. Code 0 is not a JSON-RPC error code.
func fixResponse(resp *jsonrpc.Response) *jsonrpc.Response {
	var we *jsonrpc.Error
	if resp.Error == nil || errors.As(resp.Error, &we) && we.Code != 0 {
		return resp
	}
	fixed := &jsonrpc.Error{Code: jsonrpc.CodeInternalError, Message: resp.Error.Error()}
	if strings.Contains(fixed.Message, "invalid during session initialization") {
		fixed.Code = jsonrpc.CodeInvalidRequest
		fixed.Message += "; send initialize first"
	}
	return &jsonrpc.Response{ID: resp.ID, Result: resp.Result, Error: fixed}
}

package fakeopenai

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
)

// apiError is an error answer in the API's shape:
// {"error": {"message", "type", "param", "code"}} with null for an absent
// param or code.
type apiError struct {
	status  int
	shape   Shape   // the body's form; "" is OpenAI's
	status2 string  // Gemini's status name, for the array shape
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

func newAPIError(status int, message, typ, param, code string) *apiError {
	e := &apiError{status: status, Message: message, Type: typ}
	if param != "" {
		e.Param = &param
	}
	if code != "" {
		e.Code = &code
	}
	return e
}

// invalidRequest is a 400 invalid_request_error about param.
func invalidRequest(message, param, code string) *apiError {
	return newAPIError(http.StatusBadRequest, message, "invalid_request_error", param, code)
}

func errInvalidJSON() *apiError {
	return invalidRequest("We could not parse the JSON body of your request. "+
		"The OpenAI API expects a JSON payload, but what was sent was not valid JSON.", "", "")
}

func errNoKey() *apiError {
	return newAPIError(http.StatusUnauthorized, "You didn't provide an API key. You need to provide your API key "+
		"in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
		"invalid_request_error", "", "")
}

// errWrongKey deliberately does not echo the key, even redacted, so a test
// that checks a client never prints its key cannot be fooled by the server.
func errWrongKey() *apiError {
	return newAPIError(http.StatusUnauthorized, "Incorrect API key provided. "+
		"You can find your API key at https://platform.openai.com/account/api-keys.",
		"invalid_request_error", "", "invalid_api_key")
}

func errUnknownModel(model string) *apiError {
	return newAPIError(http.StatusNotFound,
		fmt.Sprintf("The model `%s` does not exist or you do not have access to it.", model),
		"invalid_request_error", "", "model_not_found")
}

func errInvalidURL(method, path string) *apiError {
	return newAPIError(http.StatusNotFound, fmt.Sprintf("Invalid URL (%s %s)", method, path),
		"invalid_request_error", "", "")
}

// errStatus is the error the API sends with a scripted error status.
func errStatus(status int) *apiError {
	switch status {
	case http.StatusTooManyRequests:
		return newAPIError(status, "Rate limit reached for requests. Please try again later.",
			"requests", "", "rate_limit_exceeded")
	case http.StatusInternalServerError:
		return newAPIError(status, "The server had an error while processing your request. Sorry about that!",
			"server_error", "", "")
	case http.StatusServiceUnavailable:
		return newAPIError(status, "The engine is currently overloaded, please try again later.",
			"server_error", "", "")
	case http.StatusUnauthorized:
		return errWrongKey()
	}
	typ := "invalid_request_error"
	if status >= 500 {
		typ = "server_error"
	}
	return newAPIError(status, http.StatusText(status), typ, "", "")
}

// write sends e as the response, in its shape.
func (e *apiError) write(w http.ResponseWriter) {
	var body []byte
	contentType := "application/json"
	switch e.shape {
	case ShapeArray:
		body, _ = json.Marshal([]any{map[string]any{"error": map[string]any{
			"code": e.status, "message": e.Message, "status": cmp.Or(e.status2, "INVALID_ARGUMENT")}}})
	case ShapeObject:
		body, _ = json.Marshal(map[string]any{"object": "error", "message": e.Message,
			"type": cmp.Or(e.Type, "BadRequestError"), "param": e.Param, "code": e.status})
	case ShapeAnthropic:
		body, _ = json.Marshal(map[string]any{"type": "error", "error": map[string]any{
			"type": e.Type, "message": e.Message}})
	case ShapeText:
		contentType, body = "text/plain; charset=utf-8", []byte(e.Message)
	default:
		body, _ = json.Marshal(map[string]*apiError{"error": e})
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(e.status)
	w.Write(append(body, '\n'))
}

// in returns e in shape, unless it has one of its own.
func (e *apiError) in(shape Shape) *apiError {
	if e.shape == "" {
		e.shape = shape
	}
	return e
}

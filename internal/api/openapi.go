package api

import (
	_ "embed"
	"net/http"
	"strconv"
)

// openapiJSON is the OpenAPI 3.0 document of every route, written by hand
// beside the code; a test checks it against real responses.
//
//go:embed openapi.json
var openapiJSON []byte

// OpenAPI returns a copy of the OpenAPI document served at
// /api/openapi.json.
func OpenAPI() []byte { return append([]byte(nil), openapiJSON...) }

func (s *server) openapi(w http.ResponseWriter, r *http.Request) {
	if err := noParams(r); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(openapiJSON)))
	w.Write(openapiJSON)
}

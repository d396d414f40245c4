package document

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaJSON is the JSON Schema (draft 2020-12) of sitrep.document/v1.
//
//go:embed schema/document-v1.schema.json
var schemaJSON []byte

// schemaURL is the $id of the embedded schema; it is only used as a key and
// never fetched.
const schemaURL = "https://github.com/sitrep/sitrep/internal/document/schema/document-v1.schema.json"

var (
	compileOnce sync.Once
	compiled    *jsonschema.Schema
	compileErr  error
)

// JSONSchema returns a copy of the embedded JSON Schema of sitrep.document/v1.
func JSONSchema() []byte {
	return bytes.Clone(schemaJSON)
}

// compiledSchema compiles the embedded schema the first time it is needed.
func compiledSchema() (*jsonschema.Schema, error) {
	compileOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
		if err != nil {
			compileErr = fmt.Errorf("document: parse embedded schema: %w", err)
			return
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource(schemaURL, doc); err != nil {
			compileErr = fmt.Errorf("document: add embedded schema: %w", err)
			return
		}
		compiled, compileErr = c.Compile(schemaURL)
		if compileErr != nil {
			compileErr = fmt.Errorf("document: compile embedded schema: %w", compileErr)
		}
	})
	return compiled, compileErr
}

// Validate checks that jsonBytes is one JSON value that conforms to the
// sitrep.document/v1 schema. The error, when the document does not conform,
// is a *jsonschema.ValidationError listing every violation with its JSON
// pointer.
func Validate(jsonBytes []byte) error {
	sch, err := compiledSchema()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(jsonBytes))
	if err != nil {
		return fmt.Errorf("document: invalid JSON: %w", err)
	}
	return sch.Validate(inst)
}

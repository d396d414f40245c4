package api

import (
	"context"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// loadOpenAPI loads and validates the served document.
func loadOpenAPI(t testing.TB) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(OpenAPI())
	if err != nil {
		t.Fatalf("the OpenAPI document does not load: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI document is not valid: %v", err)
	}
	return doc
}

func TestOpenAPIDocumentIsValid(t *testing.T) {
	loadOpenAPI(t)
}

// TestOpenAPICoversRoutes checks that the document describes every route
// the handler serves, and nothing else.
func TestOpenAPICoversRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	for _, rt := range New(newFake(0), Options{Logger: quiet}).(*server).routes {
		if !documented[rt.pattern] {
			t.Errorf("route %s is not in the OpenAPI document", rt.pattern)
		}
		delete(documented, rt.pattern)
	}
	for op := range documented {
		t.Errorf("the OpenAPI document describes %s, which no route serves", op)
	}
}

// TestOpenAPIEnums checks that the lists in the document are the
// contract's.
func TestOpenAPIEnums(t *testing.T) {
	doc := loadOpenAPI(t)
	for name, want := range map[string][]string{"class": EventClasses(), "type": EntityTypes(), "category": FigureCategories()} {
		p := doc.Components.Parameters[name]
		if p == nil || p.Value.Schema == nil {
			t.Errorf("no parameter %s", name)
			continue
		}
		var got []string
		for _, v := range p.Value.Schema.Value.Enum {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, want) {
			t.Errorf("parameter %s: enum %v, want the contract's %v", name, got, want)
		}
	}
}

package extract

import "github.com/sitrep/sitrep/internal/entities"

// places adapts the gazetteer to what the entity stage needs.
func places() entities.Places { return nil }

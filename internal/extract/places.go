package extract

import (
	"github.com/sitrep/sitrep/internal/entities"
	"github.com/sitrep/sitrep/internal/gazetteer"
)

// places is the gazetteer, as the entity stage sees it.
func places() entities.Places { return gazetteer.Load() }

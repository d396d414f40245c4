package extract

import (
	"github.com/sitrep/sitrep/internal/entities"
	"github.com/sitrep/sitrep/internal/gazetteer"
)

// gazPlaces is the gazetteer, as the entity stage sees it.
type gazPlaces struct{ g *gazetteer.Gazetteer }

func (p gazPlaces) Place(name string) (string, int64) {
	if !p.g.IsPlaceName(name) {
		return "", 0
	}
	ps := p.g.Lookup(name)
	if len(ps) == 0 {
		return "", 0
	}
	return ps[0].Kind, ps[0].Population
}

func (p gazPlaces) Demonym(adj string) (string, bool) { return p.g.Demonym(adj) }

func (p gazPlaces) Country(name string) (string, bool) {
	c, ok := p.g.CountryByName(name)
	return c.ISO2, ok
}

func places() entities.Places { return gazPlaces{gazetteer.Load()} }

func (p gazPlaces) Key(name string) string { return p.g.Key(name) }

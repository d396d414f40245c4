// The event classes of sitrep.document/v1 and their labels. Their colours
// are in style.css (--c-CLASS, and .ev-CLASS for markers, swatches and
// timeline bars), so that the page needs no inline style.

export const CLASSES = [
  ['attack', 'Attack'],
  ['armed_clash', 'Armed clash'],
  ['territory_seized', 'Territory seized'],
  ['violence_against_civilians', 'Violence against civilians'],
  ['protest', 'Protest'],
  ['riot', 'Riot'],
  ['arrest', 'Arrest'],
  ['military_operation', 'Military operation'],
  ['negotiation', 'Negotiation'],
  ['agreement', 'Agreement'],
  ['request', 'Request'],
  ['aid', 'Aid'],
  ['sanction', 'Sanction'],
  ['threaten', 'Threaten'],
  ['accuse', 'Accuse'],
  ['displacement', 'Displacement'],
  ['disaster', 'Disaster'],
  ['statement', 'Statement'],
];

const byName = new Map(CLASSES.map(([name, label]) => [name, { name, label }]));

/** classLabel is the reader's name of a class ("armed_clash" → "Armed clash"). */
export function classLabel(c) {
  const k = byName.get(c);
  if (k) return k.label;
  if (!c) return 'Event';
  const s = String(c).replaceAll('_', ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** classKey is a class name safe for a CSS class. */
export function classKey(c) {
  return byName.has(c) ? c : 'other';
}

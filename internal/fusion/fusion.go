// Package fusion holds the rules by which sitrep joins what different
// articles say: which articles nearly duplicate each other (wire copies,
// small edits), which event mentions report the same happening, which names
// are the same entity, and how a fused event's casualty count follows from
// its claims. The rules are pure functions of the extracted facts so that
// every store backend applies the same ones; the stores only find the
// candidates.
package fusion

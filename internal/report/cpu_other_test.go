//go:build !unix

package report

import "time"

// cpuTime is not measured here: the benchmark reports no CPU per report.
func cpuTime() time.Duration { return 0 }

package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Chromium is the browser PDF prints with.
var Chromium = "/usr/bin/chromium"

// ErrNoChromium is returned by PDF when Chromium is not installed.
var ErrNoChromium = errors.New("PDF output needs Chromium")

// PDFTimeout bounds one PDF print.
const PDFTimeout = 2 * time.Minute

// PDF writes the report's HTML edition as a PDF file at out, printed by a
// headless Chromium (Chromium) with a fresh profile, no network services
// and no sandbox. Without Chromium it returns an error wrapping
// ErrNoChromium that names what is missing.
func (r *Report) PDF(ctx context.Context, out string) error {
	if fi, err := os.Stat(Chromium); err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
		return fmt.Errorf("%w, which is not installed at %s (install the chromium package, or write --format html and print it from a browser)", ErrNoChromium, Chromium)
	}
	dir, err := os.MkdirTemp("", "sitrep-report-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "report.html")
	var buf bytes.Buffer
	if err := r.HTML(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o600); err != nil {
		return err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, "report.pdf")
	ctx, cancel := context.WithTimeout(ctx, PDFTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, Chromium,
		"--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"),
		"--no-pdf-header-footer",
		"--print-to-pdf="+tmp,
		"file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("chromium: %v: %s", err, lastLine(stderr.String()))
	}
	b, err := os.ReadFile(tmp)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		return fmt.Errorf("chromium printed no PDF: %s", lastLine(stderr.String()))
	}
	return os.WriteFile(abs, b, 0o644)
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return clip(lines[len(lines)-1], 300)
}

package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// articleFile is one .txt or .html file: one article.
type articleFile struct {
	name, abs string
	info      os.FileInfo
}

func (s articleFile) Name() string { return s.name }

// fileKey identifies a version of a file: its absolute path, size and
// modification time.
func fileKey(abs string, info os.FileInfo) string {
	return "file:" + abs + "#size=" + strconv.FormatInt(info.Size(), 10) +
		",mtime=" + strconv.FormatInt(info.ModTime().UnixNano(), 10)
}

func (s articleFile) Each(ctx context.Context, _ *Env, emit func(Job) bool) error {
	j := Job{Name: s.name, SourceKey: fileKey(s.abs, s.info)}
	if s.info.Size() > maxArticle {
		j.Err = fmt.Errorf("file larger than %d MB", maxArticle>>20)
	} else {
		j.Load = func(_ context.Context, j *Job) error {
			b, err := os.ReadFile(s.abs)
			if err != nil {
				return unwrapPath(err)
			}
			if len(b) > maxArticle {
				return fmt.Errorf("file larger than %d MB", maxArticle>>20)
			}
			j.Bytes = b
			return nil
		}
	}
	emit(j)
	return nil
}

// dirSource walks a directory tree in lexical order: .txt, .html and .htm
// files are articles, .jsonl files hold one article a line, .warc and
// .warc.gz files are read for their HTML responses. Other files, and files
// and directories whose names start with a dot, are ignored. A file or
// directory that cannot be read is reported and skipped.
type dirSource struct{ name, abs string }

func (s dirSource) Name() string { return s.name }

func (s dirSource) Each(ctx context.Context, env *Env, emit func(Job) bool) error {
	stopped := errors.New("stopped")
	err := filepath.WalkDir(s.abs, func(abs string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return stopped
		}
		name := filepath.Join(s.name, strings.TrimPrefix(abs, s.abs))
		if err != nil {
			if abs == s.abs {
				return unwrapPath(err)
			}
			if !emit(Job{Name: name, Err: unwrapPath(err)}) {
				return stopped
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if abs != s.abs && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeType != 0 && d.Type()&fs.ModeSymlink == 0 {
			return nil // a device, socket or pipe
		}
		info, err := os.Stat(abs) // follows a symbolic link to a file
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		src := fileSource(name, abs, info)
		if src == nil {
			return nil
		}
		ok := true
		if err := src.Each(ctx, env, func(j Job) bool {
			ok = emit(j)
			return ok
		}); err != nil {
			ok = emit(Job{Name: name, Err: err})
		}
		if !ok {
			return stopped
		}
		return nil
	})
	if errors.Is(err, stopped) {
		return nil
	}
	return err
}

// unwrapPath drops the operation and path of an fs.PathError: messages
// name the input already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, fs.ErrNotExist) {
			return errors.New("no such file or directory")
		}
		return pe.Err
	}
	return err
}

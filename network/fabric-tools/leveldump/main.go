// Command leveldump prints every key and value of LevelDB databases, decompressed, so that the
// fault suite's personal-data scan (scripts/fault-test.sh) reads what the peers' and orderers'
// databases hold rather than their Snappy-compressed table files. Each database folder is
// copied first (the running peer holds its lock) and opened read-only. Keys and values are
// written as they are, each record on its own line: "key<TAB>value".
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"
)

func copyDir(src, dst string) error {
	return filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		if info.Name() == "LOCK" {
			return nil
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		defer out.Close()
		_, err = io.Copy(out, in)
		return err
	})
}

func dump(dir string, w *bufio.Writer) (int, error) {
	tmp, err := os.MkdirTemp("", "leveldump-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(tmp)
	if err := copyDir(dir, tmp); err != nil {
		return 0, fmt.Errorf("copying %s: %w", dir, err)
	}
	db, err := leveldb.OpenFile(tmp, &opt.Options{ReadOnly: true})
	if err != nil {
		return 0, fmt.Errorf("opening %s: %w", dir, err)
	}
	defer db.Close()
	it := db.NewIterator(nil, nil)
	defer it.Release()
	n := 0
	for it.Next() {
		w.Write(it.Key())
		w.WriteByte('\t')
		w.Write(it.Value())
		w.WriteByte('\n')
		n++
	}
	return n, it.Error()
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: leveldump DB-FOLDER... (prints key<TAB>value lines of each LevelDB database)")
		os.Exit(2)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	for _, dir := range os.Args[1:] {
		n, err := dump(dir, w)
		if err != nil {
			w.Flush()
			fmt.Fprintln(os.Stderr, "leveldump:", err)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "leveldump: %s: %d records\n", dir, n)
	}
}

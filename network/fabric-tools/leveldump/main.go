// Command leveldump prints every key and value of LevelDB databases, decompressed, so that the
// fault suite's personal-data scan (scripts/fault-test.sh) reads what the peers' and orderers'
// databases hold rather than their Snappy-compressed table files. Each database folder is
// copied first (the running peer holds its lock) and opened read-only. Keys and values are
// written as they are, each record on its own line: "key<TAB>value".
//
// With -tamper it is the fault suite's forger instead (case state-tamper): in the world state
// of a *stopped* peer it rewrites the one value whose key ends with the given suffix, replacing
// OLD by NEW inside it, as someone with the peer's disk would. A state value is Fabric's
// stateleveldb DBValue message (1: version, 2: value, 3: metadata, all bytes); only field 2
// changes, the version stays, so the peer serves the altered value as if it were committed.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"bytes"
	"encoding/binary"
	"errors"
	"strconv"

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

// fields splits a protobuf message into (field number, wire type, payload) for length-delimited
// and varint fields, the only kinds DBValue has.
type field struct {
	num, wire uint64
	data      []byte
	varint    uint64
}

func parse(msg []byte) ([]field, error) {
	var out []field
	for len(msg) > 0 {
		tag, n := binary.Uvarint(msg)
		if n <= 0 {
			return nil, errors.New("bad tag")
		}
		msg = msg[n:]
		f := field{num: tag >> 3, wire: tag & 7}
		switch f.wire {
		case 0:
			v, m := binary.Uvarint(msg)
			if m <= 0 {
				return nil, errors.New("bad varint")
			}
			f.varint, msg = v, msg[m:]
		case 2:
			l, m := binary.Uvarint(msg)
			if m <= 0 || uint64(len(msg)-m) < l {
				return nil, errors.New("bad length")
			}
			f.data, msg = msg[m:m+int(l)], msg[m+int(l):]
		default:
			return nil, fmt.Errorf("wire type %d not expected in a DBValue", f.wire)
		}
		out = append(out, f)
	}
	return out, nil
}

func encode(fields []field) []byte {
	var b bytes.Buffer
	tmp := make([]byte, binary.MaxVarintLen64)
	for _, f := range fields {
		b.Write(tmp[:binary.PutUvarint(tmp, f.num<<3|f.wire)])
		if f.wire == 0 {
			b.Write(tmp[:binary.PutUvarint(tmp, f.varint)])
		} else {
			b.Write(tmp[:binary.PutUvarint(tmp, uint64(len(f.data)))])
			b.Write(f.data)
		}
	}
	return b.Bytes()
}

func tamper(dir, suffix, old, repl string) error {
	db, err := leveldb.OpenFile(dir, &opt.Options{ErrorIfMissing: true})
	if err != nil {
		return fmt.Errorf("opening %s (is the peer stopped?): %w", dir, err)
	}
	defer db.Close()
	it := db.NewIterator(nil, nil)
	var key, value []byte
	found := 0
	for it.Next() {
		if bytes.HasSuffix(it.Key(), []byte(suffix)) {
			key, value = append([]byte{}, it.Key()...), append([]byte{}, it.Value()...)
			found++
		}
	}
	it.Release()
	if found != 1 {
		return fmt.Errorf("%d keys end with %q; exactly one expected", found, suffix)
	}
	fields, err := parse(value)
	if err != nil {
		return fmt.Errorf("the value of %q is not a DBValue: %w", key, err)
	}
	changed := false
	for i := range fields {
		if fields[i].num == 2 && fields[i].wire == 2 && bytes.Contains(fields[i].data, []byte(old)) {
			fields[i].data = bytes.Replace(fields[i].data, []byte(old), []byte(repl), 1)
			changed = true
		}
	}
	if !changed {
		return fmt.Errorf("the value of %q does not contain %q", key, old)
	}
	if err := db.Put(key, encode(fields), &opt.WriteOptions{Sync: true}); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "leveldump: rewrote %q: %q -> %q\n", key, old, repl)
	return nil
}

func main() {
	if len(os.Args) == 6 && os.Args[1] == "-tamper" {
		// The key suffix is written as a Go string literal's body, so a composite key's NUL
		// separators can be given as \x00.
		suffix, err := strconv.Unquote("\"" + os.Args[3] + "\"")
		if err != nil {
			fmt.Fprintln(os.Stderr, "leveldump -tamper: the key suffix is not a valid Go string body:", err)
			os.Exit(2)
		}
		if err := tamper(os.Args[2], suffix, os.Args[4], os.Args[5]); err != nil {
			fmt.Fprintln(os.Stderr, "leveldump -tamper:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: leveldump DB-FOLDER... (prints key<TAB>value lines of each LevelDB database)\n"+
			"       leveldump -tamper STATE-DB KEY-SUFFIX OLD NEW (rewrites one state value of a stopped peer)")
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

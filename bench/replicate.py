#!/usr/bin/env python3
"""Replicates JSONL corpora for bench/run's large store: writes COPIES
copies of every article of the given files to stdout, copy k with the id
suffixed "-k" and a line "[copy k]" appended to its text, so that every
copy is a distinct document (parley identifies a document by a hash of
its body). The html field is dropped when a text is present (the reader
takes the text). Usage: replicate.py COPIES FILE.jsonl..."""
import json
import sys


def main():
    if len(sys.argv) < 3:
        sys.stderr.write("usage: replicate.py COPIES FILE.jsonl...\n")
        return 2
    copies = int(sys.argv[1])
    docs = []
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    if isinstance(d.get("text"), str):
                        d.pop("html", None)
                    docs.append(d)
    out = sys.stdout
    for k in range(copies):
        for d in docs:
            c = dict(d)
            c["id"] = "%s-%d" % (d.get("id", "doc"), k)
            if isinstance(c.get("text"), str):
                c["text"] = c["text"] + "\n\n[copy %d]" % k
            out.write(json.dumps(c, ensure_ascii=False))
            out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

package config

import (
	"github.com/heedhq/heed/doctype"
)

// Documents are the limits on the files added to a case.
type Documents struct {
	// MaxSize is the largest file taken, in bytes.
	MaxSize int64
	// Kinds are the kinds of file taken, told from their content.
	Kinds []doctype.Kind
}

// The bounds of documents.max_size_mb.
const (
	DefaultDocumentMB = 20
	MaxDocumentMB     = 100
)

// DefaultDocuments are the limits when heed.toml sets none: 20 MB, and
// every kind of document Heed knows.
func DefaultDocuments() Documents {
	return Documents{MaxSize: DefaultDocumentMB << 20, Kinds: doctype.Kinds}
}

type documentKeys struct {
	MaxSizeMB *int     `toml:"max_size_mb"`
	Kinds     []string `toml:"kinds"`
}

// parseDocuments reads the [documents] table.
func (c *Config) parseDocuments(k documentKeys, add func(key, format string, args ...any)) {
	if v := k.MaxSizeMB; v != nil {
		if *v < 1 || *v > MaxDocumentMB {
			add("documents.max_size_mb", "must be between 1 and %d (megabytes), not %d", MaxDocumentMB, *v)
		} else {
			c.Documents.MaxSize = int64(*v) << 20
		}
	}
	if k.Kinds == nil {
		return
	}
	if len(k.Kinds) == 0 {
		add("documents.kinds", "lists no kind of document: give at least one of %s", doctype.Describe(doctype.Kinds))
		return
	}
	var kinds []doctype.Kind
	for _, s := range k.Kinds {
		kind, err := doctype.ParseKind(s)
		if err != nil {
			add("documents.kinds", "%s", err.Error())
			continue
		}
		kinds = append(kinds, kind)
	}
	c.Documents.Kinds = kinds
}

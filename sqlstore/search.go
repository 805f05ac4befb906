package sqlstore

import (
	"slices"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/heedhq/heed"
)

// searchTerms splits what a person typed into words of letters and digits,
// so that no search syntax reaches the database.
func searchTerms(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// searchVersion is the migration from which Heed writes PostgreSQL's
// records.search itself (see searchVector).
const searchVersion = 46

// maxLexeme is the longest word, in bytes, PostgreSQL keeps in a tsvector;
// to_tsvector leaves longer ones out ("Words longer than 2047 characters
// are ignored"), and so does searchVector.
const maxLexeme = 2047

// searchVector is the tsvector of the words a search finds rec by, on
// PostgreSQL: those of its reference, its complainant's name and its
// summary, split and lowered as searchTerms splits what a person types, so
// that a record is found by the words it is written with whatever the
// database's locale. Until migration 46 the database computed it with
// to_tsvector and a regular expression, which was a third of its work of
// storing a million imported records.
func searchVector(rec *heed.Record) pgtype.TSVector {
	words := searchTerms(rec.Reference + " " + rec.ComplainantName + " " + rec.Summary)
	slices.Sort(words)
	words = slices.Compact(words)
	v := pgtype.TSVector{Lexemes: make([]pgtype.TSVectorLexeme, 0, len(words)), Valid: true}
	for _, w := range words {
		if len(w) <= maxLexeme {
			v.Lexemes = append(v.Lexemes, pgtype.TSVectorLexeme{Word: w})
		}
	}
	return v
}

// searchColumn is records.search on PostgreSQL, written with each record
// since migration 46 and never read back: it has no dest, so it is never
// in recordColumnsLater, whose columns are read too.
var searchColumn = laterColumn[heed.Record]{version: searchVersion, name: "search",
	value: func(r *heed.Record) any { return searchVector(r) }}

// recordColumnsWritten are the later columns a record is written with:
// those in place (recordColumnsLater) and, on PostgreSQL, its search words.
func recordColumnsWritten(d *DB) []laterColumn[heed.Record] {
	cols := inPlace(d, recordColumnsLater)
	if d.dialect == Postgres && d.hasSchema(searchColumn.version) {
		cols = append(cols, searchColumn)
	}
	return cols
}

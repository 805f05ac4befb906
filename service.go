package heed

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/heedhq/heed/calendar"
)

// Actor is who makes a change: a user of the web application, or the
// command line ("cli:<system user>"). Every change is recorded against one.
type Actor struct {
	ID   int64  // the user's id; 0 for the command line
	Name string // the user name or cli:<system user>; never a complainant's name
}

// AuditAction is the kind of change an audit entry records.
type AuditAction string

// The audit actions.
const (
	AuditCreated       AuditAction = "created"
	AuditUpdated       AuditAction = "updated"
	AuditDeadlineMoved AuditAction = "deadline_moved"
	AuditViewed        AuditAction = "viewed"
	AuditUserChanged   AuditAction = "user_changed" // an account, not a record
	AuditVoided        AuditAction = "voided"
	AuditRestored      AuditAction = "restored"
)

// Change is one field's change: its value before and after ("" when not
// recorded).
type Change struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// AuditEntry is one line of a record's history. Entries are only ever
// appended: Heed never updates or deletes one.
type AuditEntry struct {
	ID       int64
	RecordID int64
	// Reference is the record's reference, filled by AuditLog.
	Reference string
	At        time.Time
	Actor     string
	Action    AuditAction
	Note      string // what caused the change, such as "import of complaints.csv"
	Changes   []Change
}

// derivedFields are fields a record reads from elsewhere (its service
// area's directorate): no change of the record's, so not in its history.
var derivedFields = map[string]bool{"directorate": true}

// Diff lists the changes between two field maps (see Record.Fields), by key.
func Diff(before, after map[string]string) []Change {
	var out []Change
	for k, v := range after {
		if before[k] != v && !derivedFields[k] {
			out = append(out, Change{Field: k, Old: before[k], New: v})
		}
	}
	for k, v := range before {
		if _, ok := after[k]; !ok && !derivedFields[k] {
			out = append(out, Change{Field: k, Old: v})
		}
	}
	sortChanges(out)
	return out
}

// AuditFilter selects entries of the whole audit log, newest first.
type AuditFilter struct {
	Actor         string
	Action        AuditAction
	Offset, Limit int
}

// RecordFilter selects records. Zero fields select everything.
type RecordFilter struct {
	Type          RecordType
	ReceivedFrom  calendar.Date
	ReceivedTo    calendar.Date
	Offset, Limit int
}

// ImportOptions control an import.
type ImportOptions struct {
	// Update allows a reference that already exists to replace that record;
	// without it such a row is refused.
	Update bool
	// Note says where the rows came from, for the audit history.
	Note string
	// NewNames allows service areas, teams and themes that look like
	// names already used (see LookalikeKey); without it they are refused
	// as a likely typing mistake.
	NewNames bool
}

// ImportSource is where an import's records come from, such as a
// spreadsheet. It is read twice: once to check every row, and then, when
// every row is right, to store them. A source must give the same records
// both times, or fail the second reading.
type ImportSource interface {
	// Records reads the records from the start, calling fn with each and
	// its row (a spreadsheet's header is row 1, its first record row 2). A
	// row it cannot read is not passed to fn: Records reads on to the end
	// and then returns every such row in an *Error's Problems. An error
	// from fn ends the reading and is returned.
	Records(fn func(rec *Record, row int) error) error
}

// RecordList is an ImportSource of records in memory; record i is row i+1.
type RecordList []*Record

// Records calls fn with each record.
func (l RecordList) Records(fn func(rec *Record, row int) error) error {
	for i, r := range l {
		if err := fn(r, i+1); err != nil {
			return err
		}
	}
	return nil
}

// Problem is one thing wrong with one row of an import.
type Problem struct {
	Row       int    // 0 for the file as a whole
	Reference string // the record's, when known
	Field     string // the field key, when the problem is one field's
	Column    string // the column as the file's header writes it, when known
	Message   string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Row > 0 {
		fmt.Fprintf(&b, "row %d", p.Row)
		if p.Reference != "" {
			fmt.Fprintf(&b, " (reference %s)", p.Reference)
		}
	}
	col := p.Column
	if col == "" {
		col = p.Field
	}
	if col != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "column %s", col)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems are every problem found in an import, in order of row.
type Problems []Problem

// String lists the problems, one a line.
func (ps Problems) String() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// MaxProblems bounds how many problems an import lists; past it the last
// line says how many more there are.
const MaxProblems = 1000

// ImportRefused returns the error of an import that saved nothing because
// of problems: EINVALID, or ECONFLICT when every problem is a reference
// that exists already. more counts problems found past MaxProblems; the
// message ends by saying how many.
func ImportRefused(ps Problems, more int, conflict bool) *Error {
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Row - b.Row })
	if len(ps) > MaxProblems {
		more += len(ps) - MaxProblems
		ps = ps[:MaxProblems]
	}
	code := EINVALID
	if conflict {
		code = ECONFLICT
	}
	return &Error{Code: code, Message: "Nothing was saved:\n" + ProblemsText(ps, more), Problems: ps, More: more}
}

// ProblemsText lists the problems one a line, and then how many more
// there are, if any.
func ProblemsText(ps Problems, more int) string {
	text := ps.String()
	if more > 0 {
		text += fmt.Sprintf("\nand %s more %s", thousands(more), plural(more, "problem", "problems"))
	}
	return text
}

// ProblemList gathers an import's problems as its file is read: the first
// MaxProblems, and a count of the rest.
type ProblemList struct {
	Problems Problems
	More     int
}

// Add keeps p, or counts it past MaxProblems.
func (l *ProblemList) Add(p Problem) {
	if len(l.Problems) < MaxProblems {
		l.Problems = append(l.Problems, p)
	} else {
		l.More++
	}
}

// AddError adds the problems of an *Error in err's chain, and reports
// whether it had any.
func (l *ProblemList) AddError(err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Problems == nil {
		return false
	}
	for _, p := range e.Problems {
		l.Add(p)
	}
	l.More += e.More
	return true
}

// Err returns the problems as ImportRefused's error, or nil when there
// are none.
func (l *ProblemList) Err(conflict bool) error {
	if len(l.Problems) == 0 {
		return nil
	}
	return ImportRefused(l.Problems, l.More, conflict)
}

// plural is one or many as n is 1 or not.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ImportSummary says what an import did.
type ImportSummary struct {
	Created         int
	Updated         int // records replaced that changed
	Unchanged       int // records given as they are stored: no new version, no history line
	NewServiceAreas []string
	// Directorates lists the service areas the import put in a directorate,
	// as "area: directorate".
	Directorates []string
	NewTeams     []string // "Service area / Team"
	NewThemes    []string
}

// RecordService stores records and their history.
type RecordService interface {
	// FindRecordByReference returns the record, or an ENOTFOUND error.
	FindRecordByReference(ctx context.Context, reference string) (*Record, error)
	// FindRecords returns the records the filter selects, ordered by
	// received date then reference, and how many there are in all.
	FindRecords(ctx context.Context, f RecordFilter) ([]*Record, int, error)
	// CreateRecord validates, computes clocks and stores a new record.
	CreateRecord(ctx context.Context, by Actor, rec *Record) error
	// UpdateRecord saves rec over the stored version rec.Version. A record
	// changed since it was read is refused with an ECONFLICT error.
	UpdateRecord(ctx context.Context, by Actor, rec *Record) error
	// ChangeRecord is UpdateRecord with the reason for the change, which
	// its line of history gives ("" for none).
	ChangeRecord(ctx context.Context, by Actor, rec *Record, reason string) error
	// ImportRecords stores every record, or none: one bad record, or an
	// existing reference without opts.Update, refuses the whole import.
	ImportRecords(ctx context.Context, by Actor, recs []*Record, opts ImportOptions) (ImportSummary, error)
	// VoidRecord marks the record, as read at version, entered in error:
	// it leaves every list and report, in the same transaction as its
	// counts, with a line of history giving the reason.
	VoidRecord(ctx context.Context, by Actor, id int64, version int, reason string) error
	// RestoreRecord brings a voided record back into the lists and reports.
	RestoreRecord(ctx context.Context, by Actor, id int64, version int, reason string) error
	// RecordHistory returns a record's audit entries, oldest first.
	RecordHistory(ctx context.Context, recordID int64) ([]AuditEntry, error)
}

// HolidayService stores the bank holidays the clocks count with.
type HolidayService interface {
	// Calendar returns the calendar in force: the built-in list with any
	// loaded list over it.
	Calendar(ctx context.Context) (*calendar.Calendar, error)
	// LoadHolidays stores a newer list and moves the deadlines of every open
	// stage to follow it, recording each move in the stage's history. It
	// returns how many deadlines moved.
	LoadHolidays(ctx context.Context, by Actor, holidays []calendar.Holiday) (moved int, err error)
}

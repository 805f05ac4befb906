package heed

import (
	"context"
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

// Diff lists the changes between two field maps (see Record.Fields), by key.
func Diff(before, after map[string]string) []Change {
	var out []Change
	for k, v := range after {
		if before[k] != v {
			out = append(out, Change{Field: k, Old: before[k], New: v})
		}
	}
	for k, v := range before {
		if _, ok := after[k]; !ok {
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

// ImportSummary says what an import did.
type ImportSummary struct {
	Created         int
	Updated         int
	NewServiceAreas []string
	NewTeams        []string // "Service area / Team"
	NewThemes       []string
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
	// ImportRecords stores every record, or none: one bad record, or an
	// existing reference without opts.Update, refuses the whole import.
	ImportRecords(ctx context.Context, by Actor, recs []*Record, opts ImportOptions) (ImportSummary, error)
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

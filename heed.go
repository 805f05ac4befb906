// Package heed is the domain of Heed: the records a council keeps about
// complaints and other feedback, the procedures and stages a complaint follows,
// their clocks, outcomes and learning, and the interfaces through which they
// are stored.
//
// It imports no storage and no HTTP. Each implementation lives in its own
// package, named after what it wraps (sqlstore, sheet, ...).
package heed

import (
	"errors"
	"fmt"
)

// Error codes, in the style of an application error that can be shown to a
// complaints officer as it is.
const (
	ECONFLICT = "conflict"  // a stale edit or a duplicate reference
	EINVALID  = "invalid"   // input that breaks a rule
	ENOTFOUND = "not_found" // no such record
	EINTERNAL = "internal"  // anything else
)

// Error is an error whose Message is written for the person using Heed.
type Error struct {
	Code    string
	Message string
	// Fields lists each broken rule by field, when the error is about a
	// record's fields, so that a form can show each beside its input.
	Fields FieldErrors
	// Problems lists each broken rule by row, when the error is about an
	// import: Message then lists them too.
	Problems Problems
	// More counts the problems found past those Problems lists.
	More int
}

// ErrorProblems returns the problems of an *Error in err's chain, or nil.
func ErrorProblems(err error) Problems {
	var e *Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an *Error in err's chain, or EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorFields returns the field errors of an *Error in err's chain, or nil.
func ErrorFields(err error) FieldErrors {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// ErrorMessage returns the user-facing message of an *Error in err's chain,
// or a generic one for an internal error.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong inside Heed. The error has been logged."
}

package heed

import (
	"fmt"
	"regexp"
)

// DefaultReferencePrefixes start the references Heed gives each type of
// record, such as CMP-2026-00042; heed.toml's [reference_prefixes] can
// change them.
var DefaultReferencePrefixes = map[RecordType]string{
	TypeComplaint: "CMP", TypeCompliment: "CPL", TypeComment: "CMT",
	TypeMPEnquiry: "MP", TypeCouncillorEnquiry: "CLR", TypeOmbudsmanEnquiry: "LGO",
	TypeSAR: "SAR", TypeServiceRequest: "SR", TypeRedirected: "RED",
}

// ReferencePrefixPattern is what a prefix may be: 1 to 10 capital letters
// or digits, starting with a letter.
var ReferencePrefixPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,9}$`)

// referencePattern is what a typed reference may be: letters, digits,
// hyphens and slashes, starting with a letter or digit.
var referencePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9/-]*$`)

// NumberedReference is the reference Heed gives the nth record of a prefix
// and year: CMP-2026-00042.
func NumberedReference(prefix string, year, n int) string {
	return fmt.Sprintf("%s-%d-%05d", prefix, year, n)
}

// CheckReference says what is wrong with a reference typed into a form,
// or "" when it will do: letters, digits, hyphens and slashes only, at most
// MaxReference characters.
func CheckReference(ref string) string {
	switch {
	case len(ref) > MaxReference:
		return fmt.Sprintf("The reference must be %d characters or fewer", MaxReference)
	case !referencePattern.MatchString(ref):
		return "The reference must contain only letters, numbers, hyphens (-) and slashes (/), and start with a letter or number, like CMP-2026-00042"
	}
	return ""
}

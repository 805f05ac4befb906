package report

import "github.com/heedhq/heed"

// young are the counts of the young_people table for one year.
type young struct {
	complaints, direct, uasc, upheld, partly, offered, provided, mp int
}

// youngPeople counts year y's complaints from children and young people.
// Advocacy is counted among the complaints a child or young person made
// directly (complainant type child or young person): an offer that was
// taken up counts as provided, and as offered too.
func (b *builder) youngPeople(y int) young {
	var v young
	for _, f := range b.f.Records {
		if yy, _ := b.p.bucket(f.Bucket); yy != y {
			continue
		}
		switch {
		case f.Type == heed.TypeComplaint:
			v.direct += f.Direct
			v.uasc += f.UASC
			switch f.Advocacy {
			case heed.AdvocacyProvided:
				v.provided += f.Direct
				v.offered += f.Direct
			case heed.AdvocacyOffered:
				v.offered += f.Direct
			}
			if !f.YoungPerson {
				continue
			}
			v.complaints += f.Count
			switch f.Outcome {
			case heed.OutcomeUpheld:
				v.upheld += f.Count
			case heed.OutcomePartiallyUpheld:
				v.partly += f.Count
			}
		case f.Type == heed.TypeMPEnquiry && f.YoungPerson:
			v.mp += f.Count
		}
	}
	return v
}

func (b *builder) youngPeopleTable() *Table {
	t := &Table{ID: "young_people", Title: "Complaints from children and young people", Columns: []string{b.p.YearLabel},
		Sensitive: true, Chart: -1,
		Notes: []string{"Complaints counts those made by, or recorded as on behalf of, a child or young person; " +
			"made directly, those whose complainant is the child or young person; advocacy is counted among those made directly."}}
	v := b.youngPeople(0)
	for _, r := range []struct {
		key, label string
		n          int
	}{
		{"complaints", "Complaints", v.complaints},
		{"direct", "Made directly by a child or young person", v.direct},
		{"uasc", "From unaccompanied asylum-seeking children", v.uasc},
		{"upheld", "Upheld", v.upheld},
		{"partially_upheld", "Partially upheld", v.partly},
		{"advocacy_offered", "Advocacy offered", v.offered},
		{"advocacy_provided", "Advocacy provided", v.provided},
		{"mp_enquiries", "MP enquiries", v.mp},
	} {
		t.Rows = append(t.Rows, Row{Key: r.key, Label: r.label, Values: nums(r.n)})
	}
	return t
}

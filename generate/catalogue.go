package generate

import (
	"github.com/heedhq/heed"
)

// weighted is a value and how often it is picked relative to the others.
type weighted[T any] struct {
	v T
	w int
}

// theme is a complaint theme and sentences that summarise such a complaint.
type theme struct {
	name string
	says []string
}

// area is a service area: its reference group, procedure, teams, themes and
// the service requests it receives.
type area struct {
	name        string
	group       int // index into catalogue.prefixes
	procedure   heed.ProcedureID
	children    bool // children's services: parents, young people, advocacy
	weight      int
	teams       []string
	themes      []weighted[theme]
	requests    []string
	compliments [][]string // by team: sentences naming the team
}

// The reference groups, indexes into catalogue.prefixes.
const (
	groupChildren = iota
	groupAdults
	groupHousing
	groupCorporate
	groupInformation // subject access requests
)

// catalogue holds every list the generator picks from. It is built afresh
// for each run, so the package keeps no state.
type catalogue struct {
	prefixes  []string
	areas     []weighted[*area]
	education *area // school complaints are redirected from here
	childCare *area // safeguarding concerns about children
	adultCare *area // safeguarding concerns about adults
	housing   *area // contacts about housing association homes
	sarAreas  []weighted[*area]

	types        []weighted[heed.RecordType]
	channels     map[heed.RecordType][]weighted[heed.Channel]
	childPeople  []weighted[heed.ComplainantType]
	adultPeople  []weighted[heed.ComplainantType]
	advocacy     []weighted[heed.Advocacy]
	firstOutcome []weighted[heed.Outcome]
	laterOutcome []weighted[heed.Outcome]
	decisions    []weighted[heed.OmbudsmanDecision]
	remedies     []weighted[heed.RemedyType]
	refusals     []weighted[heed.RefusalReason]

	names         []string
	elements      []string
	investigators [][]string // by stage number - 1
	extensions    []string
	lessons       []string
	actions       []string
	owners        []string // job titles, never a person
	evidence      []string
	comments      []string
	enquiries     []string
	sars          []string
	careRecords   string
	ombudsman     []string
}

// newCatalogue builds the lists. Proportions follow a council's annual
// report (Blackpool Children's Services 2014/15) where it gives them.
func newCatalogue() *catalogue {
	staff := theme{"Staff Attitude/Treatment of Customer", []string{
		"Says a member of staff was rude during a phone call.",
		"Unhappy with the way they were spoken to at a meeting.",
		"Felt judged by a worker during a home visit."}}
	quality := theme{"Quality of Service", []string{
		"Unhappy with the standard of support received.",
		"Says the service did not do what the plan agreed.",
		"Says several things went wrong over a number of months."}}
	action := theme{"Lack of Action", []string{
		"Says nothing was done after a problem was reported.",
		"Says actions agreed at a meeting were not followed up.",
		"Reported the same problem three times without a result."}}
	communication := theme{"Lack of Communication", []string{
		"Says calls and emails were not returned.",
		"Was not told about a change of plan.",
		"Did not receive the minutes of a meeting."}}
	request := theme{"Request for Service", []string{
		"Asks why a request for support was refused.",
		"Asks for a service that was stopped to be restored."}}
	confidentiality := theme{"Confidentiality", []string{
		"Says personal information was shared without consent.",
		"Says a letter was sent to the wrong address."}}
	assessment := theme{"Assessment Undertaken", []string{
		"Disagrees with the findings of an assessment.",
		"Says an assessment left out important information."}}
	custody := theme{"Custody of Child", []string{"Disagrees with the contact arrangements for a child."}}
	money := theme{"Financial/Funding", []string{"Disputes a charge.", "Asks why a payment was stopped."}}
	policies := theme{"Policies & Procedures", []string{"Says the published procedure was not followed."}}
	bullying := theme{"Bully/Racist Incident", []string{"Says a reported incident of bullying was not dealt with."}}
	delay := theme{"Delay", []string{"Concerned about the time taken to reach a decision."}}

	children := []weighted[theme]{
		{staff, 38}, {quality, 32}, {action, 21}, {communication, 11}, {request, 11}, {confidentiality, 4},
		{assessment, 3}, {custody, 2}, {money, 1}, {policies, 1}, {bullying, 1},
	}
	general := func(own ...weighted[theme]) []weighted[theme] {
		return append([]weighted[theme]{
			{staff, 25}, {quality, 25}, {action, 20}, {communication, 15}, {delay, 10}, {request, 5},
			{policies, 5}, {money, 5}, {confidentiality, 2},
		}, own...)
	}

	csc := &area{name: "Children's Social Care", group: groupChildren, procedure: heed.ChildrenStatutory, children: true, weight: 30,
		teams:  []string{"Referral and Assessment", "Child Protection", "Children in Care", "Care Leavers", "Fostering", "Adoption", "Disabled Children"},
		themes: children, requests: []string{"Asks for an assessment of a child's needs.", "Asks for help with a family in difficulty."}}
	earlyHelp := &area{name: "Early Help for Children", group: groupChildren, procedure: heed.Corporate, children: true, weight: 5,
		teams: []string{"Children's Centres", "Family Support", "Youth Service"}, themes: children,
		requests: []string{"Asks for a place on a parenting course.", "Asks for family support."}}
	education := &area{name: "Education", group: groupChildren, procedure: heed.Corporate, children: true, weight: 8,
		teams: []string{"School Admissions", "Educational Psychology", "Home to School Transport", "Attendance"},
		themes: append(children[:len(children):len(children)], weighted[theme]{theme{"School Transport", []string{
			"Says the school bus did not turn up.", "Disagrees with a decision about school transport."}}, 10}),
		requests: []string{"Asks how to apply for a school place.", "Asks for school transport."}}
	send := &area{name: "SEND", group: groupChildren, procedure: heed.Corporate, children: true, weight: 6,
		teams: []string{"EHC Assessment", "SEND Casework", "SEND Transport"},
		themes: general(weighted[theme]{theme{"EHC Needs Assessment and Plan", []string{
			"Says an education, health and care plan was not issued on time.",
			"Says the plan does not describe the child's needs."}}, 40}),
		requests: []string{"Asks for an assessment of a child's special educational needs."}}
	adults := &area{name: "Adult Social Care", group: groupAdults, procedure: heed.AdultSocialCare, weight: 14,
		teams: []string{"Assessment and Care Management", "Home Care", "Reablement", "Safeguarding Adults", "Financial Assessments"},
		themes: general(weighted[theme]{assessment, 10}, weighted[theme]{theme{"Charging for Care", []string{
			"Disputes the charge for home care.", "Says the financial assessment was wrong."}}, 15}),
		requests: []string{"Asks for a care needs assessment.", "Asks for a grab rail to be fitted."}}
	housing := &area{name: "Housing", group: groupHousing, procedure: heed.Housing, weight: 12,
		teams: []string{"Repairs", "Tenancy Management", "Homelessness", "Allocations"},
		themes: general(weighted[theme]{theme{"Repairs", []string{
			"Says a repair to the home has been outstanding for months.",
			"Says damp in the home has not been treated."}}, 40}),
		requests: []string{"Asks for a repair to a front door.", "Asks to join the housing register."}}
	highways := &area{name: "Highways", group: groupCorporate, procedure: heed.Corporate, weight: 9,
		teams: []string{"Roads and Pavements", "Street Lighting", "Parking"},
		themes: general(weighted[theme]{theme{"Road and Pavement Condition", []string{
			"Reports a pothole that has not been repaired.", "Says a pavement has been uneven for months."}}, 30}),
		requests: []string{"Reports a street light that is out.", "Reports a pothole."}}
	waste := &area{name: "Waste and Recycling", group: groupCorporate, procedure: heed.Corporate, weight: 9,
		teams: []string{"Collections", "Recycling Centres", "Street Cleansing"},
		themes: general(weighted[theme]{theme{"Missed Collection", []string{
			"Says the bin was missed three weeks running.", "Says the crew left rubbish in the street."}}, 40}),
		requests: []string{"Asks for a replacement bin.", "Asks for a bulky waste collection."}}
	tax := &area{name: "Council Tax", group: groupCorporate, procedure: heed.Corporate, weight: 7,
		teams: []string{"Billing", "Recovery", "Council Tax Support"},
		themes: general(weighted[theme]{theme{"Billing and Recovery", []string{
			"Says a bill was sent for the wrong amount.", "Disputes a reminder sent after paying in full."}}, 40}),
		requests: []string{"Asks for a single person discount.", "Asks to pay in twelve instalments."}}

	all := []*area{csc, earlyHelp, education, send, adults, housing, highways, waste, tax}
	c := &catalogue{
		prefixes:  []string{"CS", "AS", "HO", "CO", "IG"},
		education: education, childCare: csc, adultCare: adults, housing: housing,
		sarAreas: []weighted[*area]{{nil, 40}, {csc, 35}, {adults, 15}, {education, 5}, {housing, 5}},

		// A year of the seed report: 125 complaints, 39 compliments, 13
		// comments, 57 MP and 8 councillor enquiries, 10 Ombudsman enquiries;
		// the other types are a council-wide guess.
		types: []weighted[heed.RecordType]{
			{heed.TypeComplaint, 440}, {heed.TypeCompliment, 140}, {heed.TypeComment, 45}, {heed.TypeMPEnquiry, 200},
			{heed.TypeCouncillorEnquiry, 35}, {heed.TypeOmbudsmanEnquiry, 35}, {heed.TypeSAR, 50},
			{heed.TypeServiceRequest, 35}, {heed.TypeRedirected, 20},
		},
		channels: map[heed.RecordType][]weighted[heed.Channel]{
			heed.TypeComplaint: {{heed.ChannelEmail, 35}, {heed.ChannelWeb, 25}, {heed.ChannelPhone, 20}, {heed.ChannelLetter, 10},
				{heed.ChannelInPerson, 4}, {heed.ChannelSocialMedia, 3}, {heed.ChannelViaMember, 1}, {heed.ChannelOther, 2}},
			heed.TypeCompliment: {{heed.ChannelEmail, 40}, {heed.ChannelLetter, 20}, {heed.ChannelPhone, 20},
				{heed.ChannelSocialMedia, 10}, {heed.ChannelInPerson, 8}, {heed.ChannelWeb, 2}},
			heed.TypeComment: {{heed.ChannelWeb, 35}, {heed.ChannelEmail, 30}, {heed.ChannelPhone, 15},
				{heed.ChannelLetter, 10}, {heed.ChannelSocialMedia, 10}},
			heed.TypeMPEnquiry:         {{heed.ChannelViaMember, 80}, {heed.ChannelEmail, 15}, {heed.ChannelLetter, 5}},
			heed.TypeCouncillorEnquiry: {{heed.ChannelViaMember, 80}, {heed.ChannelEmail, 20}},
			heed.TypeOmbudsmanEnquiry:  {{heed.ChannelEmail, 85}, {heed.ChannelLetter, 15}},
			heed.TypeSAR:               {{heed.ChannelEmail, 50}, {heed.ChannelWeb, 25}, {heed.ChannelLetter, 20}, {heed.ChannelInPerson, 5}},
			heed.TypeServiceRequest:    {{heed.ChannelPhone, 40}, {heed.ChannelWeb, 40}, {heed.ChannelEmail, 20}},
			heed.TypeRedirected:        {{heed.ChannelPhone, 40}, {heed.ChannelEmail, 40}, {heed.ChannelLetter, 10}, {heed.ChannelInPerson, 10}},
		},
		childPeople: []weighted[heed.ComplainantType]{
			{heed.ComplainantParent, 45}, {heed.ComplainantChild, 7}, {heed.ComplainantCarer, 6}, {heed.ComplainantFosterCarer, 6},
			{heed.ComplainantSpecialGuardian, 3}, {heed.ComplainantCareLeaver, 4}, {heed.ComplainantAdvocate, 4},
			{heed.ComplainantProfessional, 5}, {heed.ComplainantOther, 20},
		},
		adultPeople: []weighted[heed.ComplainantType]{
			{heed.ComplainantOther, 70}, {heed.ComplainantCarer, 15}, {heed.ComplainantAdvocate, 5},
			{heed.ComplainantProfessional, 5}, {heed.ComplainantParent, 5},
		},
		advocacy: []weighted[heed.Advocacy]{{heed.AdvocacyOffered, 50}, {heed.AdvocacyProvided, 35}, {heed.AdvocacyNone, 15}},
		// Of 125 complaints in the seed year, 7.2% were upheld and 15.2%
		// partially upheld.
		firstOutcome: []weighted[heed.Outcome]{
			{heed.OutcomeUpheld, 8}, {heed.OutcomePartiallyUpheld, 17}, {heed.OutcomeNotUpheld, 57},
			{heed.OutcomeWithdrawn, 6}, {heed.OutcomeResolvedEarly, 12}, {heed.OutcomeRefused, 2},
		},
		laterOutcome: []weighted[heed.Outcome]{
			{heed.OutcomeUpheld, 8}, {heed.OutcomePartiallyUpheld, 25}, {heed.OutcomeNotUpheld, 62}, {heed.OutcomeWithdrawn, 5},
		},
		decisions: []weighted[heed.OmbudsmanDecision]{
			{heed.DecisionPremature, 15}, {heed.DecisionAdviceGiven, 3}, {heed.DecisionIncompleteInvalid, 5},
			{heed.DecisionClosedAfterInitial, 35}, {heed.DecisionNotUpheld, 12}, {heed.DecisionUpheld, 20},
			{heed.DecisionUpheldRemediedByCouncil, 10},
		},
		refusals: []weighted[heed.RefusalReason]{
			{heed.RefusedOutOfTime, 40}, {heed.RefusedLegalProceedings, 10}, {heed.RefusedPreviouslyConsidered, 25},
			{heed.RefusedNotAComplaint, 20}, {heed.RefusedOther, 5},
		},
		remedies: []weighted[heed.RemedyType]{
			{heed.RemedyApology, 30}, {heed.RemedyFinancial, 25}, {heed.RemedyAction, 15}, {heed.RemedyExplanation, 10},
			{heed.RemedyReconsidered, 5}, {heed.RemedyRecordCorrected, 5}, {heed.RemedyPolicyChange, 5}, {heed.RemedyTraining, 5},
		},

		elements: []string{"Communication with the family", "Delay in responding", "Conduct of a member of staff",
			"Accuracy of a record", "The decision reached", "Sharing of information", "Support offered"},
		investigators: [][]string{
			{"Team Manager", "Service Manager", "Senior Practitioner"},
			{"Independent Investigating Officer", "Head of Service"},
			{"Review Panel"},
		},
		extensions: []string{"Complex investigation needing information from several teams", "Investigating officer on leave",
			"Waiting for information from a partner agency", "Response date agreed with the complainant"},
		lessons: []string{
			"Staff to introduce themselves and explain the reason for a visit.",
			"Minutes of reviews to be sent out within the agreed time.",
			"Complaints to be passed to the Customer Relations Team on the day they arrive.",
			"Decisions to be explained in writing in plain language.",
			"Contact arrangements to be agreed with families in advance.",
			"Calls for an absent worker to be passed to the duty worker.",
		},
		actions: []string{"Remind all staff at the next team meeting", "Update the procedure and the information pack",
			"Provide refresher training on letter writing", "Monitor through supervision for three months",
			"Review the contract with the provider"},
		owners: []string{"Head of Service", "Service Manager", "Team Manager", "Principal Social Worker",
			"Customer Relations Manager", "Training and Development Officer"},
		evidence: []string{"Team meeting minutes", "Training attendance list", "Updated procedure published", "Supervision records"},
		comments: []string{"Suggests longer opening hours.", "Suggests letters in plainer language.",
			"Says the online form is hard to use.", "Suggests a text reminder before appointments."},
		enquiries: []string{"Asks, for a constituent, for background information on a case.",
			"Asks, for a constituent, the reasons for a decision.", "Asks, for a constituent, for a service to be provided.",
			"Asks, for a constituent, for the outcome of a complaint to be reviewed."},
		sars:        []string{"Asks for a copy of the personal data held about them.", "Asks for copies of emails about them."},
		careRecords: "Asks for the records from their time in care.",
		ombudsman:   []string{"The Ombudsman asks for information about a complaint.", "The Ombudsman will investigate a complaint."},
	}
	for _, a := range all {
		c.areas = append(c.areas, weighted[*area]{a, a.weight})
		a.compliments = make([][]string, len(a.teams))
		for i, t := range a.teams {
			a.compliments[i] = []string{
				"Thanks the " + t + " team for going the extra mile.",
				"Praises a member of the " + t + " team for their patience and care.",
				"Says the " + t + " team made a real difference to the family.",
			}
		}
	}
	first := []string{"Olivia", "Amelia", "Jack", "Oliver", "Harry", "Sophie", "Sarah", "David", "Emma", "James",
		"Claire", "Mark", "Laura", "Paul", "Rachel", "Michael", "Karen", "Daniel", "Lucy", "Thomas",
		"Isla", "Noah", "Grace", "George", "Freya", "Leo", "Ava", "Arthur", "Mia", "Oscar",
		"Ella", "Charlie", "Poppy", "Jacob", "Evie", "Alfie", "Ruby", "Joshua", "Chloe", "Ethan",
		"Hannah", "Samuel", "Megan", "Adam", "Zara", "Ryan", "Aisha", "Omar", "Priya", "Arjun",
		"Fatima", "Yusuf", "Nadia", "Kofi", "Amara", "Tariq", "Leah", "Connor", "Niamh", "Rhys"}
	// Surnames are plainly made up, so that nobody exploring a demo or a
	// benchmark's data mistakes a name in it for a real person's; there are
	// a hundred, so that one is about as common as the commonest real one
	// (1%), and a million records give a name to 170 or so of them.
	var last []string
	for _, stem := range []string{"Sample", "Demo", "Test", "Example", "Mock", "Placeholder", "Fiction", "Invent", "Pretend", "Proxy"} {
		for _, end := range []string{"ton", "ford", "well", "by", "ridge", "field", "worth", "ley", "dale", "bury"} {
			last = append(last, stem+end)
		}
	}
	for _, f := range first {
		for _, l := range last {
			c.names = append(c.names, f+" "+l)
		}
	}
	return c
}

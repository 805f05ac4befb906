package public

import (
	"strconv"

	"github.com/heedhq/heed"
)

// words are what a version of the details form says: plain language on a
// young person's.
type words struct {
	Title, Caption                  string
	Name, NameHint                  string
	Email, EmailHint                string
	Phone                           string
	Service, ServiceHint            string
	Summary, SummaryHint            string
	Outcome, OutcomeHint            string
	Advocate, AdvocateHint          string
	AdvocateYes, AdvocateNo, Unsure string
	Files, Continue                 string
	BehalfName, BehalfRelation      string
	BehalfWhy, BehalfWhyHint        string
	Young                           bool
}

// kindTitle is the start of each kind's pages.
func kindTitle(k heed.SubmissionKind, young bool) string {
	if young {
		return map[heed.SubmissionKind]string{heed.KindComplaint: "Tell us something is wrong",
			heed.KindCompliment: "Say thank you", heed.KindComment: "Tell us what you think"}[k]
	}
	return map[heed.SubmissionKind]string{heed.KindComplaint: "Make a complaint",
		heed.KindCompliment: "Pay a compliment", heed.KindComment: "Leave a comment"}[k]
}

func wordsFor(k heed.SubmissionKind, f heed.SubmissionForm, fileHint string) words {
	w := words{
		Title: kindTitle(k, f.Young()), Caption: kindTitle(k, f.Young()),
		Name: "Your full name", Email: "Email address (optional)",
		EmailHint: "We will email you your reference, and reply by email.",
		Phone:     "Telephone number (optional)",
		Service:   "Which council service is it about? (optional)", ServiceHint: "For example, bin collections, housing or children's social care.",
		Summary: map[heed.SubmissionKind]string{heed.KindComplaint: "What is your complaint about?",
			heed.KindCompliment: "What would you like to thank us for?", heed.KindComment: "What is your comment?"}[k],
		SummaryHint: map[heed.SubmissionKind]string{heed.KindComplaint: "Tell us what happened, when, and who was involved.",
			heed.KindCompliment: "Tell us who helped you and how. We will pass your thanks on.",
			heed.KindComment:    "Tell us your idea or what you noticed."}[k],
		Outcome: "What would put it right? (optional)", OutcomeHint: "For example, an apology, a decision looked at again, or a repair.",
		Files:    fileHint,
		Continue: "Continue",
	}
	switch f {
	case heed.FormOnBehalf:
		w.BehalfName, w.BehalfRelation = "Their full name", "Who are they to you?"
		w.BehalfWhy = "Why may you act for them?"
		w.BehalfWhyHint = "For example: they asked me to, I have parental responsibility, or I hold a power of attorney. We may check with them that they agree."
		w.Summary = map[heed.SubmissionKind]string{heed.KindComplaint: "What is their complaint about?",
			heed.KindCompliment: "What would they like to thank us for?", heed.KindComment: "What is their comment?"}[k]
	case heed.FormUnder12:
		w.Young = true
		w.Name, w.NameHint = "What is your name?", "Your first name and last name."
		w.Email, w.EmailHint = "Email address (you do not have to give one)", "Only if you want us to write to you by email."
		w.Phone = "Phone number (you do not have to give one)"
		w.Service, w.ServiceHint = "Who is it about? (you do not have to say)", "For example, your social worker, your foster carer or your school bus."
		w.Summary = map[heed.SubmissionKind]string{heed.KindComplaint: "What is wrong?",
			heed.KindCompliment: "Who do you want to thank, and why?", heed.KindComment: "What do you want to tell us?"}[k]
		w.SummaryHint = "Write as much or as little as you like. You will not get into trouble for telling us."
		w.Outcome, w.OutcomeHint = "What would make it better? (you do not have to say)", ""
		w.Advocate = "Would you like someone to help you?"
		w.AdvocateHint = "An advocate is a grown-up who is on your side. They can help you tell us what you think. It is free."
		w.AdvocateYes, w.AdvocateNo, w.Unsure = "Yes please", "No thank you", "I am not sure"
		w.Files = "You can add a photo or a letter if you want to. " + fileHint
	case heed.FormOver12:
		w.Young = true
		w.Name = "Your name"
		w.Email, w.EmailHint = "Email address (optional)", "Only if you want us to reply by email."
		w.Phone = "Phone number (optional)"
		w.Service, w.ServiceHint = "Which service or person is it about? (optional)", "For example, your social worker, leaving care team or school transport."
		w.Summary = map[heed.SubmissionKind]string{heed.KindComplaint: "What has gone wrong?",
			heed.KindCompliment: "Who would you like to thank, and why?", heed.KindComment: "What do you want to tell us?"}[k]
		w.SummaryHint = "Tell us what happened and when. You will not get into trouble for telling us."
		w.Outcome, w.OutcomeHint = "What would you like to happen? (optional)", ""
		w.Advocate = "Would you like an advocate to help you?"
		w.AdvocateHint = "An advocate is someone independent who helps you say what you want and makes sure you are listened to. It is free, and it is your choice."
		w.AdvocateYes, w.AdvocateNo, w.Unsure = "Yes", "No", "I am not sure: tell me more"
	}
	return w
}

func itoa(n int) string { return strconv.Itoa(n) }

// byteSize shows a size in whole megabytes or kilobytes: "10 MB".
func byteSize(n int64) string {
	if n >= 1<<20 {
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	return strconv.FormatInt(max(n>>10, 1), 10) + " KB"
}

package corpus

// english returns the English locale.
func english() *locale {
	return &locale{
		code: "en",
		sections: []section{
			{secWhyHard, "Why this role is hard to hire"},
			{secLookFor, "What to look for"},
			{secStructure, "How to structure the interview"},
			{secQuestions, "Sample questions"},
			{secMistakes, "Common mistakes"},
			{secRedFlags, "Red flags"},
			{secTips, "Interviewing tips"},
		},
		titleFmt:  "How to hire a %s %s",
		domainFmt: " for %s",
		domains: []string{
			"Payments", "Logistics", "Healthcare", "Search", "Identity", "Billing",
			"Growth", "Marketplaces", "Media", "Insurance", "Travel", "Energy",
		},
		skills: []string{
			"Problem decomposition", "API design", "SQL fluency", "Trade-off reasoning",
			"Debugging under pressure", "System design thinking", "Readable code",
			"Stakeholder communication", "Incident response", "Data modelling",
			"Testing discipline", "Mentoring", "Prioritisation", "Written communication",
			"Performance tuning", "Security awareness",
		},
		rounds: []string{
			"Technical screen", "Live coding", "Take-home review", "System design",
			"Code review exercise", "Behavioral interview", "Case study", "Team fit conversation",
		},
		summaries: []string{
			"A practical plan for hiring a %s who can reason about trade-offs, communicate clearly and keep systems healthy, with interview rounds and sample questions.",
			"How to find, assess and hire a %s: what to look for, how to run each round and which answers separate strong candidates from weak ones.",
			"A structured interview loop for a %s, with the signals that predict success, the mistakes interviewers make and the red flags to watch for.",
		},
		subjects: []string{
			"A strong candidate", "The interviewer", "A typical team", "A good process", "The hiring manager",
			"Every round", "The best engineer", "A careful reviewer", "A weak candidate", "The panel",
			"An experienced lead", "A structured rubric", "The recruiter", "Your team", "A thoughtful answer",
			"The coding exercise", "A senior colleague", "The design conversation", "A new hire", "The final round",
		},
		verbs: []string{
			"explains", "reviews", "measures", "questions", "documents", "compares", "challenges",
			"simplifies", "tests", "describes", "prioritises", "reveals", "defends", "revisits",
			"breaks down", "clarifies", "estimates", "traces", "summarises", "improves",
		},
		objects: []string{
			"the trade-offs of the design", "how the service behaves under load", "the cost of each decision",
			"the failure modes of the system", "the data model behind the feature", "the assumptions in the brief",
			"the edge cases nobody mentioned", "the latency budget of the request", "the rollout plan for the change",
			"the ownership of each component", "the metrics that matter to the business", "the risks of a rewrite",
			"the boundaries between services", "the test strategy for the release", "the shape of the public API",
			"the migration path for old clients", "the on-call burden of the team", "the security model of the product",
			"the quality of the existing code", "the scope of the first milestone",
		},
		tails: []string{
			"before writing any code", "in the first week", "when the tests fail", "under real constraints",
			"with honest numbers", "without being prompted", "in plain language", "as the scope grows",
			"during a production incident", "for a non-technical audience", "with a concrete example",
			"after the first iteration", "when requirements change", "in a short written note",
			"while the clock is running", "on a whiteboard",
		},
		stems: []string{
			"How would you approach", "Walk me through", "What trade-offs do you see in",
			"Tell me about a time you handled", "How would you explain", "What would you change about",
			"How would you test", "Describe how you would measure", "Where would you start with",
			"What questions would you ask about",
		},
		leads: []string{
			"Clear reasoning.", "Ownership.", "Curiosity.", "Pragmatism.", "Rigour.", "Communication.",
			"Judgement.", "Focus.", "Empathy.", "Reliability.", "Craft.", "Candour.",
		},
		subheads: []string{
			"What changes at %s level", "A shorter loop for %s candidates", "Calibrating the bar for %s hires",
			"Scoring %s answers consistently", "Warning signs specific to %s profiles",
		},
		tableHead: [3]string{"Signal", "Strong answer", "Weak answer"},
		tableCells: []string{
			"names the constraint first", "asks about scale", "states a clear trade-off", "measures before changing",
			"writes a failing test", "admits what they do not know", "jumps to a tool", "guesses at the cause",
			"ignores the data", "repeats buzzwords", "blames others", "skips error handling",
		},
		example: "for example",
		linkLeads: []string{
			"If you are also hiring for a neighbouring role, see %s.",
			"The %s guide covers a related loop in more detail.",
			"Compare the process with %s to keep the bar consistent.",
			"For the questions you can reuse, read %s.",
		},
		indexTitle:   "Hiring guides",
		indexSummary: "Practical, structured guides for hiring engineers, data people, operators, managers and product people.",
		indexBody:    "Each guide explains why the role is hard to hire, what to look for, how to structure the interview and which questions to ask, with notes on strong and weak answers.",
	}
}

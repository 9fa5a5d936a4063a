package corpus

// italian returns the Italian locale.
func italian() *locale {
	return &locale{
		code: "it",
		sections: []section{
			{secWhyHard, "Perché è difficile assumere questo ruolo"},
			{secLookFor, "Cosa cercare"},
			{secStructure, "Come strutturare il colloquio"},
			{secQuestions, "Domande di esempio"},
			{secMistakes, "Errori comuni"},
			{secRedFlags, "Segnali d'allarme"},
			{secTips, "Consigli per il colloquio"},
		},
		titleFmt:  "Come assumere un %s %s",
		domainFmt: " per %s",
		domains: []string{
			"i pagamenti", "la logistica", "la sanità", "la ricerca", "l'identità digitale", "la fatturazione",
			"la crescita", "i marketplace", "i media", "le assicurazioni", "i viaggi", "l'energia",
		},
		skills: []string{
			"Scomposizione dei problemi", "Progettazione di API", "Padronanza di SQL", "Valutazione dei compromessi",
			"Debug sotto pressione", "Visione di sistema", "Codice leggibile",
			"Comunicazione con gli stakeholder", "Gestione degli incidenti", "Modellazione dei dati",
			"Disciplina nei test", "Mentoring", "Definizione delle priorità", "Comunicazione scritta",
			"Ottimizzazione delle prestazioni", "Attenzione alla sicurezza",
		},
		rounds: []string{
			"Screening tecnico", "Coding dal vivo", "Revisione del compito a casa", "Progettazione di sistema",
			"Esercizio di code review", "Colloquio comportamentale", "Caso di studio", "Conversazione con il team",
		},
		summaries: []string{
			"Un piano pratico per assumere un %s capace di valutare i compromessi, comunicare con chiarezza e mantenere sani i sistemi, con fasi del colloquio e domande di esempio.",
			"Come trovare, valutare e assumere un %s: cosa cercare, come condurre ogni fase e quali risposte distinguono i candidati forti da quelli deboli.",
			"Un percorso di colloquio strutturato per un %s, con i segnali che predicono il successo, gli errori dei selezionatori e i segnali d'allarme.",
		},
		subjects: []string{
			"Un buon candidato", "Chi conduce il colloquio", "Un team tipico", "Un buon processo",
			"Il responsabile delle assunzioni", "Ogni fase", "Il miglior ingegnere", "Un revisore attento",
			"Un candidato debole", "La commissione", "Un responsabile esperto", "Una griglia di valutazione",
			"Il recruiter", "Il vostro team", "Una risposta ponderata", "L'esercizio di coding",
			"Un collega senior", "La discussione di progetto", "Un nuovo assunto", "Il colloquio finale",
		},
		verbs: []string{
			"spiega", "rivede", "misura", "mette in discussione", "documenta", "confronta", "contesta",
			"semplifica", "verifica", "descrive", "ordina per priorità", "rivela", "difende", "riconsidera",
			"scompone", "chiarisce", "stima", "ricostruisce", "riassume", "migliora",
		},
		objects: []string{
			"i compromessi del progetto", "il comportamento del servizio sotto carico", "il costo di ogni decisione",
			"i modi in cui il sistema può guastarsi", "il modello dei dati dietro la funzionalità",
			"le ipotesi contenute nella richiesta", "i casi limite che nessuno ha citato",
			"il budget di latenza della richiesta", "il piano di rilascio della modifica",
			"la responsabilità di ogni componente", "le metriche che contano per il business",
			"i rischi di una riscrittura", "i confini tra i servizi", "la strategia di test del rilascio",
			"la forma dell'API pubblica", "il percorso di migrazione per i vecchi client",
			"il carico di reperibilità del team", "il modello di sicurezza del prodotto",
			"la qualità del codice esistente", "il perimetro del primo traguardo",
		},
		tails: []string{
			"prima di scrivere codice", "nella prima settimana", "quando i test falliscono", "con vincoli reali",
			"con numeri onesti", "senza che glielo si chieda", "con parole semplici", "man mano che il perimetro cresce",
			"durante un incidente in produzione", "per un pubblico non tecnico", "con un esempio concreto",
			"dopo la prima iterazione", "quando i requisiti cambiano", "in una breve nota scritta",
			"mentre il tempo scorre", "alla lavagna",
		},
		stems: []string{
			"Come affronteresti", "Raccontami", "Quali compromessi vedi valutando", "Parlami di una volta in cui hai gestito",
			"Come spiegheresti", "Cosa cambieresti dopo aver analizzato", "Come verificheresti", "Descrivi come misureresti",
			"Da dove partiresti con", "Quali domande faresti su",
		},
		leads: []string{
			"Ragionamento chiaro.", "Senso di responsabilità.", "Curiosità.", "Pragmatismo.", "Rigore.",
			"Comunicazione.", "Giudizio.", "Concentrazione.", "Empatia.", "Affidabilità.", "Cura del mestiere.",
			"Franchezza.",
		},
		subheads: []string{
			"Cosa cambia al livello %s", "Un percorso breve per profili %s", "Calibrare il livello per assunzioni %s",
			"Valutare in modo coerente le risposte %s", "Segnali tipici dei profili %s",
		},
		tableHead: [3]string{"Segnale", "Risposta forte", "Risposta debole"},
		tableCells: []string{
			"nomina prima il vincolo", "chiede della scala", "dichiara un compromesso chiaro", "misura prima di cambiare",
			"scrive un test che fallisce", "ammette ciò che non sa", "salta subito a uno strumento",
			"tira a indovinare la causa", "ignora i dati", "ripete parole di moda", "dà la colpa agli altri",
			"trascura la gestione degli errori",
		},
		example: "per esempio",
		linkLeads: []string{
			"Se state assumendo anche per un ruolo vicino, vedete %s.",
			"La guida %s descrive un percorso simile più in dettaglio.",
			"Confrontate il processo con %s per mantenere coerente il livello.",
			"Per le domande riutilizzabili, leggete %s.",
		},
		indexTitle:   "Guide alle assunzioni",
		indexSummary: "Guide pratiche e strutturate per assumere ingegneri, profili data, operations, manager e product.",
		indexBody:    "Ogni guida spiega perché il ruolo è difficile da coprire, cosa cercare, come strutturare il colloquio e quali domande fare, con note sulle risposte forti e deboli.",
	}
}

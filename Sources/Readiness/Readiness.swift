// Readiness owns the readiness model: it turns evidence (answers with time and confidence, exam
// results, later lab results, and the learner's self-assessment) into a per-area mastery estimate
// with an uncertainty interval and a red/yellow/green/grey status, a predicted exam score with a
// pass probability, and the scorecard in text, Markdown, JSON and HTML. Pure; no I/O.

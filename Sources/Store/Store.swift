// Store owns the state home's SQLite database (one file, WAL mode, versioned migrations through
// GRDB) and the typed records every feature keeps there: answers as they are given, practice and
// exam sessions, spaced-repetition cards and self-assessments. It knows nothing of packs or
// scoring rules; callers pass plain values in and get plain values out, so the exam, readiness
// and (later) workspace modules stay pure and testable without a database.

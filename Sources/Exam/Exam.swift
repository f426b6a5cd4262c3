// Exam owns the question bank and everything done with it: the pack format and its validation
// (file:line:column diagnostics), the exam outline as data, question types and answer checking,
// practice and mock-exam sessions as state machines, form drawing to the domain weights, the
// scaled score, and spaced repetition. It is pure apart from reading pack files.

import ArgumentParser

/// In Shell, `@Option` means ArgumentParser's property wrapper, not `Exam.Option` (an answer option).
typealias Option<Value> = ArgumentParser.Option<Value>

/// What to look evidence up by.
public enum LookupQuery: Sendable, Equatable {
    /// The original file's SHA-256, whole or a prefix of at least 12 hex digits.
    case sha256(String)
    /// A decoded picture's SHA-256 (64 hex digits): every exhibit and frame that has it.
    case frameSHA256(String)
    /// Every exhibit of a case.
    case caseID(String)
    /// Every exhibit whose source (as amended) is exactly this name.
    case source(String)
    /// Every exhibit whose source (as amended) contains the text, ASCII letters in either case.
    case sourceContains(String)
}

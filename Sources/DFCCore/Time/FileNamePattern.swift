/// How one camera's exports carry the recording's time in their file names, as the operator
/// registers it (`dfc source add … --file-name-time ch??_DD-MM-YYYY_hh.mm.ss.*`): `YYYY`, `MM`,
/// `DD`, `hh`, `mm` (each required), `ss` and `fff` (milliseconds) stand for that many digits;
/// `*` for any run of characters and `?` for any one; `\` takes the next character as itself;
/// every other character stands for itself. The whole name must match: a recorder that writes
/// day before month (`03-11-2026`) is read as it writes, never by a guess at the order.
package struct FileNamePattern: Sendable, Equatable {
    /// The pattern as registered.
    package let text: String
    private let elements: [Element]

    private enum Element: Equatable {
        case anyRun, anyOne, character(Unicode.Scalar), digit(Field)
    }

    private enum Field: Int, CaseIterable {
        case year, month, day, hour, minute, second, millisecond

        package var token: String { ["YYYY", "MM", "DD", "hh", "mm", "ss", "fff"][rawValue] }

        /// The fields longest token first, as the pattern is scanned (`YYYY` before `MM`).
        package static let longestFirst = allCases.sorted { $0.token.count > $1.token.count }
    }

    /// The longest pattern, and the longest name, this reads.
    package static let longest = 200, longestName = 1024

    /// Reads `text`; throws `invalidArgument` naming what is wrong with it.
    package init(_ text: String) throws {
        guard !text.isEmpty, text.unicodeScalars.count <= Self.longest, !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DFCError.invalidArgument("--file-name-time \(text): give a pattern of one line, at most \(Self.longest) characters")
        }
        let scalars = Array(text.unicodeScalars)
        var elements: [Element] = []
        var seen: Set<Int> = []
        var i = 0
        scan: while i < scalars.count {
            if scalars[i] == "\\" {
                guard i + 1 < scalars.count else {
                    throw DFCError.invalidArgument("--file-name-time \(text): a \\ at the end takes no character as itself")
                }
                elements.append(.character(scalars[i + 1]))
                i += 2
                continue
            }
            for field in Field.longestFirst {
                let token = Array(field.token.unicodeScalars)
                guard i + token.count <= scalars.count, Array(scalars[i..<(i + token.count)]) == token else { continue }
                guard seen.insert(field.rawValue).inserted else {
                    throw DFCError.invalidArgument("--file-name-time \(text): \(field.token) appears twice; a name carries one time")
                }
                elements += Array(repeating: .digit(field), count: token.count)
                i += token.count
                continue scan
            }
            elements.append(scalars[i] == "*" ? .anyRun : scalars[i] == "?" ? .anyOne : .character(scalars[i]))
            i += 1
        }
        let missing = [Field.year, .month, .day, .hour, .minute].filter { !seen.contains($0.rawValue) }
        guard missing.isEmpty else {
            throw DFCError.invalidArgument("--file-name-time \(text): it has no \(missing.map(\.token).joined(separator: ", ")); "
                + "a pattern names at least the year, month, day, hour and minute (YYYY MM DD hh mm; ss and fff when the name has them)")
        }
        self.text = text
        self.elements = elements
    }

    /// The time `name` carries, with the part of the name it was read from, or nil when the
    /// name does not match or its digits are no date and time (month 13, hour 24).
    package func time(in name: String) -> (text: String, time: CivilTime)? {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count <= Self.longestName, let at = match(scalars) else { return nil }
        var values = Array(repeating: 0, count: Field.allCases.count)
        var first = Int.max, last = -1
        for (index, element) in elements.enumerated() {
            guard case .digit(let field) = element, let digit = Self.digit(scalars[at[index]]) else { continue }
            values[field.rawValue] = values[field.rawValue] * 10 + digit
            (first, last) = (min(first, at[index]), max(last, at[index]))
        }
        let time = CivilTime(year: values[0], month: values[1], day: values[2], hour: values[3], minute: values[4], second: values[5],
                             nanoseconds: values[6] * 1_000_000)
        guard time.isValid, first <= last else { return nil }
        return (String(String.UnicodeScalarView(scalars[first...last])), time)
    }

    /// Where in `name` each element matched (`-1` for `*`), or nil when the whole name does not
    /// match: the wildcard algorithm that goes back to the last `*` on a mismatch, linear in the
    /// name times the pattern at worst.
    private func match(_ name: [Unicode.Scalar]) -> [Int]? {
        var at = Array(repeating: -1, count: elements.count)
        var p = 0, t = 0, star = -1, resume = 0
        func fits(_ element: Element, _ scalar: Unicode.Scalar) -> Bool {
            switch element {
            case .anyRun: false
            case .anyOne: true
            case .character(let c): c == scalar
            case .digit: Self.digit(scalar) != nil
            }
        }
        while t < name.count {
            if p < elements.count, elements[p] == .anyRun {
                (star, resume) = (p, t)
                p += 1
            } else if p < elements.count, fits(elements[p], name[t]) {
                at[p] = t
                p += 1
                t += 1
            } else if star >= 0 {
                resume += 1
                (p, t) = (star + 1, resume)
            } else {
                return nil
            }
        }
        while p < elements.count, elements[p] == .anyRun { p += 1 }
        return p == elements.count ? at : nil
    }

    private static func digit(_ scalar: Unicode.Scalar) -> Int? {
        ("0"..."9").contains(scalar) ? Int(scalar.value) - 0x30 : nil
    }
}

import Foundation

/// How footage comes into the store: one file, a batch over a folder tree (resumable), and
/// analysing an exhibit again with today's libraries.
public struct Intake: StoreService {
    package let context: StoreContext
}

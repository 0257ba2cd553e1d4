import Foundation

/// Searching the store's exhibits by picture and by list: PDQ matching of an image, a PDQ
/// hash or a video against every exhibit's hashes, and hash lists (SHA-256, MD5, PDQ).
/// Every search appends a signed `searched` event naming what was asked and what was found.
public struct Search: StoreService {
    package let context: StoreContext
}
